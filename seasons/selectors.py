"""When a product is in season: the one reading of harvest windows every page uses.

A span is one harvest: a window placed in the year it starts. Spans are worked out from the
windows of the years around the day asked about (a window with a year replaces that year's
every-year window of the same crop), in one query however many products are asked about.
"""

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from seasons.models import HarvestWindow


@dataclass(frozen=True)
class SeasonSpan:
    product_id: int
    kind: str  # HarvestKind
    starts_on: datetime.date
    ends_on: datetime.date

    def runs_on(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on


def _windows(product_ids: Collection[int] | None) -> dict[int, list[HarvestWindow]]:
    windows = HarvestWindow.objects.all()
    if product_ids is not None:
        windows = windows.filter(product_id__in=list(product_ids))
    by_product = defaultdict(list)
    for window in windows:
        by_product[window.product_id].append(window)
    return by_product


def _spans_of(windows: list[HarvestWindow], years: Iterable[int]) -> list[SeasonSpan]:
    spans = []
    for year in years:
        for kind in {window.kind for window in windows}:
            of_kind = [window for window in windows if window.kind == kind]
            window = next((w for w in of_kind if w.year == year), None) or next(
                (w for w in of_kind if w.year is None), None
            )
            if window is None:
                continue
            starts_on, ends_on = window.span_in(year)
            spans.append(SeasonSpan(window.product_id, kind, starts_on, ends_on))
    return sorted(spans, key=lambda span: (span.starts_on, span.ends_on))


def spans(*, product_ids: Collection[int] | None = None, years: Iterable[int]) -> dict[int, list[SeasonSpan]]:
    """{product id: its harvests starting in `years`, in date order}."""
    years = list(years)
    return {
        product_id: found
        for product_id, windows in _windows(product_ids).items()
        if (found := _spans_of(windows, years))
    }


def _around(on: datetime.date) -> range:
    return range(on.year - 1, on.year + 2)


def seasons_running(
    *, on: datetime.date, product_ids: Collection[int] | None = None
) -> dict[int, SeasonSpan]:
    """{product id: the harvest running on `on`} for products in season that day."""
    running = {}
    for product_id, found in spans(product_ids=product_ids, years=_around(on)).items():
        span = next((span for span in found if span.runs_on(on)), None)
        if span is not None:
            running[product_id] = span
    return running


def seasons_next(*, on: datetime.date, product_ids: Collection[int] | None = None) -> dict[int, SeasonSpan]:
    """{product id: its next harvest starting after `on`} (the one after a running harvest)."""
    upcoming = {}
    for product_id, found in spans(product_ids=product_ids, years=_around(on)).items():
        span = next((span for span in found if span.starts_on > on), None)
        if span is not None:
            upcoming[product_id] = span
    return upcoming


def season_on(*, product_id: int, on: datetime.date) -> SeasonSpan | None:
    return seasons_running(on=on, product_ids=[product_id]).get(product_id)


def season_next(*, product_id: int, on: datetime.date) -> SeasonSpan | None:
    return seasons_next(on=on, product_ids=[product_id]).get(product_id)


def products_with_seasons() -> set[int]:
    return set(HarvestWindow.objects.values_list("product_id", flat=True).distinct())
