"""The catalogue's back-office pages: the moderation of producers' listings, and the OCOP
certificates.

Moderation: staff read each pending `ListingChange`, named by its producer, as a diff of the
words a buyer would see (`catalog.dashboard.word_diff`) and approve or reject it (the rules
live in `catalog.moderation`).

Certificates: staff keep them (record, correct, revoke, supersede) and work through the queue
of re-evaluation and upgrade requests and of certificates ending soon. Producers read their
own certificates and ask for a re-evaluation or an upgrade ("nâng hạng") from them; any other
producer's certificate is a 404. The rules live in `catalog.certificates`.

Who may open each page is decided by `core.permissions`, on each class.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View, generic
from oscar.core.loading import get_model

from catalog import certificates as services
from catalog import moderation
from catalog.dashboard import word_diff
from catalog.dashboard.forms import (
    CertificateFilterForm,
    CertificateForm,
    DecisionForm,
    EvaluationRequestForm,
    RejectionForm,
    RevokeForm,
)
from catalog.models import (
    EXPIRING_WITHIN_DAYS,
    Certificate,
    CertificateState,
    CertificateStatus,
    EvaluationRequest,
    ListingChange,
)
from core.forms import form_errors_add
from core.params import id_or_none
from core.permissions import producer_partners, staff_or_producer_required, staff_required, user_is_staff

StockRecord = get_model("partner", "StockRecord")

# ---------------------------------------------------------------------------
# Moderation of producers' listings (staff)
# ---------------------------------------------------------------------------


def _with_producers(changes):
    """`changes` with each product's stock records and their producer (`product.records`): the
    queue names the producer, not the login that pressed "save"."""
    records = StockRecord.objects.select_related("partner").order_by("pk")
    return changes.select_related("product", "submitted_by").prefetch_related(
        Prefetch("product__stockrecords", queryset=records, to_attr="records")
    )


def _producer_names(change) -> str:
    return ", ".join(dict.fromkeys(record.partner.name for record in change.product.records)) or "–"


def _diff_rows(change) -> list[dict]:
    """Each field the change touches: its label, the proposed visible text and, for a change to
    a published listing, the words deleted and inserted."""
    rows = []
    for label, before, after in moderation.listing_diff(change):
        before, after = ("" if value == "–" else value for value in (before, after))
        segments = word_diff.word_diff(before, after)
        deleted, inserted = word_diff.changed_word_counts(segments)
        rows.append(
            {
                "label": label,
                "segments": segments,
                "proposed": " ".join(word_diff.visible_words(after)) or "–",
                "deleted": deleted,
                "inserted": inserted,
            }
        )
    return rows


@method_decorator(staff_required, name="dispatch")
class ModerationQueueView(generic.ListView):
    """Pending listings, oldest first; `?kind=new` or `?kind=change` narrows them."""

    template_name = "catalog/dashboard/moderation_list.html"
    context_object_name = "changes"
    paginate_by = 30

    def kind(self) -> str:
        kind = self.request.GET.get("kind", "")
        return kind if kind in ListingChange.Kind.values else ""

    def get_queryset(self):
        changes = ListingChange.objects.filter(status=ListingChange.Status.PENDING)
        if self.kind():
            changes = changes.filter(kind=self.kind())
        return _with_producers(changes)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(kind=self.kind(), kinds=ListingChange.Kind.choices, **kwargs)
        for change in context["changes"]:
            change.producer_names = _producer_names(change)
        return context


@method_decorator(staff_required, name="dispatch")
class ModerationDetailView(generic.DetailView):
    template_name = "catalog/dashboard/moderation_detail.html"
    context_object_name = "change"
    queryset = _with_producers(ListingChange.objects.select_related("reviewed_by"))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("rejection_form", RejectionForm())
        return super().get_context_data(
            rows=_diff_rows(self.object), producer_names=_producer_names(self.object), **kwargs
        )


@method_decorator(staff_required, name="dispatch")
class ModerationDecideView(View):
    def post(self, request, pk):
        change = get_object_or_404(_with_producers(ListingChange.objects.all()), pk=pk)
        try:
            if request.POST.get("decision") == "approve":
                moderation.listing_approve(change=change, by=request.user)
                messages.success(request, _("Approved: the listing is on sale as shown."))
            else:
                form = RejectionForm(request.POST)
                if not form.is_valid():
                    context = {
                        "change": change,
                        "rows": _diff_rows(change),
                        "producer_names": _producer_names(change),
                        "rejection_form": form,
                    }
                    return TemplateResponse(request, ModerationDetailView.template_name, context)
                moderation.listing_reject(change=change, by=request.user, reason=form.cleaned_data["reason"])
                messages.info(request, _("Rejected; the producer is told why."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("catalog-dashboard:moderation-list")


# ---------------------------------------------------------------------------
# Certificates: the list (staff: all of them; a producer: its own)
# ---------------------------------------------------------------------------


@method_decorator(staff_or_producer_required, name="dispatch")
class CertificateListView(generic.TemplateView):
    """Staff: every certificate, filtered. A producer: its own, read-only, with its requests."""

    paginate_by = 50

    def get_template_names(self):
        if user_is_staff(self.request.user):
            return ["catalog/dashboard/certificate_staff_list.html"]
        return ["catalog/dashboard/certificate_list.html"]

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        context = super().get_context_data(today=today, warning_days=EXPIRING_WITHIN_DAYS, **kwargs)
        if user_is_staff(self.request.user):
            form = CertificateFilterForm(self.request.GET or None)
            filters = form.cleaned_data if form.is_valid() else {}
            certificates = services.certificate_list(
                on=today,
                producer=filters.get("producer"),
                state=filters.get("state") or "",
                stars=filters.get("stars"),
                text=filters.get("q") or "",
                ending_within=filters.get("ending_within"),
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
# Certificates: record, correct, revoke, supersede (staff)
# ---------------------------------------------------------------------------


@method_decorator(staff_required, name="dispatch")
class CertificateCreateView(generic.FormView):
    template_name = "catalog/dashboard/certificate_form.html"
    form_class = CertificateForm
    supersedes = None

    def get_initial(self):
        initial = super().get_initial()
        product = id_or_none(self.request.GET.get("product"))
        if product is not None:
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
        return HttpResponseRedirect(reverse("catalog-dashboard:certificate-list"))

    def save(self, form):
        return services.certificate_create(
            product=form.cleaned_data["product"],
            producer=form.cleaned_data.get("producer"),
            by=self.request.user,
            **form.service_fields(),
        )


# Its own `dispatch` looks the certificate up: the check must come before it.
@method_decorator(staff_required, name="dispatch")
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


@method_decorator(staff_required, name="dispatch")
class CertificateUpdateView(generic.UpdateView):
    template_name = "catalog/dashboard/certificate_form.html"
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
        return HttpResponseRedirect(reverse("catalog-dashboard:certificate-list"))


@method_decorator(staff_required, name="dispatch")
class CertificateRevokeView(generic.FormView):
    template_name = "catalog/dashboard/certificate_revoke.html"
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
        return HttpResponseRedirect(reverse("catalog-dashboard:certificate-list"))


# ---------------------------------------------------------------------------
# Re-evaluation and upgrade requests
# ---------------------------------------------------------------------------


@method_decorator(staff_or_producer_required, name="dispatch")
class EvaluationRequestCreateView(generic.FormView):
    """A producer asks, from one of its certificates, for a re-evaluation or an upgrade."""

    template_name = "catalog/dashboard/evaluation_request_form.html"
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
        return HttpResponseRedirect(reverse("catalog-dashboard:certificate-list"))


@method_decorator(staff_required, name="dispatch")
class EvaluationQueueView(generic.TemplateView):
    """Staff's candidates: pending requests, and certificates ending soon with none."""

    template_name = "catalog/dashboard/evaluation_queue.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        queue = services.evaluation_queue(on=today)
        expiring = [_row(certificate, today) for certificate in queue["expiring"]]
        return super().get_context_data(
            requests=queue["requests"], expiring=expiring, warning_days=EXPIRING_WITHIN_DAYS, **kwargs
        )


@method_decorator(staff_required, name="dispatch")
class EvaluationDecideView(generic.FormView):
    template_name = "catalog/dashboard/evaluation_decide.html"
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
        return HttpResponseRedirect(reverse("catalog-dashboard:evaluation-queue"))
