"""The dossier pages: a producer registers, fills in, uploads, self-assesses and sends; the
office checks, sends back and passes on; files go only to those who may see them."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.clock import vietnam_today
from evaluation import dossiers
from evaluation.models import CommuneCheck, DocumentKind, Dossier, DossierKind, DossierStatus
from tests.criteria.factories import criteria_by_code, sheet_make
from tests.evaluation.dossier_world import dossier_complete, pdf, producer_with_product
from tests.evaluation.factories import EvaluationRoundFactory

pytestmark = pytest.mark.django_db

# A "PDF" that is a web page: core.uploads refuses it.
EVIL_HTML = b"%PDF-1.4\n<html><body><script>fetch('/shop/dashboard/')</script></body></html>\n"


@pytest.fixture
def world(db, office):
    sheet = sheet_make()
    producer, user, product = producer_with_product(
        "HTX Mật ong Yên Thế", email="ong@htx.example", title="Mật ong rừng Yên Thế"
    )
    other, other_user, other_product = producer_with_product(
        "HTX Vải Lục Ngạn", email="vai@htx.example", title="Vải thiều Lục Ngạn"
    )
    return {
        "sheet": sheet,
        "round": EvaluationRoundFactory(title="Đợt 1 năm nay"),
        "producer": producer,
        "user": user,
        "product": product,
        "other": other,
        "other_user": other_user,
        "other_product": other_product,
        "office": office,
    }


def url(name, **kwargs):
    return reverse(f"evaluation-dashboard:{name}", kwargs=kwargs)


def register(world):
    return dossiers.dossier_register(
        round=world["round"],
        product=world["product"],
        producer=world["producer"],
        kind=DossierKind.NEW,
        by=world["user"],
    )


def test_the_producer_sees_the_rounds_taking_registrations(client, world):
    client.force_login(world["user"])

    response = client.get(url("dossier-list"))

    assert response.status_code == 200
    assert "Đợt 1 năm nay" in response.content.decode()
    assert url("dossier-register", round_pk=world["round"].pk) in response.content.decode()


def test_the_producer_registers_one_of_its_products(client, world):
    client.force_login(world["user"])
    page = client.get(url("dossier-register", round_pk=world["round"].pk))
    assert list(page.context["form"].fields["product"].queryset) == [world["product"]]

    response = client.post(
        url("dossier-register", round_pk=world["round"].pk), {"product": world["product"].pk, "kind": "new"}
    )

    dossier = Dossier.objects.get()
    assert response["Location"] == url("dossier-detail", pk=dossier.pk)
    assert dossier.producer == world["producer"]


def test_another_producers_product_cannot_be_chosen(client, world):
    client.force_login(world["user"])

    response = client.post(
        url("dossier-register", round_pk=world["round"].pk),
        {"product": world["other_product"].pk, "kind": "new"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["product"]
    assert not Dossier.objects.exists()


def test_a_second_registration_is_refused_on_the_form(client, world, english):
    register(world)
    client.force_login(world["user"])

    response = client.post(
        url("dossier-register", round_pk=world["round"].pk), {"product": world["product"].pk, "kind": "new"}
    )

    assert response.context["form"].errors["product"] == ["This product is already registered in this round."]
    assert Dossier.objects.count() == 1


def test_registering_after_the_deadline_sends_the_producer_back_with_the_reason(client, world, english):
    closed = EvaluationRoundFactory(
        registration_opens=vietnam_today() - datetime.timedelta(days=30),
        registration_closes=vietnam_today() - datetime.timedelta(days=1),
    )
    client.force_login(world["user"])

    response = client.post(
        url("dossier-register", round_pk=closed.pk),
        {"product": world["product"].pk, "kind": "new"},
        follow=True,
    )

    assert "Registration for this round closed on" in response.content.decode()
    assert not Dossier.objects.exists()


def test_the_dossier_page_shows_the_sample_notice_and_the_next_star(client, world):
    dossier = register(world)
    client.force_login(world["user"])

    response = client.get(url("dossier-detail", pk=dossier.pk))

    page = response.content.decode()
    assert "sample-sheet-notice" in page
    assert "không phải văn bản chính thức" in page
    assert response.context["assessment"].next.stars == 3
    assert "A1. Tổ chức sản xuất" in page
    assert 'name="points_' in page


def test_the_self_assessment_is_saved_from_the_page(client, world):
    dossier = register(world)
    codes = criteria_by_code(dossier.sheet)
    client.force_login(world["user"])

    response = client.post(
        url("dossier-self-assess", pk=dossier.pk),
        {
            f"points_{codes['A1'].pk}": "10",
            f"note_{codes['A1'].pk}": "Hợp đồng liên kết với 30 hộ",
            f"points_{codes['C1'].pk}": "35",
        },
    )

    assert response.status_code == 302
    page = client.get(url("dossier-detail", pk=dossier.pk))
    assert page.context["assessment"].result.total == 45
    assert "Hợp đồng liên kết với 30 hộ" in page.content.decode()


def test_a_level_not_on_the_sheet_is_refused_on_the_page(client, world):
    dossier = register(world)
    codes = criteria_by_code(dossier.sheet)
    client.force_login(world["user"])

    response = client.post(url("dossier-self-assess", pk=dossier.pk), {f"points_{codes['A1'].pk}": "7"})

    assert response.status_code == 200
    assert response.context["self_form"].errors
    assert not dossier.self_scores.exists()


def test_an_evidence_file_is_uploaded_and_downloaded_by_its_producer_only(client, world):
    dossier = register(world)
    client.force_login(world["user"])

    client.post(
        url("dossier-document-add", pk=dossier.pk),
        {"kind": DocumentKind.TEST_REPORT, "title": "Phiếu kiểm nghiệm", "file": pdf()},
    )

    document = dossier.documents.get()
    download = client.get(url("dossier-document", pk=document.pk))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")

    client.force_login(world["other_user"])
    assert client.get(url("dossier-document", pk=document.pk)).status_code == 404
    client.force_login(world["office"])
    assert client.get(url("dossier-document", pk=document.pk)).status_code == 200


def test_a_file_that_is_not_a_document_is_refused_and_the_page_says_why(client, world):
    dossier = register(world)
    client.force_login(world["user"])

    response = client.post(
        url("dossier-document-add", pk=dossier.pk),
        {"kind": DocumentKind.LABEL, "file": SimpleUploadedFile("nhan.pdf", EVIL_HTML)},
    )

    assert response.status_code == 200
    assert response.context["document_form"].errors["file"]
    assert not dossier.documents.exists()


def test_sending_with_missing_items_lists_them(client, world):
    dossier = register(world)
    client.force_login(world["user"])

    response = client.post(url("dossier-submit", pk=dossier.pk), follow=True)

    assert "Hồ sơ còn thiếu:" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT


def test_a_sent_dossier_shows_read_only(client, world):
    dossier = dossier_complete(register(world), by=world["user"])
    client.force_login(world["user"])
    client.post(url("dossier-submit", pk=dossier.pk))

    response = client.get(url("dossier-detail", pk=dossier.pk))

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED
    assert not response.context["editable"]
    assert 'name="points_' not in response.content.decode()
    assert url("dossier-document-delete", pk=dossier.documents.first().pk) not in response.content.decode()


def test_the_office_sends_back_with_a_reason_the_producer_reads(client, world, committed):
    dossier = dossier_complete(register(world), by=world["user"])
    dossiers.dossier_submit(dossier=dossier, by=world["user"])
    client.force_login(world["office"])
    page = client.get(url("staff-dossier", pk=dossier.pk))
    assert page.status_code == 200
    assert "Mật ong rừng khai thác tự nhiên." in page.content.decode()

    no_reason = client.post(url("staff-dossier-return", pk=dossier.pk), {"reason": ""})
    assert no_reason.context["return_form"].errors["reason"]
    with committed():
        client.post(url("staff-dossier-return", pk=dossier.pk), {"reason": "Nhãn chưa ghi hạn sử dụng."})

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED
    assert [message.to for message in mail.outbox][-1] == [world["user"].email]
    client.force_login(world["user"])
    assert "Nhãn chưa ghi hạn sử dụng." in client.get(url("dossier-detail", pk=dossier.pk)).content.decode()


def test_the_office_records_the_commune_pre_check_then_passes_the_dossier_on(client, world):
    dossier = dossier_complete(register(world), by=world["user"])
    dossiers.dossier_submit(dossier=dossier, by=world["user"])
    client.force_login(world["office"])

    refused = client.post(url("staff-dossier-accept", pk=dossier.pk), follow=True)
    assert "kiểm tra sơ bộ của xã" in refused.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED

    client.post(
        url("staff-commune-check", pk=dossier.pk),
        {
            "commune_name": "UBND xã Tân Sỏi",
            "checked_on": "2026-03-02",
            "raw_materials_local": "yes",
            "labour_local": "yes",
            "idea_local": "no",
        },
    )
    client.post(url("staff-dossier-accept", pk=dossier.pk))

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.ACCEPTED
    assert dossier.commune_check.idea_local is False


def test_a_commune_pre_check_without_its_answers_is_refused(client, world):
    dossier = dossier_complete(register(world), by=world["user"])
    client.force_login(world["office"])

    response = client.post(url("staff-commune-check", pk=dossier.pk), {"commune_name": "UBND xã Tân Sỏi"})

    assert response.status_code == 200
    assert set(response.context["commune_form"].errors) >= {"checked_on", "raw_materials_local"}
    assert not CommuneCheck.objects.exists()


def test_producers_are_turned_away_from_the_office_pages(client, world):
    dossier = register(world)
    client.force_login(world["user"])

    for name, kwargs in [
        ("round-list", {}),
        ("round-create", {}),
        ("round-detail", {"pk": world["round"].pk}),
        ("staff-dossier", {"pk": dossier.pk}),
    ]:
        assert client.get(url(name, **kwargs)).status_code == 302


def test_the_withdraw_button_takes_the_product_out(client, world):
    dossier = register(world)
    client.force_login(world["user"])

    client.post(url("dossier-withdraw", pk=dossier.pk))

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.WITHDRAWN
