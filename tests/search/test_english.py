"""English text in the search index: a buyer abroad finds a product by its English words."""

import pytest

from search import selectors
from search.documents import product_documents
from search.queries import ProductQuery
from tests.catalog.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lychee(committed):
    with committed():
        return ProductFactory(
            title="Vải thiều Lục Ngạn",
            title_en="Lục Ngạn lychees",
            description_en="<p>Sweet &amp; juicy.</p>",
            category=CategoryFactory(name="Nông sản", name_en="Fresh produce"),
            stockrecords__partner__name_en="Hồng Xuân Cooperative",
        )


def test_the_document_carries_the_english_words(lychee):
    (document,) = product_documents([lychee.pk])

    assert document["english"] == [
        "Lục Ngạn lychees",
        "Sweet & juicy.",
        "Hồng Xuân Cooperative",
        "Fresh produce",
    ]


def test_the_database_fallback_finds_a_product_by_its_english_words(lychee):
    results = selectors.product_search(query=ProductQuery(text="lychees"))

    assert [hit.pk for hit in results.hits] == [lychee.pk]
