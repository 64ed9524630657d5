"""The OCOP programme's training courses (Kế hoạch 495/KH-UBND, II.2: khoá tập huấn).

A course is a Wagtail page (`CoursePage`, under a `TrainingIndexPage`), so staff write,
translate, schedule and moderate it like any other page; its sessions (buổi học) and materials
(Wagtail documents) are edited inline. People register for the whole course
(`CourseRegistration`): producers' people from the shop dashboard, officials through the form
on the course page. Registrations attach to the course's page in the default language (vi);
translations share them through `CoursePage.source_course`. Attendance is recorded per session
(`SessionAttendance`), by the QR code of the registration or on a session's list.

The rules (capacity, the waiting list, closing, check-in, certificates) are in
`training.services` and `training.selectors`; the pages here read their own rows, as
Wagtail's pages do, and leave the public form's sending to `training.views`, which calls the
registration service.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from cms.blocks import TEXT_FEATURES
from cms.seo import SeoMixin
from training.choices import Audience, RegistrationStatus, person_audience_choices
from training.forms import OfficialRegistrationForm
from training.structured_data import course_structured


class TrainingIndexPage(SeoMixin, Page):
    """The list of courses: those to come first, past ones kept as an archive."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["training.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("training course list")
        verbose_name_plural = _("training course lists")

    def courses_live(self):
        return CoursePage.objects.live().public().filter(locale=self.locale).prefetch_related("sessions")

    def courses_split(self, *, now: datetime.datetime | None = None):
        """(upcoming, past): a course is past once its last session has ended; upcoming ones
        soonest first, past ones newest first."""
        now = now or timezone.now()
        upcoming, past = [], []
        for course in self.courses_live():
            sessions = list(course.sessions.all())
            course.first_starts_at = min((s.starts_at for s in sessions), default=None)
            course.last_ends_at = max((s.ends_at for s in sessions), default=None)
            (past if course.last_ends_at and course.last_ends_at < now else upcoming).append(course)
        far = datetime.datetime.max.replace(tzinfo=datetime.UTC)
        upcoming.sort(key=lambda course: (course.first_starts_at or far, course.pk))
        past.sort(key=lambda course: (course.first_starts_at, course.pk), reverse=True)
        return upcoming, past

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["upcoming_courses"], context["past_courses"] = self.courses_split()
        return context


