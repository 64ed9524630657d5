"""Charts drawn on the server as inline SVG: no script, no outside chart service.

Three shapes cover the site's figures: columns per period (one or more series, side by side or
stacked, with an optional target range per column) and horizontal bars for a ranking (product
groups, places), used by the programme figures; and a producer's monthly sales, revenue as bars
against the left axis and the number of orders as a line against the right one. Every axis
steps the same way (`axis_step`), so each chart reads "0, 25, 50, 75, 100". Each chart is an
image with a title and a description for screen readers; the page puts the figures in a table
below it.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from oscar.templatetags.currency_filters import currency

TICKS = 4
GRID_COLOUR, TEXT_COLOUR = "#d9d9d9", "#333333"
TARGET_COLOUR = "#1d4ed8"
PALETTE = ("#2e7d32", "#c2410c", "#1d4ed8", "#a16207", "#7e22ce", "#0f766e", "#be123c", "#4b5563")


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


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]
    colour: str = ""


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _plain(value) -> str:
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


def _svg(*, width, height, prefix, title, description, body, css_class) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart {css}" viewBox="0 0 {w} {h}" role="img" '
        'aria-labelledby="{p}-title {p}-desc" font-size="12" fill="{text}">'
        '<title id="{p}-title">{title}</title><desc id="{p}-desc">{desc}</desc>{body}</svg>',
        css=css_class,
        w=width,
        h=height,
        p=prefix,
        text=TEXT_COLOUR,
        title=title,
        desc=description,
        body=body,
    )


def _legend(series: Sequence[Series], *, left: int, top: int, extra: Sequence[tuple[str, str]] = ()):
    """One row of swatches; `extra` adds (label, colour) entries drawn as dashed lines."""
    parts, x = [], left
    for item in series:
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"/><text x="{}" y="{}">{}</text>',
                x,
                top,
                item.colour,
                x + 16,
                top + 10,
                item.name,
            )
        )
        x += 28 + 7 * len(str(item.name))
    for label, colour in extra:
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="4 3"/>'
                '<text x="{}" y="{}">{}</text>',
                x,
                x + 14,
                top + 6,
                top + 6,
                colour,
                x + 18,
                top + 10,
                label,
            )
        )
        x += 30 + 7 * len(str(label))
    return format_html('<g class="legend">{}</g>', format_html_join("", "{}", ((part,) for part in parts)))


def _coloured(series: Sequence[Series]) -> list[Series]:
    return [
        item if item.colour else Series(item.name, item.values, PALETTE[index % len(PALETTE)])
        for index, item in enumerate(series)
    ]


def column_chart_svg(
    *,
    labels: Sequence[str],
    series: Sequence[Series],
    title: str,
    description: str,
    stacked: bool = False,
    targets: Sequence[tuple[float, float] | None] | None = None,
    target_label: str = "",
    value_format: Callable = _plain,
    id_prefix: str = "chart",
) -> SafeString:
    """Columns per label (a year, a month): the series side by side, or stacked. `targets` gives
    each column a (low, high) range drawn as a shaded band between two dashed lines."""
    width, height = 760, 320
    left, right, top, bottom = 80, 24, 44, 40
    series = _coloured(series)
    count = max(len(labels), 1)
    plot_width, plot_height = width - left - right, height - top - bottom
    slot = plot_width / count
    base = top + plot_height

    totals = [
        sum(item.values[index] for item in series)
        if stacked
        else max((item.values[index] for item in series), default=0)
        for index in range(len(labels))
    ]
    highest = max([*totals, *(high for target in targets or () if target for high in target)], default=0)
    step = axis_step(highest or TICKS)
    axis = step * TICKS

    def y(value):
        return base - float(value) / axis * plot_height

    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"/>'
        '<text x="{}" y="{}" dy="4" text-anchor="end">{}</text>',
        (
            (
                left,
                width - right,
                _n(y(step * tick)),
                _n(y(step * tick)),
                GRID_COLOUR,
                left - 8,
                _n(y(step * tick)),
            )
            + (value_format(step * tick),)
            for tick in range(TICKS + 1)
        ),
    )
    bars = []
    group_width = slot * 0.7
    bar_width = group_width if stacked else group_width / max(len(series), 1)
    for index, label in enumerate(labels):
        x0 = left + slot * index + (slot - group_width) / 2
        running = 0
        for position, item in enumerate(series):
            value = item.values[index]
            if stacked:
                lower, upper, x = running, running + value, x0
                running = upper
            else:
                lower, upper, x = 0, value, x0 + bar_width * position
            bars.append(
                (
                    _n(x),
                    _n(y(upper)),
                    _n(bar_width),
                    _n(y(lower) - y(upper)),
                    item.colour,
                    label,
                    item.name,
                    value_format(value),
                )
            )
    bar_markup = format_html_join(
        "",
        '<rect class="bar" x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{} · {}: {}</title></rect>',
        bars,
    )
    target_markup = format_html_join(
        "",
        '<rect class="target" x="{}" y="{}" width="{}" height="{}" fill="{}" fill-opacity="0.08"/>'
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="4 3"/>'
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="4 3">'
        "<title>{}: {}–{}</title></line>",
        (
            (
                _n(left + slot * index + 4),
                _n(y(high)),
                _n(slot - 8),
                _n(y(low) - y(high)),
                TARGET_COLOUR,
            )
            + (
                _n(left + slot * index + 4),
                _n(left + slot * (index + 1) - 4),
                _n(y(low)),
                _n(y(low)),
                TARGET_COLOUR,
            )
            + (
                _n(left + slot * index + 4),
                _n(left + slot * (index + 1) - 4),
                _n(y(high)),
                _n(y(high)),
                TARGET_COLOUR,
            )
            + (target_label, value_format(low), value_format(high))
            for index, target in enumerate(targets or ())
            if target
            for low, high in [target]
        ),
    )
    label_markup = format_html_join(
        "",
        '<text class="label" x="{}" y="{}" text-anchor="middle">{}</text>',
        ((_n(left + slot * (index + 0.5)), base + 20, label) for index, label in enumerate(labels)),
    )
    extra = [(target_label, TARGET_COLOUR)] if targets and any(targets) else []
    body = format_html(
        '<g class="grid">{}</g><g class="bars">{}</g><g class="targets">{}</g><g class="labels">{}</g>{}',
        grid,
        bar_markup,
        target_markup,
        label_markup,
        _legend(series, left=left, top=12, extra=extra),
    )
    return _svg(
        width=width,
        height=height,
        prefix=id_prefix,
        title=title,
        description=description,
        body=body,
        css_class="column-chart",
    )


def bar_chart_svg(
    *,
    rows: Sequence[tuple[str, float]],
    title: str,
    description: str,
    colour: str = PALETTE[0],
    value_format: Callable = _plain,
    id_prefix: str = "chart",
) -> SafeString:
    """Horizontal bars, one per (label, value), in the given order; the value at the bar's end."""
    width, row_height = 760, 26
    left, right, top = 230, 120, 8
    height = top * 2 + row_height * max(len(rows), 1)
    highest = max((value for _, value in rows), default=0) or 1
    plot_width = width - left - right

    def short(label):
        return label if len(label) <= 34 else label[:33] + "…"

    markup = format_html_join(
        "",
        '<g class="row"><title>{}: {}</title>'
        '<text x="{}" y="{}" text-anchor="end">{}</text>'
        '<rect class="bar" x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
        '<text x="{}" y="{}">{}</text></g>',
        (
            (
                label,
                value_format(value),
                left - 8,
                _n(top + row_height * index + row_height * 0.65),
                short(label),
                left,
                _n(top + row_height * index + 4),
                _n(float(value) / float(highest) * plot_width),
                _n(row_height - 8),
                colour,
                _n(left + float(value) / float(highest) * plot_width + 6),
                _n(top + row_height * index + row_height * 0.65),
                value_format(value),
            )
            for index, (label, value) in enumerate(rows)
        ),
    )
    return _svg(
        width=width,
        height=height,
        prefix=id_prefix,
        title=title,
        description=description,
        body=markup,
        css_class="bar-chart",
    )


