"""Dossiers (hồ sơ): a producer registers one of its products for a round, fills in the
registration form, uploads the evidence, self-assesses on the criteria sheet and sends it;
the OCOP office checks it is complete, sends it back with reasons or passes it to the council,
and records the commune's pre-check (QĐ 1489/QĐ-TTg). The producer may withdraw it until the
office passes it on.

Every service is one transaction on the dossier's locked row; a refusal is a ValidationError
with a message for the person who asked, and changes nothing.
"""

import logging
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import EvaluationRequest
from catalog.ocop import CriteriaVersion
from core.clock import vietnam_today
from core.mails import mail_send_after_commit, site_url, staff_emails
from criteria.models import Criterion
from criteria.selectors import sheet_for_product
from evaluation.models import (
    CommuneCheck,
    DocumentKind,
    Dossier,
    DossierDocument,
    DossierKind,
    DossierReview,
    DossierStatus,
    EvaluationRound,
    RoundStatus,
    SelfScore,
)
from evaluation.selectors import (
    EDITABLE,
    WITHDRAWABLE,
    current_certificate,
    open_request_for_product,
    products_of_producer,
)

logger = logging.getLogger(__name__)

# Under QĐ 1489/QĐ-TTg the commune pre-checks three items before the council scores.
COMMUNE_CHECK_VERSIONS = (CriteriaVersion.QD_1489_2025,)


def commune_check_needed(round: EvaluationRound) -> bool:
    return round.criteria_version in COMMUNE_CHECK_VERSIONS


def _not_editable(dossier: Dossier) -> ValidationError:
    return ValidationError(
        _("A dossier that is “%(status)s” cannot be changed.") % {"status": dossier.get_status_display()}
    )


def _locked(dossier: Dossier) -> Dossier:
    return (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("round", "producer", "product")
        .get(pk=dossier.pk)
    )


def _locked_editable(dossier: Dossier) -> Dossier:
    dossier = _locked(dossier)
    if dossier.status not in EDITABLE:
        raise _not_editable(dossier)
    return dossier


def registration_refusal(*, round: EvaluationRound, today=None) -> str | None:
    """Why no product can be registered for `round` today, or None."""
    today = today or vietnam_today()
    if round.status != RoundStatus.OPEN:
        return _("This round no longer takes registrations.")
    if today < round.registration_opens:
        return _("Registration for this round opens on %(day)s.") % {
            "day": round.registration_opens.strftime("%d/%m/%Y")
        }
    if today > round.registration_closes:
        return _("Registration for this round closed on %(day)s.") % {
            "day": round.registration_closes.strftime("%d/%m/%Y")
        }
    return None


def _already_registered(*, round: EvaluationRound, product) -> bool:
    return Dossier.objects.filter(round=round, product=product).exists()


def _kind_checked(*, kind: str, target_stars, certificate, today) -> int | None:
    """The target stars to keep, or a refusal: a re-evaluation or an upgrade starts from a
    certificate, a new product has none in force, an upgrade aims above the current stars."""
    if kind not in DossierKind.values:
        raise ValidationError({"kind": _("Choose what the product is registered for.")})
    in_force = certificate is not None and certificate.is_in_force(on=today)
    if kind == DossierKind.NEW:
        if in_force:
            raise ValidationError(
                {
                    "kind": _(
                        "This product holds a %(stars)s★ certificate in force: register it for a "
                        "re-evaluation or an upgrade."
                    )
                    % {"stars": certificate.stars}
                }
            )
        return None
    if certificate is None:
        raise ValidationError(
            {"kind": _("This product has no OCOP certificate yet: register it as a new product.")}
        )
    if kind == DossierKind.UPGRADE:
        if not target_stars:
            raise ValidationError({"target_stars": _("Choose the stars you aim at.")})
        if int(target_stars) <= certificate.stars:
            raise ValidationError(
                {
                    "target_stars": _("An upgrade aims above the current %(stars)s★.")
                    % {"stars": certificate.stars}
                }
            )
        return int(target_stars)
    return None


# Left out of `full_clean`: who registered it (null once the account is gone) and the fields of
# the unique constraints, which the database holds (under a race too) with the services' message.
UNIQUE_FIELDS = ["submitted_by", "round", "product", "evaluation_request"]


def _dossier_create(**fields) -> Dossier:
    """A new dossier, its contact phone the producer's; a second one of the product in the
    round (two requests at once) is refused with the message of the check before."""
    producer = fields["producer"]
    dossier = Dossier(contact_phone=str(producer.phone) if producer.phone else "", **fields)
    dossier.full_clean(exclude=UNIQUE_FIELDS)
    try:
        with transaction.atomic():
            dossier.save()
    except IntegrityError:
        raise ValidationError({"product": _("This product is already registered in this round.")}) from None
    return dossier


