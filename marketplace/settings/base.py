"""Settings shared by every environment.

Values that differ between machines are read from the environment (django-environ);
`.env.example` lists every variable. Oscar's defaults come first so that the
marketplace's own choices below override them.
"""

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403

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
    "traceability",
    "fairs",
    "inquiries",
    "programme",
    "cms",
    "demo",
]

INSTALLED_APPS = DJANGO_APPS + OSCAR_APPS + WAGTAIL_APPS + ["hijack", "axes"] + LOCAL_APPS

SITE_ID = 1

# ---------------------------------------------------------------------------
# Middleware, URLs, templates
# ---------------------------------------------------------------------------
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
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
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
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
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://"),
}

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
# Vietnamese catalogue, which makemessages must not treat as obsolete.
LOCALE_PATHS = [PROJECT_DIR / "locale", PROJECT_DIR / "locale_overrides"]
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
MEDIA_URL = "/media/"
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
# Mail
# ---------------------------------------------------------------------------
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
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

# ---------------------------------------------------------------------------
# Background tasks (django-tasks): run at once unless a worker is configured
# ---------------------------------------------------------------------------
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
SEARCH_URL = env("SEARCH_URL", default="")
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

# Wagtail's page search uses the same server when there is one; its database backend is kept
# up to date too, so page search can fall back to it.
WAGTAIL_SEARCH_ENGINE_BACKENDS = {
    "elasticsearch": "wagtail.search.backends.elasticsearch8",
    "opensearch": "wagtail.search.backends.opensearch3",  # opensearch-py 3 talks to OpenSearch 2 and 3
}
WAGTAIL_SEARCH_FOLDING = {
    "settings": {
        "analysis": {
            "analyzer": {"default": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding"]}},
        }
    }
}
if SEARCH_BACKEND in WAGTAIL_SEARCH_ENGINE_BACKENDS:
    WAGTAILSEARCH_BACKENDS["database"] = WAGTAILSEARCH_BACKENDS["default"]
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": WAGTAIL_SEARCH_ENGINE_BACKENDS[SEARCH_BACKEND],
        "URLS": [SEARCH_URL],
        # Wagtail appends the model: ocop-pages-wagtailcore_page
        "INDEX": f"{MARKETPLACE_SEARCH_INDEX_PREFIX}-pages-",
        "TIMEOUT": int(MARKETPLACE_SEARCH_TIMEOUT) or 1,
        "OPTIONS": {"max_retries": 0},
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
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
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
