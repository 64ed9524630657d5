from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeasonsConfig(AppConfig):
    """Harvest seasons of fresh produce: each product's harvest windows (early and main crop,
    per year), whether it is in season on a day and when its next season starts, the sale
    hold of a product out of season, and the province's harvest calendar."""

    name = "seasons"
    verbose_name = _("Harvest seasons")
    default_auto_field = "django.db.models.AutoField"
