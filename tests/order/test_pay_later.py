"""The pay page of an order placed for the buyer: choosing cash, a transfer or a card before
the deadline, and the release of what is left unpaid after it."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from order.direct import DirectLine, order_place_direct
from order.fulfilment import InvalidTransition, fulfilment_advance, order_cancel
from order.models import FulfilmentStatus, OrderStatus, PaymentMethod, PaymentStatus
from order.pay_later import PaymentRefused, order_payment_choose
from order.settlement import orders_overdue, parts_unconfirmed
from order.signals import order_cancelled
from payment.cards import card_intent_id
from tests.conftest import _stripe_mock_url
from tests.order.conftest import PAY_BY
from tests.payment.stripe_events import event, payment_intent, post_event
from tests.traceability.factories import LotFactory

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

BEFORE = PAY_BY - datetime.timedelta(days=5)
AFTER = PAY_BY + datetime.timedelta(minutes=1)


def page(client, order):
    response = client.get(order.get_pay_url())
    assert response.status_code == 200
    return response.content.decode()


def choose(client, order, method, **extra):
    return client.post(order.get_pay_url(), {"method": method, **extra})


def allocated(product):
    return StockRecord.objects.get(product=product).num_allocated or 0


@pytest.fixture(autouse=True)
def _before_the_deadline():
    with time_machine.travel(BEFORE, tick=False):
        yield


def test_the_pay_page_shows_the_order_and_the_deadline_on_vietnams_clock(client, direct_order):
    text = page(client, direct_order)
    assert "Vui lòng thanh toán trước 10:00 ngày 12/06/2027." in text
    assert "HTX Vải" in text and "HTX Mật ong" in text
    assert "385.000\xa0₫" in text
    assert "240.000\xa0₫" in text
    assert 'value="cod"' in text and 'value="bank-transfer"' in text
    assert 'value="card"' not in text  # no Stripe keys here


def test_the_pay_page_names_each_lines_lot(client, products, commune):
    lychee, _ = products
    lot = LotFactory(product=lychee, code="VAI-2027-01")
    order = order_place_direct(
        lines=[DirectLine(product=lychee, quantity=1, unit_price=150000, lot=lot)],
        email="",
        shipping_address=None,
        pay_by=PAY_BY,
        language="vi",
    )
    text = page(client, order)
    assert "Lô VAI-2027-01" in text and "150.000\xa0₫" in text


def test_cash_on_delivery_makes_it_an_ordinary_cod_order(client, direct_order, mailoutbox, committed):
    part = direct_order.fulfilments.order_by("partner__name").first()
    part.partner.email = "ban-hang@htx-mat-ong.example"
    part.partner.save()
    with pytest.raises(InvalidTransition):
        fulfilment_advance(part=part, action="confirm")  # not before the buyer has chosen

    with committed():
        response = choose(client, direct_order, "cod")
    assert response["Location"] == direct_order.get_status_url()
    direct_order.refresh_from_db()
    assert direct_order.payment_method == PaymentMethod.COD
    assert direct_order.payment_chosen_at == timezone.now()
    assert direct_order.payment_status == PaymentStatus.AWAITING
    # the buyer's confirmation, and the new part of the producer that has an address
    assert [mail.to for mail in mailoutbox] == [["hoa@example.com"], ["ban-hang@htx-mat-ong.example"]]
    assert mailoutbox[0].subject == f"Đã nhận đơn hàng {direct_order.number}"

    fulfilment_advance(part=part, action="confirm")
    part.refresh_from_db()
    assert part.status == FulfilmentStatus.CONFIRMED


def test_a_bank_transfer_shows_the_vietqr_due_by_the_deadline(client, direct_order, mailoutbox, committed):
    with committed():
        response = choose(client, direct_order, "bank-transfer")
    assert f"OCOP{direct_order.number}" in mailoutbox[0].body
    assert "Hạn thanh toán: 10:00 12/06/2027" in mailoutbox[0].body
    direct_order.refresh_from_db()
    assert direct_order.payment_method == PaymentMethod.BANK_TRANSFER
    status = client.get(response["Location"]).content.decode()
    assert "<svg" in status and f"OCOP{direct_order.number}" in status
    assert "Chuyển khoản trước 10:00 ngày 12/06/2027" in status


def test_choosing_twice_changes_nothing_the_second_time(client, direct_order, mailoutbox, committed):
    with committed():
        choose(client, direct_order, "cod")
        response = choose(client, direct_order, "bank-transfer")
    assert response["Location"] == direct_order.get_status_url()
    direct_order.refresh_from_db()
    assert direct_order.payment_method == PaymentMethod.COD
    assert len(mailoutbox) == 1  # mailed once
    assert "Bạn đã chọn cách thanh toán cho đơn hàng này" in page(client, direct_order)


def test_after_the_deadline_the_page_refuses_and_nothing_changes(client, direct_order, mailoutbox):
    with time_machine.travel(AFTER, tick=False):
        text = page(client, direct_order)
        assert "quá hạn thanh toán (10:00 ngày 12/06/2027)" in text
        assert 'name="method"' not in text
        response = choose(client, direct_order, "cod")
        assert response.status_code == 200
    direct_order.refresh_from_db()
    assert direct_order.payment_method == PaymentMethod.UNCHOSEN
    assert direct_order.payment_chosen_at is None
    assert mailoutbox == []


def test_a_cancelled_order_cannot_be_paid(client, direct_order):
    order_cancel(order=direct_order, reason="hết hàng", notify=False)
    assert "Đơn hàng này đã bị hủy" in page(client, direct_order)
    choose(client, direct_order, "cod")
    direct_order.refresh_from_db()
    assert direct_order.payment_method == PaymentMethod.UNCHOSEN


def test_a_checkout_order_has_no_pay_page_choice(client, order):
    text = page(client, order)
    assert "không cần chọn lại" in text and 'name="method"' not in text


def test_an_unknown_method_is_refused(direct_order):
    with pytest.raises(PaymentRefused):
        order_payment_choose(order=direct_order, method="card")  # cards are not configured
    direct_order.refresh_from_db()
    assert direct_order.payment_method == PaymentMethod.UNCHOSEN


def test_the_status_page_asks_the_buyer_to_choose(client, direct_order):
    status = client.get(direct_order.get_status_url()).content.decode()
    assert "Chờ bạn chọn cách thanh toán · hạn 10:00 ngày 12/06/2027" in status
    assert direct_order.get_pay_url() in status
    assert "Chưa chọn" in status


# Cards, on stripe-mock


def test_a_card_is_a_second_step_then_paid(client, direct_order, stripe_approving, mailoutbox, committed):
    step = choose(client, direct_order, "card").content.decode()
    assert 'name="confirmation_token" value="ctoken_stripe_mock"' in step
    assert "Thanh toán 385.000\xa0₫ bằng thẻ" in step
    direct_order.refresh_from_db()
    assert direct_order.payment_method == PaymentMethod.UNCHOSEN  # nothing yet

    with committed():
        response = choose(client, direct_order, "card", confirmation_token="ctoken_stripe_mock")
    assert response["Location"] == direct_order.get_status_url()
    direct_order.refresh_from_db()
    assert direct_order.payment_method == PaymentMethod.CARD
    assert direct_order.payment_status == PaymentStatus.PAID
    assert direct_order.amount_paid == 385000
    assert direct_order.payment_chosen_at is not None
    assert card_intent_id(order=direct_order)
    assert len(mailoutbox) == 2  # the confirmation and the payment received


def test_a_refused_card_changes_nothing_and_says_why(client, direct_order, stripe_declining, mailoutbox):
    response = choose(client, direct_order, "card", confirmation_token="ctoken_stripe_mock")
    assert response.status_code == 200
    assert "Thẻ của bạn bị từ chối và bạn chưa bị trừ tiền." in response.content.decode()
    assert 'name="confirmation_token"' in response.content.decode()  # the card step again
    direct_order.refresh_from_db()
    assert direct_order.payment_method == PaymentMethod.UNCHOSEN
    assert direct_order.amount_paid == 0
    assert mailoutbox == []


@pytest.fixture
def bank_step(client, direct_order, stripe_confirming):
    """A card chosen on the pay page, stopped at the bank's 3-D Secure step."""
    response = choose(client, direct_order, "card", confirmation_token="ctoken_test")
    action = reverse("order:pay-card-action", kwargs={"token": direct_order.pay_token})
    assert response["Location"] == action
    direct_order.refresh_from_db()
    return action


