"""Reads of fairs shared by the dashboard, the services, the home page and the shop's prices
(the fair pages read their own rows: see `fairs.models`).

"Today" is the calendar day in Vietnam (the site's time zone), because a fair's first and
last day are days on the province's calendar, whatever the server's clock says.
"""

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from oscar.core.loading import get_model
from wagtail.models import Locale

from cms.selectors import pages_under_home
from core.clock import vietnam_today
from fairs.models import ApplicationStatus, BoothApplication, FairListing, FairPage
from partner.pricing import RunningFairPrice

StockRecord = get_model("partner", "StockRecord")


def fairs_upcoming_under(*, home, on: datetime.date, limit: int = 3) -> list[FairPage]:
    """The live fairs under a home page (so in its language, or the Vietnamese ones the English
    home has not translated: `cms.selectors.pages_under_home`) that have not ended yet, soonest
    first: the home page's "Upcoming fairs", registered with `cms.home` by `FairsConfig`."""
    return list(
        pages_under_home(FairPage.objects.live().public(), home=home)
        .filter(ends_on__gte=on)
        .select_related("locale")
        .order_by("starts_on", "ends_on")[:limit]
    )


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


def booth_application_refusal(*, fair: FairPage, producer) -> str | None:
    """Why `producer` cannot apply to `fair` (its default-language page) now, or None."""
    if not fair.live:
        return _("This fair is not open for applications.")
    if not fair.applications_open():
        return _("Applications for this fair are closed.")
    if BoothApplication.objects.filter(fair=fair, producer=producer).exists():
        return _("%(producer)s has already applied for this fair.") % {"producer": producer.name}
    return None


def applications_of_producers(*, partners) -> QuerySet:
    """A producer's applications (of any of `partners`), newest first."""
    return (
        BoothApplication.objects.filter(producer__in=partners)
        .select_related("fair", "booth_type", "producer")
        .with_listings()
        .order_by("-submitted_at", "-pk")
    )


def applications_of_fair(*, fair: FairPage, status: str = "") -> QuerySet:
    """What staff review for one fair, oldest first (first come, first served)."""
    applications = (
        BoothApplication.objects.filter(fair=fair)
        .select_related("booth_type", "producer", "submitted_by", "reviewed_by")
        .with_listings()
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


def booth_applications_waiting_count() -> int:
    """Booth applications, of every fair, that wait for the office's decision."""
    return BoothApplication.objects.filter(status=ApplicationStatus.PENDING).count()


def producer_stockrecords(*, producer) -> QuerySet:
    """The stock records a producer may show at a fair: its own, of products on sale."""
    return (
        StockRecord.objects.filter(partner=producer, product__is_public=True, price__isnull=False)
        .select_related("product")
        .order_by("product__title", "pk")
    )


def fair_prices_running(*, today: datetime.date | None = None) -> dict[int, RunningFairPrice]:
    """{stock record id: its lowest fair price today}, from approved applications at live
    fairs that run today, for products on sale. One query, however many products a page prices.

    The shop's pricing strategy reads it through `partner.pricing` (registered in `FairsConfig`)."""
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
            "application__fair__title",
            "application__fair__ends_on",
        )
        .order_by("fair_price", "pk")
    )
    prices: dict[int, RunningFairPrice] = {}
    for stockrecord_id, price, title, ends_on in listings:
        prices.setdefault(stockrecord_id, RunningFairPrice(price=price, fair_title=title, ends_on=ends_on))
    return prices
