"""The public side of a course: officials register through the form on its page, and see
their confirmation (with the QR code the office scans at the door).

The form posts to `training:register`; an invalid or refused form is shown again on the
course's page, as typed, with the reason. The confirmation page is opened by the
registration's random token only, and shows that registration alone.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View, generic

from core.forms import form_errors_add
from core.ratelimit import client_ip, rate_exceeded, rate_record
from training import selectors, services
from training.forms import OfficialRegistrationForm
from training.models import CoursePage, CourseRegistration

TOO_MANY = 429
# At most 5 registrations an hour per address and per phone (core.ratelimit), like inquiries.
RATE_SCOPE, RATE_LIMIT = "training", 5


class RegisterView(View):
    http_method_names = ["post"]

    def post(self, request, course_pk):
        course = get_object_or_404(CoursePage.objects.live().public(), pk=course_pk)
        if not course.open_to_officials():
            raise Http404("a course for producers: they register from their dashboard")
        source = course.source_course
        form = OfficialRegistrationForm(request.POST, full=source.places_left() == 0)
        ip = client_ip(request)
        if rate_exceeded(scope=RATE_SCOPE, senders={"ip": ip}, limit=RATE_LIMIT):
            return self.refused(request, course, form, refusal=self.too_many_text(), status=TOO_MANY)
        if form.is_spam():
            rate_record(scope=RATE_SCOPE, senders={"ip": ip})
            return redirect(course.url)
        if not form.is_valid():
            return self.refused(request, course, form)
        data = form.cleaned_data
        senders = {"ip": ip, "phone": str(data["phone"])}
        if rate_exceeded(scope=RATE_SCOPE, senders=senders, limit=RATE_LIMIT):
            return self.refused(request, course, form, refusal=self.too_many_text(), status=TOO_MANY)
        try:
            registration = services.registration_create(
                course=source,
                full_name=data["full_name"],
                phone=data["phone"],
                email=data["email"],
                position=data["position"],
                organisation=data["organisation"],
                audience=data["audience"],
                waitlist=data["waitlist"],
                by=request.user,
            )
        except ValidationError as error:
            if getattr(error, "code", None) == services.FULL:
                form.full = True
            form_errors_add(form, error)
            return self.refused(request, course, form)
        rate_record(scope=RATE_SCOPE, senders=senders)
        return redirect(selectors.confirmation_url(registration))

    @staticmethod
    def too_many_text():
        return _(
            "Many registrations were sent from here in the last hour. Please wait an hour or call "
            "the organiser; nothing was saved this time."
        )

    def refused(self, request, course, form, *, refusal="", status=400):
        """The course page again, with the form as typed and why it was not saved."""
        context = course.get_context(request)
        context.update(form=form, refusal=refusal, form_sent=True)
        return TemplateResponse(request, course.get_template(request), context, status=status)


class RegisteredView(generic.TemplateView):
    template_name = "training/registered.html"

    def get_context_data(self, **kwargs):
        registration = get_object_or_404(
            CourseRegistration.objects.select_related("course"), token=self.kwargs["token"]
        )
        course = registration.course
        return super().get_context_data(
            registration=registration,
            course=course,
            sessions=[
                (session, selectors.moment_text(session.starts_at)) for session in course.sessions_ordered()
            ],
            qr=selectors.registration_qr(registration),
            **kwargs,
        )
