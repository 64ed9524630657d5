"""The trace pages of a product's lots, for the product page."""

from django import template

from traceability.selectors import lot_recent_for_product

register = template.Library()

RECENT_LOTS = 5


@register.simple_tag
def product_recent_lots(product):
    """The product's newest published lots (at most five), each with its public trace page."""
    return lot_recent_for_product(product_id=product.pk, limit=RECENT_LOTS)
