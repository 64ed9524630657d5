"""The demo's dates, written in its data files relative to the day the demo is loaded.

A demo loaded in December must not sell June's lychees as fresh, nor date a "harvest begins"
news item in November: every date in `demo/data/*.toml` is an expression this module turns
into a day, counted from the load day (Vietnam's date, `core.clock.vietnam_today`).

The vocabulary, one anchor and an optional offset in days:

    "today"                  the load day
    "today-40", "today+21"   40 days before, 21 days after it
    "last:06-10"             the latest 10 June on or before the load day
    "next:06-10"             the first 10 June after the load day
    "season:05-25..07-10"    a season (25 May to 10 July, each year): the load day while the
                             season runs, else the season's last day at its latest passing
    "last:06-10-7", "season:05-25..07-10-3"   any anchor with an offset (a season's offset
                             stops at the season's first day: a lot is never harvested before
                             its season opens)

So a lot of fresh lychees harvested `"season:05-25..07-10-3"` was picked three days before a
load in June, and on 7 July of the last season for a load in December (long expired: the shop
says the product is out of season); a news item dated `"last:05-28"` about the harvest starting
is always dated at the last harvest's start. A season may run over the new year
("season:11-01..02-28").

`days_ago = 40` in a data file is short for `"today-40"` (`date_from_record`).
"""

import datetime
import re

from core.clock import vietnam_today

EXPRESSION = re.compile(
    r"^(?:(?P<today>today)"
    r"|last:(?P<last>\d\d-\d\d)"
    r"|next:(?P<next>\d\d-\d\d)"
    r"|season:(?P<start>\d\d-\d\d)\.\.(?P<end>\d\d-\d\d))"
    r"(?P<offset>[+-]\d+)?$"
)


class DateExpressionError(ValueError):
    pass


def _month_day(text: str, expression: str) -> tuple[int, int]:
    month, day = (int(part) for part in text.split("-"))
    try:
        datetime.date(2001, month, day)  # not a leap year: 02-29 is refused, every year has the day
    except ValueError:
        raise DateExpressionError(f"{expression!r}: {text} is not a day of every year") from None
    return month, day


def _in_year(month_day: tuple[int, int], year: int) -> datetime.date:
    return datetime.date(year, *month_day)


def _last(month_day: tuple[int, int], today: datetime.date) -> datetime.date:
    day = _in_year(month_day, today.year)
    return day if day <= today else _in_year(month_day, today.year - 1)


def _next(month_day: tuple[int, int], today: datetime.date) -> datetime.date:
    day = _in_year(month_day, today.year)
    return day if day > today else _in_year(month_day, today.year + 1)


def season_running(start: tuple[int, int], end: tuple[int, int], today: datetime.date) -> bool:
    """Whether `today` falls in the season from `start` to `end` (month, day), both included."""
    key = (today.month, today.day)
    if start <= end:
        return start <= key <= end
    return key >= start or key <= end  # over the new year


def date_from(expression: str, *, today: datetime.date | None = None) -> datetime.date:
    """The day an expression of the vocabulary above names, counted from `today` (by default
    Vietnam's date now)."""
    match = EXPRESSION.match(expression.strip()) if isinstance(expression, str) else None
    if match is None:
        raise DateExpressionError(
            f"{expression!r} is not a demo date: write 'today', 'today-N', 'last:MM-DD', "
            "'next:MM-DD' or 'season:MM-DD..MM-DD', with an optional offset in days (+N, -N)"
        )
    today = today or vietnam_today()
    if match["today"]:
        day = today
    elif match["last"]:
        day = _last(_month_day(match["last"], expression), today)
    elif match["next"]:
        day = _next(_month_day(match["next"], expression), today)
    else:
        start, end = _month_day(match["start"], expression), _month_day(match["end"], expression)
        day = today if season_running(start, end, today) else _last(end, today)
        # An offset moves within that season: never before its first day.
        opening = _last(start, day)
        return max(day + datetime.timedelta(days=int(match["offset"] or 0)), opening)
    return day + datetime.timedelta(days=int(match["offset"] or 0))


def date_from_record(record: dict, key: str, *, today: datetime.date | None = None) -> datetime.date:
    """The day a data file's record gives under `key` (an expression) or `days_ago` (a number
    of days before the load day, the short form of "today-N")."""
    if key in record:
        return date_from(record[key], today=today)
    if "days_ago" in record:
        return (today or vietnam_today()) - datetime.timedelta(days=int(record["days_ago"]))
    raise DateExpressionError(f"the record has neither {key!r} nor 'days_ago': {sorted(record)}")
