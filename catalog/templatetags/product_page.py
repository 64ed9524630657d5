"""`{{ availability|quantity_max }}`: the most of a product one basket may take now (what is
in stock, and a guest's limit), the quantity stepper's `max`; None when nothing caps it."""

from django import template

register = template.Library()


@register.filter
def quantity_max(availability) -> int | None:
    # partner.strategy's GuestQuantityLimit wraps Oscar's stock policy; Oscar's StockRequired
    # knows `num_available`; a policy without a count (no stock tracking) caps nothing.
    limits = []
    policy = availability
    while policy is not None:
        if getattr(policy, "limit", None) is not None:
            limits.append(policy.limit)
        if getattr(policy, "num_available", None) is not None:
            limits.append(policy.num_available)
        policy = getattr(policy, "policy", None)
    return min(limits) if limits else None
