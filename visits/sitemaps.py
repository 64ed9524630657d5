"""The booking pages of the sessions to come, in both languages (listed in `sitemap.xml` beside
cms's pages and products: `VisitsConfig.ready()` adds this class to `cms.sitemaps.SITEMAPS`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from visits.models import VisitSession


class VisitSessionSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    @property
    def protocol(self):
        return urlsplit(settings.MARKETPLACE_BASE_URL).scheme or "https"

    def items(self):
        return VisitSession.objects.filter(
            is_cancelled=False, starts_at__gt=timezone.now(), product__is_public=True
        ).order_by("starts_at", "pk")

    def lastmod(self, session):
        return session.updated_at

    def location(self, session):
        return reverse("visits:book", kwargs={"pk": session.pk})
