"""The back office's order screens for a producer's part: one next move at a time with labelled
fields, cancelling apart, refusals that keep what was typed, the lot of each line, and the
packing slip's download (its contents: tests/order/test_packing_slip.py)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from order.fulfilment import fulfilment_advance
from order.models import FulfilmentStatus
from tests.marketplace.test_vietnamese_wording import assert_natural, text_of
from traceability.models import Lot

pytestmark = pytest.mark.django_db


@pytest.fixture
def vai(order):
    return order.fulfilments.get(partner__name="HTX Vải")


@pytest.fixture
def vai_client(client, vai, producer_user):
    client.force_login(producer_user(vai.partner, "vai@example.com"))
    return client


@pytest.fixture
def lychee_lot(products):
    lychee = products[0]
    return Lot.objects.create(
        product=lychee,
        producer=lychee.stockrecords.get().partner,
        code="VAI-0612",
        produced_on=timezone.localdate(),
        quantity=100,
        is_published=True,
    )


def page_of(client, order):
    return client.get(reverse("dashboard:order-detail", kwargs={"number": order.number})).content.decode()


def next_moves(html):
    """The moves offered as forms, in the page's order."""
    return re.findall(r'data-action-form="(\w+)"', html)


def test_each_state_offers_one_next_move_and_cancelling_apart(vai_client, order, vai):
    html = page_of(vai_client, order)
    assert next_moves(html) == ["confirm", "cancel"]
    assert '<details class="part-cancel' in html and 'for="reason-' in html
    assert "placeholder=" not in html

    fulfilment_advance(part=vai, action="confirm")
    html = page_of(vai_client, order)
    assert next_moves(html) == ["ship", "cancel"]
    assert f'<label for="carrier-{vai.pk}">Đơn vị vận chuyển</label>' in html
    assert f'<label for="tracking-{vai.pk}">Mã vận đơn</label>' in html

    fulfilment_advance(part=vai, action="ship", carrier="GHN", tracking_number="GHN1")
    html = page_of(vai_client, order)
    assert next_moves(html) == ["deliver"]
    # Cash on delivery: the lychee and its delivery fee, to collect.
    assert "người giao hàng đã thu 180.000" in html

    fulfilment_advance(part=vai, action="deliver")
    assert next_moves(page_of(vai_client, order)) == []


def test_a_refused_shipment_keeps_what_was_typed(vai_client, order, vai):
    fulfilment_advance(part=vai, action="confirm")
    url = reverse("order-dashboard:part-action", kwargs={"pk": vai.pk})

    html = vai_client.post(url, {"action": "ship", "carrier": "Viettel Post"}, follow=True).content.decode()

    carrier = re.compile(rf'<input [^>]*id="carrier-{vai.pk}" name="carrier" [^>]*value="Viettel Post"')
    assert carrier.search(html)
    assert "Vui lòng nhập mã vận đơn." in html
    assert 'aria-invalid="true" aria-describedby="tracking-' in html
    vai.refresh_from_db()
    assert vai.status == FulfilmentStatus.CONFIRMED
    # Shown once: the page opened again is empty.
    assert not carrier.search(page_of(vai_client, order))


def test_a_refused_lot_keeps_the_parcel_and_offers_only_usable_lots(vai_client, order, vai, lychee_lot):
    fulfilment_advance(part=vai, action="confirm")
    line = order.lines.get(partner=vai.partner)
    lychee_lot.produced_on = timezone.localdate() - timezone.timedelta(days=30)
    lychee_lot.expires_on = timezone.localdate() - timezone.timedelta(days=1)
    lychee_lot.save()
    fresh = Lot.objects.create(
        product=lychee_lot.product,
        producer=vai.partner,
        code="VAI-MOI",
        produced_on=timezone.localdate(),
        quantity=10,
        is_published=True,
    )

    html = vai_client.post(
        reverse("order-dashboard:part-action", kwargs={"pk": vai.pk}),
        {"action": "ship", "carrier": "GHN", "tracking_number": "GHN5", f"lot-{line.pk}": lychee_lot.pk},
        follow=True,
    ).content.decode()

    assert "đã hết hạn sử dụng" in html and 'value="GHN5"' in html
    assert f'id="lot-{line.pk}-{vai.pk}-error"' in html
    options = re.findall(
        r"<option value=\"(\d*)\"", html.split(f'name="lot-{line.pk}"')[1].split("</select>")[0]
    )
    assert options == ["", str(fresh.pk)]


def test_a_cancel_without_reason_opens_the_cancel_form_again(vai_client, order, vai):
    html = vai_client.post(
        reverse("order-dashboard:part-action", kwargs={"pk": vai.pk}),
        {"action": "cancel", "reason": "  "},
        follow=True,
    ).content.decode()
    assert '<details class="part-cancel mt-3 pt-3 border-top" open>' in html
    assert "Vui lòng nêu lý do hủy." in html
    vai.refresh_from_db()
    assert vai.status == FulfilmentStatus.PLACED


def test_the_lot_of_each_line_is_shown_to_the_producer_and_to_staff(
    vai_client, order, vai, lychee_lot, client, superuser
):
    line = order.lines.get(partner=vai.partner)
    assert "chọn khi gửi hàng" in page_of(vai_client, order)
    fulfilment_advance(
        part=vai, action="ship", carrier="GHN", tracking_number="GHN1", lots={line.pk: lychee_lot.pk}
    )

    lot_cell = re.compile(r'<td class="line-lot"><a href="/t/\w+" [^>]*>VAI-0612</a></td>')
    assert lot_cell.search(page_of(vai_client, order))
    client.force_login(superuser)
    staff_page = page_of(client, order)
    assert lot_cell.search(staff_page)
    assert "không ghi lô" not in staff_page and "chọn khi gửi hàng" in staff_page  # the honey part


def test_the_packing_slip_is_its_producers_and_staffs_only(order, vai, client, producer_user, superuser):
    url = reverse("order-dashboard:packing-slip", kwargs={"pk": vai.pk})
    honey = order.fulfilments.get(partner__name="HTX Mật ong")

    client.force_login(producer_user(honey.partner, "mat-ong@example.com"))
    assert client.get(url).status_code == 404
    client.force_login(producer_user(vai.partner, "vai@example.com"))
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f'href="{url}"' in page_of(client, order)
    client.force_login(superuser)
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302


def test_the_order_screens_speak_the_glossary(vai_client, order, client, superuser):
    producer_page = text_of(
        vai_client.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))
    )
    client.force_login(superuser)
    staff_page = text_of(client.get(reverse("dashboard:order-detail", kwargs={"number": order.number})))

    for name, page in {"producer": producer_page, "staff": staff_page}.items():
        assert_natural(page, name)
        assert "Chờ xác nhận" in page and "In phiếu đóng gói (PDF)" in page
    assert "Mua không cần tài khoản" in staff_page and "Sản phẩm đã đặt" in staff_page
    assert "Status Changes" not in staff_page and "No status changes." not in staff_page
