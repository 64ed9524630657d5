"""Account holders: the address book in the 2025 structure, order history and order pages."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.shopping import address_data

Order = get_model("order", "Order")
UserAddress = get_model("address", "UserAddress")

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer(client, django_user_model):
    user = django_user_model.objects.create_user("hoa", "hoa@example.com", "pw")
    client.force_login(user)
    return user


def test_an_account_checkout_saves_the_address_and_lists_the_order(buyer, shopper, products, client):
    for product in products:
        shopper.add(product)
    # Signed in, the checkout starts at the address.
    response = shopper.give_address()
    assert response.redirect_chain[-1][0] == reverse("checkout:payment-method")
    shopper.choose_payment("cod")
    assert shopper.place_order()["Location"] == reverse("checkout:thank-you")

    order = Order.objects.get()
    assert order.user == buyer
    saved = UserAddress.objects.get(user=buyer)
    assert saved.commune == shopper.commune
    assert (saved.line1, saved.line3) == ("Số 12, thôn Kép", "Xã Lục Ngạn")

    history = client.get(reverse("customer:order-list")).content.decode()
    assert order.number in history
    page = client.get(reverse("customer:order", kwargs={"order_number": order.number})).content.decode()
    assert "HTX Vải" in page and "HTX Mật ong" in page and order.get_status_url() in page


def test_the_next_order_ships_to_a_saved_address(buyer, shopper, products, client):
    shopper.add(products[0])
    shopper.give_address()
    shopper.choose_payment("cod")
    shopper.place_order()
    saved = UserAddress.objects.get(user=buyer)

    shopper.add(products[1])
    response = client.post(
        reverse("checkout:shipping-address"), {"address_id": saved.pk, "action": "ship_to"}
    )
    assert response.status_code == 302
    shopper.client.get(response["Location"])  # the delivery step passes by itself
    shopper.choose_payment("bank-transfer")
    shopper.place_order()
    latest = Order.objects.order_by("-pk").first()
    assert latest.shipping_address.commune == shopper.commune
    assert latest.payment_method == "bank-transfer"


def test_the_address_book_uses_the_vietnamese_form(buyer, client, commune):
    url = reverse("customer:address-create")
    form_page = client.get(url).content.decode()
    assert 'name="province"' in form_page and 'name="commune"' in form_page
    assert 'name="postcode"' not in form_page
    response = client.post(url, address_data(commune, phone_number="091"))
    assert response.status_code == 200
    assert "số điện thoại Việt Nam" in response.content.decode()
    assert client.post(url, address_data(commune)).status_code == 302
    assert UserAddress.objects.get(user=buyer).state == "Tỉnh Bắc Ninh"


def test_someone_elses_order_page_is_not_found(buyer, shopper, products, client, django_user_model):
    shopper.add(products[0])
    shopper.give_address()
    shopper.choose_payment("cod")
    shopper.place_order()
    order = Order.objects.get()
    other = django_user_model.objects.create_user("an", "an@example.com", "pw")
    client.force_login(other)
    assert client.get(reverse("customer:order", kwargs={"order_number": order.number})).status_code == 404
