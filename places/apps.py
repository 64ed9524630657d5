from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    """Vietnam's administrative units: the 2025 structure and the legacy districts."""

    name = "places"
    verbose_name = _("Places")
    default_auto_field = "django.db.models.AutoField"
