from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CriteriaConfig(AppConfig):
    """The OCOP criteria sheets: parts, criteria, levels and each star level's mandatory
    criteria, per criteria version and product set, kept as data."""

    name = "criteria"
    verbose_name = _("OCOP criteria sheets")
    default_auto_field = "django.db.models.AutoField"