def test_the_bank_step_then_the_orders_page(client, direct_order, bank_step, settings, mailoutbox, committed):
    text = client.get(bank_step).content.decode()
    assert 'data-client-secret="' in text
    assert direct_order.awaits_payment_choice  # producers still wait
    assert mailoutbox == []

    settings.STRIPE_API_BASE = _stripe_mock_url("STRIPE_MOCK_APPROVE_URL")
    with committed():
        response = client.get(reverse("order:pay-card-return", kwargs={"token": direct_order.pay_token}))
    assert response["Location"] == direct_order.get_status_url()
    direct_order.refresh_from_db()
    assert direct_order.payment_status == PaymentStatus.PAID
    assert not direct_order.awaits_payment_choice
    assert len(mailoutbox) == 2
    # the bank's step left nothing to do: back there, the buyer lands on the order's page
    assert client.get(bank_step)["Location"] == direct_order.get_status_url()


def test_the_bank_refuses_and_the_buyer_may_choose_again(client, direct_order, bank_step, settings):
    settings.STRIPE_API_BASE = _stripe_mock_url("STRIPE_MOCK_URL")
    response = client.get(reverse("order:pay-card-return", kwargs={"token": direct_order.pay_token}))
    assert response["Location"] == direct_order.get_pay_url()
    direct_order.refresh_from_db()
    assert direct_order.payment_method == PaymentMethod.UNCHOSEN
    assert direct_order.status == OrderStatus.PLACED
    assert choose(client, direct_order, "cod")["Location"] == direct_order.get_status_url()


