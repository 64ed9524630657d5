"""The product page and the catalogue's cards tell the truth about lots: only current lots
(published, not past their use-by date) are listed as the product's lots, and a product whose
every published lot has expired says so ("Hết mùa" for fresh produce, with its harvest months)
and cannot be added to a basket, the day after its last lot's use-by date, with no write.
"""

import re

import pytest
from django.urls import reverse

from tests.traceability.factories import EXPIRED, LAST_DAY, MADE, clock, season_make

pytestmark = pytest.mark.django_db

ADD_BUTTON = 'class="btn btn-add buy-form__submit"'


@pytest.fixture
def season(db, committed):
    with clock(MADE), committed():
        return season_make()


def buy_box(client, product) -> str:
    html = client.get(product.get_absolute_url()).content.decode()
    return html.split('<main id="main"', 1)[1]


def lots_listed(html: str) -> list[str]:
    found = re.search(r'class="col-sm-8 product-lots">(.*?)</dd>', html, re.S)
    return re.findall(r">Lô ([\w.-]+) ngày", found[1]) if found else []


def test_the_product_page_lists_current_lots_and_drops_them_the_day_they_expire(client, season):
    lychee = season["lychee"]
    with clock(LAST_DAY):
        html = buy_box(client, lychee)
    assert lots_listed(html) == ["VAI-0610"]  # not the expired May lot, not the unpublished one
    assert ADD_BUTTON in html and "Hết mùa" not in html

    with clock(EXPIRED):  # nothing was saved: the date alone changed
        html = buy_box(client, lychee)
    assert lots_listed(html) == []
    assert season["peak"].get_absolute_url() not in html
    assert "Hết mùa (mùa thu hoạch: tháng 5–6)" in html
    assert "Còn hàng" not in html and ADD_BUTTON not in html


def test_other_products_say_their_lots_expired_and_products_without_lots_are_unaffected(client, season):
    with clock(EXPIRED):
        honey = buy_box(client, season["honey"])
        noodles = buy_box(client, season["noodles"])
    assert "Tạm hết hàng: lô đã hết hạn" in honey and ADD_BUTTON not in honey
    assert "Hết mùa" not in honey
    assert ADD_BUTTON in noodles and "hết hạn" not in noodles


def test_a_held_product_cannot_be_added_to_a_basket(client, season):
    lychee = season["lychee"]
    with clock(LAST_DAY):
        client.post(reverse("basket:add", kwargs={"pk": lychee.pk}), {"quantity": 1})
        assert client.get(reverse("basket:summary")).context["basket"].num_items == 1
    with clock(EXPIRED):
        response = client.post(
            reverse("basket:add", kwargs={"pk": lychee.pk}),
            {"quantity": 1},
            HTTP_REFERER=lychee.get_absolute_url(),
            follow=True,
        )
        assert "Hết mùa" in response.content.decode()
        assert client.get(reverse("basket:summary")).context["basket"].num_items == 1  # not 2


def test_the_cached_cards_follow_the_date(client, season):
    def card(html: str) -> str:
        return html.split("Vải thiều tươi thử</a>", 1)[1].split("</article>", 1)[0]

    with clock(LAST_DAY):
        before = client.get(reverse("catalogue:index")).content.decode()
    with clock(EXPIRED):
        after = client.get(reverse("catalogue:index")).content.decode()
    assert "btn btn-add" in card(before) and "Hết mùa" not in card(before)
    assert "Hết mùa" in card(after) and "btn btn-add" not in card(after)


def test_publishing_a_new_lot_puts_the_product_back_on_sale_at_once(client, season, committed):
    lychee = season["lychee"]
    with clock(EXPIRED):
        assert "Hết mùa" in buy_box(client, lychee)
        before = client.get(reverse("catalogue:index")).content.decode()
        assert "Hết mùa" in before
        with committed():
            late = season["draft"]
            late.is_published = True
            late.save()
        html = buy_box(client, lychee)
        assert lots_listed(html) == ["VAI-NHAP"] and ADD_BUTTON in html
        assert "Hết mùa" not in client.get(reverse("catalogue:index")).content.decode()
