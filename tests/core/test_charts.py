"""The monthly chart: inline SVG drawn on the server, readable by screen readers."""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from core.charts import axis_step, monthly_sales_svg
from sales.selectors import MonthSales

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("top", "step"),
    [(0, 1), (3, 1), (9, 5), (100_000, 25_000), (180_000, 50_000), (390_000, 100_000), (570_000, 200_000)],
)
def test_the_axis_goes_up_in_round_steps(top, step):
    assert axis_step(top) == step


def months_with(revenues_and_orders):
    return [
        MonthSales(month=datetime.date(2026, index + 1, 1), orders=orders, goods=Decimal(revenue), delivery=0)
        for index, (revenue, orders) in enumerate(revenues_and_orders)
    ]


def test_the_chart_has_a_bar_and_a_dot_per_month_and_round_axis_labels():
    months = months_with([(0, 0)] * 10 + [(180_000, 1), (570_000, 3)])
    svg = monthly_sales_svg(months=months, title="Doanh số")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "sales-chart-title sales-chart-desc"
    assert root.find(f"{SVG}title").text == "Doanh số"
    assert root.find(f"{SVG}desc").text == (
        "Cột: doanh thu mỗi tháng từ 01/2026 đến 12/2026, cao nhất vào 12/2026 (570.000\u00a0₫). "
        "Đường: số đơn hàng mỗi tháng, nhiều nhất vào 12/2026 (3). "
        "Bảng bên dưới có số liệu của từng tháng."
    )
    bars = root.findall(f".//{SVG}rect[@class='bar']")
    assert len(bars) == 12
    assert [bar.find(f"{SVG}title").text for bar in bars[-2:]] == [
        "11/2026: 180.000\u00a0₫",
        "12/2026: 570.000\u00a0₫",
    ]
    # 570.000 ₫ on an axis of four 200.000 ₫ steps: the tallest bar is 570/800 of the plot.
    revenue_labels = [label.text for label in root.findall(f".//{SVG}text[@class='axis-revenue']")]
    assert revenue_labels == [
        "0\u00a0₫",
        "200.000\u00a0₫",
        "400.000\u00a0₫",
        "600.000\u00a0₫",
        "800.000\u00a0₫",
    ]
    assert [label.text for label in root.findall(f".//{SVG}text[@class='axis-orders']")] == [
        "0",
        "1",
        "2",
        "3",
        "4",
    ]
    assert float(bars[-1].get("height")) == pytest.approx(240 * 570 / 800, abs=0.1)
    assert float(bars[0].get("height")) == 0
    assert len(root.findall(f".//{SVG}circle[@class='dot']")) == 12
    assert [label.text for label in root.findall(f".//{SVG}text[@class='month']")][:2] == [
        "01/2026",
        "02/2026",
    ]


def test_the_chart_escapes_what_it_is_given():
    svg = monthly_sales_svg(months=months_with([(1000, 1)]), title='HTX <b>"Hoa & Quả"</b>')
    assert "<b>" not in svg
    assert ET.fromstring(svg).find(f"{SVG}title").text == 'HTX <b>"Hoa & Quả"</b>'


def test_a_chart_without_sales_still_draws_its_axes():
    root = ET.fromstring(monthly_sales_svg(months=months_with([(0, 0)] * 12), title="Doanh số"))
    assert len(root.findall(f".//{SVG}rect[@class='bar']")) == 12
    assert root.findall(f".//{SVG}text[@class='axis-revenue']")[-1].text == "100.000\u00a0₫"
