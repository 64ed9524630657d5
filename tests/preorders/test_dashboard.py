"""The producer's pre-order books: opening, settings, closing, the reservations and their CSV,
the harvest's turn into orders; a producer never reaches another producer's book; staff see all."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from preorders import services
from preorders.models import PreorderBook, ReservationStatus
from tests.catalog.factories import ProductFactory
from tests.preorders.factories import PreorderBookFactory, ReservationFactory, lychee_season
from tests.traceability.factories import LotFactory

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")


def url(name, **kwargs):
    return reverse(f"preorders-dashboard:{name}", kwargs=kwargs)


@pytest.fixture
def world(producer_user, commune):
    lychee = ProductFactory(title="Vải thiều A", stockrecords__price=120000, stockrecords__num_in_stock=40)
    lychee_season(lychee)
    honey = ProductFactory(title="Mật ong B")
    a = lychee.stockrecords.get().partner
    b_book = PreorderBookFactory(product=honey)
    ReservationFactory(book=b_book, name="Người đặt bí mật B", commune=commune)
    return {
        "lychee": lychee,
        "a": a,
        "a_user": producer_user(a, "a@htx-vai.example"),
        "b_book": b_book,
    }


def test_a_producer_opens_a_book_for_its_seasonal_product(client, world):
    client.force_login(world["a_user"])
    listing = client.get(url("list")).content.decode()
    assert "Vải thiều A" in listing and "Mật ong B" not in listing
    open_url = url("book-open", product_pk=world["lychee"].pk)
    assert open_url in listing

    response = client.post(open_url, {"capacity": "300", "unit_price": "125.000", "pay_days": "3"})

    book = PreorderBook.objects.get(product=world["lychee"])
    assert response["Location"] == url("book", pk=book.pk)
    assert (book.capacity, book.unit_price, book.pay_days, book.producer) == (
        300,
        Decimal(125000),
        3,
        world["a"],
    )


def test_another_producers_book_and_product_are_not_found(client, world):
    client.force_login(world["a_user"])
    b_book = world["b_book"]
    for name in ("book", "book-csv"):
        assert client.get(url(name, pk=b_book.pk)).status_code == 404
    for name in ("book-update", "book-open-close", "book-convert"):
        assert client.post(url(name, pk=b_book.pk), {"capacity": 1, "open": "0"}).status_code == 404
    assert client.get(url("book-open", product_pk=b_book.product_id)).status_code == 404
    b_book.refresh_from_db()
    assert (b_book.capacity, b_book.is_open) == (10, True)


def test_staff_see_every_producers_books(client, world, office):
    client.force_login(office)
    page = client.get(url("list")).content.decode()
    assert "Mật ong B" in page
    assert "Người đặt bí mật B" in client.get(url("book", pk=world["b_book"].pk)).content.decode()


def test_a_buyer_is_sent_to_log_in(client, world):
    response = client.get(url("list"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_capacity_below_what_is_reserved_is_refused_on_the_page(client, world, commune):
    book = services.book_open(
        product=world["lychee"], producer=world["a"], capacity=20, on=datetime.date(2026, 12, 7)
    )
    ReservationFactory(book=book, quantity=12, commune=commune)
    client.force_login(world["a_user"])

    response = client.post(
        url("book-update", pk=book.pk), {"capacity": "8", "unit_price": "120000", "pay_days": "2"}
    )

    assert response.status_code == 400
    assert (
        "Đã có 12 được đặt trước: số lượng nhận đặt không thể ít hơn (bạn nhập 8)."
        in response.content.decode()
    )
    book.refresh_from_db()
    assert book.capacity == 20


def test_the_producer_closes_and_reopens_the_book(client, world):
    book = PreorderBookFactory(product=world["lychee"])
    client.force_login(world["a_user"])
    client.post(url("book-open-close", pk=book.pk), {"open": "0"})
    book.refresh_from_db()
    assert not book.is_open
    client.post(url("book-open-close", pk=book.pk), {"open": "1"})
    book.refresh_from_db()
    assert book.is_open


def test_the_producer_turns_reservations_into_orders_with_a_lot(client, world, commune):
    book = PreorderBookFactory(product=world["lychee"], capacity=50)
    for _number in range(3):
        ReservationFactory(book=book, quantity=2, commune=commune)
    client.force_login(world["a_user"])
    page = client.get(url("book", pk=book.pk)).content.decode()
    assert "Sản phẩm này chưa có lô nào đã công bố và còn hạn sử dụng" in page

    refused = client.post(url("book-convert", pk=book.pk), {})
    assert refused.status_code == 400
    assert not Order.objects.exists()

    lot = LotFactory(product=world["lychee"], is_published=True, code="VAI-2026-SOM")
    assert "VAI-2026-SOM" in client.get(url("book", pk=book.pk)).content.decode()
    response = client.post(url("book-convert", pk=book.pk), {"lot": lot.pk}, follow=True)

    assert "3 đơn đã tạo" in response.content.decode()
    assert Order.objects.count() == 3
    assert set(book.reservations.values_list("status", flat=True)) == {ReservationStatus.ORDERED}


def test_the_conversion_says_how_many_wait_for_stock(client, world, commune):
    book = PreorderBookFactory(product=world["lychee"], capacity=100)
    for quantity in (30, 15, 5):  # 40 in stock: the second stops the run
        ReservationFactory(book=book, quantity=quantity, commune=commune)
    lot = LotFactory(product=world["lychee"], is_published=True)
    client.force_login(world["a_user"])

    response = client.post(url("book-convert", pk=book.pk), {"lot": lot.pk}, follow=True)

    assert "1 đơn đã tạo, 2 đơn chờ vì không đủ hàng trong kho" in response.content.decode()


def test_the_csv_lists_reservations_in_order_formula_safe(client, world, commune):
    book = PreorderBookFactory(product=world["lychee"])
    ReservationFactory(book=book, name='=HYPERLINK("http://x")', quantity=2, commune=commune)
    ReservationFactory(book=book, name="Lê Thị Mai", quantity=1, commune=commune)
    client.force_login(world["a_user"])

    response = client.get(url("book-csv", pk=book.pk))

    text = response.content.decode("utf-8-sig")
    rows = text.strip().splitlines()
    assert len(rows) == 3
    assert "'=HYPERLINK" in rows[1] and "Lê Thị Mai" in rows[2]
