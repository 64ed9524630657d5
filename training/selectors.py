"""Reads of training shared by the pages, the dashboard, the services and the programme figures.

Counting rules, said once:
- A course's places are taken by its registrations with status "registered"; people on the
  waiting list and cancelled registrations take none.
- A person trained is a registration (one person in one course) with at least one session
  attended; the year is the year (Vietnam time) of the course's first session.
- A certificate goes to a registration that attended every session of a finished course.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Min, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Locale

from core.clock import VIETNAM
from core.mails import site_url
from core.qr import qr_svg_inline
from training.choices import Audience, RegistrationStatus
from training.models import (
    CoursePage,
    CourseRegistration,
    CourseSession,
    SessionAttendance,
    SessionReminder,
    TrainingTarget,
)


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment, VIETNAM).date()


def moment_text(moment: datetime.datetime) -> str:
    """“08:30 15/12/2026”, in Vietnam's time, as an office would write it."""
    return date_format(timezone.localtime(moment, VIETNAM), "H:i d/m/Y")


def courses_default_language() -> QuerySet:
    return CoursePage.objects.filter(locale=Locale.get_default())


def courses_open_to_producers(*, now: datetime.datetime | None = None) -> list[CoursePage]:
    """Live courses (default language) for producers whose registration is still open, soonest first."""
    now = now or timezone.now()
    courses = (
        courses_default_language()
        .live()
        .filter(audience__in=(Audience.PRODUCERS, Audience.EVERYONE), registration_closes_at__gt=now)
        .annotate(first_start=Min("sessions__starts_at"))
        .filter(first_start__gt=now)
        .order_by("first_start", "pk")
    )
    return list(courses)


def registration_refusal(*, course: CoursePage, now: datetime.datetime | None = None) -> str | None:
    """Why nobody can register for `course` (its default-language page) now, or None."""
    if not course.live:
        return _("This course does not take registrations.")
    if not course.registration_open(now=now):
        return _("Registration for this course is closed.")
    return None


def registrations_of_producers(*, partners) -> QuerySet:
    """The registrations a producer's people made (of any of `partners`), newest course first."""
    return (
        CourseRegistration.objects.filter(producer__in=partners)
        .select_related("course", "producer")
        .with_attendance()
        .order_by("-course__registration_closes_at", "created_at", "pk")
    )


def registrations_of_course(*, course: CoursePage) -> QuerySet:
    """Every registration of a course for the office: registered first, then the waiting list
    (in its order), then cancelled ones."""
    return (
        CourseRegistration.objects.filter(course=course)
        .select_related("producer", "registered_by")
        .with_attendance()
        .order_by("status", "created_at", "pk")
    )


def waitlist_first(*, course: CoursePage) -> CourseRegistration | None:
    return (
        CourseRegistration.objects.filter(course=course, status=RegistrationStatus.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )


def courses_for_staff() -> QuerySet:
    """Every course in the default language (drafts too), with its registrations counted."""
    return (
        courses_default_language()
        .annotate(
            registered=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED), distinct=True
            ),
            waitlisted=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED), distinct=True
            ),
            first_start=Min("sessions__starts_at"),
        )
        .order_by("-first_start", "-pk")
    )


def sessions_on(*, course: CoursePage, day: datetime.date) -> list[CourseSession]:
    """The course's sessions on a day of Vietnam's calendar (usually one: the day's session)."""
    return [session for session in course.sessions_ordered() if local_day(session.starts_at) == day]


def check_in_url(registration: CourseRegistration) -> str:
    """The absolute link the registration's QR code carries: the office's check-in page."""
    return site_url(reverse("training-dashboard:check-in", kwargs={"token": registration.token}))


def registration_qr(registration: CourseRegistration):
    """The registration's QR code as an inline <svg>, for the confirmation page and lists."""
    return qr_svg_inline(
        check_in_url(registration),
        title=_("Check-in code of %(name)s") % {"name": registration.full_name},
    )


def confirmation_url(registration: CourseRegistration) -> str:
    return reverse("training:registered", kwargs={"token": registration.token})


# Certificates -------------------------------------------------------------------------------


def certificate_refusal(
    *, registration: CourseRegistration, now: datetime.datetime | None = None
) -> str | None:
    """Why `registration` gets no attendance certificate, or None when it does."""
    course = registration.course
    if registration.status != RegistrationStatus.REGISTERED:
        return _("%(name)s is not a trainee of this course.") % {"name": registration.full_name}
    if not course.is_finished(now=now):
        return _("The certificate is given once the course's last session is over.")
    sessions = set(course.sessions_ordered().values_list("pk", flat=True))
    attended = set(registration.attendances.values_list("session_id", flat=True))
    missed = len(sessions - attended)
    if missed:
        return _(
            "%(name)s missed %(count)s of the %(total)s sessions: the certificate is for those "
            "who attended every session."
        ) % {"name": registration.full_name, "count": missed, "total": len(sessions)}
    return None


# Reminders ----------------------------------------------------------------------------------


def reminders_due(*, now: datetime.datetime) -> list[tuple[CourseRegistration, CourseSession]]:
    """(registration, session) for each session of a live course starting tomorrow (Vietnam's
    calendar), or later today if its reminder was missed, and each registered trainee with an
    e-mail who has not had its reminder."""
    today = local_day(now)
    until = datetime.datetime.combine(today + datetime.timedelta(days=2), datetime.time(), tzinfo=VIETNAM)
    sessions = list(
        CourseSession.objects.filter(
            starts_at__gt=now, starts_at__lt=until, page__in=courses_default_language().live()
        ).select_related("page")
    )
    if not sessions:
        return []
    sent = set(
        SessionReminder.objects.filter(session__in=sessions).values_list("registration_id", "session_id")
    )
    registrations = {}
    for registration in CourseRegistration.objects.filter(
        course_id__in={session.page_id for session in sessions}, status=RegistrationStatus.REGISTERED
    ).exclude(email=""):
        registrations.setdefault(registration.course_id, []).append(registration)
    due = []
    for session in sorted(sessions, key=lambda s: (s.starts_at, s.pk)):
        for registration in registrations.get(session.page_id, []):
            if (registration.pk, session.pk) not in sent:
                due.append((registration, session))
    return due


# Programme figures --------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainedRow:
    year: int
    audience: str
    label: str
    trained: int
    target: TrainingTarget | None


def trained_per_year() -> list[TrainedRow]:
    """People trained per year and audience (see the counting rules above), with the year's
    target where staff entered one; a year with a target and no one trained yet shows too."""
    first_starts = dict(
        CourseSession.objects.values("page_id")
        .annotate(first=Min("starts_at"))
        .values_list("page_id", "first")
    )
    trained = Counter()
    attended = (
        SessionAttendance.objects.filter(registration__status=RegistrationStatus.REGISTERED)
        .values_list("registration_id", "registration__course_id", "registration__audience")
        .distinct()
    )
    for _registration_id, course_id, audience in attended:
        first = first_starts.get(course_id)
        if first is not None:
            trained[(local_day(first).year, audience)] += 1
    targets = {(target.year, target.audience): target for target in TrainingTarget.objects.all()}
    labels = dict(Audience.choices)
    keys = sorted(set(trained) | set(targets), key=lambda key: (key[0], list(labels).index(key[1])))
    return [
        TrainedRow(
            year=year,
            audience=audience,
            label=str(labels[audience]),
            trained=trained.get((year, audience), 0),
            target=targets.get((year, audience)),
        )
        for year, audience in keys
    ]
