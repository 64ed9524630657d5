"""Sessions, series, terms, bookings, cancellation and check-in of visits.

Places are never given beyond a session's capacity: booking locks the session's row
(`select_for_update`; on SQLite the write lock first) and counts the places taken inside the
same transaction, so two parties taking the last places at the same moment get one booking
and one refusal. The booking places its order (contract 2: `order.direct.order_place_direct`,
no delivery, to be paid before `pay_by`) in that transaction; when the order is cancelled
(unpaid past `pay_by`, the buyer or a producer cancels it) the booking is cancelled with it
and its places come back (`visits.receivers`).
"""

import datetime
import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.localized import localized
from core.mails import mail_send_after_commit, site_url
from core.transactions import write_lock_take
from order.direct import DirectLine, order_place_direct
from order.exceptions import InsufficientStock
from order.fulfilment import order_cancel
from order.models import OrderStatus
from search.indexing import products_reindex_on_commit
from visits import selectors
from visits.models import (
    BookingStatus,
    VisitBooking,
    VisitSeries,
    VisitSession,
    VisitTerms,
    voucher_code,
    voucher_code_normalise,
)

logger = logging.getLogger(__name__)

# How long an unpaid booking holds its places: two hours, or until the session starts.
PAY_WITHIN = datetime.timedelta(hours=2)


# Sessions -----------------------------------------------------------------------------------


def session_save(*, session: VisitSession) -> VisitSession:
    """Create or change a one-off session. Its capacity never goes below the places booked."""
    with transaction.atomic():
        if session.pk:
            write_lock_take()
            VisitSession.objects.select_for_update().get(pk=session.pk)
            taken = selectors.places_taken(session)
            if session.capacity < taken:
                raise ValidationError(
                    {
                        "capacity": _(
                            "%(taken)s places are already booked: the session needs at least as many."
                        )
                        % {"taken": taken}
                    }
                )
        session.full_clean()
        session.save()
        products_reindex_on_commit([session.product_id])
    return session


def session_cancel(*, session: VisitSession, reason: str) -> int:
    """Cancel a session and every booking of it (their orders too), mailing the guests.
    Returns how many bookings were cancelled."""
    with transaction.atomic():
        write_lock_take()
        session = VisitSession.objects.select_for_update().get(pk=session.pk)
        if session.is_cancelled:
            raise ValidationError(_("This session is already cancelled."))
        session.is_cancelled = True
        session.save(update_fields=["is_cancelled", "updated_at"])
        bookings = list(VisitBooking.objects.filter(session=session, status=BookingStatus.BOOKED))
        for booking in bookings:
            _booking_cancel_locked(booking=booking, reason=reason)
            _mail(booking, "session_cancelled", reason=reason)
        products_reindex_on_commit([session.product_id])
    logger.info("Visit session %s cancelled: %s bookings", session.pk, len(bookings))
    return len(bookings)


# Series -------------------------------------------------------------------------------------


