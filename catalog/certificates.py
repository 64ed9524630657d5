"""OCOP certificates: the rules a recognition decision must follow, and what staff do with it.

The rules come from OCOP.md ("Programme and certificates") and ocop_research.md §1: the star
bands of the 100-point scale, the part maxima of each criteria version, which level of
government recognised which stars when, and the 36-month validity. `certificate_row_errors`
holds what one row can check (it is `Certificate.clean()`, so the admin follows it too);
the services add what needs other rows: overlapping active certificates and supersession.

Reads for the staff pages, the reminders and the evaluation queue live here as well, so the
certificate's rules sit in one module.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.mails import mail_send_after_commit, site_url

from .models import (
    EXPIRING_WITHIN_DAYS,
    PART_MAXIMA,
    Certificate,
    CertificateReminder,
    CertificateState,
    CertificateStatus,
    CriteriaVersion,
    EvaluationRequest,
    IssuerLevel,
)

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

# The days QĐ 148/QĐ-TTg and QĐ 1489/QĐ-TTg took effect, and the day districts were abolished.
QD_148_FROM = datetime.date(2023, 2, 24)
DISTRICTS_ABOLISHED = datetime.date(2025, 7, 1)
QD_1489_FROM = datetime.date(2025, 7, 6)

REMINDER_DAYS = (90, 30)  # the authority must notify at least 30 days before (§1.7)


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------


def stars_for_score(score: Decimal) -> int:
    """The star band of a total score, the same cut-offs in every criteria version (§1.4)."""
    if score >= 90:
        return 5
    if score >= 70:
        return 4
    if score >= 50:
        return 3
    if score >= 30:
        return 2
    return 1


STAR_SCORE_RANGES = {5: "90–100", 4: "70–89", 3: "50–69"}


def criteria_version_on(decision_date: datetime.date) -> str:
    """The criteria in force on a decision's date: each version replaced the last when signed."""
    if decision_date < QD_148_FROM:
        return CriteriaVersion.QD_1048_2019
    if decision_date < QD_1489_FROM:
        return CriteriaVersion.QD_148_2023
    return CriteriaVersion.QD_1489_2025


def issuer_level_for(*, stars: int, decision_date: datetime.date) -> str:
    """Who recognised `stars` on that day (§1.5): the province before 148 and again once
    districts were gone, the district for 3★ under 148, the central council for 5★ always."""
    if stars == 5:
        return IssuerLevel.CENTRAL
    if stars == 3 and QD_148_FROM <= decision_date < DISTRICTS_ABOLISHED:
        return IssuerLevel.DISTRICT
    return IssuerLevel.PROVINCE


def _points(value: Decimal) -> str:
    """75.00 as 75, 69.50 as 69.5, 90 as 90 (not 9E+1)."""
    return format(value.normalize(), "f")


