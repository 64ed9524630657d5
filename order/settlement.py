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

An order placed for the buyer and paid on its pay page (`order.direct`, `order.pay_later`) has
no basket of the buyer's: its card payment confirmed by the bank settles the buyer's choice
(`order.pay_later.order_pay_card_complete`), a refused one gives the choice back until
`pay_by` (`order.pay_later.order_pay_card_reopen`, from the webhook or the buyer's return), and
it is released once `pay_by` has passed unpaid, whatever was chosen but cash on delivery.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from order.fulfilment import fulfilment_advance, order_cancel
from order.mails import order_placed_mails_send
from order.models import Fulfilment, FulfilmentStatus, Order, OrderStatus, PaymentMethod, PaymentStatus
from order.pay_later import order_pay_card_complete, pay_by_words
from order.payments import order_card_facts_merge, order_lock, order_payment_source
from order.selectors import cod_parts_waiting_since
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
        return order_pay_card_complete(order=order)
    basket.submit()
    order_placed_mails_send(order=order)
    logger.info("Order %s: card confirmed by the bank, basket #%s submitted", order.number, basket.pk)
    return True


class CardReturn:
    PAID = "paid"
    REFUSED = "refused"
    WAITING = "waiting"


def order_card_return(*, order: Order) -> str:
    """The buyer is back from the bank's confirmation step: ask Stripe how the card payment
    ended. PAID: recorded (what the order's payment source says was charged) and the order
    completed (`order_card_complete`); REFUSED: nothing recorded, the caller settles the
    failure its own way; WAITING: the bank is still processing (or Stripe cannot say)."""
    intent = cards.card_intent_id(order=order)
    try:
        status = cards.card_intent_status(payment_intent=intent)
    except cards.CardGatewayError:
        status = "unknown"
    order.refresh_from_db()
    if status == "succeeded" or order.paid_at:
        if status == "succeeded":
            charged = order_payment_source(order=order).amount_allocated
            order_card_facts_merge(order=order, captured=charged, reference=intent)
        order_card_complete(order=order)
        return CardReturn.PAID
    if status in ("requires_payment_method", "canceled"):
        return CardReturn.REFUSED
    return CardReturn.WAITING


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
    confirmation step (MARKETPLACE_CARD_PAYMENT_HOURS) has not come in time, oldest first; and
    orders placed for the buyer left unpaid after their `pay_by` (a card at the bank's step
    then gets MARKETPLACE_CARD_PAYMENT_HOURS more; cash on delivery chosen in time waits for
    its producers like any other)."""
    unpaid = Order.objects.filter(payment_status=PaymentStatus.AWAITING, amount_paid=0).exclude(
        status=OrderStatus.CANCELLED
    )
    card_hours = datetime.timedelta(hours=settings.MARKETPLACE_CARD_PAYMENT_HOURS)
    checkout = unpaid.filter(pay_by__isnull=True)
    transfers = checkout.filter(
        payment_method=PaymentMethod.BANK_TRANSFER,
        date_placed__lt=now - datetime.timedelta(hours=settings.MARKETPLACE_TRANSFER_HOURS),
    )
    card = checkout.filter(payment_method=PaymentMethod.CARD, date_placed__lt=now - card_hours)
    pay_later = unpaid.filter(
        Q(payment_method__in=[PaymentMethod.UNCHOSEN, PaymentMethod.BANK_TRANSFER], pay_by__lt=now)
        | Q(payment_method=PaymentMethod.CARD, pay_by__lt=now - card_hours)
    )
    return (transfers | card | pay_later).order_by("date_placed")


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
    if order.pay_by is not None:
        with translation.override(order.language):
            reason = _("not paid by %(time)s on %(day)s") % pay_by_words(order.pay_by)
    elif order.payment_method == PaymentMethod.BANK_TRANSFER:
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
    return cod_parts_waiting_since(
        before=now - datetime.timedelta(hours=settings.MARKETPLACE_COD_CONFIRM_HOURS)
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
