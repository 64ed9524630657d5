"""The buyer's view of an order: its status page (by signed link), its VietQR code, and
finding it again with its code and the phone number it was bought with."""

import logging

from django import forms
from django.core import signing
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.core.loading import get_class

from core.ratelimit import client_ip, rate_take
from order.models import Order
from payment.transfers import transfer_awaited, transfer_details

logger = logging.getLogger(__name__)


def _order_signed(token, *, unsign, link: str):
    """The order a signed link names; 404 (and a log line) for a tampered or unknown link."""
    try:
        number = unsign(token)
    except signing.BadSignature:
        logger.warning("Order %s link refused: bad signature (%s…)", link, token[:12])
        raise Http404("tampered link") from None
    try:
        return Order.objects.get(number=number)
    except Order.DoesNotExist:
        logger.warning("Order %s link names unknown order %s", link, number)
        raise Http404("unknown order") from None


def order_from_token(token):
    """The order a status link names."""
    return _order_signed(token, unsign=Order.number_from_status_token, link="status")


def order_from_pay_token(token):
    """The order a pay link names (a status link opens no pay page, nor the reverse)."""
    return _order_signed(token, unsign=Order.number_from_pay_token, link="pay")


class OrderPayView(generic.TemplateView):
    """The pay page of an order placed for the buyer (`order.direct`): reachable by whoever
    holds its signed link, guests included."""

    template_name = "order/pay.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["order"] = order_from_pay_token(self.kwargs["token"])
        return ctx


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


VietnamesePhoneField = get_class("address.forms", "VietnamesePhoneField")

FIND_SCOPE = "order-find"
FIND_LIMIT = 10  # tries an hour from one address: enough for typos, too few to guess codes


class OrderFindForm(forms.Form):
    NOT_FOUND = _("No order has this code and this phone number.")

    number = forms.CharField(
        label=_("Order code"),
        max_length=128,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    phone = VietnamesePhoneField(
        label=_("Phone number you bought with"),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )


class OrderFindView(generic.FormView):
    """A guest who bought with a phone number and no e-mail finds the order's status page again.

    The same answer for an unknown code and a wrong phone, so that neither can be probed; tries
    are limited per address."""

    template_name = "order/find.html"
    form_class = OrderFindForm

    def form_valid(self, form):
        if rate_take(scope=FIND_SCOPE, senders={"ip": client_ip(self.request)}, limit=FIND_LIMIT):
            form.add_error(None, _("Too many tries. Please wait an hour and try again."))
            return self.form_invalid(form)
        order = (
            Order.objects.filter(number=form.cleaned_data["number"].strip())
            .select_related("shipping_address")
            .first()
        )
        address = order.shipping_address if order else None
        if address is None or address.phone_number != form.cleaned_data["phone"]:
            form.add_error(None, form.NOT_FOUND)
            return self.form_invalid(form)
        return HttpResponseRedirect(order.get_status_url())
