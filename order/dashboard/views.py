"""Back-office actions beside Oscar's order pages: a producer moves its part of an order along;
the OCOP office marks a transfer paid, refunds a card payment and imports bank statements."""

import logging

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View, generic
from django.views.decorators.http import require_POST

from core.params import id_or_none
from core.permissions import producer_partners, staff_or_producer_required, staff_required, user_is_staff
from order.bank_transfers import bank_statement_import
from order.dashboard.forms import BankStatementForm, RefundForm
from order.fulfilment import ALLOWED, InvalidTransition, fulfilment_advance
from order.models import Fulfilment, Order, OrderStatus, PaymentMethod, PaymentStatus
from order.payments import RefundRefused, order_card_refund, order_transfer_mark_paid

logger = logging.getLogger(__name__)


def parts_for(user):
    """The producers' parts a user may act on: all for staff, its own producers' otherwise."""
    if user_is_staff(user):
        return Fulfilment.objects.all()
    return Fulfilment.objects.filter(partner__in=producer_partners(user))


@method_decorator([staff_or_producer_required, require_POST], name="dispatch")
class PartActionView(View):
    def post(self, request, pk):
        part = get_object_or_404(parts_for(request.user), pk=pk)
        action = request.POST.get("action", "")
        if action not in ALLOWED:
            messages.error(request, _("Unknown action."))
        else:
            try:
                part = fulfilment_advance(
                    part=part,
                    action=action,
                    carrier=request.POST.get("carrier", ""),
                    tracking_number=request.POST.get("tracking_number", ""),
                    reason=request.POST.get("reason", ""),
                    lots={
                        lot: value
                        for key, value in request.POST.items()
                        if key.startswith("lot-") and (lot := id_or_none(key.removeprefix("lot-")))
                    },
                )
            except InvalidTransition as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("%(producer)s: the part is now %(status)s.")
                    % {"producer": part.partner.name, "status": part.get_status_display()},
                )
        return redirect("dashboard:order-detail", number=part.order.number)


@method_decorator(staff_required, name="dispatch")
class MarkTransferPaidView(View):
    def post(self, request, number):
        order = get_object_or_404(Order, number=number)
        if order_transfer_mark_paid(order=order, by=request.user):
            messages.success(request, _("Order %(number)s is marked paid.") % {"number": number})
        else:
            messages.error(request, _("This order is not waiting for a bank transfer."))
        return redirect("dashboard:order-detail", number=number)


@method_decorator(staff_required, name="dispatch")
class RefundView(View):
    def post(self, request, number):
        order = get_object_or_404(Order, number=number, payment_method=PaymentMethod.CARD)
        form = RefundForm(request.POST, refundable=order.amount_refundable)
        if not form.is_valid():
            for error in form.errors.get("amount", []):
                messages.error(request, error)
            return redirect("dashboard:order-detail", number=number)
        try:
            refund = order_card_refund(order=order, amount=form.cleaned_data["amount"], by=request.user)
        except RefundRefused as refusal:
            messages.error(request, str(refusal))
        else:
            if refund.status == "succeeded":
                messages.success(request, _("Refund %(id)s sent to Stripe.") % {"id": refund.id})
            else:
                messages.info(
                    request,
                    _("Refund %(id)s is pending at Stripe; it is recorded when Stripe confirms it.")
                    % {"id": refund.id},
                )
        return redirect("dashboard:order-detail", number=number)


@method_decorator(staff_required, name="dispatch")
class BankStatementImportView(generic.FormView):
    template_name = "order/dashboard/bank_statement_import.html"
    form_class = BankStatementForm

    def form_valid(self, form):
        upload = form.cleaned_data["statement"]
        report = bank_statement_import(data=upload, file_name=upload.name, user=self.request.user)
        if report.ok:
            messages.success(
                self.request,
                _("%(matched)d of %(rows)d transfers matched an order.")
                % {"matched": len(report.matched), "rows": len(report.results)},
            )
        return self.render_to_response(self.get_context_data(form=form, report=report))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["awaiting"] = Order.objects.filter(
            payment_method=PaymentMethod.BANK_TRANSFER, payment_status=PaymentStatus.AWAITING
        ).exclude(status=OrderStatus.CANCELLED)[:50]
        return ctx
