from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    """The OCOP programme's figures for staff, against the provincial plan's targets."""

    name = "programme"
    verbose_name = _("OCOP programme figures")
    default_auto_field = "django.db.models.AutoField"
