"""Cancel orders whose payment never came, so their stock goes back on sale.

Bank transfers are waited for MARKETPLACE_TRANSFER_HOURS (48 by default), card payments that
stopped at the bank's confirmation step MARKETPLACE_CARD_PAYMENT_HOURS (1). Run it from cron,
for example every 15 minutes:

    */15 * * * *  cd /srv/ocop && .venv/bin/python manage.py orders_release_unpaid
"""

import datetime
import logging

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from tqdm import tqdm

from checkout.placement import card_order_abandon
from order.fulfilment import cancel_order
from order.models import Order, OrderStatus, PaymentMethod, PaymentStatus
from payment import cards
from payment.records import locked

logger = logging.getLogger(__name__)


def overdue_orders(now=None):
    now = now or timezone.now()
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
def release(order):
    """Cancel one overdue order; False when it was paid meanwhile (checked under its lock)."""
    order = locked(order)
    if (
        order.payment_status != PaymentStatus.AWAITING
        or order.amount_paid
        or order.status == OrderStatus.CANCELLED
    ):
        return False
    reference = cards.card_reference(order)
    if order.payment_method == PaymentMethod.CARD and reference:
        try:
            cards.cancel_intent(reference)
        except cards.CardGatewayError as error:
            # Typically: the payment succeeded meanwhile; its webhook will record it.
            logger.warning("Order %s: card payment not cancelled (%s), order kept", order.number, error)
            return False
    with translation.override(order.language):
        if order.payment_method == PaymentMethod.BANK_TRANSFER:
            reason = _("no bank transfer received within %(hours)d hours") % {
                "hours": settings.MARKETPLACE_TRANSFER_HOURS
            }
        else:
            reason = _("the card payment was not completed")
    if card_order_abandon(order, reason=reason) is None:
        cancel_order(order, reason=reason)
    logger.info("Order %s released: %s", order.number, reason)
    return True


class Command(BaseCommand):
    help = (
        "Cancel orders whose bank transfer or card payment did not arrive in time, giving their stock back."
    )

    def handle(self, *args, **options):
        orders = list(overdue_orders())
        released = 0
        for order in tqdm(orders, desc="Unpaid orders", unit="order", disable=options["verbosity"] == 0):
            released += release(order)
        self.stdout.write(
            _("%(released)d of %(found)d overdue orders cancelled; their stock is back on sale.")
            % {"released": released, "found": len(orders)}
        )
