"""Demo training courses (`data/training.toml`): the course list under the Vietnamese home
page, a past course with its trainees and their attendance, a course to come with a producer's
people registered, and demo training targets (marked as demo figures, never the plan's), in
Vietnamese (their English versions are `demo.english`'s).

Dates are demo dates (`demo.dates`) counted from the load day, so the past course is past and
the next one is to come whenever the demo is loaded. Pages are looked up by slug, trainees by
phone and course, targets by year and audience: only what is missing is created, and the step
can run any number of times. No mail is sent for demo data (`core.mails.mails_not_sent`).
"""

import datetime

from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from core.clock import VIETNAM, vietnam_today
from core.mails import mails_not_sent
from demo.dates import date_from
from demo.pages import demo_home
from demo.records import data_file, in_english, in_vietnamese
from training.choices import Audience, RegistrationStatus
from training.models import (
    CoursePage,
    CourseRegistration,
    CourseSession,
    SessionAttendance,
    TrainingIndexPage,
    TrainingTarget,
)
from training.services import registration_create

Partner = get_model("partner", "Partner")

TRAINING = in_vietnamese(data_file("training"))
TRAINING_EN = in_english(data_file("training"))
# Keys of a course's record that are not CoursePage fields.
NOT_FIELDS = ("starts", "registration_closes_days_before", "sessions", "trainees")


def _at(day: datetime.date, clock: str) -> datetime.datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=VIETNAM)


def _index(home) -> tuple[TrainingIndexPage, bool]:
    index = TrainingIndexPage.objects.child_of(home).first()
    if index:
        return index, False
    index = TrainingIndexPage(**TRAINING["index"])
    home.add_child(instance=index)
    index.save_revision().publish()
    return index, True


def _course(index, record: dict, *, today: datetime.date) -> tuple[CoursePage, bool]:
    course = CoursePage.objects.child_of(index).filter(slug=record["slug"]).first()
    if course:
        return course.specific, False
    first_day = date_from(record["starts"], today=today)
    course = CoursePage(
        **{key: value for key, value in record.items() if key not in NOT_FIELDS},
        registration_closes_at=_at(
            first_day - datetime.timedelta(days=record["registration_closes_days_before"]), "17:00"
        ),
    )
    course.sessions = [
        CourseSession(
            title=session.get("title", ""),
            starts_at=_at(first_day + datetime.timedelta(days=session["day"]), session["from"]),
            ends_at=_at(first_day + datetime.timedelta(days=session["day"]), session["to"]),
            place=session.get("place", ""),
            online_url=session.get("online_url", ""),
            trainer=session["trainer"],
        )
        for session in record["sessions"]
    ]
    index.add_child(instance=course)
    course.save_revision().publish()
    return course, True


def _person(trainee: dict, producers: dict) -> dict:
    producer = producers.get(trainee.get("producer", ""))
    return {
        "full_name": trainee["full_name"],
        "phone": trainee["phone"],
        "email": trainee.get("email", ""),
        "position": trainee["position"],
        "organisation": producer.name if producer else trainee["organisation"],
        "producer": producer,
        "audience": Audience.PRODUCERS if producer else trainee["audience"],
    }


def _trainees(course: CoursePage, trainees: list[dict], *, today: datetime.date) -> tuple[int, int]:
    """The course's trainees: a past course's straight into the table with their attendance
    (the service refuses a closed course), a course to come's through the service."""
    producers = Partner.objects.in_bulk(
        [t["producer"] for t in trainees if "producer" in t], field_name="code"
    )
    office = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    sessions = list(course.sessions_ordered())
    known = {
        registration.phone.as_national.replace(" ", ""): registration
        for registration in CourseRegistration.objects.filter(course=course)
    }
    created = 0
    for trainee in trainees:
        if trainee["phone"].replace(" ", "") in known:
            continue
        if trainee.get("producer") and trainee["producer"] not in producers:
            continue
        person = _person(trainee, producers)
        if "attended" in trainee:
            registration = CourseRegistration(course=course, status=RegistrationStatus.REGISTERED, **person)
            registration.full_clean(exclude=["registered_by"])
            registration.save()
            CourseRegistration.objects.filter(pk=registration.pk).update(
                created_at=course.registration_closes_at - datetime.timedelta(days=5)
            )
            for number in trainee["attended"]:
                session = sessions[number - 1]
                SessionAttendance.objects.create(
                    registration=registration,
                    session=session,
                    checked_in_at=session.starts_at - datetime.timedelta(minutes=10),
                    by=office,
                )
        else:
            by = person["producer"].users.order_by("pk").first() if person["producer"] else None
            with mails_not_sent():  # no mail for demo data
                registration = registration_create(course=course, **person, by=by)
            registered = min(date_from(trainee["registered"], today=today), today)
            CourseRegistration.objects.filter(pk=registration.pk).update(created_at=_at(registered, "09:00"))
        created += 1
    return created, len(trainees) - created


def _targets(*, today: datetime.date) -> tuple[int, int]:
    created = 0
    for record in TRAINING["targets"]:
        year = date_from(record["year"], today=today).year
        _target, new = TrainingTarget.objects.get_or_create(
            year=year,
            audience=record["audience"],
            defaults={"people": record["people"], "source": record["source"], "is_demo": True},
        )
        created += new
    return created, len(TRAINING["targets"]) - created


def demo_training() -> tuple[int, int]:
    """The course list, the courses, their trainees and the demo targets; (created, already
    there), counted in pages, trainees and targets."""
    home = demo_home()
    if home is None:
        return 0, 0
    today = vietnam_today()
    index, new = _index(home)
    created, existing = int(new), int(not new)
    for record in TRAINING["courses"]:
        course, new = _course(index, record, today=today)
        created, existing = created + new, existing + (not new)
        more, already = _trainees(course, record["trainees"], today=today)
        created, existing = created + more, existing + already
    more, already = _targets(today=today)
    return created + more, existing + already
