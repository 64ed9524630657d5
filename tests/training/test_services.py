"""Registering for a course: capacity, the waiting list as a choice, closing, one phone once,
cancelling and promoting, attendance, reminders once."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from tests.partner.factories import ProducerFactory
from tests.training.factories import CoursePageFactory, CourseRegistrationFactory
from tests.training.wording import vi
from training import services
from training.choices import Audience, RegistrationStatus
from training.models import CourseRegistration, SessionAttendance, SessionReminder

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def register(course, phone="0912345678", *, waitlist=False, **fields):
    data = {
        "full_name": "Nguyễn Thị Lan",
        "position": "Công chức xã",
        "organisation": "UBND xã Lục Ngạn",
        "audience": Audience.COMMUNE_OFFICIALS,
        "email": "lan@example.com",
        **fields,
    }
    return services.registration_create(course=course, phone=phone, waitlist=waitlist, **data)


def test_registrations_take_the_places_then_a_full_course_refuses_without_the_waitlist_choice():
    course = CoursePageFactory(capacity=2)
    register(course, "0912000001")
    register(course, "0912000002")

    with pytest.raises(ValidationError) as refused:
        register(course, "0912000003", full_name="Trần Văn Muộn")

    assert refused.value.code == services.FULL
    assert "The course is full: all 2 places are taken. Nothing was saved." in refused.value.messages[0]
    assert not CourseRegistration.objects.filter(full_name="Trần Văn Muộn").exists()
    assert course.places_left() == 0


def test_with_the_waitlist_choice_a_full_course_waitlists_the_person():
    course = CoursePageFactory(capacity=1)
    register(course, "0912000001")

    waiting = register(course, "0912000002", waitlist=True)

    assert waiting.status == RegistrationStatus.WAITLISTED
    assert course.places_taken() == 1


def test_the_waitlist_choice_with_places_left_registers():
    course = CoursePageFactory(capacity=3)
    assert register(course, waitlist=True).status == RegistrationStatus.REGISTERED


def test_one_phone_once_per_course_however_it_is_written():
    course = CoursePageFactory(capacity=5)
    register(course, "0912 345 678")

    with pytest.raises(ValidationError) as refused:
        register(course, "+84912345678", full_name="Người khác")

    assert refused.value.message_dict == {
        "phone": ["This phone number is already registered for this course."]
    }
    assert CourseRegistration.objects.count() == 1
    other = CoursePageFactory(capacity=5)
    assert register(other, "0912345678").status == RegistrationStatus.REGISTERED


def test_after_a_cancellation_the_same_phone_may_register_again():
    course = CoursePageFactory(capacity=5)
    first = register(course)
    services.registration_cancel(registration=first, by=None)

    again = register(course)

    assert again.pk != first.pk and again.status == RegistrationStatus.REGISTERED


@pytest.mark.parametrize(
    "when",
    [
        pytest.param(
            {"registration_closes_at": timezone.now() - datetime.timedelta(minutes=1)}, id="date passed"
        ),
        pytest.param(
            {
                "starts_at": timezone.now() - datetime.timedelta(hours=1),
                "registration_closes_at": timezone.now() + datetime.timedelta(days=1),
            },
            id="course started",
        ),
    ],
)
def test_registration_closed_refuses(when):
    course = CoursePageFactory(**when)

    with pytest.raises(ValidationError) as refused:
        register(course)

    assert refused.value.messages == ["Registration for this course is closed."]
    assert not CourseRegistration.objects.exists()


def test_a_draft_course_takes_no_registration():
    course = CoursePageFactory(publish=False)
    with pytest.raises(ValidationError):
        register(course)
    assert not CourseRegistration.objects.exists()


def test_audiences_officials_on_producers_courses_and_producers_on_officials_courses_are_refused():
    for_producers = CoursePageFactory(audience=Audience.PRODUCERS)
    for_officials = CoursePageFactory(audience=Audience.COMMUNE_OFFICIALS)
    producer = ProducerFactory()

    with pytest.raises(ValidationError):
        register(for_producers)
    with pytest.raises(ValidationError):
        register(for_officials, audience=Audience.PRODUCERS, producer=producer, organisation=producer.name)
    with pytest.raises(ValidationError):
        register(for_producers, audience=Audience.PRODUCERS)  # a producer's person needs the producer

    assert register(for_producers, audience=Audience.PRODUCERS, producer=producer).producer == producer


def test_registering_mails_the_person_when_an_email_is_given(mailoutbox, committed):
    course = CoursePageFactory(capacity=1, title="Tập huấn chu trình OCOP")
    with committed():
        register(course, "0912000001", email="lan@example.com")
        register(course, "0912000002", email="", waitlist=True)
        register(course, "0912000003", email="cho@example.com", waitlist=True)

    assert [(mail.to, mail.subject) for mail in mailoutbox] == [
        (["lan@example.com"], vi("Registered: %(course)s") % {"course": "Tập huấn chu trình OCOP"}),
        (["cho@example.com"], vi("Waiting list: %(course)s") % {"course": "Tập huấn chu trình OCOP"}),
    ]
    registration = CourseRegistration.objects.get(email="lan@example.com")
    assert f"/shop/training/registered/{registration.token}/" in mailoutbox[0].body


def test_cancelling_a_place_promotes_the_first_waiting_and_mails_them(mailoutbox, committed):
    course = CoursePageFactory(capacity=1)
    taken = register(course, "0912000001")
    first = register(course, "0912000002", waitlist=True, email="first@example.com")
    second = register(course, "0912000003", waitlist=True, email="second@example.com")
    mailoutbox.clear()

    with committed():
        promoted = services.registration_cancel(registration=taken, by=None)

    assert promoted == first
    statuses = dict(CourseRegistration.objects.values_list("pk", "status"))
    assert statuses == {
        taken.pk: RegistrationStatus.CANCELLED,
        first.pk: RegistrationStatus.REGISTERED,
        second.pk: RegistrationStatus.WAITLISTED,
    }
    assert [mail.to for mail in mailoutbox] == [["first@example.com"]]
    assert mailoutbox[0].subject == vi("A place for you: %(course)s") % {"course": course.title}


def test_cancelling_a_waiting_place_promotes_nobody():
    course = CoursePageFactory(capacity=1)
    register(course, "0912000001")
    waiting = register(course, "0912000002", waitlist=True)
    other = register(course, "0912000003", waitlist=True)

    assert services.registration_cancel(registration=waiting, by=None) is None
    other.refresh_from_db()
    assert other.status == RegistrationStatus.WAITLISTED


def test_cancelling_twice_is_refused():
    registration = register(CoursePageFactory())
    services.registration_cancel(registration=registration, by=None)
    with pytest.raises(ValidationError):
        services.registration_cancel(registration=registration, by=None)


def test_attendance_is_recorded_once(office):
    registration = CourseRegistrationFactory()
    session = registration.course.sessions_ordered().first()

    first, created = services.attendance_record(registration=registration, session=session, by=office)
    again, created_again = services.attendance_record(registration=registration, session=session, by=office)

    assert (created, created_again) == (True, False)
    assert again.pk == first.pk and again.checked_in_at == first.checked_in_at
    assert SessionAttendance.objects.count() == 1


def test_a_waitlisted_person_is_not_checked_in(office):
    registration = CourseRegistrationFactory(status=RegistrationStatus.WAITLISTED)
    session = registration.course.sessions_ordered().first()

    with pytest.raises(ValidationError):
        services.attendance_record(registration=registration, session=session, by=office)
    assert not SessionAttendance.objects.exists()


def test_a_session_of_another_course_is_refused(office):
    registration = CourseRegistrationFactory()
    other = CoursePageFactory().sessions_ordered().first()
    with pytest.raises(ValidationError):
        services.attendance_record(registration=registration, session=other, by=office)


def test_the_attendance_list_sets_exactly_the_ticked_trainees(office):
    course = CoursePageFactory(capacity=5)
    one, two, three = (CourseRegistrationFactory(course=course) for _ in range(3))
    waiting = CourseRegistrationFactory(course=course, status=RegistrationStatus.WAITLISTED)
    session = course.sessions_ordered().first()
    services.attendance_record(registration=one, session=session, by=office)

    added, removed = services.attendance_set(
        session=session, present_ids={two.pk, three.pk, waiting.pk}, by=office
    )

    assert (added, removed) == (2, 1)
    assert set(session.attendances.values_list("registration_id", flat=True)) == {two.pk, three.pk}


def test_reminders_go_the_day_before_each_session_once(mailoutbox, committed):
    starts_at = timezone.now().replace(microsecond=0) + datetime.timedelta(days=1, hours=1)
    course = CoursePageFactory(starts_at=starts_at, capacity=5, session_count=2)
    with_mail = CourseRegistrationFactory(course=course, email="nhac@example.com")
    CourseRegistrationFactory(course=course, email="")
    CourseRegistrationFactory(course=course, email="cho@example.com", status=RegistrationStatus.WAITLISTED)
    now = starts_at - datetime.timedelta(hours=20)

    with committed():
        assert services.reminders_send(now=now) == 1
        assert services.reminders_send(now=now) == 0

    assert [mail.to for mail in mailoutbox] == [["nhac@example.com"]]
    assert mailoutbox[0].subject.startswith(
        vi("Reminder: %(course)s, %(session_starts)s") % {"course": course.title, "session_starts": ""}
    )
    reminded = SessionReminder.objects.get()
    assert (reminded.registration, reminded.session) == (with_mail, course.sessions_ordered().first())


def test_the_command_sends_each_reminder_once(mailoutbox, committed):
    starts_at = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=20)
    course = CoursePageFactory(starts_at=starts_at, registration_closes_at=timezone.now(), session_count=1)
    CourseRegistrationFactory(course=course, email="nhac@example.com")

    with committed():
        call_command("training_remind", stdout=open("/dev/null", "w"))
        call_command("training_remind", stdout=open("/dev/null", "w"))

    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_taking_the_last_place_at_once_get_one_place_and_one_refusal():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's: run with DATABASE_URL=postgres://… (CI does)")
    course = CoursePageFactory(capacity=3)
    for number in range(2):
        register(course, f"091200000{number}")
    start = threading.Barrier(3)
    outcomes = []

    def take(number):
        try:
            start.wait()
            register(course, f"098700000{number}")
            outcomes.append("registered")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(number,)) for number in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == [services.FULL, services.FULL, "registered"]
    assert CourseRegistration.objects.filter(status=RegistrationStatus.REGISTERED).count() == 3