def _date(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def certificate_row_errors(certificate: Certificate) -> dict[str, list[str]]:
    """Field -> messages for the rules one certificate row can check on its own."""
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    c = certificate
    stars, score = c.stars, c.score
    version_label = CriteriaVersion(c.criteria_version).label if c.criteria_version in CriteriaVersion else ""
    if stars is not None and stars < 3:
        add("stars", _("1-2★ products are not OCOP-certified: a certificate is for 3, 4 or 5 stars."))
    if score is not None and stars is not None and 3 <= stars <= 5:
        band = stars_for_score(score)
        if band < 3:
            add(
                "score",
                _("A score of %(score)s is below 50: 1-2★ products are not OCOP-certified.")
                % {"score": _points(score)},
            )
        elif band != stars:
            add(
                "score",
                _(
                    "A %(stars)s★ certificate needs a total score of %(range)s; "
                    "%(score)s is a %(band)s★ score."
                )
                % {
                    "stars": stars,
                    "range": STAR_SCORE_RANGES[stars],
                    "score": _points(score),
                    "band": band,
                },
            )
    parts = {"score_a": c.score_a, "score_b": c.score_b, "score_c": c.score_c}
    given = {name: value for name, value in parts.items() if value is not None}
    if given and c.criteria_version in PART_MAXIMA:
        if len(given) < 3:
            for name in parts.keys() - given.keys():
                add(name, _("Give all three part scores, or none."))
        for (name, value), maximum, letter in zip(
            parts.items(), PART_MAXIMA[c.criteria_version], "ABC", strict=True
        ):
            if value is not None and value > maximum:
                add(
                    name,
                    _("Part %(part)s counts at most %(maximum)s points under %(version)s.")
                    % {"part": letter, "maximum": maximum, "version": version_label},
                )
        if len(given) == 3 and score is not None and sum(given.values()) != score:
            add(
                "score",
                _("Parts A, B and C add up to %(sum)s, not to the total score %(score)s.")
                % {"sum": _points(sum(given.values())), "score": _points(score)},
            )
    if c.decision_date:
        expected = criteria_version_on(c.decision_date)
        if c.criteria_version and c.criteria_version != expected:
            add(
                "criteria_version",
                _("A decision dated %(date)s follows %(expected)s, not %(version)s.")
                % {"date": _date(c.decision_date), "expected": expected.label, "version": version_label},
            )
        if stars in (3, 4, 5) and c.issuer_level in IssuerLevel:
            level = issuer_level_for(stars=stars, decision_date=c.decision_date)
            if c.issuer_level != level:
                add(
                    "issuer_level",
                    _(
                        "On %(date)s %(stars)s★ products were recognised at %(expected)s level, "
                        "not %(level)s level."
                    )
                    % {
                        "date": _date(c.decision_date),
                        "stars": stars,
                        "expected": IssuerLevel(level).label.lower(),
                        "level": IssuerLevel(c.issuer_level).label.lower(),
                    },
                )
        if c.programme_year and c.programme_year not in (c.decision_date.year, c.decision_date.year - 1):
            # A year's evaluation round may be decided early the next year.
            add(
                "programme_year",
                _("The programme year must be the decision's year (%(year)s) or the year before.")
                % {"year": c.decision_date.year},
            )
        if c.valid_from and c.valid_from < c.decision_date:
            add(
                "valid_from",
                _("A certificate cannot be valid before its decision date (%(date)s).")
                % {"date": _date(c.decision_date)},
            )
    if c.valid_from and c.valid_to and c.valid_to != Certificate.validity_end(c.valid_from):
        add(
            "valid_to",
            _("A certificate is valid 36 months: from %(start)s it ends on %(end)s.")
            % {"start": _date(c.valid_from), "end": _date(Certificate.validity_end(c.valid_from))},
        )
    if c.product_id and c.producer_id:
        if not StockRecord.objects.filter(product_id=c.product_id, partner_id=c.producer_id).exists():
            add(
                "producer",
                _("This producer does not offer the product: a certificate is for its own product."),
            )
        if c.status == CertificateStatus.ACTIVE and c.valid_from and c.valid_to:
            overlapping = (
                Certificate.objects.filter(
                    product_id=c.product_id,
                    status=CertificateStatus.ACTIVE,
                    valid_from__lte=c.valid_to,
                    valid_to__gte=c.valid_from,
                )
                .exclude(pk=c.pk)
                .order_by("valid_from")
                .first()
            )
            if overlapping:
                add(
                    "__all__",
                    _(
                        "The product already has an active certificate for these dates (%(number)s, valid "
                        "until %(end)s): supersede or revoke it first."
                    )
                    % {"number": overlapping.decision_number, "end": _date(overlapping.valid_to)},
                )
    return errors


# ---------------------------------------------------------------------------
# Services
# ---------------------------------------------------------------------------

EDITABLE_FIELDS = (
    "stars",
    "score",
    "score_a",
    "score_b",
    "score_c",
    "criteria_version",
    "decision_number",
    "decision_date",
    "issuer_level",
    "issuer_name",
    "programme_year",
    "valid_from",
    "valid_to",
    "scan",
)


def producer_of(product):
    """The producer a certificate of `product` goes to: the one that offers it."""
    record = product.stockrecords.select_related("partner").order_by("pk").first()
    return record.partner if record else None


def _status_change(certificate, *, status, by, reason):
    certificate.status = status
    certificate.status_reason = reason
    certificate.status_changed_by = by
    certificate.status_changed_at = timezone.now()
    certificate.save(
        update_fields=["status", "status_reason", "status_changed_by", "status_changed_at", "updated"]
    )


@transaction.atomic
def certificate_create(*, product, by=None, producer=None, supersedes=None, **fields) -> Certificate:
    """Record a recognition decision. With `supersedes`, the product's earlier certificate
    (a re-evaluation or upgrade) stops backing the badge in the same transaction.

    `valid_to` defaults to 36 months after `valid_from`; the producer to the product's own.
    """
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not certificate fields: {sorted(unknown)}")
    # Certificates of one product are written one at a time, so the overlap rule sees the others.
    Product.objects.select_for_update().filter(pk=product.pk).first()
    producer = producer or producer_of(product)
    if fields.get("valid_from") and not fields.get("valid_to"):
        fields["valid_to"] = Certificate.validity_end(fields["valid_from"])
    if supersedes is not None:
        supersedes = Certificate.objects.select_for_update().get(pk=supersedes.pk)
        if supersedes.product_id != product.pk:
            raise ValidationError(_("A certificate can only supersede one of the same product."))
        if supersedes.status != CertificateStatus.ACTIVE:
            raise ValidationError(
                _("Certificate %(number)s is %(status)s: only an active certificate can be superseded.")
                % {"number": supersedes.decision_number, "status": supersedes.get_status_display().lower()}
            )
    if supersedes is not None:
        # Stepped down first so the overlap rule lets the new one in; a refused new
        # certificate rolls this back with the transaction.
        _status_change(
            supersedes,
            status=CertificateStatus.SUPERSEDED,
            by=by,
            reason=_("Superseded by decision %(number)s.") % {"number": fields.get("decision_number", "")},
        )
    certificate = Certificate(product=product, producer=producer, supersedes=supersedes, **fields)
    certificate.full_clean()
    certificate.save()
    return certificate


@transaction.atomic
def certificate_update(*, certificate, by=None, **fields) -> Certificate:
    """Correct what was typed from the decision; the status moves only by revoke/supersede."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not certificate fields: {sorted(unknown)}")
    Product.objects.select_for_update().filter(pk=certificate.product_id).first()
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    for name, value in fields.items():
        setattr(certificate, name, value)
    certificate.full_clean()
    certificate.save()
    return certificate


@transaction.atomic
def certificate_revoke(*, certificate, by, reason: str) -> Certificate:
    """Withdraw a certificate (failed re-evaluation, not re-evaluated in time); the badge goes
    with it, and the search index follows through the save signal."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the certificate is revoked.")})
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status != CertificateStatus.ACTIVE:
        raise ValidationError(
            _("Certificate %(number)s is %(status)s: only an active certificate can be revoked.")
            % {"number": certificate.decision_number, "status": certificate.get_status_display().lower()}
        )
    _status_change(certificate, status=CertificateStatus.REVOKED, by=by, reason=reason)
    certificate_users = [user.email for user in certificate.producer.users.filter(is_active=True)]
    mail_send_after_commit(
        prefix="catalog/mail/certificate_revoked",
        to=certificate_users,
        language="vi",
        context={
            "certificate": certificate,
            "list_url": site_url(reverse("dashboard:catalogue-certificate-list")),
        },
    )
    return certificate


