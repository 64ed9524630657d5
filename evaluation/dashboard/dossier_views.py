"""Rounds and dossiers in the shop dashboard.

Producers: the rounds taking registrations, registering one of their products, and the
dossier page (the registration form, evidence files, the self-assessment with what is missing
for the next star, sending and withdrawing). A producer's people see their own producers'
dossiers only: any other id is not found.

The OCOP office: the rounds (open, edit), a round's dossiers by status and the requests
waiting for a round, and the completeness check of each dossier (send back with reasons, pass
to the council, record the commune's pre-check).

Every page of a dossier posts its forms to a route of its own; a refused form is shown again
on the same page with what was typed and why.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View, generic

from catalog.models import EvaluationRequest
from core.clock import vietnam_today
from core.forms import form_errors_add
from core.permissions import (
    ProducerRequiredMixin,
    producer_partners,
    staff_or_producer_required,
    staff_required,
    user_is_staff,
)
from core.uploads import file_download
from evaluation import dossiers, rounds, selectors
from evaluation.forms import (
    CommuneCheckForm,
    DocumentForm,
    DossierForm,
    RegisterForm,
    ReturnForm,
    RoundForm,
    SelfAssessmentForm,
)
from evaluation.models import (
    CommuneCheck,
    Dossier,
    DossierDocument,
    DossierStatus,
    EvaluationRound,
    RoundStatus,
)


def _dossier_url(dossier) -> str:
    return reverse("evaluation-dashboard:dossier-detail", kwargs={"pk": dossier.pk})


def _staff_dossier_url(dossier) -> str:
    return reverse("evaluation-dashboard:staff-dossier", kwargs={"pk": dossier.pk})


def _refusal_message(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


# Producers


class ProducerMixin(ProducerRequiredMixin):
    def dossier(self) -> Dossier:
        """One of the user's producers' dossiers; any other is not found."""
        return get_object_or_404(
            selectors.dossiers_of_producers(partners=self.partners()), pk=self.kwargs["pk"]
        )


class DossierListView(ProducerMixin, generic.TemplateView):
    """The rounds taking registrations and the producer's dossiers."""

    template_name = "evaluation/dashboard/dossier_list.html"

    def get_context_data(self, **kwargs):
        partner = self.partner_chosen()
        today = vietnam_today()
        own = list(selectors.dossiers_of_producers(partners=[partner]))
        return super().get_context_data(
            partner=partner,
            partners=self.partners(),
            open_rounds=selectors.rounds_taking_registrations(on=today),
            announced_rounds=selectors.rounds_announced(on=today),
            dossiers=own,
            **kwargs,
        )


class RegisterView(ProducerMixin, generic.FormView):
    template_name = "evaluation/dashboard/register.html"
    form_class = RegisterForm

    def setup_objects(self):
        self.partner = self.partner_chosen()
        self.round = get_object_or_404(EvaluationRound, pk=self.kwargs["round_pk"])

    def get(self, request, *args, **kwargs):
        self.setup_objects()
        return self.refuse_or(lambda: super(RegisterView, self).get(request, *args, **kwargs))

    def post(self, request, *args, **kwargs):
        self.setup_objects()
        return self.refuse_or(lambda: super(RegisterView, self).post(request, *args, **kwargs))

    def refuse_or(self, go_on):
        refusal = dossiers.registration_refusal(round=self.round)
        if refusal:
            messages.error(self.request, refusal)
            return HttpResponseRedirect(
                f"{reverse('evaluation-dashboard:dossier-list')}?producer={self.partner.pk}"
            )
        return go_on()

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "products": selectors.products_of_producer(producer=self.partner),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            round=self.round, partner=self.partner, partners=self.partners(), **kwargs
        )

    def form_valid(self, form):
        try:
            dossier = dossiers.dossier_register(
                round=self.round,
                product=form.cleaned_data["product"],
                producer=self.partner,
                kind=form.cleaned_data["kind"],
                target_stars=form.cleaned_data["target_stars"],
                by=self.request.user,
            )
        except ValidationError as error:
            form_errors_add(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(product)s is registered. Complete the dossier and send it before %(day)s.")
            % {
                "product": dossier.product.get_title(),
                "day": self.round.registration_closes.strftime("%d/%m/%Y"),
            },
        )
        return HttpResponseRedirect(_dossier_url(dossier))


def _dossier_context(dossier, *, forms=None, editable: bool):
    """What both dossier pages show: the registration, files, self-assessment and reviews."""
    assessment = selectors.self_assessment(dossier)
    context = {
        "dossier": dossier,
        "assessment": assessment,
        "documents": list(dossier.documents.order_by("kind", "uploaded_at", "pk")),
        "reviews": list(dossier.reviews.select_related("reviewed_by").order_by("-reviewed_at", "-pk")),
        "commune_check": CommuneCheck.objects.filter(dossier=dossier).first(),
        "commune_check_needed": dossiers.commune_check_needed(dossier.round),
        "missing": dossiers.dossier_missing_items(dossier),
        "editable": editable,
    }
    forms = forms or {}
    if editable:
        context["dossier_form"] = forms.get("dossier_form") or DossierForm(instance=dossier)
        context["document_form"] = forms.get("document_form") or DocumentForm()
        context["self_form"] = forms.get("self_form") or SelfAssessmentForm(
            sheet=assessment.sheet, points=assessment.points, notes=assessment.notes
        )
    return context


