"""The producer's back office for visits: its own sessions only, sessions entered on Vietnam's
clock, repeating sessions, terms, the day sheet, and check-in by QR link or typed code."""

import datetime
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from core.clock import VIETNAM
from tests.visits.factories import TourismProductFactory, VisitSessionFactory
from visits import services
from visits.models import BookingStatus, VisitSession, VisitTerms

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def world(producer_user):
    mine = TourismProductFactory(title="Du lịch bản Ven")
    theirs = TourismProductFactory(title="Du lịch bản khác bí mật")
    a = mine.stockrecords.get().partner
    b = theirs.stockrecords.get().partner
    return {
        "mine": mine,
        "theirs": theirs,
        "a_user": producer_user(a, "a@ban-ven.example"),
        "b_user": producer_user(b, "b@ban-khac.example"),
    }


def book(session, **fields):
    data = {"guests": 4, "full_name": "Gia đình anh Bình", "phone": "0912345678", **fields}
    return services.booking_create(session=session, **data)


def test_a_producer_lists_its_own_sessions_only(client, world):
    VisitSessionFactory(product=world["mine"])
    theirs = VisitSessionFactory(product=world["theirs"])
    client.force_login(world["a_user"])

    html = client.get(reverse("visits-dashboard:session-list")).content.decode()

    assert "Du lịch bản Ven" in html
    assert "bí mật" not in html
    assert (
        client.get(reverse("visits-dashboard:session-bookings", kwargs={"pk": theirs.pk})).status_code == 404
    )
    assert client.get(reverse("visits-dashboard:session-update", kwargs={"pk": theirs.pk})).status_code == 404


def test_a_session_is_entered_as_a_date_and_time_on_vietnams_clock_at_the_shops_price(client, world):
    client.force_login(world["a_user"])

    response = client.post(
        reverse("visits-dashboard:session-create"),
        {
            "product": world["mine"].pk,
            "day": "2030-12-14",
            "time": "08:00",
            "duration_minutes": "240",
            "meeting_point": "Nhà văn hoá bản Ven",
            "capacity": "20",
            "price": "",
            "language": "en",
        },
    )

    assert response.status_code == 302
    session = VisitSession.objects.get()
    assert session.starts_at == datetime.datetime(2030, 12, 14, 8, 0, tzinfo=VIETNAM)
    assert session.price == Decimal("350000")
    assert session.language == "en"


def test_a_producer_cannot_give_a_session_to_another_producers_product(client, world):
    client.force_login(world["a_user"])

    response = client.post(
        reverse("visits-dashboard:session-create"),
        {
            "product": world["theirs"].pk,
            "day": "2030-12-14",
            "time": "08:00",
            "duration_minutes": "240",
            "meeting_point": "X",
            "capacity": "20",
            "price": "100.000",
            "language": "vi",
        },
    )

    assert response.status_code == 200
    assert not VisitSession.objects.exists()


def test_repeating_sessions_from_the_form(client, world):
    client.force_login(world["a_user"])
    today = timezone.localdate(timezone=VIETNAM)
    start = today + datetime.timedelta(days=7 - today.weekday())  # next Monday

    response = client.post(
        reverse("visits-dashboard:series-create"),
        {
            "product": world["mine"].pk,
            "weekdays": ["5", "6"],
            "start_time": "08:00",
            "starts_on": start.isoformat(),
            "ends_on": (start + datetime.timedelta(days=13)).isoformat(),
            "duration_minutes": "240",
            "meeting_point": "Nhà văn hoá bản Ven",
            "capacity": "20",
            "price": "300.000",
            "language": "vi",
        },
    )

    assert response.status_code == 302
    sessions = list(VisitSession.objects.order_by("starts_at"))
    assert len(sessions) == 4
    assert {timezone.localtime(s.starts_at, VIETNAM).weekday() for s in sessions} == {5, 6}
    assert {s.price for s in sessions} == {Decimal("300000")}


def test_terms_are_set_per_product(client, world):
    client.force_login(world["a_user"])

    client.post(
        reverse("visits-dashboard:terms", kwargs={"product_pk": world["mine"].pk}),
        {"cancel_hours_before": "48", "refund": "", "notes": "Mang giày đi bộ."},
    )

    terms = VisitTerms.objects.get(product=world["mine"])
    assert (terms.cancel_hours_before, terms.refund, terms.notes) == (48, False, "Mang giày đi bộ.")
    response = client.get(reverse("visits-dashboard:terms", kwargs={"product_pk": world["theirs"].pk}))
    assert response.status_code == 404


