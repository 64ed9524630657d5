"""The round's council: seats, opening scoring, and the members' scoring sheets with their bad
inputs (points above a criterion's maximum, below 0, after closing)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from evaluation import council
from evaluation.models import (
    CouncilMember,
    CouncilRole,
    CouncilScore,
    CouncilSheet,
    DossierStatus,
    RoundStatus,
)
from evaluation.permissions import council_rounds, user_is_council_member_only
from tests.core.factories import StaffFactory, UserFactory
from tests.evaluation.council_world import FULL, council_world, score
from tests.evaluation.factories import CouncilMemberFactory, DossierFactory, EvaluationRoundFactory
from tests.partner.factories import ProducerUserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def world(commune):
    return council_world(commune)


@pytest.fixture
def open_world(commune):
    return council_world(commune, status=RoundStatus.OPEN)


# Seats


def test_staff_seat_an_existing_account_found_by_email(open_world):
    expert = UserFactory(email="Chuyen.Gia@So-Cong-Thuong.example")

    member = council.council_member_add(
        round=open_world["round"],
        email=" chuyen.gia@so-cong-thuong.example ",
        role=CouncilRole.VICE_CHAIR,
        position="Phó Giám đốc Sở Công Thương",
        by=StaffFactory(),
    )

    assert (member.user, member.role, member.position) == (
        expert,
        CouncilRole.VICE_CHAIR,
        "Phó Giám đốc Sở Công Thương",
    )


@pytest.mark.parametrize(
    ("email", "role", "message"),
    [
        (
            "nobody@example.com",
            CouncilRole.MEMBER,
            "No active account has the e-mail nobody@example.com: the member needs an account on the "
            "marketplace first.",
        ),
        ("chuyen-gia@so.example", CouncilRole.MEMBER, "chuyen-gia@so.example is already on this council."),
        ("new@so.example", CouncilRole.CHAIR, "The council already has a chair: remove the chair first."),
    ],
)
def test_seats_refused(open_world, email, role, message):
    UserFactory(email="new@so.example")
    seats = CouncilMember.objects.count()

    with pytest.raises(ValidationError) as error:
        council.council_member_add(round=open_world["round"], email=email, role=role, by=None)

    assert [message] in error.value.message_dict.values()
    assert CouncilMember.objects.count() == seats


def test_an_inactive_account_is_not_seated(open_world):
    UserFactory(email="old@so.example", is_active=False)

    with pytest.raises(ValidationError):
        council.council_member_add(round=open_world["round"], email="old@so.example", by=None)


def test_a_producers_login_cannot_score_its_own_products(open_world):
    producer = open_world["dossiers"][0].producer
    login = ProducerUserFactory(producer=producer, email="htx@producer.example")

    with pytest.raises(ValidationError) as error:
        council.council_member_add(round=open_world["round"], email=login.email, by=None)

    assert "cannot score their own products" in str(error.value)
    assert not open_world["round"].council.filter(user=login).exists()


def test_a_member_is_removed_before_scoring_but_not_after(world):
    dossier = world["dossiers"][0]
    council.council_member_remove(member=world["secretary"], by=None)
    assert not CouncilMember.objects.filter(pk=world["secretary"].pk).exists()

    score(world, world["member"], dossier, {"A1": 10})
    with pytest.raises(ValidationError) as error:
        council.council_member_remove(member=world["member"], by=None)

    assert error.value.messages == [
        "Chuyên gia Trần has already scored products: a member who has scored stays on the council."
    ]
    assert CouncilScore.objects.filter(sheet__member=world["member"]).count() == 1


def test_seats_do_not_change_after_closing(world):
    world["round"].status = RoundStatus.CLOSED
    world["round"].save()
    UserFactory(email="late@so.example")

    with pytest.raises(ValidationError):
        council.council_member_add(round=world["round"], email="late@so.example", by=None)
    with pytest.raises(ValidationError):
        council.council_member_remove(member=world["secretary"], by=None)
    assert world["round"].council.count() == 3


# Opening scoring


def test_scoring_opens_once_the_deadline_has_passed(open_world):
    round = open_world["round"]
    day_after = round.registration_closes + datetime.timedelta(days=1)

    council.round_scoring_open(round=round, by=None, today=day_after)

    round.refresh_from_db()
    assert round.status == RoundStatus.SCORING
    assert not round.takes_registrations_on(round.registration_closes)


def test_scoring_before_the_deadline_needs_saying_so(open_world):
    round = open_world["round"]

    with pytest.raises(ValidationError) as error:
        council.round_scoring_open(round=round, by=None, today=round.registration_closes)
    assert "Registrations are open until" in error.value.messages[0]
    round.refresh_from_db()
    assert round.status == RoundStatus.OPEN

    council.round_scoring_open(round=round, by=None, early=True)
    round.refresh_from_db()
    assert round.status == RoundStatus.SCORING


def test_scoring_needs_a_chair_and_every_dossier_checked(commune):
    round = EvaluationRoundFactory()
    CouncilMemberFactory(round=round)
    with pytest.raises(ValidationError) as error:
        council.round_scoring_open(round=round, by=None, early=True)
    assert error.value.messages == ["Seat the council's chair before scoring opens."]

    CouncilMemberFactory(round=round, role=CouncilRole.CHAIR)
    waiting = DossierFactory(round=round, status=DossierStatus.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        council.round_scoring_open(round=round, by=None, early=True)
    assert error.value.messages == [f"Check these dossiers' completeness first: {waiting.product}."]
    round.refresh_from_db()
    assert round.status == RoundStatus.OPEN


# Scoring sheets


def test_a_sheet_saves_partially_and_is_complete_with_every_criterion(world):
    dossier = world["dossiers"][0]

    sheet = score(
        world, world["member"], dossier, {"A1": "7.5", "A2": 10}, notes={"A1": "Có liên kết vùng nguyên liệu"}
    )
    assert sheet.completed_at is None
    assert dict(sheet.scores.values_list("criterion__code", "points")) == {
        "A1": Decimal("7.50"),
        "A2": Decimal("10.00"),
    }
    assert sheet.scores.get(criterion__code="A1").note == "Có liên kết vùng nguyên liệu"

    sheet = score(world, world["member"], dossier, {"B1": 25, "C1": 35})
    assert sheet.completed_at is not None

    sheet = score(world, world["member"], dossier, {"C1": None})  # cleared again
    assert sheet.completed_at is None
    assert sheet.scores.count() == 3


@pytest.mark.parametrize(
    ("points", "message"),
    [("20.01", "A1: give between 0 and 20 points."), ("-1", "A1: give between 0 and 20 points.")],
)
def test_points_outside_a_criterions_range_save_nothing(world, points, message):
    dossier = world["dossiers"][0]
    score(world, world["member"], dossier, {"A2": 5})

    with pytest.raises(ValidationError) as error:
        score(world, world["member"], dossier, {"A1": points, "A2": 15})

    assert error.value.message_dict == {f"points_{world['criteria']['A1'].pk}": [message]}
    assert dict(CouncilScore.objects.values_list("criterion__code", "points")) == {"A2": Decimal("5.00")}


def test_the_secretary_does_not_score(world):
    with pytest.raises(ValidationError) as error:
        score(world, world["secretary"], world["dossiers"][0], {"A1": 5})

    assert error.value.messages == ["The secretary keeps the council's record and does not score."]
    assert not CouncilSheet.objects.exists()


def test_no_score_before_scoring_opens_or_after_closing(world):
    round, dossier = world["round"], world["dossiers"][0]
    score(world, world["member"], dossier, FULL)
    for status, message in [
        (RoundStatus.OPEN, "Scoring has not opened for this round yet."),
        (RoundStatus.CLOSED, "The council of this round is closed: scores can no longer be changed."),
        (RoundStatus.DECIDED, "The council of this round is closed: scores can no longer be changed."),
    ]:
        round.status = status
        if status == RoundStatus.DECIDED:
            round.decision_number, round.decision_date = "12/QĐ-UBND", datetime.date(2026, 1, 5)
        round.save()
        with pytest.raises(ValidationError) as error:
            score(world, world["member"], dossier, {"A1": 0})
        assert error.value.messages == [message]
    assert CouncilScore.objects.get(criterion__code="A1").points == Decimal("20.00")


def test_a_dossier_that_is_not_accepted_or_of_another_round_is_not_scored(world, commune):
    returned = DossierFactory(
        round=world["round"], sheet=world["sheet"], status=DossierStatus.RETURNED, reason="Thiếu nhãn"
    )
    elsewhere = council_world(commune, products=1)["dossiers"][0]

    for dossier in (returned, elsewhere):
        with pytest.raises(ValidationError):
            score(world, world["member"], dossier, {"A1": 5})
    assert not CouncilSheet.objects.exists()


def test_progress_counts_without_showing_points(world):
    first, second = world["dossiers"]
    score(world, world["member"], first, FULL)
    score(world, world["chair"], first, {"A1": 5})

    progress = {
        (dossier.pk, row.member.pk): (row.scored, row.complete)
        for dossier, rows in council.council_progress(world["round"])
        for row in rows
    }

    assert progress == {
        (first.pk, world["chair"].pk): (1, False),
        (first.pk, world["member"].pk): (4, True),
        (second.pk, world["chair"].pk): (0, False),
        (second.pk, world["member"].pk): (0, False),
    }
    assert council.sheets_incomplete(world["round"]) == [
        f"{first.product} — Chủ tịch Nguyễn",
        f"{second.product} — Chủ tịch Nguyễn",
        f"{second.product} — Chuyên gia Trần",
    ]


# Who is a council member


def test_a_member_sits_on_their_rounds_only(world, commune):
    other = council_world(commune, products=1)
    expert = world["member"].user

    assert list(council_rounds(expert)) == [world["round"]]
    assert user_is_council_member_only(expert)
    assert not user_is_council_member_only(UserFactory())
    assert other["round"] not in council_rounds(expert)
