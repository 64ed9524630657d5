"""Card payments that wait for the bank's confirmation (3-D Secure), with stripe-mock.

The "confirming" mock answers requires_action; the buyer's return from the bank then finds
the payment succeeded (approving mock) or refused (declining mock). Until then the order
holds its stock, its basket stays frozen and no confirmation is mailed.
"""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from order.models import OrderStatus, PaymentStatus
from tests.conftest import _stripe_mock_url
from tests.payment.stripe_events import event, payment_intent, post_event

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def allocated(product):
    return StockRecord.objects.get(product=product).num_allocated or 0


@pytest.fixture
def waiting_order(shopper, products, stripe_confirming, mailoutbox, committed):
    """A guest's card order stopped at the bank's 3-D Secure step."""
    with committed():
        response = shopper.checkout("card", *products, confirmation_token="ctoken_test")
    assert response["Location"] == reverse("checkout:card-action")
    return Order.objects.get()


def test_the_order_waits_for_the_bank_with_its_stock_and_a_frozen_basket(
    waiting_order, products, client, mailoutbox
):
    assert waiting_order.payment_status == PaymentStatus.AWAITING
    assert waiting_order.basket.status == Basket.FROZEN
    assert [allocated(product) for product in products] == [1, 1]
    assert mailoutbox == []  # no confirmation before the bank says yes
    page = client.get(reverse("checkout:card-action")).content.decode()
    assert "client_secret" not in page and 'data-client-secret="' in page


def test_the_bank_says_yes(waiting_order, client, settings, mailoutbox, committed):
    settings.STRIPE_API_BASE = _stripe_mock_url("STRIPE_MOCK_APPROVE_URL")
    with committed():
        response = client.get(reverse("checkout:card-return"))
    assert response["Location"] == reverse("checkout:thank-you")
    waiting_order.refresh_from_db()
    assert waiting_order.payment_status == PaymentStatus.PAID
    assert waiting_order.basket.status == Basket.SUBMITTED
    subjects = sorted(mail.subject for mail in mailoutbox)
    assert len(subjects) == 2 and any("Đã nhận đơn hàng" in s for s in subjects)
    assert client.get(reverse("checkout:thank-you")).status_code == 200


def test_the_bank_says_no_and_the_basket_comes_back(
    waiting_order, products, client, settings, mailoutbox, committed
):
    settings.STRIPE_API_BASE = _stripe_mock_url("STRIPE_MOCK_URL")
    with committed():
        response = client.get(reverse("checkout:card-return"))
    assert response["Location"] == reverse("checkout:preview")
    waiting_order.refresh_from_db()
    assert waiting_order.status == OrderStatus.CANCELLED
    assert [allocated(product) for product in products] == [0, 0]
    assert mailoutbox == []
    basket = client.get(reverse("basket:summary")).context["basket"]
    assert sorted(line.product.title for line in basket.all_lines()) == sorted(p.title for p in products)

    # The same lines, paid with a card the bank accepts: a new order under a new number.
    settings.STRIPE_API_BASE = _stripe_mock_url("STRIPE_MOCK_APPROVE_URL")
    response = client.post(
        reverse("checkout:preview"), {"action": "place_order", "confirmation_token": "ctoken_2"}
    )
    assert response["Location"] == reverse("checkout:thank-you")
    paid = Order.objects.exclude(pk=waiting_order.pk).get()
    assert paid.number != waiting_order.number and paid.payment_status == PaymentStatus.PAID


def test_the_webhook_finishes_the_order_when_the_buyer_never_comes_back(
    waiting_order, client, settings, mailoutbox, committed
):
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_secret"
    from payment.cards import card_intent_id

    intent = payment_intent(
        card_intent_id(order=waiting_order),
        amount=waiting_order.total_incl_tax,
        order_number=waiting_order.number,
    )
    with committed():
        assert post_event(client, event("payment_intent.succeeded", intent)).status_code == 200
    waiting_order.refresh_from_db()
    assert waiting_order.payment_status == PaymentStatus.PAID
    assert waiting_order.basket.status == Basket.SUBMITTED
    assert len(mailoutbox) == 2


def test_the_webhook_gives_the_basket_back_when_the_bank_refuses(
    waiting_order, products, client, settings, committed
):
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_secret"
    from payment.cards import card_intent_id

    intent = payment_intent(
        card_intent_id(order=waiting_order),
        amount=waiting_order.total_incl_tax,
        status="requires_payment_method",
        order_number=waiting_order.number,
    )
    with committed():
        assert post_event(client, event("payment_intent.payment_failed", intent)).status_code == 200
    waiting_order.refresh_from_db()
    assert waiting_order.status == OrderStatus.CANCELLED
    assert [allocated(product) for product in products] == [0, 0]
    again = Basket.objects.filter(status=Basket.OPEN, lines__isnull=False).distinct().get()
    assert again.lines.count() == 2
