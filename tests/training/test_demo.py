"""The demo's training courses: one past with attendance (one trainee missed a session), one
to come with places left and a producer's people, and demo targets marked as such."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from demo.training import demo_training
from training.choices import Audience, RegistrationStatus
from training.models import CoursePage, CourseRegistration, TrainingTarget
from training.selectors import certificate_refusal


def test_the_demo_has_a_past_course_with_attendance_and_one_to_come(demo_data):
    past, upcoming = sorted(
        CoursePage.objects.live().filter(locale__language_code="vi"),
        key=lambda course: course.first_session_start(),
    )
    now = timezone.now()

    assert past.is_finished(now=now) and not upcoming.is_finished(now=now)
    assert upcoming.registration_open(now=now) and upcoming.places_left() > 0
    certified = {
        registration.full_name: certificate_refusal(registration=registration, now=now) is None
        for registration in CourseRegistration.objects.filter(course=past)
    }
    assert certified["Hoàng Văn Vắng (minh hoạ)"] is False
    assert sum(certified.values()) == 3
    producers_people = CourseRegistration.objects.filter(course=upcoming, audience=Audience.PRODUCERS)
    assert producers_people.count() == 2
    assert all(r.status == RegistrationStatus.REGISTERED and r.producer for r in producers_people)


def test_the_demo_targets_are_marked_as_demo_figures(demo_data):
    targets = TrainingTarget.objects.all()
    assert targets.count() == 2
    assert all(target.is_demo and target.source == "Nhập khi nạp dữ liệu mẫu" for target in targets)


@pytest.mark.django_db
def test_loading_the_courses_sends_no_mail(committed, mailoutbox):
    with committed():
        call_command("load_demo_data", verbosity=0)
    assert CourseRegistration.objects.exclude(email="").count() == 3
    assert not mailoutbox


@pytest.mark.django_db
def test_a_second_run_creates_nothing(demo_data):
    created, existing = demo_training()
    assert created == 0 and existing > 0


def test_the_english_course_page_shows_the_vietnamese_sessions_marked_so(client, demo_data):
    course = CoursePage.objects.get(locale__language_code="en", slug="running-an-ocop-producer")

    page = client.get(course.url).content.decode()

    assert course.url.startswith("/en/training/")
    assert "Training on running an OCOP producer and selling on the marketplace (demo)" in page
    assert '<p class="session__title" lang="vi">Quản trị hợp tác xã và chủ thể OCOP</p>' in page
