"""No overselling: stock is locked, checked and allocated in the order's own transaction."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from oscar.core import prices
from oscar.core.loading import get_class, get_model

from order.exceptions import InsufficientStock
from order.models import PaymentMethod
from tests.races import race

from .conftest import Shopper

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
OrderCreator = get_class("order.utils", "OrderCreator")
ProducerDelivery = get_class("shipping.methods", "ProducerDelivery")
Selector = get_class("partner.strategy", "Selector")


def basket_with(product, quantity):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    basket.add_product(product, quantity)
    return basket


def place(basket):
    method = ProducerDelivery()
    charge = method.calculate(basket)
    total = prices.Price(
        currency=basket.currency,
        excl_tax=basket.total_excl_tax + charge.excl_tax,
        incl_tax=basket.total_incl_tax + charge.incl_tax,
    )
    return OrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=method,
        shipping_charge=charge,
        payment_method=PaymentMethod.COD,
    )


@pytest.mark.django_db
def test_an_order_for_more_than_is_left_writes_nothing(products):
    product = products[0]
    basket = basket_with(product, 3)
    # Between the basket page and the order button, someone else's order takes 4 of the 5.
    StockRecord.objects.filter(product=product).update(num_allocated=4)

    with pytest.raises(InsufficientStock) as refused:
        place(basket)

    assert refused.value.shortages == [("Vải thiều thử", 3, 1)]
    assert "Vải thiều thử" in refused.value.messages()[0]
    assert not Order.objects.exists()
    record = StockRecord.objects.get(product=product)
    assert (record.num_in_stock, record.num_allocated) == (5, 4)


@pytest.mark.django_db
def test_an_order_allocates_what_it_sells(products):
    order = place(basket_with(products[0], 2))
    record = StockRecord.objects.get(product=products[0])
    assert (record.num_in_stock, record.num_allocated) == (5, 2)
    assert order.fulfilments.get().shipping_charge == 30000
    assert order.total_incl_tax == Decimal(300000) + 30000


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_buyers_racing_for_the_last_units_never_oversell(commune, products):
    """Ten buyers, each wanting 2 of the 6 units left, press "place order" at the same moment."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's: run with DATABASE_URL=postgres://… (CI does)")
    product = products[0]
    StockRecord.objects.filter(product=product).update(num_in_stock=6, num_allocated=0)

    buyers = []
    for number in range(10):
        shopper = Shopper(Client(), commune)
        shopper.add(product, 2)
        shopper.start_as_guest(f"buyer{number}@example.com")
        shopper.give_address()
        shopper.choose_payment("cod")
        buyers.append(shopper)

    outcomes = race(lambda shopper: shopper.place_order()["Location"], buyers)

    assert len(outcomes) == 10
    assert outcomes.count("/shop/checkout/thank-you/") == 3
    assert outcomes.count("/shop/basket/") == 7
    record = StockRecord.objects.get(product=product)
    assert (record.num_in_stock, record.num_allocated) == (6, 6)
    assert record.net_stock_level == 0
    assert Order.objects.count() == 3
    assert sum(line.quantity for order in Order.objects.all() for line in order.lines.all()) == 6
    # The seven who lost keep their baskets, open, with what they wanted.
    assert Basket.objects.filter(status=Basket.OPEN, lines__quantity=2).count() == 7


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_double_click_on_place_order_places_one_order(commune, products):
    """Two requests of one session race to place the same basket: one order, and both end on
    the thank-you page (the second waits for the basket's row, then finds it placed)."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's: run with DATABASE_URL=postgres://… (CI does)")
    first = Shopper(Client(), commune)
    first.add(products[0])
    first.start_as_guest()
    first.give_address()
    first.choose_payment("cod")
    second = Client()
    second.cookies = first.client.cookies  # the same browser, clicking twice

    def click(client):
        return client.post("/shop/checkout/preview/", {"action": "place_order"})["Location"]

    outcomes = race(click, [first.client, second])

    assert Order.objects.count() == 1
    assert outcomes == ["/shop/checkout/thank-you/"] * 2
    record = StockRecord.objects.get(product=products[0])
    assert record.num_allocated == 1
