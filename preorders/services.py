"""Opening a pre-order book, reserving, cancelling, and turning reservations into orders.

Nothing is ever reserved beyond a book's capacity: every write that counts it locks the book's
row first (`select_for_update`; on SQLite `core.transactions.write_lock_take`, the database's
one write lock) and counts the live reservations (waiting and ordered) inside the same
transaction, so two buyers taking the last boxes at the same moment get one reservation and
one refusal. A cancelled or lapsed reservation gives its quantity back.

At harvest the producer turns the waiting reservations into orders, first come first served,
through `order.direct.order_place_direct` (the stock locked and checked as at the checkout);
the first one the stock cannot cover stops the run and it and those after it keep waiting.
Each reservation row is locked and its status checked, so a second run (a double click, two
of the producer's people) never makes a second order for it.
"""

import datetime
import logging
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from core.clock import VIETNAM, vietnam_today
from core.mails import mail_send_after_commit, site_url
from core.transactions import write_lock_take
from order.direct import DirectLine, order_place_direct
from order.exceptions import InsufficientStock
from preorders import selectors
from preorders.models import PreorderBook, Reservation, ReservationStatus
from seasons.selectors import season_next
from shipping.methods import charges_for

logger = logging.getLogger(__name__)

StockRecord = get_model("partner", "StockRecord")

QUANTITY_MAX = 1000  # per reservation: a household's or a shop's, not a wholesaler's


def _locked_book(book: PreorderBook) -> PreorderBook:
    write_lock_take()
    return PreorderBook.objects.select_for_update().get(pk=book.pk)


# Books -----------------------------------------------------------------------------------------


def book_open(
    *, product, producer, capacity: int, unit_price: Decimal | None = None, pay_days: int = 2, on=None
) -> PreorderBook:
    """Open the book of `product`'s next season (its dates copied from the harvest calendar),
    priced at the stock record's price unless `unit_price` is given."""
    on = on or vietnam_today()
    record = StockRecord.objects.filter(product=product, partner=producer).first()
    if record is None:
        raise ValidationError(_("This product is not one of the producer's."))
    span = season_next(product_id=product.pk, on=on)
    if span is None:
        raise ValidationError(
            _("This product has no harvest season in the calendar: add its harvest windows first.")
        )
    book = PreorderBook(
        product=product,
        producer=producer,
        starts_on=span.starts_on,
        ends_on=span.ends_on,
        capacity=capacity,
        unit_price=unit_price if unit_price is not None else record.price,
        pay_days=pay_days,
    )
    _book_check(book)
    try:
        with transaction.atomic():
            book.save()
    except IntegrityError:
        raise ValidationError(
            _("A pre-order book is already open for the season starting %(date)s.")
            % {"date": f"{span.starts_on:%d/%m/%Y}"}
        ) from None
    logger.info("Pre-order book %s opened for %s", book.pk, book)
    return book


def _book_check(book: PreorderBook) -> None:
    errors = {}
    if book.capacity is None or book.capacity < 1:
        errors["capacity"] = _("The quantity offered must be at least 1.")
    if book.unit_price is None or book.unit_price < 1:
        errors["unit_price"] = _("The price must be more than 0 ₫.")
    if book.pay_days is None or book.pay_days < 1:
        errors["pay_days"] = _("Give the buyer at least one day to pay.")
    if errors:
        raise ValidationError(errors)
    book.full_clean(exclude=["product", "producer"], validate_constraints=False)


@transaction.atomic
def book_update(*, book: PreorderBook, capacity: int, unit_price: Decimal, pay_days: int) -> PreorderBook:
    """Set the capacity, price and days to pay. A capacity below what is reserved is refused,
    with the numbers. The price and days apply to reservations not yet turned into orders."""
    book = _locked_book(book)
    reserved = selectors.book_reserved(book)
    if capacity is not None and capacity < reserved:
        raise ValidationError(
            {
                "capacity": _(
                    "%(reserved)s are already reserved: the quantity offered cannot be less "
                    "(you asked for %(capacity)s). Nothing was changed."
                )
                % {"reserved": reserved, "capacity": capacity}
            }
        )
    book.capacity, book.unit_price, book.pay_days = capacity, unit_price, pay_days
    _book_check(book)
    book.save(update_fields=["capacity", "unit_price", "pay_days"])
    return book


