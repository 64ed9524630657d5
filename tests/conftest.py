import functools
import os
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

import boto3
import pytest
from botocore.config import Config
from django.apps import apps
from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import FileField
from django.test import override_settings
from django.utils import translation
from django.utils.functional import empty
from django_tasks_db.management.commands import db_worker
from oscar.core.loading import get_model
from sorl.thumbnail import default as thumbnail_default
from wagtail.models import Page
from wagtail.models import Site as WagtailSite

from marketplace.sites import sites_sync
from tests.catalog.factories import ProductFactory
from tests.core.factories import StaffFactory, SuperuserFactory
from tests.partner.factories import ProducerFactory, ProducerUserFactory
from tests.shopping import Shopper


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits count in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def offline_embeds(settings):
    """No test reaches a video provider: every embed look-up fails as if it were offline."""
    settings.WAGTAILEMBEDS_FINDERS = [{"class": "tests.cms.embed_finders.OfflineFinder"}]


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language: a request in English must not leave
    English active for the next test's `reverse()` calls."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def english():
    """Pages and messages in English, the source language, whatever the .po files hold."""
    with translation.override("en"):
        yield


@pytest.fixture
def alone(db, django_user_model):
    """Only this test's certificates and office logins count, whatever else (the demo
    catalogue, loaded once per test database) the database holds."""
    get_model("catalogue", "Certificate").objects.update(status="superseded")
    django_user_model.objects.filter(is_staff=True).update(is_active=False)


def _media_settings(folder):
    """MEDIA_ROOT and the private storage's location in two folders under `folder`."""
    private = settings.STORAGES["private"]
    return {
        "MEDIA_ROOT": str(folder / "media"),
        "STORAGES": {
            **settings.STORAGES,
            "private": {
                **private,
                "OPTIONS": {**private.get("OPTIONS", {}), "location": str(folder / "private")},
            },
        },
    }


@functools.cache
def _fields_with_storage_callable():
    """File fields given a callable storage (`storage=private_storage`): Django calls it once,
    when the model class is made, and keeps what it returned."""
    return [
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, FileField) and hasattr(field, "_storage_callable")
    ]


def _storage_fields_refresh(monkeypatch):
    for field in _fields_with_storage_callable():
        monkeypatch.setattr(field, "storage", field._storage_callable())


@pytest.fixture(scope="session", autouse=True)
def session_media(tmp_path_factory):
    """Files written outside a test (a test class's `setUpTestData`, the session's demo data)
    go to the session's own folders, not to a fixed one other runs share."""
    with override_settings(**_media_settings(tmp_path_factory.mktemp("session-media"))):
        with pytest.MonkeyPatch.context() as monkeypatch:
            _storage_fields_refresh(monkeypatch)
            yield


@pytest.fixture(autouse=True)
def media_storage(request, settings, tmp_path, monkeypatch):
    """Each test writes its uploads under its own `tmp_path`: `media/` (MEDIA_ROOT, which the
    live server of the browser tests serves) and `private/` (the private storage). Changing
    STORAGES resets `default_storage` and `storages`; the file fields that took their storage
    from a callable are given the new one. The tests on the demo data keep the session's
    folders, where the demo's images are."""
    if "demo_data" in request.fixturenames:
        return
    for name, value in _media_settings(tmp_path).items():
        setattr(settings, name, value)
    _storage_fields_refresh(monkeypatch)


# The buckets scripts/object-store makes (OBJECT_STORE_BUCKET, OBJECT_STORE_PRIVATE_BUCKET).
OBJECT_STORE_PUBLIC_BUCKET = "ocop-media"
OBJECT_STORE_PRIVATE_BUCKET = "ocop-private"


@dataclass
class ObjectStore:
    endpoint: str
    prefix: str  # every key of the test's files starts with it
    client: object  # boto3's S3 client, with the key

    public_bucket: str = OBJECT_STORE_PUBLIC_BUCKET
    private_bucket: str = OBJECT_STORE_PRIVATE_BUCKET


