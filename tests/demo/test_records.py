"""The demo's data files: every record names producers, products and pictures that exist."""

from catalog.services import PRODUCT_GROUPS, PRODUCT_GROUPS_EN
from demo.fairs import FAIRS
from demo.images import DRAWINGS, PICTURES
from demo.inquiries import DEMO_INQUIRIES
from demo.loader import SITE
from demo.lots import TRACES
from demo.pages import PAGE_TYPES, PAGES
from demo.products import PRODUCERS, PRODUCTS


def test_products_name_known_producers_and_pictures_and_featured_positions_1_to_8():
    producers = {producer.code for producer in PRODUCERS}
    assert len(producers) == len(PRODUCERS) == 16
    assert len({product.sku for product in PRODUCTS}) == len(PRODUCTS) == 26
    assert {product.producer for product in PRODUCTS} == producers
    assert {product.picture for product in PRODUCTS} <= set(PICTURES)
    assert sorted(product.featured for product in PRODUCTS if product.featured) == list(range(1, 9))
    assert {picture["drawing"] for picture in PICTURES.values()} <= set(DRAWINGS)


def test_lots_fairs_inquiries_and_pages_name_demo_products_and_producers():
    skus = {product.sku: product for product in PRODUCTS}
    assert {trace.sku for trace in TRACES} <= set(skus)
    exhibitors = [exhibitor for fair in FAIRS["fairs"] for exhibitor in fair.get("exhibitors", ())]
    assert all(skus[exhibitor["sku"]].producer == exhibitor["producer"] for exhibitor in exhibitors)
    assert all(skus[inquiry.sku].producer == inquiry.producer for inquiry in DEMO_INQUIRIES if inquiry.sku)
    page_skus = [sku for article in PAGES["news"]["articles"] for sku in article["products"]] + [
        sku
        for page in PAGES["pages"]
        for block in page["body"]
        if block["type"] == "products"
        for sku in block["value"]["products"]
    ]
    assert set(page_skus) <= set(skus)
    assert {page["type"] for page in PAGES["pages"]} <= set(PAGE_TYPES)


def test_every_product_set_has_one_product_class():
    default = [data for data in SITE["product_classes"] if not data.get("product_sets")]
    assert len(default) == 1


def test_every_product_producer_and_product_group_has_english_text():
    assert [p.sku for p in PRODUCTS if not (p.title_en and p.description_en)] == []
    assert [p.code for p in PRODUCERS if not (p.name_en and p.description_en)] == []
    names = [name for group, _, product_sets in PRODUCT_GROUPS for name in (group, *product_sets)]
    assert sorted(PRODUCT_GROUPS_EN) == sorted(names)
    assert all(name_en for name_en, _ in PRODUCT_GROUPS_EN.values())
