from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    """Bookable OCOP tourism experiences: a tourism product's sessions (date, time, meeting
    point, places, price per guest, language), bookings with a QR voucher checked in at the
    door, and the producer's cancellation rules."""

    name = "visits"
    verbose_name = _("Visits")
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from cms.sitemaps import SITEMAPS
        from visits import receivers  # noqa: F401  (connects the order-cancelled receiver)
        from visits.sitemaps import VisitSessionSitemap

        # The sitemap lists the sessions' booking pages beside cms's pages and products.
        SITEMAPS["visits"] = VisitSessionSitemap
