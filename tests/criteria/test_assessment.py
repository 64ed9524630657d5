"""The one rule for what points on a sheet come to: totals, star band, mandatory criteria,
the next star's gap, the council's mean."""

from decimal import Decimal

import pytest

from criteria.assessment import assess, mean_points, next_star, sheet_view
from tests.criteria.factories import criteria_by_code, sheet_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet():
    made = sheet_make()
    return sheet_view(made), criteria_by_code(made)


def points(codes, **given):
    return {codes[code].pk: Decimal(value) for code, value in given.items()}


def test_the_total_is_the_sum_of_the_parts_and_takes_its_band(sheet):
    view, codes = sheet
    result = assess(view, points(codes, A1=20, A2=10, B1=10, C1=35))
    assert result.parts == {"A": Decimal("30.00"), "B": Decimal("10.00"), "C": Decimal("35.00")}
    assert result.total == Decimal("75.00")
    assert (result.stars_by_total, result.stars) == (4, 4)
    assert result.certified and not result.proposed_central


def test_a_mandatory_criterion_of_a_star_level_holds_the_product_below_it(sheet):
    view, codes = sheet
    # 95 points, but C1 needs 35 for 5★: only 4★, and not proposed to the central council.
    result = assess(view, points(codes, A1=20, A2=20, B1=25, C1=15))
    assert result.total == Decimal("80.00")
    result = assess(view, points(codes, A1=20, A2=20, B1=25, C1=30))
    assert result.stars_by_total == 5
    assert result.stars == 4
    assert [(gap.criterion.code, gap.stars, gap.least) for gap in result.shortfalls] == [
        ("C1", 5, Decimal(35))
    ]
    assert not result.proposed_central


def test_a_lower_level_requirement_holds_for_the_levels_above(sheet):
    view, codes = sheet
    # A1 needs 5 for 3★ (and so for 4★ and 5★ too), 10 for 4★.
    result = assess(view, points(codes, A1=5, A2=20, B1=25, C1=35))
    assert (result.stars_by_total, result.stars) == (4, 3)
    result = assess(view, points(codes, A1=0, A2=20, B1=25, C1=35))
    assert result.stars == 2 and not result.certified


def test_ninety_points_meeting_every_5_star_criterion_are_proposed_centrally(sheet):
    view, codes = sheet
    result = assess(view, points(codes, A1=20, A2=20, B1=25, C1=35))
    assert result.total == 100 and result.stars == 5 and result.proposed_central


def test_the_next_star_says_the_points_and_the_criteria_missing(sheet):
    view, codes = sheet
    gap = next_star(view, points(codes, A1=5, A2=10, B1=10, C1=15))  # 40: 2★
    assert gap.stars == 3
    assert gap.points_missing == Decimal(10)
    assert gap.shortfalls == ()
    gap = next_star(view, points(codes, A1=5, A2=20, B1=10, C1=15))  # 50: 3★
    assert gap.stars == 4 and gap.points_missing == Decimal(20)
    assert [shortfall.criterion.code for shortfall in gap.shortfalls] == ["A1"]
    assert next_star(view, points(codes, A1=20, A2=20, B1=25, C1=35)) is None


def test_unanswered_criteria_are_listed(sheet):
    view, codes = sheet
    result = assess(view, points(codes, A1=5))
    assert [criterion.code for criterion in result.unanswered] == ["A2", "B1", "C1"]


def test_the_councils_mean_is_per_criterion_to_two_places():
    assert mean_points(
        [{1: Decimal(10), 2: Decimal(5)}, {1: Decimal(15), 2: Decimal(6)}, {1: Decimal(10)}]
    ) == {
        1: Decimal("11.67"),
        2: Decimal("5.50"),
    }
