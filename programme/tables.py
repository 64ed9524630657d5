"""The programme page's sections: each is a chart and the table of the same figures, and the
table is also a CSV file. One builder per section, so the page and the CSV can never differ.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from oscar.templatetags.currency_filters import currency

from core.charts import Series, bar_chart_svg, column_chart_svg
from programme import selectors
from programme.targets import REPORTED_TOTALS, year_target
from sales.selectors import sales_period
from training.selectors import trained_per_year

MONTHS = 12
TEXT, NUMBER, MONEY, DATE = "text", "number", "money", "date"


@dataclass
class Table:
    slug: str
    title: str
    columns: list[tuple[str, str]]  # (heading, kind)
    rows: list[list]
    note: str = ""
    chart: SafeString | None = None
    footer: list | None = None
    links: dict = field(default_factory=dict)  # {row index: url of its first cell}
    more_url: str = ""
    more_label: str = ""

    def cells(self):
        """Rows as (value, kind, link) for the template."""
        for index, row in enumerate(self.rows):
            yield [
                (value, kind, self.links.get(index) if position == 0 else None)
                for position, (value, (_heading, kind)) in enumerate(zip(row, self.columns, strict=True))
            ]

    def footer_cells(self):
        return [
            (value, kind) for value, (_heading, kind) in zip(self.footer or [], self.columns, strict=False)
        ]

    def csv_rows(self):
        for row in [*self.rows, *([self.footer] if self.footer else [])]:
            yield [_csv_value(value, kind) for value, (_heading, kind) in zip(row, self.columns, strict=True)]

    @property
    def csv_url(self):
        return reverse("programme-dashboard:csv", kwargs={"table": self.slug})


def _csv_value(value, kind):
    if value is None:
        return ""
    if kind == MONEY:
        return f"{value:.0f}"
    if kind == DATE:
        return value.isoformat()
    return value


def _range(pair) -> str:
    low, high = pair
    return f"{low}–{high}" if low != high else str(low)


def _stars(year_row) -> list[int]:
    return [year_row.stars[stars] for stars in selectors.STARS]


def certified_by_stars(*, today: datetime.date, data=None) -> Table:
    data = data or selectors.certified_products(today=today)
    years = data.years
    rows = []
    for row in years:
        reported = REPORTED_TOTALS.get(row.year)
        rows.append([str(row.year), *_stars(row), row.total, reported.total if reported else None, row.on])
    chart = column_chart_svg(
        labels=[str(row.year) for row in years],
        series=[
            Series(_("%(stars)s★") % {"stars": stars}, [row.stars[stars] for row in years], colour)
            for stars, colour in zip(selectors.STARS, ("#86b386", "#2e7d32", "#a16207"), strict=True)
        ],
        stacked=True,
        title=_("OCOP products in force at the end of each year, by stars"),
        description=_(
            "Stacked columns: products with a certificate in force on each year's last day (today "
            "for this year), split by 3, 4 and 5 stars. The table below gives the figures."
        ),
        id_prefix="chart-stars",
    )
    return Table(
        slug="stars",
        title=_("OCOP products by stars"),
        columns=[
            (_("Year"), TEXT),
            (_("3★"), NUMBER),
            (_("4★"), NUMBER),
            (_("5★"), NUMBER),
            (_("Total in the shop's register"), NUMBER),
            (_("Total reported by the province"), NUMBER),
            (_("Counted on"), DATE),
        ],
        rows=rows,
        chart=chart,
        note=_(
            "The shop counts the certificates staff have entered; the totals the province reported, "
            "as published (%(sources)s), are shown for comparison."
        )
        % {"sources": "; ".join(f"{total.year}: {total.source}" for total in REPORTED_TOTALS.values())},
    )


def new_against_targets(*, today: datetime.date, data=None) -> Table:
    data = data or selectors.certified_products(today=today)
    years = data.years
    rows, targets = [], []
    for row in years:
        target = year_target(row.year)
        targets.append(target.new_certified if target else None)
        rows.append(
            [
                str(row.year),
                row.new,
                _range(target.new_certified) if target else None,
                row.upgrades,
                _range(target.upgrades) if target else None,
                row.new_five,
                f"≥ {target.five_star_min}" if target else None,
                (_("plan") if target.verified else _("assumed")) if target else None,
            ]
        )
    chart = column_chart_svg(
        labels=[str(row.year) for row in years],
        series=[
            Series(_("New OCOP products"), [row.new for row in years], "#2e7d32"),
            Series(_("Upgrades"), [row.upgrades for row in years], "#c2410c"),
        ],
        targets=targets,
        target_label=_("Target for new products"),
        title=_("New OCOP products and upgrades per programme year, against the plan's targets"),
        description=_(
            "Columns: products certified for the first time and products moved up a star level, "
            "per programme year. Band: the plan's target range for new products. The table below "
            "gives the figures and every target."
        ),
        id_prefix="chart-targets",
    )
    return Table(
        slug="targets",
        title=_("New products and upgrades against the plan"),
        columns=[
            (_("Programme year"), TEXT),
            (_("New products (3★+)"), NUMBER),
            (_("Target"), TEXT),
            (_("Upgrades"), NUMBER),
            (_("Target"), TEXT),
            (_("New 5★"), NUMBER),
            (_("Target"), TEXT),
            (_("Source of the targets"), TEXT),
        ],
        rows=rows,
        chart=chart,
        note=_(
            "Targets: Kế hoạch 495/KH-UBND (09/02/2022) for 2022 (“plan”); later years carry the "
            "2022 targets forward until the year's own plan is entered (“assumed”)."
        ),
    )


DIMENSIONS = {
    "group": (lambda: _("Product group"), "#2e7d32"),
    "district": (lambda: _("Legacy district (before 2025)"), "#1d4ed8"),
    "commune": (lambda: _("Commune (since 07/2025)"), "#a16207"),
}


def certified_by(dimension: str) -> Callable:
    def build(*, today: datetime.date, data=None) -> Table:
        data = data or selectors.certified_products(today=today)
        heading, colour = DIMENSIONS[dimension]
        years = [row.year for row in data.years]
        counts = data.by[dimension]
        labels = sorted(counts, key=lambda label: (-counts[label].get(years[-1], 0), label))
        rows = [[label, *(counts[label].get(year, 0) for year in years)] for label in labels]
        chart = bar_chart_svg(
            rows=[(label, counts[label].get(years[-1], 0)) for label in labels],
            colour=colour,
            title=_("OCOP products in force today by %(dimension)s") % {"dimension": heading().lower()},
            description=_("One bar per %(dimension)s: the number of OCOP products in force today.")
            % {"dimension": heading().lower()},
            id_prefix=f"chart-certified-{dimension}",
        )
        return Table(
            slug=f"certified-by-{dimension}",
            title=_("OCOP products by %(dimension)s, at the end of each year")
            % {"dimension": heading().lower()},
            columns=[(heading(), TEXT), *((str(year), NUMBER) for year in years)],
            rows=rows,
            chart=chart,
        )

    return build


def expiring(*, today: datetime.date, data=None) -> Table:
    certificates = selectors.certificates_expiring(today=today)
    return Table(
        slug="expiring",
        title=_("Certificates expiring within 90 days"),
        columns=[
            (_("Decision"), TEXT),
            (_("Product"), TEXT),
            (_("Producer"), TEXT),
            (_("Stars"), NUMBER),
            (_("Valid until"), DATE),
            (_("Days left"), NUMBER),
        ],
        rows=[
            [
                c.decision_number,
                c.product.get_title(),
                c.producer.name,
                c.stars,
                c.valid_to,
                c.days_left(on=today),
            ]
            for c in certificates
        ],
        links={
            index: reverse("catalog-dashboard:certificate-update", kwargs={"pk": c.pk})
            for index, c in enumerate(certificates)
        },
        more_url=reverse("catalog-dashboard:certificate-list") + "?state=expiring",
        more_label=_("All expiring certificates in the certificate list"),
    )


def sales_by(dimension: str) -> Callable:
    def build(*, today: datetime.date, data=None) -> Table:
        period = sales_period(months=MONTHS, today=today)
        rows = (data or selectors.sales_by(period=period))[dimension]
        heading, colour = DIMENSIONS[dimension]
        chart = bar_chart_svg(
            rows=[(row.label, row.revenue) for row in rows],
            colour=colour,
            value_format=currency,
            title=_("Sales of the last %(count)s months by %(dimension)s")
            % {"count": MONTHS, "dimension": heading().lower()},
            description=_("One bar per %(dimension)s: goods sold, delivery fees aside.")
            % {"dimension": heading().lower()},
            id_prefix=f"chart-sales-{dimension}",
        )
        return Table(
            slug=f"sales-by-{dimension}",
            title=_("Sales by %(dimension)s, last %(count)s months")
            % {"dimension": heading().lower(), "count": MONTHS},
            columns=[
                (heading(), TEXT),
                (_("Orders"), NUMBER),
                (_("Units"), NUMBER),
                (_("Revenue (VND)"), MONEY),
            ],
            rows=[[row.label, row.orders, row.units, row.revenue] for row in rows],
            footer=[
                pgettext("sum", "Total"),
                None,
                sum(row.units for row in rows),
                sum((row.revenue for row in rows), 0),
            ],
            chart=chart,
            note=_(
                "Orders placed from %(first)s to %(last)s; parts a producer cancelled are left out. "
                "An order with products of two groups counts once in each."
            )
            % {"first": f"{period.months[0]:%m/%Y}", "last": f"{period.months[-1]:%m/%Y}"},
        )

    return build


def fairs(*, today: datetime.date, data=None) -> Table:
    results = selectors.fair_results(today=today)
    return Table(
        slug="fairs",
        title=_("Results of past fairs"),
        columns=[
            (_("Fair"), TEXT),
            (_("First day"), DATE),
            (_("Last day"), DATE),
            (_("Exhibitors"), NUMBER),
            (_("Fair listings"), NUMBER),
            (_("Orders during the fair"), NUMBER),
            (_("Revenue (VND)"), MONEY),
            (_("Buyer inquiries"), NUMBER),
        ],
        rows=[
            [
                r.fair.title,
                r.fair.starts_on,
                r.fair.ends_on,
                r.exhibitors,
                r.listings,
                r.orders,
                r.revenue,
                r.inquiries,
            ]
            for r in results
        ],
        chart=bar_chart_svg(
            rows=[(r.fair.title, r.orders) for r in results],
            colour="#c2410c",
            title=_("Orders of fair-listed products during each past fair"),
            description=_("One bar per past fair: orders of its listed products placed during the fair."),
            id_prefix="chart-fairs",
        )
        if results
        else None,
        note=_(
            "Orders of the products exhibitors listed for the fair, placed from its first to its "
            "last day (Vietnam time), without cancelled parts."
        ),
    )


def inquiries_monthly(*, today: datetime.date, data=None) -> Table:
    period = sales_period(months=MONTHS, today=today)
    months = selectors.inquiries_by_month(period=period)
    return Table(
        slug="inquiries-by-month",
        title=_("Buyer inquiries per month"),
        columns=[(_("Month"), TEXT), (_("Inquiries"), NUMBER), (_("Answered or closed"), NUMBER)],
        rows=[[f"{row.month:%m/%Y}", row.total, row.answered] for row in months],
        footer=[
            pgettext("sum", "Total"),
            sum(row.total for row in months),
            sum(row.answered for row in months),
        ],
        chart=column_chart_svg(
            labels=[f"{row.month:%m/%y}" for row in months],
            series=[
                Series(_("Inquiries"), [row.total for row in months], "#1d4ed8"),
                Series(_("Answered or closed"), [row.answered for row in months], "#2e7d32"),
            ],
            title=_("Buyer inquiries per month, last %(count)s months") % {"count": MONTHS},
            description=_("Columns per month: inquiries received, and how many of them were answered."),
            id_prefix="chart-inquiries",
        ),
    )


def inquiries_by_group(*, today: datetime.date, data=None) -> Table:
    period = sales_period(months=MONTHS, today=today)
    rows = [
        [label or _("No product (written to a producer)"), count]
        for label, count in selectors.inquiries_by_group(period=period)
    ]
    return Table(
        slug="inquiries-by-group",
        title=_("Buyer inquiries by product group, last %(count)s months") % {"count": MONTHS},
        columns=[(_("Product group"), TEXT), (_("Inquiries"), NUMBER)],
        rows=rows,
        chart=bar_chart_svg(
            rows=[(label, count) for label, count in rows],
            colour="#1d4ed8",
            title=_("Buyer inquiries by product group"),
            description=_("One bar per product group: inquiries received in the last 12 months."),
            id_prefix="chart-inquiries-group",
        )
        if rows
        else None,
    )


def inquiries_by_fair(*, today: datetime.date, data=None) -> Table:
    rows = [
        [fair.title, fair.starts_on, total, answered]
        for fair, total, answered in selectors.inquiries_by_fair()
    ]
    return Table(
        slug="inquiries-by-fair",
        title=_("Buyer inquiries by fair"),
        columns=[
            (_("Fair"), TEXT),
            (_("First day"), DATE),
            (_("Inquiries"), NUMBER),
            (_("Answered or closed"), NUMBER),
        ],
        rows=rows,
    )


def trained(*, today: datetime.date, data=None) -> Table:
    """People trained per year and audience against the targets staff entered (the plan's
    sources give none: an absent target says so, a demo one says it is the demo's)."""
    rows = trained_per_year()
    no_target = _("no target entered")

    def target_text(row):
        if row.target is None:
            return no_target
        return str(row.target.people)

    def source_text(row):
        if row.target is None:
            return None
        if row.target.is_demo:
            return _("%(source)s (demo figure, not the plan's)") % {"source": row.target.source}
        return row.target.source

    return Table(
        slug="training",
        title=_("People trained per year and audience"),
        columns=[
            (_("Year"), TEXT),
            (_("Audience"), TEXT),
            (_("People trained"), NUMBER),
            (_("Target"), TEXT),
            (_("Share of the target"), TEXT),
            (_("Source of the target"), TEXT),
        ],
        rows=[
            [
                str(row.year),
                row.label,
                row.trained,
                target_text(row),
                f"{round(100 * row.trained / row.target.people)} %"
                if row.target and row.target.people
                else None,
                source_text(row),
            ]
            for row in rows
        ],
        chart=bar_chart_svg(
            rows=[(f"{row.year} · {row.label}", row.trained) for row in rows],
            colour="#1d4ed8",
            title=_("People trained per year and audience"),
            description=_(
                "One bar per year and audience: people who attended at least one session, counted "
                "once per course. The table below gives each target."
            ),
            id_prefix="chart-training",
        )
        if rows
        else None,
        note=_(
            "A person counts once per course, in the year of its first session, when present at one "
            "session or more. The programme's sources give no training targets: staff enter each "
            "year's from its plan."
        ),
        more_url=reverse("wagtailsnippets_training_trainingtarget:list"),
        more_label=_("Enter the training targets"),
    )


# Slug -> builder, in page order; a builder's `data` lets the page compute shared reads once.
BUILDERS: dict[str, Callable] = {
    "stars": certified_by_stars,
    "targets": new_against_targets,
    "certified-by-group": certified_by("group"),
    "certified-by-district": certified_by("district"),
    "certified-by-commune": certified_by("commune"),
    "expiring": expiring,
    "sales-by-group": sales_by("group"),
    "sales-by-district": sales_by("district"),
    "sales-by-commune": sales_by("commune"),
    "fairs": fairs,
    "inquiries-by-month": inquiries_monthly,
    "inquiries-by-group": inquiries_by_group,
    "inquiries-by-fair": inquiries_by_fair,
    "training": trained,
}

CERTIFIED = {"stars", "targets", "certified-by-group", "certified-by-district", "certified-by-commune"}
SALES = {"sales-by-group", "sales-by-district", "sales-by-commune"}


def programme_tables(*, today: datetime.date) -> list[Table]:
    """Every section of the page, with the certificates and the sales read once each."""
    certified = selectors.certified_products(today=today)
    sales = selectors.sales_by(period=sales_period(months=MONTHS, today=today))
    tables = []
    for slug, build in BUILDERS.items():
        data = certified if slug in CERTIFIED else sales if slug in SALES else None
        tables.append(build(today=today, data=data))
    return tables


def programme_table(*, slug: str, today: datetime.date) -> Table | None:
    build = BUILDERS.get(slug)
    return build(today=today) if build else None
