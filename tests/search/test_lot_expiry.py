"""Search counts a product whose every published lot has expired as out of stock: its
document says so when it is built, the daily `search_index badges` catches a lot that expired
by date alone, and publishing a new lot indexes the product again (database fallback)."""

import pytest
from django.core.management import call_command

from search.documents import product_documents
from search.models import ProductSearchRecord
from search.queries import IN_STOCK, ProductQuery
from search.selectors import product_search
from tests.traceability.factories import EXPIRED, LAST_DAY, MADE, clock, season_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def season(db, committed):
    with clock(MADE), committed():
        return season_make()


def in_stock(*products) -> list[bool]:
    records = dict(ProductSearchRecord.objects.values_list("product_id", "in_stock"))
    return [records[product.pk] for product in products]


def test_a_document_built_after_the_last_lot_expired_is_out_of_stock(season):
    products = [season[key] for key in ("lychee", "honey", "noodles")]
    ids = [product.pk for product in products]
    assert [doc["in_stock"] for doc in product_documents(ids, today=LAST_DAY)] == [True, True, True]
    assert [doc["in_stock"] for doc in product_documents(ids, today=EXPIRED)] == [False, False, True]


def test_the_daily_command_takes_expired_products_out_of_the_in_stock_facet(season, committed):
    lychee, honey, noodles = season["lychee"], season["honey"], season["noodles"]
    assert in_stock(lychee, honey, noodles) == [True, True, True]
    with clock(LAST_DAY), committed():
        call_command("search_index", "badges")
    assert in_stock(lychee, honey, noodles) == [True, True, True]

    with clock(EXPIRED), committed():
        call_command("search_index", "badges")
        titles = [
            p.title for p in product_search(query=ProductQuery(availability=frozenset({IN_STOCK}))).products
        ]
    assert in_stock(lychee, honey, noodles) == [False, False, True]
    assert "Vải thiều tươi thử" not in titles and "Mỳ Chũ thử" in titles

    with clock(EXPIRED), committed():  # a new lot is published: a save, indexed at once
        season["draft"].is_published = True
        season["draft"].save()
    assert in_stock(lychee) == [True]
