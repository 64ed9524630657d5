"""The round's council (Hội đồng đánh giá) and its scoring (QĐ 148/QĐ-TTg, QĐ 1489/QĐ-TTg).

Staff seat members on a round's council (an existing account found by e-mail, with a role and
position) and remove one who has scored nothing; one chair. They then move the round to
scoring (`round_scoring_open`): once registrations have closed, or earlier on purpose. Each
scoring member (chair, vice chair, member: the secretary keeps the record) scores every
accepted dossier on its criteria sheet, within each criterion's maximum, saving as they go; a
sheet is complete when every criterion has its points. Nothing is scored outside the scoring
stage: once the council closes (`evaluation.decision.round_close`), scores stay as they are.

Reads for the pages sit here too (`round_scored_dossiers`, `council_progress`, `sheet_rows`):
what a member scores, and how far every member has got (never their points before closing,
so that members score on their own).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.ocop import points_text
from core.clock import vietnam_today
from criteria.assessment import sheet_view
from evaluation.models import (
    SCORING_ROLES,
    CouncilMember,
    CouncilRole,
    CouncilScore,
    CouncilSheet,
    Dossier,
    DossierStatus,
    EvaluationRound,
    RoundStatus,
    SelfScore,
)

# Seats change until the council closes.
SEATS_CHANGE_IN = (RoundStatus.OPEN, RoundStatus.SCORING)


def member_name(member: CouncilMember) -> str:
    user = member.user
    return user.get_full_name() or user.email or user.get_username()


def _round_locked(round_pk) -> EvaluationRound:
    """The round's row, locked: seats, scores, closing and the decision wait for each other."""
    return EvaluationRound.objects.select_for_update().get(pk=round_pk)


def round_scored_dossiers(round):
    """The dossiers the council scores: the accepted ones (complete, passed to the council)."""
    return (
        Dossier.objects.filter(round=round, status=DossierStatus.ACCEPTED)
        .select_related("product", "producer", "sheet")
        .order_by("producer__name", "product__title", "pk")
    )


def scoring_members(round):
    return round.council.filter(role__in=SCORING_ROLES).select_related("user").order_by("role", "pk")


@transaction.atomic
def council_member_add(
    *, round, email: str, role: str = CouncilRole.MEMBER, position: str = "", by
) -> CouncilMember:
    """Seat the account with `email` on the council of `round`."""
    round = _round_locked(round.pk)
    if round.status not in SEATS_CHANGE_IN:
        raise ValidationError(_("The council of this round is closed: its members no longer change."))
    email = (email or "").strip()
    if not email:
        raise ValidationError({"email": _("Give the member's e-mail address.")})
    user = get_user_model().objects.filter(email__iexact=email, is_active=True).order_by("pk").first()
    if user is None:
        raise ValidationError(
            {
                "email": _(
                    "No active account has the e-mail %(email)s: the member needs an account on the "
                    "marketplace first."
                )
                % {"email": email}
            }
        )
    if round.council.filter(user=user).exists():
        raise ValidationError({"email": _("%(email)s is already on this council.") % {"email": user.email}})
    if role not in CouncilRole.values:
        raise ValidationError({"role": _("Choose a role.")})
    if role == CouncilRole.CHAIR and round.council.filter(role=CouncilRole.CHAIR).exists():
        raise ValidationError({"role": _("The council already has a chair: remove the chair first.")})
    own = round.dossiers.filter(producer__users=user).exclude(status=DossierStatus.WITHDRAWN)
    if own.exists():
        raise ValidationError(
            {
                "email": _(
                    "%(email)s works for a producer with a dossier in this round: a council member "
                    "cannot score their own products."
                )
                % {"email": user.email}
            }
        )
    member = CouncilMember(round=round, user=user, role=role, position=(position or "").strip())
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def council_member_remove(*, member: CouncilMember, by) -> None:
    """Take a member off the council, as long as they have scored nothing."""
    round = _round_locked(member.round_id)
    if round.status not in SEATS_CHANGE_IN:
        raise ValidationError(_("The council of this round is closed: its members no longer change."))
    if CouncilScore.objects.filter(sheet__member=member).exists():
        raise ValidationError(
            _("%(name)s has already scored products: a member who has scored stays on the council.")
            % {"name": member_name(member)}
        )
    CouncilSheet.objects.filter(member=member).delete()
    member.delete()


@transaction.atomic
def round_scoring_open(
    *, round, by, early: bool = False, today: datetime.date | None = None
) -> EvaluationRound:
    """Move the round from registrations to the council's scoring: once its deadline has passed,
    or before it when staff say so (`early`). Registrations end with it."""
    round = _round_locked(round.pk)
    today = today or vietnam_today()
    if round.status != RoundStatus.OPEN:
        raise ValidationError(_("Only a round taking registrations can move to scoring."))
    if today <= round.registration_closes and not early:
        raise ValidationError(
            _(
                "Registrations are open until %(date)s. Tick “open scoring before the deadline” to "
                "close them now."
            )
            % {"date": round.registration_closes.strftime("%d/%m/%Y")}
        )
    if not round.council.filter(role=CouncilRole.CHAIR).exists():
        raise ValidationError(_("Seat the council's chair before scoring opens."))
    waiting = [
        str(dossier.product)
        for dossier in round.dossiers.filter(status=DossierStatus.SUBMITTED).select_related("product")
    ]
    if waiting:
        raise ValidationError(
            _("Check these dossiers' completeness first: %(products)s.") % {"products": "; ".join(waiting)}
        )
    round.status = RoundStatus.SCORING
    round.save(update_fields=["status"])
    return round