def bank_says(client, order, kind, status):
    """Stripe's webhook tells how the order's payment at the bank ended; returns the HTTP status."""
    intent_id = card_intent_id(order=order)
    intent = payment_intent(intent_id, amount=order.total_incl_tax, status=status, order_number=order.number)
    return post_event(client, event(kind, intent)).status_code


def test_the_webhook_reopens_the_choice_when_the_bank_refuses(client, direct_order, bank_step, settings):
    assert bank_says(client, direct_order, "payment_intent.payment_failed", "requires_payment_method") == 200
    direct_order.refresh_from_db()
    assert direct_order.payment_method == PaymentMethod.UNCHOSEN
    assert direct_order.status == OrderStatus.PLACED


def test_the_webhook_settles_a_card_paid_at_the_bank(client, direct_order, bank_step, mailoutbox, committed):
    with committed():
        assert bank_says(client, direct_order, "payment_intent.succeeded", "succeeded") == 200
    direct_order.refresh_from_db()
    assert direct_order.payment_status == PaymentStatus.PAID
    assert direct_order.payment_chosen_at is not None
    assert len(mailoutbox) == 2


# The deadline


@pytest.fixture
def heard():
    calls = []

    def receiver(sender, order, reason, **kwargs):
        calls.append((order.number, reason))

    order_cancelled.connect(receiver, weak=False, dispatch_uid="test-pay-later")
    yield calls
    order_cancelled.disconnect(dispatch_uid="test-pay-later")


def test_unpaid_orders_are_released_after_the_deadline(
    client, direct_order, products, heard, mailoutbox, committed
):
    Order.objects.filter(pk=direct_order.pk).update(language="en")
    assert list(orders_overdue(now=timezone.now())) == []
    call_command("orders_release_unpaid", verbosity=0)
    direct_order.refresh_from_db()
    assert direct_order.status == OrderStatus.PLACED

    with time_machine.travel(AFTER, tick=False):
        assert list(orders_overdue(now=timezone.now())) == [direct_order]
        with committed():
            call_command("orders_release_unpaid", verbosity=0)
    direct_order.refresh_from_db()
    assert direct_order.status == OrderStatus.CANCELLED
    assert direct_order.payment_status == PaymentStatus.VOID
    assert [allocated(product) for product in products] == [0, 0]
    assert heard == [(direct_order.number, "not paid by 10:00 on 12/06/2027")]
    assert [mail.subject for mail in mailoutbox] == [f"Order {direct_order.number} cancelled"]
    assert "not paid by 10:00 on 12/06/2027" in mailoutbox[0].body


