"""The public pages render the demo catalogue with VND prices, in Vietnamese and English."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from oscar.core.loading import get_model

from core.localized import localized

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

NBSP = "\u00a0"
VND_VI = re.compile(r"\d{1,3}(?:\.\d{3})+" + NBSP + "₫")
VND_EN = re.compile(r"₫\d{1,3}(?:,\d{3})+")

pytestmark = pytest.mark.django_db


def price_text(product, language):
    price = int(product.stockrecords.first().price)
    if language == "vi":
        return f"{price:,}".replace(",", ".") + NBSP + "₫"
    return f"₫{price:,}"


def url_in(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_home_page_shows_featured_products_with_vnd_prices(client, demo_data, language):
    home = "/" if language == "vi" else "/en/"

    response = client.get(home)

    assert response.status_code == 200
    html = response.content.decode()
    featured = response.context["featured_products"]
    assert len(featured) == 8
    for product in featured:
        assert escape(localized(product, "title", language=language).text) in html
        assert price_text(product, language) in html
    assert f'<html lang="{language}"' in html


@pytest.mark.parametrize("language", ["vi", "en"])
def test_catalogue_lists_every_public_demo_product_with_its_price(client, demo_data, language):
    response = client.get(url_in(language, "catalogue:index"))

    assert response.status_code == 200
    html = response.content.decode()
    public = Product.objects.browsable()
    assert response.context["paginator"].count == public.count()
    for product in response.context["products"]:
        assert price_text(product, language) in html
    pattern = VND_VI if language == "vi" else VND_EN
    assert pattern.search(html)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_category_page_shows_the_products_of_the_group_and_its_sets(client, demo_data, language):
    food = Category.objects.get(depth=1, slug="thuc-pham")
    expected = set(Product.objects.browsable().filter(categories__in=Category.get_tree(food)).distinct())

    response = client.get(url_in(language, "catalogue:category", category_slug=food.full_slug, pk=food.pk))

    assert response.status_code == 200
    assert set(response.context["products"]) <= expected
    assert response.context["paginator"].count == len(expected)
    product = next(iter(expected))
    title = escape(localized(product, "title", language=language).text)
    assert title in response.content.decode() or response.context["paginator"].num_pages > 1


@pytest.mark.parametrize("language", ["vi", "en"])
def test_product_page_shows_title_producer_and_price(client, demo_data, language):
    product = Product.objects.browsable().get(title="Vải thiều Lục Ngạn")

    response = client.get(url_in(language, "catalogue:detail", product_slug=product.slug, pk=product.pk))

    assert response.status_code == 200
    html = response.content.decode()
    assert product.title in html
    assert product.stockrecords.first().partner.name in html
    assert price_text(product, language) in html


@pytest.mark.parametrize("language", ["vi", "en"])
def test_adding_to_basket_shows_the_line_and_total_in_vnd(client, demo_data, language):
    # Not the fresh lychee: out of season (every lot expired) for most of the year.
    product = Product.objects.browsable().get(title="Mỳ gạo Chũ Xuân Trường")
    price = int(product.stockrecords.first().price)

    response = client.post(url_in(language, "basket:add", pk=product.pk), {"quantity": 2}, follow=True)

    assert response.status_code == 200
    basket = client.get(url_in(language, "basket:summary"))
    html = basket.content.decode()
    assert basket.context["basket"].num_items == 2
    assert product.title in html
    total = price * 2
    expected_total = f"{total:,}".replace(",", ".") + NBSP + "₫" if language == "vi" else f"₫{total:,}"
    assert expected_total in html


def test_basket_refuses_a_wrong_quantity_with_a_message_and_keeps_the_line(client, demo_data):
    product = Product.objects.browsable().get(title="Mỳ gạo Chũ Xuân Trường")
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 3})
    basket_page = client.get(reverse("basket:summary"))
    formset = basket_page.context["formset"]
    form = formset.forms[0]
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(form.instance.id),
        "form-0-quantity": "-4",
    }

    response = client.post(reverse("basket:summary"), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ensure this value is greater than or equal to 0" in html or "lớn hơn hoặc bằng 0" in html
    assert client.get(reverse("basket:summary")).context["basket"].num_items == 3


@pytest.mark.parametrize(
    ("language", "prefix", "heading"),
    [("vi", "", "Không tìm thấy trang"), ("en", "/en", "Page not found")],
)
def test_unknown_url_gets_the_styled_404_in_the_current_language(client, language, prefix, heading):
    response = client.get(f"{prefix}/khong-co-trang-nay/")

    assert response.status_code == 404
    html = response.content.decode()
    assert heading in html
    assert 'class="site-header"' in html
    assert 'name="q"' in html
