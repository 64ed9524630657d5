"""URLs: admin areas without a language prefix; the shop and Wagtail's pages with one.

Vietnamese is served without a prefix (`/`), English under `/en/`. Oscar sits under
`/shop/`, and Wagtail's catch-all comes last so that it never shadows the shop.
"""

from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views import defaults as default_views
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.sitemaps import sitemap as cms_sitemap
from core.uploads import media_serve
from marketplace.api import api
from marketplace.health import healthz, readyz
from marketplace.page_cache import csrf_token_issue
from order.card_events import stripe_webhook

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("csrf-token/", csrf_token_issue, name="csrf-token"),
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", cms_sitemap),
    path("hijack/", include("hijack.urls")),
    # Stripe posts here whatever the language: outside the prefixed patterns.
    path("payments/stripe/webhook/", stripe_webhook, name="stripe-webhook"),
    path("api/", api.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # Uploads with the headers production's web server must send too (README, "Uploaded files"):
    # never rendered as a page, documents downloaded.
    # From the default storage, on disk or in a bucket (nothing when MEDIA_URL is a bucket's address).
    urlpatterns += static(settings.MEDIA_URL, media_serve)
    urlpatterns += [path("404/", default_views.page_not_found, kwargs={"exception": Exception("404")})]

urlpatterns += i18n_patterns(
    # Inside the prefixed patterns, so that the page being left resolves in its own language
    # before Wagtail's catch-all could claim it.
    path("i18n/setlang/", set_language, name="set_language"),
    path("shop/orders/", include("order.urls")),
    path("shop/places/", include("places.urls")),
    path("shop/producers/", include("onboarding.urls")),
    path("shop/inquiries/", include("inquiries.urls")),
    path("shop/training/", include("training.urls")),
    path("tham-quan/", include("visits.urls")),
    path("dat-truoc/", include("preorders.urls")),
    # Our own back-office pages: each app's `<app>/dashboard/urls.py`, in its own namespace,
    # beside Oscar's dashboard (mounted below); the catalogue's beside Oscar's catalogue pages.
    path("shop/dashboard/catalogue/", include("catalog.dashboard.urls")),
    path("shop/dashboard/orders-and-payments/", include("order.dashboard.urls")),
    path("shop/dashboard/producers/", include("onboarding.dashboard.urls")),
    path("shop/dashboard/figures/", include("sales.dashboard.urls")),
    path("shop/dashboard/listings/", include("spreadsheets.dashboard.urls")),
    path("shop/dashboard/lots/", include("traceability.dashboard.urls")),
    path("shop/dashboard/seasons/", include("seasons.dashboard.urls")),
    path("shop/dashboard/fairs/", include("fairs.dashboard.urls")),
    path("shop/dashboard/training/", include("training.dashboard.urls")),
    path("shop/dashboard/visits/", include("visits.dashboard.urls")),
    path("shop/dashboard/preorders/", include("preorders.dashboard.urls")),
    path("shop/dashboard/evaluation/", include("evaluation.dashboard.urls")),
    path("shop/dashboard/criteria/", include("criteria.dashboard.urls")),
    path("shop/dashboard/inquiries/", include("inquiries.dashboard.urls")),
    path("shop/dashboard/programme/", include("programme.dashboard.urls")),
    path("shop/dashboard/tasks/", include("core.dashboard.urls")),
    # Printed on packs: short, stable, and in Vietnamese without a prefix.
    path("", include("traceability.urls")),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
