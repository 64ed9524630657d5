"""Issue 16: the step bar lists only the steps the buyer goes through, and the preview puts the
summary and "Đặt hàng" before the lines, which are a list (not a table) that fits a phone."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from order.models import PaymentMethod
from tests.catalog.factories import ProductFactory
from tests.checkout.forms_as_browser import page_of

pytestmark = pytest.mark.django_db

ProductClass = get_model("catalogue", "ProductClass")


def steps(page):
    bar = page.select_one("nav.checkout-nav ol.checkout-steps")
    return [" ".join(step.get_text(" ").split()) for step in bar.find_all("li")]


def current(page):
    return [
        " ".join(step.get_text(" ").split()) for step in page.select(".checkout-steps [aria-current=step]")
    ]


def test_the_step_bar_of_a_delivered_basket(client, shopper, products):
    shopper.add(products[0])
    shopper.start_as_guest("")
    address = page_of(client.get(reverse("checkout:shipping-address")))
    assert steps(address) == ["1 Địa chỉ giao hàng", "2 Cách thanh toán", "3 Xem lại và đặt hàng"]
    assert current(address) == ["1 Địa chỉ giao hàng"]

    shopper.give_address()
    payment = page_of(client.get(reverse("checkout:payment-method")))
    assert current(payment) == ["2 Cách thanh toán"]
    done = payment.select(".checkout-steps li.is-done a")
    assert [link["href"] for link in done] == [reverse("checkout:shipping-address")]
    assert reverse("checkout:shipping-method") not in str(payment)


def test_a_basket_with_nothing_to_deliver_has_no_address_step(client, shopper):
    service = ProductClass.objects.create(name="Dịch vụ du lịch", requires_shipping=False, track_stock=False)
    tour = ProductFactory(title="Một ngày ở Lục Ngạn", product_class=service)
    shopper.add(tour)
    shopper.start_as_guest("")
    payment = page_of(client.get(reverse("checkout:payment-method"), follow=True))

    assert steps(payment) == ["1 Cách thanh toán", "2 Xem lại và đặt hàng"]
    assert current(payment) == ["1 Cách thanh toán"]


def test_the_thank_you_page_has_no_step_bar(shopper, products):
    response = shopper.checkout(PaymentMethod.COD, products[0], email="")
    page = page_of(shopper.client.get(response["Location"]))
    assert page.select_one("nav.checkout-nav") is None


@pytest.fixture
def preview(client, shopper, products):
    for product in products:
        shopper.add(product)
    shopper.start_as_guest("")
    shopper.give_address()
    shopper.choose_payment(PaymentMethod.COD)
    return page_of(client.get(reverse("checkout:preview")))


def test_the_preview_puts_the_total_and_place_order_before_the_lines(preview):
    summary = preview.select_one(".preview-summary")
    contents = preview.select_one(".preview-contents")
    place = preview.select_one("#place-order")

    assert summary in place.parents
    assert summary.sourceline < contents.sourceline  # first on a phone, where one column stacks
    text = " ".join(summary.get_text(" ").split())
    assert "Địa chỉ giao hàng Nguyễn Thị Hoa, 0912 345 678" in text
    assert "Thanh toán khi nhận hàng (COD)" in text
    assert "Tổng cộng 300.000 ₫" in text


def test_the_preview_lists_lines_by_producer_without_a_table(preview):
    contents = preview.select_one(".preview-contents")
    assert contents.find("table") is None
    parts = {
        part.find("h3").get_text(strip=True): [
            " ".join(line.get_text(" ").split()) for line in part.select("ul.preview-lines > li")
        ]
        for part in contents.select(".preview-part")
    }
    assert parts == {
        "HTX Vải": ["Vải thiều thử 1 × 150.000 ₫ 150.000 ₫"],
        "HTX Mật ong": ["Mật ong thử 1 × 90.000 ₫ 90.000 ₫"],
    }