def test_the_day_sheet_lists_the_days_guests_and_phones(client, world):
    starts = datetime.datetime.combine(
        timezone.localdate(timezone=VIETNAM) + datetime.timedelta(days=3), datetime.time(8), tzinfo=VIETNAM
    )
    session = VisitSessionFactory(product=world["mine"], starts_at=starts)
    book(session)
    book(session, guests=2, full_name="Chị Mai", phone="0987654321")
    book(VisitSessionFactory(product=world["theirs"], starts_at=starts), full_name="Khách bí mật")
    client.force_login(world["a_user"])

    html = client.get(
        reverse("visits-dashboard:day-sheet") + f"?day={starts.date().isoformat()}"
    ).content.decode()

    assert "Gia đình anh Bình" in html and "0912 345 678" in html
    assert "Chị Mai" in html and "0987 654 321" in html
    assert "6 guests of 20" in html
    assert "bí mật" not in html


def test_check_in_by_typed_code_once_then_refused_saying_when(client, world):
    booking = book(VisitSessionFactory(product=world["mine"]))
    client.force_login(world["a_user"])
    typed = booking.code_display.lower().replace("-", " ")

    response = client.post(reverse("visits-dashboard:check-in-code"), {"code": typed})
    check_in = reverse("visits-dashboard:check-in", kwargs={"token": booking.token})
    assert response["Location"] == check_in
    client.post(check_in)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CHECKED_IN
    response = client.post(check_in, follow=True)

    assert "Already checked in at" in unescape(response.content.decode())
    first = booking.checked_in_at
    booking.refresh_from_db()
    assert booking.checked_in_at == first


def test_another_producers_voucher_is_refused_at_the_door(client, world):
    booking = book(VisitSessionFactory(product=world["theirs"]))
    client.force_login(world["a_user"])
    check_in = reverse("visits-dashboard:check-in", kwargs={"token": booking.token})

    for response in (client.get(check_in), client.post(check_in)):
        assert response.status_code == 403
        html = unescape(response.content.decode())
        assert "another producer's visit" in html
        assert "Gia đình anh Bình" not in html
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_the_qr_check_in_page_needs_a_login(client, world):
    booking = book(VisitSessionFactory(product=world["mine"]))

    response = client.get(reverse("visits-dashboard:check-in", kwargs={"token": booking.token}))

    assert response.status_code == 302 and "login" in response["Location"]


def test_staff_see_every_producers_sessions(client, world, office):
    VisitSessionFactory(product=world["mine"])
    VisitSessionFactory(product=world["theirs"])
    client.force_login(office)

    html = client.get(reverse("visits-dashboard:session-list")).content.decode()

    assert "Du lịch bản Ven" in html and "Du lịch bản khác bí mật" in html


def test_a_past_session_is_not_changed(client, world):
    session = VisitSessionFactory(
        product=world["mine"], starts_at=timezone.now() - datetime.timedelta(days=1)
    )
    client.force_login(world["a_user"])

    response = client.post(
        reverse("visits-dashboard:session-update", kwargs={"pk": session.pk}),
        {
            "product": world["mine"].pk,
            "day": "2030-12-14",
            "time": "08:00",
            "duration_minutes": "240",
            "meeting_point": "Nơi khác",
            "capacity": "20",
            "price": "",
            "language": "vi",
        },
    )

    assert response.status_code == 200
    assert "A session in the past cannot be changed." in response.content.decode()
    assert VisitSession.objects.get(pk=session.pk).meeting_point == session.meeting_point


def test_the_producer_cancels_a_session_and_its_bookings(client, world):
    session = VisitSessionFactory(product=world["mine"])
    booking = book(session)
    client.force_login(world["a_user"])

    client.post(reverse("visits-dashboard:session-cancel", kwargs={"pk": session.pk}), {"reason": "Mưa lớn"})

    session.refresh_from_db()
    booking.refresh_from_db()
    assert session.is_cancelled and booking.status == BookingStatus.CANCELLED
