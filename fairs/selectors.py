"""Reads of fairs shared by the fair pages, the dashboard, the calendar and the shop's prices.

"Today" is the calendar day in Vietnam (the site's time zone), because a fair's first and
last day are days on the province's calendar, whatever the server's clock says.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from oscar.core.loading import get_model
from wagtail.models import Locale

from core.clock import vietnam_today
from fairs.models import ApplicationStatus, BoothApplication, BoothType, FairListing, FairPage

StockRecord = get_model("partner", "StockRecord")


def fair_is_running(*, fair: FairPage, today: datetime.date | None = None) -> bool:
    today = today or vietnam_today()
    return fair.starts_on <= today <= fair.ends_on


def fairs_live(*, locale=None) -> QuerySet:
    """Published fairs, in `locale` when given (the public pages show one language at a time)."""
    fairs = FairPage.objects.live().public()
    if locale is not None:
        fairs = fairs.filter(locale=locale)
    return fairs


def fairs_upcoming(*, locale=None, today: datetime.date | None = None) -> QuerySet:
    """Fairs that have not ended yet (running ones included), soonest first."""
    today = today or vietnam_today()
    return fairs_live(locale=locale).filter(ends_on__gte=today).order_by("starts_on", "pk")


def fairs_past(*, locale=None, today: datetime.date | None = None) -> QuerySet:
    """The archive: fairs that have ended, latest first."""
    today = today or vietnam_today()
    return fairs_live(locale=locale).filter(ends_on__lt=today).order_by("-starts_on", "-pk")


def fairs_open_for_applications(*, today: datetime.date | None = None) -> QuerySet:
    """Live fairs in the default language whose applications are still open: until the
    deadline, or until the day before the fair when it has none."""
    today = today or vietnam_today()
    default = Locale.get_default()
    return (
        FairPage.objects.live()
        .filter(locale=default)
        .filter(
            Q(application_deadline__gte=today) | Q(application_deadline__isnull=True, starts_on__gt=today)
        )
        .prefetch_related("booth_types")
        .order_by("starts_on", "pk")
    )


def fair_applications_open(*, fair: FairPage, today: datetime.date | None = None) -> bool:
    today = today or vietnam_today()
    if fair.application_deadline:
        return today <= fair.application_deadline
    return today < fair.starts_on


def booth_application_refusal(*, fair: FairPage, producer) -> str | None:
    """Why `producer` cannot apply to `fair` (its default-language page) now, or None."""
    if not fair.live:
        return _("This fair is not open for applications.")
    if not fair_applications_open(fair=fair):
        return _("Applications for this fair are closed.")
    if BoothApplication.objects.filter(fair=fair, producer=producer).exists():
        return _("%(producer)s has already applied for this fair.") % {"producer": producer.name}
    return None


def booth_types_with_places(*, fair: FairPage) -> list[BoothType]:
    """The fair's booth types, each with `approved` (booths given) and `places_left`."""
    booth_types = list(
        BoothType.objects.filter(page=fair.source_fair)
        .annotate(approved=Count("applications", filter=Q(applications__status=ApplicationStatus.APPROVED)))
        .order_by("sort_order", "pk")
    )
    for booth_type in booth_types:
        booth_type.places_left = max(booth_type.capacity - booth_type.approved, 0)
    return booth_types


def _listings_with_products() -> Prefetch:
    return Prefetch(
        "listings",
        queryset=FairListing.objects.filter(stockrecord__product__is_public=True)
        .select_related("stockrecord__product", "stockrecord__partner")
        .prefetch_related("stockrecord__product__images")
        .order_by("stockrecord__product__title", "pk"),
    )


