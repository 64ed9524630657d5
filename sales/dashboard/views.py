"""A producer's sales figures in its dashboard: the page (chart and tables) and two CSV files.

A producer sees its own producers only: the first by default, another of its own with
`?producer=<id>`, anyone else's id is not found. Staff may open any producer's figures the
same way, to help a producer who asks.
"""

from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View, generic

from core.charts import monthly_sales_svg
from core.clock import vietnam_today
from core.downloads import csv_attachment
from core.permissions import partner_chosen, staff_or_producer_required
from sales.selectors import (
    producer_monthly_sales,
    producer_top_products,
    sales_partners,
    sales_period,
)

MONTHS = 12
TOP_PRODUCTS = 10


class FiguresMixin:
    @method_decorator(staff_or_producer_required)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.today = vietnam_today()

    def get_partner(self):
        return partner_chosen(
            partners=sales_partners(user=self.request.user), choice=self.request.GET.get("producer", "")
        )

    def get_period(self):
        return sales_period(months=MONTHS, today=self.today)

    def get_months(self, partner, period):
        return producer_monthly_sales(partner=partner, period=period)

    def get_products(self, partner, period):
        return producer_top_products(
            partner=partner, since=period.since, until=period.until, limit=TOP_PRODUCTS
        )


class FiguresView(FiguresMixin, generic.TemplateView):
    template_name = "sales/dashboard/figures.html"

    def get_context_data(self, **kwargs):
        partner, period = self.get_partner(), self.get_period()
        months = self.get_months(partner, period)
        query = f"?producer={partner.pk}"
        return super().get_context_data(
            partner=partner,
            partners=sales_partners(user=self.request.user),
            period=period,
            months=months,
            products=self.get_products(partner, period),
            total_orders=sum(row.orders for row in months),
            total_goods=sum(row.goods for row in months),
            total_delivery=sum(row.delivery for row in months),
            total_revenue=sum(row.revenue for row in months),
            chart=monthly_sales_svg(
                months=months,
                title=_("Sales of %(producer)s per month, last %(count)s months")
                % {"producer": partner.name, "count": MONTHS},
            ),
            months_csv_url=reverse("sales-dashboard:figures-months-csv") + query,
            products_csv_url=reverse("sales-dashboard:figures-products-csv") + query,
            **kwargs,
        )


def _whole_dong(amount):
    return f"{amount:.0f}"


class MonthsCsvView(FiguresMixin, View):
    def get(self, request):
        partner, period = self.get_partner(), self.get_period()
        months = self.get_months(partner, period)
        return csv_attachment(
            filename=f"{partner.code}-sales-by-month-{period.months[-1]:%Y-%m}.csv",
            header=[_("Month"), _("Orders"), _("Goods (VND)"), _("Delivery fees (VND)"), _("Revenue (VND)")],
            rows=(
                [
                    f"{row.month:%Y-%m}",
                    row.orders,
                    _whole_dong(row.goods),
                    _whole_dong(row.delivery),
                    _whole_dong(row.revenue),
                ]
                for row in months
            ),
        )


class ProductsCsvView(FiguresMixin, View):
    def get(self, request):
        partner, period = self.get_partner(), self.get_period()
        products = self.get_products(partner, period)
        return csv_attachment(
            filename=f"{partner.code}-top-products-{period.months[-1]:%Y-%m}.csv",
            header=[_("Product"), _("Units"), _("Revenue (VND)")],
            rows=([row.title, row.units, _whole_dong(row.revenue)] for row in products),
        )
