"""Production: every secret from the environment, HTTPS only, PostgreSQL expected.

Refuses to start without DJANGO_SECRET_KEY rather than run with a guessable key.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set: the production settings refuse to start without a secret key."
    )
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
MARKETPLACE_PUBLIC_HOST_REQUIRED = True

# The demo's logins have passwords everyone knows (demo/management/commands/load_demo_data.py).
MARKETPLACE_DEMO_DATA_ALLOWED = False

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
OSCAR_BASKET_COOKIE_SECURE = True
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = True

# WhiteNoise serves the collected static files straight from the app server.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Mails, index updates and thumbnails wait in the database for the task worker
# (`manage.py tasks_worker`, deploy/systemd/ocop-worker.service); no request waits on them.
TASKS = {
    "default": {"BACKEND": env("MARKETPLACE_TASK_BACKEND", default="django_tasks_db.DatabaseBackend")},
}
