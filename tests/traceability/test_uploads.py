"""Certification scans and inspection reports go through the upload gate (core.uploads), and
the public trace page links them as downloads."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.core.factories import pdf_bytes
from tests.traceability.test_dashboard import certification_post, inspection_post, text, url
from traceability import services
from traceability.models import Certification

pytestmark = pytest.mark.django_db

EVIL_HTML = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n"
POLYGLOT = b"%PDF-1.4\n<!DOCTYPE html><script>alert(1)</script>\n" + pdf_bytes().split(b"\n", 1)[1]


def media_files(tmp_path):
    return [path for path in (tmp_path / "media" / "traceability").rglob("*") if path.is_file()]


def test_an_html_certification_scan_is_refused_and_nothing_is_stored(client, lots_world, tmp_path):
    client.force_login(lots_world["a_user"])
    scan = SimpleUploadedFile("evil.html", EVIL_HTML, content_type="text/html")

    page = text(
        client.post(url("certification-create"), certification_post([lots_world["lychee"]], scan=scan))
    )

    assert "“evil.html” không phải tệp PDF, JPEG hoặc PNG." in page
    assert not Certification.objects.filter(producer=lots_world["a"]).exists()
    assert media_files(tmp_path) == []


def test_a_polyglot_report_renamed_pdf_is_refused_and_nothing_is_stored(client, lots_world, tmp_path):
    client.force_login(lots_world["a_user"])
    lot = lots_world["a_lot"]
    report = SimpleUploadedFile("ket-qua.pdf", POLYGLOT, content_type="application/pdf")

    page = text(client.post(url("inspection-create", pk=lot.pk), inspection_post(report=report)))

    assert "“ket-qua.pdf” không phải tệp PDF, JPEG hoặc PNG." in page
    assert not lot.inspections.exists()
    assert media_files(tmp_path) == []


def test_a_scan_named_html_is_stored_as_the_pdf_it_is(client, lots_world):
    client.force_login(lots_world["a_user"])
    scan = SimpleUploadedFile("VietGAP.html", pdf_bytes("VietGAP"), content_type="text/html")

    response = client.post(url("certification-create"), certification_post([lots_world["lychee"]], scan=scan))

    assert response.status_code == 302
    certification = Certification.objects.get(producer=lots_world["a"])
    assert re.fullmatch(r"traceability/certifications/vietgap(_\w+)?\.pdf", certification.scan.name)


def test_the_trace_page_links_the_scan_as_a_download(client, public_lot):
    certification = Certification.objects.get(number="VG-0099")
    services.certification_update(
        certification=certification,
        scan=SimpleUploadedFile("vietgap.pdf", pdf_bytes(), content_type="application/pdf"),
    )
    certification.refresh_from_db()

    page = client.get(
        reverse("traceability:lot-short", kwargs={"code": public_lot.short_code})
    ).content.decode()

    assert f'<a href="{certification.scan.url}" download>' in page
