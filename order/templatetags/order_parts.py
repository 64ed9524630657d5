from django import template

from order import fulfilment

register = template.Library()


@register.inclusion_tag("order/partials/order_parts.html")
def order_parts(order):
    """The order producer by producer (thank-you, status and account pages)."""
    lines = {}
    for line in order.lines.select_related("product", "partner", "lot__product__trade_item").order_by("pk"):
        lines.setdefault(line.partner_id, []).append(line)
    parts = order.fulfilments.select_related("partner").order_by("partner__name")
    return {"order": order, "parts": [(part, lines.get(part.partner_id, [])) for part in parts]}


@register.simple_tag
def lots_to_ship(part):
    """[(line, lots)] for the ship form of a producer's part."""
    return fulfilment.fulfilment_lots_to_ship(part=part)
