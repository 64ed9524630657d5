"""Tests: fast hashing, mails kept in memory, tasks run at once, no outside calls."""

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, env

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105  the tests' settings only
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests that go through the outbox (tests/core/test_outbox.py) deliver to the same memory.
MARKETPLACE_EMAIL_DELIVERY_BACKEND = EMAIL_BACKEND
MARKETPLACE_SEARCH_REFRESH = True
MARKETPLACE_SEARCH_INDEX_PREFIX = "test-ocop"
# A busy two-core machine can take more than production's 1 s to create an index; a test
# result must not depend on the machine's load. Tests of the timeout itself set their own.
MARKETPLACE_SEARCH_WRITE_TIMEOUT = 10.0
# Fixtures place many orders from one test client; the rate limit's own tests lower it.
MARKETPLACE_CHECKOUT_RATE_LIMIT = 1000
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, so that `--reuse-db` keeps the migrated database between runs.
    # DJANGO_TEST_SQLITE names another file, for two test runs side by side.
    DATABASES["default"]["TEST"] = {
        "NAME": env("DJANGO_TEST_SQLITE", default=str(BASE_DIR / "test-db.sqlite3"))
    }
# MEDIA_ROOT and the private storage's folder: each test has its own under its tmp_path
# (tests/conftest.py, `media_storage`).
LOGGING["loggers"]["django_tasks"] = {"level": "WARNING"}  # noqa: F405  one line per index update otherwise
