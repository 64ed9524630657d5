"""The demo's pre-orders: the lychee book for the next season, with reservations of guests and
of a demo buyer's account, one cancelled, made with no mail; a second run makes nothing."""

import pytest
from oscar.core.loading import get_model

from demo.preorders import PREORDERS, demo_preorders
from preorders import selectors
from preorders.models import PreorderBook, ReservationStatus
from tests.preorders.factories import lychee_season

Product = get_model("catalogue", "Product")


@pytest.fixture
def lychee(demo_data, db):
    product = Product.objects.get(stockrecords__partner_sku="vai-thieu-luc-ngan-2kg")
    if not product.harvest_windows.exists():  # the "Harvest seasons" step's, once it is merged
        lychee_season(product)
    return product


def test_the_demo_book_has_reservations_one_cancelled(lychee, committed, mailoutbox):
    with committed():
        created, existing = demo_preorders()

    book = PreorderBook.objects.get(product=lychee)
    assert book.capacity == 300 and book.producer.code == "htx-hong-xuan"
    reservations = list(book.reservations.order_by("created_at"))
    assert len(reservations) == len(PREORDERS["reservations"]) == 8
    assert [r.status for r in reservations].count(ReservationStatus.CANCELLED) == 1
    assert reservations[0].user.username == "khach-dat-truoc"
    assert selectors.book_reserved(book) == 98
    assert not mailoutbox

    assert demo_preorders() == (0, 9)
    assert book.reservations.count() == 8
