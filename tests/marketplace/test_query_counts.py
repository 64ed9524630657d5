"""Listing pages cost the same number of queries for one product as for a full page."""

from contextlib import nullcontext

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from cms.models import HomePage, HomePageFeaturedProduct
from search.indexing import products_index
from tests.catalog.factories import CategoryFactory, ProductFactory

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
