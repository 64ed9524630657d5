"""Closing the council and recording the decision (QĐ 148/QĐ-TTg, QĐ 1489/QĐ-TTg).

`round_close`: once every scoring member has finished every accepted dossier's sheet, the
council closes and each dossier's `RoundResult` is fixed by `criteria.assessment` on the
members' mean per criterion: parts and total, the stars of the total, the stars the mandatory
criteria allow (what falls short kept as text), and 90+ products meeting the 5★ criteria
proposed for the central council. From then on no score changes.

`round_decide`: staff record the province's decision (number, date); every result of 3★ or
more gets its certificate through `catalog.certificates` (one in force: an active certificate
of the product is superseded), at most 4★ from a province decision, the 5★ being the central
council's to give; all in one transaction, so one refused certificate issues none. Producers
are mailed their results.

Producers see a result once the decision is recorded (`result_for_producer`): the total, the
parts, the stars and the mandatory criteria that held it back; never a member's points.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog import certificates
from catalog.models import Certificate
from catalog.ocop import IssuerLevel, criteria_version_on, date_text, points_text
from core.clock import vietnam_today
from core.mails import mail_send_after_commit, site_url
from criteria.assessment import assess, mean_points, sheet_view
from evaluation.council import round_scored_dossiers, scoring_members, sheets_incomplete
from evaluation.models import CouncilScore, CouncilSheet, EvaluationRound, RoundResult, RoundStatus
from evaluation.selectors import current_certificate

# A province's decision recognises 3★ and 4★ (QĐ 1489): a 5★ result is proposed to the centre.
PROVINCE_MOST_STARS = 4


def _shortfalls_text(assessment) -> str:
    lines = []
    for shortfall in assessment.shortfalls:
        points = points_text(shortfall.points) if shortfall.points is not None else "—"
        lines.append(
            _("%(code)s %(title)s: %(points)s points; %(stars)s★ needs at least %(least)s")
            % {
                "code": shortfall.criterion.code,
                "title": shortfall.criterion.title,
                "points": points,
                "stars": shortfall.stars,
                "least": points_text(shortfall.least),
            }
        )
    return "\n".join(lines)


def member_points(round) -> dict[int, dict[int, dict[int, Decimal]]]:
    """dossier id -> member id -> {criterion id: points}, complete sheets of scoring members."""
    found: dict[int, dict[int, dict[int, Decimal]]] = {}
    scores = CouncilScore.objects.filter(
        sheet__dossier__round=round,
        sheet__completed_at__isnull=False,
        sheet__member__in=scoring_members(round),
    ).values_list("sheet__dossier_id", "sheet__member_id", "criterion_id", "points")
    for dossier_id, member_id, criterion_id, points in scores:
        found.setdefault(dossier_id, {}).setdefault(member_id, {})[criterion_id] = points
    return found


@transaction.atomic
def round_close(*, round, by) -> list[RoundResult]:
    """Close the council and fix each scored dossier's result."""
    round = EvaluationRound.objects.select_for_update().get(pk=round.pk)
    if round.status != RoundStatus.SCORING:
        raise ValidationError(_("Only a council that is scoring can be closed."))
    if not scoring_members(round).exists():
        raise ValidationError(_("The council has no scoring member."))
    dossiers = list(round_scored_dossiers(round))
    if not dossiers:
        raise ValidationError(_("No accepted dossier was scored in this round."))
    missing = sheets_incomplete(round)
    if missing:
        raise ValidationError(
            _("These scoring sheets are not complete: %(sheets)s.") % {"sheets": "; ".join(missing)}
        )
    points = member_points(round)
    views = {}
    results = []
    for dossier in dossiers:
        if dossier.sheet_id not in views:
            views[dossier.sheet_id] = sheet_view(dossier.sheet)
        sheets = list(points.get(dossier.pk, {}).values())
        assessment = assess(views[dossier.sheet_id], mean_points(sheets))
        result = RoundResult(
            dossier=dossier,
            sheets_counted=len(sheets),
            score=assessment.total,
            score_a=assessment.parts.get("A", Decimal(0)),
            score_b=assessment.parts.get("B", Decimal(0)),
            score_c=assessment.parts.get("C", Decimal(0)),
            stars_by_score=assessment.stars_by_total,
            stars=assessment.stars,
            shortfalls=_shortfalls_text(assessment),
            proposed_central=assessment.proposed_central,
        )
        result.full_clean()
        result.save()
        results.append(result)
    round.status, round.closed_by, round.closed_at = RoundStatus.CLOSED, by, timezone.now()
    round.save(update_fields=["status", "closed_by", "closed_at"])
    return results


def recognised_stars(*, round, result) -> int:
    """The stars the round's decision gives a result: none below 3★, at most 4★ from a
    province (the 5★ is the central council's)."""
    if result.stars < 3:
        return 0
    if round.issuer_level != IssuerLevel.CENTRAL:
        return min(result.stars, PROVINCE_MOST_STARS)
    return result.stars


