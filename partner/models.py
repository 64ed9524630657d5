"""Oscar's partner app, where a Partner is an OCOP producer (chủ thể OCOP).

The producer profile lives on the Partner itself, so that Oscar's dashboard scoping
(`Partner.users` plus the `partner.dashboard_access` permission) applies to it unchanged.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractPartner, AbstractStockRecord
from phonenumber_field.modelfields import PhoneNumberField


class LegalType(models.TextChoices):
    COOPERATIVE = "cooperative", _("Cooperative")
    ENTERPRISE = "enterprise", _("Enterprise")
    HOUSEHOLD = "household", _("Household business")


class Partner(AbstractPartner):
    legal_type = models.CharField(
        _("legal type"), max_length=16, choices=LegalType.choices, default=LegalType.COOPERATIVE
    )
    registration_number = models.CharField(
        _("tax or business registration number"), max_length=32, blank=True
    )
    street_address = models.CharField(
        _("street address (house number, hamlet, street)"), max_length=255, blank=True
    )
    commune = models.ForeignKey(
        "places.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="producers",
    )
    legacy_district = models.ForeignKey(
        "places.District",
        verbose_name=_("legacy district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="producers",
    )
    contact_name = models.CharField(_("contact person"), max_length=128, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True, region="VN")
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    # English for buyers abroad (`core.localized`); plain text, as the Vietnamese.
    name_en = models.CharField(
        _("English name"),
        max_length=128,
        blank=True,
        help_text=_(
            "Shown on the English site to buyers abroad; left empty, the English site shows the Vietnamese."
        ),
    )
    description_en = models.TextField(_("English description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="producers/logos/", blank=True)
    is_verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_("OCOP staff have checked the producer's documents."),
    )

    class Meta(AbstractPartner.Meta):
        verbose_name = _("producer")
        verbose_name_plural = _("producers")

    @property
    def full_address(self):
        parts = [self.street_address]
        if self.commune_id:
            parts += [self.commune.full_name, self.commune.province.full_name]
        return ", ".join(part for part in parts if part)


class StockRecord(AbstractStockRecord):
    # VND has no minor unit: prices are whole đồng, so a fraction is refused by the field.
    price = models.DecimalField(
        _("Price"),
        decimal_places=0,
        max_digits=12,
        blank=True,
        null=True,
        validators=[MinValueValidator(0)],
    )

    class Meta(AbstractStockRecord.Meta):
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gte=0), name="stockrecord_price_not_negative"),
        ]


from oscar.apps.partner.models import *  # noqa: E402,F403
