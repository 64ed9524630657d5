"""What the search index knows about a product: the document, its mapping and analysers.

One document per published product. Text goes into two analysed forms: `exact` keeps the
diacritics (so "đường" ranks above "dương", and "mỳ" above "mì" for "mỳ") and `folded` drops
tones and `đ` and reads a lone syllable-final "y" as "i" (so "vai thieu" finds "Vải thiều" and
"mi chu" finds "Mỳ Chũ"). Both read NFC text with one tone placement (see core.vietnamese);
documents keep the text as written (NFC) and the engine's `vi_tone_placement` char filter
unifies the placement when it analyses them.
Place names carry the current commune and province and the legacy district and province, so
"Lục Ngạn", "Bắc Giang" and "Bắc Ninh" all find a lychee from Chũ.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from elasticsearch.dsl import (
    Boolean,
    Date,
    DateRange,
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
from oscar.core.loading import get_model

from core.html import html_text
from core.vietnamese import I_FOR_Y_PATTERN, I_FOR_Y_REPLACEMENT, TONE_PLACEMENT, words_folded
from seasons.selectors import spans
from traceability.selectors import products_lots_all_expired

from .bookable import bookable_dates
from .queries import VISIT_DAYS_AHEAD

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
Category = get_model("catalogue", "Category")
Certificate = get_model("catalogue", "Certificate")
StockRecord = get_model("partner", "StockRecord")

tone_placement = char_filter(
    "vi_tone_placement", type="mapping", mappings=[f"{old} => {new}" for old, new in TONE_PLACEMENT.items()]
)
vi_exact = analyzer("vi_exact", tokenizer="standard", char_filter=[tone_placement], filter=["lowercase"])
i_for_y = token_filter(
    "vi_i_for_y",
    type="pattern_replace",
    pattern=I_FOR_Y_PATTERN,
    replacement=I_FOR_Y_REPLACEMENT.replace("\\1", "$1"),
)
vi_folded = analyzer("vi_folded", tokenizer="standard", filter=["lowercase", "asciifolding", i_for_y])
vi_prefix = analyzer(
    "vi_prefix",
    tokenizer="standard",
    filter=[
        "lowercase",
        "asciifolding",
        i_for_y,
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
    # The English of the product, its producer and groups (`core.localized`): found on either
    # site, stemmed by the engine's English analyser, and in the all-words fields too.
    english = Text(analyzer="english", copy_to=COPY_TO_ALL)
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
    # The product's harvests of last, this and next year (`seasons`): "in season" is a span
    # holding today. The days a visit can still be booked, the next 180 (`search.bookable`).
    seasons = DateRange(multi=True)
    visit_dates = Date(multi=True)


def index_body() -> dict:
    """Settings (analysers included) and mappings for a new product index."""
    index = Index("products")
    index.settings(
        number_of_shards=1, number_of_replicas=settings.MARKETPLACE_SEARCH_REPLICAS, max_ngram_diff=20
    )
    index.document(ProductDocument)
    return index.to_dict()


class CategoryPaths:
    """Category names and slugs by id and tree path, loaded once per batch of documents."""

    def __init__(self, categories: Iterable):
        self.by_id = {category.pk: category for category in categories}
        self.by_path = {category.path: category for category in self.by_id.values()}

    def lineage(self, category_id: int) -> list:
        """The category and its ancestors, root first (treebeard paths are prefixes)."""
        category = self.by_id.get(category_id)
        if category is None:
            return []
        steplen = len(category.path) // category.depth
        paths = [category.path[: steplen * depth] for depth in range(1, category.depth + 1)]
        return [self.by_path[path] for path in paths if path in self.by_path]


def published_products() -> QuerySet:
    """What shoppers may find: public products that are not variants of another."""
    return Product.objects.browsable()


PRODUCT_COLUMNS = {
    "pk": "pk",
    "title": "title",
    "description": "description",
    "title_en": "title_en",
    "description_en": "description_en",
    "created": "date_created",
    "track_stock": "product_class__track_stock",
    "commune_id": "origin_commune_id",
    "commune": "origin_commune__name",
    "commune_province": "origin_commune__province__name",
    "district_code": "origin_district__code",
    "district": "origin_district__name",
    "district_province": "origin_district__province__name",
}
STOCK_COLUMNS = {
    "product_id": "product_id",
    "price": "price",
    "num_in_stock": "num_in_stock",
    "num_allocated": "num_allocated",
    "producer": "partner__code",
    "producer_name": "partner__name",
    "producer_name_en": "partner__name_en",
    "producer_commune_id": "partner__commune_id",
    "producer_commune": "partner__commune__name",
    "producer_province": "partner__commune__province__name",
}


def product_documents(
    product_ids: Iterable[int], *, categories: CategoryPaths | None = None, today: datetime.date | None = None
) -> list[dict]:
    """The index documents of the published products among `product_ids`, in id order.

    Six queries per call whatever the number of products (and what the bookable-dates sources
    ask): a rebuild of 100,000 products reads plain rows, not model instances. A product whose
    every published lot has expired on `today`, or out of season on `today`, is not in stock,
    as the shop's strategy refuses it (`partner.sale_holds`).
    """
    product_ids = list(product_ids)
    today = today or timezone.localdate()
    categories = categories or CategoryPaths(Category.objects.all())
    products = published_products().filter(pk__in=product_ids).order_by("pk")
    rows = [
        dict(zip(PRODUCT_COLUMNS, values, strict=True))
        for values in products.values_list(*PRODUCT_COLUMNS.values())
    ]
    ids = [row["pk"] for row in rows]
    stock = defaultdict(list)
    for values in (
        StockRecord.objects.filter(product_id__in=ids).order_by("pk").values_list(*STOCK_COLUMNS.values())
    ):
        record = dict(zip(STOCK_COLUMNS, values, strict=True))
        stock[record["product_id"]].append(record)
    category_ids = defaultdict(list)
    for product_id, category_id in (
        ProductCategory.objects.filter(product_id__in=ids)
        .order_by("pk")
        .values_list("product_id", "category_id")
    ):
        category_ids[product_id].append(category_id)
    certificates = {}
    for product_id, stars, valid_to in (
        Certificate.objects.in_force(on=today)
        .filter(product_id__in=ids)
        .order_by("valid_from", "pk")
        .values_list("product_id", "stars", "valid_to")
    ):
        certificates[product_id] = (stars, valid_to)  # the latest issued wins, as Product.ocop_certificate
    lots_expired = products_lots_all_expired(on=today, product_ids=ids)
    seasons = spans(product_ids=ids, years=range(today.year - 1, today.year + 2))
    visits = bookable_dates(
        product_ids=ids, start=today, end=today + datetime.timedelta(days=VISIT_DAYS_AHEAD)
    )
    documents = []
    for row in rows:
        found = seasons.get(row["pk"], [])
        document = _document(
            row,
            stock[row["pk"]],
            category_ids[row["pk"]],
            certificates.get(row["pk"]),
            categories,
            # Out of season the shop does not sell it either (`seasons.holds`).
            lots_expired=row["pk"] in lots_expired
            or (bool(found) and not any(s.runs_on(today) for s in found)),
        )
        document["seasons"] = [{"gte": s.starts_on.isoformat(), "lte": s.ends_on.isoformat()} for s in found]
        document["visit_dates"] = [day.isoformat() for day in visits.get(row["pk"], [])]
        documents.append(document)
    return documents


def _document(
    row: dict,
    stock: list[dict],
    category_ids: list[int],
    certificate,
    categories: CategoryPaths,
    *,
    lots_expired: bool = False,
) -> dict:
    lineages = [categories.lineage(category_id) for category_id in category_ids]
    in_lineage = list(dict.fromkeys(category for lineage in lineages for category in lineage))
    first = stock[0] if stock else None
    places = [row["commune"], row["commune_province"], row["district"], row["district_province"]]
    if first and first["producer_commune_id"] and first["producer_commune_id"] != row["commune_id"]:
        places += [first["producer_commune"], first["producer_province"]]
    stars, valid_to = certificate or (None, None)
    return {
        "pk": row["pk"],
        "name": _nfc(row["title"]),
        "sort_name": " ".join(words_folded(row["title"])),
        "description": _nfc(_plain_text(row["description"])),
        "producer_name": _nfc(first["producer_name"]) if first else "",
        "category_names": [_nfc(category.name) for category in in_lineage],
        "places": [_nfc(place) for place in dict.fromkeys(places) if place],
        "english": [
            _nfc(text)
            for text in (
                row["title_en"],
                _plain_text(row["description_en"]),
                first["producer_name_en"] if first else "",
                *(category.name_en for category in in_lineage),
            )
            if text
        ],
        "producer": first["producer"] if first else None,
        "group": lineages[0][0].slug if lineages and lineages[0] else None,
        "categories": [category.slug for category in in_lineage],
        "locality": row["district_code"],
        "stars": stars,
        "price": int(first["price"]) if first and first["price"] is not None else None,
        "in_stock": _in_stock(row["track_stock"], stock) and not lots_expired,
        "created": row["created"].isoformat(),
        "certificate_valid_to": valid_to.isoformat() if valid_to else None,
    }


def _in_stock(track_stock: bool, stock: list[dict]) -> bool:
    """Oscar's rule: untracked products are available when offered, tracked ones while stock is left."""
    if not track_stock:
        return bool(stock)
    return any((record["num_in_stock"] or 0) - (record["num_allocated"] or 0) > 0 for record in stock)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


def _plain_text(html: str) -> str:
    return html_text(html)
