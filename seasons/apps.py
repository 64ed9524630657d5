from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from partner.sale_holds import sale_hold_source_register


class SeasonsConfig(AppConfig):
    """Harvest seasons of fresh produce: each product's harvest windows (early and main crop,
    per year), whether it is in season on a day and when its next season starts, the sale
    hold of a product out of season, and the province's harvest calendar."""

    name = "seasons"
    verbose_name = _("Harvest seasons")
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        # Seasons plugs into partner's sale-hold hook before traceability does (it is installed
        # first), so a product out of season says when its next harvest starts. Imported here:
        # the holds read models, loadable once the registry is ready.
        from seasons.holds import product_sale_holds

        sale_hold_source_register(product_sale_holds)
