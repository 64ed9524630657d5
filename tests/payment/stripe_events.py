"""Stripe webhook events for the tests, built and signed as Stripe builds and signs them.

stripe-mock never sends webhooks, so the tests make the events themselves: the JSON has the
shape of a real Stripe event (https://docs.stripe.com/api/events/object) and the
`Stripe-Signature` header is computed here with the standard library, exactly as Stripe does
it (https://docs.stripe.com/webhooks#verify-manually), so that the tests do not lean on the
SDK's own verifier to check the SDK's verifier.
"""

import hashlib
import hmac
import json
import time
import uuid

from django.conf import settings
from django.urls import reverse

API_VERSION = "2026-10-28.endive"


def stripe_id(prefix):
    """A fresh id of the form Stripe uses (`evt_…`, `pi_…`, `ch_…`, `du_…`)."""
    return f"{prefix}_{uuid.uuid4().hex[:24]}"


def endpoint_secret():
    """The webhook endpoint's signing secret (the tests' settings set "whsec_test_secret")."""
    return settings.STRIPE_WEBHOOK_SECRET


def signature_header(payload, secret, timestamp=None):
    """`t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<payload>" keyed with the endpoint secret>`."""
    timestamp = int(time.time()) if timestamp is None else int(timestamp)
    mac = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def event(event_type, obj, *, event_id=None, created=None):
    """A v1 ("snapshot") event carrying `obj` as `data.object`."""
    return {
        "id": event_id or stripe_id("evt"),
        "object": "event",
        "api_version": API_VERSION,
        "created": int(time.time()) if created is None else int(created),
        "type": event_type,
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "data": {"object": obj},
    }


def payment_intent(
    intent_id,
    *,
    amount,
    amount_received=None,
    currency="vnd",
    status="succeeded",
    order_number="",
    last_payment_error=None,
):
    """A PaymentIntent; `amount_received` defaults to `amount` when it succeeded, else 0."""
    if amount_received is None:
        amount_received = amount if status == "succeeded" else 0
    return {
        "id": intent_id,
        "object": "payment_intent",
        "amount": int(amount),
        "amount_received": int(amount_received),
        "currency": currency,
        "status": status,
        "metadata": {"order_number": str(order_number)} if order_number else {},
        "last_payment_error": last_payment_error,
        "livemode": False,
    }


def card_declined_error():
    """`last_payment_error` of a PaymentIntent whose card was refused."""
    return {
        "type": "card_error",
        "code": "card_declined",
        "decline_code": "insufficient_funds",
        "message": "Your card has insufficient funds.",
    }


def charge(intent_id, *, amount, amount_refunded=0, currency="vnd", charge_id=None):
    """The captured Charge of a PaymentIntent; `amount_refunded` is Stripe's running total."""
    return {
        "id": charge_id or stripe_id("ch"),
        "object": "charge",
        "payment_intent": intent_id,
        "amount": int(amount),
        "amount_captured": int(amount),
        "amount_refunded": int(amount_refunded),
        "currency": currency,
        "captured": True,
        "paid": True,
        "refunded": int(amount_refunded) >= int(amount),
        "status": "succeeded",
        "livemode": False,
    }


def dispute(intent_id, *, amount, status, currency="vnd", dispute_id=None, charge_id=None):
    """A Dispute on the charge of a PaymentIntent (`needs_response`, `won`, `lost`, …)."""
    return {
        "id": dispute_id or stripe_id("du"),
        "object": "dispute",
        "payment_intent": intent_id,
        "charge": charge_id or stripe_id("ch"),
        "amount": int(amount),
        "currency": currency,
        "reason": "fraudulent",
        "status": status,
        "livemode": False,
    }


def post_event(client, evt, *, secret=None, timestamp=None, header=None):
    """POST `evt` to the webhook as Stripe would: the exact JSON bytes and their signature.

    `secret` defaults to the endpoint's secret (settings.STRIPE_WEBHOOK_SECRET); `header`
    replaces the computed `Stripe-Signature` (None: computed; "": sent without one).
    """
    payload = json.dumps(evt, separators=(",", ":"))
    if header is None:
        header = signature_header(payload, secret or endpoint_secret(), timestamp)
    extra = {"HTTP_STRIPE_SIGNATURE": header} if header else {}
    return client.post(reverse("stripe-webhook"), data=payload, content_type="application/json", **extra)
