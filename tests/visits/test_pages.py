"""The public side of visits: the sessions on the product page, the booking page (refusals keep
what was typed and save nothing), the voucher and cancelling from it, JSON-LD and the sitemap."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from order.models import PaymentMethod
from order.pay_later import order_payment_choose
from tests.visits.factories import TourismProductFactory, VisitSessionFactory
from visits import selectors, services
from visits.models import BookingStatus, VisitBooking, VisitTerms

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Order = get_model("order", "Order")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def form(**fields):
    return {
        "full_name": "Trần Thị Hoa",
        "phone": "0912 345 678",
        "email": "hoa@example.com",
        "guests": "4",
        **fields,
    }


def test_the_product_page_lists_the_sessions_to_come_with_places_and_a_tourist_trip(client):
    product = TourismProductFactory(title="Du lịch bản Ven")
    soon = VisitSessionFactory(product=product, capacity=10, language="en")
    full = VisitSessionFactory(
        product=product, capacity=2, starts_at=soon.starts_at + datetime.timedelta(days=1)
    )
    services.booking_create(session=full, guests=2, full_name="Khách", phone="0987654321")
    VisitSessionFactory(product=product, starts_at=timezone.now() - datetime.timedelta(days=1))

    html = client.get(product.get_absolute_url()).content.decode()

    assert f'href="{reverse("visits:book", kwargs={"pk": soon.pk})}"' in html
    assert f'href="{reverse("visits:book", kwargs={"pk": full.pk})}"' not in html  # full: no link
    assert "10 places left" in html and "guide in English" in html
    [trip] = [data for data in json_ld(html) if data.get("@type") == "TouristTrip"]
    assert [offer["availability"] for offer in trip["offers"]] == [
        "https://schema.org/InStock",
        "https://schema.org/SoldOut",
    ]
    assert trip["offers"][0]["price"] == "350000" and trip["offers"][0]["priceCurrency"] == "VND"
    assert trip["subEvent"][0]["@type"] == "Event"


def test_a_product_with_no_session_shows_no_block(client):
    product = TourismProductFactory()

    html = client.get(product.get_absolute_url()).content.decode()

    assert "visit-sessions" not in html


def test_the_booking_page_shows_the_session_and_its_event(client):
    session = VisitSessionFactory(starts_at=datetime.datetime(2030, 12, 14, 1, 0, tzinfo=datetime.UTC))

    html = client.get(reverse("visits:book", kwargs={"pk": session.pk})).content.decode()

    assert "14/12/2030 08:00" in html
    [event] = [data for data in json_ld(html) if data.get("@type") == "Event"]
    assert event["startDate"] == "2030-12-14T08:00:00+07:00"
    assert event["endDate"] == "2030-12-14T12:00:00+07:00"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["offers"]["availability"] == "https://schema.org/InStock"
    assert event["location"]["name"] == session.meeting_point


def test_booking_sends_the_family_to_its_voucher_with_the_pay_link(client):
    session = VisitSessionFactory()

    response = client.post(reverse("visits:book", kwargs={"pk": session.pk}), form())

    booking = VisitBooking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("visits:voucher", kwargs={"token": booking.token})
    assert booking.guests == 4 and booking.phone.as_e164 == "+84912345678"
    html = client.get(response["Location"]).content.decode()
    assert booking.code_display in html
    assert "<svg" in html
    assert booking.order.get_pay_url() in html


def test_a_booking_in_english_is_made_under_en_and_its_order_in_english(client):
    session = VisitSessionFactory()

    response = client.post(f"/en/tham-quan/{session.pk}/dat-cho/", form())

    booking = VisitBooking.objects.get()
    assert response["Location"] == f"/en/tham-quan/ve/{booking.token}/"
    assert booking.language == "en"


def test_more_guests_than_places_is_refused_keeping_what_was_typed_and_saving_nothing(client):
    session = VisitSessionFactory(capacity=3)

    response = client.post(reverse("visits:book", kwargs={"pk": session.pk}), form(guests="4"))

    assert response.status_code == 409
    html = response.content.decode()
    assert "Only 3 places are left in this session" in html
    assert 'value="Trần Thị Hoa"' in html and 'value="4"' in html
    assert not VisitBooking.objects.exists() and not Order.objects.exists()


def test_a_past_session_is_refused(client):
    session = VisitSessionFactory(starts_at=timezone.now() - datetime.timedelta(hours=1))

    response = client.post(reverse("visits:book", kwargs={"pk": session.pk}), form())

    assert response.status_code == 409
    assert "already started" in response.content.decode()
    assert not VisitBooking.objects.exists()


def test_a_wrong_phone_is_shown_again_with_the_form(client):
    session = VisitSessionFactory()

    response = client.post(reverse("visits:book", kwargs={"pk": session.pk}), form(phone="12"))

    assert response.status_code == 400
    assert "Enter a Vietnamese phone number" in response.content.decode()
    assert not VisitBooking.objects.exists()


def test_a_session_of_a_hidden_product_is_not_found(client):
    session = VisitSessionFactory(product=TourismProductFactory(is_public=False))

    assert client.get(reverse("visits:book", kwargs={"pk": session.pk})).status_code == 404


def test_bookings_are_limited_per_phone(client):
    session = VisitSessionFactory(capacity=50)
    for _ in range(5):
        client.post(reverse("visits:book", kwargs={"pk": session.pk}), form(guests="1"))

    response = client.post(reverse("visits:book", kwargs={"pk": session.pk}), form(guests="1"))

    assert response.status_code == 429
    assert VisitBooking.objects.count() == 5


def test_the_voucher_cancels_within_the_terms_and_says_the_refund_plainly(client):
    session = VisitSessionFactory(starts_at=timezone.now() + datetime.timedelta(days=3))
    VisitTerms.objects.create(product=session.product, cancel_hours_before=48, refund=False)
    booking = services.booking_create(session=session, guests=2, full_name="Hoa", phone="0912345678")
    url = reverse("visits:voucher", kwargs={"token": booking.token})

    html = client.get(url).content.decode()
    assert "No refund: what was paid is not given back." in html
    response = client.post(url)

    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert selectors.places_left(session) == session.capacity
    assert "This booking is cancelled" in client.get(url).content.decode()


def test_past_the_deadline_the_voucher_offers_no_cancelling_and_a_forced_post_changes_nothing(client):
    session = VisitSessionFactory(starts_at=timezone.now() + datetime.timedelta(hours=5))
    booking = services.booking_create(session=session, guests=2, full_name="Hoa", phone="0912345678")
    url = reverse("visits:voucher", kwargs={"token": booking.token})

    assert "Cancel this booking" not in client.get(url).content.decode()
    response = client.post(url)

    assert response.status_code == 409
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_an_unknown_token_is_not_found(client):
    assert client.get(reverse("visits:voucher", kwargs={"token": "nope"})).status_code == 404


def test_the_sitemap_lists_the_booking_pages_of_sessions_to_come(client):
    coming = VisitSessionFactory()
    past = VisitSessionFactory(starts_at=timezone.now() - datetime.timedelta(days=1))

    response = client.get("/sitemap.xml")

    locations = {
        url.findtext(f"{SITEMAP}loc") for url in ET.fromstring(response.content).iter(f"{SITEMAP}url")
    }
    assert any(loc.endswith(f"/tham-quan/{coming.pk}/dat-cho/") for loc in locations)
    assert any(loc.endswith(f"/en/tham-quan/{coming.pk}/dat-cho/") for loc in locations)
    assert not any(f"/tham-quan/{past.pk}/" in loc for loc in locations)


def test_once_the_family_chose_how_to_pay_the_voucher_no_longer_asks(client):
    booking = services.booking_create(
        session=VisitSessionFactory(), guests=4, full_name="Hoa", phone="0912345678"
    )
    url = reverse("visits:voucher", kwargs={"token": booking.token})
    assert booking.order.get_pay_url() in client.get(url).content.decode()

    order_payment_choose(order=booking.order, method=PaymentMethod.COD)

    html = client.get(url).content.decode()
    assert booking.order.get_pay_url() not in html
    assert str(PaymentMethod.COD.label) in html
