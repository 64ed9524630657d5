"""The public application form, and the page where an invited person answers a producer's
invitation; staff's review and a producer's team are in onboarding/dashboard/."""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View, generic

from core.permissions import LOGIN_URL
from core.ratelimit import client_ip, rate_take
from onboarding import selectors, services
from onboarding.forms import ApplicationForm

# Applications per address, e-mail and phone in an hour: a producer applies once; more is abuse
# (each one mails the office and stores up to 50 MB of papers).
RATE_SCOPE, RATE_LIMIT = "applications", 3
TOO_MANY = 429


class ApplyView(generic.FormView):
    template_name = "onboarding/apply.html"
    form_class = ApplicationForm
    success_url = reverse_lazy("onboarding:applied")

    def form_valid(self, form):
        senders = {
            "ip": client_ip(self.request),
            "email": form.cleaned_data.get("email", ""),
            "phone": str(form.cleaned_data.get("phone") or ""),
        }
        if rate_take(scope=RATE_SCOPE, senders=senders, limit=RATE_LIMIT):
            form.add_error(
                None,
                _(
                    "Too many applications were sent from this connection, e-mail or phone in the "
                    "last hour. Please try again later."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=TOO_MANY)
        services.application_submit(
            data=form.cleaned_data, documents=form.cleaned_data["documents"], language=get_language() or "vi"
        )
        return super().form_valid(form)


class AppliedView(generic.TemplateView):
    template_name = "onboarding/applied.html"


NOT_FOUND, GONE, FORBIDDEN = 404, 410, 403
# Django's own backend: the account was made a moment ago with the password just chosen.
ACCOUNT_BACKEND = "django.contrib.auth.backends.ModelBackend"


class InvitationView(View):
    """A producer's invitation, opened from the mailed link by the person invited.

    Nobody joins without saying yes here. With no account for the invited e-mail, the person
    chooses a password and the account is made then; with one, they log in as that account
    and confirm. What the page says depends only on the invitation's own e-mail, which the
    link's holder received, never on any other account.
    """

    template_name = "onboarding/invitation.html"

    def dispatch(self, request, token):
        self.invitation = selectors.team_invitation_for_token(token)
        if self.invitation is None:
            message = _(
                "This invitation link is not valid. Check that you opened the whole link from the "
                "mail, or ask the producer to send the invitation again."
            )
            return self._closed(message, NOT_FOUND)
        if not self.invitation.is_open:
            return self._closed(services.invitation_closed_message(self.invitation), GONE)
        self.account = get_user_model().objects.filter(email__iexact=self.invitation.email).first()
        return super().dispatch(request, token)

    def _closed(self, message, status):
        context = {"invitation": None, "message": message}
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def _page(self, *, password_form=None, error=None):
        user = self.request.user
        who = user if user.is_authenticated else self.account
        refusal = error or (who and services.invitation_refusal(invitation=self.invitation, user=who))
        context = {
            "invitation": self.invitation,
            "refusal": refusal,
            "logged_in": user.is_authenticated,
            # Someone with an account logs in as it to answer; someone new chooses a password.
            "login_url": f"{LOGIN_URL}?{urlencode({'next': self.request.path})}",
            "needs_login": not user.is_authenticated and self.account is not None,
            "password_form": password_form
            if password_form is not None
            else (None if who else self._password_form()),
        }
        return TemplateResponse(
            self.request, self.template_name, context, status=FORBIDDEN if refusal else 200
        )

    def _password_form(self, data=None):
        first, _sep, last = self.invitation.name.rpartition(" ")
        user = get_user_model()(email=self.invitation.email, first_name=first, last_name=last)
        return SetPasswordForm(user, data)

    def get(self, request, token):
        return self._page()

    def post(self, request, token):
        if request.POST.get("answer") == "decline":
            return self._decline()
        try:
            if request.user.is_authenticated:
                services.team_invitation_accept(invitation=self.invitation, user=request.user)
            elif self.account is not None:
                return self._page()
            else:
                form = self._password_form(request.POST)
                if not form.is_valid():
                    return self._page(password_form=form)
                user = services.team_invitation_accept_new(
                    invitation=self.invitation, password=form.cleaned_data["new_password1"]
                )
                login(request, user, backend=ACCOUNT_BACKEND)
        except ValidationError as error:
            return self._page(error=" ".join(error.messages))
        messages.success(
            request,
            _("Welcome to the team of %(producer)s.") % {"producer": self.invitation.partner.name},
        )
        return redirect(reverse("dashboard:index"))

    def _decline(self):
        try:
            services.team_invitation_decline(invitation=self.invitation)
        except ValidationError as error:
            return self._closed(" ".join(error.messages), GONE)
        message = _("You declined the invitation of %(producer)s. Nothing was changed.") % {
            "producer": self.invitation.partner.name
        }
        return TemplateResponse(self.request, self.template_name, {"invitation": None, "message": message})