def dossier_register(
    *, round: EvaluationRound, product, producer, kind: str, by, target_stars=None, evaluation_request=None
) -> Dossier:
    """Register `producer`'s `product` for `round`: a dossier being prepared, on the sheet
    `sheet_for_product` chooses, from the product's current certificate, taking up the
    product's open re-evaluation request if there is one.

    Refused (nothing saved): a round that does not take registrations today, a product that
    is not the producer's, no criteria sheet for the product, a kind that does not fit the
    product's certificate, or the product already registered in the round (also when two
    requests race: the round's row is locked, and the unique constraint holds the rest).
    """
    today = vietnam_today()
    if not products_of_producer(producer=producer).filter(pk=product.pk).exists():
        raise ValidationError({"product": _("Choose one of your own products.")})
    with transaction.atomic():
        round = EvaluationRound.objects.select_for_update().get(pk=round.pk)
        refusal = registration_refusal(round=round, today=today)
        if refusal:
            raise ValidationError(refusal)
        if _already_registered(round=round, product=product):
            raise ValidationError({"product": _("This product is already registered in this round.")})
        sheet = sheet_for_product(criteria_version=round.criteria_version, product=product)
        if sheet is None:
            raise ValidationError(
                {
                    "product": _(
                        "No criteria sheet of this round fits this product's group yet: ask the OCOP office."
                    )
                }
            )
        certificate = current_certificate(product=product)
        target_stars = _kind_checked(
            kind=kind, target_stars=target_stars, certificate=certificate, today=today
        )
        if evaluation_request is None:
            evaluation_request = open_request_for_product(product=product)
        dossier = _dossier_create(
            round=round,
            product=product,
            producer=producer,
            kind=kind,
            target_stars=target_stars,
            certificate=certificate if kind != DossierKind.NEW else None,
            evaluation_request=evaluation_request,
            sheet=sheet,
            submitted_by=by,
        )
    logger.info("Dossier %s: %s registered %s in round %s", dossier.pk, producer, product, round.pk)
    return dossier


def dossier_from_request(*, round: EvaluationRound, request: EvaluationRequest, by) -> Dossier:
    """The office opens a dossier in `round` from a producer's re-evaluation or upgrade
    request (its kind and target stars); a request still waiting is accepted by it. The
    producer is told by mail and completes the dossier from the dashboard. The round's dates
    are the producer's, not the office's: a round still open is enough."""
    with transaction.atomic():
        request = (
            EvaluationRequest.objects.select_for_update(of=("self",))
            .select_related("product", "producer")
            .get(pk=request.pk)
        )
        if (
            request.status == EvaluationRequest.Status.DECLINED
            or Dossier.objects.filter(evaluation_request=request).exists()
        ):
            raise ValidationError(_("This request is declined or already has a dossier."))
        round = EvaluationRound.objects.select_for_update().get(pk=round.pk)
        if round.status != RoundStatus.OPEN:
            raise ValidationError(_("This round no longer takes registrations."))
        if _already_registered(round=round, product=request.product):
            raise ValidationError(_("This product is already registered in this round."))
        sheet = sheet_for_product(criteria_version=round.criteria_version, product=request.product)
        if sheet is None:
            raise ValidationError(_("No criteria sheet of this round fits this product's group yet."))
        certificate = request.certificate or current_certificate(product=request.product)
        dossier = _dossier_create(
            round=round,
            product=request.product,
            producer=request.producer,
            kind=request.kind,
            target_stars=request.target_stars if request.kind == DossierKind.UPGRADE else None,
            certificate=certificate,
            evaluation_request=request,
            sheet=sheet,
            submitted_by=by,
        )
        if request.status == EvaluationRequest.Status.PENDING:
            request.status = EvaluationRequest.Status.ACCEPTED
            request.reviewed_by, request.reviewed_at = by, timezone.now()
            request.full_clean(exclude=["submitted_by"])
            request.save(update_fields=["status", "reviewed_by", "reviewed_at"])
        _mail_producer(dossier, prefix="evaluation/mail/dossier_opened")
    logger.info("Dossier %s opened from request %s by %s", dossier.pk, request.pk, by)
    return dossier


def dossier_update(*, dossier: Dossier, by, description: str, standards: str, contact_phone: str) -> Dossier:
    """The registration form's fields, while the producer may still change the dossier."""
    with transaction.atomic():
        dossier = _locked_editable(dossier)
        dossier.description = (description or "").strip()
        dossier.standards = (standards or "").strip()
        dossier.contact_phone = (contact_phone or "").strip()
        dossier.full_clean(exclude=UNIQUE_FIELDS)
        dossier.save(update_fields=["description", "standards", "contact_phone", "updated"])
    return dossier


