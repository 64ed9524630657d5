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
