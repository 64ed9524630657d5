from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreordersConfig(AppConfig):
    """Pre-orders of seasonal produce: out of season, buyers reserve a quantity for the next
    season up to the producer's announced capacity; at harvest the producer turns the
    reservations into orders, first come first served, which the buyers pay by a deadline."""

    name = "preorders"
    verbose_name = _("Pre-orders")
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        # Here, not at the top: the modules read models, loadable once the registry is ready.
        from order.signals import order_cancelled
        from partner.sale_holds import sale_hold_source_register
        from preorders.receivers import order_cancelled_received
        from preorders.selectors import product_preorder_holds

        # A harvest whose book still has waiting reservations is not sold in the shop until
        # they are turned into orders (partner's sale-hold hook; partner never imports us).
        sale_hold_source_register(product_preorder_holds)
        # An order a reservation became is cancelled: its quantity goes back to the book.
        order_cancelled.connect(order_cancelled_received, dispatch_uid="preorders-order-cancelled")
