import oscar.apps.dashboard.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class DashboardConfig(apps.DashboardConfig):
    """Oscar's dashboard, forked so that a producer's view of it covers its own data only, the
    OCOP office's home is its work queue, and Oscar's shop statistics have a page of their own."""

    name = "dashboard"

    def ready(self):
        super().ready()
        self.statistics_view = get_class("dashboard.views", "StatisticsView")

    def get_urls(self):
        # Staff only: the view carries `core.permissions.staff_required`.
        statistics = [path("statistics/", self.statistics_view.as_view(), name="statistics")]
        return [*super().get_urls(), *self.post_process_urls(statistics)]
