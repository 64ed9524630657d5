"""Card payments through Stripe, with stripe 16's `StripeClient`: the only module that talks
to Stripe.

The Payment Element in the checkout page turns the card into a confirmation token; the
server then creates and confirms one PaymentIntent for the order in a single call, with an
idempotency key made of the order number and the token, so a double click or a retried
request never charges twice. VND is zero-decimal for Stripe: amounts are whole đồng.
"""

import logging

import stripe
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

logger = logging.getLogger(__name__)

Source = get_model("payment", "Source")

CURRENCY = "vnd"
# Each call holds the order's stock locks while it waits: give up rather than hold them long.
TIMEOUT_SECONDS = 15
MOCK_CONFIRMATION_TOKEN = "ctoken_stripe_mock"  # noqa: S105  stripe-mock's public test token

# What Stripe.js needs, on the pages that load it (a card payment's details, the bank's
# confirmation step) and nowhere else: the rest of the site's Content-Security-Policy is in
# settings (CONTENT_SECURITY_POLICY); a page adds these on its response (django-csp's
# `_csp_update`). The hosts are Stripe's own list (docs.stripe.com/security/guide, "Content
# Security Policy").
STRIPE_CSP = {
    "script-src": ["https://js.stripe.com", "https://*.js.stripe.com"],
    "frame-src": ["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"],
    "connect-src": ["https://api.stripe.com"],
}

DECLINED_MESSAGE = _(
    "Your card was declined and nothing was charged. You can try another card or choose another way to pay."
)


class CardDeclined(Exception):
    """The bank or Stripe refused the card: the buyer can try another card or method."""


class CardGatewayError(Exception):
    """Stripe could not be reached or answered something we cannot use."""


def card_payments_enabled() -> bool:
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


def card_mock_server_used() -> bool:
    """A test key sent to another address than Stripe's: the stripe-mock server of development
    and tests. Stripe.js cannot talk to it, so the checkout sends a test token instead of
    showing the Payment Element (see the preview template)."""
    return bool(settings.STRIPE_API_BASE) and settings.STRIPE_SECRET_KEY.startswith("sk_test_")


def card_page_context() -> dict:
    """What a page that takes a card needs: Stripe's publishable key, and stripe-mock's test
    token when the mock server is used (the page then sends it instead of loading Stripe.js)."""
    context = {"stripe_publishable_key": settings.STRIPE_PUBLISHABLE_KEY}
    if card_mock_server_used():
        context["stripe_mock_token"] = MOCK_CONFIRMATION_TOKEN
    return context


def stripe_client():
    options = {
        "max_network_retries": 1,
        "http_client": stripe.new_default_http_client(timeout=TIMEOUT_SECONDS),
    }
    if settings.STRIPE_API_BASE:
        options["base_addresses"] = {"api": settings.STRIPE_API_BASE}
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, **options)


def card_intent_id(*, order) -> str:
    """The PaymentIntent recorded for an order, or ""."""
    return (
        Source.objects.filter(order=order).exclude(reference="").values_list("reference", flat=True).first()
        or ""
    )


def card_event_verify(*, payload: bytes, signature: str) -> None:
    """The event a webhook request carries, once its Stripe-Signature is checked.

    Raises `ValueError` (including Stripe's SignatureVerificationError) when it is not Stripe's.
    """
    try:
        stripe_client().construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
    except stripe.SignatureVerificationError as error:
        raise ValueError(str(error)) from error


def card_charge(*, order_number: str, amount, confirmation_token: str, return_url: str, email: str = ""):
    """Create and confirm the order's PaymentIntent; return it.

    Raises `CardDeclined` when the card is refused, `CardGatewayError` when Stripe fails.
    """
    params = {
        "amount": int(amount),
        "currency": CURRENCY,
        "confirm": True,
        "confirmation_token": confirmation_token,
        "return_url": return_url,
        "description": f"OCOP {order_number}",
        "metadata": {"order_number": str(order_number)},
    }
    if email:
        params["receipt_email"] = email
    options = {"idempotency_key": f"order-{order_number}-{confirmation_token}"}
    try:
        intent = stripe_client().v1.payment_intents.create(params=params, options=options)
    except stripe.CardError as error:
        logger.info("Order %s: card declined (%s)", order_number, error.code)
        raise CardDeclined(DECLINED_MESSAGE) from error
    except stripe.StripeError as error:
        logger.error("Order %s: Stripe error %s", order_number, error)
        raise CardGatewayError(str(error)) from error
    if intent.currency != CURRENCY or intent.amount != int(amount):
        logger.error(
            "Order %s: Stripe answered %s %s for %s", order_number, intent.amount, intent.currency, amount
        )
        raise CardGatewayError("amount or currency mismatch")
    if intent.status in ("requires_payment_method", "canceled"):
        # A refused card leaves the intent waiting for another payment method.
        logger.info("Order %s: card refused, intent %s is %s", order_number, intent.id, intent.status)
        raise CardDeclined(DECLINED_MESSAGE)
    return intent


def card_intent_status(*, payment_intent: str) -> str:
    """Stripe's current status of a PaymentIntent ("succeeded", "requires_action", …)."""
    try:
        return stripe_client().v1.payment_intents.retrieve(payment_intent).status
    except stripe.StripeError as error:
        raise CardGatewayError(str(error)) from error


def card_refund(*, order_number: str, payment_intent: str, amount, key: str):
    """Refund `amount` of a card payment; `key` makes a repeated request refund once."""
    try:
        return stripe_client().v1.refunds.create(
            params={
                "payment_intent": payment_intent,
                "amount": int(amount),
                "metadata": {"order_number": str(order_number)},
            },
            options={"idempotency_key": f"order-{order_number}-refund-{key}"},
        )
    except stripe.StripeError as error:
        logger.error("Order %s: refund failed: %s", order_number, error)
        raise CardGatewayError(getattr(error, "user_message", None) or str(error)) from error


def card_intent_cancel(*, payment_intent: str) -> None:
    try:
        stripe_client().v1.payment_intents.cancel(payment_intent)
    except stripe.StripeError as error:
        raise CardGatewayError(str(error)) from error
