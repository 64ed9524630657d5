from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cms.home import home_section_register
from partner.pricing import fair_price_source_register


class FairsConfig(AppConfig):
    """Trade fairs: their pages, booth types, producers' booth applications and fair prices."""

    name = "fairs"
    verbose_name = _("Trade fairs")
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        # Fairs plug into the apps below them, which never import fairs: partner's pricing
        # hook gives the shop its fair prices, cms's home sections show the upcoming fairs.
        # Here, not at the top: the selectors read models, loadable once the registry is ready.
        from fairs.prices import fair_prices_receivers_connect, fair_prices_running_cached
        from fairs.selectors import fairs_upcoming_under

        fair_price_source_register(fair_prices_running_cached)
        fair_prices_receivers_connect()
        home_section_register(name="upcoming_fairs", items=fairs_upcoming_under)
