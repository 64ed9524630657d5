"""A producer's application to sell on the marketplace, and the documents sent with it; an
invitation to a producer's team.

Staff approve or reject it; approval creates the producer (Oscar's `Partner`) and its first
login (see `onboarding.services`). The application is kept as the record of who asked, what
they sent and who decided.
"""

import datetime
import hashlib

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from core.models import StaffDecision
from core.object_storage import private_storage
from partner.models import LegalType


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ProducerApplication(StaffDecision):
    name = models.CharField(_("producer name"), max_length=128)
    legal_type = models.CharField(_("legal type"), max_length=16, choices=LegalType.choices)
    registration_number = models.CharField(
        _("tax or business registration number"),
        max_length=32,
        help_text=_("The tax code (10 or 13 digits) or the household business registration number."),
    )
    commune = models.ForeignKey(
        "places.Commune", verbose_name=_("commune or ward"), on_delete=models.PROTECT, related_name="+"
    )
    street_address = models.CharField(_("house number, street, hamlet"), max_length=255)
    contact_name = models.CharField(_("contact person"), max_length=128)
    phone = PhoneNumberField(_("phone"), region="VN")
    email = models.EmailField(_("email"))
    description = models.TextField(
        _("what you make"), help_text=_("Your products, how and where they are made.")
    )
    description_en = models.TextField(
        _("what you make, in English"),
        blank=True,
        help_text=_("For buyers abroad, on the English site. Optional."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    partner = models.OneToOneField(
        "partner.Partner",
        verbose_name=_("producer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )
    language = models.CharField(_("applicant's language"), max_length=8, default="vi")

    class Meta:
        verbose_name = _("producer application")
        verbose_name_plural = _("producer applications")
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(reason=""),
                name="application_rejection_has_reason",
            ),
        ]

    def __str__(self):
        return self.name


class ApplicationDocument(models.Model):
    application = models.ForeignKey(
        ProducerApplication, verbose_name=_("application"), on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(_("file"), upload_to="onboarding/%Y/%m/", storage=private_storage)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")

    def __str__(self):
        return self.file.name.rsplit("/", 1)[-1]


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


INVITATION_DAYS = 7


def invitation_token_hash(token: str) -> str:
    """What is stored of a link's token: its SHA-256, so that reading the table (a backup, a
    leaked dump) gives no working link. The token itself is random (`secrets`), unlike
    Django's password-reset tokens, which hash the state of an existing user: here the
    invitee may have no account yet."""
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_expiry():
    return timezone.now() + datetime.timedelta(days=INVITATION_DAYS)


class TeamInvitation(models.Model):
    """A producer's invitation to work in its dashboard. Nobody joins a team until the person
    behind the e-mail opens the mailed link and says yes (`onboarding.services`)."""

    partner = models.ForeignKey(
        "partner.Partner", verbose_name=_("producer"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email"))
    name = models.CharField(_("full name"), max_length=150)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"), default=invitation_expiry)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("joined as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("team invitation")
        verbose_name_plural = _("team invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "partner",
                Lower("email"),
                condition=models.Q(status="pending"),
                name="invitation_one_pending_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.partner}"

    @property
    def is_open(self) -> bool:
        """Still waiting for an answer, and not expired."""
        return self.status == InvitationStatus.PENDING and timezone.now() < self.expires_at
