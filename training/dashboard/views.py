"""Training courses in the shop dashboard.

Producers: the courses open to them, registering their people, cancelling, their people's QR
codes and certificates. A producer's people see their own producers' registrations only: any
other id is not found. Where a page works for one producer, it is the first of the user's, or
another of them chosen with `?producer=<id>`.

The OCOP office: every course's registrations, the attendance list of each session, the
check-in page a registration's QR code opens, cancelling, and certificates.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View, generic

from core.clock import vietnam_today
from core.forms import form_errors_add
from core.params import id_or_none
from core.permissions import (
    ProducerRequiredMixin,
    producer_partners,
    staff_or_producer_required,
    staff_required,
    user_is_staff,
)
from training import selectors, services
from training.certificate import certificate_pdf
from training.choices import Audience, RegistrationStatus
from training.forms import AttendanceForm, ProducerRegistrationForm
from training.models import CoursePage, CourseRegistration, CourseSession

CANCELLABLE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)


class ProducerMixin(ProducerRequiredMixin):
    def registration(self):
        """One of the user's producers' registrations; any other is not found."""
        return get_object_or_404(
            selectors.registrations_of_producers(partners=self.partners()), pk=self.kwargs["pk"]
        )

    def list_url(self, partner):
        return f"{reverse('training-dashboard:list')}?producer={partner.pk}"


class CourseListView(ProducerMixin, generic.TemplateView):
    """The courses a producer can register its people for, and its registrations."""

    template_name = "training/dashboard/list.html"

    def get_context_data(self, **kwargs):
        partner = self.partner_chosen()
        registrations = list(selectors.registrations_of_producers(partners=[partner]))
        now = timezone.now()
        for registration in registrations:
            registration.qr = selectors.registration_qr(registration)
            registration.cancellable = (
                registration.status in CANCELLABLE and not registration.course.is_finished(now=now)
            )
            registration.certified = selectors.certificate_refusal(registration=registration, now=now) is None
        courses = selectors.courses_open_to_producers(now=now)
        for course in courses:
            course.left = course.places_left()
        return super().get_context_data(
            partner=partner, partners=self.partners(), courses=courses, registrations=registrations, **kwargs
        )


class RegisterView(ProducerMixin, generic.FormView):
    template_name = "training/dashboard/register.html"
    form_class = ProducerRegistrationForm

    def choose(self):
        self.partner = self.partner_chosen()
        self.course = get_object_or_404(CoursePage, pk=self.kwargs["course_pk"]).source_course

    def get(self, request, *args, **kwargs):
        self.choose()
        return self.refuse_or(lambda: super(RegisterView, self).get(request, *args, **kwargs))

    def post(self, request, *args, **kwargs):
        self.choose()
        return self.refuse_or(lambda: super(RegisterView, self).post(request, *args, **kwargs))

    def refuse_or(self, go_on):
        refusal = selectors.registration_refusal(course=self.course)
        if refusal is None and not self.course.open_to_producers():
            refusal = _("This course is for officials.")
        if refusal:
            messages.error(self.request, refusal)
            return HttpResponseRedirect(self.list_url(self.partner))
        return go_on()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "full": self.course.places_left() == 0}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            course=self.course,
            partner=self.partner,
            partners=self.partners(),
            places_left=self.course.places_left(),
            sessions=[(s, selectors.moment_text(s.starts_at)) for s in self.course.sessions_ordered()],
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            registration = services.registration_create(
                course=self.course,
                full_name=data["full_name"],
                phone=data["phone"],
                email=data["email"],
                position=data["position"],
                organisation=self.partner.name,
                audience=Audience.PRODUCERS,
                producer=self.partner,
                waitlist=data["waitlist"],
                by=self.request.user,
            )
        except ValidationError as error:
            if getattr(error, "code", None) == services.FULL:
                form.full = True
            form_errors_add(form, error)
            return self.form_invalid(form)
        if registration.status == RegistrationStatus.WAITLISTED:
            text = _("%(name)s is on the waiting list of %(course)s.")
        else:
            text = _("%(name)s is registered for %(course)s.")
        messages.success(self.request, text % {"name": registration.full_name, "course": self.course.title})
        return HttpResponseRedirect(self.list_url(self.partner))


class CancelView(ProducerMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        registration = self.registration()
        _cancel(request, registration)
        return HttpResponseRedirect(self.list_url(registration.producer))


def _cancel(request, registration):
    try:
        services.registration_cancel(registration=registration, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The registration of %(name)s is cancelled.") % {"name": registration.full_name}
        )


@method_decorator(staff_or_producer_required, name="dispatch")
class CertificateView(View):
    """The certificate PDF: staff for anyone, a producer's people for their producer's trainees."""

    def get(self, request, pk):
        registrations = CourseRegistration.objects.select_related("course")
        staff = user_is_staff(request.user)
        if not staff:
            registrations = registrations.filter(producer__in=producer_partners(request.user))
        registration = get_object_or_404(registrations, pk=pk)
        refusal = selectors.certificate_refusal(registration=registration)
        if refusal:
            messages.error(request, refusal)
            back = (
                reverse(
                    "training-dashboard:staff-registrations", kwargs={"course_pk": registration.course_id}
                )
                if staff
                else f"{reverse('training-dashboard:list')}?producer={registration.producer_id}"
            )
            return HttpResponseRedirect(back)
        response = HttpResponse(certificate_pdf(registration=registration), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="giay-chung-nhan-{registration.pk}.pdf"'
        return response


# The OCOP office


@method_decorator(staff_required, name="dispatch")
class StaffCourseListView(generic.TemplateView):
    template_name = "training/dashboard/staff_course_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(courses=selectors.courses_for_staff(), **kwargs)


@method_decorator(staff_required, name="dispatch")
class StaffRegistrationListView(generic.TemplateView):
    template_name = "training/dashboard/staff_registrations.html"

    def get_context_data(self, **kwargs):
        course = get_object_or_404(CoursePage, pk=self.kwargs["course_pk"]).source_course
        registrations = list(selectors.registrations_of_course(course=course))
        now = timezone.now()
        for registration in registrations:
            registration.cancellable = registration.status in CANCELLABLE and not course.is_finished(now=now)
            registration.certified = selectors.certificate_refusal(registration=registration, now=now) is None
        return super().get_context_data(
            course=course,
            registrations=registrations,
            sessions=[(s, selectors.moment_text(s.starts_at)) for s in course.sessions_ordered()],
            places_left=course.places_left(),
            **kwargs,
        )


@method_decorator(staff_required, name="dispatch")
class StaffCancelView(View):
    http_method_names = ["post"]

    def post(self, request, pk):
        registration = get_object_or_404(CourseRegistration, pk=pk)
        _cancel(request, registration)
        return HttpResponseRedirect(
            reverse("training-dashboard:staff-registrations", kwargs={"course_pk": registration.course_id})
        )


@method_decorator(staff_required, name="dispatch")
class AttendanceView(generic.FormView):
    """One session's list: a box per registered trainee, ticked for those recorded."""

    template_name = "training/dashboard/attendance.html"
    form_class = AttendanceForm

    def dispatch(self, request, *args, **kwargs):
        # Here, inside `staff_required` (which wraps this dispatch): whether a session exists
        # is not told to anyone but staff.
        self.session = get_object_or_404(
            CourseSession.objects.select_related("page"), pk=kwargs["session_pk"]
        )
        self.registrations = list(
            CourseRegistration.objects.filter(
                course_id=self.session.page_id, status=RegistrationStatus.REGISTERED
            ).order_by("full_name", "pk")
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "registrations": self.registrations}

    def get_initial(self):
        recorded = self.session.attendances.values_list("registration_id", flat=True)
        return {"present": [str(pk) for pk in recorded]}

    def get_context_data(self, **kwargs):
        attendances = {a.registration_id: a for a in self.session.attendances.all()}
        return super().get_context_data(
            session=self.session,
            course=self.session.page,
            starts=selectors.moment_text(self.session.starts_at),
            rows=[(r, attendances.get(r.pk)) for r in self.registrations],
            **kwargs,
        )

    def form_valid(self, form):
        added, removed = services.attendance_set(
            session=self.session,
            present_ids={int(pk) for pk in form.cleaned_data["present"]},
            by=self.request.user,
        )
        messages.success(
            self.request,
            _("Attendance saved: %(added)s added, %(removed)s removed.")
            % {"added": added, "removed": removed},
        )
        return HttpResponseRedirect(
            reverse("training-dashboard:attendance", kwargs={"session_pk": self.session.pk})
        )


