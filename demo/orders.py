"""Demo orders (`data/orders.toml`) and a listing change waiting for the OCOP office, so that
the back office's day can be walked on the demo: a producer confirms, ships with a lot and
prints a packing slip; the office sees an unconfirmed cash-on-delivery part and a change to
moderate with its word diff.

Orders are placed the way the checkout places them (`order.utils.OrderCreator`: stock locked
and allocated, one part per producer) and moved along with `order.fulfilment.fulfilment_advance`
(shipping consumes the allocation and records the lot); then their times are set back to their
demo days. An order is looked up by its guest e-mail and created only when missing. No mail is
sent: the checkout's confirmation is not called and every move is made with `notify=False`.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from oscar.core.loading import get_class, get_model

from catalog.moderation import listing_edit, listing_snapshot
from core.clock import VIETNAM, vietnam_today
from demo.dates import date_from
from demo.products import upc
from demo.records import data_file
from order.fulfilment import fulfilment_advance, fulfilment_lots_to_ship
from order.models import Fulfilment, FulfilmentStatus, Order, PaymentMethod, ShippingAddress
from partner.sale_holds import sale_holds_on
from places.models import Commune

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
ListingChange = get_model("catalogue", "ListingChange")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
ProducerDelivery = get_class("shipping.methods", "ProducerDelivery")
Selector = get_class("partner.strategy", "Selector")

# The moves that bring a part to each state, in order.
MOVES = {
    FulfilmentStatus.PLACED: (),
    FulfilmentStatus.CONFIRMED: ("confirm",),
    FulfilmentStatus.SHIPPED: ("confirm", "ship"),
    FulfilmentStatus.DELIVERED: ("confirm", "ship", "deliver"),
}
STAMPS = {"confirm": "confirmed_at", "ship": "shipped_at", "deliver": "delivered_at"}


@dataclass(frozen=True)
class DemoOrder:
    email: str
    name: str
    phone: str
    commune: str  # GSO code
    street: str
    payment: str  # PaymentMethod value
    placed: str  # a demo date
    at: str  # "HH:MM", Vietnam time
    state: str  # FulfilmentStatus value
    lines: tuple[tuple[str, int], ...]
    hours: tuple[int, ...] = ()  # hours from one move to the next
    notes: str = ""
    carrier: str = ""
    tracking: str = ""


DEMO_ORDERS = [
    DemoOrder(
        **{**record, "lines": tuple(map(tuple, record["lines"])), "hours": tuple(record.get("hours", ()))}
    )
    for record in data_file("orders")["orders"]
]


def _placed_at(data: DemoOrder, *, today: datetime.date, now: datetime.datetime) -> datetime.datetime:
    """Its demo day and time in Vietnam, never later than an hour before now."""
    hour, minute = map(int, data.at.split(":"))
    placed = datetime.datetime.combine(
        date_from(data.placed, today=today), datetime.time(hour, minute), tzinfo=VIETNAM
    )
    return min(placed, now - datetime.timedelta(hours=1))


def _address(data: DemoOrder, commune) -> ShippingAddress:
    address = ShippingAddress(
        last_name=data.name,
        phone_number=data.phone,
        line1=data.street,
        notes=data.notes,
        country=Country.objects.get(iso_3166_1_a2="VN"),
    )
    address.set_commune(commune)
    address.save()
    return address


def _order_place(data: DemoOrder, products: dict, commune) -> Order:
    """The order placed as the checkout places it: stock locked and allocated, one part per producer."""
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for sku, quantity in data.lines:
        basket.add_product(products[upc(sku)], quantity)
    method = ProducerDelivery()
    charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    order = OrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=method,
        shipping_charge=charge,
        shipping_address=_address(data, commune),
        order_number=OrderNumberGenerator().order_number(basket),
        guest_email=data.email,
        payment_method=data.payment,
        language="vi",
    )
    basket.submit()
    return order


def _part_moved(part: Fulfilment, data: DemoOrder) -> dict:
    """Move the part to its demo state; {stamp field: hours after placing}."""
    stamps, hours = {}, 0
    for number, action in enumerate(MOVES[FulfilmentStatus(data.state)]):
        lots = {}
        if action == "ship":
            # The newest lot still within its use-by date, as the ship form offers first.
            lots = {line.pk: usable[0].pk for line, usable in fulfilment_lots_to_ship(part=part) if usable}
        fulfilment_advance(
            part=part,
            action=action,
            carrier=data.carrier,
            tracking_number=data.tracking,
            lots=lots,
            notify=False,
        )
        hours += data.hours[number]
        stamps[STAMPS[action]] = hours
    return stamps


def _dated(order: Order, stamps: dict, placed: datetime.datetime, now: datetime.datetime) -> None:
    """Set the order's and its parts' times back to their demo days (none later than now)."""
    Order.objects.filter(pk=order.pk).update(date_placed=placed)
    times = {field: min(placed + datetime.timedelta(hours=hours), now) for field, hours in stamps.items()}
    if times:
        order.fulfilments.update(**times)
    if "delivered_at" in times and order.payment_method == PaymentMethod.COD:
        Order.objects.filter(pk=order.pk, paid_at__isnull=False).update(paid_at=times["delivered_at"])


def demo_orders() -> tuple[int, int]:
    existing = set(
        Order.objects.filter(guest_email__in=[data.email for data in DEMO_ORDERS]).values_list(
            "guest_email", flat=True
        )
    )
    missing = [data for data in DEMO_ORDERS if data.email not in existing]
    if not missing:
        return 0, len(existing)
    products = Product.objects.in_bulk(
        [upc(sku) for data in missing for sku, _ in data.lines], field_name="upc"
    )
    communes = Commune.objects.select_related("province").in_bulk(
        [data.commune for data in missing], field_name="code"
    )
    today, now = vietnam_today(), timezone.now()
    held = set(sale_holds_on(today))  # out of season or every lot expired
    created = 0
    for data in missing:
        ordered = [products.get(upc(sku)) for sku, _ in data.lines]
        commune = communes.get(data.commune)
        if commune is None or any(product is None or product.pk in held for product in ordered):
            continue  # out of season, or the catalogue or places are not loaded
        order = _order_place(data, products, commune)
        stamps = {}
        for part in order.fulfilments.all():
            stamps = _part_moved(part, data)
        _dated(order, stamps, _placed_at(data, today=today, now=now), now)
        created += 1
    return created, len(existing)


# A content edit of a published listing by its producer, waiting for the office: a title
# tweak and one word of the description changed, so the review page shows a word diff.
LISTING_CHANGE = {
    "sku": "dau-me-den-500ml",
    "title": "Dầu mè đen nguyên chất Đại An",
    "description": ("dùng để trộn", "dùng để trộn gỏi"),
}


def demo_listing_change() -> tuple[int, int]:
    product = Product.objects.filter(upc=upc(LISTING_CHANGE["sku"])).first()
    if product is None:
        return 0, 0
    if ListingChange.objects.filter(product=product).exists():
        return 0, 1  # waiting, or already decided by the office: either way, not again
    producer = Partner.objects.filter(stockrecords__product=product).first()
    user = producer and producer.users.order_by("pk").first()
    if user is None:
        return 0, 0
    proposed = listing_snapshot(product)
    old, new = LISTING_CHANGE["description"]
    proposed.update(title=LISTING_CHANGE["title"], description=proposed["description"].replace(old, new, 1))
    change = listing_edit(
        product=product, by=user, save_all=product.save, proposed=proposed, notify_staff=False
    )
    return int(change is not None), 0
