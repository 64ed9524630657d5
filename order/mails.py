"""Mails to the buyer about an order, written in the language the order was placed in.

Each kind has three templates under `order/mail/`: `<kind>_subject.txt`, `<kind>_body.txt`
and `<kind>_body.html`. Mails leave after the transaction commits, so a rolled-back change
never announces itself.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from payment.transfers import awaited_transfer

logger = logging.getLogger(__name__)

KINDS = {
    "placed",
    "payment_received",
    "part_shipped",
    "part_delivered",
    "part_cancelled",
    "order_cancelled",
}


def site_url(path):
    return settings.MARKETPLACE_BASE_URL.rstrip("/") + path


def render_order_mail(order, kind, **context):
    """(subject, text, html) of a mail, rendered in the order's language."""
    if kind not in KINDS:
        raise ValueError(f"Unknown order mail {kind!r}")
    with translation.override(order.language):
        context = {
            "order": order,
            "lines": order.lines.select_related("partner").order_by("partner__name", "pk"),
            "parts": order.fulfilments.select_related("partner"),
            "status_url": site_url(order.get_status_url()),
            "transfer": awaited_transfer(order),
            "qr_url": site_url(reverse("order:transfer-qr", kwargs={"token": order.status_token})),
            "shop_name": settings.OSCAR_SHOP_NAME,
            **context,
        }
        subject = " ".join(render_to_string(f"order/mail/{kind}_subject.txt", context).split())
        text = render_to_string(f"order/mail/{kind}_body.txt", context)
        html = render_to_string(f"order/mail/{kind}_body.html", context)
    return subject, text, html


def send_order_mail(order, kind, **context):
    """Send after commit; a mail server failure is logged and never undoes the order."""
    recipient = order.email

    def send():
        if not recipient:
            logger.warning("Order %s: no address to send the %s mail to", order.number, kind)
            return
        order.refresh_from_db()
        subject, text, html = render_order_mail(order, kind, **context)
        message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [recipient])
        message.attach_alternative(html, "text/html")
        message.send()

    # robust: a mail that fails (server down, template error) is logged and undoes nothing.
    transaction.on_commit(send, robust=True)
