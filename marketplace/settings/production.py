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
# A public host in the sites' links (marketplace/checks.py). `scripts/run-stack`, the
# production-shaped stack on one machine, serves 127.0.0.1 and turns this off.
MARKETPLACE_PUBLIC_HOST_REQUIRED = env.bool("MARKETPLACE_PUBLIC_HOST_REQUIRED", default=True)

# The demo's logins have passwords everyone knows (demo/management/commands/load_demo_data.py);
# only the local stack, which is a demonstration, turns this on.
MARKETPLACE_DEMO_DATA_ALLOWED = env.bool("MARKETPLACE_DEMO_DATA_ALLOWED", default=False)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# The load balancer's health checks may come over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# Cookies only over HTTPS. The local stack (plain HTTP on 127.0.0.1) sets DJANGO_SECURE_COOKIES=false.
SECURE_COOKIES = env.bool("DJANGO_SECURE_COOKIES", default=True)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
OSCAR_BASKET_COOKIE_SECURE = SECURE_COOKIES
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = SECURE_COOKIES

# Logs as JSON lines for the collector, unless the operator asks for plain ones.
LOGGING["handlers"]["console"]["formatter"] = env("MARKETPLACE_LOG_FORMAT", default="json")  # noqa: F405

# WhiteNoise serves the collected static files straight from the app server.
_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")  # noqa: F405
MIDDLEWARE.insert(_security + 1, "whitenoise.middleware.WhiteNoiseMiddleware")  # noqa: F405

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Mails, index updates and thumbnails wait in the database for the task worker
# (`manage.py tasks_worker`, deploy/systemd/ocop-worker.service); no request waits on them.
TASKS = {
    "default": {"BACKEND": env("MARKETPLACE_TASK_BACKEND", default="django_tasks_db.DatabaseBackend")},
}
