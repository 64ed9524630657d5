from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    """Producers joining the marketplace: applications, their review, and producers' staff."""

    name = "onboarding"
    verbose_name = _("Producer onboarding")
    default_auto_field = "django.db.models.AutoField"
