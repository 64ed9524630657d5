"""Bookable OCOP tourism experiences (nhóm 6: dịch vụ du lịch cộng đồng, du lịch sinh thái).

A tourism product has sessions (`VisitSession`: a start on Vietnam's clock, a duration, a
meeting point, places, a price per guest, the guide's language); a producer enters them one by
one or as a repeating series (`VisitSeries`, which generates its sessions). A buyer books
places of one session (`VisitBooking`), pays through the order it places, and shows the QR
voucher at the door, where the producer checks the party in. The producer's cancellation rules
are `VisitTerms`, one row per product.

The rules (places never given beyond capacity, past or cancelled sessions refused, check-in
once, cancellation deadlines) are in `visits.services`; the reads in `visits.selectors`.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from phonenumber_field.modelfields import PhoneNumberField


class GuideLanguage(models.TextChoices):
    VIETNAMESE = "vi", _("Vietnamese")
    ENGLISH = "en", _("English")
    CHINESE = "zh", _("Chinese")
    KOREAN = "ko", _("Korean")
    JAPANESE = "ja", _("Japanese")
    FRENCH = "fr", _("French")


class BookingStatus(models.TextChoices):
    BOOKED = "booked", pgettext_lazy("visit booking", "Booked")
    CHECKED_IN = "checked_in", pgettext_lazy("visit booking", "Checked in")
    CANCELLED = "cancelled", pgettext_lazy("visit booking", "Cancelled")


# Bookings that hold places of their session.
HOLDING = (BookingStatus.BOOKED, BookingStatus.CHECKED_IN)


class SessionFields(models.Model):
    """What a one-off session and a series have in common."""

    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, verbose_name=_("visit"))
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"),
        default=240,
        validators=[MinValueValidator(15), MaxValueValidator(24 * 60 * 3)],
    )
    meeting_point = models.CharField(_("meeting point"), max_length=255)
    capacity = models.PositiveIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    price = models.DecimalField(_("price per guest"), max_digits=12, decimal_places=2)
    language = models.CharField(
        _("guide's language"), max_length=5, choices=GuideLanguage.choices, default=GuideLanguage.VIETNAMESE
    )

    class Meta:
        abstract = True


def weekdays_validate(value):
    if not value or any(day not in range(7) for day in value) or len(set(value)) != len(value):
        raise ValidationError(_("Choose at least one day of the week."))


class VisitSeries(SessionFields):
    """Sessions that repeat: on the chosen days of the week at one time, from a date until a
    date. Its sessions are generated (`visits.services.series_save`); editing the series
    regenerates its future sessions that nobody booked, and leaves booked ones as they are."""

    weekdays = models.JSONField(
        _("days of the week"), validators=[weekdays_validate], help_text=_("0 = Monday … 6 = Sunday")
    )
    start_time = models.TimeField(_("start time"))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="visit_series", verbose_name=_("visit")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("repeating visit sessions")
        verbose_name_plural = _("repeating visit sessions")
        ordering = ["starts_on", "pk"]

    def clean(self):
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                raise ValidationError({"ends_on": _("The last day comes before the first.")})
            if self.ends_on - self.starts_on > datetime.timedelta(days=366):
                raise ValidationError({"ends_on": _("A series runs at most one year.")})

    def __str__(self):
        return f"{self.product} · {self.start_time:%H:%M} · {self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y}"


class VisitSession(SessionFields):
    """One visit at one time: what a buyer books places of."""

    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="visit_sessions", verbose_name=_("visit")
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    series = models.ForeignKey(
        VisitSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("series"),
    )
    is_cancelled = models.BooleanField(pgettext_lazy("visit session", "cancelled"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("visit session")
        verbose_name_plural = _("visit sessions")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["product", "starts_at"])]

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    def __str__(self):
        return f"{self.product} · {self.starts_at:%Y-%m-%d %H:%M}"


class VisitTerms(models.Model):
    """A producer's cancellation rules for one of its visits."""

    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.CASCADE, related_name="visit_terms", verbose_name=_("visit")
    )
    cancel_hours_before = models.PositiveIntegerField(
        _("cancellation until (hours before the start)"), default=24, validators=[MaxValueValidator(24 * 30)]
    )
    refund = models.BooleanField(_("refund on cancellation"), default=True)
    notes = models.TextField(_("notes for guests"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("visit terms")
        verbose_name_plural = _("visit terms")

    def __str__(self):
        return f"{self.product}: {self.cancel_hours_before} h"


def voucher_token() -> str:
    return secrets.token_urlsafe(24)


# What is typed at the door: no 0/O, 1/I/L, easy to read aloud.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def voucher_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def voucher_code_normalise(text: str) -> str:
    """What a producer typed ("k7qx-m2pa", "K7QX M2PA") as stored ("K7QXM2PA")."""
    return "".join(char for char in (text or "").upper() if char.isalnum())


class VisitBooking(models.Model):
    """Places of one session for a party: who booked (phone first), how many guests, and the
    voucher. The random token is both the voucher page's address and what its QR code carries
    (the producer's check-in page); the short code is what is typed when no camera reads it."""

    session = models.ForeignKey(
        VisitSession, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("session")
    )
    guests = models.PositiveIntegerField(_("guests"), validators=[MinValueValidator(1)])
    full_name = models.CharField(_("full name"), max_length=255)
    phone = PhoneNumberField(_("phone number"), region="VN")
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    language = models.CharField(_("language"), max_length=10, default="vi")
    unit_price = models.DecimalField(_("price per guest"), max_digits=12, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    token = models.CharField(max_length=64, unique=True, default=voucher_token, editable=False)
    code = models.CharField(
        _("voucher code"), max_length=16, unique=True, default=voucher_code, editable=False
    )
    order = models.ForeignKey(
        "order.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("order"),
    )
    created_at = models.DateTimeField(_("booked"), auto_now_add=True)
    cancelled_at = models.DateTimeField(pgettext_lazy("visit booking", "cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(
        pgettext_lazy("visit booking", "checked in at"), null=True, blank=True
    )
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("visit booking")
        verbose_name_plural = _("visit bookings")
        ordering = ["created_at", "pk"]

    @property
    def total(self):
        return self.unit_price * self.guests

    @property
    def code_display(self) -> str:
        return f"{self.code[:4]}-{self.code[4:]}"

    def __str__(self):
        return f"{self.code_display} · {self.full_name} × {self.guests}"
