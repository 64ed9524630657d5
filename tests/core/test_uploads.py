"""The upload gate (core.uploads): what it lets in, under which name, and how files go out."""

import io
import time

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from PIL import Image

from core import uploads
from tests.core.factories import pdf_bytes, picture_bytes


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("name", "content", "stored"),
    [
        ("Giấy phép.HTML", pdf_bytes(), "giay-phep.pdf"),
        ("scan.PNG.exe", picture_bytes(format="PNG"), "scan-png.png"),
        ("ảnh.jpeg", picture_bytes(format="JPEG"), "anh.jpg"),
        ("<>.pdf", pdf_bytes(), "file.pdf"),
    ],
)
def test_a_document_is_known_by_its_content_and_renamed_after_it(name, content, stored):
    cleaned = uploads.document_clean(upload(name, content))

    assert cleaned.name == stored
    assert cleaned.content_type == uploads.content_type_for(stored)


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\n<html><script>alert(1)</script></html>\n",  # a header only
        b"%PDF-1.4\n<script>alert(1)</script>\n" + pdf_bytes().split(b"\n", 1)[1],  # HTML inside
        b"<html>" + pdf_bytes(),  # something before the header
        pdf_bytes()[:-20],  # no trailer
        b"\x89PNG\r\n\x1a\n" + b"\0" * 64,  # a PNG's signature and nothing of a PNG
        b"\xff\xd8\xff\xe0<svg onload=alert(1)>",
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        picture_bytes(format="GIF"),
    ],
)
def test_anything_else_is_refused(content):
    with pytest.raises(ValidationError) as refused:
        uploads.document_clean(upload("giay.pdf", content))

    assert refused.value.code == "file_type"


def test_a_picture_of_too_many_pixels_is_refused_before_it_is_decoded():
    bomb = picture_bytes(format="PNG", size=(12000, 12000), mode="1")
    started = time.perf_counter()

    with pytest.raises(ValidationError) as refused:
        uploads.image_clean(upload("bom.png", bomb))

    assert refused.value.code == "too_many_pixels"
    assert time.perf_counter() - started < 1


def test_pillow_refuses_bombs_everywhere_else_too():
    assert Image.MAX_IMAGE_PIXELS == uploads.MAX_IMAGE_PIXELS == 40_000_000


def test_a_picture_is_re_encoded_upright_without_metadata_and_at_most_4096_on_a_side():
    photo = picture_bytes(format="JPEG", size=(6000, 3000), exif={0x010F: "Canon", 0x0131: "GIMP"})

    cleaned = uploads.image_clean(upload("vai.jpg", photo))

    stored = Image.open(io.BytesIO(cleaned.read()))
    assert (stored.format, stored.size, dict(stored.getexif())) == ("JPEG", (4096, 2048), {})


def test_a_webp_photo_stays_webp():
    cleaned = uploads.image_clean(upload("mat-ong.webp", picture_bytes(format="WEBP")))

    assert (cleaned.name, Image.open(cleaned).format) == ("mat-ong.webp", "WEBP")


def test_a_file_over_the_size_limit_is_refused_unread():
    with pytest.raises(ValidationError) as refused:
        uploads.document_clean(upload("big.pdf", b"%PDF-1.4" + b"0" * uploads.MAX_DOCUMENT_BYTES))

    assert refused.value.code == "too_large"


@pytest.mark.parametrize(
    ("name", "content_type", "disposition"),
    [
        ("old/evil.html", "application/octet-stream", "attachment"),
        ("old/logo.svg", "application/octet-stream", "attachment"),
        ("old/app.js", "application/octet-stream", "attachment"),
        ("traceability/certifications/vietgap.pdf", "application/pdf", "attachment"),
        ("images/products/vai.jpg", "image/jpeg", "inline"),
        ("images/products/vai.png", "image/png", "inline"),
    ],
)
def test_media_under_debug_is_never_served_as_a_page(name, content_type, disposition):
    default_storage.save(name, ContentFile(b"<script>alert(1)</script>"))

    response = uploads.media_serve(RequestFactory().get(f"/media/{name}"), name)

    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response.get("Content-Disposition", "").split(";")[0] == disposition


def test_wagtail_keeps_the_same_limits_and_never_takes_svg():
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == uploads.MAX_IMAGE_PIXELS
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert settings.WAGTAILDOCS_INLINE_CONTENT_TYPES == []
    assert not {"html", "htm", "svg", "js", "xml"} & set(settings.WAGTAILDOCS_EXTENSIONS)
    assert settings.SECURE_CONTENT_TYPE_NOSNIFF
