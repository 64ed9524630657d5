"""Model pieces shared by several apps."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