# The monthly sales chart of a producer (or of the whole shop, for staff).
WIDTH, HEIGHT = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 96, 48, 40, 40
REVENUE_COLOUR, ORDERS_COLOUR = "#2e7d32", "#c2410c"
# With no sale at all, the revenue axis still reads 0 to 100.000 ₫ rather than 0 to 4 ₫.
EMPTY_REVENUE_AXIS = 100_000


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
            for y in [_n(revenue_y(revenue_step * tick))]
        ),
    )
    bar_width = slot * 0.6
    bars = format_html_join(
        "",
        '<rect class="bar" x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>',
        (
            (
                _n(centre(index) - bar_width / 2),
                _n(revenue_y(row.revenue)),
                _n(bar_width),
                _n(bottom - revenue_y(row.revenue)),
                REVENUE_COLOUR,
                _month_label(row.month),
                money(row.revenue),
            )
            for index, row in enumerate(months)
        ),
    )
    points = " ".join(f"{_n(centre(index))},{_n(orders_y(row.orders))}" for index, row in enumerate(months))
    dots = format_html_join(
        "",
        '<circle class="dot" cx="{}" cy="{}" r="4" fill="{}"><title>{}: {}</title></circle>',
        (
            (
                _n(centre(index)),
                _n(orders_y(row.orders)),
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
        ((_n(centre(index)), bottom + 20, _month_label(row.month)) for index, row in enumerate(months)),
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
