"""Producers joining: the public application, staff review, and a producer's own team
(invitations are in test_invitations.py)."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from onboarding.models import ApplicationDocument, ApplicationStatus, ProducerApplication, TeamInvitation
from partner.models import Partner
from tests.core.factories import pdf_bytes
from tests.partner.factories import ProducerFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
PDF = pdf_bytes("giay chung nhan dang ky HTX")


def pdf(name="dang-ky-htx.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def application(client, application_data, superuser, committed):
    with committed():
        response = client.post(reverse("onboarding:apply"), {**application_data, "documents": [pdf()]})
    assert response["Location"] == reverse("onboarding:applied"), response.context["form"].errors
    return ProducerApplication.objects.get()


def test_an_application_is_saved_with_its_papers_kept_private(application, mailoutbox):
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.commune.name == "Lục Ngạn"
    assert str(application.phone) == "0912 345 678"
    document = application.documents.get()
    assert document.file.read() == PDF
    assert document.file.path.startswith(str(settings.STORAGES["private"]["OPTIONS"]["location"]))
    assert not document.file.path.startswith(str(settings.MEDIA_ROOT))
    to_applicant, to_staff = sorted(mailoutbox, key=lambda mail: "binh@htx-ga.example" not in mail.to)
    assert to_applicant.to == ["binh@htx-ga.example"]
    assert "staff@ocop.example" in to_staff.to and "HTX Gà đồi Thử nghiệm" in to_staff.subject


@pytest.mark.parametrize(
    ("field", "value", "documents", "message"),
    [
        ("registration_number", "12345", None, "10 chữ số"),
        ("phone", "12", None, "số điện thoại Việt Nam"),
        ("email", "not-an-email", None, "email"),
        (None, None, [SimpleUploadedFile("x.exe", b"MZ\x90\x00binary")], "không phải tệp PDF, JPEG hoặc PNG"),
        (None, None, [SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024))], "lớn hơn 10 MB"),
        (None, None, [], "bắt buộc"),
    ],
)
def test_bad_applications_are_refused_with_field_messages(
    client, application_data, field, value, documents, message
):
    data = dict(application_data)
    if field:
        data[field] = value
    data["documents"] = [pdf()] if documents is None else documents
    response = client.post(reverse("onboarding:apply"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'value="HTX Gà đồi Thử nghiệm"' in page  # what was typed is kept
    assert not ProducerApplication.objects.exists()


def test_approval_creates_the_producer_and_its_login(application, client, superuser, mailoutbox, committed):
    client.force_login(superuser)
    mailoutbox.clear()
    with committed():
        client.post(
            reverse("onboarding-dashboard:application-decide", kwargs={"pk": application.pk}),
            {"decision": "approve"},
        )
    application.refresh_from_db()
    partner = application.partner
    assert application.status == ApplicationStatus.APPROVED and application.reviewed_by == superuser
    assert (partner.name, partner.legal_type, partner.registration_number) == (
        "HTX Gà đồi Thử nghiệm",
        "cooperative",
        "2400123456",
    )
    assert partner.commune == application.commune and partner.is_verified
    user = partner.users.get()
    assert user.email == "binh@htx-ga.example" and not user.has_usable_password()
    assert user.has_perm("partner.dashboard_access") and not user.is_staff

    # The mail's link lets the producer set a password, then reach its dashboard.
    (mail,) = mailoutbox
    link = re.search(r"http://localhost:8000(/\S+)", mail.body).group(1)
    client.logout()
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": "Vai-thieu-2026", "new_password2": "Vai-thieu-2026"})
    credentials = {"username": user.username, "password": "Vai-thieu-2026"}
    response = client.post(reverse("dashboard:login"), credentials)
    assert response.status_code == 302
    assert client.get(reverse("dashboard:index")).status_code == 200


def test_an_application_is_decided_once(application, client, superuser):
    client.force_login(superuser)
    url = reverse("onboarding-dashboard:application-decide", kwargs={"pk": application.pk})
    client.post(url, {"decision": "approve"})
    response = client.post(url, {"decision": "approve"}, follow=True)
    assert "đã được xử lý" in response.content.decode()
    assert Partner.objects.filter(name="HTX Gà đồi Thử nghiệm").count() == 1


def test_a_rejection_needs_a_reason_and_tells_the_applicant(
    application, client, superuser, mailoutbox, committed
):
    client.force_login(superuser)
    url = reverse("onboarding-dashboard:application-decide", kwargs={"pk": application.pk})
    response = client.post(url, {"decision": "reject", "reason": ""})
    assert "Vui lòng nêu lý do" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    mailoutbox.clear()
    with committed():
        client.post(url, {"decision": "reject", "reason": "Giấy chứng nhận đăng ký đã hết hạn."})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED and not Partner.objects.filter(
        users__email=application.email
    )
    assert "Giấy chứng nhận đăng ký đã hết hạn." in mailoutbox[0].body


def test_only_staff_review_applications_and_read_their_papers(
    application, client, django_user_model, superuser
):
    document = application.documents.get()
    urls = [
        reverse("onboarding-dashboard:application-list"),
        reverse("onboarding-dashboard:application-detail", kwargs={"pk": application.pk}),
        reverse("onboarding-dashboard:document", kwargs={"pk": document.pk}),
    ]
    buyer = django_user_model.objects.create_user("buyer", "buyer@example.com", "pw")
    for user in (None, buyer):
        if user:
            client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 302 and "login" in response["Location"], url
    client.force_login(superuser)
    assert b"".join(client.get(urls[2]).streaming_content) == PDF
    assert "HTX Gà đồi Thử nghiệm" in client.get(urls[0]).content.decode()


# -- a producer's team ---------------------------------------------------------------------


def test_a_producer_removes_its_people_but_not_itself(client, producer_user):
    partner = ProducerFactory(name="HTX Vải")
    owner = producer_user(partner, "chu@htx-vai.example")
    hanh = producer_user(partner, "hanh@htx-vai.example")
    client.force_login(owner)

    client.post(
        reverse("onboarding-dashboard:team-remove", kwargs={"partner_id": partner.pk, "user_id": hanh.pk})
    )
    hanh = User.objects.get(pk=hanh.pk)
    assert not partner.users.filter(pk=hanh.pk).exists() and not hanh.has_perm("partner.dashboard_access")

    response = client.post(
        reverse("onboarding-dashboard:team-remove", kwargs={"partner_id": partner.pk, "user_id": owner.pk}),
        follow=True,
    )
    assert "không thể tự xóa mình" in response.content.decode()
    assert partner.users.filter(pk=owner.pk).exists()


def test_a_producer_cannot_see_or_change_another_producers_team(client, producer_user):
    mine, theirs = ProducerFactory(name="HTX Vải"), ProducerFactory(name="HTX Mật ong")
    me = producer_user(mine, "me@vai.example")
    them = producer_user(theirs, "them@mat-ong.example")
    client.force_login(me)
    assert client.get(reverse("onboarding-dashboard:team"), {"producer": theirs.pk}).status_code == 404
    page = client.get(reverse("onboarding-dashboard:team")).content.decode()
    assert "them@mat-ong.example" not in page and "me@vai.example" in page
    response = client.post(
        reverse("onboarding-dashboard:team"), {"producer": theirs.pk, "name": "X", "email": "x@x.example"}
    )
    assert response.status_code == 404 and not User.objects.filter(email="x@x.example").exists()
    assert not TeamInvitation.objects.exists()
    response = client.post(
        reverse("onboarding-dashboard:team-remove", kwargs={"partner_id": theirs.pk, "user_id": them.pk})
    )
    assert response.status_code == 404 and theirs.users.filter(pk=them.pk).exists()
    response = client.post(
        reverse("onboarding-dashboard:team-remove", kwargs={"partner_id": mine.pk, "user_id": them.pk})
    )
    assert response.status_code == 404


def test_buyers_have_no_team_page(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("b", "b@example.com", "pw"))
    response = client.get(reverse("onboarding-dashboard:team"))
    assert response.status_code == 302 and "login" in response["Location"]


EVIL_HTML = b"%PDF-1.4\n<html><body><script>fetch('/shop/dashboard/')</script></body></html>\n"
# Header, HTML and trailer: what a browser sniffing for HTML would render as a page.
POLYGLOT = b"%PDF-1.4\n<script>alert(document.domain)</script>\n" + pdf_bytes().split(b"\n", 1)[1]


@pytest.mark.parametrize(("name", "content"), [("evil.html", EVIL_HTML), ("giay-phep.pdf", POLYGLOT)])
def test_an_html_paper_dressed_as_a_pdf_is_refused_and_nothing_is_stored(
    client, application_data, tmp_path, name, content
):
    paper = SimpleUploadedFile(name, content, content_type="application/pdf")

    response = client.post(reverse("onboarding:apply"), {**application_data, "documents": [paper]})

    assert response.status_code == 200
    assert f"“{name}” không phải tệp PDF, JPEG hoặc PNG." in response.content.decode()
    assert not ProducerApplication.objects.exists()
    assert not ApplicationDocument.objects.exists()
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


def test_a_paper_is_stored_under_a_safe_name_with_the_extension_of_its_content(
    client, application_data, superuser, committed
):
    paper = SimpleUploadedFile("Giấy phép <KD>.HTML", PDF, content_type="text/html")

    with committed():
        response = client.post(reverse("onboarding:apply"), {**application_data, "documents": [paper]})

    assert response.status_code == 302
    document = ApplicationDocument.objects.get()
    assert re.fullmatch(r"onboarding/\d{4}/\d{2}/giay-phep-kd(_\w+)?\.pdf", document.file.name)
    client.force_login(superuser)
    response = client.get(reverse("onboarding-dashboard:document", kwargs={"pk": document.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert re.fullmatch(r'attachment; filename="giay-phep-kd(_\w+)?\.pdf"', response["Content-Disposition"])
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == PDF


def test_a_paper_stored_before_the_check_is_never_served_as_a_page(application, client, superuser):
    old = ApplicationDocument(application=application)
    old.file.save("evil.html", ContentFile(EVIL_HTML))
    client.force_login(superuser)

    response = client.get(reverse("onboarding-dashboard:document", kwargs={"pk": old.pk}))

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_one_sender_sends_at_most_three_applications_an_hour(client, application_data):
    """Issue 14: each application mails the office and stores papers; a flood is refused."""
    for number in range(3):
        data = {**application_data, "name": f"HTX {number}", "email": f"hop-tac-xa-{number}@example.com"}
        response = client.post(reverse("onboarding:apply"), {**data, "documents": [pdf()]})
        assert response.status_code == 302

    response = client.post(reverse("onboarding:apply"), {**application_data, "documents": [pdf()]})

    assert response.status_code == 429
    assert "Quá nhiều hồ sơ" in response.content.decode()
    assert ProducerApplication.objects.count() == 3


def test_an_applicants_english_description_is_reviewed_then_becomes_the_producers(
    client, application_data, superuser, committed
):
    with committed():
        client.post(
            reverse("onboarding:apply"),
            {**application_data, "description_en": "Free-range hill chicken.", "documents": [pdf()]},
        )
    application = ProducerApplication.objects.get()
    client.force_login(superuser)
    detail = reverse("onboarding-dashboard:application-detail", kwargs={"pk": application.pk})
    assert "Free-range hill chicken." in client.get(detail).content.decode()

    with committed():
        client.post(
            reverse("onboarding-dashboard:application-decide", kwargs={"pk": application.pk}),
            {"decision": "approve"},
        )

    application.refresh_from_db()
    assert application.partner.description_en == "Free-range hill chicken."
