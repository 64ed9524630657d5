"""Orders placed for a buyer (`order.direct`): stock, prices, lots, parts, the pay link."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from oscar.core.loading import get_model

from order.direct import DirectLine, order_place_direct
from order.exceptions import InsufficientStock
from order.fulfilment import fulfilment_advance, order_cancel
from order.models import FulfilmentStatus, OrderStatus, PaymentMethod, PaymentStatus
from order.signals import order_cancelled
from tests.traceability.factories import LotFactory

Order = get_model("order", "Order")
Line = get_model("order", "Line")
Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

PAY_BY = datetime.datetime(2027, 6, 12, 3, 0, tzinfo=datetime.UTC)  # 10:00 in Vietnam


def stock(product):
    record = StockRecord.objects.get(product=product)
    return record.num_in_stock, record.num_allocated


def place(products, commune, **overrides):
    lychee, honey = products
    kwargs = {
        "lines": [
            DirectLine(product=lychee, quantity=2, unit_price=Decimal(120000)),
            DirectLine(product=honey, quantity=1, unit_price=Decimal(85000), title="Mật ong đặt trước"),
        ],
        "email": "hoa@example.com",
        "shipping_address": {
            "first_name": "Nguyễn Thị Hoa",
            "phone_number": "0912 345 678",
            "line1": "Số 12, thôn Kép",
            "commune": commune,
            "notes": "Gọi trước khi giao",
        },
        "shipping_charge": Decimal(30000),
        "pay_by": PAY_BY,
        "language": "en",
    }
    kwargs.update(overrides)
    return order_place_direct(**kwargs)


def test_places_an_unpaid_order_with_the_given_prices_one_part_per_producer(products, commune):
    lychee, honey = products
    order = place(products, commune)

    assert order.payment_method == PaymentMethod.UNCHOSEN
    assert order.payment_status == PaymentStatus.AWAITING
    assert order.status == OrderStatus.PLACED
    assert order.pay_by == PAY_BY
    assert order.language == "en"
    assert order.guest_email == "hoa@example.com" and order.user is None
    # 2 × 120.000 + 85.000, and 30.000 of delivery for each of the two producers
    assert order.total_incl_tax == Decimal(385000)
    assert order.shipping_incl_tax == Decimal(60000)
    assert order.amount_owed == Decimal(385000)
    lines = {line.product_id: line for line in order.lines.all()}
    assert lines[lychee.pk].unit_price_incl_tax == Decimal(120000)
    assert lines[lychee.pk].line_price_incl_tax == Decimal(240000)
    assert lines[lychee.pk].title == "Vải thiều thử"
    assert lines[honey.pk].title == "Mật ong đặt trước"
    assert lines[honey.pk].partner.name == "HTX Mật ong"
    assert lines[lychee.pk].status == FulfilmentStatus.PLACED
    assert sorted((part.partner.name, part.shipping_charge) for part in order.fulfilments.all()) == [
        ("HTX Mật ong", Decimal(30000)),
        ("HTX Vải", Decimal(30000)),
    ]
    assert stock(lychee) == (5, 2)
    assert stock(honey) == (5, 1)
    address = order.shipping_address
    assert (address.last_name, address.commune) == ("Nguyễn Thị Hoa", commune)
    assert address.line3 == commune.full_name
    assert str(address.phone_number.national_number) == "912345678"
    assert mail.outbox == []  # the caller tells the buyer


def test_the_order_number_follows_checkouts_scheme_without_clashing(products, commune):
    first = place(products, commune)
    second = place(products, commune)
    assert first.number == str(100000 + first.basket_id)
    assert second.number == str(100000 + second.basket_id)
    assert first.number != second.number
    assert Basket.objects.get(pk=first.basket_id).status == Basket.SUBMITTED


def test_records_the_lot_of_a_line(products, commune):
    lychee, _ = products
    lot = LotFactory(product=lychee)
    order = place(
        products, commune, lines=[DirectLine(product=lychee, quantity=1, unit_price=Decimal(1000), lot=lot)]
    )
    assert order.lines.get().lot == lot


def test_refuses_a_lot_of_another_product(products, commune):
    lychee, honey = products
    wrong = DirectLine(product=lychee, quantity=1, unit_price=Decimal(1000), lot=LotFactory(product=honey))
    with pytest.raises(ValueError):
        place(products, commune, lines=[wrong])
    assert not Order.objects.exists()


def test_a_visit_has_no_address_and_an_account_buyer(products, django_user_model):
    user = django_user_model.objects.create_user(username="lan", email="lan@example.com", password="x")
    lychee, _ = products
    order = order_place_direct(
        lines=[DirectLine(product=lychee, quantity=1, unit_price=Decimal(200000))],
        email="lan@example.com",
        user=user,
        shipping_address=None,
        pay_by=PAY_BY,
        language="vi",
    )
    assert order.shipping_address is None
    assert order.shipping_code == "no-shipping-required"
    assert order.user == user and order.email == "lan@example.com"
    assert order.total_incl_tax == Decimal(200000)


def test_refuses_more_than_the_stock_and_writes_nothing(products, commune):
    lychee, honey = products
    with pytest.raises(InsufficientStock) as refused:
        place(
            products,
            commune,
            lines=[
                DirectLine(product=honey, quantity=1, unit_price=Decimal(85000)),
                DirectLine(product=lychee, quantity=6, unit_price=Decimal(120000)),
            ],
        )
    assert refused.value.shortages == [("Vải thiều thử", 6, 5)]
    assert not Order.objects.exists()
    assert not Line.objects.exists()
    assert not Basket.objects.exists()
    assert stock(lychee) == (5, None)  # never allocated
    assert stock(honey) == (5, None)


def test_counts_what_others_hold_already(products, commune):
    lychee, _ = products
    place(products, commune, lines=[DirectLine(product=lychee, quantity=4, unit_price=Decimal(1))])
    with pytest.raises(InsufficientStock):
        place(products, commune, lines=[DirectLine(product=lychee, quantity=2, unit_price=Decimal(1))])
    assert Order.objects.count() == 1
    assert stock(lychee) == (5, 4)


def test_pay_link_opens_its_own_order_only(client, products, commune):
    order = place(products, commune)
    other = place(products, commune)
    assert order.get_pay_url() == f"/shop/orders/pay/{order.pay_token}/"
    response = client.get(order.get_pay_url())
    assert response.status_code == 200
    assert response.context["order"] == order
    assert other.pay_token != order.pay_token
    # A status link is not a pay link, and a tampered one opens nothing.
    assert client.get(f"/shop/orders/pay/{order.status_token}/").status_code == 404
    assert client.get(f"/shop/orders/pay/{order.pay_token[:-1]}x/").status_code == 404


class Heard:
    def __init__(self):
        self.calls = []

    def __call__(self, sender, order, reason, **kwargs):
        self.calls.append((order.number, order.status, reason))


@pytest.fixture
def heard():
    receiver = Heard()
    order_cancelled.connect(receiver, weak=False)
    yield receiver
    order_cancelled.disconnect(receiver)


def test_cancelling_an_order_sends_the_signal_once(products, commune, heard):
    order = place(products, commune)
    order_cancel(order=order, reason="không thanh toán", notify=False)
    assert heard.calls == [(order.number, OrderStatus.CANCELLED, "không thanh toán")]
    # cancelled again: nothing new
    order_cancel(order=order, reason="lần nữa", notify=False)
    assert len(heard.calls) == 1


def test_the_signal_waits_for_the_last_live_part(products, commune, heard):
    order = place(products, commune)
    first, second = order.fulfilments.order_by("partner__name")
    fulfilment_advance(part=first, action="cancel", reason="hết hàng", notify=False)
    assert heard.calls == []
    fulfilment_advance(part=second, action="cancel", reason="hỏng xe", notify=False)
    assert heard.calls == [(order.number, OrderStatus.CANCELLED, "hỏng xe")]


def test_the_signal_runs_inside_the_cancelling_transaction(products, commune):
    order = place(products, commune)
    lychee, _ = products

    def refuse(sender, order, reason, **kwargs):
        raise RuntimeError("a receiver failed")

    order_cancelled.connect(refuse, weak=False)
    try:
        with pytest.raises(RuntimeError):
            order_cancel(order=order, reason="x", notify=False)
    finally:
        order_cancelled.disconnect(refuse)
    order.refresh_from_db()
    assert order.status == OrderStatus.PLACED  # rolled back with the receiver's failure
    assert stock(lychee) == (5, 2)
