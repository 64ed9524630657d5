"""Settings shared by every environment.

Values that differ between machines are read from the environment (django-environ);
`.env.example` lists every variable. Oscar's defaults come first so that the
marketplace's own choices below override them.
"""

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403
from wagtail.embeds import oembed_providers

# ---------------------------------------------------------------------------
# Paths and environment
# ---------------------------------------------------------------------------
PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "marketplace.page_cache.csrf_failure"
# Catalogue and product pages asked for without any cookie are the same for everyone: nginx
# keeps them this many seconds (0: never). See marketplace/page_cache.py.
MARKETPLACE_PAGE_CACHE_SECONDS = env.int("MARKETPLACE_PAGE_CACHE_SECONDS", default=5)
MARKETPLACE_PAGE_CACHE_VIEWS = ("catalogue:index", "catalogue:category", "catalogue:detail")

# ---------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    # Django's own widget templates, for FORM_RENDERER below.
    "django.forms",
]

# Oscar's apps in Oscar's order; the forks (catalogue, partner, checkout, search)
# replace Oscar's own entries so that get_class/get_model find them first.
OSCAR_APPS = [
    "oscar.config.Shop",
    "analytics.apps.AnalyticsConfig",
    "checkout.apps.CheckoutConfig",
    "address.apps.AddressConfig",
    "shipping.apps.ShippingConfig",
    "catalog.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "partner.apps.PartnerConfig",
    "oscar.apps.basket.apps.BasketConfig",
    "payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "order.apps.OrderConfig",
    "customer.apps.CustomerConfig",
    "search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "dashboard.orders.apps.OrdersDashboardConfig",
    "dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    # Oscar imports haystack's forms; the search fork answers every query, so
    # haystack stays installed but indexes nothing (see HAYSTACK_* below).
    "haystack",
    "treebeard",
    "django_tables2",
    "sorl.thumbnail",
]

WAGTAIL_APPS = [
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
]

LOCAL_APPS = [
    "marketplace",
    "core",
    "places",
    "onboarding",
    "sales",
    "spreadsheets",
    # Before traceability: a product out of its harvest season is held for that reason first
    # (partner.sale_holds: the first registered source wins).
    "seasons",
    "traceability",
    "fairs",
    "training",
    "preorders",
    "visits",
    "inquiries",
    "criteria",
    "evaluation",
    "programme",
    "cms",
    "demo",
]

# "ninja": django-ninja (Wagtail's dependency, our API) renders /api/docs with the Swagger UI
# files it ships in its static folder, not from a CDN, only when it is an installed app.
INSTALLED_APPS = DJANGO_APPS + OSCAR_APPS + WAGTAIL_APPS + ["hijack", "axes", "csp", "ninja"] + LOCAL_APPS

SITE_ID = 1

