"""OCOP certificates: the rules of a recognition decision, overlap, supersession, revocation
and the state a certificate is in on a given day."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from catalog import certificates
from catalog.models import Certificate, CertificateState, CertificateStatus
from tests.partner.factories import ProducerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("alone", "english")]


def decision(**changes):
    """A valid 2026 provincial 4★ decision under QĐ 148 as amended by QĐ 1489."""
    fields = {
        "stars": 4,
        "score": Decimal("75"),
        "criteria_version": "qd1489-2025",
        "decision_number": "15/QĐ-UBND",
        "decision_date": datetime.date(2026, 1, 10),
        "issuer_level": "province",
        "issuer_name": "UBND tỉnh Bắc Ninh",
        "programme_year": 2026,
        "valid_from": datetime.date(2026, 1, 15),
    }
    return fields | changes


def refused(product, **changes):
    with pytest.raises(ValidationError) as error:
        certificates.certificate_create(product=product, **decision(**changes))
    assert not Certificate.objects.filter(product=product).exists()
    return error.value.message_dict


def test_a_valid_decision_gets_36_months_and_the_products_producer(products):
    lychee, _ = products

    certificate = certificates.certificate_create(product=lychee, **decision())

    assert certificate.valid_to == datetime.date(2029, 1, 15)
    assert certificate.producer == lychee.stockrecords.get().partner
    assert certificate.status == CertificateStatus.ACTIVE


def test_29_february_runs_to_28_february():
    assert Certificate.validity_end(datetime.date(2028, 2, 29)) == datetime.date(2031, 2, 28)


@pytest.mark.parametrize("stars", [1, 2])
def test_1_and_2_stars_are_not_certified(products, stars):
    errors = refused(products[0], stars=stars, score=Decimal("40"))

    assert errors["stars"] == ["1-2★ products are not OCOP-certified: a certificate is for 3, 4 or 5 stars."]


@pytest.mark.parametrize(
    ("stars", "score", "message"),
    [
        (5, "88", "A 5★ certificate needs a total score of 90–100; 88 is a 4★ score."),
        (4, "69.5", "A 4★ certificate needs a total score of 70–89; 69.5 is a 3★ score."),
        (3, "45", "A score of 45 is below 50: 1-2★ products are not OCOP-certified."),
    ],
)
def test_stars_must_match_the_score_band(products, stars, score, message):
    level = "central" if stars == 5 else "province"
    errors = refused(products[0], stars=stars, score=Decimal(score), issuer_level=level)

    assert errors["score"] == [message]


@pytest.mark.parametrize(
    ("stars", "score"), [(3, "50"), (3, "69.99"), (4, "70"), (4, "89.99"), (5, "90"), (5, "100")]
)
def test_band_edges_are_accepted(products, stars, score):
    level = "central" if stars == 5 else "province"
    certificate = certificates.certificate_create(
        product=products[0], **decision(stars=stars, score=Decimal(score), issuer_level=level)
    )

    assert certificate.stars == stars


@pytest.mark.parametrize(("stars", "score"), [(4, "92"), (3, "75"), (3, "90")])
def test_a_score_above_the_stars_band_is_accepted(products, stars, score):
    """Held below its band by a mandatory criterion (QĐ 148), or a 90+ product the province
    recognises 4★ and proposes for the central 5★ evaluation (QĐ 1489)."""
    certificate = certificates.certificate_create(
        product=products[0], **decision(stars=stars, score=Decimal(score))
    )

    assert (certificate.stars, certificate.score) == (stars, Decimal(score))


def test_part_scores_follow_the_maxima_of_their_version(products):
    errors = refused(
        products[0],
        criteria_version="qd1048-2019",
        decision_date=datetime.date(2022, 11, 3),
        valid_from=datetime.date(2022, 11, 3),
        programme_year=2022,
        score_a=Decimal("40"),
        score_b=Decimal("20"),
        score_c=Decimal("15"),
    )

    assert errors == {"score_a": ["Part A counts at most 35 points under QĐ 1048/QĐ-TTg (2019)."]}


def test_part_scores_must_add_up_to_the_total(products):
    errors = refused(products[0], score_a=Decimal("38"), score_b=Decimal("20"), score_c=Decimal("15"))

    assert errors == {"score": ["Parts A, B and C add up to 73, not to the total score 75."]}


def test_part_scores_come_all_three_or_none(products):
    errors = refused(products[0], score_a=Decimal("38"))

    assert errors == {
        "score_b": ["Give all three part scores, or none."],
        "score_c": ["Give all three part scores, or none."],
    }


def test_parts_within_maxima_adding_up_are_kept(products):
    certificate = certificates.certificate_create(
        product=products[0], **decision(score_a=Decimal("40"), score_b=Decimal("20"), score_c=Decimal("15"))
    )

    assert (certificate.score_a, certificate.score_b, certificate.score_c) == (40, 20, 15)


def test_the_criteria_version_must_be_the_one_in_force_on_the_decision_date(products):
    errors = refused(products[0], criteria_version="qd148-2023")

    assert errors == {
        "criteria_version": [
            "A decision dated 10/01/2026 follows QĐ 148/QĐ-TTg amended by QĐ 1489/QĐ-TTg (2025), "
            "not QĐ 148/QĐ-TTg (2023)."
        ]
    }


@pytest.mark.parametrize(
    ("decision_date", "version", "stars", "score", "level", "expected"),
    [
        # Before QĐ 148: the province recognised 3★ and 4★.
        ("2022-11-03", "qd1048-2019", 3, "60", "district", "province"),
        # Under QĐ 148 (24/02/2023 - 30/06/2025): the district 3★, the province 4★.
        ("2023-02-24", "qd148-2023", 3, "60", "province", "district"),
        ("2024-05-10", "qd148-2023", 4, "75", "district", "province"),
        # Districts abolished on 01/07/2025: the province recognises 3★ again.
        ("2025-07-02", "qd148-2023", 3, "60", "district", "province"),
        ("2026-01-10", "qd1489-2025", 3, "60", "district", "province"),
        # 5★ always central.
        ("2026-01-10", "qd1489-2025", 5, "95", "province", "central"),
    ],
)
def test_the_issuer_level_must_fit_the_date_and_stars(
    products, decision_date, version, stars, score, level, expected
):
    day = datetime.date.fromisoformat(decision_date)
    errors = refused(
        products[0],
        decision_date=day,
        valid_from=day,
        programme_year=day.year,
        criteria_version=version,
        stars=stars,
        score=Decimal(score),
        issuer_level=level,
    )

    assert errors == {
        "issuer_level": [
            f"On {day:%d/%m/%Y} {stars}★ products were recognised at {expected} level, not {level} level."
        ]
    }


def test_a_district_3_star_decision_under_qd_148_is_accepted(products):
    certificate = certificates.certificate_create(
        product=products[0],
        **decision(
            stars=3,
            score=Decimal("62"),
            criteria_version="qd148-2023",
            decision_date=datetime.date(2024, 5, 10),
            valid_from=datetime.date(2024, 5, 10),
            programme_year=2024,
            issuer_level="district",
            issuer_name="UBND huyện Lục Ngạn",
        ),
    )

    assert certificate.valid_to == datetime.date(2027, 5, 10)


def test_dates_out_of_order_are_refused(products):
    errors = refused(products[0], valid_from=datetime.date(2026, 1, 5), valid_to=datetime.date(2029, 1, 5))

    assert errors == {"valid_from": ["A certificate cannot be valid before its decision date (10/01/2026)."]}


def test_valid_to_must_be_36_months_after_valid_from(products):
    errors = refused(products[0], valid_to=datetime.date(2028, 1, 15))

    assert errors == {
        "valid_to": ["A certificate is valid 36 months: from 15/01/2026 it ends on 15/01/2029."]
    }


def test_the_programme_year_must_fit_the_decision(products):
    errors = refused(products[0], programme_year=2023)

    assert errors == {
        "programme_year": ["The programme year must be the decision's year (2026) or the year before."]
    }


def test_a_decision_early_in_the_year_may_close_last_years_round(products):
    certificate = certificates.certificate_create(product=products[0], **decision(programme_year=2025))

    assert certificate.programme_year == 2025


def test_the_producer_must_offer_the_product(products):
    errors = refused(products[0], producer=ProducerFactory(name="HTX Khác"))

    assert errors == {
        "producer": ["This producer does not offer the product: a certificate is for its own product."]
    }


def test_overlapping_active_certificates_are_refused(products):
    lychee, _ = products
    first = certificates.certificate_create(product=lychee, **decision())

    with pytest.raises(ValidationError) as error:
        certificates.certificate_create(
            product=lychee,
            **decision(
                decision_number="77/QĐ-UBND",
                decision_date=datetime.date(2026, 6, 1),
                valid_from=datetime.date(2026, 6, 1),
            ),
        )

    assert error.value.message_dict == {
        "__all__": [
            "The product already has an active certificate for these dates (15/QĐ-UBND, valid until "
            "15/01/2029): supersede or revoke it first."
        ]
    }
    assert list(Certificate.objects.filter(product=lychee)) == [first]
    first.refresh_from_db()
    assert first.status == CertificateStatus.ACTIVE


def test_supersede_replaces_the_active_certificate(products, office):
    lychee, _ = products
    old = certificates.certificate_create(product=lychee, **decision())

    new = certificates.certificate_supersede(
        certificate=old,
        by=office,
        **decision(
            stars=5,
            score=Decimal("91"),
            issuer_level="central",
            issuer_name="Bộ NN&MT",
            decision_number="200/QĐ-BNNMT",
            decision_date=datetime.date(2027, 3, 1),
            valid_from=datetime.date(2027, 3, 1),
            programme_year=2027,
        ),
    )

    old.refresh_from_db()
    assert (old.status, old.status_changed_by, old.status_reason) == (
        CertificateStatus.SUPERSEDED,
        office,
        "Superseded by decision 200/QĐ-BNNMT.",
    )
    assert new.supersedes == old and new.status == CertificateStatus.ACTIVE
    assert lychee.ocop_certificate(on=datetime.date(2027, 4, 1)) == new


def test_a_refused_supersession_leaves_the_old_certificate_in_force(products):
    lychee, _ = products
    old = certificates.certificate_create(product=lychee, **decision())

    with pytest.raises(ValidationError) as error:
        certificates.certificate_supersede(certificate=old, **decision(stars=5, score=Decimal("80")))

    assert "score" in error.value.message_dict
    old.refresh_from_db()
    assert old.status == CertificateStatus.ACTIVE
    assert Certificate.objects.filter(product=lychee).count() == 1


def test_only_a_certificate_of_the_same_product_can_be_superseded(products):
    lychee, honey = products
    old = certificates.certificate_create(product=lychee, **decision())

    with pytest.raises(ValidationError) as error:
        certificates.certificate_create(product=honey, supersedes=old, **decision(decision_number="2/QĐ"))

    assert error.value.messages == ["A certificate can only supersede one of the same product."]
    old.refresh_from_db()
    assert old.status == CertificateStatus.ACTIVE


def test_revoke_needs_a_reason_and_tells_the_producer(products, producer_user, mailoutbox, committed):
    lychee, _ = products
    certificate = certificates.certificate_create(product=lychee, **decision())
    producer_user(certificate.producer, "htx@vai.example")

    with pytest.raises(ValidationError) as error:
        certificates.certificate_revoke(certificate=certificate, by=None, reason="  ")
    assert error.value.message_dict == {"reason": ["Say why the certificate is revoked."]}
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.ACTIVE

    with committed():
        certificates.certificate_revoke(
            certificate=certificate, by=None, reason="Không đạt tiêu chí bắt buộc"
        )

    certificate.refresh_from_db()
    assert (certificate.status, certificate.status_reason) == (
        CertificateStatus.REVOKED,
        "Không đạt tiêu chí bắt buộc",
    )
    assert lychee.ocop_certificate(on=datetime.date(2026, 6, 1)) is None
    [mail] = mailoutbox
    assert mail.to == ["htx@vai.example"] and "Không đạt tiêu chí bắt buộc" in mail.body


def test_a_revoked_certificate_cannot_be_revoked_again(products):
    certificate = certificates.certificate_create(product=products[0], **decision())
    certificates.certificate_revoke(certificate=certificate, by=None, reason="Sai phạm")

    with pytest.raises(ValidationError) as error:
        certificates.certificate_revoke(certificate=certificate, by=None, reason="Lần nữa")

    assert error.value.messages == [
        "Certificate 15/QĐ-UBND is revoked: only an active certificate can be revoked."
    ]


def test_update_checks_the_rules_again(products):
    certificate = certificates.certificate_create(product=products[0], **decision())

    with pytest.raises(ValidationError):
        certificates.certificate_update(certificate=certificate, score=Decimal("65"))  # below 4★

    certificate.refresh_from_db()
    assert certificate.score == Decimal("75")
    fixed = certificates.certificate_update(certificate=certificate, decision_number="15b/QĐ-UBND")
    assert fixed.decision_number == "15b/QĐ-UBND"


@pytest.mark.parametrize(
    ("on", "state"),
    [
        ("2026-01-14", CertificateState.NOT_YET),
        ("2026-01-15", CertificateState.ACTIVE),
        ("2028-10-16", CertificateState.ACTIVE),  # 91 days left
        ("2028-10-17", CertificateState.EXPIRING),  # 90 days left
        ("2029-01-15", CertificateState.EXPIRING),  # the last day
        ("2029-01-16", CertificateState.EXPIRED),
    ],
)
def test_the_state_follows_the_date(products, on, state):
    certificate = certificates.certificate_create(product=products[0], **decision())
    day = datetime.date.fromisoformat(on)

    assert certificate.state(on=day) == state
    listed = certificates.certificates_in_state(Certificate.objects.all(), state=state, on=day)
    assert list(listed) == [certificate]


def test_staff_decisions_win_over_the_dates(products):
    certificate = certificates.certificate_create(product=products[0], **decision())
    certificates.certificate_revoke(certificate=certificate, by=None, reason="Sai phạm")
    certificate.refresh_from_db()

    assert certificate.state(on=datetime.date(2026, 6, 1)) == CertificateState.REVOKED
    assert certificate.state_label(on=datetime.date(2026, 6, 1)) == "Revoked"
    assert certificate.state(on=datetime.date(2030, 1, 1)) == CertificateState.REVOKED
