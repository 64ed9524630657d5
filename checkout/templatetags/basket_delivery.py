"""The basket page's delivery fees, producer by producer (one fee each, free above an amount)."""

from django import template
from oscar.core.loading import get_class

register = template.Library()

producer_charges_of = get_class("shipping.methods", "producer_charges")


@register.simple_tag
def producer_charges(basket):
    """[ProducerCharge] of the basket, for its summary and free-delivery hints."""
    return producer_charges_of(basket)
