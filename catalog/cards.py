"""Product grids of the listing pages, rendered once and kept in the cache; the product page's
product with what it shows, and the header's product groups, kept the same way.

A listing page (catalogue, product group, search) shows up to 24 product cards; building their
products (five queries and a few hundred model instances) and rendering the cards was most of
the page's time. A grid shows the same HTML to every shopper for the same hits, so it is kept
under a key made of:

- the cards' version, a token every write that can change a card replaces (`core.caching`):
  products, their photos, groups, classes, recommendations and reviews; stock records (Oscar's
  allocations send the same signal); producers; certificates; the place names of origins;
  lots (a product whose every published lot has expired is not sold: `partner.sale_holds`);
  harvest windows (a product out of season is not sold either);
- the language, today's date (certificates, fairs and lots' use-by dates run by date: a lot
  expiring overnight changes no row, the date in the key does it), whether the shopper is
  logged in (a guest's purchase limit), whether the page goes to nginx's shared cache (its
  forms' CSRF fields are left for the browser to fill: `marketplace/page_cache.py`);
- the fair prices running today (the shop's strategy reads them once per request anyway);
- the hits: product ids in page order with their highlighted name and snippet.

The add-to-basket forms carry each shopper's own CSRF token: the grid is stored with a marker
in its place, and the marker is replaced with the request's token when the grid is shown.
The timeout bounds how long another process's own cache (the default per-process one, when
several processes serve) can show an old card.
"""

import hashlib
import secrets
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation
from oscar.core.loading import get_model

from catalog.selectors import product_detail_queryset, product_group_list
from core.caching import cache_forget
from core.localized import localized

VERSION_KEY = "catalog:cards-version"
GRID_KEY = "catalog:cards-grid:{}"
GROUP_LINKS_KEY = "catalog:group-links:{}:{}"
PRODUCT_PAGE_KEY = "catalog:product-page:{}:{}"
GRID_TIMEOUT = 5 * 60
# Stands for the request's CSRF token in a stored grid: letters only, as the tokens are, so
# HTML escaping leaves it as it is.
CSRF_MARKER = "csrfmarkerNOTATOKENmarkercsrf"

CARD_MODELS = (
    ("catalogue", "Product"),
    ("catalogue", "ProductImage"),
    ("catalogue", "ProductCategory"),
    ("catalogue", "Category"),
    ("catalogue", "ProductClass"),
    ("catalogue", "Certificate"),
    ("catalogue", "ProductRecommendation"),
    ("reviews", "ProductReview"),
    ("partner", "Partner"),
    ("partner", "StockRecord"),
    ("places", "Province"),
    ("places", "District"),
    ("places", "Commune"),
    # The product page's GTIN (product_detail_queryset reads it with the product).
    ("traceability", "TradeItem"),
    # Whether a product is on hold because its lots expired (the cards show it).
    ("traceability", "Lot"),
    # Whether a product is out of season, and until when (the cards show it).
    ("seasons", "HarvestWindow"),
)


def cards_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = secrets.token_hex(8)
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def cards_forget(**kwargs) -> None:
    """Every stored grid is out of date: a new version is drawn when next asked for."""
    cache_forget(VERSION_KEY)


def cards_receivers_connect() -> None:
    """Called from `CatalogueConfig.ready()`."""
    for app_label, name in CARD_MODELS:
        model = get_model(app_label, name)
        for signal in (post_save, post_delete):
            signal.connect(cards_forget, sender=model, dispatch_uid=f"catalog_cards_{model._meta.label}")
    Product = get_model("catalogue", "Product")
    m2m_changed.connect(cards_forget, sender=Product.categories.through, dispatch_uid="catalog_cards_m2m")


def grid_key(request, hits, *, deferred: bool = False) -> str:
    strategy = getattr(request, "strategy", None)
    fair_prices = strategy.fair_prices() if hasattr(strategy, "fair_prices") else {}
    parts = (
        cards_version(),
        translation.get_language(),
        timezone.localdate().isoformat(),
        request.user.is_authenticated,
        deferred,
        sorted(fair_prices.items()),
        [(hit.pk, hit.name_html, hit.snippet_html) for hit in hits],
    )
    return GRID_KEY.format(hashlib.sha256(repr(parts).encode()).hexdigest())


def grid_cached(key: str) -> str | None:
    return cache.get(key)


def grid_store(key: str, html: str) -> None:
    cache.set(key, html, GRID_TIMEOUT)


@dataclass(frozen=True)
class GroupLink:
    """`name` in the page's language; `lang` is the language it fell back to ("vi" on the
    English site for a group without an English name), or "" (`core.localized`)."""

    name: str
    url: str
    lang: str = ""


def product_group_link_list() -> list[GroupLink]:
    """The OCOP product groups of the site's navigation (`product_group_list`: top-level groups
    with products on sale), kept with the cards' version since groups and products are among
    what it follows."""
    key = GROUP_LINKS_KEY.format(cards_version(), translation.get_language())
    links = cache.get(key)
    if links is None:
        links = [_group_link(group) for group in product_group_list()]
        cache.set(key, links, GRID_TIMEOUT)
    return links


def _group_link(group) -> GroupLink:
    name = localized(group, "name")
    return GroupLink(
        name=name.text, url=group.get_absolute_url(), lang=name.language if name.fell_back else ""
    )


def product_detail_cached(*, pk: int):
    """The product page's product (`catalog.selectors.product_detail_queryset`: its photos,
    groups, stock records with their producer, certificates, origin), from the cache while the
    cards' version holds, since the same writes change it; None when there is no such product.

    Building it was a third of the page's time: five queries and their model instances.
    The cached product holds nothing that depends on the date: its lots and whether it can be
    bought (a lot past its use-by date) are read for each request by the page's template tag
    and the shop's strategy, so a lot that expires overnight shows at once."""
    key = PRODUCT_PAGE_KEY.format(cards_version(), pk)
    product = cache.get(key)
    if product is None:
        product = product_detail_queryset().filter(pk=pk).first()
        if product is None:
            return None
        cache.set(key, product, GRID_TIMEOUT)
    return product
