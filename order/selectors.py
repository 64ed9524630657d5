"""Reads of orders: a producer's side (only its own lines, parts and money), and what the
OCOP office keeps an eye on (transfers that matched no order, cash-on-delivery parts a
producer leaves unconfirmed)."""

import datetime
from decimal import Decimal

from django.db.models import DecimalField, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

from order.models import Fulfilment, FulfilmentStatus, Line, OrderStatus, PaymentMethod, PaymentStatus
from payment import cards

BankTransfer = get_model("payment", "BankTransfer")

# A producer is expected to confirm a cash-on-delivery part within a working day; after
# MARKETPLACE_COD_CONFIRM_HOURS (72) `orders_release_unpaid` cancels it. In between, the
# office sees it on its home page and can call the producer before the buyer loses the order.
COD_CONFIRM_EXPECTED_HOURS = 24

# Statement lines older than this are the accountant's (the Django admin keeps every
# statement); the office's home counts a month's worth, the length of a bank statement.
UNMATCHED_TRANSFER_DAYS = 30


def payment_methods_available() -> list[tuple[str, str]]:
    """The ways a buyer may pay now (the checkout's step and an order's pay page): card only
    when Stripe is configured."""
    methods = [PaymentMethod.COD, PaymentMethod.BANK_TRANSFER]
    if cards.card_payments_enabled():
        methods.append(PaymentMethod.CARD)
    return [(method.value, method.label) for method in methods]


def producer_lines(*, user):
    return Line.objects.filter(partner__users=user)


def producer_parts(*, user):
    return Fulfilment.objects.filter(partner__users=user)


def producer_parts_to_handle(*, user):
    """A producer's parts waiting for it to confirm or send, not those of an order placed for
    the buyer who has not yet chosen how to pay (`Order.awaits_payment_choice`)."""
    return (
        producer_parts(user=user)
        .filter(status__in=[FulfilmentStatus.PLACED, FulfilmentStatus.CONFIRMED])
        .exclude(order__pay_by__isnull=False, order__payment_chosen_at__isnull=True)
    )


def _sum_of(queryset, field, output):
    total = queryset.order_by().values("order").annotate(total=Sum(field)).values("total")
    return Coalesce(Subquery(total, output_field=output), Value(0), output_field=output)


def orders_with_producer_figures(*, orders, user):
    """`orders` with `producer_goods`, `producer_items` and `producer_delivery` (the user's
    producers' lines, units and delivery fees in each order, cancelled parts excluded) and
    `producer_status`, the status of the (first) part it fulfils."""
    money = DecimalField(max_digits=12, decimal_places=2)
    live_lines = (
        producer_lines(user=user).filter(order=OuterRef("pk")).exclude(status=FulfilmentStatus.CANCELLED)
    )
    live_parts = (
        producer_parts(user=user).filter(order=OuterRef("pk")).exclude(status=FulfilmentStatus.CANCELLED)
    )
    own_status = producer_parts(user=user).filter(order=OuterRef("pk")).order_by("pk").values("status")[:1]
    return orders.annotate(
        producer_status=Subquery(own_status),
        producer_goods=_sum_of(live_lines, "line_price_incl_tax", money),
        producer_items=_sum_of(live_lines, "quantity", IntegerField()),
        producer_delivery=_sum_of(live_parts, "shipping_charge", money),
    )


def producer_revenue(*, user, orders):
    """What the user's producers sold in `orders`: their live lines and delivery fees."""
    figures = orders_with_producer_figures(orders=orders, user=user).aggregate(
        goods=Sum("producer_goods"), delivery=Sum("producer_delivery")
    )
    return (figures["goods"] or Decimal(0)) + (figures["delivery"] or Decimal(0))


def producer_lines_of(*, order, user):
    return order.lines.filter(partner__users=user)


def producer_parts_of(*, order, user):
    return order.fulfilments.filter(partner__users=user).select_related("partner")


def part_amounts(*, part: Fulfilment, lines=None) -> dict:
    """A part's goods, delivery fee and total, and what the courier collects for it: the
    whole part while a cash-on-delivery order is unpaid and the part live, otherwise nothing."""
    lines = part.lines.all() if lines is None else lines
    goods = sum((line.line_price_incl_tax for line in lines), Decimal(0))
    total = goods + part.shipping_charge
    order = part.order
    cash_due = (
        order.payment_method == PaymentMethod.COD
        and order.payment_status == PaymentStatus.AWAITING
        and part.status != FulfilmentStatus.CANCELLED
    )
    return {
        "goods": goods,
        "delivery": part.shipping_charge,
        "total": total,
        "collect": total if cash_due else Decimal(0),
    }


def bank_transfers_unmatched(*, on: datetime.date) -> QuerySet:
    """Imported statement lines booked within UNMATCHED_TRANSFER_DAYS of `on` that paid no
    order in full: no reference, an unknown order, an order not paid by transfer, a cancelled
    or already paid one (money to return), or too little for an order that still waits. A
    short payment whose order has since been paid is settled and left out. Newest first."""
    since = on - datetime.timedelta(days=UNMATCHED_TRANSFER_DAYS)
    settled_short = Q(outcome=BankTransfer.Outcome.SHORT) & ~Q(order__payment_status=PaymentStatus.AWAITING)
    return (
        BankTransfer.objects.filter(booked_on__gte=since)
        .exclude(outcome=BankTransfer.Outcome.MATCHED)
        .exclude(settled_short)
        .select_related("order", "statement")
        .order_by("-booked_on", "-pk")
    )


def cod_parts_waiting_since(*, before: datetime.datetime) -> QuerySet:
    """Producers' parts of cash-on-delivery orders waiting for the producer's confirmation since
    before `before`, oldest first: since the order was placed, or, for an order placed for the
    buyer (`order.direct`), since its buyer chose cash on delivery."""
    return (
        Fulfilment.objects.annotate(
            cod_since=Coalesce(F("order__payment_chosen_at"), F("order__date_placed"))
        )
        .filter(status=FulfilmentStatus.PLACED, order__payment_method=PaymentMethod.COD, cod_since__lt=before)
        .select_related("order", "partner")
        .order_by("cod_since", "pk")
    )


def cod_parts_unconfirmed(*, now: datetime.datetime) -> QuerySet:
    """Producers' parts of cash-on-delivery orders waiting more than COD_CONFIRM_EXPECTED_HOURS
    before `now` for the producer's confirmation, oldest first."""
    return cod_parts_waiting_since(before=now - datetime.timedelta(hours=COD_CONFIRM_EXPECTED_HOURS)).exclude(
        order__status=OrderStatus.CANCELLED
    )
