"""Evaluation rounds (đợt đánh giá), the office's side: opening a round with its dates and the
criteria version it scores on, and changing it while it takes registrations. Scoring, closing
and the decision are the council's (`evaluation.council`, `evaluation.decision`)."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from catalog.ocop import criteria_version_on
from core.clock import vietnam_today
from evaluation.models import EvaluationRound, RoundStatus

logger = logging.getLogger(__name__)

# What the office may set on a round while it is open.
ROUND_FIELDS = (
    "title",
    "programme_year",
    "criteria_version",
    "issuer_level",
    "registration_opens",
    "registration_closes",
    "council_meets",
    "notes",
)


def default_criteria_version() -> str:
    """The criteria in force today: a new round scores on them unless the office says otherwise."""
    return criteria_version_on(vietnam_today())


def _checked(round: EvaluationRound) -> None:
    round.title = (round.title or "").strip()
    round.notes = (round.notes or "").strip()
    errors = {}
    if round.registration_opens and round.registration_closes:
        if round.registration_closes < round.registration_opens:
            errors["registration_closes"] = _("The deadline cannot come before registration opens.")
        elif round.council_meets and round.council_meets < round.registration_closes:
            errors["council_meets"] = _("The council meets after the registration deadline.")
    if errors:
        raise ValidationError(errors)
    round.full_clean(exclude=["created_by", "closed_by", "decided_by"])


def round_open(*, by, **fields) -> EvaluationRound:
    """A new round taking registrations; `fields` among ROUND_FIELDS (criteria version: the
    one in force today unless given)."""
    unknown = set(fields) - set(ROUND_FIELDS)
    if unknown:
        raise TypeError(f"not a round's field: {sorted(unknown)}")
    if not fields.get("criteria_version"):
        fields["criteria_version"] = default_criteria_version()
    round = EvaluationRound(status=RoundStatus.OPEN, created_by=by, **fields)
    _checked(round)
    with transaction.atomic():
        round.save()
    logger.info("Evaluation round %s opened by %s", round.pk, by)
    return round


def round_update(*, round: EvaluationRound, by, **fields) -> EvaluationRound:
    """Change a round while it takes registrations. Its criteria version stays once a dossier
    is registered (each dossier's sheet was chosen for it)."""
    unknown = set(fields) - set(ROUND_FIELDS)
    if unknown:
        raise TypeError(f"not a round's field: {sorted(unknown)}")
    with transaction.atomic():
        round = EvaluationRound.objects.select_for_update().get(pk=round.pk)
        if round.status != RoundStatus.OPEN:
            raise ValidationError(_("A round whose council has started can no longer be changed here."))
        if (
            "criteria_version" in fields
            and fields["criteria_version"] != round.criteria_version
            and round.dossiers.exists()
        ):
            raise ValidationError(
                {
                    "criteria_version": _(
                        "Products are registered on this round's criteria: it cannot change now."
                    )
                }
            )
        for name, value in fields.items():
            setattr(round, name, value)
        _checked(round)
        round.save()
    logger.info("Evaluation round %s changed by %s", round.pk, by)
    return round
