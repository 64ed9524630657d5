import oscar.apps.dashboard.orders.apps as apps
from oscar.core.loading import get_class


class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    """Oscar's order dashboard, forked so that a producer sees and acts on its own part only
    (see `dashboard.orders.views`)."""

    name = "dashboard.orders"

    def configure_permissions(self):
        super().configure_permissions()
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        # The shipping address and the notes belong to the whole order: staff only (an address
        # changed by one producer would move every producer's parcel).
        for name in ("order-shipping-address", "order-detail-note"):
            self.permissions_map[name] = (DashboardPermission.get("order", "view_order", "change_order"),)
