from django.apps import AppConfig


class MarketplaceConfig(AppConfig):
    """The project itself: base layout, language, system checks."""

    name = "marketplace"
    verbose_name = "OCOP marketplace"

    def ready(self):
        from marketplace import checks  # noqa: F401  (registers the system checks)
