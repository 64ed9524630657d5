import datetime

import pytest
from django.core.exceptions import ValidationError

from seasons.models import HarvestKind, HarvestWindow
from seasons.selectors import season_next, season_on, seasons_next, seasons_running
from tests.seasons.factories import HarvestWindowFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def lychee():
    """Early crop 20 May - 5 June, main crop 1 June - 15 July, every year."""
    main = HarvestWindowFactory()
    HarvestWindowFactory(
        product=main.product, kind=HarvestKind.EARLY, start_month=5, start_day=20, end_month=6, end_day=5
    )
    return main.product


def test_in_season_on_the_first_and_last_days_and_out_of_season_the_day_after(lychee):
    assert season_on(product_id=lychee.pk, on=D(2027, 5, 20)).kind == HarvestKind.EARLY
    assert season_on(product_id=lychee.pk, on=D(2027, 7, 15)).kind == HarvestKind.MAIN
    assert season_on(product_id=lychee.pk, on=D(2027, 7, 16)) is None
    assert season_on(product_id=lychee.pk, on=D(2027, 5, 19)) is None


def test_the_next_season_in_december_is_next_year_early_crop(lychee):
    upcoming = season_next(product_id=lychee.pk, on=D(2026, 12, 7))
    assert (upcoming.kind, upcoming.starts_on, upcoming.ends_on) == (
        HarvestKind.EARLY,
        D(2027, 5, 20),
        D(2027, 6, 5),
    )


def test_during_the_early_crop_the_next_season_is_the_main_crop(lychee):
    upcoming = season_next(product_id=lychee.pk, on=D(2027, 5, 25))
    assert (upcoming.kind, upcoming.starts_on) == (HarvestKind.MAIN, D(2027, 6, 1))


def test_a_year_window_replaces_that_year_every_year_window_of_its_crop(lychee):
    HarvestWindowFactory(product=lychee, year=2027, start_month=6, start_day=10, end_month=7, end_day=20)
    assert season_on(product_id=lychee.pk, on=D(2027, 6, 5)).kind == HarvestKind.EARLY
    assert season_on(product_id=lychee.pk, on=D(2027, 6, 8)) is None
    assert season_on(product_id=lychee.pk, on=D(2027, 7, 20)).ends_on == D(2027, 7, 20)
    # Other years keep the every-year window.
    assert season_on(product_id=lychee.pk, on=D(2028, 6, 8)).starts_on == D(2028, 6, 1)


def test_a_harvest_over_the_new_year_runs_in_january_and_starts_again_in_november():
    window = HarvestWindowFactory(start_month=11, start_day=1, end_month=2, end_day=28, crosses_new_year=True)
    running = season_on(product_id=window.product_id, on=D(2027, 1, 15))
    assert (running.starts_on, running.ends_on) == (D(2026, 11, 1), D(2027, 2, 28))
    assert season_next(product_id=window.product_id, on=D(2027, 3, 1)).starts_on == D(2027, 11, 1)


def test_many_products_in_one_query(lychee, django_assert_num_queries):
    other = HarvestWindowFactory(start_month=1, start_day=1, end_month=3, end_day=31)
    with django_assert_num_queries(1):
        running = seasons_running(on=D(2027, 2, 1))
    assert set(running) == {other.product_id}
    with django_assert_num_queries(1):
        upcoming = seasons_next(on=D(2027, 2, 1))
    assert upcoming[lychee.pk].starts_on == D(2027, 5, 20)
    assert upcoming[other.product_id].starts_on == D(2028, 1, 1)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"start_month": 7, "start_day": 15, "end_month": 6, "end_day": 1}, "end_month"),
        ({"start_month": 2, "start_day": 30, "end_month": 3, "end_day": 1}, "start_day"),
        (
            {"start_month": 6, "start_day": 1, "end_month": 7, "end_day": 1, "crosses_new_year": True},
            "crosses_new_year",
        ),
    ],
)
def test_a_window_that_ends_before_it_starts_or_names_no_real_day_is_refused(fields, field):
    window = HarvestWindow(product=HarvestWindowFactory().product, kind=HarvestKind.EARLY, **fields)
    with pytest.raises(ValidationError) as refusal:
        window.full_clean()
    assert field in refusal.value.message_dict


def test_29_february_is_the_28th_in_a_common_year():
    window = HarvestWindowFactory(start_month=2, start_day=1, end_month=2, end_day=29)
    assert season_on(product_id=window.product_id, on=D(2027, 2, 28)).ends_on == D(2027, 2, 28)
    assert season_on(product_id=window.product_id, on=D(2028, 2, 29)).ends_on == D(2028, 2, 29)
