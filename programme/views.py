"""The OCOP programme figures for promotion staff: one page of charts and tables, and each
table as a CSV file. Producers are sent to the login page: the figures cover every producer.
"""

import csv

from django.http import Http404, HttpResponse
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header
from django.views import View, generic

from marketplace.permissions import staff_required
from programme.tables import programme_table, programme_tables
from programme.targets import TARGETS
from sales.selectors import sales_today


class StaffMixin:
    @method_decorator(staff_required)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)


class ProgrammeView(StaffMixin, generic.TemplateView):
    template_name = "programme/figures.html"

    def get_context_data(self, **kwargs):
        today = sales_today()
        return super().get_context_data(
            today=today,
            tables=programme_tables(today=today),
            targets=sorted(TARGETS.values(), key=lambda t: t.year),
            **kwargs,
        )


class TableCsvView(StaffMixin, View):
    def get(self, request, table):
        today = sales_today()
        found = programme_table(slug=table, today=today)
        if found is None:
            raise Http404("no such table")
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"ocop-{found.slug}-{today:%Y-%m-%d}.csv"
        )
        response.write("\ufeff")  # Excel needs the byte order mark to read Vietnamese
        writer = csv.writer(response)
        writer.writerow([heading for heading, _kind in found.columns])
        writer.writerows(found.csv_rows())
        return response
