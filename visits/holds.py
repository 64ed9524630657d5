"""A visit is booked by session, never put in the basket as an undated ticket.

A product with visit sessions (a tour, a village experience) is held from the basket through
partner's sale-hold hook, registered from `VisitsConfig.ready()`: its product page shows the
sessions to choose from instead of "Thêm vào giỏ", its card says how it is sold, and the basket
refuses it. One query for every product a page shows.
"""

import datetime

from django.utils.translation import gettext_lazy as _

from partner.sale_holds import SaleHold
from visits.models import VisitSession

BOOK_A_SESSION = SaleHold(
    code="book-a-session",
    message=_("Booked by session: choose a date below"),
    short_message=_("Book a date"),
)


def product_visit_holds(on: datetime.date) -> dict[int, SaleHold]:
    """{product id: the hold} for every product that has visit sessions."""
    product_ids = VisitSession.objects.values_list("product_id", flat=True).distinct()
    return dict.fromkeys(product_ids, BOOK_A_SESSION)
