from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreordersConfig(AppConfig):
    """Pre-orders of seasonal produce: out of season, buyers reserve a quantity for the next
    season up to the producer's announced capacity; at harvest the producer turns the
    reservations into orders, first come first served, which the buyers pay by a deadline."""

    name = "preorders"
    verbose_name = _("Pre-orders")
    default_auto_field = "django.db.models.AutoField"
