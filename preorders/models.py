"""A producer's book of pre-orders for one harvest of a product, and the buyers' reservations.

A book is opened for a product's next season (`seasons.selectors.season_next`, its dates
copied so the book keeps them when the calendar is edited later) with the quantity the
producer announces for it, in the product's selling unit (boxes of lychees). Buyers reserve
out of season; the reserved quantity (waiting and ordered reservations) never exceeds the
capacity (`preorders.services`, counted under a lock of the book's row). At harvest each
waiting reservation becomes an order in turn, first come first served.
"""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField


class ReservationStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for the harvest")
    ORDERED = "ordered", _("Turned into an order")
    CANCELLED = "cancelled", _("Cancelled")
    LAPSED = "lapsed", _("Lapsed: not paid in time")


# Reservations that hold part of a book's capacity.
LIVE = (ReservationStatus.WAITING, ReservationStatus.ORDERED)


def reservation_token() -> str:
    return secrets.token_urlsafe(24)


class PreorderBook(models.Model):
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="preorder_books",
    )
    producer = models.ForeignKey(
        "partner.Partner", verbose_name=_("producer"), on_delete=models.CASCADE, related_name="preorder_books"
    )
    starts_on = models.DateField(_("season starts"))
    ends_on = models.DateField(_("season ends"))
    capacity = models.PositiveIntegerField(
        _("quantity offered"),
        validators=[MinValueValidator(1)],
        help_text=_("How much of this harvest buyers may reserve, in the product's selling unit."),
    )
    unit_price = models.DecimalField(
        _("price"), max_digits=12, decimal_places=0, validators=[MinValueValidator(1)]
    )
    pay_days = models.PositiveSmallIntegerField(
        _("days to pay"),
        default=2,
        validators=[MinValueValidator(1)],
        help_text=_("Days the buyer has to pay once the reservation is turned into an order."),
    )
    is_open = models.BooleanField(_("taking reservations"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pre-order book")
        verbose_name_plural = _("pre-order books")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["product", "starts_on"], name="preorders_one_book_per_season"),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="preorders_capacity_positive"),
        ]

    def __str__(self):
        return f"{self.product} ({self.starts_on:%d/%m/%Y})"


class Reservation(models.Model):
    book = models.ForeignKey(
        PreorderBook, verbose_name=_("pre-order book"), on_delete=models.CASCADE, related_name="reservations"
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    name = models.CharField(_("full name"), max_length=255)
    phone = PhoneNumberField(_("phone number"))
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="preorder_reservations",
    )
    language = models.CharField(_("language"), max_length=8, default="vi")
    line1 = models.CharField(_("house number, street, hamlet"), max_length=255)
    commune = models.ForeignKey("places.Commune", verbose_name=_("commune or ward"), on_delete=models.PROTECT)
    status = models.CharField(
        _("status"), max_length=16, choices=ReservationStatus.choices, default=ReservationStatus.WAITING
    )
    order = models.ForeignKey(
        "order.Order",
        verbose_name=_("order"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="preorder_reservations",
    )
    token = models.CharField(max_length=64, unique=True, default=reservation_token, editable=False)
    created_at = models.DateTimeField(_("reserved at"), auto_now_add=True, db_index=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        ordering = ["created_at", "pk"]  # first come, first served
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="preorders_quantity_positive"),
            # An order is made for a reservation once.
            models.UniqueConstraint(
                fields=["order"],
                condition=models.Q(order__isnull=False),
                name="preorders_one_reservation_per_order",
            ),
        ]

    def __str__(self):
        return f"{self.name} × {self.quantity} ({self.book})"
