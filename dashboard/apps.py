import oscar.apps.dashboard.apps as apps


class DashboardConfig(apps.DashboardConfig):
    """Oscar's dashboard, forked so that a producer's view of it covers its own data only."""

    name = "dashboard"
