"""A producer reads its own OCOP certificates, the ones ending soon flagged."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_model

from tests.catalog.factories import CertificateFactory, EvaluationRequestFactory

pytestmark = pytest.mark.django_db


def test_a_producer_sees_its_certificates_and_which_end_soon(client, two_producers, products):
    lychee, honey = products
    today = timezone.localdate()
    soon = CertificateFactory(product=lychee, decision_number="12/QĐ-UBND")
    soon_start = today - datetime.timedelta(days=3 * 365 - 30)
    soon.valid_from, soon.valid_to = soon_start, today + datetime.timedelta(days=30)
    soon.save()
    CertificateFactory(product=honey, decision_number="99/QĐ-UBND")  # producer B's
    client.force_login(two_producers["a_user"])
    page = client.get(reverse("catalog-dashboard:certificate-list")).content.decode()
    assert "12/QĐ-UBND" in page and "99/QĐ-UBND" not in page
    assert "certificate-expiring" in page and "Còn 30 ngày" in page


# ---------------------------------------------------------------------------
# Staff keep the certificates; producers ask for re-evaluation from theirs
# ---------------------------------------------------------------------------

Certificate = get_model("catalogue", "Certificate")
EvaluationRequest = get_model("catalogue", "EvaluationRequest")


def decision_form(product, **changes):
    """The create form as staff fill it in: valid_to left empty to be filled in."""
    data = {
        "product": product.pk,
        "producer": "",
        "stars": 4,
        "score": "78",
        "criteria_version": "qd1489-2025",
        "decision_number": "15/QĐ-UBND",
        "decision_date": "2026-01-10",
        "issuer_level": "province",
        "issuer_name": "UBND tỉnh Bắc Ninh",
        "programme_year": 2026,
        "valid_from": "2026-01-15",
        "valid_to": "",
    }
    return data | changes


def test_staff_record_a_certificate_with_valid_to_filled_in(client, office, products):
    lychee, _ = products
    client.force_login(office)

    response = client.post(reverse("catalog-dashboard:certificate-create"), decision_form(lychee))

    assert response.status_code == 302
    certificate = Certificate.objects.get(decision_number="15/QĐ-UBND")
    assert (certificate.product, certificate.valid_to, certificate.producer) == (
        lychee,
        datetime.date(2029, 1, 15),
        lychee.stockrecords.get().partner,
    )


def test_a_refused_certificate_shows_the_rule_on_its_field(client, office, products):
    lychee, _ = products
    client.force_login(office)

    with translation.override("en"):
        response = client.post(
            reverse("catalog-dashboard:certificate-create"), decision_form(lychee, stars=2, score="40")
        )

    assert response.status_code == 200
    assert response.context["form"].errors["stars"] == [
        "1-2★ products are not OCOP-certified: a certificate is for 3, 4 or 5 stars."
    ]
    assert not Certificate.objects.filter(product=lychee).exists()


def test_staff_filter_the_list_by_state_and_stars(client, office, products):
    lychee, honey = products
    today = timezone.localdate()
    soon = CertificateFactory(product=lychee, decision_number="12/QĐ-UBND", stars=4)
    soon.valid_from = today - datetime.timedelta(days=3 * 365 - 30)
    soon.valid_to = Certificate.validity_end(soon.valid_from)
    soon.save()
    CertificateFactory(product=honey, decision_number="99/QĐ-UBND", stars=3)
    client.force_login(office)
    url = reverse("catalog-dashboard:certificate-list")

    expiring = client.get(url, {"state": "expiring"}).content.decode()
    three = client.get(url, {"stars": 3}).content.decode()

    assert "12/QĐ-UBND" in expiring and "99/QĐ-UBND" not in expiring
    assert "99/QĐ-UBND" in three and "12/QĐ-UBND" not in three


def test_staff_revoke_with_a_reason(client, office, products):
    certificate = CertificateFactory(product=products[0])
    client.force_login(office)
    url = reverse("catalog-dashboard:certificate-revoke", kwargs={"pk": certificate.pk})

    assert client.post(url, {"reason": ""}).status_code == 200
    certificate.refresh_from_db()
    assert certificate.status == "active"

    assert client.post(url, {"reason": "Không tái đánh giá đúng hạn"}).status_code == 302
    certificate.refresh_from_db()
    assert (certificate.status, certificate.status_reason) == ("revoked", "Không tái đánh giá đúng hạn")


def test_staff_supersede_with_the_new_decision(client, office, products):
    lychee, _ = products
    old = CertificateFactory(product=lychee, decision_number="1/QĐ-UBND")
    client.force_login(office)
    data = decision_form(lychee, stars=5, score="92", issuer_level="central", issuer_name="Bộ NN&MT")
    data.update(decision_number="300/QĐ-BNNMT", decision_date="2026-09-01", valid_from="2026-09-01")

    response = client.post(reverse("catalog-dashboard:certificate-supersede", kwargs={"pk": old.pk}), data)

    assert response.status_code == 302, response.context["form"].errors
    old.refresh_from_db()
    new = Certificate.objects.get(decision_number="300/QĐ-BNNMT")
    assert (old.status, new.supersedes, new.product, new.valid_to) == (
        "superseded",
        old,
        lychee,
        datetime.date(2029, 9, 1),
    )


def test_a_producer_asks_for_an_upgrade_from_its_certificate(client, two_producers, products, mailoutbox):
    lychee, honey = products
    own = CertificateFactory(product=lychee)
    others = CertificateFactory(product=honey)
    client.force_login(two_producers["a_user"])

    page = client.get(reverse("catalog-dashboard:certificate-list")).content.decode()
    assert reverse("catalog-dashboard:evaluation-request", kwargs={"pk": own.pk}) in page
    response = client.post(
        reverse("catalog-dashboard:evaluation-request", kwargs={"pk": own.pk}),
        {"kind": "upgrade", "target_stars": 5, "message": "Xin nâng hạng"},
    )
    refused = client.post(
        reverse("catalog-dashboard:evaluation-request", kwargs={"pk": others.pk}),
        {"kind": "reevaluation"},
    )

    assert response.status_code == 302 and refused.status_code == 404
    request = EvaluationRequest.objects.get(product=lychee)
    assert (request.product, request.producer, request.target_stars, request.submitted_by) == (
        lychee,
        two_producers["a"],
        5,
        two_producers["a_user"],
    )


def test_staff_decide_from_the_queue(client, office, two_producers, products, mailoutbox):
    lychee, honey = products
    own = CertificateFactory(product=lychee)
    request = EvaluationRequestFactory(certificate=own, submitted_by=two_producers["a_user"])
    client.force_login(office)

    queue = client.get(reverse("catalog-dashboard:evaluation-queue")).content.decode()
    assert f"evaluation-request-{request.pk}" in queue
    response = client.post(
        reverse("catalog-dashboard:evaluation-decide", kwargs={"pk": request.pk}),
        {"decision": "accept", "reason": ""},
    )

    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.reviewed_by) == ("accepted", office)


def test_producers_are_turned_away_from_staff_certificate_pages(client, two_producers, products):
    certificate = CertificateFactory(product=products[0])
    client.force_login(two_producers["a_user"])

    for name, kwargs in [
        ("catalog-dashboard:certificate-create", {}),
        ("catalog-dashboard:certificate-update", {"pk": certificate.pk}),
        ("catalog-dashboard:certificate-revoke", {"pk": certificate.pk}),
        ("catalog-dashboard:certificate-supersede", {"pk": certificate.pk}),
        ("catalog-dashboard:evaluation-queue", {}),
    ]:
        response = client.post(reverse(name, kwargs=kwargs), {"reason": "x"})
        assert response.status_code in (302, 403), name
    certificate.refresh_from_db()
    assert certificate.status == "active"
