"""The monthly sales chart, drawn on the server as inline SVG: no script, no outside service.

Bars give each month's revenue against the left axis, a line with dots its number of orders
against the right axis. The chart is an image with a title and a description for screen
readers; the page puts the same figures in a table.
"""

import math

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from oscar.templatetags.currency_filters import currency

WIDTH, HEIGHT = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 96, 48, 40, 40
TICKS = 4
REVENUE_COLOUR, ORDERS_COLOUR, GRID_COLOUR, TEXT_COLOUR = "#2e7d32", "#c2410c", "#d9d9d9", "#333333"
# With no sale at all, the revenue axis still reads 0 to 100.000 ₫ rather than 0 to 4 ₫.
EMPTY_REVENUE_AXIS = 100_000


def axis_step(top, ticks=TICKS):
    """The smallest round step (1, 2, 2.5 or 5 times a power of ten, whole numbers only) such
    that `ticks` steps reach `top`."""
    raw = max(math.ceil(top / ticks), 1)
    magnitude = 10 ** (len(str(raw)) - 1)
    for tenths in (10, 20, 25, 50, 100):
        step = tenths * magnitude // 10
        if step >= raw and step * 10 == tenths * magnitude:
            return step
    return 10 * magnitude


def _number(value):
    return f"{value:.1f}".removesuffix(".0")


def _month_label(month):
    return month.strftime("%m/%Y")


def monthly_sales_svg(*, months, title, money=currency, id_prefix="sales-chart") -> SafeString:
    """SVG markup of `months` (objects with `month`, a date, `revenue` and `orders`), oldest
    first. `money` formats an amount (Oscar's `currency` filter: "150.000 ₫")."""
    count = max(len(months), 1)
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / count
    bottom = TOP + plot_height

    top_revenue = max((row.revenue for row in months), default=0)
    top_orders = max((row.orders for row in months), default=0)
    revenue_step = axis_step(top_revenue or EMPTY_REVENUE_AXIS)
    orders_step = axis_step(top_orders)
    revenue_axis, orders_axis = revenue_step * TICKS, orders_step * TICKS

    def revenue_y(value):
        return bottom - float(value) / revenue_axis * plot_height

    def orders_y(value):
        return bottom - value / orders_axis * plot_height

    def centre(index):
        return LEFT + slot * (index + 0.5)

    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"/>'
        '<text class="axis-revenue" x="{}" y="{}" dy="4" text-anchor="end">{}</text>'
        '<text class="axis-orders" x="{}" y="{}" dy="4" text-anchor="start">{}</text>',
        (
            (LEFT, WIDTH - RIGHT, y, y, GRID_COLOUR)
            + (LEFT - 8, y, money(revenue_step * tick))
            + (WIDTH - RIGHT + 8, y, orders_step * tick)
            for tick in range(TICKS + 1)
            for y in [_number(revenue_y(revenue_step * tick))]
        ),
    )
    bar_width = slot * 0.6
    bars = format_html_join(
        "",
        '<rect class="bar" x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>',
        (
            (
                _number(centre(index) - bar_width / 2),
                _number(revenue_y(row.revenue)),
                _number(bar_width),
                _number(bottom - revenue_y(row.revenue)),
                REVENUE_COLOUR,
                _month_label(row.month),
                money(row.revenue),
            )
            for index, row in enumerate(months)
        ),
    )
    points = " ".join(
        f"{_number(centre(index))},{_number(orders_y(row.orders))}" for index, row in enumerate(months)
    )
    dots = format_html_join(
        "",
        '<circle class="dot" cx="{}" cy="{}" r="4" fill="{}"><title>{}: {}</title></circle>',
        (
            (
                _number(centre(index)),
                _number(orders_y(row.orders)),
                ORDERS_COLOUR,
                _month_label(row.month),
                ngettext("%(count)s order", "%(count)s orders", row.orders) % {"count": row.orders},
            )
            for index, row in enumerate(months)
        ),
    )
    labels = format_html_join(
        "",
        '<text class="month" x="{}" y="{}" text-anchor="middle">{}</text>',
        ((_number(centre(index)), bottom + 20, _month_label(row.month)) for index, row in enumerate(months)),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="sales-chart" viewBox="0 0 {width} {height}" '
        'role="img" aria-labelledby="{prefix}-title {prefix}-desc" font-size="12" fill="{text}">'
        '<title id="{prefix}-title">{title}</title><desc id="{prefix}-desc">{desc}</desc>'
        '<g class="grid">{grid}</g><g class="bars">{bars}</g>'
        '<polyline class="orders-line" points="{points}" fill="none" stroke="{orange}" stroke-width="2"/>'
        '<g class="dots">{dots}</g><g class="months">{labels}</g>'
        '<g class="legend"><rect x="{left}" y="12" width="12" height="12" fill="{green}"/>'
        '<text x="{legend_revenue}" y="22">{revenue_label}</text>'
        '<circle cx="{legend_dot}" cy="18" r="4" fill="{orange}"/>'
        '<text x="{legend_orders}" y="22">{orders_label}</text></g>'
        "</svg>",
        width=WIDTH,
        height=HEIGHT,
        prefix=id_prefix,
        text=TEXT_COLOUR,
        title=title,
        desc=_description(months, money),
        grid=grid,
        bars=bars,
        points=points,
        dots=dots,
        labels=labels,
        left=LEFT,
        green=REVENUE_COLOUR,
        orange=ORDERS_COLOUR,
        legend_revenue=LEFT + 18,
        revenue_label=_("Revenue (left axis)"),
        legend_dot=LEFT + 186,
        legend_orders=LEFT + 196,
        orders_label=_("Orders (right axis)"),
    )


def _description(months, money):
    if not months:
        return _("No months to show.")
    best = max(months, key=lambda row: row.revenue)
    if not best.revenue:
        return _("No sales from %(first)s to %(last)s.") % {
            "first": _month_label(months[0].month),
            "last": _month_label(months[-1].month),
        }
    busiest = max(months, key=lambda row: row.orders)
    return _(
        "Bars: revenue per month from %(first)s to %(last)s, highest in %(best_month)s "
        "(%(best)s). Line: number of orders per month, highest in %(busiest_month)s (%(orders)s). "
        "The table below gives every month's figures."
    ) % {
        "first": _month_label(months[0].month),
        "last": _month_label(months[-1].month),
        "best_month": _month_label(best.month),
        "best": money(best.revenue),
        "busiest_month": _month_label(busiest.month),
        "orders": busiest.orders,
    }