def _series_days(series: VisitSeries, *, today: datetime.date) -> list[datetime.date]:
    day = max(series.starts_on, today)
    days = []
    while day <= series.ends_on:
        if day.weekday() in series.weekdays:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def series_save(*, series: VisitSeries, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Save a series and (re)generate its future sessions: sessions to come that nobody ever
    booked are replaced by the series' days; booked ones (and past ones) stay as they are.
    Returns (sessions made, sessions removed)."""
    now = now or timezone.now()
    series.weekdays = sorted({int(day) for day in series.weekdays})
    series.full_clean()
    with transaction.atomic():
        write_lock_take()
        series.save()
        future = VisitSession.objects.filter(series=series, starts_at__gt=now)
        kept = future.filter(bookings__isnull=False).distinct()
        kept_days = {selectors.local_day(moment) for moment in kept.values_list("starts_at", flat=True)}
        removable = future.exclude(pk__in=kept.values("pk"))
        removed = removable.count()
        removable.delete()
        made = []
        for day in _series_days(series, today=selectors.local_day(now)):
            starts_at = selectors.vietnam_moment(day, series.start_time)
            if starts_at <= now or day in kept_days:
                continue
            made.append(
                VisitSession(
                    product=series.product,
                    series=series,
                    starts_at=starts_at,
                    duration_minutes=series.duration_minutes,
                    meeting_point=series.meeting_point,
                    capacity=series.capacity,
                    price=series.price,
                    language=series.language,
                )
            )
        VisitSession.objects.bulk_create(made)
        products_reindex_on_commit([series.product_id])
    logger.info("Visit series %s: %s sessions made, %s removed", series.pk, len(made), removed)
    return len(made), removed


# Terms --------------------------------------------------------------------------------------


def terms_set(*, product, cancel_hours_before: int, refund: bool, notes: str = "") -> VisitTerms:
    terms, _created = VisitTerms.objects.get_or_create(product=product)
    terms.cancel_hours_before = cancel_hours_before
    terms.refund = refund
    terms.notes = notes.strip()
    terms.full_clean()
    terms.save()
    return terms


# Bookings -----------------------------------------------------------------------------------


def _locked_session(session: VisitSession) -> VisitSession:
    write_lock_take()
    return VisitSession.objects.select_related("product").select_for_update(of=("self",)).get(pk=session.pk)


def _line_title(session: VisitSession) -> str:
    return f"{session.product.get_title()} · {selectors.moment_text(session.starts_at)}"


def booking_create(
    *,
    session: VisitSession,
    guests: int,
    full_name: str,
    phone,
    email: str = "",
    user=None,
    language: str = "vi",
    now: datetime.datetime | None = None,
) -> VisitBooking:
    """Book `guests` places of `session` and place the order to pay for them.

    Refused (ValidationError, nothing saved): a cancelled session, one that has started, a
    full one, and more guests than places left."""
    if guests < 1:
        raise ValidationError({"guests": _("At least one guest.")})
    with transaction.atomic():
        session = _locked_session(session)
        now = now or timezone.now()
        refusal = selectors.booking_refusal(session=session, guests=guests, now=now)
        if refusal:
            raise ValidationError(refusal, code="refused")
        booking = VisitBooking(
            session=session,
            guests=guests,
            full_name=" ".join(full_name.split()),
            phone=phone,
            email=(email or "").strip(),
            user=user if user is not None and user.is_authenticated else None,
            language=language,
            unit_price=session.price,
        )
        booking.full_clean(exclude=["user", "order", "session"])
        try:
            order = order_place_direct(
                lines=[
                    DirectLine(
                        product=session.product,
                        quantity=guests,
                        unit_price=Decimal(session.price),
                        title=_line_title(session),
                    )
                ],
                email=booking.email,
                user=booking.user,
                shipping_address=None,
                pay_by=min(now + PAY_WITHIN, session.starts_at),
                language=language,
            )
        except InsufficientStock:
            # A tourism product's class tracks no stock; one that does and ran out says so.
            raise ValidationError(_("This visit cannot be sold at the moment."), code="refused") from None
        booking.order = order
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    booking.save()
                break
            except IntegrityError:
                booking.code = voucher_code()  # a clash of the short code, drawn again
        else:
            raise RuntimeError("no free voucher code")
        _mail(booking, "booked")
        products_reindex_on_commit([session.product_id])
    logger.info("Visit booking %s: %s guests of session %s", booking.pk, guests, session.pk)
    return booking


def cancel_refusal(*, booking: VisitBooking, now: datetime.datetime | None = None) -> str | None:
    """Why the guest may not cancel `booking` now (the producer's rules), or None."""
    now = now or timezone.now()
    if booking.status == BookingStatus.CANCELLED:
        return _("This booking is already cancelled.")
    if booking.status == BookingStatus.CHECKED_IN:
        return _("This booking was checked in: it can no longer be cancelled.")
    terms = selectors.terms_of(booking.session.product)
    deadline = selectors.cancel_deadline(session=booking.session, terms=terms)
    if now >= deadline:
        return _(
            "Bookings of this visit can be cancelled until %(hours)s hours before the start "
            "(%(deadline)s): that time has passed. Please call the producer."
        ) % {"hours": terms.cancel_hours_before, "deadline": selectors.moment_text(deadline)}
    return None


def _booking_cancel_locked(*, booking: VisitBooking, reason: str, keep_order: bool = False) -> VisitBooking:
    """Cancel the booking, and its order if still live unless `keep_order` (the row locked by
    the caller's lock of the session). The order's cancellation sends `order_cancelled`, whose
    receiver finds the booking already cancelled."""
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.save(update_fields=["status", "cancelled_at"])
    order = booking.order
    if order is not None and order.status != OrderStatus.CANCELLED and not keep_order:
        order_cancel(order=order, reason=reason, notify=False)
    return booking


def booking_cancel(*, booking: VisitBooking, now: datetime.datetime | None = None) -> VisitBooking:
    """The guest cancels, within the producer's rules; the places come back."""
    with transaction.atomic():
        _locked_session(booking.session)
        booking = VisitBooking.objects.select_related("session__product", "order").get(pk=booking.pk)
        refusal = cancel_refusal(booking=booking, now=now)
        if refusal:
            raise ValidationError(refusal)
        # Under "no refund" a paid order stays as it is: cancelling it would show the office
        # money to give back. Otherwise the order goes, and what was paid is the office's and
        # the producer's to refund (the order's refund path), as the voucher says.
        paid = booking.order is not None and booking.order.amount_paid > 0
        terms = selectors.terms_of(booking.session.product)
        _booking_cancel_locked(
            booking=booking,
            reason=_("The guest cancelled the visit booking."),
            keep_order=paid and not terms.refund,
        )
        _mail(booking, "cancelled")
        products_reindex_on_commit([booking.session.product_id])
    logger.info("Visit booking %s cancelled by the guest", booking.pk)
    return booking


def bookings_cancel_for_order(*, order) -> int:
    """The order of some bookings was cancelled (unpaid in time, cancelled by the buyer or the
    producer): those still booked are cancelled and give their places back."""
    bookings = list(
        VisitBooking.objects.filter(order=order, status=BookingStatus.BOOKED).select_related("session")
    )
    for booking in bookings:
        _locked_session(booking.session)
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = timezone.now()
        booking.save(update_fields=["status", "cancelled_at"])
        _mail(booking, "cancelled")
        products_reindex_on_commit([booking.session.product_id])
    if bookings:
        logger.info("Order %s cancelled: %s visit bookings cancelled", order.number, len(bookings))
    return len(bookings)


# Check-in -----------------------------------------------------------------------------------


class CheckInRefused(ValidationError):
    pass


def booking_check_in(
    *, booking: VisitBooking, partners, by, now: datetime.datetime | None = None
) -> VisitBooking:
    """Record that the party came. Refused (CheckInRefused, nothing changed): a voucher of
    another producer's visit, a cancelled booking, and one already checked in (saying when)."""
    now = now or timezone.now()
    with transaction.atomic():
        write_lock_take()
        booking = (
            VisitBooking.objects.select_for_update().select_related("session__product").get(pk=booking.pk)
        )
        if not partners.filter(stockrecords__product=booking.session.product_id).exists():
            raise CheckInRefused(_("This voucher is for another producer's visit: not checked in."))
        if booking.status == BookingStatus.CANCELLED:
            raise CheckInRefused(_("This booking is cancelled: not checked in."))
        if booking.status == BookingStatus.CHECKED_IN:
            raise CheckInRefused(
                _("Already checked in at %(time)s: not checked in again.")
                % {"time": selectors.clock_text(booking.checked_in_at)}
            )
        booking.status = BookingStatus.CHECKED_IN
        booking.checked_in_at = now
        booking.checked_in_by = by if by is not None and by.is_authenticated else None
        booking.save(update_fields=["status", "checked_in_at", "checked_in_by"])
    logger.info("Visit booking %s checked in by %s", booking.pk, by)
    return booking


def booking_by_code(*, code: str) -> VisitBooking | None:
    code = voucher_code_normalise(code)
    return VisitBooking.objects.filter(code=code).first() if code else None


# Mails --------------------------------------------------------------------------------------


def _mail(booking: VisitBooking, kind: str, *, reason: str = ""):
    if not booking.email:
        return

    def context():
        # Rendered after the commit, maybe in another request's language: the guest's links.
        with translation.override(booking.language):
            return _mail_context(booking, reason)

    mail_send_after_commit(
        prefix=f"visits/mail/{kind}", to=[booking.email], language=booking.language, context=context
    )


def _mail_context(booking: VisitBooking, reason: str) -> dict:
    session = booking.session
    terms = selectors.terms_of(session.product)
    return {
        "booking": booking,
        "session": session,
        "product_title": localized(session.product, "title").text,
        "starts": selectors.moment_text(session.starts_at),
        "terms": terms,
        "cancel_until": selectors.moment_text(selectors.cancel_deadline(session=session, terms=terms)),
        "voucher_url": site_url(selectors.voucher_url(booking)),
        "pay_url": site_url(booking.order.get_pay_url()) if booking.order_id else "",
        "reason": reason,
    }
