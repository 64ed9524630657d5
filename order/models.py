"""Oscar's order app, forked for a marketplace where one order holds several producers' parts.

The buyer places one order; each producer's lines form a `Fulfilment` with its own status,
carrier and tracking number, and the order's `status` is derived from those parts (see
`Order.derive_status`). How the order is paid is kept beside it (`payment_method`,
`payment_status`), because a parcel can be on its way before a cash-on-delivery order is paid.
"""

from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.abstract_models import AbstractBillingAddress, AbstractShippingAddress
from oscar.apps.order.abstract_models import AbstractLine, AbstractOrder

from address.models import CommuneAddress


class OrderStatus(models.TextChoices):
    PLACED = "placed", _("Placed")
    CONFIRMED = "confirmed", _("Confirmed")
    PARTLY_SHIPPED = "partly-shipped", _("Partly shipped")
    SHIPPED = "shipped", _("Shipped")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


class FulfilmentStatus(models.TextChoices):
    PLACED = "placed", _("Placed")
    CONFIRMED = "confirmed", _("Confirmed")
    SHIPPED = "shipped", _("Shipped")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


class PaymentMethod(models.TextChoices):
    COD = "cod", _("Cash on delivery")
    BANK_TRANSFER = "bank-transfer", _("Bank transfer (VietQR)")
    CARD = "card", _("Card (Stripe)")
    # An order placed for the buyer (a harvest's pre-orders, a visit's booking: `order.direct`)
    # until the buyer chooses on its pay page, before `Order.pay_by`.
    UNCHOSEN = "unchosen", _("Not chosen yet")


class PaymentStatus(models.TextChoices):
    AWAITING = "awaiting", _("Awaiting payment")
    PAID = "paid", _("Paid")
    PARTLY_REFUNDED = "partly-refunded", _("Partly refunded")
    REFUNDED = "refunded", _("Refunded")
    DISPUTED = "disputed", _("Disputed")
    VOID = "void", _("Not paid (order cancelled)")


class DisputeStatus(models.TextChoices):
    NONE = "", _("No dispute")
    OPEN = "open", _("Open")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")
    CLOSED = "closed", _("Closed without a chargeback")


