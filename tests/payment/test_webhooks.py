"""Stripe's webhook (`/payments/stripe/webhook/`): signed events, replays and any order.

Events are built and signed here (tests/payment/stripe_events.py) as Stripe does it. What the
tests pin: an unsigned or stale request changes nothing; each event is applied once; an
event arriving late or twice cannot undo a newer one; events for orders that are not ours are
kept and logged but touch nothing.
"""

import json
import logging
import time

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from order.mails import order_mail_render
from order.models import DisputeStatus, FulfilmentStatus, OrderStatus, PaymentMethod, PaymentStatus
from order.payments import order_payment_source
from tests.payment.stripe_events import (
    card_declined_error,
    charge,
    dispute,
    endpoint_secret,
    event,
    payment_intent,
    post_event,
    signature_header,
    stripe_id,
)

Order = get_model("order", "Order")
PaymentEvent = get_model("order", "PaymentEvent")
StockRecord = get_model("partner", "StockRecord")
StripeEvent = get_model("payment", "StripeEvent")


@pytest.fixture
def webhook_settings(settings):
    """Stripe configured as in production, except that its API is unreachable: the webhook
    must work from the signed request alone (stripe-mock is not needed here)."""
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_123"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_secret"
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    return settings


@pytest.fixture
def card_order(shopper, products, webhook_settings):
    """A placed card order still awaiting its payment, whose Source names PaymentIntent
    `order.intent_id` (as after a card payment that needs 3-D Secure or is processing).

    Placed through the checkout as cash on delivery, then switched to card: stripe-mock
    cannot leave a PaymentIntent pending. `order.stock_before` holds each product's
    num_allocated before the checkout."""
    stock_before = {product.pk: allocated(product) for product in products}
    response = shopper.checkout("cod", *products)
    assert response.status_code == 302, response
    order = Order.objects.get()
    order.payment_method = PaymentMethod.CARD
    order.save(update_fields=["payment_method"])
    source = order_payment_source(order=order)
    source.reference = stripe_id("pi")
    source.save(update_fields=["reference"])
    order.intent_id = source.reference
    order.stock_before = stock_before
    return order


def allocated(product):
    return StockRecord.objects.get(product=product).num_allocated or 0


def state(order):
    """What the shop knows about the order's money, as a comparable dict."""
    order = Order.objects.get(pk=order.pk)
    return {
        "status": order.status,
        "payment_status": order.payment_status,
        "amount_paid": order.amount_paid,
        "amount_refunded": order.amount_refunded,
        "dispute_status": order.dispute_status,
        "payment_events": sorted(
            PaymentEvent.objects.filter(order=order).values_list("event_type__code", "amount")
        ),
    }


def succeeded(order, **overrides):
    fields = {"amount": order.total_incl_tax, "order_number": order.number, **overrides}
    return event("payment_intent.succeeded", payment_intent(order.intent_id, **fields))


def failed(order, intent_id=None):
    obj = payment_intent(
        intent_id or order.intent_id,
        amount=order.total_incl_tax,
        status="requires_payment_method",
        order_number=order.number,
        last_payment_error=card_declined_error(),
    )
    return event("payment_intent.payment_failed", obj)


def refunded(order, amount_refunded):
    obj = charge(order.intent_id, amount=order.total_incl_tax, amount_refunded=amount_refunded)
    return event("charge.refunded", obj)


def send(client, evt):
    response = post_event(client, evt)
    assert response.status_code == 200, response.content
    return response.content.decode()


# --- Signatures -------------------------------------------------------------------------


def tampered(evt):
    """A header that signs another body than the one sent."""
    other = dict(evt, data={"object": dict(evt["data"]["object"], amount_received=1)})
    return {"header": signature_header(json.dumps(other, separators=(",", ":")), endpoint_secret())}


