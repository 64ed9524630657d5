"""The staff's review of producers' applications, and a producer's team."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View, generic

from core.permissions import partner_chosen, producer_partners, producer_required, staff_required
from core.ratelimit import rate_exceeded, rate_record
from core.uploads import file_download
from onboarding import selectors, services
from onboarding.dashboard.forms import InvitationForm, RejectionForm
from onboarding.models import ApplicationDocument, ApplicationStatus, ProducerApplication, TeamInvitation

# Invitations (sent or sent again) per producer in an hour: each one mails someone outside.
INVITATION_RATE_SCOPE, INVITATION_RATE_LIMIT = "team-invitations", 20
TOO_MANY = 429


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


def _team_page(partner):
    return redirect(f"{reverse('onboarding-dashboard:team')}?producer={partner.pk}")


def _invitations_exceeded(partner) -> bool:
    return rate_exceeded(
        scope=INVITATION_RATE_SCOPE, senders={"producer": str(partner.pk)}, limit=INVITATION_RATE_LIMIT
    )


def _invitation_recorded(partner) -> None:
    rate_record(scope=INVITATION_RATE_SCOPE, senders={"producer": str(partner.pk)})


INVITATIONS_TOO_MANY = gettext_lazy(
    "Your producer has sent too many invitations in the last hour. Please try again later."
)


@method_decorator(producer_required, name="dispatch")
class TeamView(generic.FormView):
    template_name = "onboarding/dashboard/team.html"
    form_class = InvitationForm

    def get_context_data(self, **kwargs):
        partner = kwargs.pop("partner", None) or _own_partner(self.request, self.request.GET.get("producer"))
        return super().get_context_data(
            partner=partner,
            members=partner.users.order_by("first_name", "last_name", "email"),
            invitations=selectors.team_invitations_pending(partner),
            now=timezone.now(),
            **kwargs,
        )

    def form_valid(self, form):
        partner = _own_partner(self.request, self.request.POST.get("producer"))
        if _invitations_exceeded(partner):
            form.add_error(None, str(INVITATIONS_TOO_MANY))
            context = self.get_context_data(form=form, partner=partner)
            return self.render_to_response(context, status=TOO_MANY)
        try:
            invitation = services.team_invitation_send(
                partner=partner,
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                by=self.request.user,
            )
        except ValidationError as error:
            form.add_error("email", error)
            return self.render_to_response(self.get_context_data(form=form, partner=partner))
        _invitation_recorded(partner)
        messages.success(
            self.request,
            _("An invitation was sent to %(email)s. They join %(producer)s once they accept it.")
            % {"email": invitation.email, "producer": partner.name},
        )
        return _team_page(partner)


class _InvitationActionView(View):
    """A POST on one of the producer's own invitations; another producer's is not found."""

    def post(self, request, partner_id, pk):
        partner = _own_partner(request, partner_id)
        invitation = get_object_or_404(TeamInvitation, partner=partner, pk=pk)
        try:
            self.act(request, partner, invitation)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied:
            raise Http404("not your invitation") from None
        return _team_page(partner)


@method_decorator(producer_required, name="dispatch")
class TeamInvitationCancelView(_InvitationActionView):
    def act(self, request, partner, invitation):
        services.team_invitation_cancel(invitation=invitation, by=request.user)
        messages.info(request, _("The invitation to %(email)s was cancelled.") % {"email": invitation.email})


@method_decorator(producer_required, name="dispatch")
class TeamInvitationResendView(_InvitationActionView):
    def act(self, request, partner, invitation):
        if _invitations_exceeded(partner):
            messages.error(request, INVITATIONS_TOO_MANY)
            return
        services.team_invitation_resend(invitation=invitation, by=request.user)
        _invitation_recorded(partner)
        messages.success(
            request,
            _("The invitation was sent to %(email)s again, with a new link; the old one no longer works.")
            % {"email": invitation.email},
        )


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
        return _team_page(partner)
