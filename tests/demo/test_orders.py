"""The demo's orders and its listing change: the back office's day can be walked on the demo."""

import datetime
import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.moderation import listing_diff
from catalog.selectors import listing_changes_waiting_counts
from core.clock import vietnam_today
from demo.orders import DEMO_ORDERS, LISTING_CHANGE
from demo.products import PRODUCTS, upc
from order.models import FulfilmentStatus, Order, OrderStatus, PaymentMethod, PaymentStatus
from order.selectors import cod_parts_unconfirmed
from partner.sale_holds import sale_holds_on
from traceability.selectors import lot_is_usable

ListingChange = get_model("catalogue", "ListingChange")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

EMAILS = {
    data.state + ("-transfer" if data.payment == "bank-transfer" else ""): data.email for data in DEMO_ORDERS
}


def demo_orders() -> dict[str, Order]:
    orders = Order.objects.filter(guest_email__in=EMAILS.values()).prefetch_related("fulfilments__partner")
    by_email = {order.guest_email: order for order in orders}
    return {state: by_email[email] for state, email in EMAILS.items() if email in by_email}


def test_the_demo_orders_wait_for_each_next_move(run_command):
    run_command("load_demo_data")

    orders = demo_orders()
    assert set(orders) == {"placed", "confirmed", "shipped", "delivered", "placed-transfer"}
    statuses = {state: (order.status, order.payment_status) for state, order in orders.items()}
    assert statuses == {
        "placed": (OrderStatus.PLACED, PaymentStatus.AWAITING),
        "confirmed": (OrderStatus.CONFIRMED, PaymentStatus.AWAITING),
        "shipped": (OrderStatus.SHIPPED, PaymentStatus.AWAITING),
        "delivered": (OrderStatus.DELIVERED, PaymentStatus.PAID),
        "placed-transfer": (OrderStatus.PLACED, PaymentStatus.AWAITING),
    }
    assert orders["placed-transfer"].is_awaiting_transfer
    for order in orders.values():
        assert order.guest_email and order.user is None
        address = order.shipping_address
        assert address.last_name and address.phone_number and address.commune_id
        assert address.state == address.commune.province.full_name
        assert order.date_placed < timezone.now()

    new = orders["placed"]
    assert new.payment_method == PaymentMethod.COD
    assert [part.partner.code for part in new.fulfilments.all()] == ["htx-xuan-truong"]
    assert new.lines.filter(product__upc=upc("my-gao-chu-1kg")).exists()
    unconfirmed = list(cod_parts_unconfirmed(now=timezone.now()))
    assert new.fulfilments.get() in unconfirmed
    assert all(part.order_id != orders["confirmed"].pk for part in unconfirmed)

    delivered = orders["delivered"].fulfilments.get()
    assert delivered.confirmed_at < delivered.shipped_at < delivered.delivered_at < timezone.now()
    assert orders["delivered"].date_placed < delivered.confirmed_at
    assert not mail.outbox


def test_the_shipped_order_s_lot_is_current_and_stock_follows_the_orders(run_command):
    run_command("load_demo_data")

    orders = demo_orders()
    [shipped_line] = orders["shipped"].lines.select_related("lot")
    assert shipped_line.lot is not None
    assert lot_is_usable(shipped_line.lot)
    assert shipped_line.lot.product_id == shipped_line.product_id
    assert shipped_line.num_allocated == 0 and shipped_line.status == FulfilmentStatus.SHIPPED

    # What is shipped left the stock; what waits is allocated.
    stock = {data.upc: data.num_in_stock for data in PRODUCTS}
    record = StockRecord.objects.get(product=shipped_line.product)
    assert record.num_in_stock == stock[shipped_line.product.upc] - shipped_line.quantity
    for line in orders["placed"].lines.all():
        assert line.num_allocated == line.quantity
        assert StockRecord.objects.get(pk=line.stockrecord_id).num_allocated >= line.quantity

    held = set(sale_holds_on(vietnam_today()))
    ordered = {line.product_id for order in orders.values() for line in order.lines.all()}
    assert ordered and not ordered & held


def test_the_office_has_a_listing_change_to_moderate(run_command):
    run_command("load_demo_data")

    product = Product.objects.get(upc=upc(LISTING_CHANGE["sku"]))
    change = ListingChange.objects.get(product=product)
    assert (change.kind, change.status) == (ListingChange.Kind.CHANGE, ListingChange.Status.PENDING)
    assert change.submitted_by.partners.filter(stockrecords__product=product).exists()
    assert listing_changes_waiting_counts()["change"] >= 1
    rows = listing_diff(change)
    assert len(rows) == 2  # the title and the description, nothing else
    assert all(before != after for _, before, after in rows)
    # The public still sees the published version until the office approves.
    product.refresh_from_db()
    assert product.title != LISTING_CHANGE["title"]
    assert change.after["title"] == LISTING_CHANGE["title"]
    old, new = LISTING_CHANGE["description"]
    assert old in product.description and new in change.after["description"]


def test_a_second_load_adds_no_order_and_no_change(run_command):
    run_command("load_demo_data")
    orders, changes = Order.objects.count(), ListingChange.objects.count()

    output = run_command("load_demo_data")

    assert re.search(rf"Demo orders \.+ 0 created, {len(DEMO_ORDERS)} already there$", output, re.M)
    assert re.search(r"Listing change waiting \.+ 0 created, 1 already there$", output, re.M)
    assert (Order.objects.count(), ListingChange.objects.count()) == (orders, changes)


def test_the_new_order_was_placed_more_than_a_day_before_the_load(run_command):
    run_command("load_demo_data")

    new = demo_orders()["placed"]
    assert timezone.now() - new.date_placed > datetime.timedelta(hours=24)


def test_the_back_office_s_day_can_be_walked_on_the_demo(run_command, client):
    run_command("load_demo_data")
    User = get_user_model()
    orders = demo_orders()

    client.force_login(User.objects.get(username="admin"))
    queue = client.get(reverse("order-dashboard:cod-parts-unconfirmed"))
    assert orders["placed"].number in queue.content.decode()
    change = ListingChange.objects.get(product__upc=upc(LISTING_CHANGE["sku"]))
    review = client.get(reverse("catalog-dashboard:moderation-detail", kwargs={"pk": change.pk}))
    inserted = {
        segment.text
        for row in review.context["rows"]
        for segment in row["segments"]
        if segment.kind == "inserted"
    }
    assert inserted == {"nguyên chất", "gỏi"}

    client.force_login(User.objects.get(username="htx-xanh-yen-the"))
    part = orders["shipped"].fulfilments.get()
    slip = client.get(reverse("order-dashboard:packing-slip", kwargs={"pk": part.pk}))
    assert (slip.status_code, slip["Content-Type"]) == (200, "application/pdf")