@pytest.mark.parametrize(
    "how",
    [
        pytest.param(lambda evt: {"header": ""}, id="missing header"),
        pytest.param(lambda evt: {"header": "t=1,v0=abc"}, id="no v1 signature"),
        pytest.param(lambda evt: {"header": "garbage"}, id="malformed header"),
        pytest.param(lambda evt: {"secret": "whsec_someone_else"}, id="wrong secret"),
        pytest.param(lambda evt: {"timestamp": time.time() - 301}, id="stale timestamp"),
        pytest.param(tampered, id="body changed after signing"),
    ],
)
def test_unverified_requests_are_refused_and_change_nothing(client, card_order, how):
    """A request that Stripe did not sign, or signed more than 300 s ago, gets 400 and is not stored."""
    before = state(card_order)
    evt = succeeded(card_order)

    response = post_event(client, evt, **how(evt))

    assert response.status_code == 400
    assert not StripeEvent.objects.exists()
    assert state(card_order) == before
    assert before["payment_status"] == PaymentStatus.AWAITING


def test_a_signed_event_within_tolerance_is_accepted(client, card_order):
    """The counterpart of the stale case: 290 s old is still inside Stripe's 300 s tolerance."""
    response = post_event(client, succeeded(card_order), timestamp=time.time() - 290)

    assert response.status_code == 200
    assert StripeEvent.objects.count() == 1


def test_without_a_webhook_secret_the_endpoint_is_closed(client, card_order, settings):
    """No secret configured: every call gets 503 (Stripe retries later) and nothing is stored."""
    evt = succeeded(card_order)
    payload = json.dumps(evt)
    header = signature_header(payload, settings.STRIPE_WEBHOOK_SECRET)
    settings.STRIPE_WEBHOOK_SECRET = ""

    response = client.post(
        reverse("stripe-webhook"), data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )

    assert response.status_code == 503
    assert not StripeEvent.objects.exists()
    assert state(card_order)["payment_status"] == PaymentStatus.AWAITING


# --- Payment succeeded, once ------------------------------------------------------------


def test_payment_succeeded_marks_the_order_paid_once(
    client, card_order, mailoutbox, django_capture_on_commit_callbacks
):
    """payment_intent.succeeded pays the order; the same event replayed answers "duplicate",
    and another event with the same facts is recorded without counting the money twice."""
    total = card_order.total_incl_tax
    evt = succeeded(card_order)

    with django_capture_on_commit_callbacks(execute=True):
        assert send(client, evt) == "ok"

    assert state(card_order) == {
        "status": OrderStatus.PLACED,
        "payment_status": PaymentStatus.PAID,
        "amount_paid": total,
        "amount_refunded": 0,
        "dispute_status": DisputeStatus.NONE,
        "payment_events": [("paid", total)],
    }
    record = StripeEvent.objects.get()
    assert (record.event_id, record.type, record.object_id) == (
        evt["id"],
        "payment_intent.succeeded",
        card_order.intent_id,
    )
    assert (record.order_number, record.outcome) == (card_order.number, "paid")
    assert record.payload["data"]["object"]["amount_received"] == total
    assert Order.objects.get(pk=card_order.pk).paid_at is not None
    assert len(mailoutbox) == 1
    paid = state(card_order)

    with django_capture_on_commit_callbacks(execute=True):
        assert send(client, evt) == "duplicate"
        assert send(client, succeeded(card_order)) == "ok"  # same facts, new event id

    assert state(card_order) == paid
    assert PaymentEvent.objects.filter(order=card_order).count() == 1
    assert list(StripeEvent.objects.order_by("pk").values_list("outcome", flat=True)) == [
        "paid",
        "already recorded",
    ]
    assert len(mailoutbox) == 1


# --- Any order of arrival ---------------------------------------------------------------


@pytest.mark.parametrize("refund_first", [False, True], ids=["succeeded then refunded", "refunded first"])
def test_refund_before_success_ends_like_success_then_refund(client, card_order, refund_first):
    """charge.refunded (50.000 ₫ of Stripe's running total) delivered before or after
    payment_intent.succeeded: the order ends paid and partly refunded either way."""
    events = [succeeded(card_order), refunded(card_order, 50000)]
    for evt in reversed(events) if refund_first else events:
        send(client, evt)

    total = card_order.total_incl_tax
    assert state(card_order) == {
        "status": OrderStatus.PLACED,
        "payment_status": PaymentStatus.PARTLY_REFUNDED,
        "amount_paid": total,
        "amount_refunded": 50000,
        "dispute_status": DisputeStatus.NONE,
        "payment_events": sorted([("paid", total), ("refunded", 50000)]),
    }
    assert order_payment_source(order=card_order).reference == card_order.intent_id


