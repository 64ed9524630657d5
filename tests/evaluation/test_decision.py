"""Closing the council (the members' mean, the mandatory criteria, 90+ proposed to the centre)
and the decision that issues the certificates (all or none, superseding a certificate in force,
the badge and the search record following)."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from catalog.models import Certificate, CertificateStatus
from catalog.ocop import date_text
from core.clock import vietnam_today
from evaluation import decision
from evaluation.models import CouncilScore, RoundResult, RoundStatus
from search.models import ProductSearchRecord
from tests.catalog.factories import CertificateFactory, ProductFactory
from tests.core.factories import StaffFactory
from tests.evaluation.council_world import FULL, council_world, score, score_all
from tests.partner.factories import ProducerUserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

# Today: the round's programme year is this year, and a decision is not dated in the future.
DECIDED_ON = vietnam_today()


@pytest.fixture
def world(commune):
    return council_world(commune)


def close(world):
    return {
        result.dossier_id: result for result in decision.round_close(round=world["round"], by=StaffFactory())
    }


def decide(world, **changes):
    fields = {"decision_number": "215/QĐ-UBND", "decision_date": DECIDED_ON, "by": None, "today": DECIDED_ON}
    return decision.round_decide(round=world["round"], **(fields | changes))


# Closing


def test_closing_is_refused_while_a_sheet_is_incomplete(world):
    first, second = world["dossiers"]
    score_all(world, {"chair": FULL})
    score(world, world["member"], first, FULL)
    score(world, world["member"], second, {"A1": 10})

    with pytest.raises(ValidationError) as error:
        decision.round_close(round=world["round"], by=None)

    assert error.value.messages == [
        f"These scoring sheets are not complete: {second.product} — Chuyên gia Trần."
    ]
    world["round"].refresh_from_db()
    assert world["round"].status == RoundStatus.SCORING
    assert not RoundResult.objects.exists()


def test_the_result_is_the_members_mean_per_criterion(world):
    first, second = world["dossiers"]
    score(world, world["chair"], first, {"A1": 10, "A2": 10, "B1": 10, "C1": 15})
    score(world, world["member"], first, {"A1": 20, "A2": 20, "B1": "25", "C1": 35})
    score(world, world["chair"], second, FULL)
    score(world, world["member"], second, FULL)

    results = close(world)

    result = results[first.pk]
    # means: A1 15, A2 15, B1 17.5, C1 25
    assert (result.score_a, result.score_b, result.score_c, result.score) == (
        Decimal("30.00"),
        Decimal("17.50"),
        Decimal("25.00"),
        Decimal("72.50"),
    )
    assert (result.sheets_counted, result.stars_by_score, result.stars) == (2, 4, 4)
    assert (result.shortfalls, result.proposed_central) == ("", False)
    world["round"].refresh_from_db()
    assert world["round"].status == RoundStatus.CLOSED and world["round"].closed_at is not None


def test_a_mandatory_criterion_holds_the_stars_back(world):
    first, second = world["dossiers"]
    # 85 points, but A1 at 5 where 4★ needs 10: 3★.
    held = {"A1": 5, "A2": 20, "B1": 25, "C1": 35}
    score(world, world["chair"], first, held)
    score(world, world["member"], first, held)
    for key in ("chair", "member"):
        score(world, world[key], second, {"A1": 20, "A2": 20, "B1": 25, "C1": 30})  # 95, C1 short of 5★

    results = close(world)

    held_back = results[first.pk]
    assert (held_back.score, held_back.stars_by_score, held_back.stars) == (Decimal("85.00"), 4, 3)
    assert held_back.shortfalls == "A1 Tổ chức sản xuất: 5 points; 4★ needs at least 10"
    no_five = results[second.pk]
    assert (no_five.score, no_five.stars_by_score, no_five.stars, no_five.proposed_central) == (
        Decimal("95.00"),
        5,
        4,
        False,
    )
    assert no_five.shortfalls == "C1 Chất lượng: 30 points; 5★ needs at least 35"


def test_90_points_with_the_5_star_criteria_is_proposed_to_the_centre(world):
    score_all(world, {"chair": FULL, "member": FULL})

    results = close(world)

    assert all(result.proposed_central and result.stars == 5 for result in results.values())
    assert [row.stars for row in decision.result_rows(world["round"])] == [4, 4]


def test_no_score_changes_after_closing(world):
    score_all(world, {"chair": FULL, "member": FULL})
    close(world)

    with pytest.raises(ValidationError) as error:
        score(world, world["member"], world["dossiers"][0], {"A1": 0})

    assert error.value.messages == ["The council of this round is closed: scores can no longer be changed."]
    assert set(CouncilScore.objects.filter(criterion__code="A1").values_list("points", flat=True)) == {
        Decimal("20.00")
    }


# The decision


def scored(world, first, second):
    score(world, world["chair"], world["dossiers"][0], first)
    score(world, world["member"], world["dossiers"][0], first)
    score(world, world["chair"], world["dossiers"][1], second)
    score(world, world["member"], world["dossiers"][1], second)
    close(world)


def test_the_decision_issues_certificates_of_3_stars_and_more(world, committed):
    low = {"A1": 5, "A2": 5, "B1": 10, "C1": 15}  # 35: 2★, not recognised
    scored(world, FULL, low)
    certified, unrecognised = world["dossiers"]
    login = ProducerUserFactory(producer=certified.producer, email="htx-dat@producer.example")

    with committed():
        issued = decide(world)

    certificate = Certificate.objects.get()
    assert issued == [certificate]
    assert (certificate.product, certificate.producer, certificate.stars, certificate.score) == (
        certified.product,
        certified.producer,
        4,
        Decimal("100.00"),
    )
    assert (certificate.score_a, certificate.score_b, certificate.score_c) == (
        Decimal("40.00"),
        Decimal("25.00"),
        Decimal("35.00"),
    )
    assert (
        certificate.decision_number,
        certificate.decision_date,
        certificate.valid_from,
        certificate.valid_to,
    ) == (
        "215/QĐ-UBND",
        DECIDED_ON,
        DECIDED_ON,
        Certificate.validity_end(DECIDED_ON),
    )
    assert (certificate.issuer_level, certificate.issuer_name, certificate.criteria_version) == (
        "province",
        "UBND tỉnh Bắc Ninh",
        "qd1489-2025",
    )
    assert certified.result.certificate == certificate
    assert RoundResult.objects.get(dossier=unrecognised).certificate is None
    world["round"].refresh_from_db()
    assert (world["round"].status, world["round"].decision_number) == (RoundStatus.DECIDED, "215/QĐ-UBND")
    # The badge and the search record follow the certificate's signals.
    assert certified.product.ocop_stars == 4
    assert ProductSearchRecord.objects.get(product=certified.product).stars == 4
    mails = {message.to[0]: message for message in mail.outbox}
    # Mailed in Vietnamese, whatever the language of the page that recorded the decision.
    body = mails[login.email].body
    assert (
        f"Quyết định số 215/QĐ-UBND ngày {date_text(DECIDED_ON)} công nhận sản phẩm đạt OCOP 4 sao." in body
    )
    assert "được đề nghị Hội đồng Trung ương đánh giá 5 sao" in body
    assert sorted(mails) == sorted([login.email])


def test_an_active_certificate_is_superseded(world):
    product = world["dossiers"][0].product
    old = CertificateFactory(product=product, stars=3, score=Decimal("60"))
    scored(world, {"A1": 15, "A2": 15, "B1": 20, "C1": 25}, FULL)  # 75: 4★

    decide(world)

    old.refresh_from_db()
    new = Certificate.objects.get(product=product, status=CertificateStatus.ACTIVE)
    assert old.status == CertificateStatus.SUPERSEDED
    assert (new.supersedes, new.stars, new.score) == (old, 4, Decimal("75.00"))
    assert product.ocop_stars == 4


def test_a_decision_date_of_another_criteria_version_is_refused(world):
    scored(world, FULL, FULL)

    with pytest.raises(ValidationError) as error:
        decide(world, decision_date=datetime.date(2025, 5, 20))

    assert error.value.message_dict == {
        "decision_date": [
            "A decision dated 20/05/2025 follows QĐ 148/QĐ-TTg (2023), but this round scored on "
            "QĐ 148/QĐ-TTg amended by QĐ 1489/QĐ-TTg (2025): check the date."
        ]
    }
    assert not Certificate.objects.exists()
    world["round"].refresh_from_db()
    assert world["round"].status == RoundStatus.CLOSED and world["round"].decision_number == ""


def test_a_future_date_or_no_number_is_refused(world):
    scored(world, FULL, FULL)

    with pytest.raises(ValidationError) as error:
        decide(world, decision_number=" ", decision_date=DECIDED_ON + datetime.timedelta(days=1))

    assert error.value.message_dict == {
        "decision_number": ["Give the decision's number, as on the signed decision."],
        "decision_date": ["The decision's date cannot be in the future."],
    }
    assert not Certificate.objects.exists()


def test_one_bad_certificate_issues_none(world):
    # The second product has no commune of origin: its issuer cannot be named.
    nameless = world["dossiers"][1].product
    nameless.origin_commune = None
    nameless.save()
    old = CertificateFactory(product=world["dossiers"][0].product, stars=3, score=Decimal("60"))
    scored(world, FULL, FULL)

    with pytest.raises(ValidationError) as error:
        decide(world)

    assert error.value.messages == [
        f"No certificate was issued, because these could not be: {nameless}: the product has no commune "
        "of origin, so the decision's signatory cannot be named: fill in the product's origin first"
    ]
    old.refresh_from_db()
    assert old.status == CertificateStatus.ACTIVE
    assert Certificate.objects.count() == 1
    assert not RoundResult.objects.filter(certificate__isnull=False).exists()
    world["round"].refresh_from_db()
    assert world["round"].status == RoundStatus.CLOSED
    assert not mail.outbox


def test_the_decision_comes_once_after_closing(world):
    with pytest.raises(ValidationError):
        decide(world)  # still scoring
    scored(world, FULL, FULL)
    decide(world)

    with pytest.raises(ValidationError) as error:
        decide(world, decision_number="216/QĐ-UBND")

    assert error.value.messages == ["The decision is recorded once the council has closed, and only once."]
    assert Certificate.objects.count() == 2


def test_producers_see_the_result_only_after_the_decision(world):
    scored(world, FULL, FULL)
    dossier = world["dossiers"][0]
    assert decision.result_for_producer(dossier=dossier) is None

    decide(world)

    dossier.refresh_from_db()
    assert decision.result_for_producer(dossier=dossier).score == Decimal("100.00")


def test_a_product_from_nowhere_else_is_not_touched(world):
    bystander = CertificateFactory(product=ProductFactory(), stars=4, score=Decimal("80"))
    scored(world, FULL, FULL)

    decide(world)

    bystander.refresh_from_db()
    assert bystander.status == CertificateStatus.ACTIVE
