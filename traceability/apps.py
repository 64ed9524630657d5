from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from partner.sale_holds import sale_hold_source_register


class TraceabilityConfig(AppConfig):
    """Lots, their certifications, inspections and supply-chain events, and their public trace pages."""

    name = "traceability"
    verbose_name = _("Traceability")
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        # Traceability plugs into partner's sale-hold hook (partner never imports traceability):
        # a product whose every published lot has expired is shown as such and not sold.
        # Here, not at the top: the selectors read models, loadable once the registry is ready.
        from traceability.selectors import product_sale_holds

        sale_hold_source_register(product_sale_holds)
