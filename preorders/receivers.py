"""Receivers of other apps' signals: an order a reservation became is cancelled."""

from preorders.services import reservation_order_cancelled


def order_cancelled_received(sender, *, order, reason="", **kwargs):
    reservation_order_cancelled(order=order)
