from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    """The OCOP programme's training courses (Kế hoạch 495, II.2): their pages and sessions,
    registrations with a waiting list, attendance by QR, certificates and reminders."""

    name = "training"
    verbose_name = _("Training courses")
    default_auto_field = "django.db.models.AutoField"