class Order(AbstractOrder):
    status = models.CharField(
        _("Status"), max_length=100, choices=OrderStatus.choices, default=OrderStatus.PLACED
    )
    payment_method = models.CharField(
        _("payment method"), max_length=16, choices=PaymentMethod.choices, default=PaymentMethod.COD
    )
    payment_status = models.CharField(
        _("payment status"),
        max_length=16,
        choices=PaymentStatus.choices,
        default=PaymentStatus.AWAITING,
        db_index=True,
    )
    amount_paid = models.DecimalField(_("amount paid"), max_digits=12, decimal_places=0, default=0)
    amount_refunded = models.DecimalField(_("amount refunded"), max_digits=12, decimal_places=0, default=0)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    dispute_status = models.CharField(
        _("card dispute"), max_length=8, choices=DisputeStatus.choices, blank=True, default=""
    )
    pay_by = models.DateTimeField(
        _("pay by"),
        null=True,
        blank=True,
        help_text=_(
            "For an order placed for the buyer (a pre-order at harvest, a visit's booking): the "
            "buyer chooses how to pay before this time, and an unpaid order is cancelled after it."
        ),
    )
    payment_chosen_at = models.DateTimeField(
        _("payment method chosen at"),
        null=True,
        blank=True,
        help_text=_("When the buyer of an order placed for them chose how to pay, on its pay page."),
    )
    language = models.CharField(
        _("buyer's language"),
        max_length=8,
        default="vi",
        help_text=_("Mails about the order are written in this language."),
    )

    class Meta(AbstractOrder.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_refunded__lte=models.F("amount_paid")),
                name="order_refund_not_above_payment",
            ),
        ]

    # The order status follows the producers' parts: nobody sets it by hand, so Oscar's
    # status pipeline has no transitions (see OSCAR_ORDER_STATUS_PIPELINE).
    def derive_status(self, parts=None):
        statuses = [part.status for part in (parts if parts is not None else self.fulfilments.all())]
        live = [status for status in statuses if status != FulfilmentStatus.CANCELLED]
        if not live:
            return OrderStatus.CANCELLED
        if all(status == FulfilmentStatus.DELIVERED for status in live):
            return OrderStatus.DELIVERED
        sent = {FulfilmentStatus.SHIPPED, FulfilmentStatus.DELIVERED}
        if all(status in sent for status in live):
            return OrderStatus.SHIPPED
        if any(status in sent for status in live):
            return OrderStatus.PARTLY_SHIPPED
        if all(status == FulfilmentStatus.CONFIRMED for status in live):
            return OrderStatus.CONFIRMED
        return OrderStatus.PLACED

    @property
    def amount_owed(self):
        """What the buyer owes for the parts still live: the whole total until a producer
        cancels its part, then the other parts' lines and delivery fees."""
        parts = list(self.fulfilments.all())
        live = [part for part in parts if part.status != FulfilmentStatus.CANCELLED]
        if len(live) == len(parts):
            return self.total_incl_tax
        goods = self.lines.filter(partner__in=[part.partner_id for part in live]).aggregate(
            total=models.Sum("line_price_incl_tax")
        )["total"]
        return (goods or 0) + sum(part.shipping_charge for part in live)

    @property
    def amount_due(self):
        return max(self.amount_owed - self.amount_paid, 0)

    @property
    def amount_overpaid(self):
        """Money kept beyond what is owed (a part cancelled after payment): to refund."""
        return max(self.amount_paid - self.amount_refunded - self.amount_owed, 0)

    @property
    def amount_refundable(self):
        return self.amount_paid - self.amount_refunded

    @property
    def is_awaiting_transfer(self):
        return (
            self.payment_method == PaymentMethod.BANK_TRANSFER
            and self.payment_status == PaymentStatus.AWAITING
            and self.status != OrderStatus.CANCELLED
        )

    @property
    def transfer_reference(self):
        """What the buyer writes in the transfer (field 62-08 of the VietQR code)."""
        return f"OCOP{self.number}"

    # A link that lets whoever holds it (the buyer, from the confirmation mail) follow the
    # order without an account. The token is signed with SECRET_KEY and names the order.
    STATUS_LINK_SALT = "order.status-link.2"
    STATUS_LINK_SALT_TIMESTAMPED = "order.status-link"  # links sent before, with a time stamp

    @property
    def status_token(self):
        """The same token every time for an order: the thank-you page's link and the mail's agree."""
        return signing.Signer(salt=self.STATUS_LINK_SALT).sign_object(self.number)

    @classmethod
    def number_from_status_token(cls, token):
        """The order number a token was made for; `signing.BadSignature` if it was tampered with.
        Links sent before tokens were made without a time stamp still open."""
        try:
            return signing.Signer(salt=cls.STATUS_LINK_SALT).unsign_object(token)
        except signing.BadSignature:
            return signing.loads(token, salt=cls.STATUS_LINK_SALT_TIMESTAMPED)

    def get_status_url(self):
        return reverse("order:status", kwargs={"token": self.status_token})

    # The pay page of an order placed for the buyer: a link of its own (its own salt), so that
    # neither link can be turned into the other.
    PAY_LINK_SALT = "order.pay-link"

    @property
    def pay_token(self):
        return signing.Signer(salt=self.PAY_LINK_SALT).sign_object(self.number)

    @classmethod
    def number_from_pay_token(cls, token):
        """The order number a pay link was made for; `signing.BadSignature` if tampered with."""
        return signing.Signer(salt=cls.PAY_LINK_SALT).unsign_object(token)

    def get_pay_url(self):
        return reverse("order:pay", kwargs={"token": self.pay_token})

    @property
    def awaits_payment_choice(self):
        """Placed for the buyer, who has not yet settled how to pay (`order.pay_later`): its
        producers wait before confirming or shipping."""
        unsettled = self.pay_by is not None and self.payment_chosen_at is None
        return unsettled and self.status != OrderStatus.CANCELLED


class Line(AbstractLine):
    status = models.CharField(_("Status"), max_length=255, blank=True, choices=FulfilmentStatus.choices)
    lot = models.ForeignKey(
        "traceability.Lot",
        verbose_name=_("lot shipped"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="order_lines",
        help_text=_("Recorded when the producer ships, so that the buyer can read the lot's trace page."),
    )

    class Meta(AbstractLine.Meta):
        pass


class Fulfilment(models.Model):
    """One producer's part of an order: its lines, its delivery fee and where the parcel is."""

    order = models.ForeignKey(
        "order.Order", verbose_name=_("order"), on_delete=models.CASCADE, related_name="fulfilments"
    )
    partner = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("producer"),
        on_delete=models.PROTECT,
        related_name="fulfilments",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=FulfilmentStatus.choices,
        default=FulfilmentStatus.PLACED,
        db_index=True,
    )
    shipping_charge = models.DecimalField(_("delivery fee"), max_digits=12, decimal_places=0, default=0)
    carrier = models.CharField(_("carrier"), max_length=64, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=64, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=255, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("shipped at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("producer's part of an order")
        verbose_name_plural = _("producers' parts of orders")
        ordering = ["order", "partner__name"]
        constraints = [
            models.UniqueConstraint(fields=["order", "partner"], name="fulfilment_one_per_producer"),
        ]

    def __str__(self):
        return f"{self.order.number} · {self.partner.name}"

    @property
    def lines(self):
        return self.order.lines.filter(partner=self.partner)


class ShippingAddress(CommuneAddress, AbstractShippingAddress):
    class Meta(AbstractShippingAddress.Meta):
        pass


class BillingAddress(CommuneAddress, AbstractBillingAddress):
    class Meta(AbstractBillingAddress.Meta):
        pass


from oscar.apps.order.models import *  # noqa: E402,F403
