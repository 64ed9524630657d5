"""Training in the dashboard: a producer registers its people and cancels, the office checks
people in by their QR code and ticks attendance lists, certificates for those who attended
every session; a producer never sees another producer's trainees."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.clock import vietnam_today
from tests.partner.factories import ProducerFactory
from tests.training.factories import CoursePageFactory, CourseRegistrationFactory, SessionAttendanceFactory
from training.choices import Audience, RegistrationStatus
from training.models import CourseRegistration, SessionAttendance

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def url(name, **kwargs):
    return reverse(f"training-dashboard:{name}", kwargs=kwargs)


@pytest.fixture
def producers(producer_user):
    a, b = ProducerFactory(name="HTX Vải Lục Ngạn"), ProducerFactory(name="HTX Mật ong Yên Thế")
    return {
        "a": a,
        "a_user": producer_user(a, "a@htx-vai.example"),
        "b": b,
        "b_user": producer_user(b, "b@htx-mat-ong.example"),
    }


def person(**extra):
    return {"full_name": "Lê Văn Hùng", "phone": "0987 654 321", "position": "Kế toán HTX", **extra}


def trainee(course, producer, **fields):
    return CourseRegistrationFactory(
        course=course, producer=producer, audience=Audience.PRODUCERS, organisation=producer.name, **fields
    )


def finished_course(**fields):
    return CoursePageFactory(
        starts_at=timezone.now().replace(microsecond=0) - datetime.timedelta(days=5),
        registration_closes_at=timezone.now() - datetime.timedelta(days=7),
        **fields,
    )


def test_a_producer_registers_a_person_and_sees_its_qr(client, producers):
    course = CoursePageFactory(title="Quản trị HTX", audience=Audience.PRODUCERS, capacity=3)
    CoursePageFactory(title="Chỉ cho cán bộ", audience=Audience.COMMUNE_OFFICIALS)
    client.force_login(producers["a_user"])

    listing = client.get(url("list")).content.decode()
    assert "Quản trị HTX" in listing and "Chỉ cho cán bộ" not in listing
    response = client.post(url("register", course_pk=course.pk), person())

    registration = CourseRegistration.objects.get()
    assert response.status_code == 302
    assert (registration.producer, registration.organisation, registration.audience, registration.status) == (
        producers["a"],
        "HTX Vải Lục Ngạn",
        Audience.PRODUCERS,
        RegistrationStatus.REGISTERED,
    )
    page = client.get(response["Location"]).content.decode()
    assert "Lê Văn Hùng is registered for Quản trị HTX." in page
    assert "<svg" in page and "Cancel the registration" in page


def test_a_producer_over_capacity_is_refused_unless_it_chooses_the_waiting_list(client, producers):
    course = CoursePageFactory(audience=Audience.PRODUCERS, capacity=1)
    trainee(course, producers["b"])
    client.force_login(producers["a_user"])

    form = client.get(url("register", course_pk=course.pk)).content.decode()
    assert "The course is full." in form and 'name="waitlist"' in form
    refused = client.post(url("register", course_pk=course.pk), person())

    assert refused.status_code == 200
    assert "The course is full: all 1 places are taken. Nothing was saved." in refused.content.decode()
    assert 'value="Lê Văn Hùng"' in refused.content.decode()
    assert not CourseRegistration.objects.filter(producer=producers["a"]).exists()

    client.post(url("register", course_pk=course.pk), person(waitlist="on"))
    assert CourseRegistration.objects.get(producer=producers["a"]).status == RegistrationStatus.WAITLISTED


def test_registering_after_closing_is_refused_with_a_message(client, producers):
    course = CoursePageFactory(
        audience=Audience.PRODUCERS, registration_closes_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    client.force_login(producers["a_user"])

    response = client.post(url("register", course_pk=course.pk), person(), follow=True)

    assert "Registration for this course is closed." in response.content.decode()
    assert not CourseRegistration.objects.exists()


def test_a_producer_cancels_and_the_first_waiting_gets_the_place(client, producers, mailoutbox, committed):
    course = CoursePageFactory(audience=Audience.PRODUCERS, capacity=1)
    mine = trainee(course, producers["a"])
    waiting = trainee(course, producers["b"], status=RegistrationStatus.WAITLISTED, email="cho@example.com")
    client.force_login(producers["a_user"])

    with committed():
        client.post(url("cancel", pk=mine.pk))

    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert (mine.status, waiting.status) == (RegistrationStatus.CANCELLED, RegistrationStatus.REGISTERED)
    assert [mail.to for mail in mailoutbox] == [["cho@example.com"]]


def test_another_producers_trainee_is_not_found(client, producers):
    course = finished_course(audience=Audience.PRODUCERS)
    theirs = trainee(course, producers["b"], full_name="Học viên của B")
    client.force_login(producers["a_user"])

    assert client.post(url("cancel", pk=theirs.pk)).status_code == 404
    assert client.get(url("certificate", pk=theirs.pk)).status_code == 404
    assert "Học viên của B" not in client.get(url("list")).content.decode()
    assert client.get(url("list") + f"?producer={producers['b'].pk}").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == RegistrationStatus.REGISTERED


def test_the_check_in_page_is_staff_only_and_a_wrong_token_is_not_found(client, producers, office):
    registration = CourseRegistrationFactory()
    check_in = url("check-in", token=registration.token)

    anonymous = client.get(check_in)
    assert anonymous.status_code == 302 and reverse("dashboard:login") in anonymous["Location"]
    client.force_login(producers["a_user"])
    for response in (client.get(check_in), client.post(check_in, {"session": 1})):
        assert response.status_code == 302 and reverse("dashboard:login") in response["Location"]
    assert not SessionAttendance.objects.exists()

    client.force_login(office)
    assert client.get(url("check-in", token="khong-phai-ma-nay")).status_code == 404


def test_staff_check_a_trainee_in_once_for_todays_session(client, office):
    starts_at = timezone.now().replace(microsecond=0) - datetime.timedelta(minutes=10)
    if timezone.localtime(starts_at).date() != vietnam_today():
        starts_at = timezone.now().replace(microsecond=0)
    course = CoursePageFactory(
        starts_at=starts_at, registration_closes_at=starts_at - datetime.timedelta(days=1)
    )
    registration = CourseRegistrationFactory(course=course, full_name="Phạm Thị Mai")
    today = course.sessions_ordered().first()
    client.force_login(office)

    page = client.get(url("check-in", token=registration.token)).content.decode()
    assert "Phạm Thị Mai" in page and "Record attendance" in page
    first = client.post(url("check-in", token=registration.token), {"session": today.pk}, follow=True)
    attendance = SessionAttendance.objects.get()
    assert "Phạm Thị Mai: attendance recorded at" in first.content.decode()
    assert (attendance.registration, attendance.session, attendance.by) == (registration, today, office)

    again = client.post(url("check-in", token=registration.token), {"session": today.pk}, follow=True)

    assert "Phạm Thị Mai: already recorded at" in again.content.decode()
    assert "nothing changed" in again.content.decode()
    assert SessionAttendance.objects.get().checked_in_at == attendance.checked_in_at


def test_check_in_of_a_waitlisted_person_is_refused(client, office):
    registration = CourseRegistrationFactory(status=RegistrationStatus.WAITLISTED)
    client.force_login(office)

    page = client.get(url("check-in", token=registration.token)).content.decode()
    client.post(
        url("check-in", token=registration.token), {"session": registration.course.sessions_ordered()[0].pk}
    )

    assert "Not a trainee of this course" in page
    assert not SessionAttendance.objects.exists()


def test_staff_tick_the_attendance_list_of_a_session(client, office):
    course = CoursePageFactory(capacity=5)
    present, absent = CourseRegistrationFactory(course=course), CourseRegistrationFactory(course=course)
    session = course.sessions_ordered().first()
    client.force_login(office)

    page = client.get(url("attendance", session_pk=session.pk)).content.decode()
    assert present.full_name in page and absent.full_name in page
    client.post(url("attendance", session_pk=session.pk), {"present": [present.pk]})

    assert list(session.attendances.values_list("registration_id", flat=True)) == [present.pk]


def attend(registration, sessions):
    for session in sessions:
        SessionAttendanceFactory(registration=registration, session=session)


def test_a_certificate_for_every_session_attended_for_staff_and_the_producer(client, producers, office):
    course = finished_course(audience=Audience.PRODUCERS, session_count=2)
    registration = trainee(course, producers["a"], full_name="Lê Văn Hùng")
    attend(registration, course.sessions_ordered())

    client.force_login(producers["a_user"])
    mine = client.get(url("certificate", pk=registration.pk))
    client.force_login(office)
    staff = client.get(url("certificate", pk=registration.pk))

    for response in (mine, staff):
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")


def test_no_certificate_for_a_missed_session(client, producers, office):
    course = finished_course(audience=Audience.PRODUCERS, session_count=2)
    registration = trainee(course, producers["a"], full_name="Lê Văn Vắng")
    attend(registration, course.sessions_ordered()[:1])
    client.force_login(office)

    response = client.get(url("certificate", pk=registration.pk), follow=True)

    assert response["Content-Type"].startswith("text/html")
    assert "Lê Văn Vắng missed 1 of the 2 sessions" in response.content.decode()


def test_no_certificate_before_the_course_is_over(client, office):
    registration = CourseRegistrationFactory()
    attend(registration, registration.course.sessions_ordered())
    client.force_login(office)

    response = client.get(url("certificate", pk=registration.pk), follow=True)

    assert "last session is over" in response.content.decode()


def test_the_office_lists_courses_and_registrations(client, office):
    course = CoursePageFactory(title="Khoá cho văn phòng", capacity=4)
    CourseRegistrationFactory(course=course, full_name="Đỗ Văn Đến")
    CourseRegistrationFactory(course=course, full_name="Đỗ Thị Chờ", status=RegistrationStatus.WAITLISTED)
    client.force_login(office)

    courses = client.get(url("staff-course-list")).content.decode()
    registrations = client.get(url("staff-registrations", course_pk=course.pk)).content.decode()

    assert "Khoá cho văn phòng" in courses
    assert "Đỗ Văn Đến" in registrations and "Đỗ Thị Chờ" in registrations
    assert "3 of 4 places left." in registrations
