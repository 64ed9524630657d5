"""Issue 16: a guest buys with a phone number; the e-mail is optional. Without one, the
thank-you page gives the order code and its status link to keep, and the order is found again
with its code and phone number."""

import pytest
from django.core import mail, signing
from django.urls import reverse

from order.models import Order, PaymentMethod
from order.views import FIND_LIMIT, OrderFindForm

pytestmark = pytest.mark.django_db


def test_a_guest_buys_with_a_phone_number_and_no_email(shopper, products):
    response = shopper.checkout(PaymentMethod.COD, products[0], email="")
    assert response.status_code == 302
    order = Order.objects.get()
    assert order.guest_email == "" and order.shipping_address.phone_number.as_e164 == "+84912345678"
    thanks = shopper.client.get(response["Location"]).content.decode()
    assert order.number in thanks
    assert order.get_status_url() in thanks  # the link to keep
    assert reverse("order:find") in thanks
    assert not [message for message in mail.outbox if message.to == [""] or not message.to]


def test_with_an_email_the_confirmation_is_mailed(shopper, products, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        shopper.checkout(PaymentMethod.COD, products[0], email="hoa@example.com")
    assert any(message.to == ["hoa@example.com"] for message in mail.outbox)


def test_the_address_step_waits_for_the_buyers_choice(client, shopper, products):
    shopper.add(products[0])
    response = client.get(reverse("checkout:shipping-address"))
    assert response.status_code == 302 and response["Location"] == reverse("checkout:index")


def test_logging_in_needs_the_email_and_the_password(client, shopper, products):
    shopper.add(products[0])
    response = client.post(reverse("checkout:index"), {"options": "existing", "username": "", "password": ""})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "username" in errors and "password" in errors


def test_the_steps_shown_are_the_ones_the_buyer_goes_through(client, shopper, products):
    shopper.add(products[0])
    shopper.start_as_guest("")
    page = client.get(reverse("checkout:shipping-address")).content.decode()
    assert reverse("checkout:shipping-method") not in page
    assert 'aria-current="step"' in page


@pytest.fixture
def guest_order(shopper, products):
    shopper.checkout(PaymentMethod.COD, products[0], email="")
    return Order.objects.get()


def test_a_guest_finds_the_order_with_its_code_and_phone(client, guest_order):
    response = client.post(reverse("order:find"), {"number": guest_order.number, "phone": "0912 345 678"})
    assert response.status_code == 302 and response["Location"] == guest_order.get_status_url()


@pytest.mark.parametrize("number,phone", [("wrong", "0912 345 678"), (None, "0987 654 321")])
def test_a_wrong_code_or_phone_gives_the_same_answer(client, guest_order, number, phone):
    response = client.post(reverse("order:find"), {"number": number or guest_order.number, "phone": phone})
    assert response.status_code == 200
    assert [str(error) for error in response.context["form"].non_field_errors()] == [
        str(OrderFindForm.NOT_FOUND)
    ]
    assert guest_order.get_status_url() not in response.content.decode()


def test_tries_are_limited(client, guest_order):
    for _ in range(FIND_LIMIT):
        client.post(reverse("order:find"), {"number": "nope", "phone": "0912 345 678"})
    response = client.post(reverse("order:find"), {"number": guest_order.number, "phone": "0912 345 678"})
    assert response.status_code == 200  # even the right pair, once over the limit
    assert guest_order.get_status_url() not in response.content.decode()


def test_without_javascript_choosing_a_province_shows_its_communes_without_errors(
    client, shopper, products, commune
):
    shopper.add(products[0])
    shopper.start_as_guest("")
    typed = {"last_name": "Nguyễn Thị Hoa", "phone_number": "0912 345 678", "province": commune.province_id}
    response = client.post(reverse("checkout:shipping-address"), {**typed, "action": "choose-province"})
    assert response.status_code == 200
    form = response.context["form"]
    assert not form.is_bound  # no "Oops" banner, no error on the commune not chosen yet
    page = response.content.decode()
    assert "Nguyễn Thị Hoa" in page and 'value="0912 345 678"' in page
    assert f'value="{commune.pk}"' in page  # the province's communes are listed
    assert "alert-danger" not in page


def test_the_status_link_is_the_same_every_time_and_older_links_still_open(guest_order, client):
    assert guest_order.status_token == Order.objects.get().status_token  # thank-you page and mail agree
    # A link made before, with a time stamp.
    older = signing.dumps(guest_order.number, salt=Order.STATUS_LINK_SALT_TIMESTAMPED)
    assert Order.number_from_status_token(older) == guest_order.number
    with pytest.raises(signing.BadSignature):
        Order.number_from_status_token(guest_order.status_token[:-1] + "x")
    assert client.get(guest_order.get_status_url()).status_code == 200
