"""Moving a producer's part of an order along: confirm, ship, deliver, cancel.

Each step locks the part, checks that the move is allowed, adjusts stock (shipping consumes
the allocation made at checkout, cancelling gives it back), keeps Oscar's line statuses in
step, re-derives the order's status and payment status, and mails the buyer after commit.

Oscar's `EventHandler` (order.processing) is not used for this: it moves whole orders and
lines through the status pipelines and records shipping and payment events by line quantity,
while a part here is one producer's lines moved together, with its own carrier, tracking
number, shipped lots and stamps, and the order's status is derived from its parts
(`Order.derive_status`) rather than set. Stock goes through Oscar's own `StockRecord`
allocation methods, as the EventHandler would do.
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.clock import vietnam_today
from order.mails import order_mail_send
from order.models import Fulfilment, FulfilmentStatus, Order, OrderStatus
from order.pay_later import pay_by_words
from order.payments import order_payment_settle
from order.signals import order_cancelled
from traceability.models import Lot

logger = logging.getLogger(__name__)

S = FulfilmentStatus
ALLOWED = {
    "confirm": ({S.PLACED}, S.CONFIRMED),
    "ship": ({S.PLACED, S.CONFIRMED}, S.SHIPPED),
    "deliver": ({S.SHIPPED}, S.DELIVERED),
    "cancel": ({S.PLACED, S.CONFIRMED}, S.CANCELLED),
}
STAMPS = {
    S.CONFIRMED: "confirmed_at",
    S.SHIPPED: "shipped_at",
    S.DELIVERED: "delivered_at",
    S.CANCELLED: "cancelled_at",
}


class InvalidTransition(Exception):
    """A move refused, with the message to show; `field` names the form field it is about
    (`lot-<line pk>` for a line's lot), if any."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.field = field


def _published_lots(part, product_ids) -> dict:
    """{product id: {lot pk: lot}} of the producer's published lots of those products."""
    lots = {}
    for lot in Lot.objects.published().filter(producer_id=part.partner_id, product_id__in=product_ids):
        lots.setdefault(lot.product_id, {})[lot.pk] = lot
    return lots


def fulfilment_lots_to_ship(*, part: Fulfilment, on: datetime.date | None = None) -> list:
    """[(line, lots)] of a part for the ship form: for each line, the producer's published lots
    of its product still within their use-by date on `on` (today in Vietnam), newest first."""
    day = on or vietnam_today()
    lines = list(part.lines.select_related("product").order_by("pk"))
    usable = (
        Lot.objects.published()
        .unexpired(on=day)
        .filter(
            producer_id=part.partner_id,
            product_id__in=[line.product_id for line in lines],
        )
        .order_by("-produced_on", "-pk")
    )
    lots = {}
    for lot in usable:
        lots.setdefault(lot.product_id, []).append(lot)
    return [(line, lots.get(line.product_id, [])) for line in lines]


def _shipped_lot(line, choices, lots, day):
    """The lot chosen for `line` among `choices` ({pk: lot}); required when one is usable on `day`."""
    chosen = lots.get(line.pk)
    if chosen in (None, ""):
        if any(not lot.is_expired_on(day) for lot in choices.values()):
            raise InvalidTransition(
                _("Choose the lot shipped of “%(title)s”.") % {"title": line.title}, field=f"lot-{line.pk}"
            )
        return None
    try:
        lot = choices[int(chosen)]
    except (KeyError, TypeError, ValueError):
        raise InvalidTransition(
            _("That lot is not a published lot of yours for “%(title)s”.") % {"title": line.title},
            field=f"lot-{line.pk}",
        ) from None
    if lot.is_expired_on(day):
        raise InvalidTransition(
            _("Lot %(code)s of “%(title)s” passed its use-by date on %(date)s: it cannot be shipped.")
            % {"code": lot.code, "title": line.title, "date": date_format(lot.expires_on, "d/m/Y")},
            field=f"lot-{line.pk}",
        )
    return lot


@transaction.atomic
def fulfilment_advance(
    *,
    part: Fulfilment,
    action: str,
    carrier: str = "",
    tracking_number: str = "",
    reason: str = "",
    lots: dict | None = None,
    notify: bool = True,
) -> Fulfilment:
    """Apply `action` to a producer's part and return the updated part.

    Shipping takes `lots`, {line pk: lot pk}: the lot each line was packed from, so that the
    buyer's order page links to its trace page.
    """
    part = Fulfilment.objects.select_for_update().select_related("order", "partner").get(pk=part.pk)
    sources, target = ALLOWED[action]
    if part.status not in sources:
        raise InvalidTransition(
            _("This part is %(status)s and cannot be changed that way.")
            % {"status": part.get_status_display()}
        )
    if action != "cancel" and part.order.awaits_payment_choice:
        raise InvalidTransition(
            _("The buyer has not chosen how to pay yet (deadline %(time)s on %(day)s): wait until they have.")
            % pay_by_words(part.order.pay_by)
        )
    if action == "ship" and not (carrier.strip() and tracking_number.strip()):
        raise InvalidTransition(_("Give the carrier and the tracking number of the parcel."))
    if action == "cancel" and not reason.strip():
        raise InvalidTransition(_("Give a reason for cancelling."))

    lines = list(part.lines.select_related("stockrecord", "product__product_class", "product__parent"))
    published = _published_lots(part, [line.product_id for line in lines]) if action == "ship" else {}
    today = vietnam_today()
    for line in lines:
        if line.stockrecord_id is None:
            continue
        if action == "ship":
            stock = line.stockrecord
            if stock.can_track_allocations and not stock.is_allocation_consumption_possible(
                line.num_allocated or 0
            ):
                # Someone lowered the stock below what this order had reserved.
                raise InvalidTransition(
                    _("The stock of “%(title)s” is lower than this order reserved: correct the stock first.")
                    % {"title": line.title}
                )
            line.lot = _shipped_lot(line, published.get(line.product_id, {}), lots or {}, today)
            line.stockrecord.consume_allocation(line.num_allocated or 0)
            line.num_allocated = 0
        elif action == "cancel":
            line.stockrecord.cancel_allocation(line.num_allocated or 0)
            line.num_allocated = 0
            line.allocation_cancelled = True
        line.status = target
        line.save(update_fields=["status", "num_allocated", "allocation_cancelled", "lot"])

    part.status = target
    setattr(part, STAMPS[target], timezone.now())
    if action == "ship":
        part.carrier, part.tracking_number = carrier.strip(), tracking_number.strip()
    if action == "cancel":
        part.cancel_reason = reason.strip()
    part.save()

    order = Order.objects.select_for_update().get(pk=part.order_id)
    before = order.status
    order.status = order.derive_status()
    order.save(update_fields=["status"])
    logger.info("Order %s: %s's part %s; order now %s", order.number, part.partner.name, target, order.status)
    if order.status == OrderStatus.CANCELLED and before != OrderStatus.CANCELLED:
        # Every way an order ends cancelled passes here (order_cancel cancels part by part).
        order_cancelled.send(sender=Order, order=order, reason=part.cancel_reason)

    order_payment_settle(order=order)
    if notify and target in (S.SHIPPED, S.DELIVERED, S.CANCELLED):
        order_mail_send(order=order, kind=f"part_{target}", part=part)
    return part


@transaction.atomic
def order_cancel(*, order: Order, reason: str, notify: bool = True) -> Order:
    """Cancel every part that has not left yet (used when a payment fails or is abandoned)."""
    for part in order.fulfilments.filter(status__in=[S.PLACED, S.CONFIRMED]):
        fulfilment_advance(part=part, action="cancel", reason=reason, notify=False)
    order.refresh_from_db()
    if notify:
        order_mail_send(order=order, kind="order_cancelled", reason=reason)
    return order
