"""Training courses (under the course list), their sessions, registrations and attendance."""

import datetime

import factory
from django.utils import timezone

from tests.cms.factories import PageFactory, home_page
from training.choices import Audience, RegistrationStatus
from training.models import (
    CoursePage,
    CourseRegistration,
    CourseSession,
    SessionAttendance,
    TrainingIndexPage,
    TrainingTarget,
)


class TrainingIndexPageFactory(PageFactory):
    class Meta:
        model = TrainingIndexPage

    title = "Tập huấn OCOP"
    slug = "tap-huan"
    intro = "Các khoá tập huấn của Chương trình OCOP."


def training_index() -> TrainingIndexPage:
    """The course list under the Vietnamese home page: the demo data's when it is loaded."""
    return TrainingIndexPage.objects.child_of(home_page()).first() or TrainingIndexPageFactory()


def _sessions(course) -> list[CourseSession]:
    """`sessions` sessions of 4 hours, one a day, the first `starts_in` days from now."""
    first = course.starts_at
    return [
        CourseSession(
            title=f"Buổi {number + 1}",
            starts_at=first + datetime.timedelta(days=number),
            ends_at=first + datetime.timedelta(days=number, hours=4),
            place="Hội trường UBND tỉnh",
            trainer="ThS. Nguyễn Văn Giảng",
        )
        for number in range(course.session_count)
    ]


class CoursePageFactory(PageFactory):
    """A published course for everyone, `session_count` daily sessions from `starts_at`
    (10 days from now by default), `capacity` places, registration closing 2 days before."""

    class Meta:
        model = CoursePage

    class Params:
        session_count = 2
        starts_at = factory.LazyFunction(
            lambda: timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
        )

    parent = factory.LazyFunction(training_index)
    title = factory.Sequence(lambda n: f"Tập huấn chu trình OCOP {n}")
    slug = factory.Sequence(lambda n: f"tap-huan-{n}")
    topic = "Chu trình OCOP và bộ tiêu chí"
    audience = Audience.EVERYONE
    organiser = "Văn phòng Điều phối Nông thôn mới tỉnh"
    summary = "Khoá tập huấn cho chủ thể và cán bộ về chu trình OCOP."
    capacity = 2
    registration_closes_at = factory.LazyAttribute(
        lambda course: course.starts_at - datetime.timedelta(days=2)
    )
    sessions = factory.LazyAttribute(_sessions)


class CourseRegistrationFactory(factory.django.DjangoModelFactory):
    """A commune official registered for a course (straight into the table: no capacity rule)."""

    class Meta:
        model = CourseRegistration

    course = factory.SubFactory(CoursePageFactory)
    full_name = factory.Sequence(lambda n: f"Học viên {n}")
    phone = factory.Sequence(lambda n: f"+8491200{n:04d}")
    email = factory.Sequence(lambda n: f"hoc-vien-{n}@example.com")
    position = "Công chức Văn phòng - Thống kê"
    organisation = "UBND xã Lục Ngạn"
    audience = Audience.COMMUNE_OFFICIALS
    status = RegistrationStatus.REGISTERED


class SessionAttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionAttendance


class TrainingTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingTarget

    year = 2026
    audience = Audience.COMMUNE_OFFICIALS
    people = 40
    source = "Kế hoạch năm của tỉnh"
