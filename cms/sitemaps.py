"""`sitemap.xml`: Wagtail's live pages and the shop's public products, in both languages,
each with its versions in the other language as `<xhtml:link rel="alternate" hreflang>`."""

from collections import defaultdict
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from oscar.core.loading import get_model
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

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


class PageSitemap(WagtailSitemap):
    """Wagtail's live public pages of the site in every language: the Vietnamese home's tree and
    its translations' (Wagtail's own sitemap lists only the tree of the site's root page, the
    Vietnamese). A page with a live translation lists every version as an alternate, with
    `x-default` on the Vietnamese one; a page not translated yet has only its own address."""

    def items(self):
        root = self.get_wagtail_site().root_page
        homes = Page.objects.filter(translation_key=root.translation_key)
        in_trees = Q()
        for home in homes:
            in_trees |= Q(path__startswith=home.path)
        return (
            Page.objects.filter(in_trees)
            .live()
            .public()
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _alternates(self) -> dict:
        """translation key -> [(language code, address)] of the live versions in this sitemap."""
        versions = defaultdict(list)
        for page in self.items():
            versions[page.translation_key].append(
                (page.locale.language_code, page.get_full_url(self.request))
            )
        return versions

    def _urls(self, page, protocol, domain):
        versions = self._alternates()
        urls, last_mods = [], set()
        for item in self.paginator.page(page).object_list:
            alternates = sorted(versions.get(item.translation_key, []))
            for url_info in item.get_sitemap_urls(self.request):
                if len(alternates) > 1:
                    url_info = {**url_info, "alternates": _hreflang(alternates)}
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def _hreflang(alternates: list[tuple[str, str]]) -> list[dict]:
    links = [{"lang_code": language, "location": location} for language, location in alternates]
    default = dict(alternates).get(settings.LANGUAGE_CODE)
    if default:
        links.append({"lang_code": "x-default", "location": default})
    return links


SITEMAPS = {"pages": PageSitemap, "products": ProductSitemap}


def sitemap(request):
    """Wagtail's sitemap view with the products added.

    The template is this app's copy of Django's, since `django.contrib.sitemaps` itself is not
    an installed app."""
    return wagtail_sitemap(request, sitemaps=SITEMAPS, template_name="cms/sitemap.xml")