def test_refund_before_success_still_records_when_the_order_was_paid(
    client, card_order, mailoutbox, django_capture_on_commit_callbacks
):
    """A payment that Stripe reports first through its refund still dates the payment and
    tells the buyer it arrived, as the in-order delivery does."""
    with django_capture_on_commit_callbacks(execute=True):
        send(client, refunded(card_order, 50000))
        send(client, succeeded(card_order))

    order = Order.objects.get(pk=card_order.pk)
    assert order.paid_at is not None
    assert [mail.subject for mail in mailoutbox] == [
        order_mail_render(order=order, kind="payment_received")[0]
    ]


def test_an_older_refund_total_cannot_lower_a_newer_one(client, card_order):
    """Refund totals only grow: 100.000 ₫ then a late 50.000 ₫ event leaves 100.000 ₫."""
    send(client, succeeded(card_order))
    newer, older = refunded(card_order, 100000), refunded(card_order, 50000)
    older["created"] = newer["created"] - 60

    send(client, newer)
    after_newer = state(card_order)
    send(client, older)

    assert state(card_order) == after_newer
    assert after_newer["amount_refunded"] == 100000
    assert after_newer["payment_status"] == PaymentStatus.PARTLY_REFUNDED
    assert ("refunded", 100000) in after_newer["payment_events"]
    assert StripeEvent.objects.get(event_id=older["id"]).outcome == "already recorded"


def test_a_late_payment_failed_does_not_undo_a_success(client, card_order, products):
    """payment_intent.payment_failed after payment_intent.succeeded: ignored, nothing cancelled."""
    send(client, succeeded(card_order))
    paid = state(card_order)

    send(client, failed(card_order))

    assert state(card_order) == paid
    assert paid["payment_status"] == PaymentStatus.PAID
    assert set(card_order.fulfilments.values_list("status", flat=True)) == {FulfilmentStatus.PLACED}
    assert all(allocated(product) == card_order.stock_before[product.pk] + 1 for product in products)
    assert StripeEvent.objects.get(type="payment_intent.payment_failed").outcome == (
        "ignored: order already settled"
    )


# --- Disputes ---------------------------------------------------------------------------


def dispute_event(order, event_type, status, dispute_id):
    obj = dispute(order.intent_id, amount=order.total_incl_tax, status=status, dispute_id=dispute_id)
    return event(event_type, obj)


def test_an_open_dispute_marks_the_payment_disputed(client, card_order):
    send(client, succeeded(card_order))

    send(client, dispute_event(card_order, "charge.dispute.created", "needs_response", stripe_id("du")))

    after = state(card_order)
    assert (after["dispute_status"], after["payment_status"]) == (DisputeStatus.OPEN, PaymentStatus.DISPUTED)
    assert after["amount_paid"] == card_order.total_incl_tax


@pytest.mark.parametrize("closed_first", [False, True], ids=["created then won", "won then created"])
def test_dispute_events_in_either_order_end_won(client, card_order, closed_first):
    """charge.dispute.created (needs_response) and charge.dispute.closed (won) in either order:
    the dispute ends won and the order is paid again."""
    send(client, succeeded(card_order))
    dispute_id = stripe_id("du")
    events = [
        dispute_event(card_order, "charge.dispute.created", "needs_response", dispute_id),
        dispute_event(card_order, "charge.dispute.closed", "won", dispute_id),
    ]
    for evt in reversed(events) if closed_first else events:
        send(client, evt)

    total = card_order.total_incl_tax
    assert state(card_order) == {
        "status": OrderStatus.PLACED,
        "payment_status": PaymentStatus.PAID,
        "amount_paid": total,
        "amount_refunded": 0,
        "dispute_status": DisputeStatus.WON,
        "payment_events": [("paid", total)],
    }


