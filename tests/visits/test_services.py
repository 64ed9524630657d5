"""Booking places of a visit session: capacity, refusals that change nothing, the order placed
for the places, cancelling (the guest's deadline, the order's cancellation), check-in once,
series regenerated around booked sessions, and the last places raced for on PostgreSQL."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone, translation
from oscar.core.loading import get_model

from core.clock import VIETNAM
from order.fulfilment import order_cancel
from order.models import OrderStatus, PaymentMethod
from order.payments import order_payment_add
from partner.models import Partner
from tests.races import race
from tests.visits.factories import TourismProductFactory, VisitSessionFactory
from visits import selectors, services
from visits.models import BookingStatus, VisitBooking, VisitSeries, VisitSession, VisitTerms

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Order = get_model("order", "Order")


def book(session, guests=4, phone="0912345678", **fields):
    data = {"full_name": "Nguyễn Văn  Bình", "email": "binh@example.com", **fields}
    return services.booking_create(session=session, guests=guests, phone=phone, **data)


def test_a_booking_takes_its_guests_places_and_places_an_order_for_them():
    session = VisitSessionFactory(
        capacity=10, starts_at=datetime.datetime(2030, 12, 14, 1, 0, tzinfo=datetime.UTC)
    )
    now = timezone.now()

    booking = book(session, guests=4)

    assert selectors.places_left(session) == 6
    assert booking.status == BookingStatus.BOOKED
    assert booking.full_name == "Nguyễn Văn Bình"
    assert booking.unit_price == Decimal("350000") and booking.total == Decimal("1400000")
    order = booking.order
    line = order.lines.get()
    assert line.title == f"{session.product.title} · 14/12/2030 08:00"
    assert line.quantity == 4
    assert line.unit_price_incl_tax == Decimal("350000")
    assert order.total_incl_tax == Decimal("1400000")
    assert order.shipping_address is None
    assert order.payment_method == PaymentMethod.UNCHOSEN
    assert (
        now + services.PAY_WITHIN - datetime.timedelta(minutes=1)
        < order.pay_by
        <= timezone.now() + services.PAY_WITHIN
    )


def test_an_order_for_a_session_starting_within_two_hours_is_paid_by_its_start():
    session = VisitSessionFactory(starts_at=timezone.now() + datetime.timedelta(minutes=50))

    booking = book(session)

    assert booking.order.pay_by == session.starts_at


def test_the_tourism_products_stock_never_blocks_a_booking():
    """The demo's tourism class tracks no stock; even a stock record at 0 books."""
    product = TourismProductFactory(stockrecords__num_in_stock=0)
    assert product.get_product_class().track_stock is False
    session = VisitSessionFactory(product=product, capacity=30)

    book(session, guests=25)

    assert selectors.places_left(session) == 5


def _nothing_saved():
    assert not VisitBooking.objects.exists()
    assert not Order.objects.exists()


@pytest.mark.parametrize(
    ("session_fields", "guests", "message"),
    [
        ({"starts_at": timezone.now() - datetime.timedelta(minutes=1)}, 1, "already started"),
        ({"is_cancelled": True}, 1, "is cancelled"),
        ({"capacity": 3}, 4, "Only 3 places are left in this session: fewer than the 4 guests asked for."),
    ],
)
def test_past_cancelled_and_too_small_sessions_are_refused_and_nothing_is_saved(
    session_fields, guests, message
):
    session = VisitSessionFactory(**session_fields)

    with pytest.raises(ValidationError) as refused:
        book(session, guests=guests)

    assert message in " ".join(refused.value.messages)
    _nothing_saved()


def test_a_full_session_is_refused_and_nothing_more_is_saved():
    session = VisitSessionFactory(capacity=4)
    book(session, guests=4)

    with pytest.raises(ValidationError) as refused:
        book(session, guests=1, phone="0987654321")

    assert refused.value.messages == ["This session is full: all 4 places are taken."]
    assert VisitBooking.objects.count() == 1 and Order.objects.count() == 1


def test_the_booking_mail_carries_the_voucher_and_the_pay_link(mailoutbox, committed):
    session = VisitSessionFactory()
    with committed():
        booking = book(session)

    (mail,) = mailoutbox
    assert mail.to == ["binh@example.com"]
    assert booking.code_display in mail.subject
    # In the guest's language (Vietnamese here), whatever the language of the request.
    assert f"/tham-quan/ve/{booking.token}/" in mail.body and "/en/" not in mail.body
    with translation.override("vi"):
        assert booking.order.get_pay_url() in mail.body