@transaction.atomic
def book_set_open(*, book: PreorderBook, is_open: bool) -> PreorderBook:
    """Close the book to new reservations (those made stay), or open it again."""
    book = _locked_book(book)
    book.is_open = is_open
    book.save(update_fields=["is_open"])
    return book


# Reservations ----------------------------------------------------------------------------------


def reservation_create(
    *,
    book: PreorderBook,
    quantity: int,
    name: str,
    phone,
    line1: str,
    commune,
    email: str = "",
    user=None,
    language: str = "vi",
    on: datetime.date | None = None,
) -> Reservation:
    """Reserve `quantity` of the book's harvest. Refused (ValidationError, nothing saved): a
    quantity under 1 or over the limit, a closed book, a season already begun, and a
    quantity over what is left of the capacity (with what is left)."""
    on = on or vietnam_today()
    if quantity is None or quantity < 1:
        raise ValidationError({"quantity": _("Reserve at least 1.")})
    if quantity > QUANTITY_MAX:
        raise ValidationError(
            {
                "quantity": _("At most %(max)s per reservation; for more, ask the producer.")
                % {"max": QUANTITY_MAX}
            }
        )
    with transaction.atomic():
        book = _locked_book(book)
        if not book.is_open:
            raise ValidationError(_("The producer is not taking reservations for this harvest any more."))
        if book.starts_on <= on:
            raise ValidationError(_("The season has begun: reservations are closed, buy it in the shop."))
        left = book.capacity - selectors.book_reserved(book)
        if quantity > left:
            if left <= 0:
                message = _("Everything offered for this harvest is reserved: nothing was saved.")
            else:
                message = _(
                    "Only %(left)s left to reserve for this harvest: you asked for %(quantity)s. "
                    "Nothing was saved."
                ) % {"left": left, "quantity": quantity}
            raise ValidationError({"quantity": message})
        reservation = Reservation(
            book=book,
            quantity=quantity,
            name=" ".join(name.split()),
            phone=phone,
            email=(email or "").strip(),
            user=user if user is not None and user.is_authenticated else None,
            language=language or "vi",
            line1=" ".join(line1.split()),
            commune=commune,
        )
        reservation.full_clean(exclude=["book", "user", "commune", "order"])
        reservation.save()
        _mail(reservation, "reserved")
    logger.info("Reservation %s: %s × %s", reservation.pk, book, quantity)
    return reservation


@transaction.atomic
def reservation_cancel(*, reservation: Reservation) -> Reservation:
    """The buyer cancels a waiting reservation; its quantity goes back to the book."""
    _locked_book(reservation.book)
    reservation = Reservation.objects.select_for_update().get(pk=reservation.pk)
    if reservation.status != ReservationStatus.WAITING:
        raise ValidationError(
            _("This reservation is %(status)s: it cannot be cancelled here.")
            % {"status": reservation.get_status_display().lower()}
        )
    reservation.status = ReservationStatus.CANCELLED
    reservation.save(update_fields=["status", "changed_at"])
    _mail(reservation, "cancelled")
    return reservation


def reservation_order_cancelled(*, order) -> Reservation | None:
    """The order a reservation became was cancelled (`order.signals.order_cancelled`, inside
    its transaction): the reservation lapses when its pay-by time had passed unpaid, else it is
    cancelled; either way its quantity goes back to the book."""
    reservation = Reservation.objects.filter(order=order, status=ReservationStatus.ORDERED).first()
    if reservation is None:
        return None
    _locked_book(reservation.book)
    reservation = Reservation.objects.select_for_update().get(pk=reservation.pk)
    if reservation.status != ReservationStatus.ORDERED:
        return None
    overdue = order.pay_by is not None and order.pay_by <= timezone.now()
    reservation.status = ReservationStatus.LAPSED if overdue else ReservationStatus.CANCELLED
    reservation.save(update_fields=["status", "changed_at"])
    _mail(reservation, "lapsed" if overdue else "cancelled")
    logger.info("Reservation %s %s with order #%s", reservation.pk, reservation.status, order.number)
    return reservation


