"""The database fallback: answers a `ProductQuery` from `ProductSearchRecord` rows.

It is the engine of a site with no search server, and the stand-in when the server is down.
It follows the engines' rules: every word must match (tones ignored), exact diacritics and
matches in the name rank first, typo tolerance (edit distance 1 for words of 3-5 letters,
2 for longer, first letter kept) is tried only when nothing matched, and facet counts are
disjunctive.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Case, Count, Exists, F, IntegerField, Max, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from oscar.core.loading import get_model

from core.vietnamese import words_exact, words_folded
from seasons.selectors import seasons_running

from .bookable import bookable_dates
from .highlighting import highlight, snippet
from .models import ProductSearchRecord
from .queries import (
    FACETS,
    IN_STOCK,
    OUT_OF_STOCK,
    PRICE_RANGES,
    PRICE_RANGES_BY_KEY,
    ProductQuery,
)
from .results import ProductHit, SearchResults, Suggestion

NAME = "database"

Certificate = get_model("catalogue", "Certificate")

# Relevance comes first where there are words to be relevant to, then these.
SORT_ORDERS = {
    "relevance": [],
    "price-asc": [F("price").asc(nulls_last=True)],
    "price-desc": [F("price").desc(nulls_last=True)],
    "newest": [F("created").desc()],
    "stars": [F("live_stars").desc(nulls_last=True)],
}


def _padded(words: Iterable[str]) -> str:
    return " " + " ".join(words) + " "


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def record_from_document(document: dict) -> ProductSearchRecord:
    rest = " ".join(
        [
            document["description"],
            document["producer_name"],
            *document["category_names"],
            *document["places"],
            *document.get("english", []),
        ]
    )
    name_exact, name_folded = words_exact(document["name"]), words_folded(document["name"])
    return ProductSearchRecord(
        product_id=document["pk"],
        name=document["name"][:255],
        description=document["description"],
        name_exact=_padded(name_exact),
        name_folded=_padded(name_folded),
        text_exact=_padded(name_exact + words_exact(rest)),
        text_folded=_padded(name_folded + words_folded(rest)),
        producer=document["producer"] or "",
        group=document["group"] or "",
        categories=_padded(document["categories"]),
        locality=document["locality"] or "",
        stars=document["stars"],
        price=document["price"],
        in_stock=document["in_stock"],
        created=parse_datetime(document["created"]),
    )


RECORD_FIELDS = [
    field.name
    for field in ProductSearchRecord._meta.concrete_fields
    if field.name not in ("product", "indexed")
]


def records_write(documents: list[dict]) -> None:
    records = [record_from_document(document) for document in documents]
    ProductSearchRecord.objects.bulk_create(
        records,
        update_conflicts=True,
        unique_fields=["product"],
        update_fields=RECORD_FIELDS,
    )


def records_delete(product_ids: Iterable[int]) -> None:
    ProductSearchRecord.objects.filter(product_id__in=list(product_ids)).delete()


def records_delete_except(product_ids: QuerySet) -> int:
    """Drop the records of products not in `product_ids` (a values("pk") query)."""
    deleted, _ = ProductSearchRecord.objects.exclude(product_id__in=product_ids).delete()
    return deleted


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


def live_records(today) -> QuerySet:
    """The records with `live_stars`: their stars while a certificate in force on `today`
    backs them, else None, as the engines' `certificate_valid_to` guard (search.queries)."""
    backed = Certificate.objects.in_force(on=today).filter(
        product_id=OuterRef("product_id"), stars=OuterRef("stars")
    )
    return ProductSearchRecord.objects.annotate(
        live_stars=Case(When(Exists(backed), then=F("stars")), default=None, output_field=IntegerField())
    )


def product_search(query: ProductQuery, *, today=None) -> SearchResults:
    today = today or timezone.localdate()
    records = live_records(today)
    if query.category:
        records = records.filter(categories__contains=f" {query.category} ")
    # In season and visit dates: read live, as the engines read their spans against today.
    if query.in_season:
        records = records.filter(product_id__in=list(seasons_running(on=today)))
    window = query.visit_window(today)
    if window is not None:
        start, end = window
        records = records.filter(product_id__in=list(bookable_dates(product_ids=None, start=start, end=end)))
    words = words_folded(query.text)
    alternatives = _typo_alternatives(words) if query.fuzzy else [[word] for word in words]
    for options in alternatives:
        records = records.filter(_any_word(options, "text_folded"))
    filters = _facet_filters(query)
    hits = records.filter(*filters.values())
    total = hits.count()
    ordering = list(SORT_ORDERS[query.sort])
    if alternatives:
        hits = _ranked(hits, query, alternatives)
        ordering.insert(0 if query.sort == "relevance" else 1, F("score").desc())
    ordered = hits.order_by(*ordering, "name_folded", "pk")
    page = list(
        ordered.values_list("pk", "name", "description")[query.offset : query.offset + query.per_page]
    )
    marked = {option for options in alternatives for option in options}
    return SearchResults(
        query=query,
        hits=[_hit(pk, name, description, marked) for pk, name, description in page],
        total=total,
        facet_counts={name: _facet_counts(name, records, filters) for name in FACETS},
        engine=NAME,
    )


