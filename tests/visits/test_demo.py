"""The demo's Bản Ven sessions: repeating weekends, one-off weekdays, one guided in English,
some full, a family of four checked in at a past session; made again, nothing changes."""

import pytest
from django.utils import timezone

from core.clock import VIETNAM
from demo.visits import demo_visits
from visits import selectors
from visits.models import BookingStatus, VisitBooking, VisitSession


def test_the_demo_has_ban_vens_sessions_to_come_some_full(demo_data):
    sessions = list(selectors.sessions_with_places(VisitSession.objects.filter(starts_at__gt=timezone.now())))

    assert len(sessions) >= 10
    assert {s.product.upc for s in sessions} == {"OCOP-BG-DU-LICH-BAN-VEN-1-NGAY"}
    weekend = [s for s in sessions if s.series_id]
    assert weekend and {timezone.localtime(s.starts_at, VIETNAM).weekday() for s in weekend} <= {5, 6}
    assert {timezone.localtime(s.starts_at, VIETNAM).strftime("%H:%M") for s in weekend} == {"08:00"}
    assert any(s.language == "en" for s in sessions)
    full = [s for s in sessions if s.taken == s.capacity]
    assert len(full) == 2
    assert all(s.taken <= s.capacity for s in sessions)


def test_the_demo_family_of_four_was_checked_in_at_a_past_session(demo_data):
    family = VisitBooking.objects.get(full_name="Gia đình anh Tuấn (minh hoạ)")

    assert family.guests == 4 and family.status == BookingStatus.CHECKED_IN
    assert family.session.starts_at < timezone.now()
    assert timezone.localtime(family.checked_in_at, VIETNAM).strftime("%H:%M") == "08:05"


def test_the_demo_bookings_orders_are_paid_so_the_release_of_unpaid_orders_keeps_them(demo_data):
    orders = [booking.order for booking in VisitBooking.objects.select_related("order")]

    assert orders and all(order.amount_due == 0 for order in orders)


@pytest.mark.django_db
def test_a_second_run_creates_nothing(demo_data):
    before = VisitBooking.objects.count(), VisitSession.objects.count()

    created, _existing = demo_visits()

    assert created == 0
    assert (VisitBooking.objects.count(), VisitSession.objects.count()) == before
