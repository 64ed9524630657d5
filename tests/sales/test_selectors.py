"""A producer's figures per month and its best-selling products, read from real orders."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from core.clock import vietnam_today
from order.fulfilment import fulfilment_advance
from sales.selectors import (
    MonthSales,
    ProductSales,
    producer_monthly_sales,
    producer_top_products,
    sales_partners,
    sales_period,
)
from tests.sales.conftest import vietnam_time

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")


def empty(month):
    return MonthSales(month=month, orders=0, goods=Decimal(0), delivery=Decimal(0))


def test_the_period_is_twelve_calendar_months_in_vietnam_time():
    period = sales_period(months=12, today=datetime.date(2025, 3, 15))
    assert [f"{month:%Y-%m}" for month in period.months] == (
        ["2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09"]
        + ["2024-10", "2024-11", "2024-12", "2025-01", "2025-02", "2025-03"]
    )
    assert all(month.day == 1 for month in period.months)
    assert period.since == vietnam_time(2024, 4, 1)
    assert period.until == vietnam_time(2025, 4, 1)


def test_a_month_counts_the_producers_own_lines_and_delivery_fees(sales):
    months = producer_monthly_sales(partner=sales["a"], period=sales_period(months=12, today=vietnam_today()))
    period = sales_period(months=12, today=vietnam_today())
    # shared (150.000 + 30.000) and a_big (360.000 + 30.000); a_cancelled left out.
    assert months == [empty(month) for month in period.months[:-1]] + [
        MonthSales(month=period.months[-1], orders=2, goods=Decimal(510000), delivery=Decimal(60000))
    ]
    assert months[-1].revenue == Decimal(570000)


def test_another_producers_lines_and_fees_are_never_included(sales):
    a_month = producer_monthly_sales(
        partner=sales["a"], period=sales_period(months=12, today=vietnam_today())
    )[-1]
    b_month = producer_monthly_sales(
        partner=sales["b"], period=sales_period(months=12, today=vietnam_today())
    )[-1]
    assert (a_month.orders, a_month.goods, a_month.delivery) == (2, 510000, 60000)
    # shared (90.000 + 30.000) and b_only (180.000 + 30.000).
    assert (b_month.orders, b_month.goods, b_month.delivery) == (2, 270000, 60000)


def test_a_cancelled_part_counts_for_nothing(sales):
    fulfilment_advance(
        part=sales["a_big"].fulfilments.get(partner=sales["a"]), action="cancel", reason="x", notify=False
    )
    month = producer_monthly_sales(partner=sales["a"], period=sales_period(months=12, today=vietnam_today()))[
        -1
    ]
    assert (month.orders, month.goods, month.delivery) == (1, 150000, 30000)
    since = sales_period(months=12, today=vietnam_today()).since
    assert producer_top_products(partner=sales["a"], since=since) == [
        ProductSales(product_id=sales["lychee"].pk, title="Vải thiều thử", units=1, revenue=Decimal(150000))
    ]


def test_months_are_cut_at_midnight_in_vietnam_whatever_the_active_time_zone(sales):
    # 23:30 on 28 February in Hà Nội is 16:30 UTC; 00:30 on 1 March is still 28 February in UTC.
    Order.objects.filter(pk=sales["shared"].pk).update(date_placed=vietnam_time(2025, 2, 28, 23, 30))
    Order.objects.filter(pk=sales["a_big"].pk).update(date_placed=vietnam_time(2025, 3, 1, 0, 30))
    with timezone.override(ZoneInfo("UTC")):
        months = producer_monthly_sales(
            partner=sales["a"], period=sales_period(months=12, today=datetime.date(2025, 3, 15))
        )
    assert months[-2:] == [
        MonthSales(month=datetime.date(2025, 2, 1), orders=1, goods=Decimal(150000), delivery=Decimal(30000)),
        MonthSales(month=datetime.date(2025, 3, 1), orders=1, goods=Decimal(360000), delivery=Decimal(30000)),
    ]
    assert all(month == empty(month.month) for month in months[:-2])


def test_orders_outside_the_twelve_months_are_left_out(sales):
    Order.objects.filter(pk=sales["shared"].pk).update(date_placed=vietnam_time(2024, 4, 1, 0, 0))
    Order.objects.filter(pk=sales["a_big"].pk).update(date_placed=vietnam_time(2024, 3, 31, 23, 59, 59))
    today = datetime.date(2025, 3, 15)
    months = producer_monthly_sales(partner=sales["a"], period=sales_period(months=12, today=today))
    assert months[0] == MonthSales(
        month=datetime.date(2024, 4, 1), orders=1, goods=Decimal(150000), delivery=Decimal(30000)
    )
    assert sum(month.orders for month in months) == 1
    period = sales_period(months=12, today=today)
    assert producer_top_products(partner=sales["a"], since=period.since, until=period.until) == [
        ProductSales(product_id=sales["lychee"].pk, title="Vải thiều thử", units=1, revenue=Decimal(150000))
    ]


def test_top_products_rank_the_producers_own_products_by_revenue(sales):
    since = sales_period(months=12, today=vietnam_today()).since
    assert producer_top_products(partner=sales["a"], since=since) == [
        ProductSales(product_id=sales["lychee"].pk, title="Vải thiều thử", units=3, revenue=Decimal(450000)),
        ProductSales(product_id=sales["dried"].pk, title="Vải sấy thử", units=1, revenue=Decimal(60000)),
    ]
    assert producer_top_products(partner=sales["a"], since=since, limit=1) == [
        ProductSales(product_id=sales["lychee"].pk, title="Vải thiều thử", units=3, revenue=Decimal(450000)),
    ]
    assert producer_top_products(partner=sales["b"], since=since) == [
        ProductSales(product_id=sales["honey"].pk, title="Mật ong thử", units=3, revenue=Decimal(270000)),
    ]


def test_staff_may_see_every_producer_and_a_producer_only_its_own(sales, django_user_model):
    staff = django_user_model.objects.create_user("staff", "staff@example.com", "pw", is_staff=True)
    customer = django_user_model.objects.create_user("buyer", "buyer@example.com", "pw")
    assert set(sales_partners(user=staff)) == set(Partner.objects.all())
    assert list(sales_partners(user=sales["a_user"])) == [sales["a"]]
    assert not sales_partners(user=customer).exists()
