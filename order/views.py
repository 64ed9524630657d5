"""The buyer's view of an order: its status page (by signed link), its VietQR code, the pay
page of an order placed for the buyer (by its own signed link), and finding an order again
with its code and the phone number it was bought with."""

import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.core.loading import get_class

from core.ratelimit import client_ip, rate_take
from order.forms import PaymentMethodForm
from order.models import Order, PaymentMethod
from order.pay_later import PaymentRefused, order_pay_card_reopen, order_pay_refusal, order_payment_choose
from order.selectors import payment_methods_available
from order.settlement import CardReturn, card_failure_reason, order_card_return, order_payment_fail
from payment import cards
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


PAY_SCOPE = "order-pay"
PAY_LIMIT = 30  # choices an hour from one address: a buyer's retries, not a card tester's
CARD_SESSION_KEY = "order_pay_card"  # {"order": number, "client_secret": …} while the bank confirms


class OrderPayView(generic.TemplateView):
    """The pay page of an order placed for the buyer (`order.direct`): reachable by whoever
    holds its signed link, guests included. The buyer chooses cash on delivery, a VietQR
    transfer or a card before the order's `pay_by` (`order.pay_later`); a card is a second
    step, with Stripe's Payment Element (or stripe-mock's test token), like the checkout's."""

    template_name = "order/pay.html"

    def dispatch(self, request, *args, **kwargs):
        self.order = order_from_pay_token(kwargs["token"])
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None):
        return PaymentMethodForm(
            data, methods=payment_methods_available(), initial={"method": PaymentMethod.COD}
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        order = self.order
        lines = order.lines.select_related("partner", "lot").order_by("partner__name", "pk")
        ctx.update(
            order=order,
            lines=lines,
            parts=order.fulfilments.select_related("partner").order_by("partner__name"),
            refusal=order_pay_refusal(order=order),
            pay_by=order.pay_by,
        )
        ctx.setdefault("form", self.form())
        if ctx.get("card_step"):
            ctx.update(cards.card_page_context())
        return ctx

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("card_step") and not context.get("stripe_mock_token"):
            response._csp_update = cards.STRIPE_CSP  # django-csp: Stripe.js and its frames
        return response

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        refusal = order_pay_refusal(order=self.order)
        if refusal and self.order.payment_method != PaymentMethod.UNCHOSEN:
            return self.chosen_before(refusal)
        if refusal:
            return self.render_to_response(self.get_context_data(form=form))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        method = form.cleaned_data["method"]
        token = request.POST.get("confirmation_token", "")
        if method == PaymentMethod.CARD and not token:
            return self.render_to_response(self.get_context_data(form=form, card_step=True))
        if rate_take(scope=PAY_SCOPE, senders={"ip": client_ip(request)}, limit=PAY_LIMIT):
            form.add_error(None, _("Too many tries. Please wait an hour and try again."))
            return self.render_to_response(self.get_context_data(form=form))
        try:
            choice = order_payment_choose(
                order=self.order,
                method=method,
                confirmation_token=token,
                return_url=request.build_absolute_uri(
                    reverse("order:pay-card-return", kwargs={"token": kwargs["token"]})
                ),
            )
        except PaymentRefused as refused:
            self.order.refresh_from_db()
            if self.order.payment_method != PaymentMethod.UNCHOSEN:
                return self.chosen_before(str(refused))
            form.add_error(None, str(refused))
            return self.render_to_response(
                self.get_context_data(form=form, card_step=method == PaymentMethod.CARD)
            )
        if choice.client_secret:
            request.session[CARD_SESSION_KEY] = {
                "order": self.order.number,
                "client_secret": choice.client_secret,
            }
            return HttpResponseRedirect(reverse("order:pay-card-action", kwargs={"token": kwargs["token"]}))
        messages.success(request, CHOSEN_MESSAGES[method])
        return HttpResponseRedirect(self.order.get_status_url())

    def chosen_before(self, message):
        """A second click, or another tab, chose first: show the order as it was chosen."""
        messages.info(self.request, message)
        return HttpResponseRedirect(self.order.get_status_url())


CHOSEN_MESSAGES = {
    PaymentMethod.COD: _(
        "Thank you: you pay in cash when the parcel arrives. The producer will now confirm the order."
    ),
    PaymentMethod.BANK_TRANSFER: _("Thank you: scan the VietQR code below with your banking app to pay."),
    PaymentMethod.CARD: _("Thank you: your card payment has been received."),
}


def _card_waiting(request, order):
    waiting = request.session.get(CARD_SESSION_KEY) or {}
    return waiting if waiting.get("order") == order.number else None


class OrderPayCardActionView(generic.TemplateView):
    """Where the bank asks the buyer to confirm the card payment of a pay page (3-D Secure)."""

    template_name = "order/pay_card_action.html"

    def get(self, request, *args, **kwargs):
        self.order = order_from_pay_token(kwargs["token"])
        self.waiting = _card_waiting(request, self.order)
        if self.waiting is None:
            return HttpResponseRedirect(self.order.get_status_url())
        response = super().get(request, *args, **kwargs)
        response._csp_update = cards.STRIPE_CSP  # django-csp: Stripe.js and its frames
        return response

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            order=self.order,
            client_secret=self.waiting["client_secret"],
            stripe_publishable_key=settings.STRIPE_PUBLISHABLE_KEY,
            return_url=self.request.build_absolute_uri(
                reverse("order:pay-card-return", kwargs={"token": self.kwargs["token"]})
            ),
        )
        return ctx


def pay_card_return(request, token):
    """Back from the bank's confirmation step: the payment is recorded and the buyer lands on the
    order's page, or the card was refused and the buyer may choose again (before the deadline)."""
    order = order_from_pay_token(token)
    request.session.pop(CARD_SESSION_KEY, None)
    if order.payment_method != PaymentMethod.CARD or not cards.card_intent_id(order=order):
        return HttpResponseRedirect(order.get_status_url())
    outcome = order_card_return(order=order)
    if outcome == CardReturn.PAID:
        messages.success(request, CHOSEN_MESSAGES[PaymentMethod.CARD])
        return HttpResponseRedirect(order.get_status_url())
    if outcome == CardReturn.REFUSED:
        messages.error(request, cards.DECLINED_MESSAGE)
        if order_pay_card_reopen(order=order):
            return HttpResponseRedirect(order.get_pay_url())
        order_payment_fail(order=order, reason=card_failure_reason(order))  # its deadline has passed
        return HttpResponseRedirect(order.get_status_url())
    messages.info(
        request, _("Your bank is still processing the payment; this page will show when it is done.")
    )
    return HttpResponseRedirect(order.get_status_url())


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