def test_no_email_no_mail(mailoutbox, committed):
    with committed():
        book(VisitSessionFactory(), email="")

    assert mailoutbox == []


def test_the_orders_cancellation_cancels_the_booking_and_gives_its_places_back():
    session = VisitSessionFactory(capacity=5)
    booking = book(session, guests=5)

    order_cancel(order=booking.order, reason="Quá hạn thanh toán", notify=False)

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert selectors.places_left(session) == 5


def test_the_guest_cancels_before_the_producers_deadline_and_the_order_goes_too():
    session = VisitSessionFactory(starts_at=timezone.now() + datetime.timedelta(hours=30))
    VisitTerms.objects.create(product=session.product, cancel_hours_before=24, refund=False)
    booking = book(session)

    services.booking_cancel(booking=booking)

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert Order.objects.get(pk=booking.order_id).status == OrderStatus.CANCELLED
    assert selectors.places_left(session) == 20


def test_after_the_producers_deadline_the_guest_cannot_cancel():
    session = VisitSessionFactory(starts_at=timezone.now() + datetime.timedelta(hours=10))
    VisitTerms.objects.create(product=session.product, cancel_hours_before=24)
    booking = book(session)

    with pytest.raises(ValidationError) as refused:
        services.booking_cancel(booking=booking)

    assert "until 24 hours before the start" in refused.value.messages[0]
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_check_in_once_then_refused_saying_when(producer_user):
    session = VisitSessionFactory()
    partner = session.product.stockrecords.get().partner
    user = producer_user(partner, "ban-ven@example.com")
    booking = book(session)
    partners = Partner.objects.filter(pk=partner.pk)
    at = datetime.datetime(2030, 12, 14, 1, 5, tzinfo=datetime.UTC)

    services.booking_check_in(booking=booking, partners=partners, by=user, now=at)
    with pytest.raises(services.CheckInRefused) as refused:
        services.booking_check_in(booking=booking, partners=partners, by=user)

    assert refused.value.messages == ["Already checked in at 08:05 14/12/2030: not checked in again."]
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CHECKED_IN and booking.checked_in_at == at


def test_another_producers_voucher_and_a_cancelled_booking_are_not_checked_in():
    session = VisitSessionFactory()
    other = TourismProductFactory().stockrecords.get().partner
    booking = book(session)

    with pytest.raises(services.CheckInRefused) as refused:
        services.booking_check_in(booking=booking, partners=Partner.objects.filter(pk=other.pk), by=None)
    assert refused.value.messages == ["This voucher is for another producer's visit: not checked in."]

    services.booking_cancel(booking=booking)
    mine = Partner.objects.filter(pk=session.product.stockrecords.get().partner_id)
    with pytest.raises(services.CheckInRefused) as refused:
        services.booking_check_in(booking=booking, partners=mine, by=None)
    assert refused.value.messages == ["This booking is cancelled: not checked in."]
    booking.refresh_from_db()
    assert booking.checked_in_at is None


def test_a_sessions_capacity_never_goes_below_its_booked_places():
    session = VisitSessionFactory(capacity=10)
    book(session, guests=6)
    session.capacity = 5

    with pytest.raises(ValidationError):
        services.session_save(session=session)

    assert VisitSession.objects.get(pk=session.pk).capacity == 10


def test_cancelling_a_session_cancels_its_bookings_and_tells_the_guests(mailoutbox, committed):
    session = VisitSessionFactory()
    with committed():
        booking = book(session)
    mailoutbox.clear()

    with committed():
        assert services.session_cancel(session=session, reason="Mưa lũ") == 1

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert "Mưa lũ" in mailoutbox[0].body
    with pytest.raises(ValidationError):
        book(session, phone="0987654321")


# Series ---------------------------------------------------------------------------------


def _series(product, **fields):
    data = {
        "product": product,
        "weekdays": [5, 6],
        "start_time": datetime.time(8, 0),
        "starts_on": datetime.date(2030, 12, 2),  # a Monday
        "ends_on": datetime.date(2030, 12, 15),
        "meeting_point": "Nhà văn hoá bản Ven",
        "capacity": 20,
        "price": Decimal("350000"),
        **fields,
    }
    return VisitSeries(**data)


NOW = datetime.datetime(2030, 12, 1, 12, 0, tzinfo=VIETNAM)