def certificate_supersede(*, certificate, by=None, **fields) -> Certificate:
    """The new decision of a re-evaluation or upgrade, replacing `certificate`."""
    return certificate_create(
        product=certificate.product, producer=certificate.producer, supersedes=certificate, by=by, **fields
    )


# ---------------------------------------------------------------------------
# Reads
# ---------------------------------------------------------------------------


def certificates_in_state(certificates: QuerySet, *, state: str, on: datetime.date) -> QuerySet:
    """`certificates` whose `Certificate.state(on=on)` is `state`, in SQL."""
    soon = on + datetime.timedelta(days=EXPIRING_WITHIN_DAYS)
    active = Q(status=CertificateStatus.ACTIVE)
    conditions = {
        CertificateState.REVOKED: Q(status=CertificateStatus.REVOKED),
        CertificateState.SUPERSEDED: Q(status=CertificateStatus.SUPERSEDED),
        CertificateState.EXPIRED: active & Q(valid_to__lt=on),
        CertificateState.NOT_YET: active & Q(valid_from__gt=on, valid_to__gte=on),
        CertificateState.EXPIRING: active & Q(valid_from__lte=on, valid_to__gte=on, valid_to__lte=soon),
        CertificateState.ACTIVE: active & Q(valid_from__lte=on, valid_to__gt=soon),
    }
    return certificates.filter(conditions[state])


def certificate_list(
    *, on: datetime.date, producer=None, state: str = "", stars: int | None = None, text: str = ""
) -> QuerySet:
    certificates = (
        Certificate.objects.select_related("product", "producer")
        .prefetch_related("evaluation_requests")
        .order_by("valid_to", "pk")
    )
    if producer is not None:
        certificates = certificates.filter(producer=producer)
    if state:
        certificates = certificates_in_state(certificates, state=state, on=on)
    if stars:
        certificates = certificates.filter(stars=stars)
    if text:
        certificates = certificates.filter(
            Q(decision_number__icontains=text)
            | Q(product__title__icontains=text)
            | Q(producer__name__icontains=text)
        )
    return certificates


