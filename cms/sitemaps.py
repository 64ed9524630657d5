"""`sitemap.xml`: Wagtail's live pages and the shop's public products, in both languages."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from oscar.core.loading import get_model
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

Product = get_model("catalogue", "Product")


class ProductSitemap(Sitemap):
    """The public, browsable products, under `/shop/` in Vietnamese and `/en/shop/` in English."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    @property
    def protocol(self):
        """MARKETPLACE_BASE_URL's scheme (the host is the Django site's), not the request's."""
        return urlsplit(settings.MARKETPLACE_BASE_URL).scheme or "https"

    def items(self):
        return Product.objects.browsable().order_by("pk")

    def lastmod(self, product):
        return product.date_updated

    def location(self, product):
        return product.get_absolute_url()


SITEMAPS = {"pages": WagtailSitemap, "products": ProductSitemap}


def sitemap(request):
    """Wagtail's sitemap view with the products added.

    The template is this app's copy of Django's, since `django.contrib.sitemaps` itself is not
    an installed app."""
    return wagtail_sitemap(request, sitemaps=SITEMAPS, template_name="cms/sitemap.xml")
