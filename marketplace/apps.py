from django.apps import AppConfig


class MarketplaceConfig(AppConfig):
    """The project itself: base layout, language, demo data, checks."""

    name = "marketplace"
    verbose_name = "OCOP marketplace"

    def ready(self):
        from . import checks, support  # noqa: F401  (register the system checks and the support-session log)