def certificate_list_for_producers(*, partners, on: datetime.date) -> QuerySet:
    return (
        Certificate.objects.filter(producer__in=partners)
        .select_related("product", "producer")
        .prefetch_related("evaluation_requests")
        .order_by("valid_to", "pk")
    )


def reminders_due(*, on: datetime.date) -> list[tuple[Certificate, int]]:
    """(certificate, days before) for each certificate in force that reached a reminder
    threshold without a reminder at or below it: one mail per threshold, and a certificate
    entered late gets only the nearest threshold's mail, never the 90-day one after the 30."""
    due = []
    latest = on + datetime.timedelta(days=max(REMINDER_DAYS))
    certificates = (
        Certificate.objects.in_force(on=on)
        .filter(valid_to__lte=latest)
        .select_related("product", "producer")
        .prefetch_related("reminders")
        .order_by("valid_to", "pk")
    )
    for certificate in certificates:
        days_left = (certificate.valid_to - on).days
        sent = [reminder.days_before for reminder in certificate.reminders.all()]
        reached = [days for days in REMINDER_DAYS if days_left <= days]
        if not reached:
            continue
        threshold = min(reached)
        if not any(days <= threshold for days in sent):
            due.append((certificate, threshold))
    return due


def staff_emails() -> list[str]:
    User = get_user_model()
    return list(
        User.objects.filter(is_staff=True, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
    )


def certificate_remind(*, certificate: Certificate, days_before: int, on: datetime.date) -> bool:
    """Mail the producer's people and the OCOP office once for this threshold; False when a
    reminder for it was already recorded (the unique constraint decides under concurrency)."""
    try:
        with transaction.atomic():
            CertificateReminder.objects.create(certificate=certificate, days_before=days_before)
    except IntegrityError:
        return False
    context = {
        "certificate": certificate,
        "days_left": (certificate.valid_to - on).days,
        "valid_to": _date(certificate.valid_to),
    }
    producer_emails = list(
        certificate.producer.users.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    )
    mail_send_after_commit(
        prefix="catalog/mail/certificate_reminder_producer",
        to=producer_emails,
        language="vi",
        context={**context, "url": site_url(reverse("dashboard:catalogue-certificate-list"))},
    )
    mail_send_after_commit(
        prefix="catalog/mail/certificate_reminder_staff",
        to=staff_emails(),
        language="vi",
        context={**context, "url": site_url(reverse("dashboard:catalogue-evaluation-queue"))},
    )
    return True


def badge_changed_product_ids(*, on: datetime.date) -> list[int]:
    """Products whose indexed stars differ from what their certificates back on `on`: a
    certificate lapsed or came into force since the index last saw the product.

    Read against the database fallback's records, which every index update writes whichever
    engine is configured, so missed days are caught up too.
    """
    from search.models import ProductSearchRecord

    in_force = Certificate.objects.in_force(on=on)
    backed = in_force.filter(product_id=OuterRef("product_id"), stars=OuterRef("stars"))
    lapsed = ProductSearchRecord.objects.filter(stars__isnull=False).exclude(Exists(backed))
    stale = set(lapsed.values_list("product_id", flat=True))
    indexed = ProductSearchRecord.objects.filter(product_id=OuterRef("product_id"), stars=OuterRef("stars"))
    started = in_force.filter(product__search_record__isnull=False).exclude(Exists(indexed))
    # Among several in force the latest issued backs the badge; any mismatch is worth a reindex.
    for product_id, stars in started.values_list("product_id", "stars"):
        latest = in_force.filter(product_id=product_id).order_by("-valid_from", "-pk").first()
        if latest and latest.stars == stars:
            stale.add(product_id)
    return sorted(stale)


# ---------------------------------------------------------------------------
# Evaluation requests
# ---------------------------------------------------------------------------


def evaluation_request_refusal(*, certificate, requests=None) -> str | None:
    """Why the producer cannot ask about `certificate` now, or None.

    Re-evaluation and upgrades can be asked any time (OCOP.md), from the product's current
    certificate (a superseded one has a successor to ask from), one request at a time.
    `requests`, the product's requests when already fetched, saves a query.
    """
    if certificate.status == CertificateStatus.SUPERSEDED:
        return _("This certificate was replaced: ask from the certificate that replaced it.")
    if requests is None:
        requests = EvaluationRequest.objects.filter(product_id=certificate.product_id)
    if any(request.status == EvaluationRequest.Status.PENDING for request in requests):
        return _("A request for this product is already waiting for the OCOP office.")
    return None


@transaction.atomic
def evaluation_request_create(*, certificate, by, kind: str, target_stars=None, message: str = ""):
    """A producer asks for its product to be evaluated again, or ranked higher."""
    # One request at a time per product: a double submit waits here, then sees the first.
    Product.objects.select_for_update().filter(pk=certificate.product_id).first()
    refusal = evaluation_request_refusal(certificate=certificate)
    if refusal:
        raise ValidationError(refusal)
    current = certificate.stars if certificate.is_in_force(on=timezone.localdate()) else None
    if kind == EvaluationRequest.Kind.UPGRADE:
        if not target_stars:
            raise ValidationError({"target_stars": _("Choose the stars you ask for.")})
        if current and target_stars <= current:
            raise ValidationError(
                {
                    "target_stars": _("An upgrade asks for more than the current %(stars)s★.")
                    % {"stars": current}
                }
            )
    else:
        target_stars = None
    request = EvaluationRequest(
        product=certificate.product,
        producer=certificate.producer,
        certificate=certificate,
        kind=kind,
        target_stars=target_stars,
        message=message.strip(),
        submitted_by=by,
    )
    request.full_clean()
    request.save()
    mail_send_after_commit(
        prefix="catalog/mail/certificate_request_submitted",
        to=staff_emails(),
        language="vi",
        context={"request": request, "url": site_url(reverse("dashboard:catalogue-evaluation-queue"))},
    )
    return request


@transaction.atomic
def evaluation_request_decide(*, request, by, accept: bool, reason: str = ""):
    """Staff accept (the evaluation is scheduled) or decline (with a reason) a request."""
    request = EvaluationRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != EvaluationRequest.Status.PENDING:
        raise ValidationError(_("This request was already decided."))
    reason = (reason or "").strip()
    if not accept and not reason:
        raise ValidationError({"reason": _("Say why the request is declined.")})
    request.status = EvaluationRequest.Status.ACCEPTED if accept else EvaluationRequest.Status.DECLINED
    request.reason, request.reviewed_by, request.reviewed_at = reason, by, timezone.now()
    request.full_clean()
    request.save()
    producer_emails = (
        [request.submitted_by.email] if request.submitted_by and request.submitted_by.email else []
    )
    producer_emails += [
        email
        for email in request.producer.users.filter(is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        if email not in producer_emails
    ]
    mail_send_after_commit(
        prefix="catalog/mail/certificate_request_decided",
        to=producer_emails,
        language="vi",
        context={"request": request, "url": site_url(reverse("dashboard:catalogue-certificate-list"))},
    )
    return request


def evaluation_queue(*, on: datetime.date):
    """What staff work through: pending requests, and certificates ending within 90 days whose
    product has no pending request (candidates to remind or re-evaluate)."""
    pending = EvaluationRequest.objects.filter(status=EvaluationRequest.Status.PENDING)
    requests = pending.select_related("product", "producer", "certificate", "submitted_by").order_by(
        "submitted_at", "pk"
    )
    expiring = (
        certificates_in_state(Certificate.objects.all(), state=CertificateState.EXPIRING, on=on)
        .exclude(Exists(pending.filter(product_id=OuterRef("product_id"))))
        .select_related("product", "producer")
        .prefetch_related("evaluation_requests")
        .order_by("valid_to", "pk")
    )
    return {"requests": list(requests), "expiring": list(expiring)}


def producer_certificate(*, partners, pk: int) -> Certificate:
    """One of the producer's certificates; 404 for anything else."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Certificate.objects.select_related("product", "producer"), pk=pk, producer__in=partners
    )


def certified_product_list(
    *, on: datetime.date, category=None, place_code: str = "", min_stars: int = 3, limit: int = 8
) -> list:
    """Public products that an in-force certificate of at least `min_stars` backs on `on`,
    of a product group (`category` and below) and a place (a current province or commune
    code, or a legacy district code), most stars first: the CMS block's live list."""
    from catalog import selectors as catalog_selectors

    backed = Certificate.objects.in_force(on=on).filter(product_id=OuterRef("pk"), stars__gte=min_stars)
    products = catalog_selectors.product_card_queryset().filter(Exists(backed))
    if category is not None:
        products = products.filter(categories__path__startswith=category.path)
    if place_code:
        products = products.filter(
            Q(origin_commune__code=place_code)
            | Q(origin_commune__province__code=place_code)
            | Q(origin_district__code=place_code)
        )
    products = list(products.distinct().order_by("title", "pk"))
    products.sort(key=lambda product: -(product.ocop_stars or 0))  # stable: by title within stars
    return products[:limit]
