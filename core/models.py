"""Model pieces shared by several apps, and the outbox of mails."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StaffDecision(models.Model):
    """Who of the OCOP office decided on something a producer sent, when, and why."""

    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reason = models.TextField(_("reason for the decision"), blank=True)

    class Meta:
        abstract = True


class ProducerSubmission(StaffDecision):
    """Something a producer's people sent the OCOP office (a listing, a booth application, a
    request for re-evaluation): who sent it, when, and the office's decision on it."""

    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        abstract = True


# A drafted mail is filled in within milliseconds of its transaction's commit; one still drafted
# after this long will never be (its process stopped in between).
DRAFT_ABANDONED_AFTER = datetime.timedelta(minutes=10)


class OutboxMail(models.Model):
    """A mail the site decided to send, kept until a worker has handed it to the mail server.

    Written when the mail is sent (`core.outbox.OutboxEmailBackend`), in the transaction of the
    change it announces; the task `core.outbox.mail_deliver` sends it. A mail of `core.mails`,
    written from templates after the commit, has its row drafted in the transaction first and
    filled in after the commit: one whose writing never happened (the process stopped, a
    template failed) stays for staff to see, never silently lost. Its id is the mail's key:
    a task run twice (a worker killed after sending, before recording the task as done) finds
    the mail sent and sends nothing. See `core/outbox.py` for the one window left.
    """

    class Status(models.TextChoices):
        DRAFTED = "drafted", pgettext_lazy("mail status", "being written")
        UNWRITTEN = (
            "unwritten",
            pgettext_lazy("mail status", "not written: the process stopped or its template failed"),
        )
        QUEUED = "queued", pgettext_lazy("mail status", "waiting to be sent")
        SENDING = "sending", pgettext_lazy("mail status", "being sent")
        SENT = "sent", pgettext_lazy("mail status", "sent")
        FAILED = "failed", pgettext_lazy("mail status", "not sent: the mail server refused it")
        UNCERTAIN = (
            "uncertain",
            pgettext_lazy("mail status", "perhaps sent: the worker stopped while sending"),
        )

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("last error"), blank=True)
    # The message itself; once sent only the envelope is kept (bodies hold sign-in links).
    from_email = models.CharField(_("from"), max_length=320)
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(default=list, blank=True)
    bcc = models.JSONField(default=list, blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    subject = models.TextField(_("subject"))
    body = models.TextField(blank=True)
    alternatives = models.JSONField(default=list, blank=True)  # [[content, mimetype], ...]
    attachments = models.JSONField(default=list, blank=True)  # [[filename, base64, mimetype], ...]
    headers = models.JSONField(default=dict, blank=True)
    # The templates a mail of core.mails is written from (their prefix): what staff know of a
    # mail that was never written.
    template = models.CharField(_("template"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")
        indexes = [models.Index(fields=["status", "created"])]

    def __str__(self):
        return f"{self.subject or self.template} → {', '.join(self.to)}"

    @property
    def sendable_again(self) -> bool:
        """Written, and not sent for sure: staff may send it again."""
        return self.status in (self.Status.FAILED, self.Status.UNCERTAIN)

    def status_shown(self) -> str:
        if self.draft_abandoned():
            return self.Status.UNWRITTEN.label
        return self.get_status_display()

    def draft_abandoned(self) -> bool:
        """Drafted so long ago that the mail will never be written: its process stopped."""
        return self.status == self.Status.DRAFTED and self.created < timezone.now() - DRAFT_ABANDONED_AFTER
