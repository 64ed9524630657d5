"""Finishing card orders that waited for the bank's confirmation (3-D Secure).

Such an order is written when the buyer presses "place order" (its stock is reserved), but
its basket stays frozen and no confirmation is mailed until the payment succeeds: then the
basket is submitted and the mail goes (`card_order_complete`). If the bank refuses, the order
is cancelled and its stock given back, and its lines move to a new open basket, so the buyer
finds them as they were (`card_order_abandon`); a new basket, because the order number comes
from the basket and the cancelled order keeps its own. Both are called from the buyer's
return from the bank and from Stripe's webhook, whichever comes first; the second call finds
nothing left to do.
"""

import logging

from django.db import transaction
from oscar.core.loading import get_model

from order.fulfilment import cancel_order
from order.mails import send_order_placed_mails
from order.models import OrderStatus

logger = logging.getLogger(__name__)

Basket = get_model("basket", "Basket")


def _frozen_basket(order):
    return Basket.objects.select_for_update().filter(pk=order.basket_id, status=Basket.FROZEN).first()


@transaction.atomic
def card_order_complete(order):
    """The card is paid: submit the waiting basket and send the confirmation. False if done before."""
    basket = _frozen_basket(order)
    if basket is None:
        return False
    basket.submit()
    send_order_placed_mails(order)
    logger.info("Order %s: card confirmed by the bank, basket #%s submitted", order.number, basket.pk)
    return True


@transaction.atomic
def card_order_abandon(order, *, reason):
    """The bank refused: cancel the order and give its lines back in a new open basket, which
    is returned. None if the order was not waiting for the bank (its basket was submitted)."""
    basket = _frozen_basket(order)
    if basket is None:
        return None
    order.refresh_from_db()
    if order.status != OrderStatus.CANCELLED:
        cancel_order(order, reason=reason, notify=False)
    again = Basket.objects.create(owner=basket.owner)
    again.merge(basket)
    logger.info("Order %s: card refused at the bank, lines back in basket #%s", order.number, again.pk)
    return again
