"""Oscar's account pages, with signing up and changing one's e-mail confirmed by mail."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.apps.customer import views

from core.ratelimit import client_ip, rate_take
from customer.accounts import account_activate, email_change_confirm, email_change_request

REGISTERED_EMAIL_SESSION_KEY = "customer_registration_email"
# Sign-ups per connection and per address in an hour: each one mails the address, so more
# would let anyone flood someone's inbox from our server. Counted whoever owns the address.
SIGNUP_RATE_SCOPE, SIGNUP_RATE_LIMIT = "signups", 5
TOO_MANY = 429


class RegistrationSentMixin:
    """After signing up: the same "check your inbox" page, whoever owns the address."""

    def signup_refused(self, form):
        """True, with the form's message, when this connection or address signed up too often."""
        senders = {"ip": client_ip(self.request), "email": form.cleaned_data["email"]}
        if rate_take(scope=SIGNUP_RATE_SCOPE, senders=senders, limit=SIGNUP_RATE_LIMIT):
            form.add_error(
                None,
                _(
                    "Too many sign-ups were sent from this connection or for this e-mail address "
                    "in the last hour. Please try again later."
                ),
            )
            return True
        return False

    def get_registration_success_url(self, form):
        self.request.session[REGISTERED_EMAIL_SESSION_KEY] = form.cleaned_data["email"]
        return reverse("customer:registration-sent")


class AccountAuthView(RegistrationSentMixin, views.AccountAuthView):
    def validate_registration_form(self):
        form = self.get_registration_form(bind_data=True)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(registration_form=form))
        if self.signup_refused(form):
            return self.render_to_response(self.get_context_data(registration_form=form), status=TOO_MANY)
        self.register_user(form)
        return redirect(self.get_registration_success_url(form))


class AccountRegistrationView(RegistrationSentMixin, views.AccountRegistrationView):
    def form_valid(self, form):
        if self.signup_refused(form):
            return self.render_to_response(self.get_context_data(form=form), status=TOO_MANY)
        self.register_user(form)
        return redirect(self.get_registration_success_url(form))


class RegistrationSentView(generic.TemplateView):
    template_name = "customer/registration_sent.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            email=self.request.session.get(REGISTERED_EMAIL_SESSION_KEY, ""), **kwargs
        )


class AccountActivationView(generic.TemplateView):
    """The link in the sign-up mail: a button, so that a mail scanner following links
    activates nothing; pressing it activates the account and logs its owner in."""

    template_name = "customer/activate.html"

    def post(self, request, uidb64, token):
        user = account_activate(uidb64=uidb64, token=token)
        if user is None:
            return self.render_to_response(self.get_context_data(failed=True), status=400)
        request.session.pop(REGISTERED_EMAIL_SESSION_KEY, None)
        auth_login(request, user, backend="core.authentication.EmailBackend")
        messages.success(request, _("Your account is ready. Welcome!"))
        return redirect("customer:summary")


class EmailChangeConfirmView(LoginRequiredMixin, generic.TemplateView):
    """The link in the mail to a new address: the account's owner, logged in, confirms."""

    template_name = "customer/email_confirm.html"

    def post(self, request, token):
        if not email_change_confirm(token=token, user=request.user):
            return self.render_to_response(self.get_context_data(failed=True), status=400)
        messages.success(request, _("Your e-mail address is now %(email)s.") % {"email": request.user.email})
        return redirect("customer:profile-view")


class ProfileUpdateView(views.ProfileUpdateView):
    """Saves the profile at once, but a new e-mail address only once it has confirmed."""

    def form_valid(self, form):
        current = get_user_model()._default_manager.get(pk=self.request.user.pk).email
        wanted = form.cleaned_data.get("email") or current
        if wanted.lower() == current.lower():
            return super().form_valid(form)
        form.instance.email = current
        form.save()
        email_change_request(user=self.request.user, email=wanted)
        messages.info(
            self.request,
            _(
                "Your profile is saved. We have sent a link to %(email)s: your e-mail address "
                "changes when you follow it."
            )
            % {"email": wanted},
        )
        return redirect(self.get_success_url())


class LogoutView(auth_views.LogoutView):
    """Oscar's logout answers GET, so any page could log a visitor out with an image tag:
    Django's own view takes POST only."""

    next_page = settings.OSCAR_HOMEPAGE