def fair_archive(*, locale, today: datetime.date | None = None) -> list[tuple[FairPage, list[str]]]:
    """[(past fair, its exhibitors' names)], newest first, in two queries however many fairs:
    the names come from the applications of each fair's default-language page."""
    fairs = list(fairs_past(locale=locale, today=today))
    sources = dict(
        FairPage.objects.filter(
            locale=Locale.get_default(), translation_key__in=[fair.translation_key for fair in fairs]
        ).values_list("translation_key", "pk")
    )
    names: dict[int, list[str]] = {}
    approved = BoothApplication.objects.filter(
        fair_id__in=sources.values(), status=ApplicationStatus.APPROVED
    )
    for fair_id, name in approved.order_by("booth_number", "producer__name").values_list(
        "fair_id", "producer__name"
    ):
        names.setdefault(fair_id, []).append(name)
    return [(fair, names.get(sources.get(fair.translation_key, fair.pk), [])) for fair in fairs]


def fair_exhibitors(*, fair: FairPage) -> QuerySet:
    """The approved applications of a fair (of its default-language page), with what they show."""
    return (
        BoothApplication.objects.filter(fair=fair.source_fair, status=ApplicationStatus.APPROVED)
        .select_related("producer__commune", "booth_type")
        .prefetch_related(_listings_with_products())
        .order_by("booth_number", "producer__name")
    )


def applications_of_producers(*, partners) -> QuerySet:
    """A producer's applications (of any of `partners`), newest first."""
    return (
        BoothApplication.objects.filter(producer__in=partners)
        .select_related("fair", "booth_type", "producer")
        .prefetch_related(_listings_with_products())
        .order_by("-submitted_at", "-pk")
    )


def applications_of_fair(*, fair: FairPage, status: str = "") -> QuerySet:
    """What staff review for one fair, oldest first (first come, first served)."""
    applications = (
        BoothApplication.objects.filter(fair=fair)
        .select_related("booth_type", "producer", "submitted_by", "reviewed_by")
        .prefetch_related(_listings_with_products())
        .order_by("submitted_at", "pk")
    )
    if status:
        applications = applications.filter(status=status)
    return applications


def fairs_for_staff() -> QuerySet:
    """Every fair in the default language (drafts too: applications may come before publishing
    is undone), with how many applications wait for a decision."""
    default = Locale.get_default()
    return (
        FairPage.objects.filter(locale=default)
        .annotate(
            pending=Count("applications", filter=Q(applications__status=ApplicationStatus.PENDING)),
            approved=Count("applications", filter=Q(applications__status=ApplicationStatus.APPROVED)),
            total=Count("applications"),
        )
        .order_by("-starts_on", "-pk")
    )


def producer_stockrecords(*, producer) -> QuerySet:
    """The stock records a producer may show at a fair: its own, of products on sale."""
    return (
        StockRecord.objects.filter(partner=producer, product__is_public=True, price__isnull=False)
        .select_related("product")
        .order_by("product__title", "pk")
    )


@dataclass(frozen=True)
class RunningFairPrice:
    price: Decimal
    fair_id: int
    fair_title: str
    ends_on: datetime.date


def fair_prices_running(*, today: datetime.date | None = None) -> dict[int, RunningFairPrice]:
    """{stock record id: its lowest fair price today}, from approved applications at live
    fairs that run today, for products on sale. One query, however many products a page prices."""
    today = today or vietnam_today()
    listings = (
        FairListing.objects.filter(
            fair_price__isnull=False,
            stockrecord__product__is_public=True,
            application__status=ApplicationStatus.APPROVED,
            application__fair__in=FairPage.objects.live().public(),
            application__fair__starts_on__lte=today,
            application__fair__ends_on__gte=today,
        )
        .values_list(
            "stockrecord_id",
            "fair_price",
            "application__fair_id",
            "application__fair__title",
            "application__fair__ends_on",
        )
        .order_by("fair_price", "pk")
    )
    prices: dict[int, RunningFairPrice] = {}
    for stockrecord_id, price, fair_id, title, ends_on in listings:
        prices.setdefault(stockrecord_id, RunningFairPrice(price, fair_id, title, ends_on))
    return prices
