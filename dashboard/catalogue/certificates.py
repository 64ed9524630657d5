"""OCOP certificates in the back office.

Staff keep the certificates (record, correct, revoke, supersede) and work through the queue
of re-evaluation and upgrade requests and of certificates ending soon. Producers read their
own certificates and ask for a re-evaluation or an upgrade ("nâng hạng") from them; any
other producer's certificate is a 404. The rules live in `catalog.certificates`.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from oscar.core.loading import get_model

from catalog import certificates as services
from catalog.models import (
    EXPIRING_WITHIN_DAYS,
    Certificate,
    CertificateState,
    CertificateStatus,
    EvaluationRequest,
)
from core.forms import form_errors_add
from core.permissions import producer_partners

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# ---------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------


class CertificateFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Product, producer or decision"), required=False, max_length=100)
    state = forms.ChoiceField(
        label=gettext_lazy("State"),
        required=False,
        choices=[("", gettext_lazy("All states")), *CertificateState.choices],
    )
    stars = forms.TypedChoiceField(
        label=gettext_lazy("Stars"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", gettext_lazy("All stars")), (3, "3★"), (4, "4★"), (5, "5★")],
    )
    producer = forms.ModelChoiceField(
        label=gettext_lazy("Producer"),
        required=False,
        queryset=Partner.objects.filter(certificates__isnull=False).distinct().order_by("name"),
        empty_label=gettext_lazy("All producers"),
    )


class CertificateForm(forms.ModelForm):
    """The fields of a recognition decision. The model's rules run in the service, whose
    errors come back onto the fields (`_post_clean` is left to it)."""

    class Meta:
        model = Certificate
        fields = ["product", "producer", *services.EDITABLE_FIELDS]
        widgets = {"decision_date": DATE, "valid_from": DATE, "valid_to": DATE}
        help_texts = {
            "valid_to": gettext_lazy("36 months after valid from; filled in when left empty."),
            "producer": gettext_lazy("Left empty: the producer that offers the product."),
        }

    def __init__(self, *args, fixed_product=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_to"].required = False
        self.fields["producer"].required = False
        self.fields["stars"].widget = forms.NumberInput(attrs={"min": 1, "max": 5})
        self.fields["product"].queryset = (
            Product.objects.filter(stockrecords__isnull=False, parent__isnull=True)
            .distinct()
            .order_by("title")
        )
        self.fields["producer"].queryset = Partner.objects.order_by("name")
        if fixed_product is not None or self.instance.pk:
            # A correction or a re-evaluation stays with the product (and its producer).
            del self.fields["product"]
            del self.fields["producer"]
        if not self.instance.pk and not self.is_bound:
            today = timezone.localdate()
            self.initial.setdefault("criteria_version", services.criteria_version_on(today))
            self.initial.setdefault("programme_year", today.year)

    def _post_clean(self):
        pass

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in services.EDITABLE_FIELDS}
        if data["scan"] is None:
            data.pop("scan")
        elif data["scan"] is False:  # "clear" ticked
            data["scan"] = ""
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class EvaluationRequestForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("I ask for"), choices=EvaluationRequest.Kind.choices)
    target_stars = forms.TypedChoiceField(
        label=gettext_lazy("Stars asked for (upgrade)"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "–"), (4, "4★"), (5, "5★")],
    )
    message = forms.CharField(
        label=gettext_lazy("Message to the OCOP office"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Your decision"),
        choices=[("accept", gettext_lazy("Accept")), ("decline", gettext_lazy("Decline"))],
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (needed to decline)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# ---------------------------------------------------------------------------
# Lists
# ---------------------------------------------------------------------------


class CertificateListView(generic.TemplateView):
    """Staff: every certificate, filtered. A producer: its own, read-only, with its requests."""

    paginate_by = 50

    def get_template_names(self):
        if self.request.user.is_staff:
            return ["oscar/dashboard/catalogue/certificate_staff_list.html"]
        return ["oscar/dashboard/catalogue/certificate_list.html"]

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        context = super().get_context_data(today=today, warning_days=EXPIRING_WITHIN_DAYS, **kwargs)
        if self.request.user.is_staff:
            form = CertificateFilterForm(self.request.GET or None)
            filters = form.cleaned_data if form.is_valid() else {}
            certificates = services.certificate_list(
                on=today,
                producer=filters.get("producer"),
                state=filters.get("state") or "",
                stars=filters.get("stars"),
                text=filters.get("q") or "",
            )
            page = Paginator(certificates, self.paginate_by).get_page(self.request.GET.get("page"))
            context.update(
                form=form, page_obj=page, paginator=page.paginator, is_paginated=page.has_other_pages()
            )
            context["rows"] = [_row(certificate, today) for certificate in page]
            return context
        certificates = services.certificate_list_for_producers(
            partners=producer_partners(self.request.user), on=today
        )
        context["rows"] = [_row(certificate, today) for certificate in certificates]
        return context


def _row(certificate, today):
    state = certificate.state(on=today)
    requests = sorted(certificate.evaluation_requests.all(), key=lambda r: r.submitted_at, reverse=True)
    return {
        "certificate": certificate,
        "state": state,
        "state_label": CertificateState(state).label,
        "days_left": certificate.days_left(on=today),
        "can_request": services.evaluation_request_refusal(certificate=certificate, requests=requests)
        is None,
        "requests": requests,
    }


# ---------------------------------------------------------------------------
# Staff: record, correct, revoke, supersede
# ---------------------------------------------------------------------------


class CertificateCreateView(generic.FormView):
    template_name = "oscar/dashboard/catalogue/certificate_form.html"
    form_class = CertificateForm
    supersedes = None

    def get_initial(self):
        initial = super().get_initial()
        product = self.request.GET.get("product", "")
        if product.isdigit():
            initial["product"] = product
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(supersedes=self.supersedes, **kwargs)

    def form_valid(self, form):
        try:
            certificate = self.save(form)
        except ValidationError as error:
            form_errors_add(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Certificate %(number)s recorded: the OCOP badge follows it.")
            % {"number": certificate.decision_number},
        )
        return HttpResponseRedirect(reverse("dashboard:catalogue-certificate-list"))

    def save(self, form):
        return services.certificate_create(
            product=form.cleaned_data["product"],
            producer=form.cleaned_data.get("producer"),
            by=self.request.user,
            **form.service_fields(),
        )


class CertificateSupersedeView(CertificateCreateView):
    """The new decision of a re-evaluation or an upgrade; the old certificate steps down."""

    def dispatch(self, request, *args, **kwargs):
        self.supersedes = get_object_or_404(
            Certificate.objects.select_related("product", "producer"),
            pk=kwargs["pk"],
            status=CertificateStatus.ACTIVE,
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "fixed_product": self.supersedes.product}

    def get_initial(self):
        old = self.supersedes
        today = timezone.localdate()
        return {
            "stars": old.stars,
            "criteria_version": services.criteria_version_on(today),
            "issuer_level": old.issuer_level,
            "issuer_name": old.issuer_name,
            "programme_year": today.year,
        }

    def save(self, form):
        return services.certificate_supersede(
            certificate=self.supersedes, by=self.request.user, **form.service_fields()
        )


class CertificateUpdateView(generic.UpdateView):
    template_name = "oscar/dashboard/catalogue/certificate_form.html"
    form_class = CertificateForm
    model = Certificate
    context_object_name = "certificate"

    def form_valid(self, form):
        try:
            certificate = services.certificate_update(
                certificate=self.object, by=self.request.user, **form.service_fields()
            )
        except ValidationError as error:
            form_errors_add(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Certificate %(number)s saved.") % {"number": certificate.decision_number}
        )
        return HttpResponseRedirect(reverse("dashboard:catalogue-certificate-list"))


class CertificateRevokeView(generic.FormView):
    template_name = "oscar/dashboard/catalogue/certificate_revoke.html"
    form_class = RevokeForm

    def dispatch(self, request, *args, **kwargs):
        self.certificate = get_object_or_404(
            Certificate.objects.select_related("product", "producer"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(certificate=self.certificate, **kwargs)

    def form_valid(self, form):
        try:
            services.certificate_revoke(
                certificate=self.certificate, by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form_errors_add(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Certificate %(number)s revoked: the OCOP badge is gone from %(product)s.")
            % {"number": self.certificate.decision_number, "product": self.certificate.product.get_title()},
        )
        return HttpResponseRedirect(reverse("dashboard:catalogue-certificate-list"))


# ---------------------------------------------------------------------------
# Re-evaluation and upgrade requests
# ---------------------------------------------------------------------------


class EvaluationRequestCreateView(generic.FormView):
    """A producer asks, from one of its certificates, for a re-evaluation or an upgrade."""

    template_name = "oscar/dashboard/catalogue/evaluation_request_form.html"
    form_class = EvaluationRequestForm

    def dispatch(self, request, *args, **kwargs):
        partners = producer_partners(request.user)
        if not partners.exists():
            raise Http404("not a producer")
        self.certificate = services.producer_certificate(partners=partners, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"kind": EvaluationRequest.Kind.REEVALUATION}

    def get_context_data(self, **kwargs):
        return super().get_context_data(certificate=self.certificate, **kwargs)

    def form_valid(self, form):
        try:
            services.evaluation_request_create(
                certificate=self.certificate,
                by=self.request.user,
                kind=form.cleaned_data["kind"],
                target_stars=form.cleaned_data["target_stars"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form_errors_add(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your request was sent to the OCOP office."))
        return HttpResponseRedirect(reverse("dashboard:catalogue-certificate-list"))


class EvaluationQueueView(generic.TemplateView):
    """Staff's candidates: pending requests, and certificates ending soon with none."""

    template_name = "oscar/dashboard/catalogue/evaluation_queue.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        queue = services.evaluation_queue(on=today)
        expiring = [_row(certificate, today) for certificate in queue["expiring"]]
        return super().get_context_data(
            requests=queue["requests"], expiring=expiring, warning_days=EXPIRING_WITHIN_DAYS, **kwargs
        )


class EvaluationDecideView(generic.FormView):
    template_name = "oscar/dashboard/catalogue/evaluation_decide.html"
    form_class = DecisionForm

    def dispatch(self, request, *args, **kwargs):
        self.evaluation = get_object_or_404(
            EvaluationRequest.objects.select_related("product", "producer", "certificate", "submitted_by"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(evaluation=self.evaluation, **kwargs)

    def form_valid(self, form):
        accept = form.cleaned_data["decision"] == "accept"
        try:
            services.evaluation_request_decide(
                request=self.evaluation,
                by=self.request.user,
                accept=accept,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form_errors_add(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Decision saved; the producer is told by mail."))
        return HttpResponseRedirect(reverse("dashboard:catalogue-evaluation-queue"))
