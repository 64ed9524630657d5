"""The CMS block of certified products lists, at render time, the products an in-force
certificate backs, of a group and a place."""

import datetime

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.blocks import CertifiedProductsBlock, product_group_choices
from tests.catalog.factories import CategoryFactory, CertificateFactory, ProductFactory
from tests.partner.factories import ProducerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("alone")]

Certificate = get_model("catalogue", "Certificate")


@pytest.fixture
def catalogue(commune):
    food, drinks = CategoryFactory(name="Thực phẩm thử"), CategoryFactory(name="Đồ uống thử")
    rows = {
        "lychee": ("Vải thiều thử", food, 5),
        "honey": ("Mật ong thử", food, 3),
        "tea": ("Chè thử", drinks, 4),
        "rice": ("Gạo thử", food, None),
    }
    products = {}
    for key, (title, group, stars) in rows.items():
        product = ProductFactory(
            title=title,
            category=group,
            origin_commune=commune if key != "tea" else None,
            stockrecords__partner=ProducerFactory(name=f"HTX {title}"),
        )
        if stars:
            CertificateFactory(product=product, stars=stars)
        products[key] = product
    return {"food": food, "drinks": drinks, **products}


def listed(**value):
    block = CertifiedProductsBlock()
    context = block.get_context(block.to_python({"heading": "OCOP", **value}))
    return [product.title for product in context["products"]]


def test_lists_certified_products_most_stars_first(catalogue):
    assert listed() == ["Vải thiều thử", "Chè thử", "Mật ong thử"]


def test_filters_by_group_place_and_stars(catalogue, commune):
    assert listed(product_group=str(catalogue["food"].pk)) == ["Vải thiều thử", "Mật ong thử"]
    assert listed(place=commune.code) == ["Vải thiều thử", "Mật ong thử"]
    assert listed(place=commune.province.code, min_stars="4") == ["Vải thiều thử"]
    assert listed(count=1) == ["Vải thiều thử"]


def test_an_expired_or_revoked_certificate_leaves_the_list(catalogue):
    lychee = Certificate.objects.get(product=catalogue["lychee"])
    lychee.status = "revoked"
    lychee.save()
    tea = Certificate.objects.get(product=catalogue["tea"])
    tea.valid_from = timezone.localdate() - datetime.timedelta(days=3 * 366)
    tea.valid_to = timezone.localdate() - datetime.timedelta(days=1)
    tea.save()

    assert listed() == ["Mật ong thử"]


def test_the_group_choices_are_the_root_categories(catalogue):
    choices = dict(product_group_choices())

    assert choices[str(catalogue["food"].pk)] == "Thực phẩm thử" and "" in choices


def test_renders_product_cards_with_their_badges(catalogue, rf):
    from django.contrib.auth.models import AnonymousUser
    from oscar.core.loading import get_class

    request = rf.get("/")
    request.user = AnonymousUser()
    request.strategy = get_class("partner.strategy", "Selector")().strategy(request=request)
    block = CertifiedProductsBlock()

    html = block.render(
        block.to_python({"heading": "Sản phẩm OCOP", "min_stars": "4"}), context={"request": request}
    )

    assert "Sản phẩm OCOP" in html and "Vải thiều thử" in html and "OCOP 5★" in html
    assert "Mật ong thử" not in html
