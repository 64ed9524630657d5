from django import template

from core.clock import vietnam_today
from seasons.selectors import spans
from seasons.wording import spans_text

register = template.Library()


@register.simple_tag
def product_harvest_text(product) -> str:
    """The product's harvests of the running or next harvest year as the product page's facts
    say them ("vụ sớm 20/05–05/06, vụ chính 01/06–15/07"), or "" for a product without
    harvest windows: one query. In December that is next year's, with next year's own windows."""
    today = vietnam_today()
    found = spans(product_ids=[product.pk], years=range(today.year - 1, today.year + 2)).get(product.pk, [])
    coming = [span for span in found if span.ends_on >= today]
    if not coming:
        return ""
    year = coming[0].starts_on.year
    return spans_text([span for span in found if span.starts_on.year == year])
