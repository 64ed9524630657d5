import oscar.apps.dashboard.catalogue.apps as apps


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    """Oscar's catalogue dashboard, forked to keep producers to their own and public products
    (see `dashboard.catalogue.formsets`)."""

    name = "dashboard.catalogue"
