"""The buyer's view of an order, and the actions on a producer's part of it."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View, generic
from django.views.decorators.http import require_POST

from order import fulfilment
from order.models import Fulfilment, Order
from payment.transfers import awaited_transfer, transfer_details

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
        ctx.update(order=order, transfer=awaited_transfer(order))
        return ctx


def transfer_qr(request, token):
    order = order_from_token(token)
    if not order.is_awaiting_transfer:
        raise Http404("nothing to transfer")
    response = HttpResponse(transfer_details(order).qr_png(), content_type="image/png")
    response["Cache-Control"] = "private, max-age=300"
    return response


def parts_for(user):
    """The producers' parts a user may act on: all for staff, its own producer's otherwise."""
    if user.is_staff:
        return Fulfilment.objects.all()
    return Fulfilment.objects.filter(partner__users=user)


@method_decorator([login_required, require_POST], name="dispatch")
class FulfilmentActionView(View):
    def post(self, request, pk):
        part = get_object_or_404(parts_for(request.user), pk=pk)
        action = request.POST.get("action", "")
        if action not in fulfilment.ALLOWED:
            messages.error(request, _("Unknown action."))
        else:
            try:
                part = fulfilment.advance(
                    part,
                    action,
                    carrier=request.POST.get("carrier", ""),
                    tracking_number=request.POST.get("tracking_number", ""),
                    reason=request.POST.get("reason", ""),
                    lots={
                        int(key.removeprefix("lot-")): value
                        for key, value in request.POST.items()
                        if key.startswith("lot-") and key.removeprefix("lot-").isdigit()
                    },
                )
            except fulfilment.InvalidTransition as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("%(producer)s: the part is now %(status)s.")
                    % {"producer": part.partner.name, "status": part.get_status_display()},
                )
        return redirect("dashboard:order-detail", number=part.order.number)
