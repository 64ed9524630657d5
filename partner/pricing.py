"""The pricing hook: where the shop's strategy finds fair prices without importing fairs.

Fairs sit above partner: a fair listing points at a stock record, and fair pages show the price
the strategy gives. If `partner/strategy.py` read fairs' tables itself, the two apps would import
each other. So partner owns this small registry and its typed record; the fairs app registers its
source from `FairsConfig.ready()` (fairs -> partner, never the reverse), and the strategy asks
`fair_prices_running()` once per strategy, that is once per request.
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class RunningFairPrice:
    """The price a stock record sells at today because a fair shows it, until the fair's last day."""

    price: Decimal
    fair_title: str
    ends_on: datetime.date


# {stock record id: its fair price today}, one query however many products a page prices.
FairPriceSource = Callable[[], Mapping[int, RunningFairPrice]]

_sources: list[FairPriceSource] = []


def fair_price_source_register(source: FairPriceSource) -> None:
    """Add a source of running fair prices; registering the same source twice keeps one."""
    if source not in _sources:
        _sources.append(source)


def fair_prices_running() -> dict[int, RunningFairPrice]:
    """{stock record id: its lowest fair price today} over every registered source."""
    prices: dict[int, RunningFairPrice] = {}
    for source in _sources:
        for stockrecord_id, fair_price in source().items():
            known = prices.get(stockrecord_id)
            if known is None or fair_price.price < known.price:
                prices[stockrecord_id] = fair_price
    return prices
