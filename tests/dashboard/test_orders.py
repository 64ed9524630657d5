"""A producer's view of orders in Oscar's dashboard: its own lines, part and money only."""

import csv
import io

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.inquiries.factories import InquiryFactory

pytestmark = pytest.mark.django_db

PaymentEvent = get_model("order", "PaymentEvent")
OrderNote = get_model("order", "OrderNote")
ShippingEvent = get_model("order", "ShippingEvent")


def test_the_order_list_shows_only_what_the_producer_sold(client, two_producers):
    world = two_producers
    client.force_login(world["a_user"])
    page = client.get(reverse("dashboard:order-list")).content.decode()
    assert world["shared"].number in page and world["b_only"].number not in page
    # 150.000 ₫ of lychee and its 30.000 ₫ delivery, not the order's 300.000 ₫.
    assert "180.000" in page and "300.000" not in page


def test_the_csv_export_holds_only_the_producers_part(client, two_producers):
    world = two_producers
    client.force_login(world["a_user"])
    response = client.post(
        reverse("dashboard:order-list"),
        {"action": "download_selected_orders", "selected_order": [world["shared"].pk, world["b_only"].pk]},
    )
    body = response.content.decode()
    assert world["shared"].number in body and world["b_only"].number not in body
    assert "180000" in body and "300000" not in body and "shared@example.com" in body


def test_the_order_page_shows_the_producers_lines_and_part_only(client, two_producers):
    world = two_producers
    client.force_login(world["a_user"])
    page = client.get(
        reverse("dashboard:order-detail", kwargs={"number": world["shared"].number})
    ).content.decode()
    assert "Vải thiều thử" in page and "180.000" in page
    assert "Mật ong thử" not in page and "HTX Mật ong" not in page and "300.000" not in page


def test_another_producers_order_is_not_found(client, two_producers):
    world = two_producers
    client.force_login(world["a_user"])
    url = reverse("dashboard:order-detail", kwargs={"number": world["b_only"].number})
    assert client.get(url).status_code == 404


def test_order_wide_actions_are_refused_to_producers(client, two_producers):
    world = two_producers
    client.force_login(world["a_user"])
    url = reverse("dashboard:order-detail", kwargs={"number": world["shared"].number})
    client.post(url, {"order_action": "save_note", "message": "ghi chú của A"})
    client.post(url, {"order_action": "create_order_payment_event", "amount": "9999999", "event_type": "1"})
    client.post(
        url,
        {
            "line_action": "create_shipping_event",
            "selected_line": [world["b_line"].pk],
            "shipping_event_type": "1",
        },
    )
    assert not OrderNote.objects.exists() and not PaymentEvent.objects.filter(amount=9999999).exists()
    assert not ShippingEvent.objects.exists()


@pytest.mark.parametrize("name", ["dashboard:order-shipping-address"])
def test_the_buyers_address_is_staff_only(client, two_producers, name):
    world = two_producers
    client.force_login(world["a_user"])
    response = client.get(reverse(name, kwargs={"number": world["shared"].number}))
    assert response.status_code in (302, 403)


def test_a_line_of_another_producer_is_not_found(client, two_producers):
    world = two_producers
    client.force_login(world["a_user"])
    number = world["shared"].number
    own = reverse("dashboard:order-line-detail", kwargs={"number": number, "line_id": world["a_line"].pk})
    other = reverse("dashboard:order-line-detail", kwargs={"number": number, "line_id": world["b_line"].pk})
    assert client.get(own).status_code == 200
    assert client.get(other).status_code == 404


def test_statistics_and_home_page_count_the_producers_own_sales(client, two_producers):
    world = two_producers
    client.force_login(world["a_user"])
    stats = client.get(reverse("dashboard:order-stats")).context
    assert (stats["total_orders"], stats["total_lines"], stats["total_revenue"]) == (1, 1, 180000)
    home = client.get(reverse("dashboard:index"))
    assert home.context["producer_revenue_this_month"] == 180000
    assert home.context["producer_parts_to_handle_count"] == 1
    assert "300.000" not in home.content.decode()


def test_the_home_page_counts_the_producers_own_new_inquiries(client, two_producers):
    world = two_producers
    InquiryFactory(producer=world["a"])
    InquiryFactory(producer=world["a"], status="answered")
    InquiryFactory(producer=world["b"])
    client.force_login(world["a_user"])

    home = client.get(reverse("dashboard:index"))

    assert home.context["producer_new_inquiries"] == 1
    assert 'data-stat="new-inquiries">1<' in home.content.decode()


def test_staff_still_see_the_whole_order(client, two_producers, django_user_model):
    staff = django_user_model.objects.create_superuser("staff", "staff@ocop.example", "pw")
    client.force_login(staff)
    page = client.get(reverse("dashboard:order-detail", kwargs={"number": two_producers["shared"].number}))
    html = page.content.decode()
    assert "HTX Mật ong" in html and "HTX Vải" in html and "300.000" in html


def test_staffs_order_list_names_statuses_and_filters_by_them(client, two_producers, django_user_model):
    Order = get_model("order", "Order")
    Order.objects.filter(pk=two_producers["b_only"].pk).update(status="partly-shipped")
    client.force_login(django_user_model.objects.create_superuser("staff", "staff@ocop.example", "pw"))

    html = client.get(reverse("dashboard:order-list")).content.decode()

    assert ">Đang giao một phần<" in html and ">partly-shipped<" not in html
    assert 'value="change_order_statuses"' not in html  # statuses follow the producers' parts
    filtered = client.get(reverse("dashboard:order-list"), {"status": "partly-shipped"})
    assert [order.number for order in filtered.context["orders"]] == [two_producers["b_only"].number]
    assert '<option value="partly-shipped" selected>Đang giao một phần</option>' in filtered.content.decode()


def test_each_producer_is_mailed_its_own_lines_of_a_new_order(
    products, commune, client, producer_user, mailoutbox, committed
):
    from tests.shopping import Shopper

    lychee, honey = products
    producer_user(lychee.stockrecords.get().partner, "a@htx-vai.example")
    producer_user(honey.stockrecords.get().partner, "b@htx-mat-ong.example")
    with committed():
        Shopper(client, commune).checkout("cod", lychee, honey)
    to_a = [mail for mail in mailoutbox if mail.to == ["a@htx-vai.example"]]
    to_b = [mail for mail in mailoutbox if mail.to == ["b@htx-mat-ong.example"]]
    assert len(to_a) == len(to_b) == 1
    assert "Vải thiều thử" in to_a[0].body and "Mật ong thử" not in to_a[0].body
    assert "Mật ong thử" in to_b[0].body and "Vải thiều thử" not in to_b[0].body
    assert "/shop/dashboard/orders/" in to_a[0].body


def test_the_csv_export_writes_a_buyers_formula_as_text(client, two_producers):
    world = two_producers
    order = world["shared"]
    order.shipping_address.first_name = "=cmd|' /C calc'!A0"
    order.shipping_address.save()
    client.force_login(world["a_user"])

    response = client.post(
        reverse("dashboard:order-list"),
        {"action": "download_selected_orders", "selected_order": [order.pk]},
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert any(cell.startswith("'=cmd|") for cell in rows[1])
    assert not any(cell.startswith("=") for row in rows for cell in row)
    assert any(cell.startswith("180000") for cell in rows[1])
