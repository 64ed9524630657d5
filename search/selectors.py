"""The search layer's reads: products (engine, or the database fallback) and CMS pages.

`product_search` is what every product list of the shop goes through: the catalogue,
category and search pages. It runs the configured engine; when that fails it logs, answers
from the database fallback and says so in `results.notice`, and it skips the engine for
`MARKETPLACE_SEARCH_RETRY_AFTER` seconds so a dead server does not slow every page down.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.models import Locale, Page

from core.localized import LocalizedText, localized
from places.models import District

from . import fallback
from .engines import RemoteEngine, SearchUnavailable, engine_from_settings, page_search_errors
from .highlighting import WORD
from .queries import AVAILABILITY, PRICE_RANGES, ProductQuery, product_search_request, suggestion_request
from .results import SearchResults, Suggestion, results_from_response

logger = logging.getLogger(__name__)

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")

SUGGESTION_LIMIT = 8
PAGE_RESULT_LIMIT = 5
FALLBACK_NOTICE = _("Search is running in a simpler mode for the moment: results may be less precise.")

_engine_skipped_until = 0.0


def _engine() -> RemoteEngine | None:
    if time.monotonic() < _engine_skipped_until:
        return None
    return engine_from_settings()


def _engine_failed(error: Exception) -> None:
    global _engine_skipped_until
    _engine_skipped_until = time.monotonic() + settings.MARKETPLACE_SEARCH_RETRY_AFTER
    logger.error("Search engine unavailable, answering from the database: %s", error)


def _engine_configured() -> bool:
    return settings.SEARCH_BACKEND != "database"


def _run(query: ProductQuery) -> SearchResults:
    engine = _engine()
    if engine is not None:
        try:
            response = engine.search(product_search_request(query))
            return results_from_response(response.to_dict(), query=query, engine=engine.name)
        except SearchUnavailable as error:
            _engine_failed(error)
    results = fallback.product_search(query)
    if _engine_configured():
        results.notice = FALLBACK_NOTICE
    return results


def product_search(*, query: ProductQuery) -> SearchResults:
    """One page of published products for `query`: hits, facet counts and highlights.

    When no product has every word, the words are tried again with typo tolerance. The
    products' catalogue rows are read from `results.products`, when the page needs them.
    """
    results = _run(query)
    if not results.total and query.text and not query.fuzzy:
        tolerant = _run(query.with_changes(fuzzy=True))
        if tolerant.total:
            results = tolerant
    return results


def product_suggestions(*, text: str, limit: int = SUGGESTION_LIMIT) -> list[Suggestion]:
    """Product names for the search box's drop-down, best first."""
    if not text.strip():
        return []
    engine = _engine()
    if engine is not None:
        try:
            response = engine.search(suggestion_request(text, limit=limit))
            return [Suggestion(pk=int(hit.meta.id), name=hit.name) for hit in response]
        except SearchUnavailable as error:
            _engine_failed(error)
    return fallback.product_suggestions(text, limit=limit)


# ---------------------------------------------------------------------------
# Facets as the page shows them
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FacetOption:
    key: str
    label: str
    count: int
    selected: bool
    url: str = ""  # the page with this value toggled; set by the view
    lang: str = ""  # the language `label` fell back to (a group without English on /en/), or ""


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    options: list[FacetOption]


FACET_LABELS = {
    "stars": _("OCOP stars"),
    "group": _("Product group"),
    "locality": _("Origin"),
    "producer": _("Producer"),
    "price": _("Price"),
    "availability": _("Availability"),
}


def facet_list(results: SearchResults) -> list[Facet]:
    """The facets with labels, in page order; selected values stay listed even at zero."""
    query = results.query
    labels = _facet_value_labels(results)
    facets = []
    for name, counts in results.facet_counts.items():
        selected = {str(value) for value in query.selections[name]}
        keys = _ordered_keys(name, counts, selected)
        options = [
            FacetOption(
                key=key,
                label=str(labels[name].get(key, key)),
                count=counts.get(key, 0),
                selected=key in selected,
                lang=_fallback_language(labels[name].get(key)),
            )
            for key in keys
            if counts.get(key, 0) or key in selected
        ]
        if options:
            facets.append(Facet(name=name, label=FACET_LABELS[name], options=options))
    return facets


def _ordered_keys(name: str, counts: dict, selected: set[str]) -> list[str]:
    if name == "stars":
        return sorted(set(counts) | selected, reverse=True)
    if name == "price":
        return [price_range.key for price_range in PRICE_RANGES]
    if name == "availability":
        return list(AVAILABILITY)
    return list(counts) + sorted(selected - set(counts))


def _fallback_language(label) -> str:
    return label.language if isinstance(label, LocalizedText) and label.fell_back else ""


def _facet_value_labels(results: SearchResults) -> dict[str, dict[str, str | LocalizedText]]:
    """Each facet's {key: label}; product groups and producers in the page's language."""

    def keys(name):
        return set(results.facet_counts.get(name, {})) | {str(v) for v in results.query.selections[name]}

    groups = Category.objects.filter(slug__in=keys("group"), depth=1).only("slug", "name", "name_en")
    producers = Partner.objects.filter(code__in=keys("producer")).only("code", "name", "name_en")
    return {
        "stars": {key: gettext("%(stars)s stars") % {"stars": key} for key in keys("stars")},
        "group": {group.slug: localized(group, "name") for group in groups},
        "locality": dict(District.objects.filter(code__in=keys("locality")).values_list("code", "name")),
        "producer": {producer.code: localized(producer, "name") for producer in producers},
        "price": {price_range.key: str(price_range.label) for price_range in PRICE_RANGES},
        "availability": {key: str(label) for key, label in AVAILABILITY.items()},
    }


# ---------------------------------------------------------------------------
# CMS pages
# ---------------------------------------------------------------------------


def page_search(*, text: str, limit: int = PAGE_RESULT_LIMIT) -> list[Page]:
    """Live, public Wagtail pages of the current language matching `text`.

    Wagtail's configured backend answers (the engine when one is set); if it fails, the
    "database" backend, which settings add beside an engine and Wagtail keeps up to date,
    answers instead.
    """
    # Only the words go to the backend, never the shopper's punctuation: SQLite's FTS5 reads a
    # quote or a bracket as query syntax (`a"` was a 500), and its tokenizer drops them anyway.
    text = " ".join(WORD.findall(text))
    if not text:
        return []
    pages = Page.objects.live().public().filter(depth__gt=1, locale=Locale.get_active()).specific()
    try:
        return list(pages.search(text, backend="default")[:limit])
    except page_search_errors() as error:
        logger.error("Page search failed on the engine, answering from the database: %s", error)
        return list(pages.search(text, backend="database")[:limit])
