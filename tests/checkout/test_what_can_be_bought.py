"""Issue 14, stock: what an outsider can put in a basket and order, attacked over HTTP.

Only products on the shop (public and approved) can be bought; a guest holds at most
MARKETPLACE_GUEST_MAX_QUANTITY of one product; one address or phone places at most
MARKETPLACE_CHECKOUT_RATE_LIMIT orders an hour. Each refusal changes nothing."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from catalog.models import ModerationStatus
from tests.catalog.factories import ProductFactory
from tests.partner.factories import ProducerFactory

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


def basket_lines(client):
    response = client.get(reverse("basket:summary"))
    return [(line.product.title, line.quantity) for line in response.context["basket"].all_lines()]


def stock(product):
    record = StockRecord.objects.get(product=product)
    return record.num_in_stock, record.num_allocated


@pytest.mark.parametrize(
    "hidden",
    [
        {"is_public": False, "moderation_status": ModerationStatus.DRAFT},
        {"is_public": True, "moderation_status": ModerationStatus.DRAFT},
        {"is_public": True, "moderation_status": ModerationStatus.PENDING},
        {"is_public": True, "moderation_status": ModerationStatus.REJECTED},
        {"is_public": False, "moderation_status": ModerationStatus.PUBLISHED},
    ],
)
def test_a_product_not_on_the_shop_cannot_be_added_by_its_id(client, hidden):
    product = ProductFactory(title="Bản nháp", stockrecords__partner=ProducerFactory(), **hidden)
    before = stock(product)

    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}, follow=True)

    assert basket_lines(client) == []
    assert response.status_code == 200
    assert stock(product) == before


def test_a_product_taken_off_the_shop_after_it_was_added_cannot_be_ordered(shopper, products):
    first, second = products
    before = [stock(product) for product in products]
    shopper.add(first)
    shopper.add(second)
    type(first).objects.filter(pk=first.pk).update(moderation_status=ModerationStatus.DRAFT)

    shopper.client.post(reverse("checkout:index"), {"username": "hoa@example.com", "options": "anonymous"})
    shopper.give_address()
    shopper.choose_payment("cod")
    response = shopper.place_order()

    assert not Order.objects.exists()
    assert [stock(product) for product in products] == before
    assert response.status_code in (200, 302)


def test_a_guest_holds_at_most_the_guest_quantity_of_a_product(client, settings, products):
    settings.MARKETPLACE_GUEST_MAX_QUANTITY = 3
    first, _ = products

    client.post(reverse("basket:add", kwargs={"pk": first.pk}), {"quantity": 2})
    response = client.post(reverse("basket:add", kwargs={"pk": first.pk}), {"quantity": 2}, follow=True)

    assert basket_lines(client) == [("Vải thiều thử", 2)]
    assert "tối đa 3" in response.content.decode()


def test_a_logged_in_buyer_is_not_held_to_the_guest_quantity(client, settings, products, django_user_model):
    settings.MARKETPLACE_GUEST_MAX_QUANTITY = 3
    client.force_login(django_user_model.objects.create_user("mua", "mua@example.com", "pw"))
    first, _ = products

    client.post(reverse("basket:add", kwargs={"pk": first.pk}), {"quantity": 4})

    assert basket_lines(client) == [("Vải thiều thử", 4)]


def test_one_phone_places_at_most_the_checkout_limit_an_hour(shopper, products, settings):
    settings.MARKETPLACE_CHECKOUT_RATE_LIMIT = 2
    first, _ = products
    for _ in range(2):
        shopper.checkout("cod", first)
    assert Order.objects.count() == 2

    response = shopper.checkout("cod", first)

    assert Order.objects.count() == 2
    assert "Quá nhiều đơn hàng" in response.content.decode()
    assert stock(first) == (5, 2)