class CoursePage(SeoMixin, Page):
    """One training course: its topic and audience, its sessions, its places and materials."""

    description_field = "summary"

    topic = models.CharField(
        _("topic"),
        max_length=255,
        help_text=_("Such as “The OCOP cycle and the product criteria” or “Running a cooperative”."),
    )
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.EVERYONE
    )
    organiser = models.CharField(
        _("organiser"), max_length=255, help_text=_("Such as “Provincial OCOP office”.")
    )
    summary = models.TextField(_("summary"), max_length=500)
    body = RichTextField(_("description"), blank=True, features=TEXT_FEATURES)
    capacity = models.PositiveIntegerField(
        _("places"),
        validators=[MinValueValidator(1)],
        help_text=_("How many trainees the whole course takes; beyond it, people join the waiting list."),
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        help_text=_("Registration also closes when the first session starts."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("topic"),
        FieldRowPanel([FieldPanel("audience"), FieldPanel("organiser")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_closes_at")])],
            heading=pgettext_lazy("training", "Registration"),
        ),
        InlinePanel("sessions", label=pgettext_lazy("training", "Sessions"), min_num=1),
        InlinePanel("materials", label=_("Materials")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("topic"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("audience"),
    ]

    parent_page_types = ["training.TrainingIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")

    @property
    def source_course(self) -> "CoursePage":
        """The page in the default language, which holds the registrations."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return CoursePage.objects.filter(translation_key=self.translation_key, locale=default).first() or self

    def sessions_ordered(self):
        return CourseSession.objects.filter(page=self.source_course).order_by("starts_at", "pk")

    def first_session_start(self) -> datetime.datetime | None:
        return self.sessions_ordered().values_list("starts_at", flat=True).first()

    def last_session_end(self) -> datetime.datetime | None:
        return (
            CourseSession.objects.filter(page=self.source_course)
            .order_by("-ends_at")
            .values_list("ends_at", flat=True)
            .first()
        )

    def registration_open(self, *, now: datetime.datetime | None = None) -> bool:
        """Until the closing time, and never once the first session has started."""
        now = now or timezone.now()
        first = self.first_session_start()
        return now < self.registration_closes_at and (first is None or now < first)

    def is_finished(self, *, now: datetime.datetime | None = None) -> bool:
        last = self.last_session_end()
        return last is not None and last <= (now or timezone.now())

    def places_taken(self) -> int:
        return CourseRegistration.objects.filter(
            course=self.source_course, status=RegistrationStatus.REGISTERED
        ).count()

    def places_left(self) -> int:
        return max(self.capacity - self.places_taken(), 0)

    def open_to_officials(self) -> bool:
        return self.audience != Audience.PRODUCERS

    def open_to_producers(self) -> bool:
        return self.audience in (Audience.PRODUCERS, Audience.EVERYONE)

    def structured_data(self, request) -> dict:
        """schema.org Course, written into the head by `cms/base_page.html`."""
        return course_structured(course=self, sessions=self.sessions_ordered(), request=request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        places_left = self.places_left()
        context.update(
            sessions=list(self.sessions_ordered()),
            materials=list(self.materials.select_related("document")),
            places_left=places_left,
            is_full=places_left == 0,
            registration_open=self.registration_open(),
            is_finished=self.is_finished(),
        )
        if self.open_to_officials():
            context.setdefault("form", OfficialRegistrationForm(full=places_left == 0))
        return context


class CourseSession(Orderable):
    """A session (buổi học) of a course: when, where or online, and who teaches it."""

    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("subject of the session"), max_length=255, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    trainer = models.CharField(_("trainer"), max_length=255)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("place"),
        FieldPanel("online_url"),
        FieldPanel("trainer"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = pgettext_lazy("training", "session")
        verbose_name_plural = pgettext_lazy("training", "sessions")

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("A session ends after it starts.")
        if not self.place and not self.online_url:
            errors["place"] = _("Give the place of the session, or its online link.")
        if errors:
            raise ValidationError(errors)

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{local:%d/%m/%Y %H:%M} {self.title}".strip()


class CourseMaterial(Orderable):
    """A document of the course (slides, the criteria sheet, a form), kept in Wagtail's documents."""

    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="materials")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=pgettext_lazy("training", "document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        pgettext_lazy("training", "title"),
        max_length=255,
        blank=True,
        help_text=_("Empty: the document's own title."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    @property
    def shown_title(self) -> str:
        return self.title or self.document.title


def registration_token() -> str:
    return secrets.token_urlsafe(24)


class CourseRegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def with_attendance(self):
        return self.annotate(attended=Count("attendances", distinct=True))


class CourseRegistration(models.Model):
    """A person registered for a whole course (a học viên once registered), or waiting for a
    place. Phone first: one person, one phone, once per course (a cancelled registration aside)."""

    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.CASCADE, related_name="registrations"
    )
    full_name = models.CharField(_("full name"), max_length=255)
    phone = PhoneNumberField(_("phone"), region="VN")
    email = models.EmailField(_("e-mail"), blank=True)
    position = models.CharField(_("position"), max_length=255)
    organisation = models.CharField(
        _("organisation"),
        max_length=255,
        help_text=_("The producer for a producer's people; the agency or commune for officials."),
    )
    producer = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("producer"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="training_registrations",
    )
    audience = models.CharField(_("audience"), max_length=16, choices=person_audience_choices())
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
        db_index=True,
    )
    token = models.CharField(max_length=64, unique=True, default=registration_token, editable=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved from the waiting list"), null=True, blank=True)

    objects = CourseRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("course registration")
        verbose_name_plural = _("course registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "phone"],
                condition=~Q(status="cancelled"),
                name="training_registration_one_per_phone",
            ),
            models.CheckConstraint(
                condition=~Q(audience="producers") | Q(producer__isnull=False),
                name="training_producer_registration_has_producer",
            ),
        ]

    def __str__(self):
        return f"{self.full_name} @ {self.course}"


class SessionAttendance(models.Model):
    """A trainee was at a session (điểm danh): when it was recorded and by whom."""

    registration = models.ForeignKey(
        CourseRegistration, verbose_name=_("trainee"), on_delete=models.CASCADE, related_name="attendances"
    )
    session = models.ForeignKey(
        CourseSession,
        verbose_name=pgettext_lazy("training", "session"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    checked_in_at = models.DateTimeField(_("checked in"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("training", "recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="training_attendance_once")
        ]


class SessionReminder(models.Model):
    """A reminder mailed to a trainee before a session: recorded so that it goes once."""

    registration = models.ForeignKey(CourseRegistration, on_delete=models.CASCADE, related_name="reminders")
    session = models.ForeignKey(CourseSession, on_delete=models.CASCADE, related_name="reminders")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="training_reminder_once")
        ]


@register_snippet
class TrainingTarget(models.Model):
    """How many people the year's plan means to train, per audience: figures staff enter from
    the year's plan. The programme's sources give no training targets, so none ships: an
    absent target reads "no target entered"; the demo's are marked as demo figures."""

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2019)])
    audience = models.CharField(_("audience"), max_length=16, choices=person_audience_choices())
    people = models.PositiveIntegerField(_("people to train"))
    source = models.CharField(
        _("source"), max_length=255, help_text=_("The plan or decision the figure comes from.")
    )
    is_demo = models.BooleanField(_("demo figure"), default=False, help_text=_("Not a figure of any plan."))

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("audience"), FieldPanel("people")]),
        FieldPanel("source"),
        FieldPanel("is_demo"),
    ]

    class Meta:
        verbose_name = _("training target")
        verbose_name_plural = _("training targets")
        ordering = ["year", "audience"]
        constraints = [
            models.UniqueConstraint(fields=["year", "audience"], name="training_target_once_per_year")
        ]

    def __str__(self):
        return f"{self.year} · {self.get_audience_display()}: {self.people}"
