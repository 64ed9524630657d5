from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """The OCOP evaluation cycle: rounds, producers' dossiers and self-assessments, the
    commune's pre-check, the council's scores, and the decision that issues certificates."""

    name = "evaluation"
    verbose_name = _("OCOP evaluation rounds")
    default_auto_field = "django.db.models.AutoField"
