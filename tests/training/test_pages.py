"""The public side: the course list, a course page with its places, sessions and materials,
and the officials' registration form (the waiting list as a choice, refusals that keep what
was typed, the confirmation page)."""

import datetime
import json
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model

from tests.training.factories import CoursePageFactory, CourseRegistrationFactory
from tests.training.wording import vi
from training.choices import Audience, RegistrationStatus
from training.models import CourseMaterial, CourseRegistration

pytestmark = pytest.mark.django_db


def form_data(**extra):
    return {
        "full_name": "Nguyễn Thị Lan",
        "phone": "0912 345 678",
        "email": "lan@example.com",
        "position": "Công chức Văn phòng - Thống kê",
        "organisation": "UBND xã Lục Ngạn",
        "audience": Audience.COMMUNE_OFFICIALS,
        **extra,
    }


FULL = vi(
    "The course is full: all %(capacity)s places are taken. Nothing was saved. To be called when a "
    "place frees up, tick “Register on the waiting list” and send again."
)


def register_url(course):
    return reverse("training:register", kwargs={"course_pk": course.pk})


def test_the_course_list_shows_upcoming_and_past_courses(client):
    upcoming = CoursePageFactory(title="Khoá sắp tới")
    past = CoursePageFactory(
        title="Khoá đã qua",
        starts_at=timezone.now() - datetime.timedelta(days=30),
        registration_closes_at=timezone.now() - datetime.timedelta(days=32),
    )
    CoursePageFactory(title="Khoá nháp", publish=False)

    page = client.get(upcoming.get_parent().url).content.decode()

    upcoming_heading, past_heading = vi("Upcoming courses"), vi("Past courses")
    assert page.index(upcoming_heading) < page.index("Khoá sắp tới") < page.index(past_heading)
    assert page.index(past_heading) < page.index(past.title)
    assert "Khoá nháp" not in page


def test_a_course_page_shows_places_left_sessions_and_materials(client):
    course = CoursePageFactory(capacity=3, session_count=2)
    CourseRegistrationFactory(course=course)
    CourseRegistrationFactory(course=course, status=RegistrationStatus.WAITLISTED)
    document = get_document_model().objects.create(
        title="Bộ tiêu chí OCOP", file=ContentFile(b"%PDF-1.4 criteria", name="tieu-chi.pdf")
    )
    CourseMaterial.objects.create(page=course, document=document)

    page = client.get(course.url).content.decode()

    assert vi("%(places_left)s of %(capacity)s places left") % {"places_left": 2, "capacity": 3} in page
    assert "Buổi 1" in page and "Buổi 2" in page and "ThS. Nguyễn Văn Giảng" in page
    assert "Bộ tiêu chí OCOP" in page and document.url in page
    assert 'name="waitlist"' not in page


def test_an_official_registers_and_sees_an_honest_confirmation_with_the_qr(client):
    course = CoursePageFactory(capacity=2)
    CourseRegistrationFactory(course=course, full_name="Người khác đã đăng ký")

    response = client.post(register_url(course), form_data())

    registration = CourseRegistration.objects.get(full_name="Nguyễn Thị Lan")
    assert response.status_code == 302
    assert response["Location"] == reverse("training:registered", kwargs={"token": registration.token})
    assert (registration.status, registration.phone.as_e164) == (
        RegistrationStatus.REGISTERED,
        "+84912345678",
    )
    page = client.get(response["Location"]).content.decode()
    assert (
        vi("%(name)s is registered for %(course)s.") % {"name": "Nguyễn Thị Lan", "course": course.title}
        in page
    )
    assert "<svg" in page
    assert "Người khác đã đăng ký" not in page


