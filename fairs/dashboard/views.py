"""Booths at trade fairs, in the shop dashboard.

Producers: the fairs open for applications, their own applications, applying and
withdrawing. A producer's people see their own producers' applications only: any other id
is not found. Where a page works for one producer, it is the first of the user's, or another
of them chosen with `?producer=<id>`.

The OCOP office: every fair's applications, by status, and the decision on each.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View, generic

from core.forms import form_errors_add
from core.permissions import (
    ProducerRequiredMixin,
    staff_required,
)
from fairs import selectors, services
from fairs.forms import BoothApplicationForm, DecisionForm, StatusFilterForm
from fairs.models import ApplicationStatus, BoothApplication, FairPage


class ProducerMixin(ProducerRequiredMixin):
    def application(self):
        """One of the user's producers' applications; any other is not found."""
        return get_object_or_404(
            selectors.applications_of_producers(partners=self.partners()), pk=self.kwargs["pk"]
        )


class FairListView(ProducerMixin, generic.TemplateView):
    """The fairs a producer can apply to, and its applications."""

    template_name = "fairs/dashboard/fair_list.html"

    def get_context_data(self, **kwargs):
        partner = self.partner_chosen()
        applications = list(selectors.applications_of_producers(partners=[partner]))
        applied = {application.fair_id: application for application in applications}
        fairs = [(fair, applied.get(fair.pk)) for fair in selectors.fairs_open_for_applications()]
        return super().get_context_data(
            partner=partner,
            partners=self.partners(),
            open_fairs=fairs,
            applications=applications,
            withdrawable=services.WITHDRAWABLE,
            **kwargs,
        )


class ApplyView(ProducerMixin, generic.FormView):
    template_name = "fairs/dashboard/apply.html"
    form_class = BoothApplicationForm

    def choose(self):
        self.partner = self.partner_chosen()
        self.fair = get_object_or_404(FairPage, pk=self.kwargs["fair_pk"]).source_fair

    def get(self, request, *args, **kwargs):
        self.choose()
        return self.refuse_or(lambda: super(ApplyView, self).get(request, *args, **kwargs))

    def post(self, request, *args, **kwargs):
        self.choose()
        return self.refuse_or(lambda: super(ApplyView, self).post(request, *args, **kwargs))

    def refuse_or(self, go_on):
        refusal = selectors.booth_application_refusal(fair=self.fair, producer=self.partner)
        if refusal:
            messages.error(self.request, refusal)
            return HttpResponseRedirect(self.list_url())
        return go_on()

    def list_url(self):
        return f"{reverse('fairs-dashboard:fair-list')}?producer={self.partner.pk}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "fair": self.fair, "producer": self.partner}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            fair=self.fair, partner=self.partner, partners=self.partners(), **kwargs
        )

    def form_valid(self, form):
        try:
            application = services.booth_application_create(
                fair=self.fair,
                booth_type=form.cleaned_data["booth_type"],
                producer=self.partner,
                listings=form.listing_choices(),
                message=form.cleaned_data["message"],
                by=self.request.user,
            )
        except ValidationError as error:
            form_errors_add(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Your application for %(fair)s is sent. The OCOP office will answer by mail.")
            % {"fair": self.fair.title},
        )
        return HttpResponseRedirect(
            reverse("fairs-dashboard:application-detail", kwargs={"pk": application.pk})
        )


class ApplicationDetailView(ProducerMixin, generic.TemplateView):
    template_name = "fairs/dashboard/application_detail.html"

    def get_context_data(self, **kwargs):
        application = self.application()
        return super().get_context_data(
            application=application,
            can_withdraw=application.status in services.WITHDRAWABLE,
            **kwargs,
        )


class WithdrawView(ProducerMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        application = self.application()
        try:
            services.booth_application_withdraw(application=application, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your application is withdrawn."))
        return HttpResponseRedirect(
            reverse("fairs-dashboard:application-detail", kwargs={"pk": application.pk})
        )


# The OCOP office


@method_decorator(staff_required, name="dispatch")
class StaffFairListView(generic.TemplateView):
    template_name = "fairs/dashboard/staff_fair_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(fairs=selectors.fairs_for_staff(), **kwargs)


@method_decorator(staff_required, name="dispatch")
class StaffApplicationListView(generic.TemplateView):
    template_name = "fairs/dashboard/staff_application_list.html"

    def get_context_data(self, **kwargs):
        fair = get_object_or_404(FairPage, pk=self.kwargs["fair_pk"]).source_fair
        filters = StatusFilterForm(self.request.GET or None)
        status = filters.cleaned_data["status"] if filters.is_valid() else ""
        return super().get_context_data(
            fair=fair,
            filters=filters,
            applications=selectors.applications_of_fair(fair=fair, status=status),
            booth_types=fair.booth_types_with_places(),
            **kwargs,
        )


@method_decorator(staff_required, name="dispatch")
class StaffDecideView(generic.FormView):
    template_name = "fairs/dashboard/staff_decide.html"
    form_class = DecisionForm

    def get(self, request, *args, **kwargs):
        self.application = self.get_application()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.application = self.get_application()
        return super().post(request, *args, **kwargs)

    def get_application(self):
        return get_object_or_404(
            BoothApplication.objects.select_related("fair", "booth_type", "producer", "reviewed_by"),
            pk=self.kwargs["pk"],
        )

    def get_initial(self):
        return {"booth_number": self.application.booth_number, "reason": self.application.reason}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            application=self.application,
            listings=self.application.listings.select_related("stockrecord__product"),
            booth_types=self.application.fair.booth_types_with_places(),
            decidable=self.application.status in services.DECIDABLE,
            **kwargs,
        )

    def form_valid(self, form):
        decision, by = form.cleaned_data["decision"], self.request.user
        try:
            if decision == DecisionForm.APPROVE:
                services.booth_application_approve(
                    application=self.application, booth_number=form.cleaned_data["booth_number"], by=by
                )
            elif decision == DecisionForm.WAITLIST:
                services.booth_application_waitlist(
                    application=self.application, reason=form.cleaned_data["reason"], by=by
                )
            else:
                services.booth_application_reject(
                    application=self.application, reason=form.cleaned_data["reason"], by=by
                )
        except ValidationError as error:
            form_errors_add(form, error)
            return self.form_invalid(form)
        self.application.refresh_from_db()
        messages.success(
            self.request,
            _("%(producer)s: %(status)s. The producer is told by mail.")
            % {"producer": self.application.producer.name, "status": self.application.get_status_display()},
        )
        return HttpResponseRedirect(
            reverse("fairs-dashboard:staff-application-list", kwargs={"fair_pk": self.application.fair_id})
            + f"?status={ApplicationStatus.PENDING}"
        )
