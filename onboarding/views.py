"""The public application form; staff's review and a producer's team are in onboarding/dashboard/."""

from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import generic

from core.ratelimit import client_ip, rate_exceeded, rate_record
from onboarding import services
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
        if rate_exceeded(scope=RATE_SCOPE, senders=senders, limit=RATE_LIMIT):
            form.add_error(
                None,
                _(
                    "Too many applications were sent from this connection, e-mail or phone in the "
                    "last hour. Please try again later."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=TOO_MANY)
        rate_record(scope=RATE_SCOPE, senders=senders)
        services.application_submit(
            data=form.cleaned_data, documents=form.cleaned_data["documents"], language=get_language() or "vi"
        )
        return super().form_valid(form)


class AppliedView(generic.TemplateView):
    template_name = "onboarding/applied.html"