@pytest.fixture
def object_storage(settings, monkeypatch):
    """Uploads in the real S3-compatible object store at OBJECT_STORE_TEST_URL (with its key:
    `scripts/object-store url`; .ci/run sets it): public files in its public bucket, private
    ones in its private bucket, both under a key prefix of this test's own, removed at the end.
    Skipped without it, unless OBJECT_STORE_REQUIRED is set (CI)."""
    url = os.environ.get("OBJECT_STORE_TEST_URL")
    if not url:
        if os.environ.get("OBJECT_STORE_REQUIRED"):
            pytest.fail("OBJECT_STORE_REQUIRED is set but OBJECT_STORE_TEST_URL is not")
        pytest.skip(
            "OBJECT_STORE_TEST_URL is not set: `scripts/object-store start`, "
            "then OBJECT_STORE_TEST_URL=$(scripts/object-store url)"
        )
    parts = urlsplit(url)
    endpoint = f"{parts.scheme}://{parts.hostname}:{parts.port}"
    options = {
        "endpoint_url": endpoint,
        "access_key": parts.username,
        "secret_key": parts.password,
        "region_name": "us-east-1",
        "addressing_style": "path",
        "signature_version": "s3v4",
    }
    store = ObjectStore(
        endpoint=endpoint,
        prefix=f"test-{uuid.uuid4().hex[:12]}",
        client=boto3.client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id=parts.username,
            aws_secret_access_key=parts.password,
            region_name="us-east-1",
            config=Config(s3={"addressing_style": "path"}),
        ),
    )
    settings.MEDIA_URL = f"{endpoint}/{store.public_bucket}/"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "core.object_storage.MediaStorage",
            "OPTIONS": {
                **options,
                "bucket_name": store.public_bucket,
                "location": store.prefix,
                "base_url": settings.MEDIA_URL,
            },
        },
        "private": {
            "BACKEND": "core.object_storage.PrivateStorage",
            "OPTIONS": {**options, "bucket_name": store.private_bucket, "location": store.prefix},
        },
    }
    settings.THUMBNAIL_STORAGE = "core.object_storage.MediaStorage"
    monkeypatch.setattr(thumbnail_default.storage, "_wrapped", empty)  # made again from the settings
    _storage_fields_refresh(monkeypatch)
    yield store
    for bucket in (store.public_bucket, store.private_bucket):
        listed = store.client.list_objects_v2(Bucket=bucket, Prefix=f"{store.prefix}/")
        for entry in listed.get("Contents", []):
            store.client.delete_object(Bucket=bucket, Key=entry["Key"])
    thumbnail_default.storage._wrapped = empty


def _migrated_state_restore(connection, django_db_blocker):
    """Empty the database and write back the copy Django kept of it as migrated (taken when a
    collected test asks for `serialized_rollback`); False when there is no copy."""
    contents = getattr(connection, "_test_serialized_contents", None)
    if not contents:
        return False
    with django_db_blocker.unblock():
        call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
        connection.creation.deserialize_db_from_string(contents)
    return True


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback"}


def _uses_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


@pytest.fixture(scope="session", autouse=True)
def restore_migration_data(request, django_db_setup, django_db_blocker):
    """Transactional tests (the stock race, the browser) end with a flush, which also empties
    what the migrations wrote: Wagtail's root page and site, the country, the default delivery
    rate. Those tests use `serialized_rollback`, so Django keeps a copy of the migrated
    database; it is written back at the end of the session (also removing the demo data a
    session loaded), and the next `--reuse-db` run starts from the migrated state again."""
    yield
    if not any(_uses_database(item) for item in request.session.items):
        return  # pytest-django made no test database: nothing to restore
    with django_db_blocker.unblock():
        emptied = not Page.objects.exists()
    if emptied or DEMO_LOADED:
        _migrated_state_restore(connection, django_db_blocker)


