"""Each test writes its uploads under its own tmp_path (tests/conftest.py, `media_storage`)."""

import urllib.request

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages

from onboarding.models import ApplicationDocument
from tests.catalog.factories import ProductFactory


def test_public_and_private_files_land_in_the_tests_own_folders(tmp_path):
    public = default_storage.save("notes/a.txt", ContentFile(b"public"))
    private = storages["private"].save("papers/b.pdf", ContentFile(b"private"))

    assert (tmp_path / "media" / public).read_bytes() == b"public"
    assert (tmp_path / "private" / private).read_bytes() == b"private"


def test_a_file_field_given_a_storage_callable_writes_to_the_tests_private_folder(tmp_path):
    storage = ApplicationDocument._meta.get_field("file").storage

    name = storage.save("onboarding/giay-phep.pdf", ContentFile(b"%PDF-1.4"))

    assert (tmp_path / "private" / name).read_bytes() == b"%PDF-1.4"


@pytest.mark.django_db
def test_a_product_image_lands_in_the_tests_media_root(tmp_path):
    image = ProductFactory().images.get()

    assert image.original.path.startswith(str(tmp_path / "media"))


def test_the_settings_name_the_tests_own_folders(tmp_path):
    assert settings.MEDIA_ROOT == str(tmp_path / "media")
    assert settings.STORAGES["private"]["OPTIONS"]["location"] == str(tmp_path / "private")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_live_server_serves_the_tests_media(live_server):
    name = default_storage.save("served/c.txt", ContentFile(b"served"))

    with urllib.request.urlopen(f"{live_server.url}{settings.MEDIA_URL}{name}", timeout=10) as response:
        assert response.read() == b"served"
