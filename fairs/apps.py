from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FairsConfig(AppConfig):
    """Trade fairs: their pages, booth types, producers' booth applications and fair prices."""

    name = "fairs"
    verbose_name = _("Trade fairs")
    default_auto_field = "django.db.models.AutoField"
