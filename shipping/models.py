"""Oscar's shipping app, forked for delivery fees set per producer.

Each producer ships its own parcel, so the buyer pays one fee per producer in the basket,
waived when that producer's part reaches its free-delivery threshold. Staff set both per
producer; producers without a rate of their own use the marketplace's default rate.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


class ProducerShippingRate(models.Model):
    partner = models.OneToOneField(
        "partner.Partner",
        verbose_name=_("producer"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="shipping_rate",
        help_text=_("Leave empty for the default rate of every producer without one."),
    )
    fee = models.DecimalField(
        _("delivery fee"), max_digits=12, decimal_places=0, validators=[MinValueValidator(0)]
    )
    free_above = models.DecimalField(
        _("free delivery from"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Delivery is free when the producer's part reaches this amount; empty: never free."),
    )

    class Meta:
        verbose_name = _("delivery rate")
        verbose_name_plural = _("delivery rates")
        constraints = [
            models.CheckConstraint(condition=models.Q(fee__gte=0), name="shipping_rate_fee_not_negative"),
            # One default rate: the row without a producer (NULLs would not clash).
            models.UniqueConstraint(Coalesce("partner", Value(0)), name="shipping_rate_one_default"),
        ]

    def __str__(self):
        return str(self.partner) if self.partner_id else str(_("Default rate"))


from oscar.apps.shipping.models import *  # noqa: E402,F403