def test_an_inquiry_closed_without_chargeback_does_not_leave_the_order_disputed(client, card_order):
    """Stripe's inquiries (warning_needs_response) can close as warning_closed: no money moved,
    so the order must not stay disputed."""
    send(client, succeeded(card_order))
    dispute_id = stripe_id("du")
    send(client, dispute_event(card_order, "charge.dispute.created", "warning_needs_response", dispute_id))
    send(client, dispute_event(card_order, "charge.dispute.closed", "warning_closed", dispute_id))

    assert state(card_order)["payment_status"] == PaymentStatus.PAID


# --- Events that are not for us ---------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(
            lambda order: event(
                "payment_intent.succeeded", payment_intent(stripe_id("pi"), amount=order.total_incl_tax)
            ),
            id="succeeded, no order number",
        ),
        pytest.param(
            lambda order: event(
                "payment_intent.payment_failed",
                payment_intent(stripe_id("pi"), amount=1000, status="requires_payment_method"),
            ),
            id="failed, no order number",
        ),
        pytest.param(
            lambda order: event(
                "charge.refunded", charge(stripe_id("pi"), amount=1000, amount_refunded=1000)
            ),
            id="refund of another intent",
        ),
        pytest.param(
            lambda order: event(
                "charge.dispute.created", dispute(stripe_id("pi"), amount=1000, status="needs_response")
            ),
            id="dispute on another intent",
        ),
    ],
)
def test_an_event_for_an_unknown_order_is_stored_logged_and_changes_nothing(client, card_order, caplog, make):
    """200 (so Stripe stops retrying), kept with outcome "unknown order", a WARNING logged."""
    before = state(card_order)
    evt = make(card_order)

    with caplog.at_level(logging.INFO, logger="order.card_events"):
        assert send(client, evt) == "ok"

    record = StripeEvent.objects.get()
    assert (record.event_id, record.outcome, record.order_number) == (evt["id"], "unknown order", "")
    assert state(card_order) == before
    warnings = [r for r in caplog.records if r.name == "order.card_events" and r.levelno == logging.WARNING]
    assert len(warnings) == 1 and evt["id"] in warnings[0].getMessage()


def test_an_unhandled_event_type_is_stored_as_ignored(client, card_order, caplog):
    """Event types the shop does not act on are acknowledged and kept, without a warning."""
    evt = event("customer.created", {"id": stripe_id("cus"), "object": "customer", "email": "a@example.com"})

    with caplog.at_level(logging.INFO, logger="order.card_events"):
        assert send(client, evt) == "ok"

    assert StripeEvent.objects.get().outcome == "ignored"
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_an_unhandled_event_with_decimal_fields_is_stored(client, card_order):
    """A price.created event (unit_amount_decimal is a decimal string) is acknowledged and kept."""
    obj = {
        "id": stripe_id("price"),
        "object": "price",
        "currency": "vnd",
        "unit_amount": 150000,
        "unit_amount_decimal": "150000",
        "livemode": False,
    }
    client.raise_request_exception = False

    response = post_event(client, event("price.created", obj))

    assert response.status_code == 200
    assert StripeEvent.objects.get().outcome == "ignored"


def test_a_payment_in_another_currency_is_not_applied(client, card_order):
    """payment_intent.succeeded in USD for a đồng order: kept as "wrong currency", order unpaid."""
    before = state(card_order)

    send(client, succeeded(card_order, amount=20, currency="usd"))

    assert state(card_order) == before
    assert before["payment_status"] == PaymentStatus.AWAITING and before["amount_paid"] == 0
    assert StripeEvent.objects.get().outcome == "wrong currency"


# --- Payment failed ---------------------------------------------------------------------


