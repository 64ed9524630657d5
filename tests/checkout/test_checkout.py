"""The checkout with the test client: address, delivery fees, cash on delivery, VietQR, bad input."""

import logging
import re

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from order.models import FulfilmentStatus, OrderStatus, PaymentMethod, PaymentStatus
from payment.transfers import transfer_details
from payment.vietqr import vietqr_parse
from tests.catalog.factories import ProductFactory

from .conftest import address_data

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")
ProductClass = get_model("catalogue", "ProductClass")
ProducerShippingRate = get_model("shipping", "ProducerShippingRate")

pytestmark = pytest.mark.django_db


def stock(product):
    record = StockRecord.objects.get(product=product)
    return record.num_in_stock, record.num_allocated or 0


def test_cash_on_delivery_order_has_one_part_per_producer(shopper, products, mailoutbox, committed):
    with committed():
        response = shopper.checkout("cod", *products)
    assert response["Location"] == reverse("checkout:thank-you")

    order = Order.objects.get()
    assert order.payment_method == PaymentMethod.COD
    assert order.payment_status == PaymentStatus.AWAITING
    assert order.status == OrderStatus.PLACED
    assert order.language == "vi"
    # 150.000 + 90.000 of goods, and the default 30.000 ₫ delivery from each producer.
    assert order.total_incl_tax == 300000
    assert order.shipping_incl_tax == 60000
    parts = {part.partner.name: part for part in order.fulfilments.all()}
    assert set(parts) == {"HTX Vải", "HTX Mật ong"}
    assert {part.shipping_charge for part in parts.values()} == {30000}
    assert all(part.status == FulfilmentStatus.PLACED for part in parts.values())
    assert [stock(product) for product in products] == [(5, 1), (5, 1)]

    address = order.shipping_address
    assert address.commune == shopper.commune
    assert (address.line1, address.line3, address.state) == (
        "Số 12, thôn Kép",
        "Xã Lục Ngạn",
        "Tỉnh Bắc Ninh",
    )
    assert address.phone_number.as_e164 == "+84912345678"
    assert str(address.phone_number) == "0912 345 678"

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["hoa@example.com"]
    assert "100" in mail.subject and order.number in mail.subject
    assert order.get_status_url() in mail.body


def test_thank_you_page_lists_both_producers(shopper, products, client):
    shopper.checkout("cod", *products)
    page = client.get(reverse("checkout:thank-you")).content.decode()
    assert "HTX Vải" in page and "HTX Mật ong" in page
    assert "300.000\xa0₫" in page


def test_free_delivery_above_threshold_and_producer_rate(shopper, products):
    first, second = products
    ProducerShippingRate.objects.create(partner=second.stockrecords.get().partner, fee=20000, free_above=None)
    shopper.add(first, 4)  # 600.000 ₫: above the default 500.000 ₫ threshold
    response = shopper.checkout("cod", second)
    assert response.status_code == 302
    order = Order.objects.get()
    charges = {part.partner.name: part.shipping_charge for part in order.fulfilments.all()}
    assert charges == {"HTX Vải": 0, "HTX Mật ong": 20000}
    assert order.total_incl_tax == 600000 + 90000 + 20000


def test_bank_transfer_shows_a_vietqr_code_for_the_order(shopper, products, client, mailoutbox, committed):
    with committed():
        shopper.checkout("bank-transfer", *products)
    order = Order.objects.get()
    assert order.is_awaiting_transfer
    page = client.get(reverse("checkout:thank-you")).content.decode()
    assert f"OCOP{order.number}" in page
    assert re.search(r'class="[^"]*vietqr[^"]*">\s*<svg', page)

    transfer = vietqr_parse(transfer_details(order=order).payload)
    assert transfer.amount == 300000
    assert transfer.purpose == f"OCOP{order.number}"
    assert transfer.account_number == "0011004499999"

    qr = client.get(reverse("order:transfer-qr", kwargs={"token": order.status_token}))
    assert qr["Content-Type"] == "image/png" and qr.content.startswith(b"\x89PNG")
    assert f"OCOP{order.number}" in mailoutbox[0].body


