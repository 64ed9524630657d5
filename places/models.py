"""Places as Vietnamese law has drawn them, before and after the 2025 reform.

Since 01/07/2025 an address is province -> commune/ward, with no district. Products and
producers keep both the current commune and the district it belonged to before, because
buyers still search for "Lục Ngạn" or "Bắc Giang" and older certificates name districts.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    """A province-level unit: one of the 34 current provinces, or one abolished in 2025."""

    code = models.CharField(
        _("code"), max_length=16, help_text=_("Administrative unit code of the General Statistics Office.")
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=32, help_text=_("province or centrally governed city"))
    is_current = models.BooleanField(
        _("current"), default=True, help_text=_("False for the provinces merged away in 2025.")
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name"]
        constraints = [
            # Codes were reassigned in 2025 (the new Bắc Ninh took the old Bắc Giang's 24).
            models.UniqueConstraint(fields=["code", "is_current"], name="province_code_unique_per_era"),
            models.CheckConstraint(
                condition=models.Q(successor__isnull=True) | models.Q(is_current=False),
                name="province_successor_only_when_abolished",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def full_name(self):
        return f"{self.kind.capitalize()} {self.name}"


class District(models.Model):
    """A district-level unit of a legacy province (huyện, thị xã, thành phố thuộc tỉnh).

    Districts were abolished nationwide on 01/07/2025; they are kept for history and search.
    """

    code = models.CharField(_("code"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=32, help_text=_("district, town or provincial city"))
    province = models.ForeignKey(
        Province, verbose_name=_("legacy province"), on_delete=models.PROTECT, related_name="districts"
    )
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("The day the unit was dissolved or merged.")
    )

    class Meta:
        verbose_name = _("legacy district")
        verbose_name_plural = _("legacy districts")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def full_name(self):
        return f"{self.kind.capitalize()} {self.name}"


class Commune(models.Model):
    """A commune-level unit (xã, phường, đặc khu) of a current province."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=32, help_text=_("commune, ward or special zone"))
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="communes"
    )
    legacy_districts = models.ManyToManyField(
        District,
        verbose_name=_("legacy districts"),
        blank=True,
        related_name="successor_communes",
        help_text=_("The districts this commune's area belonged to before 1 July 2025."),
    )

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["province__name", "name"]

    def __str__(self):
        return f"{self.full_name}, {self.province.name}"

    @property
    def full_name(self):
        return f"{self.kind.capitalize()} {self.name}"
