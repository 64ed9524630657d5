"""What the shop knows about the money of an order, and the one place that changes it.

Payments arrive from several directions: the card gateway at checkout, Stripe's webhooks
(possibly replayed or out of order), staff marking a transfer paid, an imported bank
statement, the courier collecting cash. Each of them states *facts* and this module merges
them into the order:

- card facts (`order_card_facts_merge`) are Stripe's running totals (amount captured, amount
  refunded, the dispute's state); a total only ever grows, so merging keeps the larger value
  and applying the same facts twice, or an older event after a newer one, changes nothing;
- transfers and cash (`order_payment_add`) add up, so each must be recorded once: callers dedupe
  them by reference (a bank transaction id is unique in `payment.BankTransfer`).

The payment status is then derived from the totals (`payment_status_derive`), Oscar's
`Source` is kept in step for the dashboard, and a "payment received" mail goes out when an
order becomes paid. Cash on delivery is counted when the last part is delivered
(`order_payment_settle`, called by every change of the order's status).

This module knows orders and asks `payment.cards` (the Stripe client) for refunds; the payment
app knows nothing of orders (checkout -> order -> payment).
"""

import logging
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from order.mails import order_mail_send
from order.models import DisputeStatus, Order, OrderStatus, PaymentMethod, PaymentStatus
from payment import cards

logger = logging.getLogger(__name__)

PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")

# A dispute only moves forward: opened, then closed one way or another.
_DISPUTE_RANK = {
    DisputeStatus.NONE: 0,
    DisputeStatus.OPEN: 1,
    DisputeStatus.WON: 2,
    DisputeStatus.LOST: 2,
    DisputeStatus.CLOSED: 2,
}


def payment_status_derive(*, order: Order, owed: Decimal) -> str:
    if order.dispute_status in (DisputeStatus.OPEN, DisputeStatus.LOST):
        return PaymentStatus.DISPUTED
    if order.amount_paid > 0 and order.amount_refunded >= order.amount_paid:
        return PaymentStatus.REFUNDED
    if order.amount_refunded > 0:
        return PaymentStatus.PARTLY_REFUNDED
    if order.amount_paid > 0 and order.amount_paid >= owed:
        return PaymentStatus.PAID
    if order.status == OrderStatus.CANCELLED:
        return PaymentStatus.VOID
    return PaymentStatus.AWAITING


def order_lock(*, order: Order) -> Order:
    """The order re-read under a row lock: every change of its money goes through one."""
    return Order.objects.select_for_update().get(pk=order.pk)


def order_payment_source(*, order: Order):
    """Oscar's payment `Source` of the order (one per payment method), made when first needed."""
    source_type, _ = SourceType.objects.get_or_create(
        code=order.payment_method, defaults={"name": order.get_payment_method_display()}
    )
    source, _ = Source.objects.get_or_create(
        order=order, source_type=source_type, defaults={"amount_allocated": order.total_incl_tax}
    )
    return source


def _event(order, name, amount, reference):
    if amount <= 0:
        return
    event_type, _ = PaymentEventType.objects.get_or_create(code=name, defaults={"name": name})
    PaymentEvent.objects.create(order=order, event_type=event_type, amount=amount, reference=reference)


@transaction.atomic
def _settle(order: Order, *, reference: str) -> Order:
    """Save the merged totals, derive the status and tell whoever needs to know."""
    before = Order.objects.filter(pk=order.pk).values_list("payment_status", flat=True).get()
    owed = order.amount_owed
    order.payment_status = payment_status_derive(order=order, owed=owed)
    # Paid in full for the first time: even when the first news of a card payment is its refund.
    newly_paid = order.paid_at is None and order.amount_paid > 0 and order.amount_paid >= owed
    if newly_paid:
        order.paid_at = timezone.now()
    order.save(
        update_fields=[
            "amount_paid",
            "amount_refunded",
            "dispute_status",
            "payment_status",
            "paid_at",
        ]
    )
    if order.payment_method != PaymentMethod.UNCHOSEN:  # no Source for a method not chosen yet
        source = order_payment_source(order=order)
        source.amount_debited = order.amount_paid
        source.amount_refunded = order.amount_refunded
        if reference and not source.reference:
            source.reference = reference
        source.save()
    if before != order.payment_status:
        logger.info("Order %s: payment %s -> %s (%s)", order.number, before, order.payment_status, reference)
    if newly_paid and order.status == OrderStatus.CANCELLED:
        logger.error(
            "Order %s was paid after it was cancelled: refund the buyer (%s)", order.number, reference
        )
    elif newly_paid and order.payment_method != PaymentMethod.COD:
        order_mail_send(order=order, kind="payment_received")
    return order


