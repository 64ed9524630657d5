"""The public application form; staff's review and a producer's team are in onboarding/dashboard/."""

from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.views import generic

from onboarding import services
from onboarding.forms import ApplicationForm


class ApplyView(generic.FormView):
    template_name = "onboarding/apply.html"
    form_class = ApplicationForm
    success_url = reverse_lazy("onboarding:applied")

    def form_valid(self, form):
        services.application_submit(
            data=form.cleaned_data, documents=form.cleaned_data["documents"], language=get_language() or "vi"
        )
        return super().form_valid(form)


class AppliedView(generic.TemplateView):
    template_name = "onboarding/applied.html"
