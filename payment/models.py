"""Oscar's payment app, forked for the marketplace's payment records.

Oscar's `Source` (one per order and method) and `Transaction` keep the money; the models here
keep what arrived from outside: Stripe's webhook events, so a replayed event is recognised,
and the lines of imported bank statements, so a transfer is matched to an order only once.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StripeEvent(models.Model):
    """A webhook event from Stripe, stored once: a replay finds its id here and changes nothing."""

    event_id = models.CharField(_("event id"), max_length=255, unique=True)
    type = models.CharField(_("type"), max_length=64)
    object_id = models.CharField(_("object id"), max_length=255, blank=True, db_index=True)
    created = models.DateTimeField(_("created at Stripe"))
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    order_number = models.CharField(_("order number"), max_length=128, blank=True, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=255, blank=True)
    payload = models.JSONField(_("payload"))

    class Meta:
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.type} {self.event_id}"


class BankStatementImport(models.Model):
    file_name = models.CharField(_("file name"), max_length=255)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    matched = models.PositiveIntegerField(_("matched transfers"), default=0)

    class Meta:
        verbose_name = _("bank statement import")
        verbose_name_plural = _("bank statement imports")
        ordering = ["-imported_at"]

    def __str__(self):
        return self.file_name


class BankTransfer(models.Model):
    """One credit line of a bank statement, kept so the same transfer is never counted twice."""

    class Outcome(models.TextChoices):
        MATCHED = "matched", _("Matched: order marked paid")
        SHORT = "short", _("Amount below what the order owes")
        ALREADY_PAID = "already-paid", _("Order already paid")
        UNKNOWN_ORDER = "unknown-order", _("No order with this reference")
        NO_REFERENCE = "no-reference", _("No order reference in the description")
        NOT_TRANSFER = "not-transfer", _("Order is not paid by bank transfer")
        CANCELLED = "cancelled", _("Order was cancelled: refund the buyer")

    statement = models.ForeignKey(
        BankStatementImport, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="transfers"
    )
    bank_reference = models.CharField(_("bank transaction id"), max_length=128, unique=True)
    booked_on = models.DateField(_("date"))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=0)
    description = models.CharField(_("description"), max_length=512)
    order = models.ForeignKey(
        "order.Order",
        verbose_name=_("order"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)

    class Meta:
        verbose_name = _("bank transfer")
        verbose_name_plural = _("bank transfers")
        ordering = ["statement", "booked_on", "pk"]

    def __str__(self):
        return self.bank_reference


from oscar.apps.payment.models import *  # noqa: E402,F403
