"""The trace pages of a product's lots, for the product page."""

from dataclasses import dataclass

from django import template
from django.apps import apps
from wagtail.models import Locale

from seasons.selectors import season_on
from seasons.wording import harvest_text
from traceability.selectors import lot_recent_for_product

register = template.Library()

RECENT_LOTS = 5


@register.simple_tag
def product_recent_lots(product):
    """The product's newest published lots (at most five), each with its public trace page."""
    return lot_recent_for_product(product_id=product.pk, limit=RECENT_LOTS)


@dataclass(frozen=True)
class LotHarvest:
    text: str  # "Thu hoạch vụ chính 2026 (01/06–15/07)"
    product_url: str  # the product page's harvest windows (#mua-vu)
    calendar_url: str  # the harvest calendar page, "" when the site has none


def harvest_calendar_url() -> str:
    """The live harvest calendar page in the page's language (else in any), found by its type
    through the app registry: traceability does not import cms, which sits above it."""
    Calendar = apps.get_model("cms", "HarvestCalendarPage")
    pages = Calendar.objects.live().public()
    page = pages.filter(locale=Locale.get_active()).first() or pages.first()
    return page.url if page else ""


@register.simple_tag
def lot_harvest(lot):
    """The harvest `lot` was picked in, by its product's harvest windows, or None (a product
    without windows, or a lot made out of them)."""
    span = season_on(product_id=lot.product_id, on=lot.produced_on)
    if span is None:
        return None
    return LotHarvest(
        text=harvest_text(span),
        product_url=lot.product.get_absolute_url() + "#mua-vu",
        calendar_url=harvest_calendar_url(),
    )
