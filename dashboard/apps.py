import oscar.apps.dashboard.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class DashboardConfig(apps.DashboardConfig):
    """Oscar's dashboard, forked so that a producer's view of it covers its own data only, the
    OCOP office's home is its work queue, Oscar's shop statistics have a page of their own, and
    a council member who is neither staff nor a producer's login lands on their rounds."""

    name = "dashboard"

    def ready(self):
        super().ready()
        self.statistics_view = get_class("dashboard.views", "StatisticsView")
        # Read here, with the models loaded: the home page's wrapper for council members.
        from evaluation.permissions import council_members_to_their_rounds

        self.council_members_to_their_rounds = council_members_to_their_rounds

    def get_url_decorator(self, pattern):
        """The home page lets Oscar's permission test pass only staff and producers; a council
        member with neither role is sent to the rounds they sit on before that test refuses."""
        decorator = super().get_url_decorator(pattern)
        if pattern.name != "index" or decorator is None:
            return decorator
        return lambda view: self.council_members_to_their_rounds(decorator(view))

    def get_urls(self):
        # Staff only: the view carries `core.permissions.staff_required`.
        statistics = [path("statistics/", self.statistics_view.as_view(), name="statistics")]
        return [*super().get_urls(), *self.post_process_urls(statistics)]
