from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraceabilityConfig(AppConfig):
    """Lots, their certifications, inspections and supply-chain events, and their public trace pages."""

    name = "traceability"
    verbose_name = _("Traceability")
    default_auto_field = "django.db.models.AutoField"
