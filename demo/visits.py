"""Demo visit sessions (`data/visits.toml`): the Bản Ven day tour's repeating weekend sessions,
one-off weekday sessions (one guided in English), some full, and a past session where a family
of four was checked in.

Sessions and series go through `visits.services`; bookings through `booking_create`, inside
`core.mails.mails_not_sent()`, with their orders recorded as paid by bank transfer so the
schedule's release of unpaid orders leaves them be. A past session cannot be booked (the
service refuses), so its bookings are made with the service's clock set three days before it.
Sessions are looked up by product and start, bookings by session and phone: only what is
missing is made, and the step can run any number of times.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from oscar.core.loading import get_model

from core.clock import VIETNAM, vietnam_today
from core.mails import mails_not_sent
from demo.dates import date_from
from demo.products import upc
from demo.records import data_file
from order.models import PaymentMethod
from order.payments import order_payment_add
from visits import selectors, services
from visits.models import BookingStatus, VisitBooking, VisitSeries, VisitSession, VisitTerms

Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")

VISITS = data_file("visits")["visits"]


def _clock(text: str) -> datetime.time:
    hour, minute = (int(part) for part in text.split(":"))
    return datetime.time(hour, minute)


def _at(day: datetime.date, clock: str) -> datetime.datetime:
    return datetime.datetime.combine(day, _clock(clock), tzinfo=VIETNAM)


def _price(record: dict, product) -> Decimal:
    return Decimal(record["price"]) if "price" in record else selectors.product_price(product)


def _weekday(day: datetime.date) -> datetime.date:
    """A one-off session's day, moved off the weekend (the series' days) to the Monday after."""
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def _session(product, record: dict, *, today) -> tuple[VisitSession, bool]:
    starts_at = _at(_weekday(date_from(record["day"], today=today)), record["time"])
    existing = VisitSession.objects.filter(product=product, starts_at=starts_at).first()
    if existing:
        return existing, False
    session = VisitSession(
        product=product,
        starts_at=starts_at,
        duration_minutes=record["duration_minutes"],
        meeting_point=record["meeting_point"],
        capacity=record["capacity"],
        price=_price(record, product),
        language=record["language"],
    )
    if starts_at < datetime.datetime.now(tz=VIETNAM):
        session.full_clean()
        session.save()  # the service reindexes sessions to come; a past one needs nothing
    else:
        services.session_save(session=session)
    return session, True


def _series(product, record: dict, *, today) -> tuple[VisitSeries, bool]:
    existing = VisitSeries.objects.filter(product=product).order_by("pk").first()
    if existing:
        return existing, False
    series = VisitSeries(
        product=product,
        weekdays=record["weekdays"],
        start_time=_clock(record["start_time"]),
        starts_on=date_from(record["starts_on"], today=today),
        ends_on=date_from(record["ends_on"], today=today),
        duration_minutes=record["duration_minutes"],
        meeting_point=record["meeting_point"],
        capacity=record["capacity"],
        price=_price(record, product),
        language=record["language"],
    )
    services.series_save(series=series)
    return series, True


def _paid(booking: VisitBooking) -> None:
    order = booking.order
    Order.objects.filter(pk=order.pk).update(payment_method=PaymentMethod.BANK_TRANSFER)
    order.refresh_from_db()
    order_payment_add(order=order, amount=order.total_incl_tax, reference=f"demo:visit:{booking.code}")


def _bookings(session: VisitSession, records: list[dict], *, fill: bool) -> int:
    """The session's demo bookings, then (`fill`) one more party taking the places left."""
    known = {booking.phone.as_national.replace(" ", "") for booking in session.bookings.all()}
    # The service refuses a session that has started: a past session's bookings are made on
    # its clock three days before.
    now = (
        None
        if session.starts_at > datetime.datetime.now(tz=VIETNAM)
        else session.starts_at - datetime.timedelta(days=3)
    )
    made = 0
    for record in records:
        if record["phone"].replace(" ", "") in known:
            continue
        booking = services.booking_create(
            session=session,
            guests=record["guests"],
            full_name=record["full_name"],
            phone=record["phone"],
            language=record.get("language", "vi"),
            now=now,
        )
        _paid(booking)
        if "checked_in" in record:
            when = _at(selectors.local_day(session.starts_at), record["checked_in"])
            VisitBooking.objects.filter(pk=booking.pk).update(
                status=BookingStatus.CHECKED_IN, checked_in_at=when
            )
        made += 1
    left = selectors.places_left(session)
    if fill and left and not session.bookings.filter(phone="+84912300199").exists():
        booking = services.booking_create(
            session=session,
            guests=left,
            full_name="Đoàn khách Hà Nội (minh hoạ)",
            phone="0912 300 199",
            now=now,
        )
        _paid(booking)
        made += 1
    return made


@transaction.atomic
def demo_visits() -> tuple[int, int]:
    today = vietnam_today()
    created = existing = 0
    with mails_not_sent():
        for visit in VISITS:
            product = Product.objects.filter(upc=upc(visit["sku"])).first()
            if product is None:
                continue
            if not VisitTerms.objects.filter(product=product).exists():
                services.terms_set(
                    product=product,
                    cancel_hours_before=visit["cancel_hours_before"],
                    refund=visit["refund"],
                    notes=visit.get("notes", ""),
                )
            series, made = _series(product, visit["series"], today=today)
            created, existing = created + made, existing + (not made)
            for record in visit.get("series_bookings", []):
                sessions = list(series.sessions.filter(is_cancelled=False).order_by("starts_at"))
                if len(sessions) >= record["nth"]:
                    created += _bookings(
                        sessions[record["nth"] - 1], record["bookings"], fill=record.get("fill", False)
                    )
            for record in [*visit.get("sessions", []), *visit.get("past_sessions", [])]:
                session, made = _session(product, record, today=today)
                created, existing = created + made, existing + (not made)
                created += _bookings(session, record.get("bookings", []), fill=record.get("fill", False))
    return created, existing
