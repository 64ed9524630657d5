"""Back-office actions beside Oscar's order pages: a producer moves its part of an order along;
the OCOP office marks a transfer paid, refunds a card payment and imports bank statements."""

import logging

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View, generic
from django.views.decorators.http import require_POST

from core.params import id_or_none
from core.permissions import producer_partners, staff_or_producer_required, staff_required, user_is_staff
from order.bank_transfers import bank_statement_import
from order.dashboard.forms import PART_FORMS, BankStatementForm, RefundForm, part_form_keep
from order.fulfilment import ALLOWED, InvalidTransition, fulfilment_advance
from order.models import Fulfilment, Order, OrderStatus, PaymentMethod, PaymentStatus
from order.packing_slip import packing_slip_pdf
from order.payments import RefundRefused, order_card_refund, order_transfer_mark_paid

logger = logging.getLogger(__name__)


def parts_for(user):
    """The producers' parts a user may act on: all for staff, its own producers' otherwise."""
    if user_is_staff(user):
        return Fulfilment.objects.all()
    return Fulfilment.objects.filter(partner__in=producer_partners(user))


@method_decorator([staff_or_producer_required, require_POST], name="dispatch")
class PartActionView(View):
    """One move of a part. A refused move goes back to the order page with what was typed and
    why it was refused, shown in the part's form (`order_parts.part_actions`)."""

    def post(self, request, pk):
        part = get_object_or_404(parts_for(request.user), pk=pk)
        back = reverse("dashboard:order-detail", kwargs={"number": part.order.number}) + f"#part-{part.pk}"
        action = request.POST.get("action", "")
        if action not in ALLOWED:
            messages.error(request, _("Unknown action."))
            return redirect(back)
        form = PART_FORMS[action](request.POST) if action in PART_FORMS else None
        if form is not None and not form.is_valid():
            part_form_keep(
                request, part=part, action=action, data=request.POST, errors=form.errors.get_json_data()
            )
            return redirect(back)
        fields = form.cleaned_data if form is not None else {}
        try:
            part = fulfilment_advance(
                part=part,
                action=action,
                carrier=fields.get("carrier", ""),
                tracking_number=fields.get("tracking_number", ""),
                reason=fields.get("reason", ""),
                lots={
                    lot: value
                    for key, value in request.POST.items()
                    if key.startswith("lot-") and (lot := id_or_none(key.removeprefix("lot-")))
                },
            )
        except InvalidTransition as error:
            part_form_keep(
                request,
                part=part,
                action=action,
                data=request.POST,
                errors={error.field or "__all__": [{"message": str(error), "code": "refused"}]},
            )
        else:
            messages.success(
                request,
                _("%(producer)s: the part is now %(status)s.")
                % {"producer": part.partner.name, "status": part.get_status_display()},
            )
        return redirect(back)


@method_decorator(staff_or_producer_required, name="dispatch")
class PackingSlipView(View):
    """The packing slip of a part, as a PDF to print: for its producer and for staff."""

    def get(self, request, pk):
        part = get_object_or_404(parts_for(request.user).select_related("order", "partner"), pk=pk)
        response = HttpResponse(packing_slip_pdf(part=part), content_type="application/pdf")
        name = f"phieu-dong-goi-{part.order.number}-{part.pk}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response


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
