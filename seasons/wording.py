"""Harvest dates and windows as the shop writes them: "20/05/2027" and "vụ sớm 20/05–05/06" in
Vietnamese, "20 May 2027" and "early crop 20 May–5 June" in English."""

import datetime

from django.conf import settings
from django.utils import translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from seasons.selectors import SeasonSpan


def _vietnamese() -> bool:
    return (translation.get_language() or settings.LANGUAGE_CODE).startswith("vi")


def day_text(day: datetime.date, *, with_year: bool = True) -> str:
    """ "20/05/2027" (or "20/05"); in English "20 May 2027" (or "20 May")."""
    if _vietnamese():
        return day.strftime("%d/%m/%Y" if with_year else "%d/%m")
    text = f"{day.day} {MONTHS[day.month]}"
    return f"{text} {day.year}" if with_year else text


def kind_text(kind: str) -> str:
    """The crop in a sentence: "vụ sớm", "vụ chính" ("early crop", "main crop")."""
    if kind == "early":
        return pgettext("harvest in a sentence", "early crop")
    return pgettext("harvest in a sentence", "main crop")


def span_text(span: SeasonSpan) -> str:
    """ "vụ sớm 20/05–05/06" ("early crop 20 May–5 June")."""
    days = f"{day_text(span.starts_on, with_year=False)}–{day_text(span.ends_on, with_year=False)}"
    return f"{kind_text(span.kind)} {days}"


def spans_text(spans: list[SeasonSpan]) -> str:
    """ "vụ sớm 20/05–05/06, vụ chính 01/06–15/07"."""
    return ", ".join(span_text(span) for span in spans)


def harvest_text(span: SeasonSpan) -> str:
    """A lot's harvest: "Thu hoạch vụ chính 2026 (01/06–15/07)" ("Harvested in the main crop of
    2026 (1 June–15 July)")."""
    days = f"{day_text(span.starts_on, with_year=False)}–{day_text(span.ends_on, with_year=False)}"
    return _("Harvested in the %(crop)s of %(year)s (%(days)s)") % {
        "crop": kind_text(span.kind),
        "year": span.starts_on.year,
        "days": days,
    }
