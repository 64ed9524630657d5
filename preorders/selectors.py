"""Reads of pre-orders reused by the pages, the sale hold and the services."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from core.clock import vietnam_today
from order.models import PaymentStatus
from partner.sale_holds import SaleHold
from preorders.models import LIVE, PreorderBook, Reservation, ReservationStatus
from seasons.selectors import season_on, seasons_running
from traceability.selectors import lots_current


def book_reserved(book: PreorderBook) -> int:
    """What the book's live reservations (waiting and ordered) hold of its capacity."""
    return (
        Reservation.objects.filter(book=book, status__in=LIVE).aggregate(total=Sum("quantity"))["total"] or 0
    )


def book_places_left(book: PreorderBook) -> int:
    return max(book.capacity - book_reserved(book), 0)


@dataclass(frozen=True)
class BookTotals:
    capacity: int
    reserved: int  # waiting + ordered
    waiting: int
    ordered: int
    paid: int  # of the ordered, those whose order is paid
    waiting_count: int

    @property
    def left(self) -> int:
        return max(self.capacity - self.reserved, 0)


def book_totals(book: PreorderBook) -> BookTotals:
    sums = Reservation.objects.filter(book=book).aggregate(
        waiting=Sum("quantity", filter=Q(status=ReservationStatus.WAITING)),
        ordered=Sum("quantity", filter=Q(status=ReservationStatus.ORDERED)),
        paid=Sum(
            "quantity", filter=Q(status=ReservationStatus.ORDERED, order__payment_status=PaymentStatus.PAID)
        ),
        waiting_count=Count("pk", filter=Q(status=ReservationStatus.WAITING)),
    )
    waiting, ordered = sums["waiting"] or 0, sums["ordered"] or 0
    return BookTotals(
        capacity=book.capacity,
        reserved=waiting + ordered,
        waiting=waiting,
        ordered=ordered,
        paid=sums["paid"] or 0,
        waiting_count=sums["waiting_count"],
    )


def book_offered(*, product, on: datetime.date | None = None) -> PreorderBook | None:
    """The open book buyers may reserve from on `on`: the product is out of season and a book
    is open for a season still to start."""
    on = on or vietnam_today()
    if season_on(product_id=product.pk, on=on) is not None:
        return None
    return (
        PreorderBook.objects.filter(product=product, is_open=True, starts_on__gt=on)
        .order_by("starts_on")
        .first()
    )


def books_of(*, partners) -> QuerySet:
    return PreorderBook.objects.filter(producer__in=partners).select_related("product", "producer")


def reservations_of_book(book: PreorderBook) -> QuerySet:
    return (
        Reservation.objects.filter(book=book)
        .select_related("commune__province", "order")
        .order_by("created_at", "pk")
    )


def reservations_of_user(user) -> QuerySet:
    return (
        Reservation.objects.filter(user=user).select_related("book__product", "order").order_by("-created_at")
    )


def conversion_lots(book: PreorderBook, *, on: datetime.date | None = None) -> QuerySet:
    """The lots a book's reservations may be turned into orders from: the product's published,
    unexpired lots of the book's producer."""
    return lots_current(product_id=book.product_id, on=on).filter(producer_id=book.producer_id)


def reservation_url(reservation: Reservation) -> str:
    return reverse("preorders:reservation", kwargs={"token": reservation.token})


def product_preorder_holds(on: datetime.date) -> dict[int, SaleHold]:
    """{product id: hold} for the products in season on `on` whose book for the running
    season still has waiting reservations: the harvest goes to the buyers who reserved it
    first. Registered with `partner.sale_holds` (`PreordersConfig.ready()`). One query, two
    when some product has waiting reservations."""
    waiting = set(
        Reservation.objects.filter(status=ReservationStatus.WAITING)
        .values_list("book__product_id", "book__starts_on")
        .distinct()
    )
    if not waiting:
        return {}
    running = seasons_running(on=on, product_ids={product_id for product_id, _ in waiting})
    hold = SaleHold(
        code="preorders-first",
        message=_("Delivering to pre-order buyers first: the harvest goes to those who reserved it."),
        short_message=_("Delivering to pre-order buyers"),
    )
    return {
        product_id: hold for product_id, span in running.items() if (product_id, span.starts_on) in waiting
    }
