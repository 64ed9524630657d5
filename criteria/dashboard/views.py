"""The criteria sheets, for the OCOP office: the list (with the scale public sources document),
a sheet's parts, criteria, levels and mandatory criteria, its download in the import format,
offering it to new rounds or not, and the import of a spreadsheet. Staff only."""

from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View, generic

from core.params import id_or_none
from core.permissions import staff_required
from criteria.assessment import CERTIFIED_STARS, sheet_view
from criteria.columns import COLUMNS, REQUIRED
from criteria.dashboard.forms import InUseForm, SheetImportForm
from criteria.documented import documented_scales
from criteria.exporting import sheet_csv, sheet_xlsx
from criteria.importing import (
    ImportReport,
    SheetFields,
    criteria_sheet_import,
    criteria_sheet_in_use_set,
    criteria_sheet_rows,
)
from criteria.models import CriteriaSheet
from criteria.selectors import sheets_scored_on
from spreadsheets.reading import MAX_ROWS, sheet_read
from spreadsheets.writing import XLSX_CONTENT_TYPE


def _sheet(pk) -> CriteriaSheet:
    return get_object_or_404(CriteriaSheet.objects.select_related("category", "imported_by"), pk=pk)


@method_decorator(staff_required, name="dispatch")
class SheetListView(generic.TemplateView):
    template_name = "criteria/dashboard/sheet_list.html"

    def get_context_data(self, **kwargs):
        sheets = list(
            CriteriaSheet.objects.select_related("category")
            .annotate(criteria_count=Count("parts__criteria", distinct=True))
            .prefetch_related("parts")
            .order_by("-in_use", "-criteria_version", "code")
        )
        used = sheets_scored_on(sheet_ids=[sheet.pk for sheet in sheets])
        for sheet in sheets:
            sheet.scored_on = sheet.pk in used
        return super().get_context_data(sheets=sheets, scales=documented_scales(), **kwargs)


@method_decorator(staff_required, name="dispatch")
class SheetDetailView(generic.TemplateView):
    template_name = "criteria/dashboard/sheet_detail.html"

    def get_context_data(self, **kwargs):
        sheet = _sheet(self.kwargs["pk"])
        view = sheet_view(sheet)
        mandatory = []
        for stars in CERTIFIED_STARS:
            needed = [
                (criterion, criterion.least_for(stars))
                for criterion in view.criteria
                if criterion.least_for(stars) is not None
            ]
            mandatory.append((stars, needed))
        return super().get_context_data(
            sheet=sheet,
            view=view,
            mandatory=mandatory,
            scored_on=bool(sheets_scored_on(sheet_ids=[sheet.pk])),
            **kwargs,
        )


@method_decorator(staff_required, name="dispatch")
class SheetInUseView(View):
    http_method_names = ["post"]

    def post(self, request, pk):
        sheet = _sheet(pk)
        form = InUseForm(request.POST)
        in_use = form.cleaned_data["in_use"] if form.is_valid() else False
        sheet = criteria_sheet_in_use_set(sheet=sheet, in_use=in_use)
        if sheet.in_use:
            messages.success(request, _("New rounds may now use this sheet."))
        else:
            messages.success(request, _("New rounds no longer use this sheet; rounds that use it keep it."))
        return HttpResponseRedirect(reverse("criteria-dashboard:sheet-detail", kwargs={"pk": sheet.pk}))


def _attachment(content, *, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


@method_decorator(staff_required, name="dispatch")
class SheetCsvView(View):
    def get(self, request, pk):
        sheet = _sheet(pk)
        return _attachment(
            sheet_csv(rows=criteria_sheet_rows(sheet=sheet)),
            content_type="text/csv; charset=utf-8",
            filename=f"{sheet.code}.csv",
        )


@method_decorator(staff_required, name="dispatch")
class SheetXlsxView(View):
    def get(self, request, pk):
        sheet = _sheet(pk)
        return _attachment(
            sheet_xlsx(rows=criteria_sheet_rows(sheet=sheet), title=sheet.code),
            content_type=XLSX_CONTENT_TYPE,
            filename=f"{sheet.code}.xlsx",
        )


@method_decorator(staff_required, name="dispatch")
class SheetImportView(generic.FormView):
    """Upload a sheet. `?sheet=<id>` starts from that sheet's fields (importing it again)."""

    template_name = "criteria/dashboard/sheet_import.html"
    form_class = SheetImportForm

    def get_initial(self):
        pk = id_or_none(self.request.GET.get("sheet"))
        sheet = CriteriaSheet.objects.filter(pk=pk).first() if pk else None
        if sheet is None:
            return super().get_initial()
        return {
            "code": sheet.code,
            "criteria_version": sheet.criteria_version,
            "category": sheet.category_id,
            "title": sheet.title,
            "source": sheet.source,
            "is_sample": sheet.is_sample,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            max_rows=MAX_ROWS, headers=[str(column.label) for column in COLUMNS], **kwargs
        )

    def form_valid(self, form):
        sheet = sheet_read(upload=form.cleaned_data["spreadsheet"], columns=COLUMNS, required=REQUIRED)
        if sheet.errors:
            report = ImportReport(errors=sheet.errors)
        else:
            data = form.cleaned_data
            report = criteria_sheet_import(
                fields=SheetFields(
                    code=data["code"],
                    criteria_version=data["criteria_version"],
                    title=data["title"],
                    source=data["source"],
                    is_sample=data["is_sample"],
                    category=data["category"],
                ),
                rows=sheet.rows,
                by=self.request.user,
            )
        if report.errors:
            return self.render_to_response(
                self.get_context_data(form=form, report=report, ignored=sheet.ignored)
            )
        if report.unchanged:
            messages.info(self.request, _("The sheet already held these rows: nothing changed."))
        elif report.created:
            messages.success(
                self.request,
                _("The sheet is imported: %(criteria)d criteria, %(levels)d levels.")
                % {"criteria": report.criteria, "levels": report.levels},
            )
        else:
            messages.success(
                self.request,
                _("The sheet's rows are replaced: %(criteria)d criteria, %(levels)d levels.")
                % {"criteria": report.criteria, "levels": report.levels},
            )
        return HttpResponseRedirect(
            reverse("criteria-dashboard:sheet-detail", kwargs={"pk": report.sheet.pk})
        )
