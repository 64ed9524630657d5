"""Pre-order books and reservations (`preorders.services`): capacity, cancellations, the
harvest's turn into orders, the order's cancellation, and the hold on the shop's sale."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from oscar.core.loading import get_model

from order.fulfilment import order_cancel
from order.models import PaymentMethod, PaymentStatus
from partner.sale_holds import sale_holds_on
from preorders import selectors, services
from preorders.models import PreorderBook, Reservation, ReservationStatus
from tests.catalog.factories import ProductFactory
from tests.preorders.factories import PreorderBookFactory, ReservationFactory, lychee_season
from tests.races import race
from tests.traceability.factories import LotFactory

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
ProducerShippingRate = get_model("shipping", "ProducerShippingRate")

DECEMBER = datetime.date(2026, 12, 7)


def reserve(book, quantity, *, phone="0912 345 678", email="", commune, **kwargs):
    return services.reservation_create(
        book=book,
        quantity=quantity,
        name="Nguyễn  Thị Hoa",
        phone=phone,
        email=email,
        line1="Số 12, thôn Kép",
        commune=commune,
        on=kwargs.pop("on", DECEMBER),
        **kwargs,
    )


@pytest.fixture
def lychee():
    product = ProductFactory(title="Vải thiều thử", stockrecords__price=120000, stockrecords__num_in_stock=50)
    lychee_season(product)
    return product


@pytest.fixture
def book(lychee):
    return services.book_open(
        product=lychee, producer=lychee.stockrecords.get().partner, capacity=10, on=DECEMBER
    )


def published_lot(product, **kwargs):
    return LotFactory(product=product, is_published=True, **kwargs)


# Books ---------------------------------------------------------------------------------------


def test_a_book_is_opened_for_the_next_season_at_the_shops_price(book, lychee):
    assert (book.starts_on, book.ends_on) == (datetime.date(2027, 6, 1), datetime.date(2027, 7, 15))
    assert book.unit_price == Decimal(120000)
    assert (book.capacity, book.pay_days, book.is_open) == (10, 2, True)


def test_a_second_book_for_the_same_season_is_refused(book, lychee):
    with pytest.raises(ValidationError, match="Đã có sổ đặt trước"):
        services.book_open(product=lychee, producer=book.producer, capacity=5, on=DECEMBER)
    assert PreorderBook.objects.count() == 1


def test_a_product_without_harvest_windows_gets_no_book():
    product = ProductFactory()
    with pytest.raises(ValidationError, match="chưa có mùa vụ"):
        services.book_open(product=product, producer=product.stockrecords.get().partner, capacity=5)
    assert not PreorderBook.objects.exists()


def test_another_producers_product_gets_no_book(lychee):
    other = ProductFactory().stockrecords.get().partner
    with pytest.raises(ValidationError, match="không phải của nhà sản xuất"):
        services.book_open(product=lychee, producer=other, capacity=5, on=DECEMBER)
    assert not PreorderBook.objects.exists()


@pytest.mark.parametrize("capacity", [0, -3])
def test_a_book_offering_nothing_is_refused(lychee, capacity):
    with pytest.raises(ValidationError) as refused:
        services.book_open(
            product=lychee, producer=lychee.stockrecords.get().partner, capacity=capacity, on=DECEMBER
        )
    assert "capacity" in refused.value.message_dict
    assert not PreorderBook.objects.exists()


def test_capacity_below_what_is_reserved_is_refused_with_the_numbers(book, commune):
    reserve(book, 6, commune=commune)
    with pytest.raises(ValidationError) as refused:
        services.book_update(book=book, capacity=5, unit_price=Decimal(120000), pay_days=2)
    assert refused.value.message_dict["capacity"] == [
        "Đã có 6 được đặt trước: số lượng nhận đặt không thể ít hơn (bạn nhập 5). Chưa có gì thay đổi."
    ]
    book.refresh_from_db()
    assert book.capacity == 10
    services.book_update(book=book, capacity=6, unit_price=Decimal(110000), pay_days=3)
    book.refresh_from_db()
    assert (book.capacity, book.unit_price, book.pay_days) == (6, Decimal(110000), 3)


# Reservations --------------------------------------------------------------------------------


def test_a_reservation_is_saved_and_the_buyer_mailed_in_their_language(book, commune, mailoutbox, committed):
    with committed():
        reservation = reserve(book, 3, commune=commune, email="hoa@example.com", language="en")
    assert reservation.status == ReservationStatus.WAITING
    assert reservation.name == "Nguyễn Thị Hoa"
    assert selectors.book_places_left(book) == 7
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Reservation saved: Vải thiều thử"
    assert f"/en/dat-truoc/phieu/{reservation.token}/" in mailoutbox[0].body


def test_a_reservation_over_what_is_left_is_refused_and_changes_nothing(book, commune):
    reserve(book, 8, commune=commune)
    with pytest.raises(ValidationError) as refused:
        reserve(book, 3, commune=commune, phone="0987 654 321")
    assert refused.value.message_dict["quantity"] == [
        "Vụ này chỉ còn 2 để đặt trước: bạn đặt 3. Chưa lưu gì."
    ]
    assert Reservation.objects.count() == 1
    reserve(book, 2, commune=commune, phone="0987 654 321")
    with pytest.raises(ValidationError, match="đã được đặt trước hết"):
        reserve(book, 1, commune=commune)
    assert selectors.book_reserved(book) == 10


@pytest.mark.parametrize("quantity", [0, -1, 1001])
def test_a_quantity_under_one_or_over_the_limit_is_refused(book, commune, quantity):
    with pytest.raises(ValidationError) as refused:
        reserve(book, quantity, commune=commune)
    assert "quantity" in refused.value.message_dict
    assert not Reservation.objects.exists()


def test_a_closed_book_or_a_season_begun_takes_no_reservation(book, commune):
    with pytest.raises(ValidationError, match="Đã vào vụ"):
        reserve(book, 1, commune=commune, on=book.starts_on)
    services.book_set_open(book=book, is_open=False)
    with pytest.raises(ValidationError, match="ngừng nhận đặt trước"):
        reserve(book, 1, commune=commune)
    assert not Reservation.objects.exists()


def test_a_cancellation_gives_the_quantity_back_once(book, commune, mailoutbox, committed):
    reservation = reserve(book, 10, commune=commune, email="hoa@example.com")
    with committed():
        services.reservation_cancel(reservation=reservation)
    assert selectors.book_places_left(book) == 10
    assert mailoutbox[-1].subject == "Đã hủy đặt trước: Vải thiều thử"
    with pytest.raises(ValidationError, match="không thể hủy"):
        services.reservation_cancel(reservation=reservation)
    reserve(book, 10, commune=commune)


# The harvest ---------------------------------------------------------------------------------


def test_reservations_become_orders_first_come_first_served(book, lychee, commune, mailoutbox, committed):
    ProducerShippingRate.objects.update_or_create(
        partner=book.producer, defaults={"fee": 25000, "free_above": 400000}
    )
    first = reserve(book, 2, commune=commune, email="hoa@example.com", language="en")
    second = reserve(book, 4, commune=commune, phone="0987 654 321")
    lot = published_lot(lychee)
    now = timezone.now()

    with committed():
        result = services.reservations_convert(book=book, lot=lot, now=now)

    assert (result.created, result.waiting, result.stopped_for_stock) == (2, 0, False)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == second.status == ReservationStatus.ORDERED
    order = first.order
    assert order.payment_method == PaymentMethod.UNCHOSEN
    assert order.pay_by == now + datetime.timedelta(days=2)
    assert order.language == "en"
    line = order.lines.get()
    assert (line.quantity, line.unit_price_incl_tax, line.lot) == (2, Decimal(120000), lot)
    assert order.shipping_address.line1 == "Số 12, thôn Kép"
    assert order.shipping_address.phone_number.as_national == "0912 345 678"
    # 240.000 ₫ pays delivery (25.000 ₫); 480.000 ₫ is above the producer's free-delivery amount.
    assert order.total_incl_tax == Decimal(265000)
    assert second.order.total_incl_tax == Decimal(480000)
    assert StockRecord.objects.get(product=lychee).num_allocated == 6
    assert [mail.to for mail in mailoutbox] == [["hoa@example.com"]]  # the second buyer gave no e-mail
    assert order.get_pay_url() in mailoutbox[-1].body
    assert mailoutbox[-1].subject == f"Your reservation is now order {order.number}: please pay"


def test_converting_twice_never_makes_two_orders(book, lychee, commune):
    reserve(book, 2, commune=commune)
    lot = published_lot(lychee)
    services.reservations_convert(book=book, lot=lot)
    again = services.reservations_convert(book=book, lot=lot)
    assert (again.created, again.waiting) == (0, 0)
    assert Order.objects.count() == 1


def test_the_run_stops_at_the_first_reservation_the_stock_cannot_cover(book, lychee, commune):
    StockRecord.objects.filter(product=lychee).update(num_in_stock=3)
    reserve(book, 2, commune=commune)
    reserve(book, 2, commune=commune, phone="0987 654 321")
    last = reserve(book, 1, commune=commune, phone="0987 654 322")

    result = services.reservations_convert(book=book, lot=published_lot(lychee))

    assert (result.created, result.waiting, result.stopped_for_stock) == (1, 2, True)
    assert list(Reservation.objects.values_list("status", flat=True)) == ["ordered", "waiting", "waiting"]
    last.refresh_from_db()
    assert last.status == ReservationStatus.WAITING  # not served ahead of the one before it
    assert Order.objects.count() == 1


def test_no_conversion_without_a_current_lot_of_the_product(book, lychee, commune):
    reserve(book, 2, commune=commune)
    unpublished = LotFactory(product=lychee)
    expired = published_lot(
        lychee,
        produced_on=datetime.date(2026, 6, 20),
        expires_on=datetime.date(2026, 7, 10),
    )
    other = published_lot(ProductFactory())
    for lot in (None, unpublished, expired, other):
        with pytest.raises(ValidationError) as refused:
            services.reservations_convert(book=book, lot=lot)
        assert "lot" in refused.value.message_dict
    assert not Order.objects.exists()
    assert Reservation.objects.get().status == ReservationStatus.WAITING


def test_a_cancelled_order_gives_the_capacity_back(book, lychee, commune, mailoutbox, committed):
    reservation = reserve(book, 10, commune=commune, email="hoa@example.com")
    services.reservations_convert(book=book, lot=published_lot(lychee))
    reservation.refresh_from_db()

    with committed():
        order_cancel(order=reservation.order, reason="Người mua hủy", notify=False)

    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.CANCELLED
    assert selectors.book_places_left(book) == 10
    assert mailoutbox[-1].subject == "Đã hủy đặt trước: Vải thiều thử"


def test_an_order_not_paid_by_its_deadline_lapses_the_reservation(
    book, lychee, commune, mailoutbox, committed
):
    reservation = reserve(book, 4, commune=commune, email="hoa@example.com")
    services.reservations_convert(book=book, lot=published_lot(lychee))
    reservation.refresh_from_db()
    Order.objects.filter(pk=reservation.order_id).update(pay_by=timezone.now() - datetime.timedelta(hours=1))
    reservation.order.refresh_from_db()

    with committed():
        order_cancel(order=reservation.order, reason="Quá hạn thanh toán", notify=False)

    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.LAPSED
    assert selectors.book_places_left(book) == 10
    assert mailoutbox[-1].subject == "Đặt trước đã hết hiệu lực: Vải thiều thử"


def test_the_harvest_is_held_from_the_shop_while_reservations_wait(book, lychee, commune):
    in_season = datetime.date(2027, 6, 10)
    reserve(book, 2, commune=commune)
    assert sale_holds_on(in_season)[lychee.pk].code == "preorders-first"
    assert (
        lychee.pk not in sale_holds_on(DECEMBER)
        or sale_holds_on(DECEMBER)[lychee.pk].code != "preorders-first"
    )

    services.reservations_convert(book=book, lot=published_lot(lychee))

    assert lychee.pk not in selectors.product_preorder_holds(in_season)


def test_the_offer_is_shown_out_of_season_only(book, lychee):
    assert selectors.book_offered(product=lychee, on=DECEMBER) == book
    assert selectors.book_offered(product=lychee, on=datetime.date(2027, 6, 10)) is None
    services.book_set_open(book=book, is_open=False)
    assert selectors.book_offered(product=lychee, on=DECEMBER) is None


# The race ------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_buyers_racing_for_the_last_boxes_never_reserve_more_than_offered(commune):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's: run with DATABASE_URL=postgres://… (CI does)")
    book = PreorderBookFactory(capacity=5)
    ReservationFactory(book=book, quantity=3, commune=commune)

    def take(number):
        try:
            services.reservation_create(
                book=book,
                quantity=2,
                name=f"Người mua {number}",
                phone=f"091234500{number}",
                line1="Thôn Kép",
                commune=commune,
            )
        except ValidationError:
            return "refused"
        return "reserved"

    outcomes = race(take, range(4))

    assert sorted(outcomes) == ["refused", "refused", "refused", "reserved"]
    assert selectors.book_reserved(book) == 5


def test_the_release_of_an_unpaid_order_after_its_deadline_lapses_the_reservation(book, lychee, commune):
    reservation = reserve(book, 4, commune=commune)
    services.reservations_convert(book=book, lot=published_lot(lychee))
    Order.objects.update(pay_by=timezone.now() - datetime.timedelta(hours=1))

    call_command("orders_release_unpaid", stdout=open("/dev/null", "w"))

    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.LAPSED
    assert reservation.order.payment_status == PaymentStatus.VOID
    assert selectors.book_places_left(book) == 10