def test_a_transfer_chosen_in_time_is_due_by_the_deadline(direct_order, settings):
    order_payment_choose(order=direct_order, method=PaymentMethod.BANK_TRANSFER)
    hours_later = timezone.now() + datetime.timedelta(hours=settings.MARKETPLACE_TRANSFER_HOURS + 1)
    assert hours_later < PAY_BY
    assert list(orders_overdue(now=hours_later)) == []
    assert list(orders_overdue(now=AFTER)) == [direct_order]


def test_cash_on_delivery_chosen_in_time_is_not_released_by_the_deadline(direct_order, settings):
    order_payment_choose(order=direct_order, method=PaymentMethod.COD)
    assert list(orders_overdue(now=AFTER)) == []
    # its producers have MARKETPLACE_COD_CONFIRM_HOURS from the choice, not from the placing
    Order.objects.filter(pk=direct_order.pk).update(date_placed=BEFORE - datetime.timedelta(days=30))
    assert list(parts_unconfirmed(now=timezone.now())) == []
    later = timezone.now() + datetime.timedelta(hours=settings.MARKETPLACE_COD_CONFIRM_HOURS, minutes=1)
    assert len(parts_unconfirmed(now=later)) == 2


# The back office


def test_the_producers_page_shows_the_method_and_deadline_without_a_confirm_button(
    client, direct_order, producer_user
):
    part = direct_order.fulfilments.order_by("partner__name").last()  # HTX Vải
    client.force_login(producer_user(part.partner, "vai@example.com"))
    text = client.get(
        reverse("dashboard:order-detail", kwargs={"number": direct_order.number})
    ).content.decode()
    assert "Chưa chọn" in text
    assert "10:00 12/06/2027" in text
    assert "Người mua chưa chọn cách thanh toán (hạn 10:00 ngày 12/06/2027)" in text
    assert 'value="confirm"' not in text
    response = client.post(
        reverse("order-dashboard:part-action", kwargs={"pk": part.pk}), {"action": "confirm"}
    )
    assert response.status_code == 302
    part.refresh_from_db()
    assert part.status == FulfilmentStatus.PLACED


def test_the_offices_page_shows_the_method_and_deadline(staff_client, direct_order):
    text = staff_client.get(
        reverse("dashboard:order-detail", kwargs={"number": direct_order.number})
    ).content.decode()
    assert "Chưa chọn" in text and "10:00 12/06/2027" in text


def test_the_pay_page_speaks_english_on_english_links(client, direct_order, english):
    url = direct_order.get_pay_url()
    assert url.startswith("/en/")
    assert "Please pay before 10:00 on 12/06/2027." in client.get(url).content.decode()
    status = client.get(direct_order.get_status_url()).content.decode()
    assert "Waiting for you to choose how to pay · deadline 10:00 on 12/06/2027" in status
    assert "Not chosen yet" in status


def test_choices_are_rate_limited_per_address(client, direct_order, monkeypatch):
    monkeypatch.setattr("order.views.PAY_LIMIT", 0)
    response = choose(client, direct_order, "cod")
    assert "Bạn đã thử quá nhiều lần. Vui lòng thử lại sau một giờ." in response.content.decode()
    direct_order.refresh_from_db()
    assert direct_order.payment_method == PaymentMethod.UNCHOSEN


def test_the_producers_home_lists_the_part_once_the_buyer_has_chosen(client, direct_order, producer_user):
    part = direct_order.fulfilments.order_by("partner__name").last()
    client.force_login(producer_user(part.partner, "vai@example.com"))
    assert client.get(reverse("dashboard:index")).context["producer_parts_to_handle_count"] == 0
    order_payment_choose(order=direct_order, method=PaymentMethod.COD)
    home = client.get(reverse("dashboard:index"))
    assert home.context["producer_parts_to_handle_count"] == 1
    assert direct_order.number in home.content.decode()


def test_the_card_steps_open_only_with_the_orders_own_pay_link(client, direct_order, bank_step):
    tampered = direct_order.pay_token[:-1] + ("A" if direct_order.pay_token[-1] != "A" else "B")
    for name in ("order:pay-card-action", "order:pay-card-return"):
        assert client.get(reverse(name, kwargs={"token": tampered})).status_code == 404
        assert client.get(reverse(name, kwargs={"token": direct_order.status_token})).status_code == 404
    # another buyer (another session) holding the link is sent to the order's page, not the bank's step
    assert Client().get(bank_step)["Location"] == direct_order.get_status_url()
