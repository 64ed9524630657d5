"""Reads of a producer's sales over time: revenue and orders per month, best-selling products.

A producer's revenue is what it sold, as in `order.selectors.producer_revenue`: its own lines
and its own delivery fees, with the parts it cancelled left out. Months are calendar months in
Vietnam's time (Asia/Ho_Chi_Minh) whatever time zone is active, so that an order placed at
00:30 on the 1st belongs to the month that begins, as the producer sees it.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DateField, Exists, Max, OuterRef, Sum
from django.db.models.functions import TruncMonth

from core.clock import VIETNAM
from core.permissions import dashboard_partners
from order.models import Fulfilment, FulfilmentStatus, Line


@dataclass(frozen=True)
class MonthSales:
    month: datetime.date  # its first day
    orders: int
    goods: Decimal
    delivery: Decimal

    @property
    def revenue(self):
        return self.goods + self.delivery


@dataclass(frozen=True)
class ProductSales:
    product_id: int | None
    title: str
    units: int
    revenue: Decimal


@dataclass(frozen=True)
class SalesPeriod:
    """`months` calendar months ending with the current one; `since` and `until` are the
    instants (in Vietnam's time) where the first begins and the month after the last begins."""

    months: list[datetime.date]
    since: datetime.datetime
    until: datetime.datetime


def _month_first(day, shift=0):
    index = day.year * 12 + day.month - 1 + shift
    return datetime.date(index // 12, index % 12 + 1, 1)


def _midnight(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=VIETNAM)


def sales_period(*, months: int, today: datetime.date) -> SalesPeriod:
    firsts = [_month_first(today, shift) for shift in range(1 - months, 1)]
    return SalesPeriod(months=firsts, since=_midnight(firsts[0]), until=_midnight(_month_first(today, 1)))


def sales_partners(*, user):
    """The producers whose figures `user` may see: any of them for staff (support), otherwise
    only the user's own."""
    return dashboard_partners(user)


def _live_lines(*, partner, since, until=None):
    cancelled_part = Fulfilment.objects.filter(
        order=OuterRef("order"), partner=partner, status=FulfilmentStatus.CANCELLED
    )
    lines = Line.objects.filter(partner=partner, order__date_placed__gte=since)
    if until is not None:
        lines = lines.filter(order__date_placed__lt=until)
    # The part's status is what counts; a line marked cancelled on its own is left out too.
    return lines.exclude(status=FulfilmentStatus.CANCELLED).filter(~Exists(cancelled_part))


def _by_month():
    return TruncMonth("order__date_placed", tzinfo=VIETNAM, output_field=DateField())


def producer_monthly_sales(*, partner, period: SalesPeriod) -> list[MonthSales]:
    """Revenue (live lines plus delivery fees) and number of orders of `partner`, per month of
    `period` (see `sales_period`), oldest first; months without sales are there with zeros."""
    goods = {
        row["month"]: row
        for row in _live_lines(partner=partner, since=period.since, until=period.until)
        .annotate(month=_by_month())
        .order_by()
        .values("month")
        .annotate(goods=Sum("line_price_incl_tax"), orders=Count("order", distinct=True))
    }
    delivery = {
        row["month"]: row["delivery"]
        for row in Fulfilment.objects.filter(
            partner=partner, order__date_placed__gte=period.since, order__date_placed__lt=period.until
        )
        .exclude(status=FulfilmentStatus.CANCELLED)
        .annotate(month=_by_month())
        .order_by()
        .values("month")
        .annotate(delivery=Sum("shipping_charge"))
    }
    zero = Decimal(0)
    return [
        MonthSales(
            month=month,
            orders=goods.get(month, {}).get("orders", 0),
            goods=goods.get(month, {}).get("goods") or zero,
            delivery=delivery.get(month) or zero,
        )
        for month in period.months
    ]


def producer_top_products(
    *, partner, since: datetime.datetime, until: datetime.datetime | None = None, limit: int = 10
) -> list[ProductSales]:
    """`partner`'s best-selling products by revenue (delivery fees aside) in orders placed
    from `since` (until `until`): the title on the order lines, units and revenue."""
    rows = (
        _live_lines(partner=partner, since=since, until=until)
        .order_by()
        .values("product")
        .annotate(name=Max("title"), units=Sum("quantity"), revenue=Sum("line_price_incl_tax"))
        .order_by("-revenue", "-units", "name")[:limit]
    )
    return [
        ProductSales(product_id=row["product"], title=row["name"], units=row["units"], revenue=row["revenue"])
        for row in rows
    ]
