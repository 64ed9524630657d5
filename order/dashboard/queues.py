"""The OCOP office's lists of order work that nobody else will do: statement lines that paid
no order, and cash-on-delivery parts their producer has not confirmed. The office's home
(`dashboard.views.IndexView`) counts them and links here."""

from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import generic

from core.clock import vietnam_today
from core.permissions import staff_required
from order import selectors


@method_decorator(staff_required, name="dispatch")
class UnmatchedTransfersView(generic.ListView):
    template_name = "order/dashboard/transfers_unmatched.html"
    context_object_name = "transfers"
    paginate_by = 50

    def get_queryset(self):
        return selectors.bank_transfers_unmatched(on=vietnam_today())

    def get_context_data(self, **kwargs):
        return super().get_context_data(days=selectors.UNMATCHED_TRANSFER_DAYS, **kwargs)


@method_decorator(staff_required, name="dispatch")
class CodPartsUnconfirmedView(generic.ListView):
    template_name = "order/dashboard/cod_parts_unconfirmed.html"
    context_object_name = "parts"
    paginate_by = 50

    def get_queryset(self):
        return selectors.cod_parts_unconfirmed(now=timezone.now())

    def get_context_data(self, **kwargs):
        return super().get_context_data(hours=selectors.COD_CONFIRM_EXPECTED_HOURS, **kwargs)
