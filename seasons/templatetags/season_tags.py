from django import template

from core.clock import vietnam_today
from seasons.selectors import spans
from seasons.wording import spans_text

register = template.Library()


@register.simple_tag
def product_harvest_text(product) -> str:
    """The product's harvests of this year as the product page's facts say them ("vụ sớm
    20/05–05/06, vụ chính 01/06–15/07"), or "" for a product without harvest windows: one query."""
    year = vietnam_today().year
    return spans_text(spans(product_ids=[product.pk], years=[year]).get(product.pk, []))
