"""Evaluation rounds, the office's side: opening and changing a round, its page with the
dossiers by status and the requests waiting for a round."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from catalog.ocop import CriteriaVersion, criteria_version_on
from core.clock import vietnam_today
from evaluation import rounds
from evaluation.models import DossierStatus, EvaluationRound, RoundStatus
from tests.catalog.factories import CertificateFactory, EvaluationRequestFactory
from tests.criteria.factories import sheet_make
from tests.evaluation.factories import DossierFactory, EvaluationRoundFactory

pytestmark = pytest.mark.django_db

TODAY = vietnam_today()
DAY = datetime.timedelta(days=1)


def round_fields(**changes):
    return {
        "title": "Đánh giá, phân hạng sản phẩm OCOP năm 2026, đợt 2",
        "programme_year": TODAY.year,
        "registration_opens": TODAY,
        "registration_closes": TODAY + 30 * DAY,
        "council_meets": TODAY + 45 * DAY,
        "notes": "Nộp hồ sơ tại Văn phòng Điều phối OCOP tỉnh.",
        **changes,
    }


def test_a_round_opens_on_the_criteria_in_force_today(office):
    round = rounds.round_open(by=office, **round_fields())

    assert round.status == RoundStatus.OPEN
    assert round.criteria_version == criteria_version_on(TODAY) == CriteriaVersion.QD_1489_2025
    assert round.created_by == office


def test_a_deadline_before_the_opening_is_refused(office):
    with pytest.raises(ValidationError) as refused:
        rounds.round_open(by=office, **round_fields(registration_closes=TODAY - DAY))

    assert "registration_closes" in refused.value.message_dict
    assert not EvaluationRound.objects.exists()


def test_a_council_before_the_deadline_is_refused(office):
    with pytest.raises(ValidationError) as refused:
        rounds.round_open(by=office, **round_fields(council_meets=TODAY + DAY))

    assert "council_meets" in refused.value.message_dict
    assert not EvaluationRound.objects.exists()


def test_a_round_is_changed_while_open_only(office):
    round = EvaluationRoundFactory()

    rounds.round_update(round=round, by=office, registration_closes=TODAY + 40 * DAY)
    round.refresh_from_db()
    assert round.registration_closes == TODAY + 40 * DAY

    EvaluationRound.objects.filter(pk=round.pk).update(status=RoundStatus.SCORING)
    with pytest.raises(ValidationError):
        rounds.round_update(round=round, by=office, title="Đổi tên")
    round.refresh_from_db()
    assert round.title != "Đổi tên"


def test_the_criteria_stay_once_products_are_registered(office):
    dossier = DossierFactory()

    with pytest.raises(ValidationError) as refused:
        rounds.round_update(round=dossier.round, by=office, criteria_version=CriteriaVersion.QD_148_2023)

    assert "criteria_version" in refused.value.message_dict
    dossier.round.refresh_from_db()
    assert dossier.round.criteria_version == CriteriaVersion.QD_1489_2025


# Pages


def test_the_office_opens_a_round_from_its_page(client, office):
    client.force_login(office)
    form = client.get(reverse("evaluation-dashboard:round-create"))
    assert form.status_code == 200
    assert form.context["form"].initial["criteria_version"] == CriteriaVersion.QD_1489_2025

    response = client.post(
        reverse("evaluation-dashboard:round-create"),
        {
            **round_fields(),
            "criteria_version": CriteriaVersion.QD_1489_2025,
            "issuer_level": "province",
            "registration_opens": TODAY.isoformat(),
            "registration_closes": (TODAY + 30 * DAY).isoformat(),
            "council_meets": (TODAY + 45 * DAY).isoformat(),
        },
    )

    round = EvaluationRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation-dashboard:round-detail", kwargs={"pk": round.pk})


def test_a_refused_round_keeps_what_was_typed(client, office):
    client.force_login(office)

    response = client.post(
        reverse("evaluation-dashboard:round-create"),
        {
            **round_fields(),
            "criteria_version": CriteriaVersion.QD_1489_2025,
            "issuer_level": "province",
            "registration_opens": TODAY.isoformat(),
            "registration_closes": (TODAY - DAY).isoformat(),
            "council_meets": "",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["registration_closes"]
    assert "Nộp hồ sơ tại Văn phòng Điều phối OCOP tỉnh." in response.content.decode()
    assert not EvaluationRound.objects.exists()


def test_the_round_page_lists_dossiers_by_status_and_the_requests_waiting(client, office):
    round = EvaluationRoundFactory()
    sheet = sheet_make()
    DossierFactory(round=round, sheet=sheet, product__title="Mật ong nộp rồi", status=DossierStatus.SUBMITTED)
    DossierFactory(round=round, sheet=sheet, product__title="Chè đang soạn")
    waiting = EvaluationRequestFactory(certificate=CertificateFactory(product__title="Gà đồi chờ đợt"))
    client.force_login(office)

    response = client.get(reverse("evaluation-dashboard:round-detail", kwargs={"pk": round.pk}))

    assert response.status_code == 200
    grouped = {
        status: [d.product.title for d in dossiers]
        for status, _l, dossiers in response.context["dossiers_by_status"]
    }
    assert grouped[DossierStatus.SUBMITTED] == ["Mật ong nộp rồi"]
    assert grouped[DossierStatus.DRAFT] == ["Chè đang soạn"]
    assert list(response.context["requests"]) == [waiting]
    page = response.content.decode()
    assert "Gà đồi chờ đợt" in page
    assert (
        reverse(
            "evaluation-dashboard:round-dossier-from-request",
            kwargs={"pk": round.pk, "request_pk": waiting.pk},
        )
        in page
    )


def test_the_office_turns_a_request_into_a_dossier_from_the_round_page(client, office):
    round = EvaluationRoundFactory()
    sheet_make()
    request = EvaluationRequestFactory()
    client.force_login(office)

    response = client.post(
        reverse(
            "evaluation-dashboard:round-dossier-from-request",
            kwargs={"pk": round.pk, "request_pk": request.pk},
        )
    )

    assert response.status_code == 302
    assert round.dossiers.get().evaluation_request == request


def test_the_round_list_counts_dossiers(client, office):
    round = EvaluationRoundFactory(title="Đợt đếm hồ sơ")
    DossierFactory(round=round, status=DossierStatus.SUBMITTED)
    client.force_login(office)

    response = client.get(reverse("evaluation-dashboard:round-list"))

    [listed] = response.context["rounds"]
    assert (listed.title, listed.count_submitted, listed.count_draft) == ("Đợt đếm hồ sơ", 1, 0)