def test_payment_failed_cancels_an_awaiting_card_order_and_frees_its_stock(
    client, card_order, products, mailoutbox, django_capture_on_commit_callbacks
):
    """payment_intent.payment_failed for an awaiting card order: every part cancelled with the
    decline code as reason, stock allocation given back, payment void, the buyer told once."""
    assert all(allocated(product) == card_order.stock_before[product.pk] + 1 for product in products)

    with django_capture_on_commit_callbacks(execute=True):
        send(client, failed(card_order))

    assert state(card_order) == {
        "status": OrderStatus.CANCELLED,
        "payment_status": PaymentStatus.VOID,
        "amount_paid": 0,
        "amount_refunded": 0,
        "dispute_status": DisputeStatus.NONE,
        "payment_events": [],
    }
    parts = list(card_order.fulfilments.all())
    assert len(parts) == 2
    assert {part.status for part in parts} == {FulfilmentStatus.CANCELLED}
    # The reason is written in the buyer's language (Vietnamese here).
    assert all(part.cancel_reason == "thanh toán bằng thẻ chưa được hoàn tất" for part in parts)
    assert {product.pk: allocated(product) for product in products} == card_order.stock_before
    assert StripeEvent.objects.get().outcome == "cancelled: payment failed"
    assert [mail.to for mail in mailoutbox] == [["hoa@example.com"]]
    assert card_order.number in mailoutbox[0].subject


def test_a_failure_of_an_earlier_attempt_does_not_cancel_the_order(client, card_order, products):
    """Order numbers are basket-based, so a declined attempt and the retry share one. A late
    payment_failed for the declined attempt's intent must not cancel the retry's order."""
    earlier_intent = stripe_id("pi")

    send(client, failed(card_order, intent_id=earlier_intent))

    assert state(card_order)["status"] == OrderStatus.PLACED
    assert all(allocated(product) == card_order.stock_before[product.pk] + 1 for product in products)


# --- Payments that no order records --------------------------------------------------------


def test_a_payment_for_an_order_not_written_yet_is_asked_again(client, card_order):
    """The webhook can overtake the checkout's commit: a fresh payment naming an order number
    that does not exist (yet) gets 503, nothing is stored, and Stripe sends it again later."""
    evt = event(
        "payment_intent.succeeded", payment_intent(stripe_id("pi"), amount=150000, order_number="999999")
    )
    response = post_event(client, evt)
    assert response.status_code == 503
    assert not StripeEvent.objects.exists()


def test_an_old_payment_whose_order_never_came_is_refunded(client, card_order, stripe_approving, caplog):
    """An hour later the order's transaction is long over: the card was charged for nothing,
    so the payment is refunded at Stripe (the approving stripe-mock) and staff are told."""
    intent = payment_intent(stripe_id("pi"), amount=150000, order_number="999999")
    evt = event("payment_intent.succeeded", intent, created=time.time() - 2 * 3600)
    before = state(card_order)
    with caplog.at_level(logging.ERROR, logger="order.card_events"):
        assert send(client, evt) == "ok"
    assert StripeEvent.objects.get().outcome == "orphan refunded (the order was never written)"
    assert state(card_order) == before
    assert any(
        intent["id"] in record.getMessage() for record in caplog.records if record.levelno == logging.ERROR
    )


def test_a_second_payment_for_a_paid_order_is_refunded_at_once(client, card_order, stripe_approving):
    """A retry after a timeout charged another intent for the same order: the order keeps its
    own payment, and the extra one goes back to the buyer."""
    evt = event(
        "payment_intent.succeeded",
        payment_intent(stripe_id("pi"), amount=card_order.total_incl_tax, order_number=card_order.number),
    )
    before = state(card_order)
    assert send(client, evt) == "ok"
    assert StripeEvent.objects.get().outcome == "orphan refunded (the order was paid by another payment)"
    assert state(card_order) == before


def test_a_failed_refund_is_logged_for_staff(client, card_order, caplog):
    refund = {
        "id": stripe_id("re"),
        "object": "refund",
        "payment_intent": card_order.intent_id,
        "status": "failed",
    }
    with caplog.at_level(logging.ERROR, logger="order.card_events"):
        assert send(client, event("charge.refund.updated", refund)) == "ok"
    assert StripeEvent.objects.get().outcome == "refund failed"
    assert any(refund["id"] in record.getMessage() for record in caplog.records)