def pytest_collection_modifyitems(items):
    """Plain tests first, then those on the demo data (it stays in the database once loaded,
    and the others build their own world without it), then the transactional ones, which
    empty the database when they end."""

    def order(item):
        marker = item.get_closest_marker("django_db")
        transactional = bool(marker and marker.kwargs.get("transaction"))
        return (transactional, "demo_data" in getattr(item, "fixturenames", ()))

    items.sort(key=order)
    for item in items:
        if "demo_data" in getattr(item, "fixturenames", ()):
            # So that Django keeps a copy of the migrated database even in a run without
            # transactional tests, which `restore_migration_data` writes back at the end.
            marker = item.get_closest_marker("django_db")
            item.add_marker(
                pytest.mark.django_db(**{**(marker.kwargs if marker else {}), "serialized_rollback": True})
            )


DEMO_LOADED = False


@pytest.fixture(scope="session")
def demo_data(django_db_setup, django_db_blocker):
    """The demo catalogue, loaded once per session (the loader is idempotent), after the tests
    that do not use it, and taken away again at the end of the session."""
    global DEMO_LOADED
    with django_db_blocker.unblock():
        call_command("load_demo_data", verbosity=0)
    DEMO_LOADED = True


@pytest.fixture
def task_worker(settings, monkeypatch):
    """Tasks wait in the database (django-tasks-db) until the test calls `task_worker()`, which
    runs those due, as `manage.py tasks_worker --batch` does; mails go through the outbox to
    `mail.outbox`. `task_worker(worker_id=...)` names the worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "core.outbox.OutboxEmailBackend"
    settings.MARKETPLACE_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # The test runs inside a transaction, which the worker's own exclusive one on SQLite
    # ("BEGIN EXCLUSIVE") and its closing of old connections would end.
    monkeypatch.setattr(db_worker, "exclusive_transaction", transaction.atomic)
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def work(*, worker_id="test-worker"):
        call_command(
            "tasks_worker",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
            "--worker-id",
            worker_id,
            verbosity=0,
        )

    return work


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): ...` runs what waits for the commit (search index updates) at the
    end of the block, as if the test's transaction had committed there."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _stripe_mock_url(variable):
    import os

    url = os.environ.get(variable)
    if not url:
        if os.environ.get("STRIPE_MOCK_REQUIRED"):
            pytest.fail(f"STRIPE_MOCK_REQUIRED is set but {variable} is not")
        pytest.skip(f"{variable} is not set: scripts/run-tests starts stripe-mock when Go is installed")
    return url


STRIPE_TEST_SETTINGS = {
    "STRIPE_SECRET_KEY": "sk_test_123",
    "STRIPE_PUBLISHABLE_KEY": "pk_test_123",
    "STRIPE_WEBHOOK_SECRET": "whsec_test_secret",
}


@pytest.fixture
def stripe_approving(settings):
    """Card payments on, through the stripe-mock server that approves every payment."""
    for name, value in STRIPE_TEST_SETTINGS.items():
        setattr(settings, name, value)
    settings.STRIPE_API_BASE = _stripe_mock_url("STRIPE_MOCK_APPROVE_URL")
    return settings


@pytest.fixture
def stripe_confirming(settings):
    """Card payments on, through the stripe-mock server whose payments wait for the bank's
    3-D Secure step (status requires_action)."""
    for name, value in STRIPE_TEST_SETTINGS.items():
        setattr(settings, name, value)
    settings.STRIPE_API_BASE = _stripe_mock_url("STRIPE_MOCK_CONFIRM_URL")
    return settings


@pytest.fixture
def stripe_declining(settings):
    """Card payments on, through the stripe-mock server whose payments all end refused."""
    for name, value in STRIPE_TEST_SETTINGS.items():
        setattr(settings, name, value)
    settings.STRIPE_API_BASE = _stripe_mock_url("STRIPE_MOCK_URL")
    return settings


# Shopping: two producers' products, a commune to deliver to, and a shopper at the checkout.
Province = get_model("places", "Province")
Commune = get_model("places", "Commune")
Order = get_model("order", "Order")
Country = get_model("address", "Country")


@pytest.fixture
def commune(db):
    # Made by a data migration; created again after a transactional test has flushed it.
    Country.objects.get_or_create(
        iso_3166_1_a2="VN",
        defaults={
            "iso_3166_1_a3": "VNM",
            "printable_name": "Việt Nam",
            "name": "Việt Nam",
            "is_shipping_country": True,
        },
    )
    province, _ = Province.objects.get_or_create(
        code="T24", is_current=True, defaults={"name": "Bắc Ninh", "kind": "tỉnh"}
    )
    commune, _ = Commune.objects.get_or_create(
        code="T07210", defaults={"name": "Lục Ngạn", "kind": "xã", "province": province}
    )
    return commune


@pytest.fixture
def other_commune(db):
    province, _ = Province.objects.get_or_create(
        code="T01", is_current=True, defaults={"name": "Hà Nội", "kind": "thành phố"}
    )
    commune, _ = Commune.objects.get_or_create(
        code="T00004", defaults={"name": "Ba Đình", "kind": "phường", "province": province}
    )
    return commune


@pytest.fixture
def application_data(commune):
    """What a cooperative fills in on the public application form (onboarding:apply), less its papers."""
    return {
        "name": "HTX Gà đồi Thử nghiệm",
        "legal_type": "cooperative",
        "registration_number": "2400123456",
        "province": commune.province_id,
        "commune": commune.pk,
        "street_address": "Thôn Đồng Vương",
        "contact_name": "Trần Văn Bình",
        "phone": "0912 345 678",
        "email": "binh@htx-ga.example",
        "description": "Gà đồi thả vườn, chả gà.",
    }


@pytest.fixture
def products(db):
    """Two products from two producers: 150.000 ₫ and 90.000 ₫, 5 units each."""
    first = ProductFactory(
        title="Vải thiều thử",
        stockrecords__price=150000,
        stockrecords__num_in_stock=5,
        stockrecords__partner=ProducerFactory(name="HTX Vải"),
    )
    second = ProductFactory(
        title="Mật ong thử",
        stockrecords__price=90000,
        stockrecords__num_in_stock=5,
        stockrecords__partner=ProducerFactory(name="HTX Mật ong"),
    )
    return first, second


@pytest.fixture
def shopper(client, commune):
    return Shopper(client, commune)


@pytest.fixture
def producer_user(db):
    """producer_user(partner, email, **fields): a login for a producer, `partner.dashboard_access`,
    member of the producer's users."""

    def make(partner, email, **fields):
        return ProducerUserFactory(producer=partner, email=email, **fields)

    return make


@pytest.fixture
def office(db):
    """Promotion office staff (`is_staff`): office@ocop.example."""
    return StaffFactory()


@pytest.fixture
def superuser(db):
    """A superuser: staff@ocop.example."""
    return SuperuserFactory()


@pytest.fixture
def staff_client(client, superuser):
    """The test client, logged in as a superuser."""
    client.force_login(superuser)
    return client


PUBLIC_BASE_URL = "https://cho.ocop-bacgiang.vn"


@pytest.fixture
def public_host(settings, db):
    """The site deployed at PUBLIC_BASE_URL, its Django and Wagtail sites synced as `migrate`
    syncs them; both sites' caches are emptied again afterwards."""
    settings.MARKETPLACE_BASE_URL = PUBLIC_BASE_URL
    settings.OSCAR_URL_SCHEMA = "https"
    sites_sync()
    yield PUBLIC_BASE_URL
    DjangoSite.objects.clear_cache()
    WagtailSite.clear_site_root_paths_cache()
