from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The ground every app stands on; it imports no app of the marketplace."""

    name = "core"
    verbose_name = "OCOP marketplace core"

    def ready(self):
        from core import support  # noqa: F401  (connects the support-session log's receivers)
