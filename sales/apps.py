from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SalesConfig(AppConfig):
    """A producer's sales figures in its dashboard: months, top products, chart and CSV."""

    name = "sales"
    verbose_name = _("Sales figures")
    default_auto_field = "django.db.models.AutoField"