def test_a_series_makes_a_session_on_each_chosen_day_at_its_time_on_vietnams_clock():
    series = _series(TourismProductFactory())

    made, removed = services.series_save(series=series, now=NOW)

    assert (made, removed) == (4, 0)
    starts = [timezone.localtime(s.starts_at, VIETNAM) for s in VisitSession.objects.order_by("starts_at")]
    assert [(s.day, s.hour, s.minute) for s in starts] == [(7, 8, 0), (8, 8, 0), (14, 8, 0), (15, 8, 0)]


def test_editing_a_series_remakes_unbooked_future_sessions_and_keeps_booked_ones():
    series = _series(TourismProductFactory())
    services.series_save(series=series, now=NOW)
    booked = VisitSession.objects.order_by("starts_at").first()  # Saturday the 7th
    VisitBooking.objects.create(
        session=booked, guests=2, full_name="Khách", phone="0912345678", unit_price=Decimal("350000")
    )

    series.weekdays = [6]
    series.start_time = datetime.time(9, 30)
    made, removed = services.series_save(series=series, now=NOW)

    assert removed == 3
    sessions = [timezone.localtime(s.starts_at, VIETNAM) for s in VisitSession.objects.order_by("starts_at")]
    assert [(s.day, s.hour, s.minute) for s in sessions] == [(7, 8, 0), (8, 9, 30), (15, 9, 30)]
    assert made == 2


def test_a_series_ending_before_it_starts_is_refused():
    series = _series(TourismProductFactory(), ends_on=datetime.date(2030, 11, 30))

    with pytest.raises(ValidationError):
        services.series_save(series=series, now=NOW)

    assert not VisitSession.objects.exists()


# Search's bookable dates ----------------------------------------------------------------


def test_bookable_dates_are_the_days_with_a_session_that_still_has_places():
    product = TourismProductFactory()
    other = TourismProductFactory()
    day = timezone.localdate(timezone=VIETNAM) + datetime.timedelta(days=10)

    def at(days, hour=8):
        return datetime.datetime.combine(
            day + datetime.timedelta(days=days), datetime.time(hour), tzinfo=VIETNAM
        )

    VisitSessionFactory(product=product, starts_at=at(0))
    full = VisitSessionFactory(product=product, starts_at=at(1), capacity=2)
    book(full, guests=2)
    VisitSessionFactory(product=product, starts_at=at(2), is_cancelled=True)
    VisitSessionFactory(product=product, starts_at=at(3, hour=23))  # still the 3rd day in Vietnam
    VisitSessionFactory(product=product, starts_at=at(30))  # after the range
    VisitSessionFactory(product=other, starts_at=at(0))
    VisitSessionFactory(product=product, starts_at=timezone.now() - datetime.timedelta(hours=1))

    dates = selectors.product_bookable_dates(
        [product.pk], day - datetime.timedelta(days=12), day + datetime.timedelta(days=5)
    )

    assert dates == {product.pk: [day, day + datetime.timedelta(days=3)]}
    everyone = selectors.product_bookable_dates(None, day, day)
    assert everyone == {product.pk: [day], other.pk: [day]}


# PostgreSQL's row locks ------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_buyers_racing_for_the_last_places_get_them_once():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's: run with DATABASE_URL=postgres://… (CI does)")
    session = VisitSessionFactory(capacity=6)
    book(session, guests=2, phone="0912000000")

    def take(number):
        try:
            book(VisitSession.objects.get(pk=session.pk), guests=3, phone=f"098700000{number}")
        except ValidationError:
            return "refused"
        return "booked"

    outcomes = race(take, range(4))

    assert sorted(outcomes) == ["booked", "refused", "refused", "refused"]
    assert selectors.places_taken(session) == 5
    assert Order.objects.count() == 2


@pytest.mark.parametrize(
    ("refund", "order_status"), [(False, OrderStatus.PLACED), (True, OrderStatus.CANCELLED)]
)
def test_a_paid_booking_cancelled_without_refund_keeps_its_order(refund, order_status):
    session = VisitSessionFactory(starts_at=timezone.now() + datetime.timedelta(days=5))
    VisitTerms.objects.create(product=session.product, cancel_hours_before=24, refund=refund)
    booking = book(session, guests=2)
    order_payment_add(order=booking.order, amount=booking.order.total_incl_tax, reference="test")

    services.booking_cancel(booking=booking)

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert selectors.places_left(session) == session.capacity
    assert Order.objects.get(pk=booking.order_id).status == order_status
