"""A producer's listings as a spreadsheet, in its dashboard: export (CSV, XLSX) and import.

For producers only: a producer works on its own producers, the first by default, another of
its own with `?producer=<id>`; anyone else's id is not found. Staff are refused (403): they
edit any product in Oscar's own product pages, where their changes apply without moderation,
so an import on a producer's behalf would blur who asked for a change.
"""

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View, generic

from core.permissions import partner_chosen, producer_partners, producer_required
from spreadsheets.dashboard.forms import ListingsImportForm
from spreadsheets.reading import MAX_ROWS, sheet_read
from spreadsheets.services import ImportReport, listings_export_rows, listings_import
from spreadsheets.writing import XLSX_CONTENT_TYPE, listings_csv, listings_xlsx


class ProducerMixin:
    def dispatch(self, request, *args, **kwargs):
        return producer_required(super().dispatch)(request, *args, **kwargs)

    def get_partner(self):
        return partner_chosen(
            partners=producer_partners(self.request.user), choice=self.request.GET.get("producer", "")
        )


def _attachment(content, *, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def _filename(partner, extension):
    return f"{partner.code or partner.pk}-listings-{timezone.localdate():%Y-%m-%d}.{extension}"


class ListingsCsvView(ProducerMixin, View):
    def get(self, request):
        partner = self.get_partner()
        return _attachment(
            listings_csv(rows=listings_export_rows(partner=partner)),
            content_type="text/csv; charset=utf-8",
            filename=_filename(partner, "csv"),
        )


class ListingsXlsxView(ProducerMixin, View):
    def get(self, request):
        partner = self.get_partner()
        return _attachment(
            listings_xlsx(rows=listings_export_rows(partner=partner), title=_("Listings")),
            content_type=XLSX_CONTENT_TYPE,
            filename=_filename(partner, "xlsx"),
        )


class ListingsImportView(ProducerMixin, generic.FormView):
    template_name = "spreadsheets/dashboard/listings.html"
    form_class = ListingsImportForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.partner = None

    def get_context_data(self, **kwargs):
        self.partner = self.partner or self.get_partner()
        query = f"?producer={self.partner.pk}"
        return super().get_context_data(
            partner=self.partner,
            partners=producer_partners(self.request.user),
            query=query,
            csv_url=reverse("spreadsheets-dashboard:listings-export-csv") + query,
            xlsx_url=reverse("spreadsheets-dashboard:listings-export-xlsx") + query,
            max_rows=MAX_ROWS,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        self.partner = self.get_partner()  # before reading the file: another's id is not found
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        sheet = sheet_read(upload=form.cleaned_data["spreadsheet"])
        if sheet.errors:
            report = ImportReport(errors=sheet.errors)
        else:
            report = listings_import(partner=self.partner, rows=sheet.rows, by=self.request.user)
        return self.render_to_response(self.get_context_data(form=form, report=report, ignored=sheet.ignored))
