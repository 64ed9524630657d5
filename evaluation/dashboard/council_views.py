"""The council's pages in the shop dashboard.

Members (`evaluation.permissions`): the rounds they sit on, a round's accepted dossiers with
their own progress (the chair and the secretary see every member's), and a scoring sheet per
dossier. Another round's id, or a dossier of another round, is not found.

The OCOP office: a round's council (seat and remove members), moving the round to scoring,
every member's progress (never their points before closing, so members score on their own),
closing, the decision that issues the certificates, the list for the decision, the summary
sheet (PDF) and the results (CSV).
"""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View, generic

from catalog.ocop import points_text
from core.downloads import csv_attachment
from core.forms import form_errors_add
from core.permissions import staff_required, user_is_staff
from evaluation import council, decision
from evaluation.council_forms import DecisionForm, MemberAddForm, ScoringOpenForm, SheetForm
from evaluation.models import CouncilMember, CouncilRole, EvaluationRound, RoundStatus
from evaluation.permissions import (
    council_member_required,
    council_rounds,
    council_seat,
    council_seats,
    staff_or_council_member_required,
)
from evaluation.summary_pdf import council_summary_pdf


def _round_page(round_pk) -> str:
    return reverse("evaluation-dashboard:council-manage", kwargs={"round_pk": round_pk})


# Members


@method_decorator(staff_or_council_member_required, name="dispatch")
class CouncilRoundListView(generic.TemplateView):
    """The rounds the user sits on; every round for staff (with the office's council page)."""

    template_name = "evaluation/dashboard/council_rounds.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        seats = {seat.round_id: seat for seat in council_seats(user)}
        rounds = EvaluationRound.objects.all() if user_is_staff(user) else council_rounds(user)
        status = self.request.GET.get("status", "")
        if status in RoundStatus.values:
            rounds = rounds.filter(status=status)
        return super().get_context_data(
            rows=[(round, seats.get(round.pk)) for round in rounds.order_by("-registration_opens", "-pk")],
            staff=user_is_staff(user),
            status=RoundStatus(status).label if status in RoundStatus.values else "",
            **kwargs,
        )


@method_decorator(council_member_required, name="dispatch")
class MemberRoundView(generic.TemplateView):
    """A round the member sits on: its scored dossiers and how far the member has got."""

    template_name = "evaluation/dashboard/council_round.html"

    def get_context_data(self, **kwargs):
        seat = council_seat(self.request.user, round_pk=self.kwargs["round_pk"])
        progress = council.council_progress(seat.round)
        sees_all = seat.role in (CouncilRole.CHAIR, CouncilRole.SECRETARY)
        rows = []
        for dossier, members in progress:
            own = next((row for row in members if row.member.pk == seat.pk), None)
            rows.append((dossier, own, members if sees_all else []))
        return super().get_context_data(
            seat=seat,
            round=seat.round,
            rows=rows,
            sees_all=sees_all,
            members=list(council.scoring_members(seat.round)) if sees_all else [],
            **kwargs,
        )


@method_decorator(council_member_required, name="dispatch")
class SheetView(View):
    """A member's scoring sheet on one dossier: saved partially as often as they like while the
    council scores, read-only before and after."""

    template_name = "evaluation/dashboard/council_sheet.html"

    def setup_sheet(self, request, round_pk, dossier_pk):
        self.seat = council_seat(request.user, round_pk=round_pk)
        self.round = self.seat.round
        self.dossier = get_object_or_404(council.round_scored_dossiers(self.round), pk=dossier_pk)
        self.view, self.parts = council.sheet_rows(dossier=self.dossier, member=self.seat)
        self.editable = self.round.status == RoundStatus.SCORING and self.seat.scores

    def form(self, data=None):
        initial = {row.criterion.id: (row.points, row.note) for _part, rows in self.parts for row in rows}
        return SheetForm(data, view=self.view, initial_scores=initial, disabled=not self.editable)

    def render(self, request, form, status=200):
        rows = [
            (
                part,
                [(row, form[f"points_{row.criterion.id}"], form[f"note_{row.criterion.id}"]) for row in rows],
            )
            for part, rows in self.parts
        ]
        given = [row.points for _part, part_rows in self.parts for row in part_rows if row.points is not None]
        return render(
            request,
            self.template_name,
            {
                "seat": self.seat,
                "round": self.round,
                "dossier": self.dossier,
                "sheet": self.view,
                "parts": rows,
                "form": form,
                "editable": self.editable,
                "scored": len(given),
                "my_total": points_text(sum(given, Decimal(0))),
                "criteria_count": len(self.view.criteria),
            },
            status=status,
        )

    def get(self, request, round_pk, dossier_pk):
        self.setup_sheet(request, round_pk, dossier_pk)
        return self.render(request, self.form())

    def post(self, request, round_pk, dossier_pk):
        self.setup_sheet(request, round_pk, dossier_pk)
        if not self.editable:
            messages.error(
                request,
                _("The council of this round is closed: scores can no longer be changed.")
                if self.round.status in (RoundStatus.CLOSED, RoundStatus.DECIDED)
                else _("This sheet cannot be scored now."),
            )
            return HttpResponseRedirect(request.path)
        form = self.form(request.POST)
        if form.is_valid():
            try:
                sheet = council.council_sheet_save(
                    member=self.seat, dossier=self.dossier, scores=form.scores(), by=request.user
                )
            except ValidationError as error:
                form_errors_add(form, error)
            else:
                if sheet.completed_at:
                    messages.success(request, _("Your sheet is saved and complete."))
                else:
                    messages.success(request, _("Your sheet is saved; some criteria have no points yet."))
                return HttpResponseRedirect(request.path)
        messages.error(request, _("Nothing was saved: correct the points marked below."))
        return self.render(request, form, status=200)


