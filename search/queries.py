"""What a shopper asks for, and the engine request that answers it.

`ProductQuery` is the one request model: the forms build it, the engine adapters run what
`product_search_request` makes of it, and the database fallback (search.fallback) answers
the very same object. Facets are disjunctive: the counts of one facet apply every other
facet's selection but not its own, so ticking "4 sao" still shows how many 3- and 5-star
products there are.

Stars are indexed with the day their certificate ends (`certificate_valid_to`), and only count
while that day has not passed: the star filter, its facet and the star sort read a lapsed
certificate's stars as none, so a badge leaves search the day it expires even before the
daily `certificates_remind` run indexes the product again.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from elasticsearch.dsl import A, Q, Search

from core.vietnamese import normalize, words_folded

MAX_QUERY_LENGTH = 200
# How far ahead a product's bookable visit dates are indexed (`search.bookable`).
VISIT_DAYS_AHEAD = 180


@dataclass(frozen=True)
class PriceRange:
    key: str
    low: int | None
    high: int | None
    label: str


PRICE_RANGES = (
    PriceRange("duoi-100k", None, 100_000, _("Under 100,000 ₫")),
    PriceRange("100k-200k", 100_000, 200_000, _("100,000 – 200,000 ₫")),
    PriceRange("200k-500k", 200_000, 500_000, _("200,000 – 500,000 ₫")),
    PriceRange("tren-500k", 500_000, None, _("500,000 ₫ and over")),
)
PRICE_RANGES_BY_KEY = {price_range.key: price_range for price_range in PRICE_RANGES}

IN_STOCK, OUT_OF_STOCK = "con-hang", "het-hang"
AVAILABILITY = {IN_STOCK: _("In stock"), OUT_OF_STOCK: _("Out of stock")}

SORTS = {
    "relevance": _("Most relevant"),
    "price-asc": _("Price: low to high"),
    "price-desc": _("Price: high to low"),
    "newest": _("Newest"),
    "stars": _("Most stars"),
}

# Facet name -> (document field, the most values one facet lists)
FACETS = {
    "stars": ("stars", 3),
    "group": ("group", 20),
    "locality": ("locality", 50),
    "producer": ("producer", 100),
    "price": ("price", len(PRICE_RANGES)),
    "availability": ("in_stock", 2),
}


@dataclass(frozen=True)
class ProductQuery:
    text: str = ""
    category: str = ""  # slug of a product group or set: the category page's fixed filter
    stars: frozenset[int] = frozenset()
    group: frozenset[str] = frozenset()
    locality: frozenset[str] = frozenset()
    producer: frozenset[str] = frozenset()
    price: frozenset[str] = frozenset()
    availability: frozenset[str] = frozenset()
    sort: str = "relevance"
    page: int = 1
    per_page: int = 24
    fuzzy: bool = False  # typo tolerance: set when the exact query found nothing
    in_season: bool = False  # "Đang vào mùa": today inside one of the product's harvests
    visit_from: datetime.date | None = None  # a bookable visit date on or after this day
    visit_to: datetime.date | None = None  # ... and on or before this one
    selections: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "text", normalize(" ".join(self.text.split()))[:MAX_QUERY_LENGTH])
        object.__setattr__(self, "selections", {name: getattr(self, name) for name in FACETS})

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def with_changes(self, **changes) -> ProductQuery:
        return dataclasses.replace(self, **changes)

    def visit_window(self, today: datetime.date) -> tuple[datetime.date, datetime.date] | None:
        """The days a bookable visit date must fall in, or None without a visit filter: from
        `visit_from` (today at the earliest) to `visit_to` (else the indexed horizon)."""
        if self.visit_from is None and self.visit_to is None:
            return None
        start = max(self.visit_from or today, today)
        end = self.visit_to or today + datetime.timedelta(days=VISIT_DAYS_AHEAD)
        return start, end


def text_query(text: str, *, fuzzy: bool = False) -> Q:
    """All words must match, tones ignored; exact diacritics and name matches rank first."""
    folded = {"query": text, "operator": "and"}
    if fuzzy:
        folded |= {"fuzziness": "AUTO", "prefix_length": 1}
    return Q(
        "bool",
        must=[Q("match", all_folded=folded)],
        should=[
            Q("match", name={"query": text, "operator": "and", "boost": 6}),
            Q("match_phrase", **{"name.folded": {"query": text, "boost": 3}}),
            Q("match", **{"name.folded": {"query": text, "operator": "and", "boost": 2}}),
            Q("match", all_exact={"query": text, "boost": 2}),
        ],
    )


def stars_in_force(today: datetime.date) -> Q:
    """Documents whose indexed stars are still backed by a certificate on `today`."""
    return Q("range", certificate_valid_to={"gte": today.isoformat()})


def facet_filters(query: ProductQuery, *, today: datetime.date | None = None) -> dict[str, Q]:
    """One filter per facet with a selection."""
    today = today or timezone.localdate()
    filters = {}
    for name, values in query.selections.items():
        if not values:
            continue
        if name == "price":
            ranges = [PRICE_RANGES_BY_KEY[key] for key in sorted(values) if key in PRICE_RANGES_BY_KEY]
            filters[name] = Q(
                "bool",
                should=[_price_range_filter(price_range) for price_range in ranges],
                minimum_should_match=1,
            )
        elif name == "availability":
            filters[name] = Q("terms", in_stock=sorted(value == IN_STOCK for value in values))
        elif name == "stars":
            filters[name] = Q("bool", filter=[Q("terms", stars=sorted(values)), stars_in_force(today)])
        else:
            filters[name] = Q("terms", **{FACETS[name][0]: sorted(values)})
    return filters


def season_and_visit_filters(query: ProductQuery, *, today: datetime.date) -> list[Q]:
    """The "in season" and visit-date filters: fixed parts of the request like the category
    (facet counts follow them). A season span is a `date_range`: a range query on it matches
    the spans that intersect the range, here the one day `today`."""
    filters = []
    if query.in_season:
        filters.append(Q("range", seasons={"gte": today.isoformat(), "lte": today.isoformat()}))
    window = query.visit_window(today)
    if window is not None:
        start, end = window
        filters.append(Q("range", visit_dates={"gte": start.isoformat(), "lte": end.isoformat()}))
    return filters


def _price_range_filter(price_range: PriceRange) -> Q:
    bounds = {}
    if price_range.low is not None:
        bounds["gte"] = price_range.low
    if price_range.high is not None:
        bounds["lt"] = price_range.high
    return Q("range", price=bounds)


def _facet_aggregation(name: str) -> A:
    field_name, size = FACETS[name]
    if name == "price":
        return A(
            "range",
            field="price",
            keyed=True,
            ranges=[
                {
                    "key": r.key,
                    **({"from": r.low} if r.low is not None else {}),
                    **({"to": r.high} if r.high is not None else {}),
                }
                for r in PRICE_RANGES
            ],
        )
    return A("terms", field=field_name, size=size)


SORT_CLAUSES = {
    "relevance": ["_score"],
    "price-asc": [{"price": {"order": "asc", "missing": "_last"}}, "_score"],
    "price-desc": [{"price": {"order": "desc", "missing": "_last"}}, "_score"],
    "newest": [{"created": {"order": "desc"}}],
    "stars": ["_score"],  # after the stars still in force: see _stars_sort
}

# The stars a document shows on `today` (epoch milliseconds), -1 when none or lapsed.
STARS_SORT_SCRIPT = (
    "if (doc['stars'].size() == 0 || doc['certificate_valid_to'].size() == 0) { return -1; } "
    "if (doc['certificate_valid_to'].value.toInstant().toEpochMilli() < params.today) { return -1; } "
    "return doc['stars'].value;"
)


def _stars_sort(today: datetime.date) -> dict:
    midnight = datetime.datetime.combine(today, datetime.time(), tzinfo=datetime.UTC)
    return {
        "_script": {
            "type": "number",
            "order": "desc",
            "script": {
                "lang": "painless",
                "source": STARS_SORT_SCRIPT,
                "params": {"today": int(midnight.timestamp() * 1000)},
            },
        }
    }


def product_search_request(query: ProductQuery, *, today: datetime.date | None = None) -> Search:
    """The engine request for one results page: hits, facet counts and highlights."""
    today = today or timezone.localdate()
    search = Search()
    search = search.query(text_query(query.text, fuzzy=query.fuzzy) if query.text else Q("match_all"))
    if query.category:
        search = search.filter("term", categories=query.category)
    for fixed in season_and_visit_filters(query, today=today):
        search = search.filter(fixed)
    filters = facet_filters(query, today=today)
    if filters:
        search = search.post_filter(Q("bool", filter=list(filters.values())))
    for name in FACETS:
        others = [facet_filter for other, facet_filter in filters.items() if other != name]
        if name == "stars":
            others.append(stars_in_force(today))
        scope = Q("bool", filter=others) if others else Q("match_all")
        search.aggs.bucket(f"facet_{name}", "filter", filter=scope).bucket("counts", _facet_aggregation(name))
    sort = SORT_CLAUSES[query.sort]
    if query.sort == "stars":
        sort = [_stars_sort(today), *sort]
    search = search.sort(*sort, {"sort_name": "asc"}, {"pk": "asc"})
    if query.text:
        search = search.highlight_options(
            pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html", require_field_match=False
        )
        search = search.highlight("name.folded", number_of_fragments=0)
        search = search.highlight("description.folded", fragment_size=160, number_of_fragments=1)
    search = search.source(False).extra(track_total_hits=True)
    return search[query.offset : query.offset + query.per_page]


def suggestion_request(text: str, *, limit: int) -> Search:
    """Product names that start with what was typed so far (the last word may be half-typed)."""
    text = normalize(" ".join(text.split()))[:MAX_QUERY_LENGTH]
    return (
        Search()
        .query(
            Q(
                "bool",
                must=[Q("match", **{"name.prefix": {"query": text, "operator": "and"}})],
                should=[
                    Q("prefix", sort_name={"value": " ".join(words_folded(text)), "boost": 5}),
                    Q("match_phrase_prefix", **{"name.folded": {"query": text, "boost": 3}}),
                    Q("match", name={"query": text, "boost": 2}),
                ],
            )
        )
        .sort("_score", {"sort_name": "asc"}, {"pk": "asc"})
        .source(["name"])[:limit]
    )
