"""The staff's review of producers' applications, and a producer's team."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View, generic

from core.permissions import partner_chosen, producer_partners, producer_required, staff_required
from core.uploads import file_download
from onboarding import services
from onboarding.dashboard.forms import InvitationForm, RejectionForm
from onboarding.models import ApplicationDocument, ApplicationStatus, ProducerApplication


@method_decorator(staff_required, name="dispatch")
class ApplicationListView(generic.ListView):
    template_name = "onboarding/dashboard/application_list.html"
    context_object_name = "applications"
    paginate_by = 30

    def get_queryset(self):
        status = self.request.GET.get("status", ApplicationStatus.SUBMITTED)
        queryset = ProducerApplication.objects.select_related("commune__province", "partner")
        return queryset.filter(status=status) if status in ApplicationStatus.values else queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            statuses=ApplicationStatus.choices,
            current=self.request.GET.get("status", ApplicationStatus.SUBMITTED),
            **kwargs,
        )


@method_decorator(staff_required, name="dispatch")
class ApplicationDetailView(generic.DetailView):
    template_name = "onboarding/dashboard/application_detail.html"
    context_object_name = "application"
    queryset = ProducerApplication.objects.select_related("commune__province", "partner", "reviewed_by")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            rejection_form=kwargs.pop("rejection_form", RejectionForm()), **kwargs
        )


@method_decorator(staff_required, name="dispatch")
class ApplicationDecideView(View):
    def post(self, request, pk):
        application = get_object_or_404(ProducerApplication, pk=pk)
        try:
            if request.POST.get("decision") == "approve":
                partner = services.application_approve(application=application, by=request.user)
                messages.success(
                    request,
                    _("%(producer)s is now a producer of the marketplace.") % {"producer": partner.name},
                )
            else:
                form = RejectionForm(request.POST)
                if not form.is_valid():
                    context = {"application": application, "rejection_form": form}
                    return TemplateResponse(request, ApplicationDetailView.template_name, context)
                services.application_reject(
                    application=application, by=request.user, reason=form.cleaned_data["reason"]
                )
                messages.info(request, _("The application was rejected and the applicant told why."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("onboarding-dashboard:application-detail", pk=pk)


@staff_required
def document_download(request, pk):
    """Registration papers are private: served to staff only, never from the media folder,
    and always as a download of their real type (`core.uploads.file_download`)."""
    document = get_object_or_404(ApplicationDocument, pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("file missing") from None
    return file_download(handle, name=str(document))


def _own_partner(request, partner_id=None):
    """The producer the request works for: the one named, if it is one of the user's own."""
    return partner_chosen(partners=producer_partners(request.user), choice=str(partner_id or ""))


@method_decorator(producer_required, name="dispatch")
class TeamView(generic.FormView):
    template_name = "onboarding/dashboard/team.html"
    form_class = InvitationForm

    def get_context_data(self, **kwargs):
        partner = _own_partner(self.request, self.request.GET.get("producer"))
        return super().get_context_data(
            partner=partner, members=partner.users.order_by("first_name", "last_name", "email"), **kwargs
        )

    def form_valid(self, form):
        partner = _own_partner(self.request, self.request.POST.get("producer"))
        try:
            user = services.team_member_invite(
                partner=partner,
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                by=self.request.user,
            )
        except ValidationError as error:
            form.add_error("email", error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(email)s can now log in to %(producer)s's dashboard.")
            % {"email": user.email, "producer": partner.name},
        )
        return redirect(f"{reverse('onboarding-dashboard:team')}?producer={partner.pk}")


@method_decorator(producer_required, name="dispatch")
class TeamMemberRemoveView(View):
    def post(self, request, partner_id, user_id):
        partner = _own_partner(request, partner_id)
        member = get_object_or_404(partner.users.all(), pk=user_id)
        try:
            services.team_member_remove(partner=partner, user=member, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied:
            raise Http404("not a member") from None
        else:
            messages.info(
                request, _("%(email)s no longer works in this dashboard.") % {"email": member.email}
            )
        return redirect(f"{reverse('onboarding-dashboard:team')}?producer={partner.pk}")
