"""Mails to the buyer about an order, in the language the order was placed in.

Each kind has its templates under `order/mail/` (see `core.mails`). The context is
built when the mail leaves, after the commit, so it shows the order as it then is.
"""

from django.urls import reverse
from django.utils import translation

from core.mails import mail_render, mail_send_after_commit, site_url
from payment.transfers import transfer_awaited

KINDS = {
    "placed",
    "payment_received",
    "part_shipped",
    "part_delivered",
    "part_cancelled",
    "order_cancelled",
}


def _order_context(order, extra):
    order.refresh_from_db()
    with translation.override(order.language):
        # Links in the buyer's language: /en/... for an English order.
        status_url = site_url(order.get_status_url())
        qr_url = site_url(reverse("order:transfer-qr", kwargs={"token": order.status_token}))
        part = extra.get("part")
        traced = [
            (line, site_url(line.lot.get_absolute_url()))
            for line in (part.lines if part else order.lines.none())
            .filter(lot__is_published=True, lot__product__is_public=True)
            .select_related("lot__product__trade_item")
            .order_by("pk")
        ]
    return {
        "order": order,
        "lines": order.lines.select_related("partner").order_by("partner__name", "pk"),
        "parts": order.fulfilments.select_related("partner"),
        "status_url": status_url,
        "transfer": transfer_awaited(order=order),
        "qr_url": qr_url,
        "traced_lines": traced,  # the part's lines with the trace page of the lot shipped
        **extra,
    }


def order_mail_render(*, order, kind: str, **extra) -> tuple[str, str, str | None]:
    """(subject, text, html) of a mail, rendered in the order's language."""
    if kind not in KINDS:
        raise ValueError(f"Unknown order mail {kind!r}")
    return mail_render(
        prefix=f"order/mail/{kind}", context=_order_context(order, extra), language=order.language
    )


def order_mail_send(*, order, kind: str, **extra) -> None:
    if kind not in KINDS:
        raise ValueError(f"Unknown order mail {kind!r}")
    if not order.email:
        return  # bought with a phone number only: the thank-you and status pages tell instead
    mail_send_after_commit(
        prefix=f"order/mail/{kind}",
        to=[order.email],
        language=order.language,
        context=lambda: _order_context(order, extra),
    )


def _producer_mails_send(order) -> None:
    """Tell each producer of the order what to prepare: its own lines only, in Vietnamese."""
    for part in order.fulfilments.select_related("partner"):
        partner = part.partner
        recipients = {user.email for user in partner.users.filter(is_active=True) if user.email}
        if partner.email:
            recipients.add(partner.email)
        mail_send_after_commit(
            prefix="order/mail/producer_new_part",
            to=sorted(recipients),
            language="vi",
            context=lambda part=part: {
                "order": order,
                "part": part,
                "lines": order.lines.filter(partner=part.partner).order_by("pk"),
                "dashboard_url": site_url(reverse("dashboard:order-detail", kwargs={"number": order.number})),
            },
        )


def order_placed_mails_send(*, order) -> None:
    """The buyer's confirmation and each producer's new part."""
    order_mail_send(order=order, kind="placed")
    _producer_mails_send(order)