class DossierPageMixin(ProducerMixin):
    template_name = "evaluation/dashboard/dossier_detail.html"

    def render_page(self, dossier, **forms):
        context = _dossier_context(dossier, forms=forms, editable=dossier.status in selectors.EDITABLE)
        context["can_withdraw"] = dossier.status in selectors.WITHDRAWABLE
        return render(self.request, self.template_name, context)


class DossierDetailView(DossierPageMixin, View):
    def get(self, request, pk):
        return self.render_page(self.dossier())


class DossierUpdateView(DossierPageMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        dossier = self.dossier()
        form = DossierForm(request.POST, instance=dossier)
        if form.is_valid():
            try:
                dossiers.dossier_update(dossier=dossier, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form_errors_add(form, error)
            else:
                messages.success(request, _("The registration form is saved."))
                return HttpResponseRedirect(_dossier_url(dossier))
        dossier.refresh_from_db()
        return self.render_page(dossier, dossier_form=form)


class DocumentAddView(DossierPageMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        dossier = self.dossier()
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                dossiers.dossier_document_add(dossier=dossier, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form_errors_add(form, error)
            else:
                messages.success(request, _("The file is added to the dossier."))
                return HttpResponseRedirect(_dossier_url(dossier) + "#documents")
        return self.render_page(dossier, document_form=form)


class DocumentDeleteView(ProducerMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        document = get_object_or_404(
            DossierDocument.objects.select_related("dossier"), pk=pk, dossier__producer__in=self.partners()
        )
        try:
            dossiers.dossier_document_delete(document=document, by=request.user)
        except ValidationError as error:
            _refusal_message(request, error)
        else:
            messages.success(request, _("The file is removed from the dossier."))
        return HttpResponseRedirect(_dossier_url(document.dossier) + "#documents")


class SelfAssessView(DossierPageMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        dossier = self.dossier()
        view = selectors.self_assessment(dossier).sheet
        form = SelfAssessmentForm(request.POST, sheet=view)
        if form.is_valid():
            try:
                dossiers.dossier_self_assess(dossier=dossier, answers=form.answers(), by=request.user)
            except ValidationError as error:
                form_errors_add(form, error)
            else:
                messages.success(request, _("The self-assessment is saved."))
                return HttpResponseRedirect(_dossier_url(dossier) + "#self-assessment")
        return self.render_page(dossier, self_form=form)


class SubmitView(ProducerMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        dossier = self.dossier()
        try:
            dossiers.dossier_submit(dossier=dossier, by=request.user)
        except ValidationError as error:
            _refusal_message(request, error)
        else:
            messages.success(
                request, _("The dossier is sent to the OCOP office, which checks it is complete.")
            )
        return HttpResponseRedirect(_dossier_url(dossier))


class WithdrawView(ProducerMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        dossier = self.dossier()
        try:
            dossiers.dossier_withdraw(dossier=dossier, by=request.user)
        except ValidationError as error:
            _refusal_message(request, error)
        else:
            messages.success(request, _("The product is withdrawn from the round."))
        return HttpResponseRedirect(_dossier_url(dossier))


@staff_or_producer_required
def document_download(request, pk):
    """An evidence file, from private storage: to the office, or to the dossier's own
    producer; anyone else gets 404. Always a download of its real type."""
    documents = DossierDocument.objects.all()
    if not user_is_staff(request.user):
        documents = documents.filter(dossier__producer__in=producer_partners(request.user))
    document = get_object_or_404(documents, pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("file missing") from None
    return file_download(handle, name=document.file.name)


# The OCOP office


@method_decorator(staff_required, name="dispatch")
class RoundListView(generic.TemplateView):
    template_name = "evaluation/dashboard/round_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(rounds=selectors.rounds_for_staff(), **kwargs)


@method_decorator(staff_required, name="dispatch")
class RoundCreateView(generic.FormView):
    template_name = "evaluation/dashboard/round_form.html"
    form_class = RoundForm

    def get_initial(self):
        today = vietnam_today()
        return {"programme_year": today.year, "criteria_version": rounds.default_criteria_version()}

    def form_valid(self, form):
        try:
            round = rounds.round_open(by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors_add(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The round is open: producers can register from %(day)s.")
            % {"day": round.registration_opens.strftime("%d/%m/%Y")},
        )
        return HttpResponseRedirect(reverse("evaluation-dashboard:round-detail", kwargs={"pk": round.pk}))


@method_decorator(staff_required, name="dispatch")
class RoundUpdateView(generic.FormView):
    template_name = "evaluation/dashboard/round_form.html"
    form_class = RoundForm

    def dispatch(self, request, *args, **kwargs):
        self.round = get_object_or_404(EvaluationRound, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.round}

    def get_context_data(self, **kwargs):
        return super().get_context_data(round=self.round, **kwargs)

    def form_valid(self, form):
        try:
            rounds.round_update(round=self.round, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors_add(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The round is saved."))
        return HttpResponseRedirect(
            reverse("evaluation-dashboard:round-detail", kwargs={"pk": self.round.pk})
        )


@method_decorator(staff_required, name="dispatch")
class RoundDetailView(generic.TemplateView):
    """A round: its dossiers by status, the requests waiting for a round; the council's part
    (`partials/round_council.html`) below."""

    template_name = "evaluation/dashboard/round_detail.html"

    def get_context_data(self, **kwargs):
        round = get_object_or_404(EvaluationRound, pk=self.kwargs["pk"])
        grouped = selectors.dossiers_of_round(round=round)
        return super().get_context_data(
            round=round,
            dossiers_by_status=[(status, label, grouped[status]) for status, label in _status_labels()],
            dossier_count=sum(len(group) for group in grouped.values()),
            requests=selectors.evaluation_requests_without_dossier()
            if round.status == RoundStatus.OPEN
            else [],
            **kwargs,
        )


def _status_labels():
    return [(status, DossierStatus(status).label) for status in selectors.STATUS_ORDER]


@method_decorator(staff_required, name="dispatch")
class DossierFromRequestView(View):
    http_method_names = ["post"]

    def post(self, request, pk, request_pk):
        round = get_object_or_404(EvaluationRound, pk=pk)
        evaluation_request = get_object_or_404(EvaluationRequest, pk=request_pk)
        try:
            dossier = dossiers.dossier_from_request(round=round, request=evaluation_request, by=request.user)
        except ValidationError as error:
            _refusal_message(request, error)
        else:
            messages.success(
                request,
                _("A dossier is opened for %(product)s; the producer is told by mail.")
                % {"product": dossier.product.get_title()},
            )
        return HttpResponseRedirect(reverse("evaluation-dashboard:round-detail", kwargs={"pk": round.pk}))


class StaffDossierMixin:
    template_name = "evaluation/dashboard/staff_dossier.html"

    def dossier(self) -> Dossier:
        return get_object_or_404(
            Dossier.objects.select_related(
                "round", "product", "producer", "sheet", "certificate", "reviewed_by"
            ),
            pk=self.kwargs["pk"],
        )

    def render_page(self, dossier, **forms):
        context = _dossier_context(dossier, editable=False)
        check = context["commune_check"]
        context["office_missing"] = dossiers.dossier_office_missing_items(dossier)
        context["return_form"] = forms.get("return_form") or ReturnForm()
        context["commune_form"] = forms.get("commune_form") or CommuneCheckForm(instance=check)
        context["checkable"] = dossier.status == DossierStatus.SUBMITTED
        context["commune_editable"] = dossier.status not in (DossierStatus.ACCEPTED, DossierStatus.WITHDRAWN)
        return render(self.request, self.template_name, context)


@method_decorator(staff_required, name="dispatch")
class StaffDossierView(StaffDossierMixin, View):
    def get(self, request, pk):
        return self.render_page(self.dossier())


@method_decorator(staff_required, name="dispatch")
class StaffReturnView(StaffDossierMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        dossier = self.dossier()
        form = ReturnForm(request.POST)
        if form.is_valid():
            try:
                dossiers.dossier_return(dossier=dossier, reason=form.cleaned_data["reason"], by=request.user)
            except ValidationError as error:
                form_errors_add(form, error)
            else:
                messages.success(request, _("The dossier is sent back; the producer is told by mail."))
                return HttpResponseRedirect(_staff_dossier_url(dossier))
        return self.render_page(dossier, return_form=form)


@method_decorator(staff_required, name="dispatch")
class StaffAcceptView(StaffDossierMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        dossier = self.dossier()
        try:
            dossiers.dossier_accept(dossier=dossier, by=request.user)
        except ValidationError as error:
            _refusal_message(request, error)
        else:
            messages.success(
                request, _("The dossier is complete and goes to the council; the producer is told by mail.")
            )
        return HttpResponseRedirect(_staff_dossier_url(dossier))


@method_decorator(staff_required, name="dispatch")
class StaffCommuneCheckView(StaffDossierMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        dossier = self.dossier()
        form = CommuneCheckForm(request.POST)
        if form.is_valid():
            try:
                dossiers.commune_check_record(dossier=dossier, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form_errors_add(form, error)
            else:
                messages.success(request, _("The commune's pre-check is recorded."))
                return HttpResponseRedirect(_staff_dossier_url(dossier) + "#commune-check")
        return self.render_page(dossier, commune_form=form)
