"""Listing pages' product grids and the product page's product, kept in the cache
(catalog/cards.py): a write to what a card shows is seen on the next page, and each shopper's
forms carry their own CSRF token."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from catalog.cards import product_group_link_list
from catalog.selectors import product_group_list
from tests.catalog.factories import CategoryFactory, CertificateFactory, ProductFactory
from tests.traceability.factories import TradeItemFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


@pytest.fixture
def product(committed):
    with committed():
        return ProductFactory(title="Vải thiều thẻ", stockrecords__price=Decimal("150000"))


def catalogue(client):
    return client.get(reverse("catalogue:index")).content.decode()


def test_a_price_change_shows_on_the_next_catalogue_page(client, product, committed):
    assert "150.000" in catalogue(client)
    assert "150.000" in catalogue(client)  # now from the cache

    with committed():
        record = product.stockrecords.get()
        record.price = Decimal("120000")
        record.save()
    html = catalogue(client)
    assert "120.000" in html
    assert "150.000" not in html


def test_a_certificate_and_a_new_title_show_on_the_next_pages(client, product, committed):
    catalogue(client)
    client.get(product.get_absolute_url())

    with committed():
        CertificateFactory(product=product, stars=5)
        product.title = "Vải thiều thẻ mới"
        product.save()
    assert "OCOP 5★" in catalogue(client)
    page = client.get(product.get_absolute_url()).content.decode()
    assert "Vải thiều thẻ mới" in page
    assert "OCOP 5★" in page


def test_each_shopper_gets_their_own_token_in_the_cached_grid(product):
    shoppers = [Client(enforce_csrf_checks=True) for _ in range(2)]
    tokens = []
    for shopper, secret in zip(shoppers, ("a" * 32, "b" * 32), strict=True):
        shopper.cookies["csrftoken"] = secret  # a cookie: not a page for the shared cache
        found = set(TOKEN.findall(catalogue(shopper)))
        assert len(found) == 1 and "" not in found
        tokens.append(found.pop())
    assert tokens[0] != tokens[1]

    # The second page came from the cache, and its token is the second shopper's own.
    response = shoppers[1].post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1, "csrfmiddlewaretoken": tokens[1]}
    )
    assert response.status_code == 302


def test_a_page_for_the_shared_cache_makes_no_token(client, product):
    client.cookies["csrftoken"] = "c" * 32
    assert 'csrfmiddlewaretoken" value=""' not in catalogue(client)  # the grid is now cached

    browser = Client()  # no cookie at all: the page may go to nginx's cache
    response = browser.get(reverse("catalogue:index"))
    assert not response.cookies
    assert set(TOKEN.findall(response.content.decode())) == {""}


def test_groups_without_products_on_sale_are_left_out_of_menus_and_the_home_page(products):
    empty = CategoryFactory(name="Nhóm chưa có sản phẩm")
    hidden_only = CategoryFactory(name="Nhóm chỉ có sản phẩm ẩn")
    hidden = ProductFactory(title="Sản phẩm ẩn", category=hidden_only, is_public=False)
    parent = CategoryFactory(name="Nhóm có nhóm con")
    child = parent.add_child(name="Nhóm con", slug="nhom-con")
    ProductFactory(title="Sản phẩm trong nhóm con", category=child)

    names = {group.name for group in product_group_list()}
    assert parent.name in names  # a product in a subgroup counts
    assert empty.name not in names and hidden_only.name not in names
    assert {link.name for link in product_group_link_list()} == names
    assert hidden.categories.get() == hidden_only


def test_the_first_cards_pictures_load_at_once_the_rest_lazily(client, committed):
    with committed():  # indexed after the commit: the catalogue lists from the search layer
        for number in range(4):
            ProductFactory(title=f"Sản phẩm thẻ {number}")
    page = client.get(reverse("catalogue:index")).content.decode()
    loading = re.findall(
        r'<img src="[^"]*" srcset="[^"]*" sizes="[^"]*" alt="" width="480" height="480" ([^>]*)>', page
    )
    assert loading[:3] == ['loading="eager" fetchpriority="high"', 'loading="eager"', 'loading="lazy"']
    assert len(loading) == 4


def test_the_product_page_shows_the_packs_gtin_as_its_barcode_and_follows_its_changes(client):
    product = ProductFactory(title="Vải có mã vạch", upc="HX-VAI-01")
    trade_item = TradeItemFactory(product=product, gtin="8930000000019")
    page = client.get(product.get_absolute_url()).content.decode()
    assert re.search(r'Mã vạch</dt>\s*<dd class="col-sm-8 product-gtin">8930000000019</dd>', page)
    assert re.search(r"Mã sản phẩm</dt>\s*<dd[^>]*>HX-VAI-01</dd>", page)  # the producer's own code
    trade_item.gtin = "8930000000026"
    trade_item.save()
    assert "8930000000026" in client.get(product.get_absolute_url()).content.decode()