# The OCOP office


@method_decorator(staff_required, name="dispatch")
class ManageView(View):
    """The office's page of a round's council; each action posts to its own route and, when
    refused, shows this page again with what was typed."""

    template_name = "evaluation/dashboard/council_manage.html"

    def get_round(self):
        return get_object_or_404(EvaluationRound, pk=self.kwargs["round_pk"])

    def page(self, request, round, status=200, **forms):
        closed = round.status in (RoundStatus.CLOSED, RoundStatus.DECIDED)
        context = {
            "round": round,
            "members": list(round.council.select_related("user").order_by("role", "pk")),
            "scored_members": set(
                round.council.filter(sheets__scores__isnull=False).values_list("pk", flat=True)
            ),
            "progress": council.council_progress(round),
            "scoring_members": list(council.scoring_members(round)),
            "add_form": forms.get("add_form") or MemberAddForm(),
            "open_form": forms.get("open_form") or ScoringOpenForm(),
            "decision_form": forms.get("decision_form") or DecisionForm(),
            "results": decision.result_rows(round) if closed else [],
            "closed": closed,
            "seats_change": round.status in council.SEATS_CHANGE_IN,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, round_pk):
        return self.page(request, self.get_round())


class MemberAddView(ManageView):
    http_method_names = ["post"]

    def post(self, request, round_pk):
        round = self.get_round()
        form = MemberAddForm(request.POST)
        if form.is_valid():
            try:
                member = council.council_member_add(round=round, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form_errors_add(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s is on the council as %(role)s.")
                    % {"name": council.member_name(member), "role": member.get_role_display().lower()},
                )
                return HttpResponseRedirect(_round_page(round.pk))
        return self.page(request, round, add_form=form)


class MemberRemoveView(ManageView):
    http_method_names = ["post"]

    def post(self, request, round_pk, pk):
        round = self.get_round()
        member = get_object_or_404(CouncilMember.objects.select_related("user"), round=round, pk=pk)
        name = council.member_name(member)
        try:
            council.council_member_remove(member=member, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(name)s is no longer on the council.") % {"name": name})
        return HttpResponseRedirect(_round_page(round.pk))


class ScoringOpenView(ManageView):
    http_method_names = ["post"]

    def post(self, request, round_pk):
        round = self.get_round()
        form = ScoringOpenForm(request.POST)
        form.is_valid()
        try:
            council.round_scoring_open(
                round=round, by=request.user, early=form.cleaned_data.get("early", False)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Registrations are closed: the council scores the accepted dossiers.")
            )
        return HttpResponseRedirect(_round_page(round.pk))


class CloseView(ManageView):
    http_method_names = ["post"]

    def post(self, request, round_pk):
        round = self.get_round()
        try:
            results = decision.round_close(round=round, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The council is closed: %(count)s results are fixed and scores can no longer change.")
                % {"count": len(results)},
            )
        return HttpResponseRedirect(_round_page(round.pk))


class DecideView(ManageView):
    http_method_names = ["post"]

    def post(self, request, round_pk):
        round = self.get_round()
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                issued = decision.round_decide(round=round, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form_errors_add(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Decision %(number)s is recorded: %(count)s certificates issued; producers are "
                        "told by mail."
                    )
                    % {"number": form.cleaned_data["decision_number"], "count": len(issued)},
                )
                return HttpResponseRedirect(_round_page(round.pk))
        return self.page(request, round, decision_form=form)


def _closed_round_or_redirect(request, round):
    if round.status in (RoundStatus.CLOSED, RoundStatus.DECIDED):
        return None
    messages.error(request, _("The summary and the results are ready once the council has closed."))
    return HttpResponseRedirect(_round_page(round.pk))


class SummaryPdfView(ManageView):
    def get(self, request, round_pk):
        round = self.get_round()
        refusal = _closed_round_or_redirect(request, round)
        if refusal:
            return refusal
        response = HttpResponse(council_summary_pdf(round=round), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="bien-ban-hoi-dong-{round.pk}.pdf"'
        return response


class ResultsCsvView(ManageView):
    def get(self, request, round_pk):
        round = self.get_round()
        refusal = _closed_round_or_redirect(request, round)
        if refusal:
            return refusal
        header = [
            _("Product"),
            _("Producer"),
            _("Registered for"),
            _("From the request"),
            _("Part A"),
            _("Part B"),
            _("Part C"),
            _("Total score"),
            _("Stars by the total"),
            _("Stars after the mandatory criteria"),
            _("Stars recognised"),
            _("Proposed for the central 5★ evaluation"),
            _("Mandatory criteria not met"),
            _("Certificate"),
        ]
        rows = []
        for row in decision.result_rows(round):
            result, dossier = row.result, row.dossier
            rows.append(
                [
                    dossier.product.get_title(),
                    dossier.producer.name,
                    dossier.get_kind_display(),
                    str(dossier.evaluation_request_id or ""),
                    points_text(result.score_a),
                    points_text(result.score_b),
                    points_text(result.score_c),
                    points_text(result.score),
                    result.stars_by_score,
                    result.stars,
                    row.stars or _("Not recognised"),
                    _("Yes") if result.proposed_central else "",
                    result.shortfalls.replace("\n", "; "),
                    result.certificate.decision_number if result.certificate else "",
                ]
            )
        return csv_attachment(filename=f"ket-qua-danh-gia-{round.pk}.csv", header=header, rows=rows)
