"""The bookable-dates hook (contract 3 of issue 19): sources registered by the apps that sell
dated things (visits), merged, clipped to the days asked about."""

import datetime

import pytest

from search import bookable
from search.bookable import bookable_dates, bookable_dates_source_register

D = datetime.date


@pytest.fixture
def no_sources(monkeypatch):
    monkeypatch.setattr(bookable, "_sources", [])


def test_sources_are_merged_sorted_and_clipped_to_the_days_asked(no_sources):
    def sessions(product_ids, start, end):
        return {1: [D(2027, 1, 5), D(2027, 1, 2), D(2027, 3, 1)], 2: []}

    def tours(product_ids, start, end):
        return {1: [D(2027, 1, 2), D(2027, 1, 9)], 3: [D(2027, 1, 3)]}

    bookable_dates_source_register(sessions)
    bookable_dates_source_register(tours)
    bookable_dates_source_register(sessions)  # registered once
    assert bookable._sources == [sessions, tours]
    found = bookable_dates(product_ids=None, start=D(2027, 1, 1), end=D(2027, 1, 31))
    assert found == {1: [D(2027, 1, 2), D(2027, 1, 5), D(2027, 1, 9)], 3: [D(2027, 1, 3)]}


def test_only_the_products_asked_about_are_answered(no_sources):
    asked = []

    def sessions(product_ids, start, end):
        asked.append(product_ids)
        return {1: [D(2027, 1, 2)], 3: [D(2027, 1, 3)]}

    bookable_dates_source_register(sessions)
    assert bookable_dates(product_ids=[3], start=D(2027, 1, 1), end=D(2027, 1, 31)) == {3: [D(2027, 1, 3)]}
    assert asked == [[3]]


def test_no_source_no_dates(no_sources):
    assert bookable_dates(product_ids=None, start=D(2027, 1, 1), end=D(2027, 1, 31)) == {}