def test_a_full_course_says_so_and_offers_the_waiting_list(client):
    course = CoursePageFactory(capacity=1)
    CourseRegistrationFactory(course=course)

    page = client.get(course.url).content.decode()
    assert vi("The course is full. You may still register on the waiting list: tick the box below.") in page
    assert 'name="waitlist"' in page

    response = client.post(register_url(course), form_data(waitlist="on"))

    registration = CourseRegistration.objects.get(full_name="Nguyễn Thị Lan")
    assert registration.status == RegistrationStatus.WAITLISTED
    assert registration.full_name in client.get(response["Location"]).content.decode()


def test_the_last_place_taken_meanwhile_refuses_keeps_what_was_typed_and_saves_nothing(client):
    """The form was shown with a place left; someone else took it before this one was sent."""
    course = CoursePageFactory(capacity=1)
    assert 'name="waitlist"' not in client.get(course.url).content.decode()
    CourseRegistrationFactory(course=course)

    response = client.post(register_url(course), form_data())

    page = response.content.decode()
    assert response.status_code == 400
    assert FULL % {"capacity": 1} in page
    assert 'value="Nguyễn Thị Lan"' in page and 'value="UBND xã Lục Ngạn"' in page
    assert 'name="waitlist"' in page
    assert not CourseRegistration.objects.filter(full_name="Nguyễn Thị Lan").exists()


def test_after_registration_closes_the_form_is_gone_and_a_post_is_refused(client):
    course = CoursePageFactory(registration_closes_at=timezone.now() - datetime.timedelta(hours=1))

    assert vi("Registration for this course is closed.") in client.get(course.url).content.decode()
    response = client.post(register_url(course), form_data())

    assert response.status_code == 400
    assert vi("Registration for this course is closed.") in response.content.decode()
    assert not CourseRegistration.objects.exists()


def test_twice_with_one_phone_is_a_field_error(client):
    course = CoursePageFactory(capacity=5)
    client.post(register_url(course), form_data())

    response = client.post(register_url(course), form_data(full_name="Lan lần hai", phone="+84 912 345 678"))

    assert response.status_code == 400
    assert vi("This phone number is already registered for this course.") in response.content.decode()
    assert CourseRegistration.objects.count() == 1


def test_a_foreign_or_wrong_phone_is_a_field_error(client):
    course = CoursePageFactory()
    response = client.post(register_url(course), form_data(phone="12"))
    assert response.status_code == 400
    assert (
        vi("Enter a Vietnamese phone number, for example 0912 345 678 or 0204 3855 123.")
        in response.content.decode()
    )
    assert not CourseRegistration.objects.exists()


def test_a_producers_course_has_no_public_form(client):
    course = CoursePageFactory(audience=Audience.PRODUCERS)
    assert 'name="full_name"' not in client.get(course.url).content.decode()
    assert client.post(register_url(course), form_data()).status_code == 404


def test_the_honeypot_drops_a_bot_and_the_rate_limit_stops_a_flood(client):
    course = CoursePageFactory(capacity=20)
    assert client.post(register_url(course), form_data(website="http://spam")).status_code == 302
    assert not CourseRegistration.objects.exists()
    for number in range(4):
        client.post(register_url(course), form_data(phone=f"091200000{number}"))
    assert CourseRegistration.objects.count() == 4

    response = client.post(register_url(course), form_data(phone="0912000009"))

    assert response.status_code == 429
    assert CourseRegistration.objects.count() == 4


def test_a_wrong_confirmation_token_is_not_found(client):
    assert client.get(reverse("training:registered", kwargs={"token": "khong-co"})).status_code == 404


def test_a_course_page_carries_its_sessions_as_schema_org_course(client):
    course = CoursePageFactory(session_count=2, title="Khoá có dữ liệu cấu trúc")

    page = client.get(course.url).content.decode()

    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert (data["@type"], data["name"]) == ("Course", "Khoá có dữ liệu cấu trúc")
    assert [instance["courseMode"] for instance in data["hasCourseInstance"]] == ["onsite", "onsite"]
    assert data["hasCourseInstance"][0]["instructor"]["name"] == "ThS. Nguyễn Văn Giảng"
