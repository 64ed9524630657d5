"""Issue 16: our basket page. Lines are cards with the unit price ("Đơn giá"); the quantity
stepper, "Xóa" and the typed quantities are plain form buttons that work without JavaScript,
posting what Oscar's BasketView's formset expects; an empty basket says what to do next."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test.factories.offer import ConditionalOfferFactory, ConditionFactory, RangeFactory

from tests.checkout.forms_as_browser import form_data, page_of

pytestmark = pytest.mark.django_db

Line = get_model("basket", "Line")


@pytest.fixture
def basket_page(client, shopper, products):
    shopper.add(products[0], quantity=2)
    shopper.add(products[1])
    return page_of(client.get(reverse("basket:summary")))


def quantities():
    return {line.product.title: line.quantity for line in Line.objects.select_related("product")}


def press(client, page, button):
    action, data = form_data(page, button)
    return client.post(action, data, follow=True)


def line_card(page, title):
    (card,) = [
        card for card in page.select("li.basket-line") if card.find("h3").get_text(strip=True) == title
    ]
    return card


def test_each_line_is_a_card_with_its_producer_unit_price_and_total(basket_page):
    card = line_card(basket_page, "Vải thiều thử")
    text = " ".join(card.get_text(" ").split())

    assert "HTX Vải" in text
    assert "Đơn giá: 150.000 ₫" in text
    assert "Thành tiền: 300.000 ₫" in text
    assert card.find("img")["alt"] == ""  # the title next to it names the product
    assert not basket_page.select("[data-behaviours]")  # Oscar's script-driven links are gone


def test_plus_and_minus_change_one_line_without_javascript(client, basket_page):
    honey = line_card(basket_page, "Mật ong thử")
    (plus,) = honey.select("button[aria-label='Thêm một']")
    response = press(client, basket_page, plus)
    assert response.status_code == 200
    assert quantities() == {"Vải thiều thử": 2, "Mật ong thử": 2}

    page = page_of(client.get(reverse("basket:summary")))
    (minus,) = line_card(page, "Vải thiều thử").select("button[aria-label='Bớt một']")
    press(client, page, minus)
    assert quantities() == {"Vải thiều thử": 1, "Mật ong thử": 2}


def test_minus_is_off_at_one_so_that_only_remove_removes(basket_page):
    (minus,) = line_card(basket_page, "Mật ong thử").select("button[aria-label='Bớt một']")
    assert minus.has_attr("disabled")


def test_remove_takes_out_its_line_only(client, basket_page):
    (remove,) = line_card(basket_page, "Vải thiều thử").select("button.basket-line__remove")
    assert remove.name == "button" and remove.get_text(" ", strip=True).startswith("Xóa")

    page = page_of(press(client, basket_page, remove))
    assert quantities() == {"Mật ong thử": 1}
    assert [card.find("h3").get_text(strip=True) for card in page.select("li.basket-line")] == ["Mật ong thử"]


def test_typed_quantities_are_sent_by_the_update_button(client, basket_page):
    line_card(basket_page, "Vải thiều thử").find("input", type="number")["value"] = "4"  # typed
    (update,) = line_card(basket_page, "Mật ong thử").select("button.basket-line__update")
    press(client, basket_page, update)
    assert quantities() == {"Vải thiều thử": 4, "Mật ong thử": 1}


def test_a_quantity_over_the_stock_keeps_every_line_and_says_why_in_vietnamese(client, basket_page):
    honey = line_card(basket_page, "Mật ong thử")
    (plus,) = honey.select("button[aria-label='Thêm một']")
    plus["value"] = "9"  # five in stock
    response = press(client, basket_page, plus)

    page = page_of(response)
    assert [card.find("h3").get_text(strip=True) for card in page.select("li.basket-line")] == [
        "Vải thiều thử",
        "Mật ong thử",
    ]
    error = line_card(page, "Mật ong thử").select_one(".basket-line__error")
    assert error is not None and "tối đa 5" in error.get_text()
    assert quantities() == {"Vải thiều thử": 2, "Mật ong thử": 1}


def test_the_summary_has_the_sum_delivery_by_producer_and_the_checkout_button(basket_page):
    summary = " ".join(basket_page.select_one(".basket-summary").get_text(" ").split())

    assert "Tạm tính 390.000 ₫" in summary
    assert "Phí vận chuyển 60.000 ₫" in summary
    assert "Tổng cộng 450.000 ₫" in summary
    assert "Mua thêm 200.000 ₫ của chủ thể này để được miễn phí vận chuyển." in summary
    checkout = basket_page.select_one(".basket-summary a.basket-checkout")
    assert checkout["href"] == reverse("checkout:index") and checkout.get_text(strip=True) == "Thanh toán"
    # On a phone, the bar that stays at the bottom of the screen has the total and the button too.
    bar = " ".join(basket_page.select_one(".basket-checkout-bar").get_text(" ").split())
    assert bar == "Tổng cộng 450.000 ₫ Thanh toán"


def test_an_empty_basket_says_what_to_do_next(client):
    page = page_of(client.get(reverse("basket:summary")))
    empty = page.select_one(".basket-empty")

    assert empty.find("h2").get_text(strip=True) == "Giỏ hàng của bạn đang trống"
    links = {link["href"] for link in empty.find_all("a")}
    assert links == {reverse("catalogue:index"), reverse("order:find")}
    assert not page.select(".basket-summary")


def test_save_for_later_and_back_without_javascript(client, shopper, products, django_user_model):
    client.force_login(django_user_model.objects.create_user("hoa", "hoa@example.com", "pw"))
    shopper.add(products[0])
    shopper.add(products[1])
    page = page_of(client.get(reverse("basket:summary")))
    (save,) = line_card(page, "Mật ong thử").select("button.basket-line__save")
    press(client, page, save)
    assert quantities() == {"Vải thiều thử": 1, "Mật ong thử": 1}  # one line in each basket
    page = page_of(client.get(reverse("basket:summary")))
    assert [card.find("h3").get_text(strip=True) for card in page.select(".basket-main li.basket-line")] == [
        "Vải thiều thử"
    ]
    saved = page.select_one(".basket-saved")
    saved_titles = [card.find("h3").get_text(strip=True) for card in saved.select("li.basket-line")]
    assert saved_titles == ["Mật ong thử"]

    (move,) = saved.select("button[name$=move_to_basket]")
    page = page_of(press(client, page, move))
    assert page.select_one(".basket-saved") is None
    titles = [card.find("h3").get_text(strip=True) for card in page.select(".basket-main li.basket-line")]
    assert sorted(titles) == ["Mật ong thử", "Vải thiều thử"]


def test_an_offer_within_reach_is_said_in_vietnamese(client, shopper, products):
    honey_range = RangeFactory(name="Mật ong", products=[products[1]])
    ConditionalOfferFactory(
        name="Giảm 10% mật ong",
        condition=ConditionFactory(range=honey_range, type="Count", value=3),
        benefit__range=honey_range,
    )
    shopper.add(products[1])
    page = page_of(client.get(reverse("basket:summary")))

    offers = " ".join(page.select_one(".basket-offers").get_text(" ").split())
    assert offers == "Ưu đãi Mua thêm 2 sản phẩm trong nhóm Mật ong để nhận ưu đãi Giảm 10% mật ong ."
