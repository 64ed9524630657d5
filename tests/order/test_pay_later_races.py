"""Orders placed for buyers, raced on PostgreSQL: the last units, and a double submit of the
pay page (run with DATABASE_URL=postgres://…; CI does)."""

from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from oscar.core.loading import get_model

from order.direct import DirectLine, order_place_direct
from order.exceptions import InsufficientStock
from order.models import PaymentMethod
from tests.order.conftest import PAY_BY
from tests.races import race

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's: run with DATABASE_URL=postgres://… (CI does)")


def test_orders_placed_at_once_for_the_last_units_never_oversell(products):
    """Five harvest orders, each of 2 of the 6 units left, placed at the same moment."""
    product = products[0]
    StockRecord.objects.filter(product=product).update(num_in_stock=6, num_allocated=0)

    def place(number):
        try:
            order_place_direct(
                lines=[DirectLine(product=product, quantity=2, unit_price=Decimal(100000))],
                email=f"buyer{number}@example.com",
                shipping_address=None,
                pay_by=PAY_BY,
                language="vi",
            )
        except InsufficientStock:
            return "refused"
        return "placed"

    outcomes = race(place, list(range(5)))
    assert sorted(outcomes) == ["placed"] * 3 + ["refused"] * 2
    record = StockRecord.objects.get(product=product)
    assert (record.num_in_stock, record.num_allocated) == (6, 6)
    assert Order.objects.count() == 3
    assert len(set(Order.objects.values_list("number", flat=True))) == 3


def test_a_double_submit_of_the_pay_page_chooses_once(direct_order):
    """Two requests of one buyer choose at the same moment (cash, then a transfer from another
    tab): one choice is kept, one confirmation is mailed, both land on the order's page."""
    mail.outbox.clear()

    def choose(method):
        response = Client().post(direct_order.get_pay_url(), {"method": method})
        return response.status_code, response["Location"]

    outcomes = race(choose, [PaymentMethod.COD, PaymentMethod.BANK_TRANSFER])
    assert outcomes == [(302, direct_order.get_status_url())] * 2
    direct_order.refresh_from_db()
    assert direct_order.payment_method in (PaymentMethod.COD, PaymentMethod.BANK_TRANSFER)
    assert direct_order.payment_chosen_at is not None
    assert [message.to for message in mail.outbox] == [["hoa@example.com"]]
