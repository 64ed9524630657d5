"""Two producers who sold through the real checkout, with logins, for the sales figures."""

import datetime

import pytest
from oscar.core.loading import get_model

from core.clock import VIETNAM, vietnam_today
from order.fulfilment import fulfilment_advance
from tests.catalog.factories import ProductFactory
from tests.shopping import Shopper

Order = get_model("order", "Order")


def vietnam_time(*args):
    return datetime.datetime(*args, tzinfo=VIETNAM)


def this_month(day=2, hour=12):
    """A moment of the current month in Vietnam, the same whatever day the tests run."""
    today = vietnam_today()
    return vietnam_time(today.year, today.month, day, hour)


@pytest.fixture
def sales(products, commune, client, producer_user, committed):
    """HTX Vải (A) sells lychee (150.000 ₫) and dried lychee (60.000 ₫), HTX Mật ong (B)
    honey (90.000 ₫); the delivery fee is the default 30.000 ₫ a part. Orders, all placed on
    the 2nd of the current month:

    - `shared`: 1 lychee and 1 honey (A: 150.000 + 30.000, B: 90.000 + 30.000);
    - `a_big`: 2 lychee and 1 dried lychee (A: 360.000 + 30.000);
    - `a_cancelled`: 1 dried lychee, A's part cancelled (nothing for A);
    - `b_only`: 2 honey (B: 180.000 + 30.000).
    """
    lychee, honey = products
    a, b = lychee.stockrecords.get().partner, honey.stockrecords.get().partner
    dried = ProductFactory(
        title="Vải sấy thử", stockrecords__price=60000, stockrecords__num_in_stock=10, stockrecords__partner=a
    )

    def buy(email, *items):
        shopper = Shopper(client, commune)
        for product, quantity in items:
            shopper.add(product, quantity)
        shopper.start_as_guest(email)
        shopper.give_address()
        shopper.choose_payment("cod")
        response = shopper.place_order()
        assert response.status_code == 302, response.content[:500]
        client.cookies.clear()
        return Order.objects.get(guest_email=email)

    with committed():
        shared = buy("shared@example.com", (lychee, 1), (honey, 1))
        a_big = buy("a-big@example.com", (lychee, 2), (dried, 1))
        a_cancelled = buy("a-cancelled@example.com", (dried, 1))
        b_only = buy("b-only@example.com", (honey, 2))
        fulfilment_advance(
            part=a_cancelled.fulfilments.get(partner=a), action="cancel", reason="Hết hàng", notify=False
        )
    Order.objects.update(date_placed=this_month())
    return {
        "a": a,
        "b": b,
        "lychee": lychee,
        "dried": dried,
        "honey": honey,
        "a_user": producer_user(a, "a@htx-vai.example"),
        "b_user": producer_user(b, "b@htx-mat-ong.example"),
        "shared": shared,
        "a_big": a_big,
        "a_cancelled": a_cancelled,
        "b_only": b_only,
    }