# ---------------------------------------------------------------------------
# Middleware, URLs, templates
# ---------------------------------------------------------------------------
MIDDLEWARE = [
    # First: every log line of the request carries nginx's request id.
    "marketplace.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy header of every page (CONTENT_SECURITY_POLICY below).
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "hijack.middleware.HijackUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Marks a cookie-less GET of a catalogue or product page for nginx's page cache.
    "marketplace.page_cache.AnonymousPageCacheMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Widgets render through the TEMPLATES engine, so marketplace/templates can override a widget
# template of Oscar or Wagtail (their inline scripts and handlers, refused by the
# Content-Security-Policy).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # `{% csrf_token %}` that leaves a page cacheable (marketplace/page_cache.py).
            "builtins": ["core.templatetags.csrf_deferrable"],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# Database: SQLite unless DATABASE_URL points elsewhere (PostgreSQL in production and CI)
# ---------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has one write lock and no row locks (see core/transactions.py). WAL lets pages
    # read while a writer works; a writer waits up to the busy timeout for the lock rather
    # than failing at once. Every explicit transaction takes the write lock when it begins,
    # so two checkouts cannot both read the same stock level before either writes
    # (order.utils). Requests that only read open no transaction: only the requests that
    # may write are atomic, by the middleware added below.
    DATABASES["default"]["ATOMIC_REQUESTS"] = False
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.float("MARKETPLACE_SQLITE_BUSY_TIMEOUT", default=20.0),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
    MIDDLEWARE.append("core.transactions.WritingRequestsAtomicMiddleware")
else:
    # Each thread of an application server keeps its connection between requests instead of
    # opening one per request (a new PostgreSQL backend process each time: measured in
    # benchmarks/README.md, load.py); one that broke meanwhile (a database restart, a failover)
    # is found by the health check at the next request's start and replaced.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=300)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# Each process's own memory by default; production sets CACHE_URL=redis://... so that every
# app server shares one cache and the rate limits count across them (django-redis, whose
# IGNORE_EXCEPTIONS lets a page go on, uncached, while Redis restarts).
CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://"),
}
CACHE_SHARED = not CACHES["default"]["BACKEND"].endswith("LocMemCache")
if CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache":
    CACHES["default"].setdefault("KEY_PREFIX", "ocop")
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "marketplace.cache"
# Sessions in the database alone, not read from the cache (cached_db): a cached copy goes stale
# whenever Redis misses a write, restarted or out of reach for a moment (django-redis ignores
# the failure), and once back it served the older session, sending a buyer back a step of the
# checkout (found by the fault drill, stackdrill). It costs one primary-key read per request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# ---------------------------------------------------------------------------
# Authentication
# ---------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # First: refuses every login of an address or account locked out after failed attempts.
    # AxesBackend rather than the standalone one: it can also load a user (Django's
    # ModelBackend), as Wagtail's test tools expect of the first backend.
    "axes.backends.AxesBackend",
    "core.authentication.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"
# Where the shop's own pages (Oscar's account pages, the password reset's last page) send a visitor
# to log in; the back office has its own (core.permissions.LOGIN_URL).
LOGIN_URL = "customer:login"

