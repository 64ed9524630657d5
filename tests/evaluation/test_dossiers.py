"""Dossiers, the services: registering a product for a round, the self-assessment, what is
missing before sending, sending, the office's completeness check and the commune pre-check."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from catalog.models import EvaluationRequest
from catalog.ocop import CriteriaVersion
from core.clock import vietnam_today
from evaluation import dossiers
from evaluation.models import (
    CommuneCheck,
    DocumentKind,
    Dossier,
    DossierDocument,
    DossierKind,
    DossierReview,
    DossierStatus,
    RoundStatus,
    SelfScore,
)
from evaluation.selectors import self_assessment
from tests.catalog.factories import CertificateFactory, EvaluationRequestFactory
from tests.criteria.factories import criteria_by_code, sheet_make
from tests.evaluation.dossier_world import answers_for, dossier_complete, pdf, producer_with_product
from tests.evaluation.factories import EvaluationRoundFactory

pytestmark = pytest.mark.django_db

TODAY = vietnam_today()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def world(db, office):
    sheet = sheet_make()  # the general sheet of QĐ 1489, a sample
    producer, user, product = producer_with_product(
        "HTX Mật ong Yên Thế", email="ong@htx.example", title="Mật ong rừng Yên Thế"
    )
    return {
        "sheet": sheet,
        "round": EvaluationRoundFactory(),
        "producer": producer,
        "user": user,
        "product": product,
        "office": office,
    }


def register(world, **fields):
    arguments = {
        "round": world["round"],
        "product": world["product"],
        "producer": world["producer"],
        "kind": DossierKind.NEW,
        "by": world["user"],
        **fields,
    }
    return dossiers.dossier_register(**arguments)


def test_registering_a_product_makes_a_dossier_on_the_products_sheet(world):
    dossier = register(world)

    assert dossier.status == DossierStatus.DRAFT
    assert dossier.sheet == world["sheet"]
    assert dossier.producer == world["producer"]
    assert dossier.submitted_by == world["user"]
    assert dossier.certificate is None


def test_a_reevaluation_starts_from_the_current_certificate_and_takes_up_the_open_request(world):
    certificate = CertificateFactory(product=world["product"], stars=3)
    request = EvaluationRequestFactory(certificate=certificate)

    dossier = register(world, kind=DossierKind.REEVALUATION)

    assert dossier.certificate == certificate
    assert dossier.evaluation_request == request


def test_an_upgrade_keeps_the_stars_it_aims_at(world):
    CertificateFactory(product=world["product"], stars=3)

    dossier = register(world, kind=DossierKind.UPGRADE, target_stars=4)

    assert dossier.target_stars == 4


@pytest.mark.parametrize(
    ("stars", "kind", "target", "field"),
    [
        (4, DossierKind.NEW, None, "kind"),  # certified: not a new product
        (None, DossierKind.REEVALUATION, None, "kind"),  # nothing to re-evaluate
        (None, DossierKind.UPGRADE, 4, "kind"),
        (4, DossierKind.UPGRADE, None, "target_stars"),
        (4, DossierKind.UPGRADE, 4, "target_stars"),  # not above the current stars
    ],
)
def test_a_kind_that_does_not_fit_the_certificate_is_refused(world, stars, kind, target, field):
    if stars:
        CertificateFactory(product=world["product"], stars=stars)

    with pytest.raises(ValidationError) as refused:
        register(world, kind=kind, target_stars=target)

    assert field in refused.value.message_dict
    assert not Dossier.objects.exists()


def test_the_same_product_twice_in_a_round_is_refused(world, english):
    register(world)

    with pytest.raises(ValidationError) as refused:
        register(world)

    assert refused.value.message_dict["product"] == ["This product is already registered in this round."]
    assert Dossier.objects.count() == 1


def test_a_second_registration_that_slips_past_the_check_is_refused_by_the_constraint(
    world, monkeypatch, english
):
    """Two requests at once: the second one's check ran before the first saved; the unique
    constraint refuses it with the same message, and nothing else is saved."""
    register(world)
    monkeypatch.setattr(dossiers, "_already_registered", lambda **kwargs: False)

    with pytest.raises(ValidationError) as refused:
        register(world)

    assert refused.value.message_dict["product"] == ["This product is already registered in this round."]
    assert Dossier.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"registration_opens": TODAY - 30 * DAY, "registration_closes": TODAY - DAY},
            f"Registration for this round closed on {(TODAY - DAY):%d/%m/%Y}.",
        ),
        (
            {"registration_opens": TODAY + DAY, "registration_closes": TODAY + 30 * DAY},
            f"Registration for this round opens on {(TODAY + DAY):%d/%m/%Y}.",
        ),
        ({"status": RoundStatus.SCORING}, "This round no longer takes registrations."),
    ],
)
def test_a_registration_outside_the_rounds_dates_is_refused(world, fields, message, english):
    world["round"] = EvaluationRoundFactory(**fields)

    with pytest.raises(ValidationError) as refused:
        register(world)

    assert refused.value.messages == [message]
    assert not Dossier.objects.exists()


def test_the_last_day_of_registration_still_counts(world):
    world["round"] = EvaluationRoundFactory(registration_opens=TODAY - 30 * DAY, registration_closes=TODAY)

    assert register(world).pk


def test_another_producers_product_is_refused(world, english):
    _other, _user, theirs = producer_with_product("HTX Vải", email="vai@htx.example", title="Vải thiều")

    with pytest.raises(ValidationError) as refused:
        register(world, product=theirs)

    assert refused.value.message_dict["product"] == ["Choose one of your own products."]
    assert not Dossier.objects.exists()


def test_a_product_no_sheet_scores_is_refused_with_a_clear_message(world, english):
    world["round"] = EvaluationRoundFactory(criteria_version=CriteriaVersion.QD_148_2023)

    with pytest.raises(ValidationError) as refused:
        register(world)

    assert "No criteria sheet" in refused.value.message_dict["product"][0]
    assert not Dossier.objects.exists()


# The self-assessment


def test_the_self_assessment_keeps_the_levels_chosen_and_comes_to_stars(world):
    dossier = register(world)

    dossiers.dossier_self_assess(
        dossier=dossier,
        answers=answers_for(dossier.sheet, {"A1": 10, "A2": 10, "B1": 10, "C1": 35}),
        by=world["user"],
    )

    result = self_assessment(dossier)
    assert result.result.total == Decimal("65.00")
    assert result.result.stars == 3
    assert result.next.stars == 4
    assert result.next.points_missing == Decimal("5.00")
    assert result.notes[criteria_by_code(dossier.sheet)["C1"].pk] == "Minh chứng C1"


def test_what_the_next_star_needs_names_the_mandatory_criterion_below_its_level(world):
    dossier = register(world)
    dossiers.dossier_self_assess(
        dossier=dossier,
        answers=answers_for(dossier.sheet, {"A1": 5, "A2": 20, "B1": 25, "C1": 35}),
        by=world["user"],
    )

    result = self_assessment(dossier)

    assert result.result.total == Decimal("85.00")
    assert (result.result.stars_by_total, result.result.stars) == (4, 3)  # A1 needs 10 for 4★
    assert [(shortfall.criterion.code, shortfall.least) for shortfall in result.next.shortfalls] == [
        ("A1", Decimal(10))
    ]


def test_points_that_are_not_a_level_of_the_criterion_are_refused(world):
    dossier = register(world)

    with pytest.raises(ValidationError):
        dossiers.dossier_self_assess(
            dossier=dossier, answers=answers_for(dossier.sheet, {"A1": 10, "C1": 7}), by=world["user"]
        )

    assert not SelfScore.objects.exists()


def test_a_criterion_of_another_sheet_is_refused(world):
    dossier = register(world)
    other = criteria_by_code(sheet_make())["A1"]

    with pytest.raises(ValidationError):
        dossiers.dossier_self_assess(dossier=dossier, answers={other.pk: (10, "")}, by=world["user"])

    assert not SelfScore.objects.exists()


def test_an_answer_without_points_is_cleared(world):
    dossier = register(world)
    a1 = criteria_by_code(dossier.sheet)["A1"]
    dossiers.dossier_self_assess(dossier=dossier, answers={a1.pk: (10, "")}, by=world["user"])

    dossiers.dossier_self_assess(dossier=dossier, answers={a1.pk: (None, "")}, by=world["user"])

    assert not SelfScore.objects.exists()


# Missing items and sending


def test_a_new_dossier_lists_everything_missing(world, english):
    dossier = register(world)

    assert dossiers.dossier_missing_items(dossier) == [
        "the product description",
        "the standards applied",
        "a contact phone",
        "at least one file: test report",
        "at least one file: product label",
        "the self-assessment of criteria A1, A2, B1, C1",
    ]


def test_a_dossier_with_missing_items_cannot_be_sent(world, english):
    dossier = register(world)
    dossiers.dossier_update(
        dossier=dossier, by=world["user"], description="Mật ong", standards="", contact_phone="0912345678"
    )
    mail.outbox.clear()

    with pytest.raises(ValidationError) as refused:
        dossiers.dossier_submit(dossier=dossier, by=world["user"])

    assert refused.value.messages[0].startswith(
        "The dossier still lacks: the standards applied; at least one"
    )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT
    assert dossier.sent_at is None
    assert mail.outbox == []


def test_the_refusal_reads_in_vietnamese(world):
    dossier = register(world)

    with pytest.raises(ValidationError) as refused:
        dossiers.dossier_submit(dossier=dossier, by=world["user"])

    assert refused.value.messages[0].startswith("Hồ sơ còn thiếu:")


def test_a_complete_dossier_is_sent_and_the_office_is_told(world, django_capture_on_commit_callbacks):
    dossier = dossier_complete(register(world), by=world["user"])

    with django_capture_on_commit_callbacks(execute=True):
        dossiers.dossier_submit(dossier=dossier, by=world["user"])

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED
    assert dossier.sent_at is not None
    [sent] = mail.outbox
    assert sent.to == [world["office"].email]
    assert "Mật ong rừng Yên Thế" in sent.subject
    assert f"/shop/dashboard/evaluation/office/dossiers/{dossier.pk}/" in sent.body


def test_a_first_sending_after_the_deadline_is_refused(world, english):
    dossier = dossier_complete(register(world), by=world["user"])
    world["round"].registration_closes = TODAY - DAY
    world["round"].registration_opens = TODAY - 30 * DAY
    world["round"].save()

    with pytest.raises(ValidationError) as refused:
        dossiers.dossier_submit(dossier=dossier, by=world["user"])

    assert refused.value.messages == [f"Registration for this round closed on {(TODAY - DAY):%d/%m/%Y}."]
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT


def test_a_sent_dossier_is_read_only(world):
    dossier = dossier_complete(register(world), by=world["user"])
    dossiers.dossier_submit(dossier=dossier, by=world["user"])
    document = dossier.documents.first()

    for change in (
        lambda: dossiers.dossier_update(
            dossier=dossier, by=world["user"], description="Khác", standards="Khác", contact_phone="1"
        ),
        lambda: dossiers.dossier_document_add(
            dossier=dossier, kind=DocumentKind.OTHER, file=pdf(), by=world["user"]
        ),
        lambda: dossiers.dossier_document_delete(document=document, by=world["user"]),
        lambda: dossiers.dossier_self_assess(
            dossier=dossier, answers=answers_for(dossier.sheet, {"A1": 0}), by=world["user"]
        ),
    ):
        with pytest.raises(ValidationError):
            change()

    dossier.refresh_from_db()
    assert dossier.description == "Mật ong rừng khai thác tự nhiên."
    assert dossier.documents.count() == 2
    assert self_assessment(dossier).result.total == Decimal("65.00")


def test_a_document_is_removed_with_its_file(world, django_capture_on_commit_callbacks):
    dossier = register(world)
    document = dossiers.dossier_document_add(
        dossier=dossier, kind=DocumentKind.LABEL, file=pdf(), by=world["user"]
    )
    storage, name = document.file.storage, document.file.name
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        dossiers.dossier_document_delete(document=document, by=world["user"])

    assert not DossierDocument.objects.exists()
    assert not storage.exists(name)


# The office's completeness check


@pytest.fixture
def sent(world):
    dossier = dossier_complete(register(world), by=world["user"])
    return dossiers.dossier_submit(dossier=dossier, by=world["user"])


def commune_check(dossier, by):
    return dossiers.commune_check_record(
        dossier=dossier,
        by=by,
        commune_name="UBND xã Tân Sỏi",
        checked_on=TODAY,
        raw_materials_local=True,
        labour_local=True,
        idea_local=False,
        note="Ý tưởng từ HTX tỉnh bạn",
    )


def test_sending_back_needs_a_reason(world, sent):
    with pytest.raises(ValidationError) as refused:
        dossiers.dossier_return(dossier=sent, reason="  ", by=world["office"])

    assert "reason" in refused.value.message_dict
    sent.refresh_from_db()
    assert sent.status == DossierStatus.SUBMITTED
    assert not DossierReview.objects.exists()


def test_sent_back_the_producer_reads_why_fixes_and_sends_again(
    world, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dossiers.dossier_return(dossier=sent, reason="Phiếu kiểm nghiệm đã quá 12 tháng.", by=world["office"])

    sent.refresh_from_db()
    assert (sent.status, sent.reason, sent.reviewed_by) == (
        DossierStatus.RETURNED,
        "Phiếu kiểm nghiệm đã quá 12 tháng.",
        world["office"],
    )
    [told] = mail.outbox
    assert told.to == [world["user"].email]
    assert "Phiếu kiểm nghiệm đã quá 12 tháng." in told.body

    dossiers.dossier_document_add(dossier=sent, kind=DocumentKind.TEST_REPORT, file=pdf(), by=world["user"])
    dossiers.dossier_submit(dossier=sent, by=world["user"])
    sent.refresh_from_db()
    assert sent.status == DossierStatus.SUBMITTED
    assert list(sent.reviews.values_list("outcome", flat=True)) == [DossierReview.Outcome.RETURNED]


def test_a_dossier_sent_back_may_be_sent_again_after_the_deadline(world, sent):
    dossiers.dossier_return(dossier=sent, reason="Thiếu nhãn mới", by=world["office"])
    world["round"].registration_opens, world["round"].registration_closes = TODAY - 30 * DAY, TODAY - DAY
    world["round"].save()

    dossiers.dossier_submit(dossier=sent, by=world["user"])

    sent.refresh_from_db()
    assert sent.status == DossierStatus.SUBMITTED


def test_a_round_under_qd_1489_needs_the_commune_pre_check_before_the_council(world, sent, english):
    with pytest.raises(ValidationError) as refused:
        dossiers.dossier_accept(dossier=sent, by=world["office"])

    assert refused.value.messages == ["The dossier still lacks: the commune's pre-check."]
    sent.refresh_from_db()
    assert sent.status == DossierStatus.SUBMITTED


def test_a_complete_dossier_goes_to_the_council_and_the_producer_is_told(
    world, sent, django_capture_on_commit_callbacks
):
    check = commune_check(sent, world["office"])

    with django_capture_on_commit_callbacks(execute=True):
        dossiers.dossier_accept(dossier=sent, by=world["office"])

    sent.refresh_from_db()
    assert sent.status == DossierStatus.ACCEPTED
    assert (check.idea_local, check.commune_name) == (False, "UBND xã Tân Sỏi")
    [review] = sent.reviews.all()
    assert (review.outcome, review.reviewed_by) == (DossierReview.Outcome.ACCEPTED, world["office"])
    [told] = mail.outbox
    assert told.to == [world["user"].email]


def test_a_round_under_qd_148_needs_no_commune_pre_check(world):
    world["round"] = EvaluationRoundFactory(criteria_version=CriteriaVersion.QD_148_2023)
    sheet_make(criteria_version=CriteriaVersion.QD_148_2023)
    dossier = dossier_complete(register(world), by=world["user"])
    dossiers.dossier_submit(dossier=dossier, by=world["user"])

    dossiers.dossier_accept(dossier=dossier, by=world["office"])

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.ACCEPTED


def test_only_a_sent_dossier_is_checked(world):
    dossier = register(world)

    for decide in (
        lambda: dossiers.dossier_accept(dossier=dossier, by=world["office"]),
        lambda: dossiers.dossier_return(dossier=dossier, reason="Thiếu", by=world["office"]),
    ):
        with pytest.raises(ValidationError):
            decide()

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT
    assert not DossierReview.objects.exists()


def test_the_commune_pre_check_is_corrected_not_doubled(world, sent):
    commune_check(sent, world["office"])

    dossiers.commune_check_record(
        dossier=sent,
        by=world["office"],
        commune_name="UBND xã Tân Sỏi",
        checked_on=TODAY,
        raw_materials_local=True,
        labour_local=True,
        idea_local=True,
    )

    assert CommuneCheck.objects.get().idea_local is True


def test_withdrawing_before_the_council_and_not_after(world, sent):
    dossiers.dossier_withdraw(dossier=sent, by=world["user"])
    sent.refresh_from_db()
    assert sent.status == DossierStatus.WITHDRAWN

    with pytest.raises(ValidationError):
        dossiers.dossier_withdraw(dossier=sent, by=world["user"])


def test_an_accepted_dossier_cannot_be_withdrawn(world, sent):
    commune_check(sent, world["office"])
    dossiers.dossier_accept(dossier=sent, by=world["office"])

    with pytest.raises(ValidationError):
        dossiers.dossier_withdraw(dossier=sent, by=world["user"])

    sent.refresh_from_db()
    assert sent.status == DossierStatus.ACCEPTED


# From a re-evaluation request


def test_the_office_opens_a_dossier_from_a_request(world, django_capture_on_commit_callbacks):
    certificate = CertificateFactory(product=world["product"], stars=3)
    request = EvaluationRequestFactory(
        certificate=certificate, kind=EvaluationRequest.Kind.UPGRADE, target_stars=4
    )

    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossiers.dossier_from_request(round=world["round"], request=request, by=world["office"])

    assert (dossier.kind, dossier.target_stars, dossier.certificate) == (DossierKind.UPGRADE, 4, certificate)
    assert dossier.evaluation_request == request
    assert dossier.status == DossierStatus.DRAFT
    request.refresh_from_db()
    assert request.status == EvaluationRequest.Status.ACCEPTED
    [told] = mail.outbox
    assert told.to == [world["user"].email]
    assert f"/shop/dashboard/evaluation/dossiers/{dossier.pk}/" in told.body


def test_a_declined_request_or_one_with_a_dossier_opens_none(world):
    certificate = CertificateFactory(product=world["product"], stars=3)
    declined = EvaluationRequestFactory(
        certificate=certificate, status=EvaluationRequest.Status.DECLINED, reason="Chưa đủ 12 tháng"
    )
    with pytest.raises(ValidationError):
        dossiers.dossier_from_request(round=world["round"], request=declined, by=world["office"])

    request = EvaluationRequestFactory(certificate=certificate)
    dossiers.dossier_from_request(round=world["round"], request=request, by=world["office"])
    with pytest.raises(ValidationError):
        dossiers.dossier_from_request(round=EvaluationRoundFactory(), request=request, by=world["office"])

    assert Dossier.objects.count() == 1
