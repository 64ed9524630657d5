"""Registering for a course, cancelling, the waiting list, attendance and reminders.

Places are never given beyond the course's capacity, and nobody is put on the waiting list
without asking: registering locks the course's row and counts the places taken inside the
same transaction, so two people taking the last place at the same moment get one place and
one refusal; the refused one is told the course is full and may choose the waiting list. A
cancellation gives its place to the first person waiting, who is mailed.
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.mails import mail_send_after_commit, site_url
from core.transactions import write_lock_take
from training import selectors
from training.choices import Audience, RegistrationStatus
from training.models import CoursePage, CourseRegistration, CourseSession, SessionAttendance, SessionReminder

logger = logging.getLogger(__name__)

FULL = "full"  # the code of the refusal a waiting-list choice answers


def _locked_course(course: CoursePage) -> CoursePage:
    write_lock_take()
    return CoursePage.objects.select_for_update().get(pk=course.pk)


def _taken(course: CoursePage) -> int:
    return CourseRegistration.objects.filter(course=course, status=RegistrationStatus.REGISTERED).count()


def registration_create(
    *,
    course: CoursePage,
    full_name: str,
    phone,
    position: str,
    organisation: str,
    audience: str,
    email: str = "",
    producer=None,
    waitlist: bool = False,
    by=None,
) -> CourseRegistration:
    """Register a person for a course. Refused (ValidationError, nothing saved): a course that
    is not published or whose registration is closed, a phone already registered for it, an
    audience the course is not for, and a full course unless `waitlist` (then the person is
    put on the waiting list)."""
    course = course.source_course
    if audience == Audience.PRODUCERS and producer is None:
        raise ValidationError(_("A producer's person is registered by the producer."))
    if audience == Audience.PRODUCERS and not course.open_to_producers():
        raise ValidationError(_("This course is for officials."))
    if audience != Audience.PRODUCERS and not course.open_to_officials():
        raise ValidationError(_("This course is for producers: they register from their dashboard."))
    with transaction.atomic():
        course = _locked_course(course)
        refusal = selectors.registration_refusal(course=course)
        if refusal:
            raise ValidationError(refusal)
        if CourseRegistration.objects.active().filter(course=course, phone=phone).exists():
            raise ValidationError({"phone": _("This phone number is already registered for this course.")})
        full = _taken(course) >= course.capacity
        if full and not waitlist:
            raise ValidationError(
                _(
                    "The course is full: all %(capacity)s places are taken. Nothing was saved. To be "
                    "called when a place frees up, tick “Register on the waiting list” and send again."
                )
                % {"capacity": course.capacity},
                code=FULL,
            )
        registration = CourseRegistration(
            course=course,
            full_name=" ".join(full_name.split()),
            phone=phone,
            email=(email or "").strip(),
            position=position.strip(),
            organisation=organisation.strip(),
            producer=producer,
            audience=audience,
            status=RegistrationStatus.WAITLISTED if full else RegistrationStatus.REGISTERED,
            registered_by=by if by is not None and by.is_authenticated else None,
        )
        registration.full_clean(exclude=["registered_by", "producer", "course"])
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            raise ValidationError(
                {"phone": _("This phone number is already registered for this course.")}
            ) from None
        _mail(registration, "registered")
    logger.info("Course registration %s: %s (%s)", registration.pk, course, registration.status)
    return registration


def registration_cancel(*, registration: CourseRegistration, by) -> CourseRegistration | None:
    """Cancel a registration (or a place on the waiting list); a place it held goes to the
    first person waiting, who is mailed. Returns that person, or None."""
    with transaction.atomic():
        course = _locked_course(registration.course)
        registration = CourseRegistration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            raise ValidationError(_("This registration is already cancelled."))
        if course.is_finished():
            raise ValidationError(_("The course is over: its registrations stay as they were."))
        held_a_place = registration.status == RegistrationStatus.REGISTERED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = None
        if held_a_place and _taken(course) < course.capacity:
            promoted = selectors.waitlist_first(course=course)
            if promoted is not None:
                promoted.status = RegistrationStatus.REGISTERED
                promoted.promoted_at = timezone.now()
                promoted.save(update_fields=["status", "promoted_at"])
                _mail(promoted, "promoted")
    logger.info("Course registration %s cancelled by %s; promoted: %s", registration.pk, by, promoted)
    return promoted


def attendance_record(
    *, registration: CourseRegistration, session: CourseSession, by
) -> tuple[SessionAttendance, bool]:
    """Record that the trainee came to the session; (attendance, False) when it already was,
    unchanged. Only a registered trainee of the session's course is checked in."""
    if session.page_id != registration.course_id:
        raise ValidationError(_("This session is not one of the course's."))
    if registration.status != RegistrationStatus.REGISTERED:
        raise ValidationError(
            _("%(name)s is %(status)s, not a trainee of this course: not checked in.")
            % {"name": registration.full_name, "status": registration.get_status_display().lower()}
        )
    with transaction.atomic():
        existing = SessionAttendance.objects.filter(registration=registration, session=session).first()
        if existing:
            return existing, False
        try:
            with transaction.atomic():
                attendance = SessionAttendance.objects.create(
                    registration=registration, session=session, by=by
                )
        except IntegrityError:
            return SessionAttendance.objects.get(registration=registration, session=session), False
    return attendance, True


def attendance_set(*, session: CourseSession, present_ids: set[int], by) -> tuple[int, int]:
    """The office's ticks for one session: the ticked registered trainees are recorded, the
    unticked ones' records are removed. Returns (added, removed)."""
    registrations = CourseRegistration.objects.filter(
        course_id=session.page_id, status=RegistrationStatus.REGISTERED
    )
    wanted = set(registrations.filter(pk__in=present_ids).values_list("pk", flat=True))
    with transaction.atomic():
        recorded = set(
            SessionAttendance.objects.filter(session=session).values_list("registration_id", flat=True)
        )
        added = wanted - recorded
        removed = recorded - wanted
        SessionAttendance.objects.bulk_create(
            [SessionAttendance(registration_id=pk, session=session, by=by) for pk in sorted(added)]
        )
        SessionAttendance.objects.filter(session=session, registration_id__in=removed).delete()
    return len(added), len(removed)


def session_remind(*, registration: CourseRegistration, session: CourseSession) -> bool:
    """Mail the trainee about tomorrow's session, once; False when already reminded (the
    unique constraint decides under concurrency)."""
    try:
        with transaction.atomic():
            SessionReminder.objects.create(registration=registration, session=session)
            _mail(registration, "reminder", session=session)
    except IntegrityError:
        return False
    return True


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    return sum(
        session_remind(registration=registration, session=session)
        for registration, session in selectors.reminders_due(now=now)
    )


def _mail(registration: CourseRegistration, kind: str, *, session: CourseSession | None = None):
    if not registration.email:
        return
    course = registration.course

    def context():
        return {
            "registration": registration,
            "course": course,
            "session": session,
            "session_starts": selectors.moment_text(session.starts_at) if session else "",
            "sessions": [(item, selectors.moment_text(item.starts_at)) for item in course.sessions_ordered()],
            "course_url": site_url(course.url or ""),
            "url": site_url(selectors.confirmation_url(registration)),
        }

    mail_send_after_commit(
        prefix=f"training/mail/{kind}", to=[registration.email], language="vi", context=context
    )
