"""Reads of certificates for the staff and producer pages, the evaluation queue and the CMS block."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from catalog import selectors as catalog_selectors
from catalog.models import (
    EXPIRING_WITHIN_DAYS,
    Certificate,
    CertificateState,
    CertificateStatus,
    EvaluationRequest,
)


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
    *,
    on: datetime.date,
    producer=None,
    state: str = "",
    stars: int | None = None,
    text: str = "",
    ending_within: int | None = None,
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
    if ending_within:
        certificates = certificates.filter(_in_force_ending(on=on, within=ending_within))
    if text:
        certificates = certificates.filter(
            Q(decision_number__icontains=text)
            | Q(product__title__icontains=text)
            | Q(producer__name__icontains=text)
        )
    return certificates


def _in_force_ending(*, on: datetime.date, within: int) -> Q:
    """In force on `on` and ending within `within` days (the last day counted)."""
    return Q(
        status=CertificateStatus.ACTIVE,
        valid_from__lte=on,
        valid_to__gte=on,
        valid_to__lte=on + datetime.timedelta(days=within),
    )


def certificates_ending_counts(*, on: datetime.date, within: tuple[int, ...]) -> dict[int, int]:
    """{days: how many certificates in force on `on` end within that many days}, one query;
    the office's home shows 90 and 30 (the reminders' days)."""
    counts = Certificate.objects.aggregate(
        **{f"within_{days}": Count("pk", filter=_in_force_ending(on=on, within=days)) for days in within}
    )
    return {days: counts[f"within_{days}"] for days in within}


def evaluation_requests_waiting_count() -> int:
    """Re-evaluation and upgrade requests waiting for the office's decision."""
    return EvaluationRequest.objects.filter(status=EvaluationRequest.Status.PENDING).count()


def certificate_list_for_producers(*, partners, on: datetime.date) -> QuerySet:
    return (
        Certificate.objects.filter(producer__in=partners)
        .select_related("product", "producer")
        .prefetch_related("evaluation_requests")
        .order_by("valid_to", "pk")
    )


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
    return get_object_or_404(
        Certificate.objects.select_related("product", "producer"), pk=pk, producer__in=partners
    )


def certified_product_list(
    *, on: datetime.date, category=None, place_code: str = "", min_stars: int = 3, limit: int = 8
) -> list:
    """Public products that an in-force certificate of at least `min_stars` backs on `on`,
    of a product group (`category` and below) and a place (a current province or commune
    code, or a legacy district code), most stars first: the CMS block's live list."""
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
