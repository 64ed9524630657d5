"""Every mail leaves through an outbox, sent by a task, once.

`OutboxEmailBackend` is the site's `EMAIL_BACKEND`: whoever sends a mail (`core.mails`,
Oscar's dispatcher, Django's password reset, Wagtail's notifications) writes an `OutboxMail`
row and queues `mail_deliver` for it, in the transaction of the change the mail announces
(`core.tasks.task_enqueue_with_commit`): a rolled-back change sends nothing, a committed one
loses nothing. The task hands the mail to the real backend, the one `EMAIL_URL` names
(`MARKETPLACE_EMAIL_DELIVERY_BACKEND`). With the immediate task backend (development) that is
still in the request, right after the commit, as before; with a worker, the request is done
before the mail server is even asked.

Mails of `core.mails` are rendered in the request, just after the commit: their contexts hold
model objects, links with tokens and the reader's language, which a task could only rebuild
from ids at more cost; rendering takes milliseconds, the mail server's answer is what may take
long or fail. Their row is drafted in the change's transaction (`outbox_draft`) and filled in
once rendered, so that a mail the process never got to write stays visible ("not written").

Exactly once. The row's id is the mail's key; its status moves queued → sending → sent, each
step committed before the next:

- a task run again after its mail was sent (a worker killed between sending and recording the
  task done, then taking the task back: `core.tasks.tasks_take_back`) finds it sent and sends
  nothing;
- the mail server refusing it (an exception) puts it back to queued and the task tries again
  later with backoff (`MAIL_ATTEMPTS`), then ends failed, shown to staff;
- the one window left is a worker killed while the message goes over an open connection to
  the mail server, or after the server took it and before "sent" is written (milliseconds: the
  connection and login come before the mail is marked "sending"). We chose at most once: a
  run that finds the mail "sending" does not send it again; it marks it "perhaps sent" and
  fails, so staff see it, and staff's "send again" (or "run again") sends it (a run finding it
  "perhaps sent" sends). Each message carries a Message-ID made from its key, so a receiving
  server can tell a copy sent again.

A sent mail keeps only its envelope (recipients, subject, times): bodies hold sign-in and
password links, which should not outlive the mail.
"""

from __future__ import annotations

import base64
import datetime
import logging
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from core.models import OutboxMail
from core.tasks import task_enqueue_with_commit, task_retry_later

logger = logging.getLogger(__name__)

MAIL_ATTEMPTS = 5
MAIL_RETRY_DELAY = datetime.timedelta(seconds=60)  # doubled at each attempt: 1, 2, 4, 8 minutes


class MailNotSent(Exception):
    """The mail was not handed to the mail server; the task ends failed for staff to see."""


def _attachment_record(attachment) -> list:
    if isinstance(attachment, MIMEBase):
        content, filename, mimetype = (
            attachment.get_payload(decode=True),
            attachment.get_filename(),
            attachment.get_content_type(),
        )
    else:
        filename, content, mimetype = attachment
    if isinstance(content, str):
        content = content.encode()
    return [filename, base64.b64encode(content).decode("ascii"), mimetype]


def outbox_in_use() -> bool:
    """Whether mails go through the outbox (every settings module but the tests')."""
    return settings.EMAIL_BACKEND == f"{OutboxEmailBackend.__module__}.{OutboxEmailBackend.__qualname__}"


def outbox_draft(*, template: str, to: list[str]) -> OutboxMail:
    """The row of a mail to be written after the commit (`core.mails`), in the transaction of the
    change it announces: committed with it, rolled back with it."""
    return OutboxMail.objects.create(
        status=OutboxMail.Status.DRAFTED,
        template=template,
        to=list(to),
        from_email=settings.DEFAULT_FROM_EMAIL,
        subject="",
    )


def outbox_draft_unwritten(*, draft_id, error: str) -> None:
    OutboxMail.objects.filter(pk=draft_id, status=OutboxMail.Status.DRAFTED).update(
        status=OutboxMail.Status.UNWRITTEN, error=error[:2000], updated=timezone.now()
    )


