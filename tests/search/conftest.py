"""Fixtures of the search tests: the engine to test on, and a small known catalogue.

`search_backend` runs a test once on the database fallback and once on the real OpenSearch
node. The node's URL comes from OPENSEARCH_TEST_URL, which `scripts/run-tests` sets after
starting it with `scripts/search-node start`; without it the OpenSearch runs are skipped.
Each OpenSearch run gets its own index prefix and deletes its indices afterwards.
"""

import os
import uuid
from dataclasses import dataclass

import pytest
from oscar.core.loading import get_model

from places.models import Commune, District
from search import selectors
from search.engines import SearchUnavailable, engine_from_settings
from search.models import ProductSearchRecord
from tests.catalog.factories import CategoryFactory, CertificateFactory, ProductFactory
from tests.partner.factories import ProducerFactory

Product = get_model("catalogue", "Product")

OPENSEARCH_URL = os.environ.get("OPENSEARCH_TEST_URL", "")
NO_NODE = (
    "the OpenSearch test node is not running: `scripts/search-node start`, then "
    "OPENSEARCH_TEST_URL=http://127.0.0.1:9200 (scripts/run-tests does both when Java and Maven are present)"
)


def use_opensearch(settings) -> None:
    if not OPENSEARCH_URL:
        if os.environ.get("SEARCH_NODE_REQUIRED"):
            pytest.fail(NO_NODE)
        pytest.skip(NO_NODE)
    settings.SEARCH_BACKEND = "opensearch"
    settings.SEARCH_URL = OPENSEARCH_URL
    settings.MARKETPLACE_SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"


def drop_test_indices() -> None:
    engine = engine_from_settings()
    if engine is None:
        return
    try:
        for index in engine.indices():
            engine.delete_index(index)
    except SearchUnavailable:
        pass


@pytest.fixture(autouse=True)
def engine_not_skipped(monkeypatch):
    """A failure in one test must not make the next one skip the engine."""
    monkeypatch.setattr(selectors, "_engine_skipped_until", 0.0)


@pytest.fixture(params=["database", "opensearch"])
def search_backend(request, settings):
    if request.param == "opensearch":
        use_opensearch(settings)
        request.addfinalizer(drop_test_indices)
    return request.param


@dataclass
class Catalogue:
    products: dict
    producers: dict
    groups: dict
    engine: str

    def pk(self, key: str) -> int:
        return self.products[key].pk


# key: (title, legacy district code, producer key, price, stock, stars, group key)
ROWS = {
    "lychee": ("Vải thiều Lục Ngạn", "219", "a", 120_000, 10, 5, "food"),
    "honey": ("Mật ong hoa vải", "219", "b", 250_000, 0, 3, "food"),
    "sugar": ("Đường phèn Yên Thế", "215", "c", 60_000, 5, 4, "food"),
    "fern": ("Rau dương xỉ sấy", "215", "c", 80_000, 5, None, "herbs"),
    "tea": ("Chè Hòa Lạc", "216", "d", 500_000, 3, 4, "drinks"),
    "cordyceps": ("Đông trùng hạ thảo", "216", "d", 1_500_000, 2, 4, "herbs"),
    "hidden": ("Vải sấy dẻo", "219", "a", 90_000, 5, 4, "food"),  # not public
}
PRODUCERS = {
    "a": "HTX Hồng Xuân Thử",
    "b": "HTX Hằng Hiếu Thử",
    "c": "HTX Mộc Sơn Thử",
    "d": "HTX Vân Hương Thử",
}
GROUPS = {"food": "Thực phẩm thử", "herbs": "Dược liệu thử", "drinks": "Đồ uống thử"}


@pytest.fixture
def catalogue(demo_data, search_backend, committed) -> Catalogue:
    """Six published products and a hidden one, alone in the index (see ROWS)."""
    ProductSearchRecord.objects.all().delete()  # the demo catalogue's records, in this test only
    groups = {key: CategoryFactory(name=name) for key, name in GROUPS.items()}
    producers = {key: ProducerFactory(name=name) for key, name in PRODUCERS.items()}
    products = {}
    with committed():
        for key, (title, district_code, producer, price, stock, stars, group) in ROWS.items():
            district = District.objects.get(code=district_code)
            commune = Commune.objects.filter(legacy_districts=district).order_by("code").first()
            product = ProductFactory(
                title=title,
                description=f"{title}: đặc sản làm tại {commune.name}.",
                origin_district=district,
                origin_commune=commune,
                category=groups[group],
                stockrecords__partner=producers[producer],
                stockrecords__price=price,
                stockrecords__num_in_stock=stock,
                is_public=key != "hidden",
            )
            if stars:
                CertificateFactory(product=product, stars=stars)
            products[key] = product
    return Catalogue(products=products, producers=producers, groups=groups, engine=search_backend)


def titles(results) -> list[str]:
    return [product.title for product in results.products]
