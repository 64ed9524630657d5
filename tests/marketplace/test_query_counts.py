"""Pages cost a fixed number of queries: listings for one product as for a full page, the basket
for one line as for ten, the product page however much it shows."""

from contextlib import nullcontext

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test.factories import ProductImageFactory

from cms.models import HomePage, HomePageFeaturedProduct
from search.indexing import products_index
from tests.catalog.factories import CategoryFactory, CertificateFactory, ProductFactory

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    """Queries of a warm request: the first one fills caches (thumbnails, site root)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.fixture
def only_new_products(committed):
    Product.objects.update(is_public=False)
    products_index(product_ids=Product.objects.values_list("pk", flat=True))
    return committed


def make_products(count, category, committed=nullcontext):
    with committed():
        return [ProductFactory(category=category) for _ in range(count)]


def test_catalogue_page_queries_do_not_grow_with_products(client, only_new_products):
    category = CategoryFactory()
    make_products(1, category, only_new_products)
    one, response = queries_for(client, reverse("catalogue:index"))
    assert len(response.context["products"]) == 1

    make_products(settings.OSCAR_PRODUCTS_PER_PAGE - 1, category, only_new_products)
    full, response = queries_for(client, reverse("catalogue:index"))
    assert len(response.context["products"]) == settings.OSCAR_PRODUCTS_PER_PAGE

    assert full == one


def test_category_page_queries_do_not_grow_with_products(client, only_new_products):
    category = CategoryFactory()
    url = category.get_absolute_url()
    make_products(1, category, only_new_products)
    one, response = queries_for(client, url)
    assert len(response.context["products"]) == 1

    make_products(settings.OSCAR_PRODUCTS_PER_PAGE - 1, category, only_new_products)
    full, response = queries_for(client, url)
    assert len(response.context["products"]) == settings.OSCAR_PRODUCTS_PER_PAGE

    assert full == one


def test_home_page_queries_do_not_grow_with_featured_products(client, only_new_products):
    home = HomePage.objects.get(depth=2, locale__language_code="vi")
    home.featured_products.all().delete()
    category = CategoryFactory()
    products = make_products(12, category)
    HomePageFeaturedProduct.objects.create(page=home, product=products[0], sort_order=0)
    one, response = queries_for(client, "/")
    assert len(response.context["featured_products"]) == 1

    for order, product in enumerate(products[1:], start=1):
        HomePageFeaturedProduct.objects.create(page=home, product=product, sort_order=order)
    full, response = queries_for(client, "/")
    assert len(response.context["featured_products"]) == 12

    assert full == one


# Issue 15 item 5: the basket, the product page and the home page, pinned.


def basket_with(client, products):
    for product in products:
        response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
        assert response.status_code == 302


def test_basket_page_queries_do_not_grow_with_lines(client):
    # Each product from its own producer, so that delivery is charged per producer too.
    products = [ProductFactory() for _ in range(10)]
    basket_with(client, products[:1])
    one, response = queries_for(client, reverse("basket:summary"))
    assert response.context["basket"].num_lines == 1

    basket_with(client, products[1:])
    ten, response = queries_for(client, reverse("basket:summary"))
    assert response.context["basket"].num_lines == 10

    assert ten == one


def test_a_page_costs_the_same_with_a_full_basket(client):
    """The header shows the basket's total on every page: its lines are priced in a fixed
    number of queries there too."""
    products = [ProductFactory() for _ in range(10)]
    basket_with(client, products[:1])
    one, _ = queries_for(client, reverse("catalogue:index"))
    basket_with(client, products[1:])
    ten, _ = queries_for(client, reverse("catalogue:index"))
    assert ten == one


def test_product_page_queries_do_not_grow_with_photos_groups_and_certificates(client):
    plain = ProductFactory()
    few, _ = queries_for(client, plain.get_absolute_url())

    rich = ProductFactory()
    CertificateFactory(product=rich)
    for _ in range(3):
        ProductImageFactory(product=rich)
        rich.categories.add(CategoryFactory())
    many, response = queries_for(client, rich.get_absolute_url())
    assert len(response.context["product"].get_all_images()) == 4
    assert "OCOP 4★" in response.content.decode()

    assert many == few


PRODUCT_PAGE_MAX_QUERIES = 16
HOME_PAGE_MAX_QUERIES = 26


def test_product_page_queries_stay_under_a_fixed_number(client):
    product = ProductFactory()
    count, _ = queries_for(client, product.get_absolute_url())
    assert count <= PRODUCT_PAGE_MAX_QUERIES  # 46 on the demo data before issue 15


def test_home_page_queries_stay_under_a_fixed_number(client):
    count, _ = queries_for(client, "/")
    assert count <= HOME_PAGE_MAX_QUERIES  # 38 on the demo data before issue 15
