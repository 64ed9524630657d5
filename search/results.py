"""One shape for an answer, whichever engine gave it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from catalog import selectors as catalog_selectors

from .queries import FACETS, IN_STOCK, OUT_OF_STOCK, ProductQuery


@dataclass(frozen=True)
class ProductHit:
    pk: int
    name_html: str = ""  # the name with <mark>ed matches, HTML-escaped; "" when nothing to mark
    snippet_html: str = ""  # a piece of the description around a match, likewise


@dataclass
class SearchResults:
    query: ProductQuery
    hits: list[ProductHit]
    total: int
    facet_counts: dict[str, dict[str, int]]  # facet -> value key -> products
    engine: str
    notice: str = ""  # set when the engine failed and the database answered instead

    @cached_property
    def products(self) -> list:
        """The hits' catalogue rows, ready for product cards, in hit order; read when first used.

        Each carries its hit as `search_hit` (highlighted name and snippet). A product that
        left the catalogue since it was indexed is dropped here.
        """
        hits = {hit.pk: hit for hit in self.hits}
        products = catalog_selectors.product_list_by_ids(product_ids=list(hits))
        for product in products:
            product.search_hit = hits[product.pk]
        return products

    @property
    def corrected(self) -> bool:
        """True when the words were matched with typo tolerance."""
        return self.query.fuzzy


@dataclass(frozen=True)
class Suggestion:
    pk: int
    name: str


def results_from_response(raw: dict, *, query: ProductQuery, engine: str) -> SearchResults:
    """Read an engine's answer to `queries.product_search_request`."""
    hits = []
    for hit in raw["hits"]["hits"]:
        highlight = hit.get("highlight", {})
        hits.append(
            ProductHit(
                pk=int(hit["_id"]),
                name_html="".join(highlight.get("name.folded", [])),
                snippet_html="".join(highlight.get("description.folded", [])),
            )
        )
    total = raw["hits"]["total"]
    facet_counts = {}
    for name in FACETS:
        buckets = raw["aggregations"][f"facet_{name}"]["counts"]["buckets"]
        if isinstance(buckets, dict):  # keyed range aggregation
            facet_counts[name] = {key: bucket["doc_count"] for key, bucket in buckets.items()}
        else:
            facet_counts[name] = {_bucket_key(name, bucket): bucket["doc_count"] for bucket in buckets}
    return SearchResults(
        query=query,
        hits=hits,
        total=total["value"] if isinstance(total, dict) else int(total),
        facet_counts=facet_counts,
        engine=engine,
    )


def _bucket_key(name: str, bucket: dict) -> str:
    if name == "availability":
        return IN_STOCK if bucket["key"] in (1, True, "true") else OUT_OF_STOCK
    return str(bucket["key"])
