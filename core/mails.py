"""Mails written from templates in the reader's language and sent after the transaction commits.

A mail is three templates: `<prefix>_subject.txt`, `<prefix>_body.txt` and, optionally,
`<prefix>_body.html`. Sending waits for the commit, so a rolled-back change never announces
itself, and a failure (mail server down, broken template) never undoes the change.

The mail's row in the outbox (`core.outbox`) is drafted in the transaction of the change, so
it commits with it; after the commit the mail is rendered (its context may be a callable, read
then: the change's final state, a token made from it) and fills the row, from which a task
sends it once. A mail that is never written (the process stopped between the commit and the
rendering, a template failed) stays in the outbox as such, on staff's tasks page: not lost in
silence. Under another EMAIL_BACKEND (the tests' locmem) nothing is drafted.
"""

import contextlib
import contextvars
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from core.outbox import outbox_draft, outbox_draft_unwritten, outbox_in_use

logger = logging.getLogger(__name__)

# Set by `mails_not_sent()`: demo data is made through the apps' services, and tells nobody.
_NOT_SENT = contextvars.ContextVar("mails_not_sent", default=False)


@contextlib.contextmanager
def mails_not_sent():
    """Within it, `mail_send_after_commit` queues nothing: for data made by a loader through
    the services whose changes would otherwise mail producers and the office (the demo)."""
    token = _NOT_SENT.set(True)
    try:
        yield
    finally:
        _NOT_SENT.reset(token)


def staff_emails() -> list[str]:
    """The addresses of the OCOP office: every active staff member with an e-mail."""
    staff = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
    return list(staff.order_by("pk").values_list("email", flat=True))


def site_url(path):
    """An absolute link for a mail: the site's address before `path`, unless `path` is a whole
    address already (an uploaded file's URL when MEDIA_URL names a bucket or a CDN)."""
    if urlsplit(path).scheme in ("http", "https"):
        return path
    return settings.MARKETPLACE_BASE_URL.rstrip("/") + path


def mail_render(*, prefix, context, language):
    """(subject, text, html or None), rendered in `language`."""
    with translation.override(language):
        context = {"shop_name": settings.OSCAR_SHOP_NAME, **context}
        subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
        text = render_to_string(f"{prefix}_body.txt", context)
        try:
            html = render_to_string(f"{prefix}_body.html", context)
        except TemplateDoesNotExist:
            html = None
    return subject, text, html


def mail_send_after_commit(*, prefix, to, language, context):
    """Queue the mail for after the commit; `context` may be a callable, evaluated then."""
    if _NOT_SENT.get():
        logger.info("Mail %s not sent (mails_not_sent)", prefix)
        return
    recipients = [address for address in to if address]
    if not recipients:
        logger.warning("Mail %s has no recipient", prefix)
        return
    draft = outbox_draft(template=prefix, to=recipients) if outbox_in_use() else None

    def send():
        try:
            subject, text, html = mail_render(
                prefix=prefix, context=context() if callable(context) else context, language=language
            )
            message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, recipients)
            if html:
                message.attach_alternative(html, "text/html")
            message.outbox_draft_id = draft.pk if draft else None
            message.send()
        except Exception as error:
            if draft is not None:
                outbox_draft_unwritten(draft_id=draft.pk, error=f"{type(error).__name__}: {error}")
            raise  # logged by on_commit(robust=True), after the change it announces is saved

    transaction.on_commit(send, robust=True)
