"""Producers' parts of an order: their statuses, the order status derived from them, stock, mails."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from order.fulfilment import InvalidTransition, fulfilment_advance, fulfilment_lots_to_ship
from order.models import FulfilmentStatus, OrderStatus, PaymentStatus
from order.payments import order_payment_add, order_payment_source
from order.settlement import order_release_unpaid, orders_overdue
from payment.transfers import transfer_details

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def parts(order):
    return {part.partner.name: part for part in order.fulfilments.select_related("partner")}


def stock(product):
    record = StockRecord.objects.get(product=product)
    return record.num_in_stock, record.num_allocated


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["placed", "placed"], OrderStatus.PLACED),
        (["confirmed", "placed"], OrderStatus.PLACED),
        (["confirmed", "confirmed"], OrderStatus.CONFIRMED),
        (["shipped", "confirmed"], OrderStatus.PARTLY_SHIPPED),
        (["shipped", "delivered"], OrderStatus.SHIPPED),
        (["delivered", "cancelled"], OrderStatus.DELIVERED),
        (["cancelled", "cancelled"], OrderStatus.CANCELLED),
        (["shipped", "cancelled"], OrderStatus.SHIPPED),
    ],
)
def test_order_status_is_derived_from_its_parts(statuses, expected):
    class Part:
        def __init__(self, status):
            self.status = status

    assert Order().derive_status([Part(status) for status in statuses]) == expected


def test_parts_move_from_placed_to_delivered(order, products, mailoutbox, committed):
    vai, mat_ong = parts(order)["HTX Vải"], parts(order)["HTX Mật ong"]
    mailoutbox.clear()
    with committed():
        fulfilment_advance(part=vai, action="confirm")
        fulfilment_advance(part=vai, action="ship", carrier="Viettel Post", tracking_number="VTP123")
    order.refresh_from_db()
    assert order.status == OrderStatus.PARTLY_SHIPPED
    # Shipping consumes the allocation: the units leave the stock.
    assert stock(products[0]) == (4, 0)
    assert stock(products[1]) == (5, 1)
    assert [mail.subject for mail in mailoutbox] == [f"Đơn hàng {order.number}: HTX Vải đã gửi hàng cho bạn"]
    assert "VTP123" in mailoutbox[0].body

    with committed():
        fulfilment_advance(part=mat_ong, action="ship", carrier="GHN", tracking_number="GHN9")
        fulfilment_advance(part=vai, action="deliver")
        fulfilment_advance(part=mat_ong, action="deliver")
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
    # Cash on delivery: the courier collected it.
    assert order.payment_status == PaymentStatus.PAID
    assert order.amount_paid == order.total_incl_tax
    assert order.lines.filter(status=FulfilmentStatus.DELIVERED).count() == 2


def test_cancelling_a_part_gives_its_stock_back(order, products, mailoutbox, committed):
    with committed():
        fulfilment_advance(part=parts(order)["HTX Vải"], action="cancel", reason="Hết vụ vải")
    order.refresh_from_db()
    assert order.status == OrderStatus.PLACED
    assert stock(products[0]) == (5, 0)
    assert "Hết vụ vải" in mailoutbox[-1].body
    with committed():
        fulfilment_advance(part=parts(order)["HTX Mật ong"], action="cancel", reason="Khách đổi ý")
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert order.payment_status == PaymentStatus.VOID


@pytest.mark.parametrize(
    ("action", "kwargs", "message"),
    [
        ("deliver", {}, "không thể chuyển"),
        ("ship", {"carrier": "GHN", "tracking_number": " "}, "mã vận đơn"),
        ("cancel", {"reason": ""}, "lý do hủy"),
    ],
)
def test_impossible_moves_are_refused(order, action, kwargs, message):
    part = parts(order)["HTX Vải"]
    with pytest.raises(InvalidTransition, match=message):
        fulfilment_advance(part=part, action=action, **kwargs)
    part.refresh_from_db()
    assert part.status == FulfilmentStatus.PLACED


def test_staff_act_on_parts_from_the_dashboard(order, client, django_user_model):
    staff = django_user_model.objects.create_superuser("staff", "staff@example.com", "pw")
    client.force_login(staff)
    part = parts(order)["HTX Vải"]
    url = reverse("order-dashboard:part-action", kwargs={"pk": part.pk})
    response = client.post(url, {"action": "ship", "carrier": "GHN", "tracking_number": ""}, follow=True)
    assert "mã vận đơn" in response.content.decode()
    part.refresh_from_db()
    assert part.status == FulfilmentStatus.PLACED
    client.post(url, {"action": "ship", "carrier": "GHN", "tracking_number": "GHN1"})
    part.refresh_from_db()
    assert (part.status, part.tracking_number) == (FulfilmentStatus.SHIPPED, "GHN1")
    page = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number})).content.decode()
    assert "GHN1" in page and "HTX Mật ong" in page


def test_a_producer_acts_on_its_own_part_only(order, client, producer_user):
    own, other = parts(order)["HTX Vải"], parts(order)["HTX Mật ong"]
    member = producer_user(own.partner, "vai@example.com")
    client.force_login(member)
    response = client.post(
        reverse("order-dashboard:part-action", kwargs={"pk": other.pk}), {"action": "confirm"}
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == FulfilmentStatus.PLACED
    client.post(reverse("order-dashboard:part-action", kwargs={"pk": own.pk}), {"action": "confirm"})
    own.refresh_from_db()
    assert own.status == FulfilmentStatus.CONFIRMED


def test_anonymous_users_cannot_act(order, client):
    part = parts(order)["HTX Vải"]
    response = client.post(
        reverse("order-dashboard:part-action", kwargs={"pk": part.pk}), {"action": "confirm"}
    )
    assert response.status_code == 302 and "login" in response["Location"]
    part.refresh_from_db()
    assert part.status == FulfilmentStatus.PLACED


def test_unpaid_transfers_are_released_after_the_deadline(shopper, products, mailoutbox, committed, settings):
    with committed():
        shopper.checkout("bank-transfer", *products)
    order = Order.objects.get()
    assert stock(products[0]) == (5, 1)

    call_command("orders_release_unpaid", verbosity=0)
    order.refresh_from_db()
    assert order.status == OrderStatus.PLACED  # not overdue yet

    Order.objects.filter(pk=order.pk).update(
        date_placed=timezone.now() - datetime.timedelta(hours=settings.MARKETPLACE_TRANSFER_HOURS, minutes=1)
    )
    mailoutbox.clear()
    with committed():
        call_command("orders_release_unpaid", verbosity=0)
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert order.payment_status == PaymentStatus.VOID
    assert [stock(product) for product in products] == [(5, 0), (5, 0)]
    assert len(mailoutbox) == 1 and "48" in mailoutbox[0].body


def test_an_abandoned_card_payment_is_cancelled_at_stripe_and_releases_stock(
    shopper, products, stripe_declining, committed, settings
):
    """A card order left at the bank's confirmation step: its PaymentIntent is cancelled at
    Stripe (the mock answers), then the order, and its stock goes back on sale."""
    with committed():
        shopper.checkout("cod", *products)
    order = Order.objects.get()
    Order.objects.filter(pk=order.pk).update(
        payment_method="card",
        date_placed=timezone.now()
        - datetime.timedelta(hours=settings.MARKETPLACE_CARD_PAYMENT_HOURS, minutes=5),
    )
    order.refresh_from_db()
    source = order_payment_source(order=order)
    source.reference = "pi_abandoned"
    source.save()

    with committed():
        call_command("orders_release_unpaid", verbosity=0)
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert [stock(product) for product in products] == [(5, 0), (5, 0)]


def test_a_card_order_is_kept_when_stripe_cannot_cancel_it(shopper, products, settings, committed):
    """If the intent cannot be cancelled (here: Stripe unreachable), the payment may have gone
    through: the order and its stock stay as they are."""
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    with committed():
        shopper.checkout("cod", *products)
    order = Order.objects.get()
    Order.objects.filter(pk=order.pk).update(
        payment_method="card", date_placed=timezone.now() - datetime.timedelta(days=1)
    )
    order.refresh_from_db()
    source = order_payment_source(order=order)
    source.reference = "pi_maybe_paid"
    source.save()
    call_command("orders_release_unpaid", verbosity=0)
    order.refresh_from_db()
    assert order.status == OrderStatus.PLACED
    assert stock(products[0]) == (5, 1)


def test_an_order_paid_just_before_the_deadline_run_is_kept(shopper, products, settings, committed):
    """The release lists overdue orders, then each is re-read under its lock: a transfer
    recorded in between keeps the order."""
    with committed():
        shopper.checkout("bank-transfer", *products)
    Order.objects.update(date_placed=timezone.now() - datetime.timedelta(days=3))
    listed = list(orders_overdue(now=timezone.now()))
    assert len(listed) == 1
    order_payment_add(order=listed[0], amount=300000, reference="bank:FT1")  # the statement import, meanwhile
    assert order_release_unpaid(order=listed[0]) is False
    order = Order.objects.get()
    assert (order.status, order.payment_status) == (OrderStatus.PLACED, PaymentStatus.PAID)
    assert stock(products[0]) == (5, 1)


def test_cash_on_delivery_collects_only_the_parts_not_cancelled(order, products, committed):
    with committed():
        fulfilment_advance(part=parts(order)["HTX Vải"], action="cancel", reason="Hết hàng")
        fulfilment_advance(
            part=parts(order)["HTX Mật ong"], action="ship", carrier="GHN", tracking_number="G1"
        )
        fulfilment_advance(part=parts(order)["HTX Mật ong"], action="deliver")
    order.refresh_from_db()
    # 90.000 ₫ of honey and its 30.000 ₫ delivery; the lychee part is not paid for.
    assert order.amount_owed == 120000
    assert (order.amount_paid, order.payment_status) == (120000, PaymentStatus.PAID)


def test_a_transfer_asks_only_for_the_parts_not_cancelled(shopper, products, committed):
    from payment.vietqr import vietqr_parse

    with committed():
        shopper.checkout("bank-transfer", *products)
    order = Order.objects.get()
    fulfilment_advance(part=parts(order)["HTX Mật ong"], action="cancel", reason="Hết hàng")
    order.refresh_from_db()
    assert order.amount_due == 150000 + 30000
    assert vietqr_parse(transfer_details(order=order).payload).amount == 180000


def test_a_part_cancelled_after_payment_is_shown_to_refund(
    shopper, products, client, django_user_model, committed
):
    with committed():
        shopper.checkout("bank-transfer", *products)
    order = Order.objects.get()
    order_payment_add(order=order, amount=300000, reference="bank:FT9")
    fulfilment_advance(part=parts(order)["HTX Mật ong"], action="cancel", reason="Hết hàng")
    order.refresh_from_db()
    assert order.amount_overpaid == 120000
    staff = django_user_model.objects.create_superuser("staff", "staff@example.com", "pw")
    client.force_login(staff)
    page = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number})).content.decode()
    assert "Cần hoàn tiền" in page and "120.000" in page


def test_shipping_more_than_the_stock_now_holds_is_refused(order, products):
    StockRecord.objects.filter(product=products[0]).update(num_in_stock=0)
    with pytest.raises(InvalidTransition, match="Tồn kho"):
        fulfilment_advance(part=parts(order)["HTX Vải"], action="ship", carrier="GHN", tracking_number="G2")
    assert parts(order)["HTX Vải"].status == FulfilmentStatus.PLACED


@pytest.fixture
def lots(products):
    """HTX Vải's published lot of lychee, an unpublished one, and HTX Mật ong's lot of honey."""
    from traceability.models import Lot

    lychee, honey = products
    vai, mat_ong = (product.stockrecords.get().partner for product in products)
    today = timezone.localdate()
    common = {"produced_on": today, "quantity": 100}
    return {
        "lychee": Lot.objects.create(
            product=lychee, producer=vai, code="VAI-0612", is_published=True, **common
        ),
        "lychee_draft": Lot.objects.create(product=lychee, producer=vai, code="VAI-DRAFT", **common),
        "honey": Lot.objects.create(
            product=honey, producer=mat_ong, code="MO-01", is_published=True, **common
        ),
    }


def test_shipping_records_the_lot_and_the_buyer_can_follow_it(
    order, products, lots, client, mailoutbox, committed, producer_user
):
    part = parts(order)["HTX Vải"]
    client.force_login(producer_user(part.partner, "vai@example.com"))
    fulfilment_advance(part=part, action="confirm")
    page = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number})).content.decode()
    line = order.lines.get(partner=part.partner)
    assert f'name="lot-{line.pk}"' in page and "VAI-0612" in page
    assert "VAI-DRAFT" not in page and "MO-01" not in page
    mailoutbox.clear()

    with committed():
        client.post(
            reverse("order-dashboard:part-action", kwargs={"pk": part.pk}),
            {
                "action": "ship",
                "carrier": "GHN",
                "tracking_number": "GHN1",
                f"lot-{line.pk}": lots["lychee"].pk,
            },
        )

    line.refresh_from_db()
    assert line.lot == lots["lychee"]
    trace_url = lots["lychee"].get_absolute_url()
    assert trace_url == f"/t/{lots['lychee'].short_code}"
    assert trace_url in mailoutbox[0].body and "VAI-0612" in mailoutbox[0].body
    status_page = client.get(order.get_status_url()).content.decode()
    assert f'href="{trace_url}"' in status_page


@pytest.mark.parametrize(
    ("lot", "message"),
    [
        (None, "Hãy chọn lô hàng đã giao"),
        ("lychee_draft", "không phải lô hàng đã công khai của bạn"),
        ("honey", "không phải lô hàng đã công khai của bạn"),
        ("forged", "không phải lô hàng đã công khai của bạn"),
    ],
)
def test_a_lot_not_the_producers_published_one_is_refused(order, products, lots, lot, message):
    part = parts(order)["HTX Vải"]
    line = order.lines.get(partner=part.partner)
    chosen = {} if lot is None else {line.pk: "x1" if lot == "forged" else lots[lot].pk}

    with pytest.raises(InvalidTransition, match=message):
        fulfilment_advance(part=part, action="ship", carrier="GHN", tracking_number="GHN1", lots=chosen)

    part.refresh_from_db()
    line.refresh_from_db()
    assert (part.status, line.lot, stock(products[0])) == (FulfilmentStatus.PLACED, None, (5, 1))


def test_a_product_without_lots_ships_without_one(order, products):
    part = parts(order)["HTX Vải"]
    fulfilment_advance(part=part, action="ship", carrier="GHN", tracking_number="GHN1")
    assert order.lines.get(partner=part.partner).lot is None


def test_cod_parts_a_producer_never_confirms_give_their_stock_back(
    order, products, mailoutbox, settings, committed
):
    """Issue 14: one anonymous cash-on-delivery order must not hold a product's stock for ever.
    The part its producer confirmed is kept; the other is cancelled after the deadline."""
    fulfilment_advance(part=parts(order)["HTX Mật ong"], action="confirm")
    call_command("orders_release_unpaid", verbosity=0)
    assert {name: part.status for name, part in parts(order).items()} == {
        "HTX Vải": FulfilmentStatus.PLACED,
        "HTX Mật ong": FulfilmentStatus.CONFIRMED,
    }

    Order.objects.filter(pk=order.pk).update(
        date_placed=timezone.now()
        - datetime.timedelta(hours=settings.MARKETPLACE_COD_CONFIRM_HOURS, minutes=1)
    )
    mailoutbox.clear()
    with committed():
        call_command("orders_release_unpaid", verbosity=0)

    released = parts(order)
    assert {name: part.status for name, part in released.items()} == {
        "HTX Vải": FulfilmentStatus.CANCELLED,
        "HTX Mật ong": FulfilmentStatus.CONFIRMED,
    }
    assert "72 giờ" in released["HTX Vải"].cancel_reason
    assert [stock(product) for product in products] == [(5, 0), (5, 1)]
    assert len(mailoutbox) == 1 and order.email in mailoutbox[0].to


def _lychee_lot(products, code, **fields):
    from traceability.models import Lot

    lychee = products[0]
    return Lot.objects.create(
        product=lychee,
        producer=lychee.stockrecords.get().partner,
        code=code,
        is_published=True,
        quantity=100,
        **fields,
    )


def test_an_expired_lot_posted_by_hand_is_refused(order, products, client, producer_user, committed):
    """Issue 17: a lot past its use-by date is not offered, and refused even when its id is
    posted by hand; nothing moves."""
    today = timezone.localdate()
    expired = _lychee_lot(
        products,
        "VAI-CU",
        produced_on=today - datetime.timedelta(days=150),
        expires_on=today - datetime.timedelta(days=120),
    )
    fresh = _lychee_lot(
        products, "VAI-MOI", produced_on=today, expires_on=today + datetime.timedelta(days=10)
    )
    part = parts(order)["HTX Vải"]
    line = order.lines.get(partner=part.partner)
    fulfilment_advance(part=part, action="confirm")
    client.force_login(producer_user(part.partner, "vai@example.com"))
    page = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number})).content.decode()
    assert f'<option value="{fresh.pk}"' in page
    assert "VAI-CU" not in page

    response = client.post(
        reverse("order-dashboard:part-action", kwargs={"pk": part.pk}),
        {"action": "ship", "carrier": "GHN", "tracking_number": "GHN7", f"lot-{line.pk}": expired.pk},
        follow=True,
    )

    html = response.content.decode()
    expected = f"Lô VAI-CU của “Vải thiều thử” đã hết hạn sử dụng (hạn đến {expired.expires_on:%d/%m/%Y})"
    assert expected in html
    part.refresh_from_db()
    line.refresh_from_db()
    assert (part.status, line.lot, stock(products[0])) == (FulfilmentStatus.CONFIRMED, None, (5, 1))


def test_a_lot_is_usable_through_its_use_by_day_on_vietnams_clock(order, products):
    """The use-by date is Vietnam's: at 18:00 UTC on 6 December it is already 7 December in
    Hà Nội, so a lot used by 6 December may no longer leave."""
    lot = _lychee_lot(
        products, "VAI-0612", produced_on=datetime.date(2026, 11, 1), expires_on=datetime.date(2026, 12, 6)
    )
    part = parts(order)["HTX Vải"]
    line = order.lines.get(partner=part.partner)
    evening_in_utc = datetime.datetime(2026, 12, 6, 16, 59, tzinfo=datetime.UTC)  # 23:59 in Vietnam
    with time_machine.travel(evening_in_utc, tick=False):
        assert [lots for _line, lots in fulfilment_lots_to_ship(part=part)] == [[lot]]
    with time_machine.travel(evening_in_utc + datetime.timedelta(minutes=2), tick=False):
        assert [lots for _line, lots in fulfilment_lots_to_ship(part=part)] == [[]]
        with pytest.raises(InvalidTransition, match="đã hết hạn sử dụng") as refusal:
            fulfilment_advance(
                part=part, action="ship", carrier="GHN", tracking_number="G1", lots={line.pk: lot.pk}
            )
    assert refusal.value.field == f"lot-{line.pk}"
    with time_machine.travel(evening_in_utc, tick=False):
        fulfilment_advance(
            part=part, action="ship", carrier="GHN", tracking_number="G1", lots={line.pk: lot.pk}
        )
    line.refresh_from_db()
    assert line.lot == lot


def test_a_product_whose_lots_all_expired_ships_without_a_lot(order, products):
    today = timezone.localdate()
    _lychee_lot(
        products,
        "VAI-CU",
        produced_on=today - datetime.timedelta(days=150),
        expires_on=today - datetime.timedelta(days=1),
    )
    part = parts(order)["HTX Vải"]
    fulfilment_advance(part=part, action="ship", carrier="GHN", tracking_number="G3")
    assert order.lines.get(partner=part.partner).lot is None
