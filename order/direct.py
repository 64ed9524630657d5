"""Orders placed for a buyer, not through the basket and the checkout, and paid afterwards.

At harvest a producer turns pre-order reservations into orders; a visitor's booking of a
visit session becomes one. Either is an ordinary order (one part per producer, stock locked
and allocated as at the checkout, the producer's order pages, packing slips, mails and
payments all work on it) whose price was agreed beforehand and whose buyer has not yet said
how to pay: `payment_method` is `PaymentMethod.UNCHOSEN` until the buyer chooses on its pay
page (`Order.get_pay_url()`) before `Order.pay_by`; after that an unpaid order is released
(`order.settlement.orders_overdue`).

The order is written here rather than through a programmatic basket and `OrderCreator`:
Oscar's creator takes each line's price from the pricing strategy, which may refuse the
product (out of season, a sale hold) or price it differently from the price agreed with the
buyer, and applies the basket's offers; here the caller's unit price is the price. What the
creator does that matters is done the same way: the stock records are locked and checked by
`order.utils.reserve_stock` (the checkout's own function) and allocated with Oscar's
`StockRecord.allocate` inside the same transaction, the lines carry Oscar's price fields and
`LinePrice` rows, and `order_placed` is sent for the analytics counters. A submitted `Basket`
row is made per order only to give it a number in checkout's scheme (100000 + basket id), so
the two can never clash.
"""

import datetime
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

from django.conf import settings
from django.contrib.sites.models import Site
from django.db import transaction
from django.utils import timezone
from oscar.apps.order.signals import order_placed
from oscar.apps.order.utils import OrderNumberGenerator
from oscar.core.loading import get_class, get_model

from order.models import Fulfilment, Line, Order, OrderStatus, PaymentMethod, ShippingAddress
from order.utils import reserve_stock

logger = logging.getLogger(__name__)

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Lot = get_model("traceability", "Lot")
ProducerDelivery = get_class("shipping.methods", "ProducerDelivery")
NoShippingRequired = get_class("shipping.methods", "NoShippingRequired")


@dataclass(frozen=True)
class DirectLine:
    """One line of an order placed for a buyer."""

    product: Product  # its producer's stock record is used
    quantity: int
    unit_price: Decimal  # đồng (prices carry no separate tax here)
    lot: Lot | None = None  # written to the order line's `lot`
    title: str = ""  # the line's title; default the product's title


def _stock_record(product) -> StockRecord:
    record = StockRecord.objects.select_related("partner").filter(product=product).order_by("pk").first()
    if record is None:
        raise ValueError(f"Product #{product.pk} has no stock record: no producer sells it")
    return record


def _shipping_address(fields: dict) -> ShippingAddress:
    fields = dict(fields)
    commune = fields.pop("commune", None)
    # The buyer's name is written whole, the Vietnamese way, in `last_name` (address.models).
    if "last_name" not in fields and "first_name" in fields:
        fields["last_name"] = fields.pop("first_name")
    fields.setdefault("country", Country.objects.get(iso_3166_1_a2="VN"))
    address = ShippingAddress(**fields)
    if commune is not None:
        address.set_commune(commune)
    address.save()
    return address


@transaction.atomic
def order_place_direct(
    *,
    lines: Sequence[DirectLine],
    email: str,
    user=None,
    shipping_address: dict | None,
    shipping_charge: Decimal = Decimal(0),
    pay_by: datetime.datetime,
    language: str,
) -> Order:
    """Place an order for the buyer, to be paid on its pay page before `pay_by`.

    `shipping_address` holds `order.ShippingAddress` fields (first_name or last_name: the
    buyer's whole name, phone_number, line1, commune, notes), or None when nothing is
    delivered (a visit). `shipping_charge` is the delivery fee of each producer's part.
    `email` is a guest's address (an account's `user` is written to by its own). Raises
    `order.exceptions.InsufficientStock` (nothing written) when the stock cannot cover the
    lines. Sends no mail: the caller tells the buyer, with `order.get_pay_url()`.
    """
    if not lines:
        raise ValueError("An order needs at least one line")
    if any(line.quantity <= 0 for line in lines):
        raise ValueError("Each line's quantity must be positive")
    if any(line.lot is not None and line.lot.product_id != line.product.pk for line in lines):
        raise ValueError("A line's lot must be a lot of its product")
    records = [_stock_record(line.product) for line in lines]
    reserve_stock(
        [
            SimpleNamespace(product=line.product, stockrecord_id=record.pk, quantity=line.quantity)
            for line, record in zip(lines, records, strict=True)
        ]
    )

    partner_ids = sorted({record.partner_id for record in records})
    shipping_charge = Decimal(shipping_charge)
    shipping_total = shipping_charge * len(partner_ids)
    goods_total = sum((Decimal(line.unit_price) * line.quantity for line in lines), Decimal(0))
    method = ProducerDelivery() if shipping_address is not None else NoShippingRequired()
    basket = Basket.objects.create(
        owner=user if user is not None and user.is_authenticated else None,
        status=Basket.SUBMITTED,
        date_submitted=timezone.now(),
    )
    order = Order.objects.create(
        basket=basket,
        number=str(OrderNumberGenerator().order_number(basket)),
        site=Site.objects.get_current(),
        user=user if user is not None and user.is_authenticated else None,
        guest_email="" if user is not None and user.is_authenticated else (email or ""),
        currency=settings.OSCAR_DEFAULT_CURRENCY,
        total_incl_tax=goods_total + shipping_total,
        total_excl_tax=goods_total + shipping_total,
        shipping_incl_tax=shipping_total,
        shipping_excl_tax=shipping_total,
        shipping_method=str(method.name),
        shipping_code=method.code,
        shipping_address=_shipping_address(shipping_address) if shipping_address is not None else None,
        status=OrderStatus.PLACED,
        payment_method=PaymentMethod.UNCHOSEN,
        pay_by=pay_by,
        language=language,
    )
    for line, record in zip(lines, records, strict=True):
        price = Decimal(line.unit_price)
        order_line = Line.objects.create(
            order=order,
            partner=record.partner,
            partner_name=record.partner.name,
            partner_sku=record.partner_sku,
            stockrecord=record,
            product=line.product,
            title=line.title or line.product.get_title(),
            upc=line.product.upc,
            quantity=line.quantity,
            line_price_excl_tax=price * line.quantity,
            line_price_incl_tax=price * line.quantity,
            line_price_before_discounts_excl_tax=price * line.quantity,
            line_price_before_discounts_incl_tax=price * line.quantity,
            unit_price_excl_tax=price,
            unit_price_incl_tax=price,
            num_allocated=line.quantity,
            status=settings.OSCAR_INITIAL_LINE_STATUS,
            lot=line.lot,
        )
        order_line.prices.create(
            order=order, quantity=line.quantity, price_incl_tax=price, price_excl_tax=price
        )
    # Allocated in stock-record order, as the checkout does, so concurrent placements agree.
    for line, record in sorted(zip(lines, records, strict=True), key=lambda pair: pair[1].pk):
        if line.product.get_product_class().track_stock:
            record.allocate(line.quantity)
    Fulfilment.objects.bulk_create(
        Fulfilment(order=order, partner_id=partner_id, shipping_charge=shipping_charge)
        for partner_id in partner_ids
    )
    logger.info(
        "Order #%s placed for the buyer: %d line(s), pay by %s", order.number, len(lines), pay_by.isoformat()
    )
    order_placed.send(sender=order_place_direct, order=order, user=order.user)
    return order