def product_suggestions(text: str, *, limit: int) -> list[Suggestion]:
    words = words_folded(text)
    if not words:
        return []
    *complete, last = words
    records = ProductSearchRecord.objects.filter(name_folded__contains=f" {last}")
    for word in complete:
        records = records.filter(name_folded__contains=f" {word} ")
    records = records.annotate(
        starts=Case(
            When(name_folded__startswith=" " + " ".join(words), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    ).order_by("-starts", "name_folded", "pk")
    return [Suggestion(pk=pk, name=name) for pk, name in records.values_list("pk", "name")[:limit]]


def _any_word(options: list[str], column: str) -> Q:
    condition = Q()
    for option in options:
        condition |= Q(**{f"{column}__contains": f" {option} "})
    return condition


def _ranked(records: QuerySet, query: ProductQuery, alternatives: list[list[str]]) -> QuerySet:
    """`score`: the engines' boosts, roughly: exact diacritics and the name count most."""
    phrase = " ".join(options[0] for options in alternatives)
    score = Case(When(name_folded__contains=f" {phrase} ", then=Value(3)), default=Value(0))
    for word in words_exact(query.text):
        score += Case(When(name_exact__contains=f" {word} ", then=Value(6)), default=Value(0))
        score += Case(When(text_exact__contains=f" {word} ", then=Value(2)), default=Value(0))
    for options in alternatives:
        score += Case(When(_any_word(options, "name_folded"), then=Value(2)), default=Value(0))
    return records.annotate(score=score)


def _facet_filters(query: ProductQuery) -> dict[str, Q]:
    filters = {}
    for name, values in query.selections.items():
        if not values:
            continue
        if name == "price":
            condition = Q(pk__in=[])
            for key in values:
                price_range = PRICE_RANGES_BY_KEY.get(key)
                if price_range:
                    condition |= _price_condition(price_range)
            filters[name] = condition
        elif name == "availability":
            filters[name] = Q(in_stock__in=[value == IN_STOCK for value in values])
        elif name == "stars":
            filters[name] = Q(live_stars__in=list(values))
        else:
            filters[name] = Q(**{f"{FACETS[name][0]}__in": list(values)})
    return filters


def _price_condition(price_range) -> Q:
    condition = Q(price__isnull=False)
    if price_range.low is not None:
        condition &= Q(price__gte=price_range.low)
    if price_range.high is not None:
        condition &= Q(price__lt=price_range.high)
    return condition


def _facet_counts(name: str, records: QuerySet, filters: dict[str, Q]) -> dict[str, int]:
    scoped = records.filter(*[condition for other, condition in filters.items() if other != name])
    if name == "price":
        counts = scoped.aggregate(
            **{r.key.replace("-", "_"): Count("pk", filter=_price_condition(r)) for r in PRICE_RANGES}
        )
        return {r.key: counts[r.key.replace("-", "_")] for r in PRICE_RANGES}
    if name == "availability":
        rows = scoped.values_list("in_stock").annotate(n=Count("pk")).order_by()
        return {(IN_STOCK if in_stock else OUT_OF_STOCK): n for in_stock, n in rows}
    column = "live_stars" if name == "stars" else FACETS[name][0]
    present = (
        scoped.exclude(**{f"{column}__isnull": True}) if name == "stars" else scoped.exclude(**{column: ""})
    )
    rows = present.values_list(column).annotate(n=Count("pk")).order_by("-n", column)
    return {str(value): n for value, n in rows[: FACETS[name][1]]}


def _hit(pk: int, name: str, description: str, words: set[str]) -> ProductHit:
    if not words:
        return ProductHit(pk=pk)
    return ProductHit(
        pk=pk,
        name_html=highlight(name, words=words),
        snippet_html=snippet(description, words=words),
    )


# ---------------------------------------------------------------------------
# Typo tolerance
# ---------------------------------------------------------------------------

_vocabulary_cache: dict[tuple, frozenset[str]] = {}


def _vocabulary() -> frozenset[str]:
    """Every folded word of the records, rebuilt when a record changes."""
    stamp = tuple(ProductSearchRecord.objects.aggregate(n=Count("pk"), last=Max("indexed")).values())
    if stamp not in _vocabulary_cache:
        words = set()
        for text in ProductSearchRecord.objects.values_list("text_folded", flat=True).iterator(
            chunk_size=2000
        ):
            words.update(text.split())
        _vocabulary_cache.clear()
        _vocabulary_cache[stamp] = frozenset(words)
    return _vocabulary_cache[stamp]


def _allowed_edits(word: str) -> int:
    """Elasticsearch's fuzziness AUTO: 0 edits up to 2 letters, 1 up to 5, then 2."""
    return 0 if len(word) <= 2 else 1 if len(word) <= 5 else 2


def _typo_alternatives(words: list[str]) -> list[list[str]]:
    vocabulary = _vocabulary()
    alternatives = []
    for word in words:
        edits = _allowed_edits(word)
        options = [word] if word in vocabulary else []
        if edits:
            options += sorted(
                candidate
                for candidate in vocabulary
                if candidate != word
                and candidate[:1] == word[:1]
                and abs(len(candidate) - len(word)) <= edits
                and _edit_distance(word, candidate, limit=edits) <= edits
            )
        alternatives.append(options or [word])
    return alternatives


def _edit_distance(a: str, b: str, *, limit: int) -> int:
    """Levenshtein distance with transpositions, giving up past `limit`."""
    previous_previous, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1]
