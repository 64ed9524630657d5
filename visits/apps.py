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
        from partner.sale_holds import sale_hold_source_register
        from search.bookable import bookable_dates_source_register
        from visits import receivers  # noqa: F401  (connects the order-cancelled receiver)
        from visits.holds import product_visit_holds
        from visits.selectors import product_bookable_dates
        from visits.sitemaps import VisitSessionSitemap

        # Search's documents and its visit-date filter read the days each visit can be booked.
        bookable_dates_source_register(product_bookable_dates)
        # A product sold by session is never put in the basket as an undated ticket.
        sale_hold_source_register(product_visit_holds)

        # The sitemap lists the sessions' booking pages beside cms's pages and products.
        SITEMAPS["visits"] = VisitSessionSitemap
