"""Reads of orders from a producer's side: only its own lines, parts and money."""

from decimal import Decimal

from django.db.models import DecimalField, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from order.models import Fulfilment, FulfilmentStatus, Line, PaymentMethod, PaymentStatus


def producer_lines(*, user):
    return Line.objects.filter(partner__users=user)


def producer_parts(*, user):
    return Fulfilment.objects.filter(partner__users=user)


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
