"""Staff payment actions: refunding a card payment through Stripe, marking a transfer paid.

Refunds go to the approving stripe-mock, which echoes the amount asked for. Only active staff
may act; everyone else is sent to the login page and nothing changes.
"""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from order.mails import order_mail_render
from order.models import PaymentMethod, PaymentStatus
from tests.payment.stripe_events import charge, event, post_event

Order = get_model("order", "Order")
PaymentEvent = get_model("order", "PaymentEvent")


@pytest.fixture
def paid_card_order(shopper, products, stripe_approving):
    """An order of both products paid by card at checkout (approving stripe-mock)."""
    response = shopper.checkout("card", *products, confirmation_token="ctoken_refund_tests")
    assert response.status_code == 302, response
    order = Order.objects.get()
    assert order.payment_status == PaymentStatus.PAID
    return order


@pytest.fixture
def transfer_order(shopper, products):
    """An order of both products to be paid by bank transfer, not paid yet."""
    response = shopper.checkout("bank-transfer", *products)
    assert response.status_code == 302, response
    order = Order.objects.get()
    assert order.is_awaiting_transfer
    return order


def logged_in(django_user_model, **flags):
    user = django_user_model.objects.create_user(
        username=f"user{django_user_model.objects.count()}", email="staff@example.com", password="x", **flags
    )
    client = Client()
    client.force_login(user)
    return client, user


@pytest.fixture
def staff(django_user_model):
    """A test client logged in as an active staff member (not a superuser)."""
    return logged_in(django_user_model, is_staff=True)


def money(order):
    order = Order.objects.get(pk=order.pk)
    return {
        "payment_status": order.payment_status,
        "amount_paid": order.amount_paid,
        "amount_refunded": order.amount_refunded,
        "payment_events": sorted(
            PaymentEvent.objects.filter(order=order).values_list("event_type__code", "amount")
        ),
    }


def messages_of(response):
    """The messages the client holds after `response`: earlier unread ones first, then the new one."""
    return [(message.level_tag, str(message)) for message in get_messages(response.wsgi_request)]


def vi(text, **values):
    with translation.override("vi"):
        return translation.gettext(text) % values


def refund(client, order, amount):
    return client.post(reverse("order-dashboard:refund", kwargs={"number": order.number}), {"amount": amount})


def detail_url(order):
    return reverse("dashboard:order-detail", kwargs={"number": order.number})


# --- Refunds ----------------------------------------------------------------------------


def test_staff_refund_part_then_the_rest(staff, paid_card_order):
    """A partial refund makes the order partly refunded; refunding the rest makes it refunded."""
    client, _ = staff
    total = paid_card_order.total_incl_tax

    response = refund(client, paid_card_order, 50000)

    assert response.status_code == 302 and response["Location"] == detail_url(paid_card_order)
    [(level, text)] = messages_of(response)
    assert level == "success" and "re_" in text
    assert money(paid_card_order) == {
        "payment_status": PaymentStatus.PARTLY_REFUNDED,
        "amount_paid": total,
        "amount_refunded": 50000,
        "payment_events": sorted([("paid", total), ("refunded", 50000)]),
    }
    assert paid_card_order.sources.get().amount_refunded == 50000

    response = refund(client, paid_card_order, int(total) - 50000)

    assert messages_of(response)[-1][0] == "success"
    assert money(paid_card_order) == {
        "payment_status": PaymentStatus.REFUNDED,
        "amount_paid": total,
        "amount_refunded": total,
        "payment_events": sorted([("paid", total), ("refunded", 50000), ("refunded", total - 50000)]),
    }


def test_a_refund_and_its_webhook_count_once(staff, paid_card_order, client):
    """Stripe's charge.refunded for a refund made from the dashboard changes nothing more."""
    staff_client, _ = staff
    refund(staff_client, paid_card_order, 50000)
    after_refund = money(paid_card_order)
    intent_id = paid_card_order.sources.get().reference
    total = paid_card_order.total_incl_tax

    response = post_event(
        client, event("charge.refunded", charge(intent_id, amount=total, amount_refunded=50000))
    )

    assert response.status_code == 200
    assert money(paid_card_order) == after_refund
    assert after_refund["amount_refunded"] == 50000


