"""Uploaded files in S3-compatible object storage (core/object_storage.py), against the real
SeaweedFS of scripts/object-store: the tests that need it use the `object_storage` fixture
(tests/conftest.py) and are skipped without OBJECT_STORE_TEST_URL (CI sets it)."""

import io
import urllib.error
import urllib.request

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image
from sorl.thumbnail import get_thumbnail
from wagtail.images import get_image_model

from core import uploads
from core.object_storage import PUBLIC_CACHE_CONTROL, object_headers
from marketplace.media import missing_image_store
from onboarding.models import ApplicationDocument
from tests.core.factories import pdf_bytes, picture_bytes
from tests.dashboard.test_moderation import photo_post

PDF = pdf_bytes("giay dang ky HTX luu trong kho doi tuong")


def anonymous_get(url: str):
    """(status, headers, body) of a GET without any credentials, as a browser would send it."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310  127.0.0.1
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def stored(store, bucket: str, name: str) -> dict:
    return store.client.head_object(Bucket=bucket, Key=f"{store.prefix}/{name}")


# ---------------------------------------------------------------------------
# Without a server: the headers each object is stored with
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content_type", "disposition"),
    [
        ("images/products/2026/12/vai.jpg", "image/jpeg", None),
        ("cache/ab/cd/abcdef.png", "image/png", None),
        ("traceability/certifications/vietgap.pdf", "application/pdf", 'attachment; filename="vietgap.pdf"'),
        ("old/evil.html", "application/octet-stream", 'attachment; filename="evil.html"'),
    ],
)
def test_objects_carry_the_headers_the_site_serves_files_with(name, content_type, disposition):
    headers = object_headers(name)

    assert headers["ContentType"] == content_type == uploads.content_type_for(name)
    assert headers.get("ContentDisposition") == disposition


# ---------------------------------------------------------------------------
# Against the real object store
# ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_product_photo_goes_to_the_public_bucket_with_its_type_and_thumbnails(
    object_storage, client, products, producer_user
):
    # Given a producer adding a photo in the product editor (the real upload path)
    lychee = products[0]
    client.force_login(producer_user(lychee.stockrecords.get().partner, "anh@htx-vai.example"))
    images_before = set(lychee.images.values_list("pk", flat=True))
    response = photo_post(
        client, lychee, SimpleUploadedFile("Vải.jpg", picture_bytes(format="JPEG", size=(120, 90)))
    )
    assert response.status_code == 302
    image = lychee.images.exclude(pk__in=images_before).get()

    # Then it is an object of the public bucket, typed and cached for a year
    head = stored(object_storage, object_storage.public_bucket, image.original.name)
    assert (head["ContentType"], head["CacheControl"]) == ("image/jpeg", PUBLIC_CACHE_CONTROL)
    assert "ContentDisposition" not in head
    # that anyone reads by its URL, with no key
    assert image.original.url.startswith(f"{object_storage.endpoint}/{object_storage.public_bucket}/")
    status, headers, body = anonymous_get(image.original.url)
    assert (status, headers["Content-Type"]) == (200, "image/jpeg")
    assert Image.open(io.BytesIO(body)).size == (120, 90)
    # and sorl-thumbnail (Oscar's thumbnails) reads it from the bucket and writes its thumbnail there
    thumbnail = get_thumbnail(image.original, "60x60", crop="center")
    assert thumbnail.url.startswith(f"{object_storage.endpoint}/{object_storage.public_bucket}/")
    status, headers, body = anonymous_get(thumbnail.url)
    assert (status, headers["Content-Type"]) == (200, "image/jpeg")
    assert Image.open(io.BytesIO(body)).size == (60, 60)


@pytest.mark.django_db
def test_wagtail_renditions_are_made_from_and_stored_in_the_bucket(object_storage):
    # Given a Wagtail image (the news pages' pictures) stored in the bucket
    picture = ImageFile(io.BytesIO(picture_bytes(format="PNG", size=(200, 100))), name="hoi-cho.png")
    image = get_image_model().objects.create(title="Hội chợ", file=picture)
    assert default_storage.exists(image.file.name)
    assert (image.width, image.height) == (200, 100)

    # When a page asks for a rendition
    rendition = image.get_rendition("fill-40x30")

    # Then Wagtail read the original from the bucket and wrote the rendition there, typed
    head = stored(object_storage, object_storage.public_bucket, rendition.file.name)
    assert head["ContentType"] == "image/png"
    status, headers, body = anonymous_get(rendition.url)
    assert (status, headers["Content-Type"]) == (200, "image/png")
    assert Image.open(io.BytesIO(body)).size == (40, 30)


@pytest.mark.django_db
def test_a_producers_papers_go_to_the_private_bucket_and_only_staff_read_them(
    object_storage, client, application_data, superuser, committed
):
    # Given an application with its registration papers, sent through the public form
    with committed():
        response = client.post(
            reverse("onboarding:apply"),
            {**application_data, "documents": [SimpleUploadedFile("Đăng ký.pdf", PDF)]},
        )
    assert response.status_code == 302
    document = ApplicationDocument.objects.get()

    # Then the file is an object of the private bucket, typed as a download
    head = stored(object_storage, object_storage.private_bucket, document.file.name)
    assert head["ContentType"] == "application/pdf"
    assert head["ContentDisposition"] == 'attachment; filename="dang-ky.pdf"'
    assert not default_storage.exists(document.file.name)  # not in the public bucket
    # which answers no one without the key, and the file has no URL to give out
    key = f"{object_storage.prefix}/{document.file.name}"
    status, _headers, body = anonymous_get(f"{object_storage.endpoint}/{object_storage.private_bucket}/{key}")
    assert status == 403 and PDF not in body
    with pytest.raises(NotImplementedError):
        document.file.url  # noqa: B018
    # Staff read it through our view, which opens it from the bucket
    client.force_login(superuser)
    response = client.get(reverse("onboarding-dashboard:document", kwargs={"pk": document.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="dang-ky.pdf"'
    assert b"".join(response.streaming_content) == PDF


def test_public_documents_download_from_the_bucket_and_under_debug_too(object_storage):
    # Given a certification scan (shown on the trace pages) in the public bucket
    name = default_storage.save("traceability/certifications/vietgap.pdf", ContentFile(PDF))

    # Then the bucket hands it out as a download of its own type
    status, headers, body = anonymous_get(default_storage.url(name))
    assert (status, body) == (200, PDF)
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == 'attachment; filename="vietgap.pdf"'
    # and MEDIA_URL under DEBUG reads it through the storage, with the site's headers
    response = uploads.media_serve(RequestFactory().get(f"/media/{name}"), name)
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == uploads.FILE_CSP
    # a file that is not there is a 404, not an error
    with pytest.raises(Http404):
        uploads.media_serve(RequestFactory().get("/media/nothing.pdf"), "traceability/nothing.pdf")
    # and no one without the key may write to the public bucket
    request = urllib.request.Request(default_storage.url("intruder.html"), data=b"<script>", method="PUT")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)  # noqa: S310  127.0.0.1
    assert refused.value.code == 403
    assert not storages["default"].exists("intruder.html")


def test_oscars_missing_image_is_copied_into_the_bucket_once(object_storage, settings):
    # Given a bucket without Oscar's "missing image" (products without photos show it)
    name = settings.OSCAR_MISSING_IMAGE_URL
    assert not default_storage.exists(name)

    # When it is stored (after every migrate), twice
    assert missing_image_store() is True
    assert missing_image_store() is False

    # Then the bucket has it once, as a picture anyone reads
    assert stored(object_storage, object_storage.public_bucket, name)["ContentType"] == "image/jpeg"
    status, headers, _body = anonymous_get(default_storage.url(name))
    assert (status, headers["Content-Type"]) == (200, "image/jpeg")
    client, bucket = object_storage.client, object_storage.public_bucket
    listed = client.list_objects_v2(Bucket=bucket, Prefix=object_storage.prefix)
    assert [entry["Key"] for entry in listed["Contents"]] == [f"{object_storage.prefix}/{name}"]


def test_on_disk_oscar_links_the_missing_image_itself():
    assert missing_image_store() is False
