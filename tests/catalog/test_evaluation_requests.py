"""Re-evaluation and upgrade ("nâng hạng") requests: a producer asks, staff accept or
decline with a reason, both sides are mailed, and the queue shows the candidates."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from catalog import certificates
from catalog.models import EvaluationRequest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("alone", "english")]


def certificate_for(product, *, days_left: int, stars=4):
    """A certificate ending `days_left` days from today, written as decided then."""
    today = timezone.localdate()
    valid_to = today + datetime.timedelta(days=days_left)
    valid_from = valid_to.replace(year=valid_to.year - 3)
    return certificates.certificate_create(
        product=product,
        stars=stars,
        score={3: Decimal("60"), 4: Decimal("80"), 5: Decimal("95")}[stars],
        criteria_version=certificates.criteria_version_on(valid_from),
        decision_number=f"{product.pk}/QĐ-UBND",
        decision_date=valid_from,
        issuer_level=certificates.issuer_level_for(stars=stars, decision_date=valid_from),
        issuer_name="UBND tỉnh Bắc Giang",
        programme_year=valid_from.year,
        valid_from=valid_from,
    )


@pytest.fixture
def people(products, producer_user, office):
    lychee, _ = products
    return {"producer": producer_user(lychee.stockrecords.get().partner, "htx@vai.example"), "office": office}


def test_a_producer_asks_for_an_upgrade_and_the_office_is_mailed(products, people, mailoutbox, committed):
    certificate = certificate_for(products[0], days_left=400)

    with committed():
        request = certificates.evaluation_request_create(
            certificate=certificate,
            by=people["producer"],
            kind="upgrade",
            target_stars=5,
            message="Đã có HACCP",
        )

    assert (request.status, request.kind, request.target_stars, request.product) == (
        EvaluationRequest.Status.PENDING,
        "upgrade",
        5,
        products[0],
    )
    [mail] = mailoutbox
    assert mail.to == ["office@ocop.example"] and "Đã có HACCP" in mail.body


def test_an_upgrade_must_ask_for_more_stars(products, people):
    certificate = certificate_for(products[0], days_left=400)

    with pytest.raises(ValidationError) as error:
        certificates.evaluation_request_create(
            certificate=certificate, by=people["producer"], kind="upgrade", target_stars=4
        )

    assert error.value.message_dict == {"target_stars": ["An upgrade asks for more than the current 4★."]}
    assert not EvaluationRequest.objects.exists()


def test_one_pending_request_per_product(products, people):
    certificate = certificate_for(products[0], days_left=400)
    certificates.evaluation_request_create(
        certificate=certificate, by=people["producer"], kind="reevaluation"
    )

    with pytest.raises(ValidationError) as error:
        certificates.evaluation_request_create(
            certificate=certificate, by=people["producer"], kind="reevaluation"
        )

    assert error.value.messages == ["A request for this product is already waiting for the OCOP office."]
    assert EvaluationRequest.objects.count() == 1


def test_a_superseded_certificate_sends_the_producer_to_its_successor(client, products, people):
    certificate = certificate_for(products[0], days_left=400)
    certificate.status = "superseded"
    certificate.save()

    with pytest.raises(ValidationError) as error:
        certificates.evaluation_request_create(
            certificate=certificate, by=people["producer"], kind="reevaluation"
        )

    assert error.value.messages == [
        "This certificate was replaced: ask from the certificate that replaced it."
    ]
    client.force_login(people["producer"])
    client.post(
        reverse("catalog-dashboard:evaluation-request", kwargs={"pk": certificate.pk}),
        {"kind": "reevaluation"},
    )
    assert not EvaluationRequest.objects.exists()


def test_a_re_evaluation_carries_no_target(products, people):
    certificate = certificate_for(products[0], days_left=400)

    request = certificates.evaluation_request_create(
        certificate=certificate, by=people["producer"], kind="reevaluation", target_stars=5
    )

    assert request.target_stars is None


def test_declining_needs_a_reason_and_tells_the_producer(products, people, mailoutbox, committed):
    certificate = certificate_for(products[0], days_left=400)
    request = certificates.evaluation_request_create(
        certificate=certificate, by=people["producer"], kind="reevaluation"
    )
    mailoutbox.clear()

    with pytest.raises(ValidationError) as error:
        certificates.evaluation_request_decide(request=request, by=people["office"], accept=False, reason="")
    assert error.value.message_dict == {"reason": ["Say why the request is declined."]}
    request.refresh_from_db()
    assert request.status == EvaluationRequest.Status.PENDING

    with committed():
        certificates.evaluation_request_decide(
            request=request, by=people["office"], accept=False, reason="Chưa đủ 12 tháng sản xuất"
        )

    request.refresh_from_db()
    assert (request.status, request.reviewed_by, request.reason) == (
        EvaluationRequest.Status.DECLINED,
        people["office"],
        "Chưa đủ 12 tháng sản xuất",
    )
    [mail] = mailoutbox
    assert mail.to == ["htx@vai.example"] and "Chưa đủ 12 tháng sản xuất" in mail.body


def test_a_decided_request_cannot_be_decided_again(products, people):
    certificate = certificate_for(products[0], days_left=400)
    request = certificates.evaluation_request_create(
        certificate=certificate, by=people["producer"], kind="reevaluation"
    )
    certificates.evaluation_request_decide(request=request, by=people["office"], accept=True)

    with pytest.raises(ValidationError) as error:
        certificates.evaluation_request_decide(
            request=request, by=people["office"], accept=False, reason="Đổi ý"
        )

    assert error.value.messages == ["This request was already decided."]
    request.refresh_from_db()
    assert request.status == EvaluationRequest.Status.ACCEPTED


def test_the_queue_holds_requests_and_certificates_ending_without_one(products, people):
    lychee, honey = products
    asked = certificate_for(lychee, days_left=40)
    ending = certificate_for(honey, days_left=60)
    request = certificates.evaluation_request_create(
        certificate=asked, by=people["producer"], kind="reevaluation"
    )

    queue = certificates.evaluation_queue(on=timezone.localdate())

    assert queue == {"requests": [request], "expiring": [ending]}
