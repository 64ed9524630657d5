"""What the search index knows about a product: the document, its mapping and analysers.

One document per published product. Text goes into two analysed forms: `exact` keeps the
diacritics (so "đường" ranks above "dương") and `folded` drops tones and `đ` (so "vai thieu"
finds "Vải thiều"). Both read NFC text with one tone placement (see marketplace.vietnamese);
documents keep the text as written (NFC) and the engine's `vi_tone_placement` char filter
unifies the placement when it analyses them.
Place names carry the current commune and province and the legacy district and province, so
"Lục Ngạn", "Bắc Giang" and "Bắc Ninh" all find a lychee from Chũ.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterable

from django.utils import timezone
from django.utils.html import strip_tags
from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Long,
    Text,
    analyzer,
    char_filter,
    token_filter,
)

from marketplace.vietnamese import TONE_PLACEMENT, words_folded

tone_placement = char_filter(
    "vi_tone_placement", type="mapping", mappings=[f"{old} => {new}" for old, new in TONE_PLACEMENT.items()]
)
vi_exact = analyzer("vi_exact", tokenizer="standard", char_filter=[tone_placement], filter=["lowercase"])
vi_folded = analyzer("vi_folded", tokenizer="standard", filter=["lowercase", "asciifolding"])
vi_prefix = analyzer(
    "vi_prefix",
    tokenizer="standard",
    filter=[
        "lowercase",
        "asciifolding",
        token_filter("vi_edge_ngram", type="edge_ngram", min_gram=1, max_gram=20),
    ],
)

COPY_TO_ALL = ["all_exact", "all_folded"]


def _text(**extra_fields) -> Text:
    return Text(
        analyzer=vi_exact,
        fields={"folded": Text(analyzer=vi_folded), **extra_fields},
        copy_to=COPY_TO_ALL,
    )


class ProductDocument(Document):
    name = _text(prefix=Text(analyzer=vi_prefix, search_analyzer=vi_folded))
    description = _text()
    producer_name = _text()
    category_names = _text()
    places = _text()
    all_exact = Text(analyzer=vi_exact)
    all_folded = Text(analyzer=vi_folded)

    pk = Long()
    sort_name = Keyword()
    producer = Keyword()
    group = Keyword()
    categories = Keyword()
    locality = Keyword()
    stars = Integer()
    price = Long()
    in_stock = Boolean()
    created = Date()
    certificate_valid_to = Date()


def index_body() -> dict:
    """Settings (analysers included) and mappings for a new product index."""
    index = Index("products")
    index.settings(number_of_shards=1, number_of_replicas=0, max_ngram_diff=20)
    index.document(ProductDocument)
    return index.to_dict()


class CategoryPaths:
    """Category names and slugs by tree path, loaded once per batch of documents."""

    def __init__(self, categories: Iterable):
        self.by_path = {category.path: category for category in categories}

    def lineage(self, category) -> list:
        """`category` and its ancestors, root first (treebeard paths are prefixes)."""
        steplen = len(category.path) // category.depth
        paths = [category.path[: steplen * depth] for depth in range(1, category.depth + 1)]
        return [self.by_path[path] for path in paths if path in self.by_path]


def product_document(product, *, categories: CategoryPaths, today: datetime.date | None = None) -> dict:
    """The index document of a published product.

    `product` comes from `search.indexing.products_for_indexing`, with its stock records,
    producer, categories, certificates and places already fetched.
    """
    today = today or timezone.localdate()
    stockrecords = sorted(product.stockrecords.all(), key=lambda record: record.pk)
    stockrecord = stockrecords[0] if stockrecords else None
    partner = stockrecord.partner if stockrecord else None
    lineages = [categories.lineage(category) for category in product.categories.all()]
    in_lineage = list(dict.fromkeys(category for lineage in lineages for category in lineage))
    certificate = product.ocop_certificate(on=today)
    district = product.origin_district
    commune = product.origin_commune
    places = []
    if commune:
        places += [commune.name, commune.province.name]
    if district:
        places += [district.name, district.province.name]
    if partner and partner.commune_id and partner.commune_id != getattr(commune, "pk", None):
        places += [partner.commune.name, partner.commune.province.name]
    return {
        "pk": product.pk,
        "name": _nfc(product.get_title()),
        "sort_name": " ".join(words_folded(product.get_title())),
        "description": _nfc(_plain_text(product.description)),
        "producer_name": _nfc(partner.name) if partner else "",
        "category_names": [_nfc(category.name) for category in in_lineage],
        "places": [_nfc(place) for place in dict.fromkeys(places)],
        "producer": partner.code if partner else None,
        "group": lineages[0][0].slug if lineages and lineages[0] else None,
        "categories": [category.slug for category in in_lineage],
        "locality": district.code if district else None,
        "stars": certificate.stars if certificate else None,
        "price": int(stockrecord.price) if stockrecord and stockrecord.price is not None else None,
        "in_stock": _in_stock(product, stockrecords),
        "created": product.date_created.isoformat(),
        "certificate_valid_to": certificate.valid_to.isoformat() if certificate else None,
    }


def _in_stock(product, stockrecords) -> bool:
    if not product.get_product_class().track_stock:
        return bool(stockrecords)
    return any((record.net_stock_level or 0) > 0 for record in stockrecords)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _plain_text(html: str) -> str:
    return " ".join(strip_tags(html or "").split())
