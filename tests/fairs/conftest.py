"""Fairs for the tests: a fair list under the Vietnamese home page, and fairs built on it."""

import datetime

import pytest

from core.clock import vietnam_today
from tests.fairs.factories import FairPageFactory
from tests.fairs.factories import fair_index as fair_index_get


@pytest.fixture
def fair_index(db):
    return fair_index_get()


@pytest.fixture
def make_fair(fair_index):
    """make_fair(starts_in=21, days=3, ...): a published fair `starts_in` days from today
    (Vietnam time), with one booth type of `capacity` booths."""

    def make(*, starts_in=21, deadline_in=None, **fields):
        today = vietnam_today()
        return FairPageFactory(
            parent=fair_index,
            starts_on=today + datetime.timedelta(days=starts_in),
            application_deadline=today + datetime.timedelta(days=deadline_in)
            if deadline_in is not None
            else None,
            **fields,
        )

    return make


@pytest.fixture
def fair(make_fair):
    return make_fair()
