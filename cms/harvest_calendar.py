"""The harvest calendar: what is in season month by month across the province, with its
producers, read through `seasons.selectors.spans` for one year (two queries: the windows, then
the public products with their producers)."""

import calendar
import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.dates import MONTHS_3

from catalog.selectors import product_card_queryset
from seasons.models import HarvestKind
from seasons.selectors import SeasonSpan, spans

MONTHS = range(1, 13)


@dataclass(frozen=True)
class MonthLabel:
    number: int
    short: str  # a column's heading: "T5", "May"
    name: str  # "Tháng 5", "May"


def month_labels() -> list[MonthLabel]:
    vietnamese = (translation.get_language() or settings.LANGUAGE_CODE).startswith("vi")
    return [
        MonthLabel(
            number=month,
            short=f"T{month}" if vietnamese else str(MONTHS_3[month]).title(),
            name=str(MONTH_NAMES[month]),
        )
        for month in MONTHS
    ]


@dataclass
class CalendarRow:
    product: object  # a catalogue Product, with its stock records and their producer
    spans: list[SeasonSpan]
    # {month: "main" | "early"}: the crop picked that month ("main" when both are).
    months: dict[int, str] = field(default_factory=dict)

    @property
    def cells(self) -> list[str]:
        """The twelve months' crops, "" for a month out of season."""
        return [self.months.get(month, "") for month in MONTHS]

    @property
    def producer(self):
        record = next(iter(self.product.stockrecords.all()), None)
        return record.partner if record else None


@dataclass
class CalendarMonth:
    label: MonthLabel
    rows: list[tuple[CalendarRow, str]]  # (row, crop of that month)


def _months_of(span: SeasonSpan, year: int) -> set[int]:
    found = set()
    for month in MONTHS:
        first = datetime.date(year, month, 1)
        last = datetime.date(year, month, calendar.monthrange(year, month)[1])
        if span.starts_on <= last and span.ends_on >= first:
            found.add(month)
    return found


def harvest_calendar(*, year: int) -> list[CalendarRow]:
    """A row per public product with harvest windows, by title, with the crops of each month of
    `year` (a harvest over the new year counts in both years it touches)."""
    found = spans(years=[year - 1, year])
    products = product_card_queryset().filter(pk__in=list(found)).order_by("title")
    rows = []
    for product in products:
        row_spans = [
            span for span in found[product.pk] if span.ends_on.year >= year and span.starts_on.year <= year
        ]
        row = CalendarRow(product=product, spans=row_spans)
        for span in row_spans:
            for month in _months_of(span, year):
                if row.months.get(month) != HarvestKind.MAIN:
                    row.months[month] = span.kind
        if row.months:
            rows.append(row)
    return rows


def calendar_by_month(rows: list[CalendarRow]) -> list[CalendarMonth]:
    """The same rows month by month (the phone's list), months with nothing left out."""
    months = []
    for label in month_labels():
        picked = [(row, row.months[label.number]) for row in rows if label.number in row.months]
        if picked:
            months.append(CalendarMonth(label=label, rows=picked))
    return months