# Harvest: reservations into orders -------------------------------------------------------------


@dataclass(frozen=True)
class Conversion:
    created: int  # orders made this time
    waiting: int  # reservations still waiting
    stopped_for_stock: bool  # the run stopped at a reservation the stock could not cover


def delivery_fee(*, producer, subtotal: Decimal) -> Decimal:
    """The producer's delivery fee for one order of `subtotal`, as the checkout charges it for
    one producer (`shipping.methods.charges_for`): its rate, or the default, waived from its
    threshold."""
    (charge,) = charges_for(partners=[producer], subtotals={producer.pk: subtotal})
    return charge.charge


def reservations_convert(
    *, book: PreorderBook, lot, by=None, now: datetime.datetime | None = None
) -> Conversion:
    """Turn the book's waiting reservations into orders, first come first served, each with
    one line of the book's product from `lot` at the book's price, delivered to the
    reservation's address, to be paid within the book's days. Stops at the first reservation
    the stock cannot cover: the orders already made stay, the rest keep waiting."""
    now = now or timezone.now()
    allowed = selectors.conversion_lots(book, on=vietnam_today())
    if lot is None or not allowed.filter(pk=lot.pk).exists():
        raise ValidationError(
            {
                "lot": _(
                    "Choose a published lot of this product that is within its use-by date: record "
                    "and publish the harvest's lot first."
                )
            }
        )
    created, stopped = 0, False
    with transaction.atomic():
        book = _locked_book(book)
        waiting = list(
            Reservation.objects.select_for_update(of=("self",))
            .filter(book=book, status=ReservationStatus.WAITING)
            .select_related("commune", "user")
            .order_by("created_at", "pk")
        )
        for reservation in waiting:
            subtotal = book.unit_price * reservation.quantity
            fee = delivery_fee(producer=book.producer, subtotal=subtotal)
            try:
                with transaction.atomic():
                    order = order_place_direct(
                        lines=[
                            DirectLine(
                                product=book.product,
                                quantity=reservation.quantity,
                                unit_price=book.unit_price,
                                lot=lot,
                            )
                        ],
                        email=reservation.email,
                        user=reservation.user,
                        shipping_address={
                            "first_name": reservation.name,
                            "phone_number": reservation.phone,
                            "line1": reservation.line1,
                            "commune": reservation.commune,
                            "notes": "",
                        },
                        shipping_charge=fee,
                        pay_by=now + datetime.timedelta(days=book.pay_days),
                        language=reservation.language,
                    )
            except InsufficientStock:
                stopped = True
                break
            reservation.status = ReservationStatus.ORDERED
            reservation.order = order
            reservation.save(update_fields=["status", "order", "changed_at"])
            _mail(reservation, "ordered")
            created += 1
        left = len(waiting) - created
    logger.info(
        "Pre-order book %s: %d reservation(s) turned into orders by %s, %d waiting",
        book.pk,
        created,
        by,
        left,
    )
    return Conversion(
        created=created,
        waiting=left,
        stopped_for_stock=stopped,
    )


# Mails -----------------------------------------------------------------------------------------


def _mail(reservation: Reservation, kind: str) -> None:
    if not reservation.email:
        return

    def context():
        book = reservation.book
        order = reservation.order
        with translation.override(reservation.language):  # the links in the buyer's language
            url = site_url(selectors.reservation_url(reservation))
            pay_url = site_url(order.get_pay_url()) if order is not None else ""
        return {
            "reservation": reservation,
            "book": book,
            "product": book.product,
            "total": book.unit_price * reservation.quantity,
            "url": url,
            "order": order,
            "pay_url": pay_url,
            "pay_by": timezone.localtime(order.pay_by, VIETNAM)
            if order is not None and order.pay_by
            else None,
        }

    mail_send_after_commit(
        prefix=f"preorders/mail/{kind}",
        to=[reservation.email],
        language=reservation.language,
        context=context,
    )
