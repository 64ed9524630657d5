from django import template
from django.utils.translation import gettext_lazy as _

from order import fulfilment
from order.dashboard.forms import part_form_kept
from order.models import FulfilmentStatus
from order.selectors import part_amounts

register = template.Library()

S = FulfilmentStatus
# The one move offered next for each status; cancelling stays apart, as a second choice.
NEXT_ACTION = {S.PLACED: "confirm", S.CONFIRMED: "ship", S.SHIPPED: "deliver"}
STEPS = (
    (S.PLACED, _("Confirm the order")),
    (S.CONFIRMED, _("Hand to the carrier")),
    (S.SHIPPED, _("Confirm delivery")),
)
# Carriers Vietnamese shops name most; the field takes any other.
CARRIERS = ("Viettel Post", "VNPost", "Giao Hàng Nhanh (GHN)", "Giao Hàng Tiết Kiệm (GHTK)", "J&T Express")


@register.inclusion_tag("order/partials/order_parts.html")
def order_parts(order):
    """The order producer by producer (thank-you, status and account pages)."""
    lines = {}
    for line in order.lines.select_related("product", "partner", "lot__product__trade_item").order_by("pk"):
        lines.setdefault(line.partner_id, []).append(line)
    parts = order.fulfilments.select_related("partner").order_by("partner__name")
    return {"order": order, "parts": [(part, lines.get(part.partner_id, [])) for part in parts]}


@register.inclusion_tag("order/dashboard/part_panel.html", takes_context=True)
def part_actions(context, part):
    """A producer's part in the back office: where it stands, the one next move with its
    labelled fields (what was typed and refused is shown again), and cancelling apart."""
    kept = part_form_kept(context.get("request"), part=part) or {}
    data = kept.get("data", {})
    errors = {field: [error["message"] for error in found] for field, found in kept.get("errors", {}).items()}
    order = part.order
    action = NEXT_ACTION.get(part.status)
    if kept.get("action") in ("ship", "deliver") and part.status in fulfilment.ALLOWED[kept["action"]][0]:
        action = kept["action"]  # the refused form stays open with what was typed
    if order.awaits_payment_choice:
        action = None  # nothing to confirm or send before the buyer has chosen how to pay
    rows = []
    if action == "ship":
        for line, lots in fulfilment.fulfilment_lots_to_ship(part=part):
            key = f"lot-{line.pk}"
            rows.append(
                {
                    "line": line,
                    "lots": lots,
                    "name": key,
                    "chosen": data.get(key, ""),
                    "errors": errors.get(key),
                }
            )
    reached = (
        [status for status, _label in STEPS].index(part.status) if part.status in NEXT_ACTION else len(STEPS)
    )
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "part": part,
        "order": order,
        "action": action,
        "kept_action": kept.get("action"),
        "data": data,
        "errors": errors,
        "general_errors": errors.get("__all__"),
        "rows": rows,
        "carriers": CARRIERS,
        "steps": [
            {"label": label, "done": index < reached, "current": index == reached}
            for index, (_status, label) in enumerate(STEPS)
        ],
        "may_cancel": part.status in (S.PLACED, S.CONFIRMED),
        "collect": part_amounts(part=part)["collect"],
    }
