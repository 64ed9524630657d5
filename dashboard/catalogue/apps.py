import oscar.apps.dashboard.catalogue.apps as apps


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    """Oscar's catalogue dashboard, forked so that producers' listings go through moderation
    (`dashboard.catalogue.views`, `forms`, `bulk_actions`) and producers keep to their own and
    public products (`dashboard.catalogue.formsets`). The moderation queue and the OCOP
    certificates are our own pages, in `catalog.dashboard`."""

    name = "dashboard.catalogue"