@method_decorator(staff_required, name="dispatch")
class CheckInView(generic.TemplateView):
    """What a registration's QR code opens at the door: the person, today's session, and a
    button that records the attendance (once)."""

    template_name = "training/dashboard/check_in.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.registration = None

    def get_registration(self):
        return get_object_or_404(
            CourseRegistration.objects.select_related("course", "producer"), token=self.kwargs["token"]
        )

    def get_context_data(self, **kwargs):
        registration = self.registration or self.get_registration()
        course = registration.course
        today_sessions = selectors.sessions_on(course=course, day=vietnam_today())
        recorded = {a.session_id: a for a in registration.attendances.all()}
        return super().get_context_data(
            registration=registration,
            course=course,
            today_sessions=[
                (
                    session,
                    selectors.moment_text(session.starts_at),
                    selectors.moment_text(recorded[session.pk].checked_in_at)
                    if session.pk in recorded
                    else "",
                )
                for session in today_sessions
            ],
            sessions=[
                (s, selectors.moment_text(s.starts_at), s.pk in recorded) for s in course.sessions_ordered()
            ],
            is_trainee=registration.status == RegistrationStatus.REGISTERED,
            **kwargs,
        )

    def post(self, request, token):
        registration = self.get_registration()
        session = get_object_or_404(
            CourseSession, pk=id_or_none(request.POST.get("session")) or 0, page_id=registration.course_id
        )
        try:
            attendance, created = services.attendance_record(
                registration=registration, session=session, by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            when = selectors.moment_text(attendance.checked_in_at)
            if created:
                messages.success(
                    request,
                    _("%(name)s: attendance recorded at %(time)s.")
                    % {"name": registration.full_name, "time": when},
                )
            else:
                messages.info(
                    request,
                    _("%(name)s: already recorded at %(time)s; nothing changed.")
                    % {"name": registration.full_name, "time": when},
                )
        return HttpResponseRedirect(reverse("training-dashboard:check-in", kwargs={"token": token}))
