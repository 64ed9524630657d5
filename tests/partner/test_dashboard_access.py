"""A producer's login reaches its own part of Oscar's dashboard and nothing of the staff's."""

import pytest
from django.urls import reverse

from tests.catalog.factories import ProductFactory
from tests.partner.factories import ProducerFactory, ProducerUserFactory, StockRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer():
    return ProducerFactory()


@pytest.fixture
def producer_login(producer):
    return ProducerUserFactory(producer=producer)


def test_producer_reaches_the_dashboard_home_products_and_orders(client, producer_login, producer):
    client.force_login(producer_login)

    for name in ["dashboard:index", "dashboard:catalogue-product-list", "dashboard:order-list"]:
        assert client.get(reverse(name)).status_code == 200, name


@pytest.mark.parametrize(
    "name",
    [
        "dashboard:partner-list",
        "dashboard:users-index",
        "dashboard:catalogue-category-list",
        "dashboard:offer-list",
        "dashboard:reports-index",
        "dashboard:catalogue-class-list",
    ],
)
def test_producer_is_kept_out_of_staff_dashboard_pages(client, producer_login, producer, name):
    client.force_login(producer_login)

    response = client.get(reverse(name))

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "login" in response["Location"]


def test_producer_sees_only_its_own_products(client, producer_login, producer):
    own = ProductFactory(stockrecords=[])
    StockRecordFactory(product=own, partner=producer)
    other = ProductFactory()
    client.force_login(producer_login)

    response = client.get(reverse("dashboard:catalogue-product-list"))

    listed = {row.pk for row in response.context["products"].data}
    assert own.pk in listed
    assert other.pk not in listed
    assert client.get(reverse("dashboard:catalogue-product", kwargs={"pk": other.pk})).status_code == 404


def test_producer_has_no_wagtail_admin_and_no_cms_link(client, producer_login, producer):
    client.force_login(producer_login)

    assert client.get("/cms/").status_code == 302
    dashboard = client.get(reverse("dashboard:index")).content.decode()
    assert reverse("wagtailadmin_home") not in dashboard