@pytest.mark.parametrize(
    "amount, message",
    [
        pytest.param("total+1", "At most %(amount)s can still be refunded.", id="more than paid"),
        pytest.param(0, "Refund at least 1 đồng.", id="zero"),
    ],
)
def test_a_refund_above_what_is_refundable_is_refused(staff, paid_card_order, amount, message):
    """The form refuses the amount with a message, and neither Stripe's nor our books move."""
    client, _ = staff
    total = int(paid_card_order.total_incl_tax)
    before = money(paid_card_order)

    response = refund(client, paid_card_order, total + 1 if amount == "total+1" else amount)

    assert response.status_code == 302 and response["Location"] == detail_url(paid_card_order)
    assert messages_of(response) == [("error", vi(message, amount=f"{total:,}".replace(",", ".")))]
    assert money(paid_card_order) == before


def test_after_a_partial_refund_only_the_rest_can_be_refunded(staff, paid_card_order):
    client, _ = staff
    total = int(paid_card_order.total_incl_tax)
    refund(client, paid_card_order, 50000)
    before = money(paid_card_order)

    response = refund(client, paid_card_order, total - 50000 + 1)

    rest = f"{total - 50000:,}".replace(",", ".")
    assert messages_of(response)[-1] == (
        "error",
        vi("At most %(amount)s can still be refunded.", amount=rest),
    )
    assert money(paid_card_order) == before


@pytest.mark.parametrize("who", ["anonymous", "customer"])
def test_only_staff_may_refund(django_user_model, paid_card_order, who):
    """Anyone but staff is sent to the login page; the payment is untouched."""
    client = Client() if who == "anonymous" else logged_in(django_user_model)[0]
    before = money(paid_card_order)

    response = refund(client, paid_card_order, 50000)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("dashboard:login") + "?next=")
    assert money(paid_card_order) == before


def test_a_non_card_order_cannot_be_refunded_through_stripe(staff, transfer_order):
    client, _ = staff

    response = refund(client, transfer_order, 1000)

    assert response.status_code == 404
    assert money(transfer_order)["amount_refunded"] == 0


# --- Marking a transfer paid ------------------------------------------------------------


def test_staff_mark_a_transfer_paid_once(
    staff, transfer_order, mailoutbox, django_capture_on_commit_callbacks
):
    """The first POST records the whole amount as paid and mails the buyer; the second says
    the order is not waiting for a transfer and changes nothing."""
    client, user = staff
    url = reverse("order-dashboard:mark-paid", kwargs={"number": transfer_order.number})
    total = transfer_order.total_incl_tax

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302 and response["Location"] == detail_url(transfer_order)
    assert messages_of(response) == [
        ("success", vi("Order %(number)s is marked paid.", number=transfer_order.number))
    ]
    paid = money(transfer_order)
    assert paid == {
        "payment_status": PaymentStatus.PAID,
        "amount_paid": total,
        "amount_refunded": 0,
        "payment_events": [("paid", total)],
    }
    assert PaymentEvent.objects.get(order=transfer_order).reference == f"staff:{user.pk}"
    order = Order.objects.get(pk=transfer_order.pk)
    assert order.paid_at is not None and order.payment_method == PaymentMethod.BANK_TRANSFER
    assert [mail.subject for mail in mailoutbox] == [
        order_mail_render(order=order, kind="payment_received")[0]
    ]

    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url)

    assert again.status_code == 302
    assert messages_of(again)[-1] == ("error", vi("This order is not waiting for a bank transfer."))
    assert money(transfer_order) == paid
    assert len(mailoutbox) == 1


def test_only_staff_may_mark_a_transfer_paid(django_user_model, transfer_order):
    client, _ = logged_in(django_user_model)
    before = money(transfer_order)

    response = client.post(reverse("order-dashboard:mark-paid", kwargs={"number": transfer_order.number}))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("dashboard:login") + "?next=")
    assert money(transfer_order) == before
