"""The bookable-dates hook: on which days a product (a visit, a tour) can still be booked.

Sessions belong to `visits`, which sits beside checkout, above search; so search owns this small
registry, visits registers its source from `VisitsConfig.ready()` (visits -> search, never the
reverse), and the index and the database fallback ask `bookable_dates()` for the dates a search
document carries and the visit-date filter matches (contract 3 of issue 19).
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence

# (product ids or None for every product, first day, last day) ->
# {product id: the days in [first, last] with at least one session still bookable}
BookableDatesSource = Callable[
    [Collection[int] | None, datetime.date, datetime.date], Mapping[int, Sequence[datetime.date]]
]

_sources: list[BookableDatesSource] = []


def bookable_dates_source_register(source: BookableDatesSource) -> None:
    """Add a source of bookable dates; registering the same source twice keeps one."""
    if source not in _sources:
        _sources.append(source)


def bookable_dates(
    *, product_ids: Collection[int] | None, start: datetime.date, end: datetime.date
) -> dict[int, list[datetime.date]]:
    """{product id: its bookable days in [start, end], sorted} over every registered source;
    products with no bookable day are left out. `product_ids=None` asks about every product."""
    found: dict[int, set[datetime.date]] = defaultdict(set)
    wanted = None if product_ids is None else set(product_ids)
    for source in _sources:
        for product_id, days in source(product_ids, start, end).items():
            if wanted is not None and product_id not in wanted:
                continue
            found[product_id].update(day for day in days if start <= day <= end)
    return {product_id: sorted(days) for product_id, days in found.items() if days}
