"""Stripe's webhook: signed events about card payments, refunds and disputes.

Stripe may send an event twice and in any order. Each event is stored by id
(`payment.StripeEvent`), so a replay is answered at once and changes nothing; and what an
event says is merged as running totals (`order.payments.order_card_facts_merge`), so an older
event arriving after a newer one cannot undo it. A failed payment settles its order through
`order.settlement.order_payment_fail`, the service the release of unpaid orders uses too.

It lives in the order app because every event is applied to an order: `payment.cards` checks
the signature and talks to Stripe, and knows nothing of orders.

A succeeded payment that no order records (the order's transaction was rolled back after
the card was charged, or a retry charged a second intent) is refunded: at once when the
order was paid by another intent, or once its order has had time to commit (ORPHAN_GRACE);
until then the event is refused with 503 so that Stripe sends it again.
"""

import datetime
import json
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from order.models import DisputeStatus, Order, PaymentMethod, PaymentStatus
from order.pay_later import order_pay_card_reopen
from order.payments import order_card_facts_merge
from order.settlement import card_failure_reason, order_card_complete, order_payment_fail
from payment import cards

logger = logging.getLogger(__name__)

StripeEvent = get_model("payment", "StripeEvent")
Source = get_model("payment", "Source")

ORPHAN_GRACE = datetime.timedelta(hours=1)

# Stripe's dispute statuses that end it; every other one (needs_response, under_review,
# warning_needs_response, warning_under_review) means it is open.
DISPUTE_OUTCOMES = {
    "won": DisputeStatus.WON,
    "lost": DisputeStatus.LOST,
    "warning_closed": DisputeStatus.CLOSED,  # an inquiry that ended without a chargeback
    "prevented": DisputeStatus.CLOSED,
}


class RetryLater(Exception):
    """Not yet: answer 503 and keep nothing, so that Stripe sends the event again."""


def _order_for_intent(intent_id, order_number=""):
    """The order a PaymentIntent paid for: by the intent recorded on it, or else by the order
    number in its metadata, but only for an order that records no other intent (an earlier,
    refused attempt at the same basket carries the same order number)."""
    source = Source.objects.filter(reference=intent_id).select_related("order").first()
    if source:
        return source.order
    if order_number:
        order = Order.objects.filter(number=order_number, payment_method=PaymentMethod.CARD).first()
        if order and not cards.card_intent_id(order=order):
            return order
    return None


def _refund_orphan(intent, order_number, why):
    amount = intent.get("amount_received") or intent.get("amount") or 0
    refund = cards.card_refund(
        order_number=order_number, payment_intent=intent["id"], amount=amount, key="orphan"
    )
    logger.error(
        "Payment %s (%s đ) has no order %s (%s): refunded as %s",
        intent["id"],
        amount,
        order_number,
        why,
        refund.id,
    )
    return f"orphan refunded ({why})"


def _intent_succeeded(intent, event):
    number = (intent.get("metadata") or {}).get("order_number", "")
    order = _order_for_intent(intent["id"], number)
    if order is None:
        if not number:
            return None, "unknown order"
        if Order.objects.filter(number=number).exists():
            return None, _refund_orphan(intent, number, "the order was paid by another payment")
        created = datetime.datetime.fromtimestamp(event["created"], tz=datetime.UTC)
        if timezone.now() - created < ORPHAN_GRACE:
            raise RetryLater(f"order {number} not written yet")
        return None, _refund_orphan(intent, number, "the order was never written")
    if intent.get("currency") != cards.CURRENCY:
        logger.error("Order %s: payment in %s refused", order.number, intent.get("currency"))
        return order, "wrong currency"
    changed = order_card_facts_merge(
        order=order, captured=intent.get("amount_received") or 0, reference=intent["id"]
    )
    order_card_complete(order=order)
    return order, "paid" if changed else "already recorded"


