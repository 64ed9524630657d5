"""The buyer's choice of how to pay an order placed for them (`order.direct`), on its pay page.

Such an order waits with `PaymentMethod.UNCHOSEN` until its buyer chooses, before
`Order.pay_by`: cash on delivery (the order becomes an ordinary COD order, which its producers
confirm as usual), a VietQR bank transfer (due by `pay_by`), or a card charged at once. The
choice is made under the order's row lock (`order.payments.order_lock`), so a second click, or
a second tab, finds the choice made and changes nothing; a refused card, a card service that
cannot be reached, a cancelled order or a passed deadline change nothing either.

The buyer's confirmation and the producers' new parts are mailed when the choice is settled
(`payment_chosen_at`): at once for cash and transfers, when the card is paid for a card, which
may wait for the bank's 3-D Secure step (`order_pay_card_complete`, from the buyer's return or
Stripe's webhook). A card the bank then refuses gives the choice back to the buyer while the
deadline has not passed (`order_pay_card_reopen`).
"""

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.clock import VIETNAM
from order.mails import order_placed_mails_send
from order.models import Order, OrderStatus, PaymentMethod
from order.payments import order_card_facts_merge, order_lock, order_payment_source
from order.selectors import payment_methods_available
from payment import cards

logger = logging.getLogger(__name__)


class PaymentRefused(Exception):
    """The choice was refused and nothing changed; the message says why, for the buyer."""


@dataclass(frozen=True)
class PayChoice:
    order: Order
    # When the bank must confirm the card payment (3-D Secure): Stripe.js's secret for it.
    client_secret: str = ""


def pay_by_words(when: datetime.datetime) -> dict[str, str]:
    """A deadline as the buyer reads it, on Vietnam's clock: {"time": "10:00", "day": "12/06/2027"}."""
    local = timezone.localtime(when, VIETNAM)
    return {"time": date_format(local, "H:i"), "day": date_format(local, "d/m/Y")}


def order_pay_refusal(*, order: Order, now: datetime.datetime | None = None) -> str | None:
    """Why the order cannot be paid on its pay page now (in the active language), or None."""
    if order.pay_by is None:
        return _("This order's payment was chosen at the checkout: there is nothing to choose here.")
    if order.status == OrderStatus.CANCELLED:
        return _("This order has been cancelled: there is nothing to pay.")
    if order.payment_method != PaymentMethod.UNCHOSEN:
        return _("You have already chosen how to pay for this order: %(method)s.") % {
            "method": order.get_payment_method_display()
        }
    if (now or timezone.now()) >= order.pay_by:
        return _(
            "The deadline to pay for this order passed at %(time)s on %(day)s: it can no longer be "
            "paid, and it is being cancelled."
        ) % pay_by_words(order.pay_by)
    return None


def _chosen(order: Order) -> None:
    """The choice is settled: stamp it, and tell the buyer and the producers."""
    order.payment_chosen_at = timezone.now()
    order.save(update_fields=["payment_chosen_at"])
    order_placed_mails_send(order=order)
    logger.info("Order %s: the buyer chose %s", order.number, order.payment_method)


@transaction.atomic
def order_payment_choose(
    *, order: Order, method: str, confirmation_token: str = "", return_url: str = ""
) -> PayChoice:
    """Apply the buyer's choice; raise `PaymentRefused` (nothing changed) when it cannot be.

    A card is charged the order's amount due with `confirmation_token` (Stripe.js's); the
    bank's 3-D Secure step, when it asks for one, returns to `return_url`.
    """
    order = order_lock(order=order)
    refusal = order_pay_refusal(order=order)
    if refusal:
        raise PaymentRefused(refusal)
    if method not in dict(payment_methods_available()):
        raise PaymentRefused(_("Choose how you will pay."))
    order.payment_method = method
    order.save(update_fields=["payment_method"])
    if method != PaymentMethod.CARD:
        _chosen(order)
        return PayChoice(order)
    if not confirmation_token:
        raise PaymentRefused(_("Enter your card details to pay by card."))
    try:
        intent = cards.card_charge(
            order_number=order.number,
            amount=order.amount_due,
            confirmation_token=confirmation_token,
            return_url=return_url,
            email=order.email,
        )
    except cards.CardDeclined as error:
        raise PaymentRefused(str(error)) from error
    except cards.CardGatewayError as error:
        logger.error("Order %s: card not charged on the pay page: %s", order.number, error)
        raise PaymentRefused(
            _(
                "We could not reach the card service, so nothing was charged and nothing changed. "
                "Please try again shortly, or choose another way to pay."
            )
        ) from error
    source = order_payment_source(order=order)
    source.reference, source.amount_allocated = intent.id, intent.amount  # what the card is charged
    source.save(update_fields=["reference", "amount_allocated"])
    if intent.status == "succeeded":
        order_card_facts_merge(order=order, captured=intent.amount, reference=intent.id)
        _chosen(order)
        return PayChoice(order)
    logger.info("Order %s: card payment %s waits for the bank (%s)", order.number, intent.id, intent.status)
    return PayChoice(order, client_secret=intent.client_secret or "")


def order_is_pay_later_card_waiting(order: Order) -> bool:
    return (
        order.pay_by is not None
        and order.payment_method == PaymentMethod.CARD
        and order.payment_chosen_at is None
        and order.status != OrderStatus.CANCELLED
    )


@transaction.atomic
def order_pay_card_complete(*, order: Order) -> bool:
    """The bank confirmed the card of an order paid on its pay page: settle the choice (mails).
    False when it is not such an order or was settled before."""
    order = order_lock(order=order)
    if not order_is_pay_later_card_waiting(order) or order.amount_paid <= 0:
        return False
    _chosen(order)
    return True


@transaction.atomic
def order_pay_card_reopen(*, order: Order, now: datetime.datetime | None = None) -> bool:
    """The bank refused the card of an order paid on its pay page: before its deadline the
    buyer may choose again (nothing else changes). False when it is not such an order, when
    something was paid, or when the deadline has passed (the caller then cancels it)."""
    order = order_lock(order=order)
    if not order_is_pay_later_card_waiting(order) or order.amount_paid:
        return False
    if (now or timezone.now()) >= order.pay_by:
        return False
    order.payment_method = PaymentMethod.UNCHOSEN
    order.save(update_fields=["payment_method"])
    logger.info("Order %s: card refused at the bank; the buyer may choose again", order.number)
    return True