def outbox_mail_record(*, message: EmailMultiAlternatives) -> OutboxMail:
    """The outbox row of `message`, waiting to be sent: its draft filled in (a message of
    `core.mails` carries `outbox_draft_id`), or a new row."""
    fields = dict(
        status=OutboxMail.Status.QUEUED,
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(message.to),
        cc=list(message.cc),
        bcc=list(message.bcc),
        reply_to=list(message.reply_to),
        subject=str(message.subject),
        body=str(message.body),
        alternatives=[[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        attachments=[_attachment_record(attachment) for attachment in message.attachments],
        headers={str(name): str(value) for name, value in message.extra_headers.items()},
    )
    draft_id = getattr(message, "outbox_draft_id", None)
    if draft_id is not None:
        filled = OutboxMail.objects.filter(pk=draft_id, status=OutboxMail.Status.DRAFTED).update(
            **fields, updated=timezone.now()
        )
        if filled:
            return OutboxMail.objects.get(pk=draft_id)
        logger.warning("Mail draft %s was no longer waiting to be written; recorded anew", draft_id)
    return OutboxMail.objects.create(**fields)


def _message(mail: OutboxMail, connection) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body,
        from_email=mail.from_email,
        to=mail.to,
        cc=mail.cc,
        bcc=mail.bcc,
        reply_to=mail.reply_to,
        headers={"Message-ID": f"<{mail.pk}@{DNS_NAME}>", **mail.headers},
        connection=connection,
    )
    for content, mimetype in mail.alternatives:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in mail.attachments:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


class OutboxEmailBackend(BaseEmailBackend):
    """Queues each message in the outbox; `mail_deliver` sends it."""

    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            with transaction.atomic():
                mail = outbox_mail_record(message=message)
                task_enqueue_with_commit(mail_deliver, str(mail.pk))
            queued += 1
        return queued


def _sending_claim(mail_id: str) -> OutboxMail | None:
    """Mark the mail "sending" and return it, or None when it must not be sent (again)."""
    with transaction.atomic():
        mail = OutboxMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None:
            logger.warning("Mail %s is no longer in the outbox", mail_id)
            return None
        if mail.status == OutboxMail.Status.SENT:
            logger.info("Mail %s was already sent; not sending it again", mail_id)
            return None
        if mail.status == OutboxMail.Status.SENDING:
            mail.status = OutboxMail.Status.UNCERTAIN
            mail.error = "The worker stopped while sending this mail; it was perhaps sent."
            mail.save(update_fields=["status", "error", "updated"])
            # Committed with the block below: leaving by an exception would roll it back.
            return mail
        mail.status = OutboxMail.Status.SENDING
        mail.attempts += 1
        mail.save(update_fields=["status", "attempts", "updated"])
    return mail


def _send_failed(*, mail_id: str, attempt: int, error: Exception) -> str:
    """The mail server could not be reached or refused the mail: try again later, or give up
    (the mail "not sent", the task failed)."""
    with transaction.atomic():
        mail = OutboxMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.status == OutboxMail.Status.SENT:
            return "not sent again"
        mail.error = f"{type(error).__name__}: {error}"
        retried = task_retry_later(
            mail_deliver, [mail_id], attempt=attempt, attempts=MAIL_ATTEMPTS, first_delay=MAIL_RETRY_DELAY
        )
        mail.status = OutboxMail.Status.QUEUED if retried else OutboxMail.Status.FAILED
        mail.save(update_fields=["status", "error", "updated"])
    if not retried:
        raise MailNotSent(f"Mail {mail_id} ({mail.subject!r}) not sent: {mail.error}") from error
    return "to be tried again"


@task()
def mail_deliver(mail_id: str, attempt: int = 1) -> str:
    """Hand the outbox mail `mail_id` to the mail server, once (see the module's docstring)."""
    connection = get_connection(settings.MARKETPLACE_EMAIL_DELIVERY_BACKEND)
    try:
        # Connected (and logged in) before the mail is marked "sending": a worker killed
        # meanwhile leaves it waiting, sent whole by the next run. "Perhaps sent" is left to
        # the message's own transfer.
        connection.open()
    except Exception as error:
        return _send_failed(mail_id=mail_id, attempt=attempt, error=error)
    try:
        mail = _sending_claim(mail_id)
        if mail is None:
            return "not sent again"
        if mail.status == OutboxMail.Status.UNCERTAIN:
            raise MailNotSent(
                f"Mail {mail_id} ({mail.subject!r}) was perhaps sent by a worker that stopped while "
                "sending it; it is not sent again unless staff run this task again"
            )
        try:
            _message(mail, connection).send()
        except Exception as error:
            return _send_failed(mail_id=mail_id, attempt=attempt, error=error)
    finally:
        connection.close()
    mail.status, mail.sent_at, mail.error = OutboxMail.Status.SENT, timezone.now(), ""
    mail.body, mail.alternatives, mail.attachments = "", [], []
    mail.save()
    return "sent"
