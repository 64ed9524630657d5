import oscar.apps.analytics.apps as apps


class AnalyticsConfig(apps.AnalyticsConfig):
    """Oscar's analytics, counting what a page was read for after the page has gone out."""

    name = "analytics"

    def ready(self):
        from analytics import receivers  # noqa: F401  connects the receivers
