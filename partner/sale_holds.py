"""The sale-hold hook: products the shop must not sell today for a reason partner cannot see.

A product whose every published lot is past its use-by date has nothing left a buyer could be
sent, whatever its stock record says: the shop says so ("out of season" for fresh produce) and
refuses it. Lots belong to traceability, which sits above partner; so partner owns this small
registry and its typed record, traceability registers its source from
`TraceabilityConfig.ready()` (traceability -> partner, never the reverse), and the strategy asks
`sale_holds_on()` once per strategy, that is once per request.
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class SaleHold:
    """Why a product cannot be bought on a date, in the words the shop shows."""

    code: str  # for HTML classes and tests: "out-of-season", "lots-expired"
    message: str  # the product page's sentence
    short_message: str  # a product card's words


# {product id: its hold on that date}, one or two queries however many products a page shows.
SaleHoldSource = Callable[[datetime.date], Mapping[int, SaleHold]]

_sources: list[SaleHoldSource] = []


def sale_hold_source_register(source: SaleHoldSource) -> None:
    """Add a source of sale holds; registering the same source twice keeps one."""
    if source not in _sources:
        _sources.append(source)


def sale_holds_on(on: datetime.date) -> dict[int, SaleHold]:
    """{product id: its hold on `on`} over every registered source; the first source wins."""
    holds: dict[int, SaleHold] = {}
    for source in _sources:
        for product_id, hold in source(on).items():
            holds.setdefault(product_id, hold)
    return holds