@transaction.atomic
def order_payment_add(*, order: Order, amount: Decimal | int, reference: str) -> Order:
    """Record money received by transfer or in cash. The caller makes sure it is counted once."""
    order = order_lock(order=order)
    amount = Decimal(amount)
    order.amount_paid += amount
    _event(order, "paid", amount, reference)
    return _settle(order, reference=reference)


@transaction.atomic
def order_card_facts_merge(
    *,
    order: Order,
    captured: Decimal | int | None = None,
    refunded: Decimal | int | None = None,
    dispute: str | None = None,
    reference: str = "",
) -> list[str]:
    """Merge Stripe's running totals into the order; stale or repeated facts change nothing.

    Returns the list of what changed (empty when nothing did).
    """
    order = order_lock(order=order)
    changed = []
    if captured is not None and Decimal(captured) > order.amount_paid:
        _event(order, "paid", Decimal(captured) - order.amount_paid, reference)
        order.amount_paid = Decimal(captured)
        changed.append("paid")
    if refunded is not None and Decimal(refunded) > order.amount_refunded:
        refunded = min(Decimal(refunded), order.amount_paid)
        _event(order, "refunded", refunded - order.amount_refunded, reference)
        order.amount_refunded = refunded
        changed.append("refunded")
    if dispute is not None and _DISPUTE_RANK[dispute] > _DISPUTE_RANK[order.dispute_status]:
        order.dispute_status = dispute
        changed.append("dispute")
    if changed:
        _settle(order, reference=reference)
    return changed


def order_payment_settle(*, order: Order) -> Order:
    """Re-derive the payment status after the order itself changed (cancelled, delivered)."""
    with transaction.atomic():
        order = order_lock(order=order)
        if order.payment_method == PaymentMethod.COD and order.status == OrderStatus.DELIVERED:
            # The courier collected the cash on delivery.
            due = order.amount_due
            if due > 0:
                order.amount_paid += due
                _event(order, "paid", due, "cod")
        return _settle(order, reference="")


class RefundRefused(Exception):
    """The refund cannot be made; the message says why, for staff."""


@transaction.atomic
def order_transfer_mark_paid(*, order: Order, by) -> bool:
    """Staff saw the transfer on the bank account. False when the order was not waiting for one."""
    order = order_lock(order=order)
    if not order.is_awaiting_transfer:
        logger.warning("Order %s: %s tried to mark an order paid that awaits no transfer", order.number, by)
        return False
    order_payment_add(order=order, amount=order.amount_due, reference=f"staff:{by.pk}")
    return True


@transaction.atomic
def order_card_refund(*, order: Order, amount: Decimal | int, by):
    """Refund part or all of a card payment through Stripe; returns Stripe's refund.

    A refund Stripe reports as succeeded is recorded at once; a pending one is recorded when
    its `charge.refunded` webhook arrives. Raises `RefundRefused`.
    """
    order = order_lock(order=order)
    amount = Decimal(amount)
    intent = cards.card_intent_id(order=order)
    if order.payment_method != PaymentMethod.CARD or not intent:
        raise RefundRefused(_("This order was not paid by card."))
    if not 0 < amount <= order.amount_refundable:
        raise RefundRefused(
            _("At most %(amount)s can still be refunded.") % {"amount": int(order.amount_refundable)}
        )
    try:
        refund = cards.card_refund(
            order_number=order.number,
            payment_intent=intent,
            amount=amount,
            key=f"{int(order.amount_refunded)}-{int(amount)}",
        )
    except cards.CardGatewayError as error:
        raise RefundRefused(_("Stripe refused the refund: %(error)s") % {"error": error}) from error
    if refund.status in ("failed", "canceled"):
        logger.error("Order %s: Stripe refund %s ended %s", order.number, refund.id, refund.status)
        raise RefundRefused(_("Stripe could not make the refund (%(status)s).") % {"status": refund.status})
    if refund.status == "succeeded":
        order_card_facts_merge(
            order=order, refunded=order.amount_refunded + refund.amount, reference=refund.id
        )
    logger.info(
        "Order %s: %s refunded %s (%s, %s)", order.number, by, refund.amount, refund.id, refund.status
    )
    return refund
