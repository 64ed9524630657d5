"""Staff actions on payments: mark a transfer paid, refund a card, import a bank statement."""

import logging

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View, generic

from core.permissions import staff_required
from order.models import Order, OrderStatus, PaymentMethod, PaymentStatus
from payment import records
from payment.bank_statements import import_statement
from payment.forms import BankStatementForm, RefundForm

logger = logging.getLogger(__name__)


@method_decorator(staff_required, name="dispatch")
class MarkTransferPaidView(View):
    def post(self, request, number):
        order = get_object_or_404(Order, number=number)
        if records.transfer_mark_paid(order=order, by=request.user):
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
            refund = records.card_payment_refund(
                order=order, amount=form.cleaned_data["amount"], by=request.user
            )
        except records.RefundRefused as refusal:
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
    template_name = "payment/bank_statement_import.html"
    form_class = BankStatementForm

    def form_valid(self, form):
        upload = form.cleaned_data["statement"]
        report = import_statement(upload, file_name=upload.name, user=self.request.user)
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
