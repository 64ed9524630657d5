"""schema.org JSON-LD for the head of public pages, built from dicts, never by concatenation."""

from django import template
from django.utils.text import Truncator

from core.html import html_text
from core.jsonld import json_ld_script
from core.localized import localized
from traceability.selectors import trade_item_of

register = template.Library()


@register.simple_tag
def json_ld(data):
    """`<script type="application/ld+json">` holding `data`; nothing when there is no data."""
    if not data:
        return ""
    return json_ld_script(data)


@register.simple_tag(takes_context=True)
def page_json_ld(context, page):
    request = context.get("request")
    structured_data = getattr(page, "structured_data", None)
    return json_ld(structured_data(request) if structured_data and request else None)


SCHEMA_IN_STOCK = "https://schema.org/InStock"
SCHEMA_OUT_OF_STOCK = "https://schema.org/OutOfStock"


def product_structured_data(*, request, product) -> dict:
    """A schema.org Product with its Offer: the price in VND, whether it can be bought, and
    the producer who sells it. No ratings: the shop has no reviews to back them."""
    url = request.build_absolute_uri(product.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": localized(product, "title").text,
        "url": url,
    }
    description = Truncator(html_text(localized(product, "description").text)).chars(500)
    if description:
        data["description"] = description
    if product.upc:
        data["sku"] = product.upc
    # The GTIN only from the trade item, where it is checked (check digit, one product each):
    # the UPC field holds the producer's own code, which may be all digits and is no GTIN.
    trade_item = trade_item_of(product)
    if trade_item is not None and trade_item.gtin:
        data["gtin14"] = trade_item.gtin14
    image = product.primary_image()
    if image and getattr(image, "original", None):
        data["image"] = [request.build_absolute_uri(image.original.url)]
    categories = [localized(category, "name").text for category in product.get_categories()]
    if categories:
        data["category"] = categories[0]
    info = request.strategy.fetch_for_product(product)
    if info.price.exists and info.price.is_tax_known:
        offer = {
            "@type": "Offer",
            "url": url,
            "price": f"{info.price.incl_tax:.0f}",
            "priceCurrency": info.price.currency or "VND",
            "availability": SCHEMA_IN_STOCK if info.availability.is_available_to_buy else SCHEMA_OUT_OF_STOCK,
        }
        if info.stockrecord and info.stockrecord.partner_id:
            producer = info.stockrecord.partner
            producer_name = localized(producer, "name").text
            offer["seller"] = {"@type": "Organization", "name": producer_name}
            data["brand"] = {"@type": "Brand", "name": producer_name}
        data["offers"] = offer
    return data


@register.simple_tag(takes_context=True)
def product_json_ld(context, product):
    request = context.get("request")
    if request is None or product is None:
        return ""
    return json_ld(product_structured_data(request=request, product=product))
