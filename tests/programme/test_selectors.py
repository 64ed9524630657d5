"""The programme figures counted on a small programme with fixed dates (tests/programme/conftest.py)."""

import datetime
from decimal import Decimal

import pytest

from programme import selectors
from programme.selectors import SalesRow
from sales.selectors import sales_period
from tests.programme.conftest import TODAY

pytestmark = pytest.mark.django_db

LUC_NGAN = "Huyện Lục Ngạn (Bắc Giang)"


def test_products_in_force_at_each_year_end_by_stars(programme):
    years = selectors.certified_products(today=TODAY).years

    assert [(row.year, row.on, row.stars) for row in years] == [
        (2023, datetime.date(2023, 12, 31), {3: 2, 4: 0, 5: 0}),
        (2024, datetime.date(2024, 12, 31), {3: 3, 4: 1, 5: 0}),
        # The 3★ noodles became 4★ in June, the tea was revoked, the sausage reached 5★.
        (2025, datetime.date(2025, 12, 31), {3: 1, 4: 2, 5: 1}),
        (2026, TODAY, {3: 1, 4: 2, 5: 1}),
    ]


def test_new_products_upgrades_and_five_stars_per_programme_year(programme):
    years = selectors.certified_products(today=TODAY).years

    assert [(row.year, row.new, row.upgrades, row.new_five) for row in years] == [
        (2023, 2, 0, 0),
        (2024, 2, 0, 0),
        (2025, 1, 1, 1),
        (2026, 0, 0, 0),
    ]


def test_products_in_force_by_group_and_place_over_the_years(programme):
    by = selectors.certified_products(today=TODAY).by

    assert by["group"] == {
        "Thực phẩm": {2023: 2, 2024: 2, 2025: 3, 2026: 3},
        "Đồ uống": {2024: 2, 2025: 1, 2026: 1},
    }
    # The wine has no origin: its producer's commune counts, and it has no legacy district.
    assert by["district"] == {
        LUC_NGAN: {2023: 2, 2024: 3, 2025: 3, 2026: 3},
        "—": {2024: 1, 2025: 1, 2026: 1},
    }
    assert by["commune"] == {
        "Xã Lục Ngạn, Tỉnh Bắc Ninh": {2023: 2, 2024: 3, 2025: 3, 2026: 3},
        "Phường Ba Đình, Thành phố Hà Nội": {2024: 1, 2025: 1, 2026: 1},
    }


def test_a_revoked_certificate_counts_until_the_day_before_it_was_revoked(programme):
    tea = programme["tea"].certificates.get()

    assert selectors.certificate_last_day(tea) == datetime.date(2025, 6, 9)


def test_certificates_expiring_within_ninety_days(programme):
    assert [c.decision_number for c in selectors.certificates_expiring(today=TODAY)] == ["SAP-HET-HAN"]
    assert selectors.certificates_expiring(today=datetime.date(2026, 1, 9)) == []


def test_sales_by_group_and_place_leave_out_cancelled_parts_and_older_orders(programme):
    sales = selectors.sales_by(period=sales_period(months=12, today=TODAY))

    assert sales["group"] == [
        SalesRow("Thực phẩm", orders=2, units=4, revenue=Decimal(270000)),
        SalesRow("Đồ uống", orders=1, units=1, revenue=Decimal(200000)),
    ]
    assert sales["district"] == [
        SalesRow(LUC_NGAN, orders=2, units=4, revenue=Decimal(270000)),
        SalesRow("—", orders=1, units=1, revenue=Decimal(200000)),
    ]
    assert [row.label for row in sales["commune"]] == [
        "Xã Lục Ngạn, Tỉnh Bắc Ninh",
        "Phường Ba Đình, Thành phố Hà Nội",
    ]


def test_fair_results_count_orders_of_listed_products_during_the_fair(programme):
    (result,) = selectors.fair_results(today=TODAY)

    # 2 noodles on 11/02 count; the cancelled part and the order at 00:30 on 13/02 do not,
    # and neither does the wine, which was not listed for the fair.
    assert (
        result.fair,
        result.exhibitors,
        result.listings,
        result.orders,
        result.revenue,
        result.inquiries,
    ) == (
        programme["fair"],
        1,
        1,
        1,
        Decimal(100000),
        2,
    )
    assert selectors.fair_results(today=datetime.date(2026, 2, 12)) == []


def test_inquiries_per_month_in_vietnam_time(programme):
    months = selectors.inquiries_by_month(period=sales_period(months=12, today=TODAY))

    assert [(f"{row.month:%Y-%m}", row.total, row.answered) for row in months if row.total] == [
        ("2026-01", 1, 1),
        ("2026-02", 2, 1),
        ("2026-03", 1, 0),
    ]
    assert len(months) == 12


def test_inquiries_by_group_and_by_fair(programme):
    period = sales_period(months=12, today=TODAY)

    assert selectors.inquiries_by_group(period=period) == [("Thực phẩm", 2), (None, 1), ("Đồ uống", 1)]
    assert selectors.inquiries_by_fair() == [(programme["fair"], 2, 1)]
