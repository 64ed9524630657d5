"""The running fair prices, kept in the cache for the day.

Every page that prices a product asks the shop's strategy, which asks for the fair prices
running today (`partner.pricing`): two queries and a subquery through Wagtail's view
restrictions, on the catalogue, product, basket and home pages alike. They change only with a
fair's page (published, moved, restricted), a booth application, a listing, or a product or
stock record shown there, and with the date, so they are cached with today's date and dropped
by those writes (`core.caching`).
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from oscar.core.loading import get_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

from core.caching import cache_forget
from core.clock import vietnam_today
from fairs.models import BoothApplication, FairListing, FairPage
from fairs.selectors import fair_prices_running
from partner.pricing import RunningFairPrice

CACHE_KEY = "fairs:prices-running"
CACHE_TIMEOUT = 10 * 60


def fair_prices_running_cached() -> dict[int, RunningFairPrice]:
    """`fairs.selectors.fair_prices_running()` for today, from the cache when it has them."""
    today = vietnam_today()
    known = cache.get(CACHE_KEY)
    if known is not None and known[0] == today:
        return known[1]
    prices = fair_prices_running(today=today)
    cache.set(CACHE_KEY, (today, prices), CACHE_TIMEOUT)
    return prices


def fair_prices_forget(**kwargs) -> None:
    cache_forget(CACHE_KEY)


def fair_prices_receivers_connect() -> None:
    """Called from `FairsConfig.ready()`."""
    models = (
        FairListing,
        BoothApplication,
        FairPage,
        Page,
        PageViewRestriction,
        get_model("catalogue", "Product"),
        get_model("partner", "StockRecord"),
    )
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(fair_prices_forget, sender=model, dispatch_uid=f"fairs_prices_{model._meta.label}")
    post_page_move.connect(fair_prices_forget, dispatch_uid="fairs_prices_move")