def score_parse(value) -> Decimal | None:
    """Points as typed: "7,5" or "7.5"; empty is None; anything else a ValueError."""
    text = str(value if value is not None else "").strip().replace(",", ".")
    if not text:
        return None
    try:
        points = Decimal(text)
    except InvalidOperation as error:
        raise ValueError(text) from error
    if not points.is_finite():
        raise ValueError(text)
    return points


@transaction.atomic
def council_sheet_save(*, member: CouncilMember, dossier: Dossier, scores: dict, by) -> CouncilSheet:
    """Save `member`'s points on `dossier`: `scores` maps criterion id -> (points or None, note).
    Partial saving is fine; a criterion left empty has no points. The sheet is complete when
    every criterion of the dossier's sheet has points. All or nothing: one bad value saves none."""
    round = _round_locked(member.round_id)
    if round.status in (RoundStatus.CLOSED, RoundStatus.DECIDED):
        raise ValidationError(_("The council of this round is closed: scores can no longer be changed."))
    if round.status != RoundStatus.SCORING:
        raise ValidationError(_("Scoring has not opened for this round yet."))
    if dossier.round_id != round.pk or dossier.status != DossierStatus.ACCEPTED:
        raise ValidationError(_("This dossier is not one the council scores."))
    if not member.scores:
        raise ValidationError(_("The secretary keeps the council's record and does not score."))
    view = sheet_view(dossier.sheet)
    criteria = {criterion.id: criterion for criterion in view.criteria}
    errors = {}
    clean = {}
    for criterion_id, (points, note) in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise ValidationError(_("A criterion that is not on this dossier's sheet was sent."))
        if points is not None and not (Decimal(0) <= points <= criterion.max_points):
            errors[criterion_id] = _("%(code)s: give between 0 and %(max)s points.") % {
                "code": criterion.code,
                "max": points_text(criterion.max_points),
            }
        elif points is not None and points != points.quantize(Decimal("0.01")):
            errors[criterion_id] = _("%(code)s: points have at most two decimals.") % {"code": criterion.code}
        elif points is None and (note or "").strip():
            errors[criterion_id] = _("%(code)s: a note goes with points.") % {"code": criterion.code}
        clean[criterion_id] = (points, (note or "").strip())
    if errors:
        raise ValidationError({f"points_{key}": message for key, message in errors.items()})
    sheet, _created = CouncilSheet.objects.get_or_create(member=member, dossier=dossier)
    for criterion_id, (points, note) in clean.items():
        if points is None:
            CouncilScore.objects.filter(sheet=sheet, criterion_id=criterion_id).delete()
        else:
            CouncilScore.objects.update_or_create(
                sheet=sheet, criterion_id=criterion_id, defaults={"points": points, "note": note}
            )
    scored = set(sheet.scores.values_list("criterion_id", flat=True))
    complete = set(criteria) <= scored
    sheet.completed_at = (sheet.completed_at or timezone.now()) if complete else None
    sheet.save(update_fields=["completed_at", "updated"])
    return sheet


# Reads for the pages


@dataclass
class SheetRow:
    """One criterion on a member's scoring sheet, with the producer's own answer beside."""

    criterion: object  # criteria.assessment.CriterionView
    points: Decimal | None
    note: str
    self_points: Decimal | None
    self_note: str
    mandatory: list  # [(stars, least)]


def sheet_rows(*, dossier: Dossier, member: CouncilMember | None):
    """(part, [SheetRow]) of `dossier`'s sheet with `member`'s points (None: an empty sheet)."""
    view = sheet_view(dossier.sheet)
    mine = {}
    if member is not None:
        mine = {
            score.criterion_id: score
            for score in CouncilScore.objects.filter(sheet__member=member, sheet__dossier=dossier)
        }
    own = {answer.criterion_id: answer for answer in SelfScore.objects.filter(dossier=dossier)}
    parts = []
    for part in view.parts:
        rows = []
        for criterion in part.criteria:
            score, answer = mine.get(criterion.id), own.get(criterion.id)
            rows.append(
                SheetRow(
                    criterion=criterion,
                    points=score.points if score else None,
                    note=score.note if score else "",
                    self_points=answer.points if answer else None,
                    self_note=answer.note if answer else "",
                    mandatory=sorted(criterion.requirements.items()),
                )
            )
        parts.append((part, rows))
    return view, parts


@dataclass
class Progress:
    member: CouncilMember
    scored: int  # criteria with points
    complete: bool


def council_progress(round) -> list[tuple[Dossier, list[Progress]]]:
    """Every scored dossier with how far each scoring member has got (no points)."""
    members = list(scoring_members(round))
    dossiers = list(round_scored_dossiers(round))
    sheets = {
        (sheet.member_id, sheet.dossier_id): sheet
        for sheet in CouncilSheet.objects.filter(dossier__in=dossiers, member__in=members).prefetch_related(
            "scores"
        )
    }
    rows = []
    for dossier in dossiers:
        progress = []
        for member in members:
            sheet = sheets.get((member.pk, dossier.pk))
            progress.append(
                Progress(
                    member=member,
                    scored=len(sheet.scores.all()) if sheet else 0,
                    complete=bool(sheet and sheet.completed_at),
                )
            )
        rows.append((dossier, progress))
    return rows


def sheets_incomplete(round) -> list[str]:
    """ "Product: member" for each scored dossier a scoring member has not finished."""
    return [
        f"{dossier.product} — {member_name(progress.member)}"
        for dossier, rows in council_progress(round)
        for progress in rows
        if not progress.complete
    ]
