"""Settling orders whose payment succeeded or failed away from the checkout.

A card order that waits for the bank's confirmation (3-D Secure) is written when the buyer
presses "place order" (its stock is reserved), but its basket stays frozen and no confirmation
is mailed until the payment succeeds: then the basket is submitted and the mail goes
(`order_card_complete`). When the payment fails or never comes, `order_payment_fail` settles
the order once, whoever notices first: the buyer's return from the bank (checkout), Stripe's
webhook (`order.card_events`) or the release of unpaid orders (`order_release_unpaid`). A card
order still waiting for the bank is cancelled and its lines move to a new open basket, so the
buyer finds them as they were (a new basket, because the order number comes from the basket
and the cancelled order keeps its own); any other order is simply cancelled, its stock given
back.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from order.fulfilment import fulfilment_advance, order_cancel
from order.mails import order_placed_mails_send
from order.models import Fulfilment, FulfilmentStatus, Order, OrderStatus, PaymentMethod, PaymentStatus
from order.payments import order_lock
from payment import cards

logger = logging.getLogger(__name__)

Basket = get_model("basket", "Basket")


def _frozen_basket(order: Order):
    return Basket.objects.select_for_update().filter(pk=order.basket_id, status=Basket.FROZEN).first()


@transaction.atomic
def order_card_complete(*, order: Order) -> bool:
    """The card is paid: submit the waiting basket and send the confirmation. False if done before."""
    basket = _frozen_basket(order)
    if basket is None:
        return False
    basket.submit()
    order_placed_mails_send(order=order)
    logger.info("Order %s: card confirmed by the bank, basket #%s submitted", order.number, basket.pk)
    return True


@transaction.atomic
def order_payment_fail(*, order: Order, reason: str):
    """The payment failed or never came: cancel the order (stock back, buyer told) and return the
    new open basket holding its lines when it was a card order waiting for the bank, else None.
    Cancelling an order cancelled before changes nothing."""
    basket = _frozen_basket(order)
    order.refresh_from_db()
    if basket is None:
        if order.status != OrderStatus.CANCELLED:
            order_cancel(order=order, reason=reason)
        return None
    if order.status != OrderStatus.CANCELLED:
        # The buyer never had a confirmation: no cancellation mail either.
        order_cancel(order=order, reason=reason, notify=False)
    again = Basket.objects.create(owner=basket.owner)
    again.merge(basket)
    logger.info("Order %s: card refused at the bank, lines back in basket #%s", order.number, again.pk)
    return again


def card_failure_reason(order: Order) -> str:
    """Why a card order was cancelled, in the buyer's language (mails, the order's page)."""
    with translation.override(order.language):
        return _("the card payment was not completed")


def orders_overdue(*, now: datetime.datetime):
    """Orders whose transfer (MARKETPLACE_TRANSFER_HOURS) or card payment stopped at the bank's
    confirmation step (MARKETPLACE_CARD_PAYMENT_HOURS) has not come in time, oldest first."""
    unpaid = Order.objects.filter(payment_status=PaymentStatus.AWAITING, amount_paid=0).exclude(
        status=OrderStatus.CANCELLED
    )
    transfers = unpaid.filter(
        payment_method=PaymentMethod.BANK_TRANSFER,
        date_placed__lt=now - datetime.timedelta(hours=settings.MARKETPLACE_TRANSFER_HOURS),
    )
    card = unpaid.filter(
        payment_method=PaymentMethod.CARD,
        date_placed__lt=now - datetime.timedelta(hours=settings.MARKETPLACE_CARD_PAYMENT_HOURS),
    )
    return (transfers | card).order_by("date_placed")


@transaction.atomic
def order_release_unpaid(*, order: Order) -> bool:
    """Cancel one overdue order so its stock goes back on sale; False when it was paid
    meanwhile (checked under its lock) or its card payment can no longer be cancelled."""
    order = order_lock(order=order)
    if (
        order.payment_status != PaymentStatus.AWAITING
        or order.amount_paid
        or order.status == OrderStatus.CANCELLED
    ):
        return False
    intent = cards.card_intent_id(order=order)
    if order.payment_method == PaymentMethod.CARD and intent:
        try:
            cards.card_intent_cancel(payment_intent=intent)
        except cards.CardGatewayError as error:
            # Typically: the payment succeeded meanwhile; its webhook will record it.
            logger.warning("Order %s: card payment not cancelled (%s), order kept", order.number, error)
            return False
    if order.payment_method == PaymentMethod.BANK_TRANSFER:
        with translation.override(order.language):
            reason = _("no bank transfer received within %(hours)d hours") % {
                "hours": settings.MARKETPLACE_TRANSFER_HOURS
            }
    else:
        reason = card_failure_reason(order)
    order_payment_fail(order=order, reason=reason)
    logger.info("Order %s released: %s", order.number, reason)
    return True


def parts_unconfirmed(*, now: datetime.datetime):
    """Producers' parts of cash-on-delivery orders still waiting for the producer's
    confirmation after MARKETPLACE_COD_CONFIRM_HOURS, oldest first: nothing is paid for them,
    so they would otherwise hold their stock for ever."""
    return (
        Fulfilment.objects.filter(
            status=FulfilmentStatus.PLACED,
            order__payment_method=PaymentMethod.COD,
            order__date_placed__lt=now - datetime.timedelta(hours=settings.MARKETPLACE_COD_CONFIRM_HOURS),
        )
        .select_related("order", "partner")
        .order_by("order__date_placed", "pk")
    )


@transaction.atomic
def part_release_unconfirmed(*, part: Fulfilment) -> bool:
    """Cancel a part its producer never confirmed (stock back, buyer told); False when it was
    confirmed or cancelled meanwhile (checked under its lock)."""
    part = Fulfilment.objects.select_for_update().select_related("order").get(pk=part.pk)
    if part.status != FulfilmentStatus.PLACED:
        return False
    with translation.override(part.order.language):
        reason = _("the producer did not confirm the order within %(hours)d hours") % {
            "hours": settings.MARKETPLACE_COD_CONFIRM_HOURS
        }
    fulfilment_advance(part=part, action="cancel", reason=reason)
    logger.info("Order %s: %s's unconfirmed part released", part.order.number, part.partner.name)
    return True
