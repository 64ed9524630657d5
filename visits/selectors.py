"""Reads of visits shared by the product page, the booking pages, the back office, search and
the sitemap.

Counting rule, said once: a session's places are taken by its bookings that are booked or
checked in (`models.HOLDING`), each for its number of guests; cancelled bookings take none.
A session is bookable while it is not cancelled, has not started and has a place left.
"""

import datetime
from collections import defaultdict
from collections.abc import Collection

from django.db.models import Count, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from core.clock import VIETNAM
from core.mails import site_url
from core.qr import qr_svg_inline
from visits.models import HOLDING, VisitBooking, VisitSession, VisitTerms

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment, VIETNAM).date()


def moment_text(moment: datetime.datetime) -> str:
    """“14/12/2026 08:00”, on Vietnam's clock."""
    return date_format(timezone.localtime(moment, VIETNAM), "d/m/Y H:i")


def clock_text(moment: datetime.datetime) -> str:
    """“08:05 14/12/2026”: when something happened, the time first."""
    return date_format(timezone.localtime(moment, VIETNAM), "H:i d/m/Y")


def time_text(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment, VIETNAM), "H:i")


def vietnam_moment(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """A date and a time of day as Vietnam's clock shows them, as an aware moment."""
    return datetime.datetime.combine(day, time, tzinfo=VIETNAM)


def sessions_with_places(queryset: QuerySet | None = None) -> QuerySet:
    """Sessions annotated with `taken` (guests of holding bookings) and `bookings_count`."""
    queryset = VisitSession.objects.all() if queryset is None else queryset
    return queryset.annotate(
        taken=Coalesce(
            Sum("bookings__guests", filter=Q(bookings__status__in=HOLDING)),
            Value(0),
            output_field=IntegerField(),
        ),
        bookings_count=Count("bookings", filter=Q(bookings__status__in=HOLDING)),
    )


def places_taken(session: VisitSession) -> int:
    return (
        VisitBooking.objects.filter(session=session, status__in=HOLDING).aggregate(total=Sum("guests"))[
            "total"
        ]
        or 0
    )


def places_left(session: VisitSession) -> int:
    taken = getattr(session, "taken", None)
    if taken is None:
        taken = places_taken(session)
    return max(session.capacity - taken, 0)


def booking_refusal(*, session: VisitSession, guests: int | None = None, now=None) -> str | None:
    """Why `guests` places (or any place) of `session` cannot be booked now, or None."""
    now = now or timezone.now()
    if session.is_cancelled:
        return _("This session is cancelled: it takes no bookings.")
    if session.starts_at <= now:
        return _("This session has already started: it takes no more bookings.")
    left = places_left(session)
    if left == 0:
        return _("This session is full: all %(capacity)s places are taken.") % {"capacity": session.capacity}
    if guests is not None and guests > left:
        return _(
            "Only %(left)s places are left in this session: fewer than the %(guests)s guests asked for."
        ) % {"left": left, "guests": guests}
    return None


def sessions_upcoming(*, product, now=None, days: int = 120) -> list[VisitSession]:
    """The product's sessions still to come (not cancelled) in the next `days` days, soonest
    first, each with `taken` and `left`."""
    now = now or timezone.now()
    sessions = list(
        sessions_with_places(
            VisitSession.objects.filter(
                product=product,
                is_cancelled=False,
                starts_at__gt=now,
                starts_at__lt=now + datetime.timedelta(days=days),
            )
        ).order_by("starts_at", "pk")
    )
    for session in sessions:
        session.left = places_left(session)
    return sessions


def session_public(pk) -> VisitSession | None:
    """A session of a public product, for the public pages (None when there is none)."""
    return (
        sessions_with_places(
            VisitSession.objects.filter(pk=pk, product__is_public=True).select_related("product")
        )
        .order_by()
        .first()
    )


def terms_of(product) -> VisitTerms:
    """The product's terms, or the defaults (24 hours, refund) when the producer set none."""
    return VisitTerms.objects.filter(product=product).first() or VisitTerms(product=product)


def cancel_deadline(*, session: VisitSession, terms: VisitTerms) -> datetime.datetime:
    return session.starts_at - datetime.timedelta(hours=terms.cancel_hours_before)


def product_bookable_dates(
    product_ids: Collection[int] | None, start: datetime.date, end: datetime.date, *, now=None
) -> dict[int, list[datetime.date]]:
    """Product ids -> the days (Vietnam's calendar) in [start, end] with at least one session
    still bookable (search's bookable-dates source, contract 3); `product_ids=None` = every
    product."""
    now = now or timezone.now()
    since = max(vietnam_moment(start, datetime.time()), now)
    until = vietnam_moment(end + datetime.timedelta(days=1), datetime.time())
    sessions = VisitSession.objects.filter(
        is_cancelled=False, starts_at__gt=since, starts_at__lt=until, product__is_public=True
    )
    if product_ids is not None:
        sessions = sessions.filter(product_id__in=list(product_ids))
    days = defaultdict(set)
    for product_id, starts_at, capacity, taken in sessions_with_places(sessions).values_list(
        "product_id", "starts_at", "capacity", "taken"
    ):
        if taken < capacity:
            days[product_id].add(local_day(starts_at))
    return {product_id: sorted(found) for product_id, found in days.items()}


def product_has_sessions(product) -> bool:
    return VisitSession.objects.filter(product=product).exists()


def book_url(session: VisitSession) -> str:
    return reverse("visits:book", kwargs={"pk": session.pk})


def products_with_sessions() -> set[int]:
    return set(VisitSession.objects.values_list("product_id", flat=True).distinct())


# Vouchers -----------------------------------------------------------------------------------


def voucher_url(booking: VisitBooking) -> str:
    return reverse("visits:voucher", kwargs={"token": booking.token})


def check_in_url(booking: VisitBooking) -> str:
    """The absolute link the voucher's QR code carries: the producer's check-in page."""
    return site_url(reverse("visits-dashboard:check-in", kwargs={"token": booking.token}))


def voucher_qr(booking: VisitBooking):
    return qr_svg_inline(
        check_in_url(booking),
        title=_("Voucher %(code)s of %(name)s") % {"code": booking.code_display, "name": booking.full_name},
    )


# The back office ----------------------------------------------------------------------------


def sessions_of_partners(*, partners, since=None, until=None) -> QuerySet:
    """Sessions of the products `partners` sell (a producer's own), with places counted."""
    sessions = VisitSession.objects.filter(product__stockrecords__partner__in=partners).distinct()
    if since is not None:
        sessions = sessions.filter(starts_at__gte=since)
    if until is not None:
        sessions = sessions.filter(starts_at__lt=until)
    return sessions_with_places(
        VisitSession.objects.filter(pk__in=sessions.values("pk")).select_related("product", "series")
    ).order_by("starts_at", "pk")


def visit_products_of_partners(*, partners) -> QuerySet:
    """The products `partners` sell whose class is a service (nothing shipped): the visits
    they may give sessions to."""
    return (
        Product.objects.filter(stockrecords__partner__in=partners, product_class__requires_shipping=False)
        .distinct()
        .order_by("title", "pk")
    )


def product_price(product):
    """The visit's price per guest in the shop (its producer's stock record), or None."""
    record = StockRecord.objects.filter(product=product).order_by("pk").first()
    return record.price if record else None


def product_partner(product):
    """The producer selling `product` (its first stock record's partner), or None."""
    record = StockRecord.objects.filter(product=product).select_related("partner").order_by("pk").first()
    return record.partner if record else None


def bookings_of_session(session: VisitSession) -> QuerySet:
    return (
        VisitBooking.objects.filter(session=session)
        .select_related("order")
        .order_by("status", "created_at", "pk")
    )


def bookings_of_day(*, partners, day: datetime.date) -> list[tuple[VisitSession, list[VisitBooking]]]:
    """The day sheet: each session of the day (Vietnam's calendar) of `partners`' visits with
    its holding bookings."""
    sessions = list(
        sessions_of_partners(
            partners=partners,
            since=vietnam_moment(day, datetime.time()),
            until=vietnam_moment(day + datetime.timedelta(days=1), datetime.time()),
        )
    )
    bookings = defaultdict(list)
    for booking in VisitBooking.objects.filter(session__in=sessions, status__in=HOLDING).order_by(
        "full_name", "pk"
    ):
        bookings[booking.session_id].append(booking)
    return [(session, bookings[session.pk]) for session in sessions]


def booking_of_partners(*, partners, **lookup) -> VisitBooking | None:
    return (
        VisitBooking.objects.filter(session__product__stockrecords__partner__in=partners, **lookup)
        .select_related("session", "session__product", "order")
        .distinct()
        .first()
    )