def _certificate_issue(*, round, result, by) -> Certificate:
    dossier = result.dossier
    product = dossier.product
    issuer_name = certificates.certificate_issuer_name(
        product=product, issuer_level=round.issuer_level, decision_date=round.decision_date
    )
    if not issuer_name:
        raise ValidationError(
            _(
                "the product has no commune of origin, so the decision's signatory cannot be named: "
                "fill in the product's origin first"
            )
        )
    fields = {
        "stars": recognised_stars(round=round, result=result),
        "score": result.score,
        "score_a": result.score_a,
        "score_b": result.score_b,
        "score_c": result.score_c,
        "criteria_version": round.criteria_version,
        "decision_number": round.decision_number,
        "decision_date": round.decision_date,
        "issuer_level": round.issuer_level,
        "issuer_name": issuer_name,
        "programme_year": round.programme_year,
        "valid_from": round.decision_date,
    }
    current = current_certificate(product=product)
    if current is not None:
        return certificates.certificate_supersede(certificate=current, by=by, **fields)
    return certificates.certificate_create(product=product, producer=dossier.producer, by=by, **fields)


def round_results(round):
    return (
        RoundResult.objects.filter(dossier__round=round)
        .select_related("dossier__product", "dossier__producer", "dossier__evaluation_request", "certificate")
        .order_by("-score", "dossier__product__title", "pk")
    )


@transaction.atomic
def round_decide(
    *, round, decision_number: str, decision_date: datetime.date, by, today: datetime.date | None = None
) -> list[Certificate]:
    """Record the decision of a closed council and issue its certificates, all or none."""
    round = EvaluationRound.objects.select_for_update().get(pk=round.pk)
    if round.status != RoundStatus.CLOSED:
        raise ValidationError(_("The decision is recorded once the council has closed, and only once."))
    decision_number = (decision_number or "").strip()
    errors = {}
    if not decision_number:
        errors["decision_number"] = _("Give the decision's number, as on the signed decision.")
    if decision_date is None:
        errors["decision_date"] = _("Give the decision's date.")
    elif decision_date > (today or vietnam_today()):
        errors["decision_date"] = _("The decision's date cannot be in the future.")
    elif criteria_version_on(decision_date) != round.criteria_version:
        errors["decision_date"] = _(
            "A decision dated %(date)s follows %(expected)s, but this round scored on %(version)s: "
            "check the date."
        ) % {
            "date": date_text(decision_date),
            "expected": criteria_version_on(decision_date).label,
            "version": round.get_criteria_version_display(),
        }
    if errors:
        raise ValidationError(errors)
    round.decision_number, round.decision_date = decision_number, decision_date
    issued, refused = [], []
    results = list(round_results(round))
    for result in results:
        if recognised_stars(round=round, result=result) < 3:
            continue
        try:
            with transaction.atomic():
                certificate = _certificate_issue(round=round, result=result, by=by)
        except ValidationError as error:
            refused.append(f"{result.dossier.product}: {' '.join(error.messages)}")
            continue
        result.certificate = certificate
        result.save(update_fields=["certificate"])
        issued.append(certificate)
    if refused:
        raise ValidationError(
            _("No certificate was issued, because these could not be: %(refused)s")
            % {"refused": " · ".join(refused)}
        )
    round.status, round.decided_by, round.decided_at = RoundStatus.DECIDED, by, timezone.now()
    round.save(update_fields=["status", "decision_number", "decision_date", "decided_by", "decided_at"])
    for result in results:
        _result_mail(round=round, result=result)
    return issued


def _result_mail(*, round, result):
    dossier = result.dossier
    to = [dossier.submitted_by.email] if dossier.submitted_by and dossier.submitted_by.email else []
    to += [
        email
        for email in dossier.producer.users.filter(is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        if email not in to
    ]
    mail_send_after_commit(
        prefix="evaluation/mail/result",
        to=to,
        language="vi",
        context={
            "round": round,
            "result": result,
            "dossier": dossier,
            "stars": recognised_stars(round=round, result=result),
            "certificate": result.certificate,
            "url": site_url(reverse("catalog-dashboard:certificate-list")),
        },
    )


def rounds_waiting_for_decision_count() -> int:
    """Rounds whose council has closed and whose decision the office has yet to record."""
    return EvaluationRound.objects.filter(status=RoundStatus.CLOSED).count()


def result_for_producer(*, dossier) -> RoundResult | None:
    """The dossier's result as its producer may see it: once the decision is recorded."""
    if dossier.round.status != RoundStatus.DECIDED:
        return None
    return RoundResult.objects.filter(dossier=dossier).select_related("certificate").first()


# The list for the decision, the summary sheet and the CSV


@dataclass
class ResultRow:
    result: RoundResult
    stars: int  # as recognised by the round's decision (0: not recognised)
    member_totals: list  # [(member, total)] once the council has closed

    @property
    def dossier(self):
        return self.result.dossier

    @property
    def recognised(self) -> bool:
        return self.stars >= 3


def result_rows(round) -> list[ResultRow]:
    """The round's results for the decision: recognised first (by score), then the rest."""
    members = list(scoring_members(round))
    totals: dict[tuple[int, int], Decimal] = {}
    for sheet in CouncilSheet.objects.filter(dossier__round=round, member__in=members).prefetch_related(
        "scores"
    ):
        totals[(sheet.dossier_id, sheet.member_id)] = sum(
            (score.points for score in sheet.scores.all()), Decimal(0)
        )
    rows = [
        ResultRow(
            result=result,
            stars=recognised_stars(round=round, result=result),
            member_totals=[(member, totals.get((result.dossier_id, member.pk))) for member in members],
        )
        for result in round_results(round)
    ]
    return sorted(rows, key=lambda row: (not row.recognised, -row.result.score))
