"""Oscar's address app, forked for Vietnamese addresses after the 2025 reform.

Since 01/07/2025 an address is a street line, a commune or ward, and a province: there is
no district. Addresses keep a link to the commune they were picked from and a text copy
of its name (`line3`) and of its province (`state`), so an old order still reads as it did
when it was placed even if the units are renamed later.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.abstract_models import AbstractUserAddress


class CommuneAddress(models.Model):
    """The fields and behaviour every stored address of the shop shares."""

    commune = models.ForeignKey(
        "places.Commune",
        verbose_name=_("commune or ward"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # The buyer's name is written whole, the Vietnamese way ("Nguyễn Thị Hoa"): it is kept
    # in `last_name`, so Oscar's `salutation` and `name` read it unchanged.
    base_fields = hash_fields = ["salutation", "line1", "line3", "state", "country"]

    class Meta:
        abstract = True

    def set_commune(self, commune):
        """Point the address at a commune and copy the names that are printed on labels."""
        self.commune = commune
        self.line3 = commune.full_name
        self.state = commune.province.full_name


class UserAddress(CommuneAddress, AbstractUserAddress):
    class Meta(AbstractUserAddress.Meta):
        pass


from oscar.apps.address.models import *  # noqa: E402,F403
