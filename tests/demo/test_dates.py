"""The demo's date vocabulary (`demo/dates.py`), and that every date in the data files is one."""

import datetime

import pytest
import time_machine

from demo.dates import DateExpressionError, date_from, date_from_record, season_running
from demo.records import data_file

D = datetime.date


@pytest.mark.parametrize(
    ("expression", "today", "expected"),
    [
        ("today", D(2026, 12, 15), D(2026, 12, 15)),
        ("today-40", D(2026, 12, 15), D(2026, 11, 5)),
        ("today+21", D(2026, 12, 15), D(2027, 1, 5)),
        # the latest passing on or before the day
        ("last:06-10", D(2026, 12, 15), D(2026, 6, 10)),
        ("last:06-10", D(2026, 6, 10), D(2026, 6, 10)),
        ("last:06-10", D(2026, 6, 9), D(2025, 6, 10)),
        ("last:06-10-5", D(2026, 6, 9), D(2025, 6, 5)),
        # the first passing after the day
        ("next:06-10", D(2026, 6, 10), D(2027, 6, 10)),
        ("next:06-10", D(2026, 3, 1), D(2026, 6, 10)),
        # a season: the day itself while it runs, else its last day's latest passing
        ("season:05-28..07-10", D(2026, 6, 20), D(2026, 6, 20)),
        ("season:05-28..07-10-3", D(2026, 6, 20), D(2026, 6, 17)),
        ("season:05-28..07-10-3", D(2026, 12, 15), D(2026, 7, 7)),
        ("season:05-28..07-10-3", D(2026, 3, 1), D(2025, 7, 7)),
        # an offset never takes a season's day before the season opens
        ("season:05-28..07-10-6", D(2026, 5, 30), D(2026, 5, 28)),
        # a season over the new year
        ("season:11-01..02-28", D(2027, 1, 10), D(2027, 1, 10)),
        ("season:11-01..02-28-90", D(2027, 1, 10), D(2026, 11, 1)),
        ("season:11-01..02-28", D(2026, 6, 1), D(2026, 2, 28)),
    ],
)
def test_an_expression_names_its_day(expression, today, expected):
    assert date_from(expression, today=today) == expected


@pytest.mark.parametrize(
    "expression", ["yesterday", "today-", "last:6-10", "last:02-29", "season:05-28", "13-01", 40]
)
def test_anything_else_is_refused(expression):
    with pytest.raises(DateExpressionError):
        date_from(expression, today=D(2026, 1, 1))


def test_the_day_is_vietnam_s_by_default():
    # 20:00 UTC on 14 December is 03:00 on 15 December in Vietnam.
    with time_machine.travel(datetime.datetime(2026, 12, 14, 20, 0, tzinfo=datetime.UTC), tick=False):
        assert date_from("today") == D(2026, 12, 15)
        assert date_from_record({"days_ago": 1}, "date") == D(2026, 12, 14)


def test_a_record_gives_its_key_or_days_ago():
    today = D(2026, 12, 15)
    assert date_from_record({"date": "last:05-28", "days_ago": 3}, "date", today=today) == D(2026, 5, 28)
    assert date_from_record({"days_ago": 3}, "date", today=today) == D(2026, 12, 12)
    with pytest.raises(DateExpressionError):
        date_from_record({}, "date", today=today)


def test_seasons_include_both_ends():
    assert season_running((5, 28), (7, 10), D(2026, 5, 28))
    assert season_running((5, 28), (7, 10), D(2026, 7, 10))
    assert not season_running((5, 28), (7, 10), D(2026, 7, 11))
    assert season_running((11, 1), (2, 28), D(2026, 12, 31))
    assert not season_running((11, 1), (2, 28), D(2026, 3, 1))


def _demo_dates(data, path=""):
    """Every (path, value) of a data file under a key that holds a demo date."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("date", "produced", "starts", "submitted", "valid_from") and isinstance(value, str):
                yield f"{path}.{key}", value
            elif key == "decided":
                yield from ((f"{path}.{key}[{i}]", item) for i, item in enumerate(value))
            else:
                yield from _demo_dates(value, f"{path}.{key}")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _demo_dates(value, f"{path}[{i}]")


def test_every_date_in_the_data_files_is_a_demo_date():
    found = [
        (name, path, value)
        for name in ("lots", "fairs", "pages", "inquiries", "site")
        for path, value in _demo_dates(data_file(name))
    ]
    assert len(found) >= 15
    for name, path, value in found:
        try:
            date_from(value, today=D(2026, 12, 15))
        except DateExpressionError as error:
            pytest.fail(f"{name}.toml{path}: {error}")
