"""Issue 14, open forms: reviews come only from buyers who received the product, and wait for
the OCOP office; attacked over HTTP as a guest and as a customer who bought nothing."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from order.fulfilment import fulfilment_advance
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db

ProductReview = get_model("reviews", "ProductReview")
Order = get_model("order", "Order")

REVIEW = {
    "title": "Ngon",
    "score": 5,
    "body": "Vải ngọt, giao nhanh.",
    "name": "Khách",
    "email": "k@example.com",
}


def review(client, product):
    url = reverse("catalogue:reviews-add", kwargs={"product_slug": product.slug, "product_pk": product.pk})
    return client.post(url, REVIEW)


def test_a_guest_cannot_review(client, products):
    review(client, products[0])
    assert not ProductReview.objects.exists()


def test_a_customer_who_bought_nothing_cannot_review(client, products):
    client.force_login(UserFactory())
    review(client, products[0])
    assert not ProductReview.objects.exists()


def test_a_buyer_reviews_once_delivered_and_the_review_waits_for_the_office(
    client, shopper, products, committed
):
    with committed():
        shopper.checkout("cod", products[0])
    order = Order.objects.get()
    buyer = UserFactory(email="nguoi-mua@example.com")
    Order.objects.filter(pk=order.pk).update(user=buyer)
    client.force_login(buyer)

    review(client, products[0])
    assert not ProductReview.objects.exists()  # ordered, not received yet

    part = order.fulfilments.get()
    fulfilment_advance(part=part, action="ship", carrier="GHN", tracking_number="G1")
    fulfilment_advance(part=part, action="deliver")
    review(client, products[0])

    written = ProductReview.objects.get()
    assert (written.user, written.status) == (buyer, ProductReview.FOR_MODERATION)
    assert "Vải ngọt, giao nhanh." not in client.get(products[0].get_absolute_url()).content.decode()