def _intent_failed(intent, event):
    order = _order_for_intent(intent["id"], (intent.get("metadata") or {}).get("order_number", ""))
    if order is None:
        return None, "unknown order"
    order.refresh_from_db()
    if order.amount_paid > 0 or order.payment_status != PaymentStatus.AWAITING:
        return order, "ignored: order already settled"
    if order_pay_card_reopen(order=order):
        return order, "refused: the buyer may choose again"
    order_payment_fail(order=order, reason=card_failure_reason(order))
    return order, "cancelled: payment failed"


def _charge_refunded(charge, event):
    order = _order_for_intent(charge.get("payment_intent") or "")
    if order is None:
        return None, "unknown order"
    changed = order_card_facts_merge(
        order=order,
        captured=charge.get("amount_captured") or 0,
        refunded=charge.get("amount_refunded") or 0,
        reference=charge.get("payment_intent") or charge["id"],
    )
    return order, "refund recorded" if changed else "already recorded"


def _refund_updated(refund, event):
    order = _order_for_intent(refund.get("payment_intent") or "")
    if refund.get("status") in ("failed", "canceled"):
        logger.error(
            "Refund %s of order %s %s: the buyer has not got the money back",
            refund["id"],
            order.number if order else "?",
            refund.get("status"),
        )
        return order, f"refund {refund.get('status')}"
    return order, "ignored"


def _dispute(dispute, event):
    order = _order_for_intent(dispute.get("payment_intent") or "")
    if order is None:
        return None, "unknown order"
    status = DISPUTE_OUTCOMES.get(dispute.get("status"), DisputeStatus.OPEN)
    changed = order_card_facts_merge(order=order, dispute=status, reference=dispute["id"])
    return order, f"dispute {status}" if changed else "already recorded"


HANDLERS = {
    "payment_intent.succeeded": _intent_succeeded,
    "payment_intent.payment_failed": _intent_failed,
    "charge.refunded": _charge_refunded,
    "charge.refund.updated": _refund_updated,
    "refund.updated": _refund_updated,
    "charge.dispute.created": _dispute,
    "charge.dispute.updated": _dispute,
    "charge.dispute.closed": _dispute,
}


def card_event_apply(*, event: dict):
    """Apply a verified event once. Returns the stored `StripeEvent` and whether it was new.

    Raises `RetryLater` (nothing stored) when the event must come again.
    """
    data = event["data"]["object"]
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = StripeEvent.objects.create(
                    event_id=event["id"],
                    type=event["type"],
                    object_id=data.get("id", ""),
                    created=datetime.datetime.fromtimestamp(event["created"], tz=datetime.UTC),
                    payload=event,
                )
        except IntegrityError:
            logger.info("Stripe event %s (%s) received again: ignored", event["id"], event["type"])
            return StripeEvent.objects.get(event_id=event["id"]), False
        handler = HANDLERS.get(event["type"])
        order, outcome = handler(data, event) if handler else (None, "ignored")
        record.order_number = order.number if order else ""
        record.outcome = outcome
        record.save(update_fields=["order_number", "outcome"])
    if order is None and handler and outcome == "unknown order":
        logger.warning("Stripe event %s (%s) names no order of ours", event["id"], event["type"])
    else:
        logger.info("Stripe event %s (%s): %s", event["id"], event["type"], outcome)
    return record, True


@csrf_exempt
@require_POST
def stripe_webhook(request):
    if not settings.STRIPE_WEBHOOK_SECRET:
        logger.error("Stripe webhook called but STRIPE_WEBHOOK_SECRET is not set")
        return HttpResponse(status=503)
    try:
        cards.card_event_verify(payload=request.body, signature=request.headers.get("Stripe-Signature", ""))
    except ValueError as error:
        logger.warning("Stripe webhook refused: %s", error)
        return HttpResponseBadRequest("invalid signature")
    # The stored payload is Stripe's own JSON (the SDK object turns some fields into Decimal).
    event = json.loads(request.body)
    try:
        record, new = card_event_apply(event=event)
    except RetryLater as wait:
        logger.info("Stripe event %s (%s) deferred: %s", event["id"], event["type"], wait)
        return HttpResponse("retry later", status=503, content_type="text/plain")
    return HttpResponse("ok" if new else "duplicate", content_type="text/plain")