def dossier_document_add(*, dossier: Dossier, kind: str, file, by, title: str = "") -> DossierDocument:
    """An evidence file (already checked by `core.uploads`) kept in private storage."""
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Choose what the file is.")})
    with transaction.atomic():
        dossier = _locked_editable(dossier)
        document = DossierDocument(
            dossier=dossier, kind=kind, title=(title or "").strip(), file=file, uploaded_by=by
        )
        document.full_clean(exclude=["uploaded_by"])
        document.save()
    return document


def dossier_document_delete(*, document: DossierDocument, by) -> None:
    with transaction.atomic():
        _locked_editable(document.dossier)
        document = DossierDocument.objects.get(pk=document.pk)
        file = document.file
        document.delete()
        transaction.on_commit(lambda: file.storage.delete(file.name))


def _points_parsed(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal(-1)


def dossier_self_assess(*, dossier: Dossier, answers: dict[int, tuple], by) -> Dossier:
    """Save the producer's answers: {criterion id: (points or None, note)}. Points must be one
    of the criterion's levels on the dossier's sheet; an answer without points is cleared.
    Partial answers are kept (the producer may come back); sending asks for all of them."""
    with transaction.atomic():
        dossier = _locked_editable(dossier)
        criteria = {
            criterion.pk: criterion
            for criterion in Criterion.objects.filter(part__sheet_id=dossier.sheet_id).prefetch_related(
                "levels"
            )
        }
        errors = {}
        chosen = {}
        for criterion_id, (points, note) in answers.items():
            criterion = criteria.get(criterion_id)
            if criterion is None:
                raise ValidationError(_("The answers are not for this dossier's criteria sheet."))
            value = _points_parsed(points)
            if value is not None and value not in {level.points for level in criterion.levels.all()}:
                errors[f"points_{criterion_id}"] = _("Choose one of the levels of %(code)s.") % {
                    "code": criterion.code
                }
                continue
            chosen[criterion_id] = (value, (note or "").strip())
        if errors:
            raise ValidationError(errors)
        for criterion_id, (value, note) in chosen.items():
            if value is None:
                SelfScore.objects.filter(dossier=dossier, criterion_id=criterion_id).delete()
            else:
                SelfScore.objects.update_or_create(
                    dossier=dossier, criterion_id=criterion_id, defaults={"points": value, "note": note}
                )
        dossier.save(update_fields=["updated"])
    return dossier


# The evidence every dossier carries (QĐ 148: test report of the product, its label).
REQUIRED_DOCUMENTS = (DocumentKind.TEST_REPORT, DocumentKind.LABEL)


def dossier_missing_items(dossier: Dossier) -> list[str]:
    """What the producer must still give before the dossier can be sent, in the page's order."""
    missing = []
    if not dossier.description.strip():
        missing.append(_("the product description"))
    if not dossier.standards.strip():
        missing.append(_("the standards applied"))
    if not dossier.contact_phone.strip():
        missing.append(_("a contact phone"))
    kinds = set(dossier.documents.values_list("kind", flat=True))
    for kind in REQUIRED_DOCUMENTS:
        if kind not in kinds:
            missing.append(_("at least one file: %(kind)s") % {"kind": DocumentKind(kind).label.lower()})
    answered = set(dossier.self_scores.values_list("criterion_id", flat=True))
    unanswered = list(
        Criterion.objects.filter(part__sheet_id=dossier.sheet_id)
        .exclude(pk__in=answered)
        .order_by("part__position", "position", "code")
        .values_list("code", flat=True)
    )
    if unanswered:
        missing.append(_("the self-assessment of criteria %(codes)s") % {"codes": ", ".join(unanswered)})
    return missing


def dossier_office_missing_items(dossier: Dossier) -> list[str]:
    """What keeps the office from passing the dossier to the council: the producer's missing
    items, and the commune's pre-check in a round under QĐ 1489."""
    missing = dossier_missing_items(dossier)
    if commune_check_needed(dossier.round) and not CommuneCheck.objects.filter(dossier=dossier).exists():
        missing.append(_("the commune's pre-check"))
    return missing


def _refused_missing(missing: list[str]) -> ValidationError:
    return ValidationError(_("The dossier still lacks: %(items)s.") % {"items": "; ".join(missing)})


def dossier_submit(*, dossier: Dossier, by) -> Dossier:
    """Send the dossier to the office. A first sending must be within the round's
    registration; a dossier sent back may be sent again while the round is open. Refused,
    listing them, while items are missing."""
    with transaction.atomic():
        dossier = _locked_editable(dossier)
        round = EvaluationRound.objects.select_for_update().get(pk=dossier.round_id)
        if dossier.status == DossierStatus.DRAFT:
            refusal = registration_refusal(round=round)
            if refusal:
                raise ValidationError(refusal)
        elif round.status != RoundStatus.OPEN:
            raise ValidationError(_("This round no longer takes dossiers."))
        missing = dossier_missing_items(dossier)
        if missing:
            raise _refused_missing(missing)
        dossier.status = DossierStatus.SUBMITTED
        dossier.sent_at = timezone.now()
        dossier.save(update_fields=["status", "sent_at", "updated"])
        mail_send_after_commit(
            prefix="evaluation/mail/dossier_submitted",
            to=staff_emails(),
            language="vi",
            context={
                "dossier": dossier,
                "url": site_url(reverse("evaluation-dashboard:staff-dossier", kwargs={"pk": dossier.pk})),
            },
        )
    logger.info("Dossier %s sent by %s", dossier.pk, by)
    return dossier


def dossier_withdraw(*, dossier: Dossier, by) -> Dossier:
    """The producer takes the product out of the round, until the office passes it on."""
    with transaction.atomic():
        dossier = _locked(dossier)
        if dossier.status not in WITHDRAWABLE:
            raise ValidationError(
                _("A dossier that is “%(status)s” cannot be withdrawn.")
                % {"status": dossier.get_status_display()}
            )
        dossier.status = DossierStatus.WITHDRAWN
        dossier.save(update_fields=["status", "updated"])
    logger.info("Dossier %s withdrawn by %s", dossier.pk, by)
    return dossier


def _locked_submitted(dossier: Dossier) -> Dossier:
    dossier = _locked(dossier)
    if dossier.status != DossierStatus.SUBMITTED:
        raise ValidationError(
            _("Only a dossier waiting for the completeness check can be checked; this one is “%(status)s”.")
            % {"status": dossier.get_status_display()}
        )
    return dossier


def _review(dossier: Dossier, *, outcome: str, reason: str, by) -> None:
    now = timezone.now()
    DossierReview.objects.create(
        dossier=dossier, outcome=outcome, reason=reason, reviewed_by=by, reviewed_at=now
    )
    dossier.reviewed_by, dossier.reviewed_at, dossier.reason = by, now, reason
    dossier.status = outcome
    dossier.full_clean(exclude=UNIQUE_FIELDS)
    dossier.save(update_fields=["status", "reviewed_by", "reviewed_at", "reason", "updated"])


def dossier_return(*, dossier: Dossier, reason: str, by) -> Dossier:
    """Send the dossier back for more, with the reasons the producer reads and fixes."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what the producer must add or fix.")})
    with transaction.atomic():
        dossier = _locked_submitted(dossier)
        _review(dossier, outcome=DossierReview.Outcome.RETURNED, reason=reason, by=by)
        _mail_producer(dossier, prefix="evaluation/mail/dossier_returned")
    logger.info("Dossier %s sent back by %s", dossier.pk, by)
    return dossier


def dossier_accept(*, dossier: Dossier, by) -> Dossier:
    """The dossier is complete: the council scores it. Refused while anything is missing."""
    with transaction.atomic():
        dossier = _locked_submitted(dossier)
        missing = dossier_office_missing_items(dossier)
        if missing:
            raise _refused_missing(missing)
        _review(dossier, outcome=DossierReview.Outcome.ACCEPTED, reason="", by=by)
        _mail_producer(dossier, prefix="evaluation/mail/dossier_accepted")
    logger.info("Dossier %s passed to the council by %s", dossier.pk, by)
    return dossier


def commune_check_record(
    *,
    dossier: Dossier,
    by,
    commune_name: str,
    checked_on,
    raw_materials_local: bool,
    labour_local: bool,
    idea_local: bool,
    note: str = "",
) -> CommuneCheck:
    """Record (or correct) the commune's pre-check, until the office passes the dossier on."""
    with transaction.atomic():
        dossier = _locked(dossier)
        if dossier.status in (DossierStatus.ACCEPTED, DossierStatus.WITHDRAWN):
            raise _not_editable(dossier)
        check = CommuneCheck.objects.filter(dossier=dossier).first() or CommuneCheck(dossier=dossier)
        check.commune_name = (commune_name or "").strip()
        check.checked_on = checked_on
        check.raw_materials_local = bool(raw_materials_local)
        check.labour_local = bool(labour_local)
        check.idea_local = bool(idea_local)
        check.note = (note or "").strip()
        check.recorded_by = by
        check.full_clean(exclude=["recorded_by", "dossier"])
        check.save()
    return check


def _mail_producer(dossier: Dossier, *, prefix: str) -> None:
    producer = dossier.producer
    to = [producer.email] if getattr(producer, "email", "") else []
    to += list(producer.users.filter(is_active=True).exclude(email="").values_list("email", flat=True))
    mail_send_after_commit(
        prefix=prefix,
        to=list(dict.fromkeys(to)),
        language="vi",
        context={
            "dossier": dossier,
            "round": dossier.round,
            "url": site_url(reverse("evaluation-dashboard:dossier-detail", kwargs={"pk": dossier.pk})),
        },
    )
