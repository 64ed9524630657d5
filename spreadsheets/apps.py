from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpreadsheetsConfig(AppConfig):
    """A producer's listings, prices and stock exported and imported as CSV or XLSX."""

    name = "spreadsheets"
    verbose_name = _("Listing spreadsheets")
    default_auto_field = "django.db.models.AutoField"
