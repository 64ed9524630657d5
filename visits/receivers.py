"""An order that paid for bookings was cancelled: the bookings go with it (contract 2's
`order.signals.order_cancelled`, sent inside the cancelling transaction)."""

from django.dispatch import receiver

from order.signals import order_cancelled
from visits import services


@receiver(order_cancelled, dispatch_uid="visits.bookings_cancel_for_order")
def bookings_cancel_for_order(sender, order, reason="", **kwargs):
    services.bookings_cancel_for_order(order=order)
