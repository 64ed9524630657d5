"""Staff actions on payments: mark a transfer paid, refund a card, import a bank statement."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View, generic

from order.models import Order, PaymentMethod, PaymentStatus
from payment import cards
from payment.bank_statements import import_statement
from payment.forms import BankStatementForm, RefundForm
from payment.records import add_payment, locked, merge_card_facts, source_for

logger = logging.getLogger(__name__)

staff_required = user_passes_test(
    lambda user: user.is_active and user.is_staff, login_url=reverse_lazy("customer:login")
)


@method_decorator(staff_required, name="dispatch")
class MarkTransferPaidView(View):
    def post(self, request, number):
        order = get_object_or_404(Order, number=number)
        with transaction.atomic():
            order = locked(order)
            if not order.is_awaiting_transfer:
                logger.warning("Order %s: %s tried to mark a non-awaiting order paid", number, request.user)
                messages.error(request, _("This order is not waiting for a bank transfer."))
            else:
                add_payment(order, order.amount_due, reference=f"staff:{request.user.pk}")
                messages.success(request, _("Order %(number)s is marked paid.") % {"number": number})
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
        reference = source_for(order).reference
        try:
            refund = cards.refund(
                order_number=order.number,
                payment_intent=reference,
                amount=form.cleaned_data["amount"],
                already_refunded=order.amount_refunded,
            )
        except cards.CardGatewayError as error:
            messages.error(request, _("Stripe refused the refund: %(error)s") % {"error": error})
            return redirect("dashboard:order-detail", number=number)
        if refund.status in ("failed", "canceled"):
            logger.error("Order %s: Stripe refund %s ended %s", number, refund.id, refund.status)
            messages.error(
                request, _("Stripe could not make the refund (%(status)s).") % {"status": refund.status}
            )
            return redirect("dashboard:order-detail", number=number)
        merge_card_facts(order, refunded=order.amount_refunded + refund.amount, reference=refund.id)
        logger.info("Order %s: %s refunded %s (%s)", number, request.user, refund.amount, refund.id)
        messages.success(request, _("Refund %(id)s sent to Stripe.") % {"id": refund.id})
        return redirect("dashboard:order-detail", number=number)


@method_decorator(staff_required, name="dispatch")
class BankStatementImportView(generic.FormView):
    template_name = "payment/bank_statement_import.html"
    form_class = BankStatementForm

    def form_valid(self, form):
        upload = form.cleaned_data["statement"]
        report = import_statement(upload.read(), file_name=upload.name, user=self.request.user)
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
        ).exclude(status="cancelled")[:50]
        return ctx
