"""Paying by card at checkout, against stripe-mock (approving and declining servers).

The order, the stock allocation and the card payment are one transaction: an approved card
gives a placed, paid order; a refused card leaves no order, the stock and the basket exactly
as they were, and the buyer on the preview page to try again.
"""

from decimal import Decimal

from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from oscar.core.loading import get_model

from order.mails import order_mail_render
from order.models import PaymentMethod, PaymentStatus
from payment.cards import DECLINED_MESSAGE

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
PaymentEvent = get_model("order", "PaymentEvent")


def stock_levels(*products):
    """(num_in_stock, num_allocated) of each product's stock record, in order (None counts as 0)."""
    levels = []
    for product in products:
        record = StockRecord.objects.get(product=product)
        levels.append((record.num_in_stock, record.num_allocated or 0))
    return levels


def basket_contents(basket):
    return sorted((line.product_id, line.quantity) for line in basket.all_lines())


def in_vietnamese(message):
    """The message as the shop shows it at /shop/ (Vietnamese, the unprefixed language)."""
    with translation.override("vi"):
        return translation.gettext(str(message))


def test_approved_card_places_a_paid_order(
    shopper, products, stripe_approving, mailoutbox, django_capture_on_commit_callbacks
):
    """The approving gateway: order placed and paid in full, PaymentIntent id kept on Oscar's
    Source, stock allocated, basket submitted, "placed" and "payment received" mails sent."""
    first, second = products
    before = stock_levels(first, second)
    shopper.add(first, quantity=2)

    with django_capture_on_commit_callbacks(execute=True):
        response = shopper.checkout("card", second, confirmation_token="ctoken_approved_1")

    assert response.status_code == 302
    assert response["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.payment_method == PaymentMethod.CARD
    assert order.payment_status == PaymentStatus.PAID
    assert order.total_incl_tax >= Decimal(2 * 150000 + 90000)
    assert order.amount_paid == order.total_incl_tax
    assert order.amount_refunded == 0
    assert order.paid_at is not None
    assert sorted((line.product_id, line.quantity) for line in order.lines.all()) == sorted(
        [(first.pk, 2), (second.pk, 1)]
    )

    source = order.sources.get()
    assert source.source_type.code == "card"
    assert source.reference.startswith("pi_")
    assert source.amount_debited == order.total_incl_tax
    assert list(PaymentEvent.objects.filter(order=order).values_list("event_type__code", "amount")) == [
        ("paid", order.total_incl_tax)
    ]

    (in_stock_1, allocated_1), (in_stock_2, allocated_2) = before
    assert stock_levels(first, second) == [(in_stock_1, allocated_1 + 2), (in_stock_2, allocated_2 + 1)]

    assert order.basket.status == Basket.SUBMITTED
    assert sorted(mail.subject for mail in mailoutbox) == sorted(
        order_mail_render(order=order, kind=kind)[0] for kind in ("placed", "payment_received")
    )
    assert {tuple(mail.to) for mail in mailoutbox} == {("hoa@example.com",)}


def test_declined_card_leaves_basket_and_stock_untouched_and_can_be_retried(
    shopper, products, stripe_declining, request, client, mailoutbox, django_capture_on_commit_callbacks
):
    """The declining gateway: no order, no allocation, the same open basket, the preview page
    again with the decline message; then the same basket is paid on the approving gateway."""
    first, second = products
    before = stock_levels(first, second)
    shopper.add(first, quantity=2)

    with django_capture_on_commit_callbacks(execute=True):
        response = shopper.checkout("card", second, confirmation_token="ctoken_declined_1")

    assert response.status_code == 200
    assert response.context["error"] == in_vietnamese(DECLINED_MESSAGE)
    assert escape(in_vietnamese(DECLINED_MESSAGE)) in response.content.decode()
    assert not Order.objects.exists()
    assert stock_levels(first, second) == before
    assert mailoutbox == []

    basket = Basket.objects.get(pk=response.wsgi_request.basket.pk)
    assert basket.status == Basket.OPEN
    assert basket_contents(basket) == sorted([(first.pk, 2), (second.pk, 1)])
    page = client.get(reverse("basket:summary"))
    assert page.status_code == 200
    assert page.context["basket"].pk == basket.pk
    assert first.title in page.content.decode() and second.title in page.content.decode()

    request.getfixturevalue("stripe_approving")  # the buyer tries another card, which passes
    with django_capture_on_commit_callbacks(execute=True):
        retry = shopper.place_order(confirmation_token="ctoken_approved_2")

    assert retry.status_code == 302 and retry["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.basket_id == basket.pk
    assert order.payment_status == PaymentStatus.PAID
    assert order.amount_paid == order.total_incl_tax
    assert sorted((line.product_id, line.quantity) for line in order.lines.all()) == basket_contents(basket)
    (in_stock_1, allocated_1), (in_stock_2, allocated_2) = before
    assert stock_levels(first, second) == [(in_stock_1, allocated_1 + 2), (in_stock_2, allocated_2 + 1)]
    assert Basket.objects.get(pk=basket.pk).status == Basket.SUBMITTED
    assert len(mailoutbox) == 2


def test_card_order_without_confirmation_token_is_refused(
    shopper, products, stripe_approving, mailoutbox, django_capture_on_commit_callbacks
):
    """Placing a card order without the Payment Element's token charges nothing and places nothing."""
    first, second = products
    before = stock_levels(first, second)

    with django_capture_on_commit_callbacks(execute=True):
        response = shopper.checkout("card", first, second)

    assert response.status_code == 200
    assert response.context["error"] == in_vietnamese("Enter your card details to pay by card.")
    assert not Order.objects.exists()
    assert stock_levels(first, second) == before
    basket = Basket.objects.get(pk=response.wsgi_request.basket.pk)
    assert basket.status == Basket.OPEN
    assert basket_contents(basket) == sorted([(first.pk, 1), (second.pk, 1)])
    assert mailoutbox == []


def test_card_is_not_offered_without_stripe_keys(shopper, products, settings):
    """Without Stripe keys the payment-method step lists only cash and transfer, and refuses "card"."""
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_PUBLISHABLE_KEY = ""
    shopper.add(products[0])
    shopper.start_as_guest()
    shopper.give_address()

    page = shopper.client.get(reverse("checkout:payment-method"))

    assert page.status_code == 200
    assert [value for value, _ in page.context["form"].fields["method"].choices] == [
        PaymentMethod.COD,
        PaymentMethod.BANK_TRANSFER,
    ]
    assert 'value="card"' not in page.content.decode()

    response = shopper.choose_payment("card")

    assert response.status_code == 200
    assert "method" in response.context["form"].errors
    assert shopper.client.session.get("checkout_data", {}).get("payment", {}).get("method") is None
    assert not Order.objects.exists()
