"""Reads of buyer inquiries: what a buyer may write about, a producer's inbox, staff volumes."""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When
from oscar.core.loading import get_model

from catalog.models import ModerationStatus
from core.params import id_or_none
from fairs.models import ApplicationStatus, FairPage
from inquiries.models import Inquiry, InquiryStatus

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")


@dataclass(frozen=True)
class InquiryTarget:
    """Whom the buyer writes to, and about what."""

    producer: Partner
    product: Product | None = None
    fair: FairPage | None = None


def askable_products() -> QuerySet:
    """Products a buyer may ask about: on sale to the public, from a verified producer."""
    return Product.objects.browsable().filter(
        is_public=True,
        moderation_status=ModerationStatus.PUBLISHED,
        stockrecords__partner__is_verified=True,
    )


def inquiry_target(*, product_id=None, producer_id=None, fair_id=None) -> InquiryTarget | None:
    """What `?product=`, `?producer=` and `?fair=` point at, or None when it is not something a
    buyer may write about: a hidden or unmoderated product, an unverified producer, a fair
    that is not live or where the producer has no approved booth."""
    product_pk, producer_pk, fair_pk = id_or_none(product_id), id_or_none(producer_id), id_or_none(fair_id)
    product = producer = fair = None
    if product_pk is not None:
        product = askable_products().filter(pk=product_pk).distinct().first()
        if product is None:
            return None
        record = product.stockrecords.filter(partner__is_verified=True).select_related("partner").first()
        producer = record.partner
        if producer_pk is not None and producer_pk != producer.pk:
            return None
    elif producer_pk is not None:
        producer = Partner.objects.filter(pk=producer_pk, is_verified=True).first()
    if producer is None:
        return None
    if fair_id not in (None, ""):
        fair = FairPage.objects.live().public().filter(pk=fair_pk).first() if fair_pk is not None else None
        if fair is None:
            return None
        fair = fair.source_fair
        exhibits = fair.applications.filter(producer=producer, status=ApplicationStatus.APPROVED).exists()
        if not exhibits:
            return None
    return InquiryTarget(producer=producer, product=product, fair=fair)


def inquiry_list_for_producers(*, partners, status: str = "") -> QuerySet:
    """`partners`' inquiries, new ones first, then the latest."""
    inquiries = Inquiry.objects.filter(producer__in=partners).select_related("product", "producer", "fair")
    if status:
        inquiries = inquiries.filter(status=status)
    return inquiries.annotate(
        is_new=Case(
            When(status=InquiryStatus.NEW, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    ).order_by("is_new", "-created", "-pk")


def inquiry_counts_for_producers(*, partners) -> dict[str, int]:
    rows = Inquiry.objects.filter(producer__in=partners).values("status").annotate(count=Count("pk"))
    return {row["status"]: row["count"] for row in rows}


def producer_inquiry(*, partners, pk: int) -> Inquiry | None:
    """One of `partners`' inquiries, or None (another producer's inquiry is not found)."""
    return (
        Inquiry.objects.filter(producer__in=partners, pk=pk)
        .select_related("product", "producer", "fair")
        .prefetch_related("replies__author")
        .first()
    )


def producer_recipients(*, producer) -> list[str]:
    """Where a producer's mail goes: its active users' addresses and its own address, once each."""
    addresses = list(
        producer.users.filter(is_active=True).exclude(email="").order_by("pk").values_list("email", flat=True)
    )
    if producer.email:
        addresses.append(producer.email)
    return list(dict.fromkeys(address.lower() for address in addresses))
