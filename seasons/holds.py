"""The sale hold of a product out of season: a product with harvest windows is not sold
between its harvests, whatever its stock record says, and the shop says when the next one
starts ("Hết mùa · vụ tới từ 20/05/2027").

Registered with `partner.sale_holds` from `SeasonsConfig.ready()`; seasons is installed before
traceability, so this hold wins over traceability's "every lot expired" hold. In season, a
product gets no hold from here (traceability's expired-lots hold still applies).
"""

import datetime

from django.utils.translation import gettext as _

from partner.sale_holds import SaleHold
from seasons.selectors import spans
from seasons.wording import day_text

CODE = "out-of-season"


def product_sale_holds(on: datetime.date) -> dict[int, SaleHold]:
    """{product id: its hold on `on`} for the products with harvest windows out of season on
    `on`, each with its next harvest's first day: one query (every product's windows)."""
    holds = {}
    years = range(on.year - 1, on.year + 2)
    for product_id, found in spans(years=years).items():
        if any(span.runs_on(on) for span in found):
            continue
        upcoming = next((span for span in found if span.starts_on > on), None)
        if upcoming is None:  # cannot happen with windows every year; said plainly if it does
            out = _("Out of season")
            holds[product_id] = SaleHold(code=CODE, message=out, short_message=out)
            continue
        holds[product_id] = SaleHold(
            code=CODE,
            message=_("Out of season · next harvest from %(day)s") % {"day": day_text(upcoming.starts_on)},
            short_message=_("Out of season · from %(day)s")
            % {"day": day_text(upcoming.starts_on, with_year=False)},
        )
    return holds
