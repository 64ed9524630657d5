"""The OCOP programme figures for promotion staff: one page of charts and tables, and each
table as a CSV file. Producers are sent to the login page: the figures cover every producer.
"""

from django.http import Http404
from django.utils.decorators import method_decorator
from django.views import View, generic

from core.clock import vietnam_today
from core.downloads import csv_attachment
from core.permissions import staff_required
from programme.tables import programme_table, programme_tables
from programme.targets import TARGETS


class StaffMixin:
    @method_decorator(staff_required)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)


class ProgrammeView(StaffMixin, generic.TemplateView):
    template_name = "programme/dashboard/figures.html"

    def get_context_data(self, **kwargs):
        today = vietnam_today()
        return super().get_context_data(
            today=today,
            tables=programme_tables(today=today),
            targets=sorted(TARGETS.values(), key=lambda t: t.year),
            **kwargs,
        )


class TableCsvView(StaffMixin, View):
    def get(self, request, table):
        today = vietnam_today()
        found = programme_table(slug=table, today=today)
        if found is None:
            raise Http404("no such table")
        return csv_attachment(
            filename=f"ocop-{found.slug}-{today:%Y-%m-%d}.csv",
            header=[heading for heading, _kind in found.columns],
            rows=found.csv_rows(),
        )