# Login throttling (django-axes) on every login form: the shop's, the dashboard's and Wagtail's.
# After 5 failed attempts from one address, or on one account, logins are refused for 15
# minutes (a lockout page in the visitor's language says so); a success resets the count.
AXES_FAILURE_LIMIT = env.int("MARKETPLACE_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("MARKETPLACE_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "marketplace/login_locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"

# ---------------------------------------------------------------------------
# Support sessions (django-hijack)
# ---------------------------------------------------------------------------
# Promotion staff act as one of a producer's users to help them, without their password.
# Who may act as whom, and the log of every session, live in core/support.py.
HIJACK_PERMISSION_CHECK = "core.support.support_session_allowed"
# The dashboard layout shows its own banner, in the visitor's language; django-hijack's
# notification (English only) would be added to every page a second time.
HIJACK_INSERT_BEFORE = None

# ---------------------------------------------------------------------------
# Language, time, money
# ---------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [
    ("vi", "Tiếng Việt"),
    ("en", "English"),
]
# Our own catalogue first (written by makemessages), then our completions of Oscar's
# Vietnamese catalogue, which makemessages must not treat as obsolete, then our Vietnamese for
# Wagtail's admin (Wagtail 8 ships ~130 strings): last, so that the two before it keep their
# wording for the msgids they share with Wagtail, yet before every app's own catalogue.
LOCALE_PATHS = [PROJECT_DIR / "locale", PROJECT_DIR / "locale_overrides", PROJECT_DIR / "locale_wagtail"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

# VND has no minor unit: prices are whole đồng, and Babel's "vi" format gives
# "150.000 ₫" (no-break space before ₫) through Oscar's `currency` filter.
OSCAR_DEFAULT_CURRENCY = "VND"
OSCAR_CURRENCY_FORMAT = {"VND": {"currency_digits": True}}

# ---------------------------------------------------------------------------
# Static and media files
# ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [PROJECT_DIR / "static"]
# Where browsers read uploaded files: /media/ (the web server's, or the development server's
# under DEBUG), or a bucket's or a CDN's address when files are in object storage (below);
# an absolute URL puts its host in the Content-Security-Policy's img-src.
MEDIA_URL = env("MARKETPLACE_MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Files only staff may read (producers' registration papers): outside MEDIA_ROOT, never
# served by the web server, handed out by views that check who asks.
PRIVATE_MEDIA_ROOT = env.path("MARKETPLACE_PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Or in S3-compatible object storage (core/object_storage.py; scripts/object-store runs
# SeaweedFS here), for app servers on several machines: public files in one bucket that anyone
# may read, private ones in another that only the key opens. Files on disk stay the default.
MEDIA_S3_BUCKET = env("MARKETPLACE_MEDIA_S3_BUCKET", default="")
PRIVATE_MEDIA_S3_BUCKET = env("MARKETPLACE_PRIVATE_MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET or PRIVATE_MEDIA_S3_BUCKET:
    MEDIA_S3_ENDPOINT_URL = env("MARKETPLACE_MEDIA_S3_ENDPOINT_URL", default="").rstrip("/")
    MEDIA_S3_OPTIONS = {
        "endpoint_url": MEDIA_S3_ENDPOINT_URL or None,  # None: Amazon S3
        "access_key": env("MARKETPLACE_MEDIA_S3_ACCESS_KEY_ID", default=""),
        "secret_key": env("MARKETPLACE_MEDIA_S3_SECRET_ACCESS_KEY", default=""),
        "region_name": env("MARKETPLACE_MEDIA_S3_REGION", default="us-east-1"),
        # Bucket in the path (SeaweedFS, MinIO), not in the host name.
        "addressing_style": env("MARKETPLACE_MEDIA_S3_ADDRESSING_STYLE", default="path"),
        "signature_version": "s3v4",
    }
if MEDIA_S3_BUCKET:
    if "MARKETPLACE_MEDIA_URL" not in env.ENVIRON:
        MEDIA_URL = (
            f"{MEDIA_S3_ENDPOINT_URL}/{MEDIA_S3_BUCKET}/"
            if MEDIA_S3_ENDPOINT_URL
            else f"https://{MEDIA_S3_BUCKET}.s3.amazonaws.com/"
        )
    STORAGES["default"] = {
        "BACKEND": "core.object_storage.MediaStorage",
        "OPTIONS": {**MEDIA_S3_OPTIONS, "bucket_name": MEDIA_S3_BUCKET, "base_url": MEDIA_URL},
    }
    # sorl-thumbnail makes its storage from the class alone, which then reads STORAGES.
    THUMBNAIL_STORAGE = "core.object_storage.MediaStorage"
if PRIVATE_MEDIA_S3_BUCKET:
    STORAGES["private"] = {
        "BACKEND": "core.object_storage.PrivateStorage",
        "OPTIONS": {**MEDIA_S3_OPTIONS, "bucket_name": PRIVATE_MEDIA_S3_BUCKET},
    }
# Uploads: each file field goes through core.uploads (type from the content, 10 MB, pictures of
# at most 40 megapixels, re-encoded). Files above 2.5 MB wait in a temporary file rather than
# in memory; a form's other fields may hold 2.5 MB. The whole request's size is capped by the
# web server (README, "Uploaded files": client_max_body_size).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_PERMISSIONS = 0o640
# Never let a browser guess a type (Django's default, said out loud).
SECURE_CONTENT_TYPE_NOSNIFF = True


# ---------------------------------------------------------------------------
# Content-Security-Policy (django-csp), enforced under every settings module
# ---------------------------------------------------------------------------
# Scripts come only from our origin, or inline with the request's nonce (`nonce="{{
# request.csp_nonce }}"`; the one inline script left runs Oscar's onbodyload blocks, in
# oscar/base.html). Inline event handlers (onclick=...) are refused: our overrides of Oscar's
# templates use data-action (marketplace/js/page-actions.js); Wagtail's inline start-up
# scripts are markers run by marketplace/js/wagtail-admin-init.js (marketplace/csp.py). Pages
# that take cards add Stripe's hosts for themselves (checkout/views.py, STRIPE_CSP).
# Responses that set their own policy keep it (django-csp never replaces a header): uploaded
# files (core.uploads.FILE_CSP), Wagtail's documents. Browser tests fail on any violation.


def _origin(url):
    """The scheme and host of an absolute URL ("https://media.example.com"), else None."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


# Static and media files from another host (a CDN, S3) when their URLs are absolute. Uploads
# are pictures to the policy, never scripts or styles.
CSP_STATIC_ORIGINS = [origin for origin in [_origin(STATIC_URL)] if origin]
CSP_MEDIA_ORIGINS = [origin for origin in [_origin(MEDIA_URL)] if origin]
# Video embeds (cms.blocks.VideoBlock): the oEmbed providers we ask (WAGTAILEMBEDS_FINDERS) and
# the hosts of the players their HTML puts in an iframe.
CSP_EMBED_FRAME_ORIGINS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE, *CSP_STATIC_ORIGINS],
        # 'unsafe-inline' for styles only: Wagtail's admin, Oscar's dashboard widgets (TinyMCE,
        # select2, the date pickers) and Swagger UI set style attributes and <style> elements.
        # Styles cannot run code; scripts stay nonce-only.
        "style-src": [SELF, UNSAFE_INLINE, *CSP_STATIC_ORIGINS],
        # data: for the small icons Oscar's, Wagtail's and Swagger UI's CSS inline.
        "img-src": [SELF, "data:", *CSP_STATIC_ORIGINS, *CSP_MEDIA_ORIGINS],
        "font-src": [SELF, *CSP_STATIC_ORIGINS],
        "connect-src": [SELF],
        # Wagtail's preview panel frames our own pages; videos frame their players.
        "frame-src": [SELF, *CSP_EMBED_FRAME_ORIGINS],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}

# ---------------------------------------------------------------------------
# Mail
# ---------------------------------------------------------------------------
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Every mail goes through the outbox (core/outbox.py): recorded with the transaction that
# decided it, then sent once by a task through the backend EMAIL_URL names.
MARKETPLACE_EMAIL_DELIVERY_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]
EMAIL_BACKEND = "core.outbox.OutboxEmailBackend"
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="OCOP Bắc Giang <no-reply@ocop.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL

# ---------------------------------------------------------------------------
# Oscar
# ---------------------------------------------------------------------------
OSCAR_SHOP_NAME = _("Bắc Giang OCOP Market")
OSCAR_SHOP_TAGLINE = _("Certified OCOP products, straight from where they are made")
# Oscar lives under /shop/; its own "home" redirects to the Wagtail home page.
OSCAR_HOMEPAGE = "/"
OSCAR_SLUG_FUNCTION = "core.vietnamese.slugify"
OSCAR_ALLOW_ANON_CHECKOUT = True
# A guest whose address has an account may still buy as a guest: refusing would tell an
# outsider which addresses are customers (checkout/forms.py GatewayForm, customer/accounts.py).
OSCAR_ALLOW_GUEST_CHECKOUT_WITH_ACCOUNT = True
# Signing up sends its own mail, with the link that activates the account (customer/accounts.py).
OSCAR_SEND_REGISTRATION_EMAIL = False
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_MAX_BASKET_QUANTITY_THRESHOLD = 1000
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
# Reviews come from buyers with an account, and wait for the OCOP office before they show.
OSCAR_ALLOW_ANON_REVIEWS = False
OSCAR_MODERATE_REVIEWS = True
# The dashboard menu: Oscar's default OSCAR_DASHBOARD_NAVIGATION, then our entries, is built
# in dashboard/menu.py (each entry shown to whom core.permissions says).
THUMBNAIL_DEBUG = False
THUMBNAIL_KEY_PREFIX = "ocop"
# Sorl's thumbnails, remembered by each process once made (catalog/thumbnailer.py).
OSCAR_THUMBNAILER = "catalog.thumbnailer.thumbnailer"

# Haystack stays installed because Oscar imports it; it must never index.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

# ---------------------------------------------------------------------------
# Wagtail
# ---------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Chợ OCOP Bắc Giang"
# The public address of the site, for links in mails (order status, VietQR image).
MARKETPLACE_BASE_URL = env("MARKETPLACE_BASE_URL", default="http://localhost:8000")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=MARKETPLACE_BASE_URL)
# Under the production settings a system check refuses the placeholder hosts (example.com,
# localhost) in MARKETPLACE_BASE_URL and in the Django and Wagtail sites (marketplace/sites.py).
MARKETPLACE_PUBLIC_HOST_REQUIRED = False
# Oscar's mails (the password reset) write links as OSCAR_URL_SCHEMA://<Django site's domain>.
OSCAR_URL_SCHEMA = urlsplit(MARKETPLACE_BASE_URL).scheme or "https"
# How many reverse proxies (nginx: 1) stand before the site: the buyer's address for rate
# limits is read that far from the right of X-Forwarded-For. 0: REMOTE_ADDR.
MARKETPLACE_TRUSTED_PROXIES = env.int("MARKETPLACE_TRUSTED_PROXIES", default=0)
# django-axes reads the same address: X-Forwarded-For only behind trusted proxies.
AXES_IPWARE_PROXY_COUNT = MARKETPLACE_TRUSTED_PROXIES or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if MARKETPLACE_TRUSTED_PROXIES else ("REMOTE_ADDR",)
)
# Where the public writes about a problem with a product (trace pages); empty: the producer.
MARKETPLACE_CONTACT_EMAIL = env("MARKETPLACE_CONTACT_EMAIL", default="")
# Page search: the database unless a search server is configured (see "Search" below).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "xlsx", "zip"]
# Documents always download (Wagtail would open PDFs in the page), through Wagtail's view with
# nosniff and "default-src 'none'".
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# Pictures only, never SVG; the same pixel and size limits as core.uploads.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Videos only from the providers whose players the Content-Security-Policy lets in a frame
# (CSP_EMBED_FRAME_ORIGINS); another address shows as a plain link (cms.blocks.VideoBlock).
WAGTAILEMBEDS_FINDERS = [
    {
        "class": "wagtail.embeds.finders.oembed",
        "providers": [oembed_providers.youtube, oembed_providers.vimeo],
    }
]
# No Gravatar pictures in Wagtail's admin: the policy lets in images of our origin only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail's sign-in form leaves its password field unlabelled ("Password" in English).
WAGTAILADMIN_USER_LOGIN_FORM = "cms.admin_forms.LoginForm"

# ---------------------------------------------------------------------------
# Background tasks (django-tasks): run at once unless a worker is configured
# ---------------------------------------------------------------------------
# Production: MARKETPLACE_TASK_BACKEND=django_tasks_db.DatabaseBackend, and `manage.py
# tasks_worker` running (deploy/systemd/ocop-worker.service); see core/tasks.py.
# /readyz answers 503 when the oldest waiting task has waited longer than this (seconds):
# tasks pile up when no worker runs.
MARKETPLACE_READY_TASK_DELAY = env.int("MARKETPLACE_READY_TASK_DELAY", default=600)
TASKS = {
    "default": {
        "BACKEND": env(
            "MARKETPLACE_TASK_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}

# ---------------------------------------------------------------------------
# Search (the marketplace's own layer in search/; see ARCHITECTURE.md)
# ---------------------------------------------------------------------------
SEARCH_BACKEND = env("SEARCH_BACKEND", default="database")  # database | elasticsearch | opensearch
# One node's address, or a cluster's nodes comma-separated (each request goes to one of them
# and moves on to the next when a node cannot be reached).
SEARCH_URL = env("SEARCH_URL", default="")
SEARCH_HOSTS = [host.strip() for host in SEARCH_URL.split(",") if host.strip()]
# Indices are named <prefix>-products (an alias) and <prefix>-pages-wagtailcore_page.
MARKETPLACE_SEARCH_INDEX_PREFIX = env("MARKETPLACE_SEARCH_INDEX_PREFIX", default="ocop")
# Seconds to wait for the engine before the database answers instead.
MARKETPLACE_SEARCH_TIMEOUT = env.float("MARKETPLACE_SEARCH_TIMEOUT", default=2.0)
# After a failure, the database answers alone for this many seconds before the engine is tried again.
MARKETPLACE_SEARCH_RETRY_AFTER = env.float("MARKETPLACE_SEARCH_RETRY_AFTER", default=30.0)
# Make index writes visible at once (tests); production leaves it to the engine's refresh interval.
MARKETPLACE_SEARCH_REFRESH = env.bool("MARKETPLACE_SEARCH_REFRESH", default=False)
# Seconds an index update after a save waits for the engine. With the immediate task backend
# it runs in the request (after the commit), so a hung engine delays a checkout by this much;
# a failed update is logged (retried later by a worker's backend) and the database answers.
MARKETPLACE_SEARCH_WRITE_TIMEOUT = env.float("MARKETPLACE_SEARCH_WRITE_TIMEOUT", default=1.0)

# Copies of each index shard on other nodes: 0 for one node (the test node; a replica could
# never be placed), 1 for a cluster of two or more (the stack's three), so that search keeps
# answering from the copies when a node is lost.
MARKETPLACE_SEARCH_REPLICAS = env.int("MARKETPLACE_SEARCH_REPLICAS", default=0)

# Wagtail's page search uses the same server when there is one; its database backend is kept
# up to date too, so page search can fall back to it.
WAGTAIL_SEARCH_ENGINE_BACKENDS = {
    "elasticsearch": "wagtail.search.backends.elasticsearch8",
    "opensearch": "wagtail.search.backends.opensearch3",  # opensearch-py 3 talks to OpenSearch 2 and 3
}
WAGTAIL_SEARCH_FOLDING = {
    "settings": {
        "index": {"number_of_replicas": MARKETPLACE_SEARCH_REPLICAS},
        "analysis": {
            "analyzer": {"default": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding"]}},
        },
    }
}
if SEARCH_BACKEND in WAGTAIL_SEARCH_ENGINE_BACKENDS:
    WAGTAILSEARCH_BACKENDS["database"] = WAGTAILSEARCH_BACKENDS["default"]
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": WAGTAIL_SEARCH_ENGINE_BACKENDS[SEARCH_BACKEND],
        "URLS": SEARCH_HOSTS,
        # Wagtail appends the model: ocop-pages-wagtailcore_page
        "INDEX": f"{MARKETPLACE_SEARCH_INDEX_PREFIX}-pages-",
        "TIMEOUT": int(MARKETPLACE_SEARCH_TIMEOUT) or 1,
        "OPTIONS": {"max_retries": max(len(SEARCH_HOSTS) - 1, 0)},
        # Tones ignored in page search too: "hoi cho" finds "Hội chợ".
        "INDEX_SETTINGS": WAGTAIL_SEARCH_FOLDING,
    }

# ---------------------------------------------------------------------------
# Orders and payments
# ---------------------------------------------------------------------------
# The order status is derived from the producers' parts (order.models.Order.derive_status):
# Oscar's pipeline lists the statuses but allows no hand-made transition.
# A Vietnamese address is a full name, a street line and a commune (address.forms); postcodes
# are not used in practice, so Oscar must not demand one.
OSCAR_REQUIRED_ADDRESS_FIELDS = ("last_name", "line1")
# Phone numbers are stored as E.164 and shown the Vietnamese way ("0912 345 678").
PHONENUMBER_DEFAULT_REGION = "VN"
PHONENUMBER_DEFAULT_FORMAT = "NATIONAL"
OSCAR_INITIAL_ORDER_STATUS = "placed"
OSCAR_INITIAL_LINE_STATUS = "placed"
OSCAR_ORDER_STATUS_PIPELINE = {
    status: () for status in ("placed", "confirmed", "partly-shipped", "shipped", "delivered", "cancelled")
}
OSCAR_LINE_STATUS_PIPELINE = {
    status: () for status in ("placed", "confirmed", "shipped", "delivered", "cancelled")
}

# Bank transfers (VietQR): the account buyers pay into. The bank is named by its NAPAS BIN.
MARKETPLACE_BANK_BIN = env("MARKETPLACE_BANK_BIN", default="970436")
MARKETPLACE_BANK_NAME = env("MARKETPLACE_BANK_NAME", default="Vietcombank")
MARKETPLACE_BANK_ACCOUNT = env("MARKETPLACE_BANK_ACCOUNT", default="0011004499999")
MARKETPLACE_BANK_ACCOUNT_NAME = env(
    "MARKETPLACE_BANK_ACCOUNT_NAME", default="TRUNG TAM XUC TIEN THUONG MAI (MINH HOA)"
)
# `load_demo_data` creates logins with known passwords (admin/admin): never in production.
MARKETPLACE_DEMO_DATA_ALLOWED = env.bool("MARKETPLACE_DEMO_DATA_ALLOWED", default=True)
# A guest (no account) buys at most this many of one product (partner.strategy).
MARKETPLACE_GUEST_MAX_QUANTITY = env.int("MARKETPLACE_GUEST_MAX_QUANTITY", default=20)
# Unpaid orders give their stock back after these many hours (`manage.py orders_release_unpaid`).
MARKETPLACE_TRANSFER_HOURS = env.int("MARKETPLACE_TRANSFER_HOURS", default=48)
MARKETPLACE_CARD_PAYMENT_HOURS = env.int("MARKETPLACE_CARD_PAYMENT_HOURS", default=1)
# A producer's part of a cash-on-delivery order that the producer has not confirmed within
# these many hours is cancelled and its stock goes back on sale (same command).
MARKETPLACE_COD_CONFIRM_HOURS = env.int("MARKETPLACE_COD_CONFIRM_HOURS", default=72)
# Orders one address or one phone number may place in an hour (checkout).
MARKETPLACE_CHECKOUT_RATE_LIMIT = env.int("MARKETPLACE_CHECKOUT_RATE_LIMIT", default=5)

# Cards through Stripe: offered only when the keys are set. STRIPE_API_BASE points the client
# at another address (the stripe-mock server in development and tests).
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="")

# ---------------------------------------------------------------------------
# Logging
# ---------------------------------------------------------------------------
# One line per record on the console (systemd's journal, gunicorn's stderr): "plain" for a
# person at a terminal, "json" for a log collector (production's default). Each line carries
# the request id nginx gave the request (marketplace/observability.py).
MARKETPLACE_LOG_FORMAT = env("MARKETPLACE_LOG_FORMAT", default="plain")  # plain | json
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "marketplace.observability.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(process)d %(message)s",
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "timestamp": False,
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": MARKETPLACE_LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own console handler would print its messages a second time.
        "django": {"handlers": [], "level": "INFO"},
        "django.db.backends": {"level": "WARNING"},
        "sorl.thumbnail": {"level": "ERROR"},
        # django-axes logs each failed login at INFO, and lockouts at WARNING.
        "axes": {"level": "WARNING"},
        # The search clients log every request at INFO.
        "opensearch": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
    },
}
