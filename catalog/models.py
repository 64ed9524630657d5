"""Oscar's catalogue with the OCOP product fields.

The product group of QĐ 148/QĐ-TTg is the product's Oscar category (a two-level tree:
group -> product set). The origin is where the product is made: the current commune
(2025 structure) and the legacy district the product was known by before the reform.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct


class Product(AbstractProduct):
    origin_commune = models.ForeignKey(
        "places.Commune",
        verbose_name=_("origin commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="products",
    )
    origin_district = models.ForeignKey(
        "places.District",
        verbose_name=_("origin district (before 2025)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="products",
        help_text=_("The legacy district the product is known by, such as Lục Ngạn for lychee."),
    )

    def clean(self):
        super().clean()
        if self.origin_district_id and self.origin_commune_id:
            commune_districts = set(self.origin_commune.legacy_districts.values_list("pk", flat=True))
            if commune_districts and self.origin_district_id not in commune_districts:
                raise ValidationError(
                    {
                        "origin_district": _("%(commune)s was not part of the legacy district %(district)s.")
                        % {"commune": self.origin_commune.name, "district": self.origin_district.name}
                    }
                )


from oscar.apps.catalogue.models import *  # noqa: E402,F403