def test_english_checkout_writes_english_mails(client, commune, products, mailoutbox, committed):
    from .conftest import Shopper

    with committed():
        for product in products:
            client.post(f"/en{reverse('basket:add', kwargs={'pk': product.pk})}", {"quantity": 1})
        client.post("/en/shop/checkout/", {"username": "buyer@example.com", "options": "anonymous"})
        client.post("/en/shop/checkout/shipping-address/", address_data(commune), follow=True)
        client.post("/en/shop/checkout/payment-method/", {"method": "cod"})
        response = client.post("/en/shop/checkout/preview/", {"action": "place_order"})
    assert response.status_code == 302, Shopper
    order = Order.objects.get()
    assert order.language == "en"
    assert mailoutbox[0].subject == f"Order {order.number} received"
    assert "/en/shop/orders/status/" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone_number", "12345", "số điện thoại Việt Nam"),
        ("phone_number", "+1 202 555 0143", "số điện thoại Việt Nam"),
        ("last_name", "", "Trường này là bắt buộc"),
        ("line1", "", "Trường này là bắt buộc"),
        ("commune", "", "Trường này là bắt buộc"),
    ],
)
def test_bad_address_gets_a_field_message_and_keeps_what_was_typed(shopper, products, field, value, message):
    shopper.add(products[0])
    shopper.start_as_guest()
    response = shopper.give_address(**{field: value})
    assert not response.redirect_chain
    assert field in response.context["form"].errors
    page = response.content.decode()
    assert message in page
    # What was typed in the other fields is still there.
    for kept in ("Nguyễn Thị Hoa", "Số 12, thôn Kép", "0912 345 678"):
        if kept != value and (field, kept) not in {
            ("last_name", "Nguyễn Thị Hoa"),
            ("line1", "Số 12, thôn Kép"),
        }:
            assert kept in page
    assert not Order.objects.exists()


def test_commune_of_another_province_is_refused(shopper, products, other_commune):
    shopper.add(products[0])
    shopper.start_as_guest()
    response = shopper.give_address(commune=other_commune.pk)
    assert "commune" in response.context["form"].errors


def test_commune_list_follows_the_province(client, commune, other_commune):
    data = client.get(reverse("places:communes"), {"province": commune.province_id}).json()
    assert data == {"communes": [{"id": commune.pk, "name": "Xã Lục Ngạn"}]}
    assert client.get(reverse("places:communes"), {"province": "x"}).json() == {"communes": []}


@pytest.mark.parametrize("quantity", ["0", "-1", "abc", "6"])
def test_bad_quantity_is_refused_with_a_message(client, products, quantity):
    response = client.post(
        reverse("basket:add", kwargs={"pk": products[0].pk}), {"quantity": quantity}, follow=True
    )
    assert not Basket.objects.filter(lines__isnull=False).exists()
    assert any(message.level_tag == "error" for message in response.context["messages"])


def test_stock_sold_out_between_pages_changes_nothing(shopper, products, caplog):
    first, second = products
    shopper.add(first, 3)
    shopper.add(second)
    shopper.start_as_guest()
    shopper.give_address()
    shopper.choose_payment("cod")
    # Someone else's order takes 4 of the 5 units while this buyer reads the preview.
    StockRecord.objects.filter(product=first).update(num_allocated=4)

    with caplog.at_level(logging.WARNING, logger="oscar.checkout"):
        response = shopper.place_order()
    assert response.status_code == 302
    assert not Order.objects.exists()
    assert [stock(product) for product in products] == [(5, 4), (5, 0)]
    basket = Basket.objects.get()
    assert basket.status == Basket.OPEN
    assert sorted(basket.lines.values_list("quantity", flat=True)) == [1, 3]
    assert "refused at" in caplog.text


def test_status_link_shows_each_producers_part(shopper, products, client):
    shopper.checkout("cod", *products)
    order = Order.objects.get()
    client.logout()
    page = client.get(order.get_status_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('class="card mb-3 order-part"') == 2
    assert "Số 12, thôn Kép" in html


def test_tampered_status_link_is_refused_and_logged(shopper, products, client, caplog):
    shopper.checkout("cod", *products)
    order = Order.objects.get()
    token = order.status_token
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    with caplog.at_level(logging.WARNING, logger="order.views"):
        assert client.get(reverse("order:status", kwargs={"token": forged})).status_code == 404
        # A validly signed link for another order number.
        from django.core import signing

        other = signing.dumps("999999", salt="wrong-salt")
        assert client.get(reverse("order:status", kwargs={"token": other})).status_code == 404
    assert "bad signature" in caplog.text


def test_a_basket_with_nothing_to_deliver_is_ordered_without_an_address(client, committed):
    """A tour or a service: Oscar skips the address step; placing the order gave a 500 (found
    by the fault drill, stackdrill)."""
    tour = ProductFactory(
        title="Du lịch sinh thái thử",
        product_class=ProductClass.objects.create(
            name="Dịch vụ thử", requires_shipping=False, track_stock=False
        ),
    )
    assert client.post(reverse("basket:add", kwargs={"pk": tour.pk}), {"quantity": 1}).status_code == 302
    response = client.post(
        reverse("checkout:index"), {"username": "hoa@example.com", "options": "anonymous"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("checkout:payment-method")  # no address asked
    assert client.post(reverse("checkout:payment-method"), {"method": "cod"}).status_code == 302
    with committed():
        response = client.post(reverse("checkout:preview"), {"action": "place_order"})

    assert response.status_code == 302 and response["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.shipping_address is None and order.lines.get().product == tour
