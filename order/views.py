"""The buyer's view of an order: its status page (by signed link) and its VietQR code."""

import logging

from django.core import signing
from django.http import Http404, HttpResponse
from django.views import generic

from order.models import Order
from payment.transfers import transfer_awaited, transfer_details

logger = logging.getLogger(__name__)


def order_from_token(token):
    """The order a status link names; 404 (and a log line) for a tampered or unknown link."""
    try:
        number = Order.number_from_status_token(token)
    except signing.BadSignature:
        logger.warning("Order status link refused: bad signature (%s…)", token[:12])
        raise Http404("tampered link") from None
    try:
        return Order.objects.get(number=number)
    except Order.DoesNotExist:
        logger.warning("Order status link names unknown order %s", number)
        raise Http404("unknown order") from None


class OrderStatusView(generic.TemplateView):
    """Reachable by whoever holds the signed link from the confirmation mail (guests included)."""

    template_name = "order/status.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        order = order_from_token(self.kwargs["token"])
        ctx.update(order=order, transfer=transfer_awaited(order=order))
        return ctx


def transfer_qr(request, token):
    order = order_from_token(token)
    if not order.is_awaiting_transfer:
        raise Http404("nothing to transfer")
    response = HttpResponse(transfer_details(order=order).qr_png(), content_type="image/png")
    response["Cache-Control"] = "private, max-age=300"
    return response
