"""Wire-level tests of the Elasticsearch adapter (`search.engines.ElasticsearchEngine`).

No Elasticsearch server can run on these machines, so the official 8.x client talks to a
small HTTP server started in the test: it records every request and answers with canned
Elasticsearch 8 JSON (with the `X-Elastic-Product` header the client insists on). The tests
pin what goes over the wire (paths, bodies, headers) and how answers and failures come back.
"""

from __future__ import annotations

import json
import logging
import platform
import re
import socket
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import elasticsearch
import elasticsearch.helpers
import pytest
import urllib3
from django.utils import timezone

from search import selectors
from search.documents import index_body
from search.engines import ElasticsearchEngine, OpenSearchEngine, SearchUnavailable, engine_from_settings
from search.indexing import products_index
from search.models import ProductSearchRecord
from search.queries import ProductQuery, product_search_request, suggestion_request
from search.results import ProductHit, Suggestion, results_from_response
from tests.catalog.factories import ProductFactory

ALIAS = "wire-products"
ES_CONTENT_TYPE = "application/vnd.elasticsearch+json;compatible-with=8"
CLIENT_MIMETYPE = "application/vnd.elasticsearch+json; compatible-with=8"
CLIENT_NDJSON_MIMETYPE = "application/vnd.elasticsearch+x-ndjson; compatible-with=8"
USER_AGENT = f"elasticsearch-py/8.19.3 (Python/{platform.python_version()}; elastic-transport/8.19.0)"
CLIENT_META = f"es=8.19.3,py={platform.python_version()},t=8.19.0,ur={urllib3.__version__}"


# ---------------------------------------------------------------------------
# The fake Elasticsearch server
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Canned:
    """One answer of the fake server."""

    status: int = 200
    body: dict | None = None
    elastic_product: bool = True  # send `X-Elastic-Product: Elasticsearch`
    delay: float = 0.0  # seconds to wait before answering


@dataclass(frozen=True)
class Recorded:
    """One request the fake server received."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # names in lower case
    body: bytes

    def json(self):
        return json.loads(self.body)

    def ndjson(self) -> list[dict]:
        return [json.loads(line) for line in self.body.decode().splitlines()]


def es_error(status: int, error_type: str, reason: str, **details) -> Canned:
    """An Elasticsearch error answer, shaped like the real ones."""
    error = {"type": error_type, "reason": reason, **details}
    return Canned(status, {"error": {"root_cause": [error], **error}, "status": status})


class FakeElasticsearchHandler(BaseHTTPRequestHandler):
    server: FakeElasticsearch

    def answer(self):
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        request = Recorded(
            method=self.command,
            path=url.path,
            query=parse_qs(url.query, keep_blank_values=True),
            headers={name.lower(): value for name, value in self.headers.items()},
            body=self.rfile.read(length),
        )
        self.server.requests.append(request)
        canned = self.server.route(request)
        time.sleep(canned.delay)
        payload = b"" if canned.body is None else json.dumps(canned.body).encode()
        self.send_response(canned.status)
        self.send_header("Content-Type", ES_CONTENT_TYPE)
        if canned.elastic_product:
            self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = answer

    def log_message(self, format, *args):
        pass


class FakeElasticsearch(ThreadingHTTPServer):
    """Routes (method, path regex) -> canned answer; the latest matching route wins.

    Anything unrouted gets a 404 (so `HEAD /_alias/<name>` says "no such alias").
    """

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), FakeElasticsearchHandler)
        self.routes: list[tuple[str, re.Pattern, Canned]] = []
        self.requests: list[Recorded] = []

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def on(self, method: str, path: str, canned: Canned) -> None:
        self.routes.insert(0, (method, re.compile(path), canned))

    def route(self, request: Recorded) -> Canned:
        for method, path, canned in self.routes:
            if method == request.method and path.fullmatch(request.path):
                return canned
        return es_error(
            404, "resource_not_found_exception", f"no route for [{request.method} {request.path}]"
        )

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the client gave up waiting (the timeout test) and closed the socket
        super().handle_error(request, client_address)


@pytest.fixture
def fake_es():
    server = FakeElasticsearch()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def engine(fake_es):
    return ElasticsearchEngine(url=fake_es.url, index_prefix="wire", timeout=2.0, refresh=True)


@pytest.fixture
def engine_settings(settings, fake_es):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.SEARCH_URL = fake_es.url
    settings.MARKETPLACE_SEARCH_INDEX_PREFIX = "wire"
    settings.MARKETPLACE_SEARCH_TIMEOUT = 2.0
    return settings


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# ---------------------------------------------------------------------------
# Canned answers
# ---------------------------------------------------------------------------


def terms_counts(*buckets: tuple) -> dict:
    return {
        "doc_count_error_upper_bound": 0,
        "sum_other_doc_count": 0,
        "buckets": [{"key": key, "doc_count": count} for key, count in buckets],
    }


PRICE_COUNTS = {
    "buckets": {
        "duoi-100k": {"to": 100000.0, "doc_count": 1},
        "100k-200k": {"from": 100000.0, "to": 200000.0, "doc_count": 2},
        "200k-500k": {"from": 200000.0, "to": 500000.0, "doc_count": 0},
        "tren-500k": {"from": 500000.0, "doc_count": 0},
    }
}
AVAILABILITY_COUNTS = {
    "doc_count_error_upper_bound": 0,
    "sum_other_doc_count": 0,
    "buckets": [
        {"key": 1, "key_as_string": "true", "doc_count": 2},
        {"key": 0, "key_as_string": "false", "doc_count": 1},
    ],
}


def search_answer(hits: list[dict], total: int, counts: dict | None = None) -> Canned:
    """A 200 answer to `product_search_request`; facets without `counts` are empty."""
    counts = counts or {}
    return Canned(
        200,
        {
            "took": 4,
            "timed_out": False,
            "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
            "hits": {"total": {"value": total, "relation": "eq"}, "max_score": None, "hits": hits},
            "aggregations": {
                f"facet_{name}": {"doc_count": total, "counts": counts.get(name, terms_counts())}
                for name in ("stars", "group", "locality", "producer", "price", "availability")
            },
        },
    )


def bulk_answer(*items: dict) -> Canned:
    """A `_bulk` answer; `errors` is true when an item failed, as Elasticsearch says."""
    failed = any(result["status"] >= 300 for item in items for result in item.values())
    return Canned(200, {"took": 3, "errors": failed, "items": list(items)})


def bulk_item(op: str, pk: int, *, index: str = "wire-products-1", status: int = 201, error=None) -> dict:
    """One item of a `_bulk` answer: `{op: {...}}`."""
    result = {"_index": index, "_id": str(pk), "status": status}
    if error:
        result["error"] = error
    else:
        result["result"] = {201: "created", 200: "deleted", 404: "not_found"}[status]
    return {op: result}


def alias_exists(fake_es: FakeElasticsearch, *indices: str) -> None:
    fake_es.on("HEAD", f"/_alias/{ALIAS}", Canned(200))
    fake_es.on("GET", f"/_alias/{ALIAS}", Canned(200, {index: {"aliases": {ALIAS: {}}} for index in indices}))


ACKNOWLEDGED = Canned(200, {"acknowledged": True})

VAI_THIEU = ProductQuery(text="vải thiều", stars=frozenset({4}), group=frozenset({"thuc-pham"}))


# ---------------------------------------------------------------------------
# Request bodies and headers
# ---------------------------------------------------------------------------


def test_search_posts_the_dsl_body_to_the_alias(fake_es, engine):
    # Given an engine that answers every search
    fake_es.on("POST", f"/{ALIAS}/_search", search_answer([], 0))
    # When a faceted text query runs
    engine.search(product_search_request(VAI_THIEU))
    # Then one POST went to the alias, carrying exactly the DSL's body
    [request] = fake_es.requests
    assert (request.method, request.path, request.query) == ("POST", f"/{ALIAS}/_search", {})
    body = request.json()
    assert body == product_search_request(VAI_THIEU).to_dict()
    in_force = {"range": {"certificate_valid_to": {"gte": timezone.localdate().isoformat()}}}
    stars_filter = {"bool": {"filter": [{"terms": {"stars": [4]}}, in_force]}}
    group_filter = {"terms": {"group": ["thuc-pham"]}}
    both = {"bool": {"filter": [stars_filter, group_filter]}}
    assert body["post_filter"] == both
    assert body["aggs"]["facet_stars"] == {
        "filter": {"bool": {"filter": [group_filter, in_force]}},
        "aggs": {"counts": {"terms": {"field": "stars", "size": 3}}},
    }
    assert body["aggs"]["facet_group"] == {
        "filter": {"bool": {"filter": [stars_filter]}},
        "aggs": {"counts": {"terms": {"field": "group", "size": 20}}},
    }
    assert body["aggs"]["facet_locality"] == {
        "filter": both,
        "aggs": {"counts": {"terms": {"field": "locality", "size": 50}}},
    }
    assert body["aggs"]["facet_producer"] == {
        "filter": both,
        "aggs": {"counts": {"terms": {"field": "producer", "size": 100}}},
    }
    assert body["aggs"]["facet_price"] == {
        "filter": both,
        "aggs": {
            "counts": {
                "range": {
                    "field": "price",
                    "keyed": True,
                    "ranges": [
                        {"key": "duoi-100k", "to": 100000},
                        {"key": "100k-200k", "from": 100000, "to": 200000},
                        {"key": "200k-500k", "from": 200000, "to": 500000},
                        {"key": "tren-500k", "from": 500000},
                    ],
                }
            }
        },
    }
    assert body["aggs"]["facet_availability"] == {
        "filter": both,
        "aggs": {"counts": {"terms": {"field": "in_stock", "size": 2}}},
    }
    assert body["query"] == {
        "bool": {
            "must": [{"match": {"all_folded": {"query": "vải thiều", "operator": "and"}}}],
            "should": [
                {"match": {"name": {"query": "vải thiều", "operator": "and", "boost": 6}}},
                {"match_phrase": {"name.folded": {"query": "vải thiều", "boost": 3}}},
                {"match": {"name.folded": {"query": "vải thiều", "operator": "and", "boost": 2}}},
                {"match": {"all_exact": {"query": "vải thiều", "boost": 2}}},
            ],
        }
    }
    assert body["highlight"] == {
        "fields": {
            "name.folded": {"number_of_fragments": 0},
            "description.folded": {"fragment_size": 160, "number_of_fragments": 1},
        },
        "pre_tags": ["<mark>"],
        "post_tags": ["</mark>"],
        "encoder": "html",
        "require_field_match": False,
    }
    assert body["sort"] == ["_score", {"sort_name": "asc"}, {"pk": "asc"}]
    assert (body["from"], body["size"], body["_source"], body["track_total_hits"]) == (0, 24, False, True)
    assert set(body) == {
        "query",
        "post_filter",
        "aggs",
        "sort",
        "track_total_hits",
        "from",
        "size",
        "_source",
        "highlight",
    }


def test_search_sends_the_page_window_as_from_and_size(fake_es, engine):
    # Given an engine that answers every search
    fake_es.on("POST", f"/{ALIAS}/_search", search_answer([], 0))
    # When the third page of 12, sorted by price, is asked for
    engine.search(product_search_request(ProductQuery(text="mật ong", page=3, per_page=12, sort="price-asc")))
    # Then the body asks for hits 24..35 in price order
    body = fake_es.requests[0].json()
    assert (body["from"], body["size"]) == (24, 12)
    assert body["sort"] == [
        {"price": {"order": "asc", "missing": "_last"}},
        "_score",
        {"sort_name": "asc"},
        {"pk": "asc"},
    ]


def test_search_sends_the_elasticsearch_8_compatibility_headers(fake_es, engine):
    # Given an engine that answers every search
    fake_es.on("POST", f"/{ALIAS}/_search", search_answer([], 0))
    # When a search runs
    engine.search(product_search_request(ProductQuery(text="trà")))
    # Then the 8.19.3 client announced the version-8 compatible JSON and itself
    headers = fake_es.requests[0].headers
    assert headers["accept"] == CLIENT_MIMETYPE
    assert headers["content-type"] == CLIENT_MIMETYPE
    assert headers["user-agent"] == USER_AGENT
    assert headers["x-elastic-client-meta"] == CLIENT_META
    assert int(headers["content-length"]) == len(fake_es.requests[0].body)


def test_suggestions_send_a_prefix_query_and_read_names_from_source(fake_es, engine):
    # Given an engine that knows two names starting with "vai th"
    fake_es.on(
        "POST",
        f"/{ALIAS}/_search",
        Canned(
            200,
            {
                "took": 1,
                "timed_out": False,
                "hits": {
                    "total": {"value": 2, "relation": "eq"},
                    "max_score": None,
                    "hits": [
                        {
                            "_index": "wire-products-1",
                            "_id": "7",
                            "_score": 3.2,
                            "_source": {"name": "Vải thiều Lục Ngạn"},
                        },
                        {
                            "_index": "wire-products-1",
                            "_id": "9",
                            "_score": 1.5,
                            "_source": {"name": "Vải thiều sấy"},
                        },
                    ],
                },
            },
        ),
    )
    # When the suggestion request runs
    response = engine.search(suggestion_request("vai  th", limit=8))
    # Then the body is the DSL's prefix query on the alias, and the hits carry ids and names
    [request] = fake_es.requests
    assert (request.method, request.path) == ("POST", f"/{ALIAS}/_search")
    body = request.json()
    assert body == suggestion_request("vai  th", limit=8).to_dict()
    assert body["query"]["bool"]["must"] == [
        {"match": {"name.prefix": {"query": "vai th", "operator": "and"}}}
    ]
    assert (body["sort"], body["size"], body["_source"]) == (
        ["_score", {"sort_name": "asc"}, {"pk": "asc"}],
        8,
        ["name"],
    )
    assert [Suggestion(pk=int(hit.meta.id), name=hit.name) for hit in response] == [
        Suggestion(pk=7, name="Vải thiều Lục Ngạn"),
        Suggestion(pk=9, name="Vải thiều sấy"),
    ]


def test_count_reads_the_alias_document_count(fake_es, engine):
    # Given an alias holding 42 documents
    fake_es.on(
        "POST", f"/{ALIAS}/_count", Canned(200, {"count": 42, "_shards": {"total": 1, "successful": 1}})
    )
    # When the engine counts
    count = engine.count()
    # Then it asked the alias once and read the number
    assert count == 42
    assert [(request.method, request.path, request.body) for request in fake_es.requests] == [
        ("POST", f"/{ALIAS}/_count", b"")
    ]


# ---------------------------------------------------------------------------
# Index lifecycle
# ---------------------------------------------------------------------------


def test_create_index_puts_the_settings_and_mappings(fake_es, engine):
    # Given a server that accepts new indices
    fake_es.on(
        "PUT",
        r"/wire-products-\d+",
        Canned(200, {"acknowledged": True, "shards_acknowledged": True, "index": "x"}),
    )
    # When an index is created
    engine.create_index("wire-products-20250101000000000000")
    # Then one PUT carried the analysers and mappings of `index_body`
    [request] = fake_es.requests
    assert (request.method, request.path, request.query) == ("PUT", "/wire-products-20250101000000000000", {})
    assert request.headers["content-type"] == CLIENT_MIMETYPE
    body = request.json()
    assert body == index_body()
    analysis = body["settings"]["analysis"]
    assert analysis["analyzer"] == {
        "vi_exact": {
            "type": "custom",
            "tokenizer": "standard",
            "char_filter": ["vi_tone_placement"],
            "filter": ["lowercase"],
        },
        "vi_folded": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding", "vi_i_for_y"],
        },
        "vi_prefix": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding", "vi_i_for_y", "vi_edge_ngram"],
        },
    }
    tone_placement = analysis["char_filter"]["vi_tone_placement"]
    assert tone_placement["type"] == "mapping"
    assert len(tone_placement["mappings"]) == 60
    assert {"òa => oà", "óe => oé", "ủy => uỷ", "ỤY => UỴ"} <= set(tone_placement["mappings"])
    assert analysis["filter"] == {
        "vi_edge_ngram": {"type": "edge_ngram", "min_gram": 1, "max_gram": 20},
        "vi_i_for_y": {
            "type": "pattern_replace",
            "pattern": "^(ngh|ch|gh|gi|kh|ng|nh|ph|qu|th|tr|[bcdghklmnpqrstvx])y$",
            "replacement": "$1i",
        },
    }
    assert {
        key: body["settings"][key] for key in ("number_of_shards", "number_of_replicas", "max_ngram_diff")
    } == {
        "number_of_shards": 1,
        "number_of_replicas": 0,
        "max_ngram_diff": 20,
    }
    assert body["mappings"]["properties"]["name"] == {
        "type": "text",
        "analyzer": "vi_exact",
        "copy_to": ["all_exact", "all_folded"],
        "fields": {
            "folded": {"type": "text", "analyzer": "vi_folded"},
            "prefix": {"type": "text", "analyzer": "vi_prefix", "search_analyzer": "vi_folded"},
        },
    }


def test_new_index_name_is_the_alias_with_a_timestamp():
    # Given an engine (no request is made)
    engine = ElasticsearchEngine(url="http://search.example:9200", index_prefix="wire", timeout=2.0)
    # When a new index name is made / Then it is the alias with a UTC timestamp down to the µs
    assert re.fullmatch(rf"{ALIAS}-\d{{20}}", engine.new_index_name())


def test_alias_switch_moves_the_alias_atomically(fake_es, engine):
    # Given the alias points at the old index
    alias_exists(fake_es, "wire-products-old")
    fake_es.on("POST", "/_aliases", ACKNOWLEDGED)
    # When the alias is switched to the new index
    left = engine.alias_switch("wire-products-new")
    # Then it looked the alias up, and moved it in one _aliases call
    assert [(request.method, request.path) for request in fake_es.requests] == [
        ("HEAD", f"/_alias/{ALIAS}"),
        ("GET", f"/_alias/{ALIAS}"),
        ("POST", "/_aliases"),
    ]
    assert fake_es.requests[2].json() == {
        "actions": [
            {"remove": {"index": "wire-products-old", "alias": ALIAS}},
            {"add": {"index": "wire-products-new", "alias": ALIAS}},
        ]
    }
    assert left == ["wire-products-old"]


def test_alias_switch_before_the_first_build_only_adds(fake_es, engine):
    # Given no alias yet (HEAD /_alias answers 404)
    fake_es.on("POST", "/_aliases", ACKNOWLEDGED)
    # When the alias is switched to the first index
    left = engine.alias_switch("wire-products-first")
    # Then it did not GET the missing alias, and only added it
    assert [(request.method, request.path) for request in fake_es.requests] == [
        ("HEAD", f"/_alias/{ALIAS}"),
        ("POST", "/_aliases"),
    ]
    assert fake_es.requests[1].json() == {
        "actions": [{"add": {"index": "wire-products-first", "alias": ALIAS}}]
    }
    assert left == []


def test_alias_targets_lists_the_indices_behind_the_alias_sorted(fake_es, engine):
    # Given the alias points at two indices (a rebuild was interrupted)
    alias_exists(fake_es, "wire-products-2", "wire-products-1")
    # When its targets are asked for / Then both come back, sorted
    assert engine.alias_targets() == ["wire-products-1", "wire-products-2"]


def test_index_documents_sends_ndjson_bulk_with_the_pk_as_id(fake_es, engine):
    # Given a server that accepts bulk writes
    fake_es.on("PUT", "/_bulk", bulk_answer(bulk_item("index", 7), bulk_item("index", 9)))
    documents = [{"pk": 7, "name": "Vải thiều Lục Ngạn"}, {"pk": 9, "name": "Mật ong bạc hà"}]
    # When two documents are indexed into a named index
    indexed = engine.index_documents(documents, index="wire-products-1")
    # Then one NDJSON bulk call wrote them under their pks, refreshing (the engine's setting)
    [request] = fake_es.requests
    assert (request.method, request.path, request.query) == ("PUT", "/_bulk", {"refresh": ["true"]})
    assert request.headers["content-type"] == CLIENT_NDJSON_MIMETYPE
    assert request.headers["x-elastic-client-meta"] == CLIENT_META + ",h=bp"
    assert request.body.endswith(b"\n")
    assert request.ndjson() == [
        {"index": {"_index": "wire-products-1", "_id": 7}},
        {"pk": 7, "name": "Vải thiều Lục Ngạn"},
        {"index": {"_index": "wire-products-1", "_id": 9}},
        {"pk": 9, "name": "Mật ong bạc hà"},
    ]
    assert indexed == 2


def test_index_documents_without_refresh_sends_refresh_false(fake_es):
    # Given an engine that leaves refreshing to the server
    engine = ElasticsearchEngine(url=fake_es.url, index_prefix="wire", timeout=2.0, refresh=False)
    fake_es.on("PUT", "/_bulk", bulk_answer(bulk_item("index", 7)))
    # When a document is indexed
    engine.index_documents([{"pk": 7}], index="wire-products-1")
    # Then the bulk call says so
    assert fake_es.requests[0].query == {"refresh": ["false"]}


def test_index_documents_into_the_alias_creates_the_first_index(fake_es, engine):
    # Given no alias yet, and a server that creates indices and aliases
    fake_es.on("PUT", r"/wire-products-\d{20}", Canned(200, {"acknowledged": True}))
    fake_es.on("POST", "/_aliases", ACKNOWLEDGED)
    fake_es.on("PUT", "/_bulk", bulk_answer(bulk_item("index", 7, index=ALIAS)))
    # When a document is indexed without naming an index
    indexed = engine.index_documents([{"pk": 7, "name": "Trà Shan tuyết"}])
    # Then the first index was created and aliased before the bulk write to the alias
    calls = [(request.method, request.path) for request in fake_es.requests]
    new_index = fake_es.requests[1].path.lstrip("/")
    assert calls == [
        ("HEAD", f"/_alias/{ALIAS}"),
        ("PUT", f"/{new_index}"),
        ("HEAD", f"/_alias/{ALIAS}"),
        ("POST", "/_aliases"),
        ("PUT", "/_bulk"),
    ]
    assert fake_es.requests[1].json() == index_body()
    assert fake_es.requests[3].json() == {"actions": [{"add": {"index": new_index, "alias": ALIAS}}]}
    assert fake_es.requests[4].ndjson() == [
        {"index": {"_index": ALIAS, "_id": 7}},
        {"pk": 7, "name": "Trà Shan tuyết"},
    ]
    assert indexed == 1
    # And the next write does not look the alias up again
    engine.index_documents([{"pk": 7, "name": "Trà Shan tuyết"}])
    assert [(request.method, request.path) for request in fake_es.requests[5:]] == [("PUT", "/_bulk")]


def test_index_documents_with_nothing_sends_nothing(fake_es, engine):
    # When no documents are indexed / Then the server hears nothing
    assert engine.index_documents([]) == 0
    assert fake_es.requests == []


def test_delete_documents_sends_bulk_deletes_to_the_alias(fake_es, engine):
    # Given the alias exists and the documents are in it
    alias_exists(fake_es, "wire-products-1")
    fake_es.on(
        "PUT", "/_bulk", bulk_answer(bulk_item("delete", 7, status=200), bulk_item("delete", 9, status=200))
    )
    # When two products are deleted
    engine.delete_documents([7, 9])
    # Then the alias was checked, and one bulk call deleted both by id
    assert [(request.method, request.path) for request in fake_es.requests] == [
        ("HEAD", f"/_alias/{ALIAS}"),
        ("GET", f"/_alias/{ALIAS}"),
        ("PUT", "/_bulk"),
    ]
    assert fake_es.requests[2].query == {"refresh": ["true"]}
    assert fake_es.requests[2].ndjson() == [
        {"delete": {"_index": ALIAS, "_id": 7}},
        {"delete": {"_index": ALIAS, "_id": 9}},
    ]


def test_delete_documents_before_the_first_build_sends_no_bulk(fake_es, engine):
    # Given no alias yet
    # When products are deleted
    engine.delete_documents([7])
    # Then only the alias lookup went out
    assert [(request.method, request.path) for request in fake_es.requests] == [("HEAD", f"/_alias/{ALIAS}")]


def test_delete_documents_of_products_the_index_never_had_succeeds(fake_es, engine):
    # Given the alias exists but does not hold product 7 (it was never published)
    alias_exists(fake_es, "wire-products-1")
    fake_es.on("PUT", "/_bulk", bulk_answer(bulk_item("delete", 7, status=404)))
    # When product 7 is deleted / Then nothing fails
    engine.delete_documents([7])


def test_refresh_and_delete_index_and_listing_hit_their_endpoints(fake_es, engine):
    # Given a server with two product indices
    fake_es.on(
        "POST", r"/[\w-]+/_refresh", Canned(200, {"_shards": {"total": 1, "successful": 1, "failed": 0}})
    )
    fake_es.on("DELETE", r"/wire-products-\w+", ACKNOWLEDGED)
    fake_es.on(
        "GET",
        rf"/{ALIAS}-\*",
        Canned(200, {"wire-products-2": {"aliases": {}}, "wire-products-1": {"aliases": {ALIAS: {}}}}),
    )
    # When the engine refreshes, deletes an index and lists the indices
    engine.refresh_index()
    engine.refresh_index("wire-products-2")
    engine.delete_index("wire-products-1")
    indices = engine.indices()
    # Then each went to its endpoint
    assert [(request.method, request.path) for request in fake_es.requests] == [
        ("POST", f"/{ALIAS}/_refresh"),
        ("POST", "/wire-products-2/_refresh"),
        ("DELETE", "/wire-products-1"),
        ("GET", f"/{ALIAS}-*"),
    ]
    assert indices == ["wire-products-1", "wire-products-2"]


# ---------------------------------------------------------------------------
# Response handling
# ---------------------------------------------------------------------------


def test_search_answer_becomes_hits_totals_and_facet_counts(fake_es, engine):
    # Given a search answer with highlighted hits and every facet's counts
    fake_es.on(
        "POST",
        f"/{ALIAS}/_search",
        search_answer(
            [
                {
                    "_index": "wire-products-1",
                    "_id": "7",
                    "_score": 12.5,
                    "sort": [12.5, "vai thieu luc ngan", 7],
                    "highlight": {
                        "name.folded": ["<mark>Vải</mark> <mark>thiều</mark> Lục Ngạn"],
                        "description.folded": ["Quả <mark>vải</mark> chín đỏ &amp; ngọt"],
                    },
                },
                {"_index": "wire-products-1", "_id": "12", "_score": 3.0, "sort": [3.0, "vai say", 12]},
            ],
            total=31,
            counts={
                "stars": terms_counts((4, 2), (3, 1)),
                "group": terms_counts(("thuc-pham", 3), ("do-uong", 1)),
                "locality": terms_counts(("217", 3)),
                "producer": terms_counts(("htx-luc-ngan", 2), ("htx-thanh-ha", 1)),
                "price": PRICE_COUNTS,
                "availability": AVAILABILITY_COUNTS,
            },
        ),
    )
    # When the response is read as results
    response = engine.search(product_search_request(VAI_THIEU))
    results = results_from_response(response.to_dict(), query=VAI_THIEU, engine="elasticsearch")
    # Then hits keep the engine's order and highlights, and every facet is counted
    assert results.hits == [
        ProductHit(
            pk=7,
            name_html="<mark>Vải</mark> <mark>thiều</mark> Lục Ngạn",
            snippet_html="Quả <mark>vải</mark> chín đỏ &amp; ngọt",
        ),
        ProductHit(pk=12, name_html="", snippet_html=""),
    ]
    assert results.total == 31
    assert results.facet_counts == {
        "stars": {"4": 2, "3": 1},
        "group": {"thuc-pham": 3, "do-uong": 1},
        "locality": {"217": 3},
        "producer": {"htx-luc-ngan": 2, "htx-thanh-ha": 1},
        "price": {"duoi-100k": 1, "100k-200k": 2, "200k-500k": 0, "tren-500k": 0},
        "availability": {"con-hang": 2, "het-hang": 1},
    }
    assert (results.engine, results.notice, results.query) == ("elasticsearch", "", VAI_THIEU)


# ---------------------------------------------------------------------------
# Failures
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("canned", "cause", "message"),
    [
        pytest.param(
            es_error(500, "illegal_state_exception", "boom"),
            elasticsearch.ApiError,
            "elasticsearch search failed: ApiError(500, 'illegal_state_exception', 'boom')",
            id="500",
        ),
        pytest.param(
            es_error(503, "search_phase_execution_exception", "all shards failed", phase="query"),
            elasticsearch.ApiError,
            "elasticsearch search failed: "
            "ApiError(503, 'search_phase_execution_exception', 'all shards failed')",
            id="503",
        ),
        pytest.param(
            es_error(404, "index_not_found_exception", f"no such index [{ALIAS}]", index=ALIAS),
            elasticsearch.NotFoundError,
            "elasticsearch search failed: "
            f"NotFoundError(404, 'index_not_found_exception', 'no such index [{ALIAS}]')",
            id="404-index-not-found",
        ),
        pytest.param(
            Canned(200, search_answer([], 0).body, elastic_product=False),
            elasticsearch.UnsupportedProductError,
            "elasticsearch search failed: The client noticed that the server is not Elasticsearch "
            "and we do not support this unknown product",
            id="200-without-product-header",
        ),
    ],
)
def test_search_server_errors_raise_search_unavailable(fake_es, engine, canned, cause, message):
    # Given a server that answers the search with an error (or is not Elasticsearch)
    fake_es.on("POST", f"/{ALIAS}/_search", canned)
    # When a search runs
    with pytest.raises(SearchUnavailable) as raised:
        engine.search(product_search_request(ProductQuery(text="trà")))
    # Then the adapter's own error comes out, caused by the client's, after one attempt
    assert type(raised.value.__cause__) is cause
    assert str(raised.value) == message
    assert len(fake_es.requests) == 1


def test_connection_refused_raises_search_unavailable():
    # Given an engine pointed at a port nobody listens on
    engine = ElasticsearchEngine(url=closed_port_url(), index_prefix="wire", timeout=2.0)
    # When a search runs / Then the adapter's error comes out, caused by a connection error
    with pytest.raises(SearchUnavailable) as raised:
        engine.search(product_search_request(ProductQuery(text="trà")))
    assert type(raised.value.__cause__) is elasticsearch.ConnectionError
    assert str(raised.value) == "elasticsearch search failed: Connection error"


def test_slow_server_raises_search_unavailable_after_the_timeout(fake_es):
    # Given an engine with a 0.2 s timeout and a server that takes a second
    engine = ElasticsearchEngine(url=fake_es.url, index_prefix="wire", timeout=0.2)
    fake_es.on("POST", f"/{ALIAS}/_search", Canned(200, search_answer([], 0).body, delay=1.0))
    # When a search runs
    started = time.monotonic()
    with pytest.raises(SearchUnavailable) as raised:
        engine.search(product_search_request(ProductQuery(text="trà")))
    # Then it gave up at the timeout, without retrying
    assert time.monotonic() - started < 0.9
    assert type(raised.value.__cause__) is elasticsearch.ConnectionTimeout
    assert str(raised.value) == "elasticsearch search failed: Connection timed out"
    assert len(fake_es.requests) == 1


def test_failed_lifecycle_calls_raise_search_unavailable(fake_es, engine):
    # Given a server that fails every call
    for method in ("HEAD", "GET", "PUT", "POST", "DELETE"):
        fake_es.on(method, "/.*", es_error(503, "cluster_block_exception", "blocked"))
    # When each lifecycle call runs / Then each raises the adapter's error, naming the step
    steps = {
        "index creation": lambda: engine.create_index("wire-products-1"),
        "alias lookup": lambda: engine.alias_targets(),
        "bulk indexing": lambda: engine.index_documents([{"pk": 7}], index="wire-products-1"),
        "refresh": lambda: engine.refresh_index(),
        "index deletion": lambda: engine.delete_index("wire-products-1"),
        "index listing": lambda: engine.indices(),
        "count": lambda: engine.count(),
    }
    for step, call in steps.items():
        with pytest.raises(SearchUnavailable, match=f"^elasticsearch {step} failed: "):
            call()


def test_bulk_item_errors_raise_search_unavailable(fake_es, engine):
    # Given a bulk answer in which one document was rejected
    fake_es.on(
        "PUT",
        "/_bulk",
        bulk_answer(
            bulk_item("index", 7),
            bulk_item(
                "index",
                9,
                status=400,
                error={"type": "document_parsing_exception", "reason": "failed to parse field [price]"},
            ),
        ),
    )
    # When the documents are indexed / Then the adapter's error comes out, caused by BulkIndexError
    with pytest.raises(SearchUnavailable, match=r"^elasticsearch bulk indexing failed: ") as raised:
        engine.index_documents([{"pk": 7}, {"pk": 9, "price": "x"}], index="wire-products-1")
    assert type(raised.value.__cause__) is elasticsearch.helpers.BulkIndexError
    assert raised.value.__cause__.errors == [
        {
            "index": {
                "_index": "wire-products-1",
                "_id": "9",
                "status": 400,
                "error": {"type": "document_parsing_exception", "reason": "failed to parse field [price]"},
                "data": {"pk": 9, "price": "x"},
            }
        }
    ]


# ---------------------------------------------------------------------------
# Through the search layer (search.selectors)
# ---------------------------------------------------------------------------


@pytest.fixture
def lychee(db, settings):
    """A published product with its database-fallback record (written with the database backend),
    alone among the records (the demo catalogue's are removed in this test's transaction)."""
    settings.SEARCH_BACKEND = "database"
    ProductSearchRecord.objects.all().delete()
    product = ProductFactory(title="Vải thiều Lục Ngạn")
    products_index(product_ids=[product.pk])
    return product


def test_product_search_answers_from_the_database_when_the_engine_fails(
    lychee, engine_settings, fake_es, caplog
):
    # Given the configured Elasticsearch answers 503
    fake_es.on("POST", f"/{ALIAS}/_search", es_error(503, "cluster_block_exception", "blocked"))
    # When the shop searches
    with caplog.at_level(logging.ERROR, logger="search.selectors"):
        results = selectors.product_search(query=ProductQuery(text="vải thiều"))
    # Then the database answered, said so, and the failure was logged once
    assert results.engine == "database"
    assert results.notice == str(selectors.FALLBACK_NOTICE)
    assert results.total == 1
    assert [hit.pk for hit in results.hits] == [lychee.pk]
    assert results.products == [lychee]
    assert [(record.name, record.levelno, record.getMessage()) for record in caplog.records] == [
        (
            "search.selectors",
            logging.ERROR,
            "Search engine unavailable, answering from the database: "
            "elasticsearch search failed: ApiError(503, 'cluster_block_exception', 'blocked')",
        )
    ]
    assert [(request.method, request.path) for request in fake_es.requests] == [("POST", f"/{ALIAS}/_search")]


def test_product_search_skips_the_engine_during_the_cool_down(lychee, engine_settings, fake_es):
    # Given the engine failed once
    fake_es.on("POST", f"/{ALIAS}/_search", es_error(503, "cluster_block_exception", "blocked"))
    selectors.product_search(query=ProductQuery(text="vải thiều"))
    # When the shop searches again at once
    results = selectors.product_search(query=ProductQuery(text="vải"))
    # Then the database answered without asking the engine
    assert (results.engine, results.notice) == ("database", str(selectors.FALLBACK_NOTICE))
    assert len(fake_es.requests) == 1


def test_product_search_returns_the_engine_hits_as_products(lychee, engine_settings, fake_es):
    # Given the engine finds the lychee
    fake_es.on(
        "POST",
        f"/{ALIAS}/_search",
        search_answer(
            [
                {
                    "_index": "wire-products-1",
                    "_id": str(lychee.pk),
                    "_score": 5.0,
                    "highlight": {"name.folded": ["<mark>Vải</mark> thiều Lục Ngạn"]},
                }
            ],
            total=1,
            counts={"availability": AVAILABILITY_COUNTS},
        ),
    )
    query = ProductQuery(text="vải")
    # When the shop searches
    results = selectors.product_search(query=query)
    # Then the engine's hit comes back as the product, with no notice
    assert (results.engine, results.notice, results.total) == ("elasticsearch", "", 1)
    assert results.hits == [ProductHit(pk=lychee.pk, name_html="<mark>Vải</mark> thiều Lục Ngạn")]
    assert results.products == [lychee]
    assert results.products[0].search_hit == results.hits[0]
    assert fake_es.requests[0].json() == product_search_request(query).to_dict()


def test_product_search_retries_with_typo_tolerance_when_the_engine_finds_nothing(
    db, engine_settings, fake_es
):
    # Given the engine finds nothing
    fake_es.on("POST", f"/{ALIAS}/_search", search_answer([], 0))
    # When the shop searches
    results = selectors.product_search(query=ProductQuery(text="vai thieuu"))
    # Then a second, fuzzy request went out
    assert [request.path for request in fake_es.requests] == [f"/{ALIAS}/_search", f"/{ALIAS}/_search"]
    assert fake_es.requests[0].json()["query"]["bool"]["must"] == [
        {"match": {"all_folded": {"query": "vai thieuu", "operator": "and"}}}
    ]
    assert fake_es.requests[1].json()["query"]["bool"]["must"] == [
        {
            "match": {
                "all_folded": {
                    "query": "vai thieuu",
                    "operator": "and",
                    "fuzziness": "AUTO",
                    "prefix_length": 1,
                }
            }
        }
    ]
    assert (results.engine, results.total, results.hits) == ("elasticsearch", 0, [])


# ---------------------------------------------------------------------------
# Choosing the engine
# ---------------------------------------------------------------------------


def test_engine_from_settings_is_none_for_the_database_backend(settings):
    # Given the database backend / When the engine is chosen / Then there is none
    settings.SEARCH_BACKEND = "database"
    assert engine_from_settings() is None


@pytest.mark.parametrize(
    ("backend", "engine_class"),
    [("elasticsearch", ElasticsearchEngine), ("opensearch", OpenSearchEngine)],
)
def test_engine_from_settings_builds_the_configured_adapter(settings, backend, engine_class):
    # Given a configured search server
    settings.SEARCH_BACKEND = backend
    settings.SEARCH_URL = "http://search.example:9200"
    settings.MARKETPLACE_SEARCH_INDEX_PREFIX = "shop"
    settings.MARKETPLACE_SEARCH_TIMEOUT = 1.5
    settings.MARKETPLACE_SEARCH_REFRESH = False
    # When the engine is chosen
    engine = engine_from_settings()
    # Then it is that server's adapter, set up from the settings
    assert type(engine) is engine_class
    assert (engine.name, engine.url, engine.alias, engine.timeout, engine.refresh) == (
        backend,
        "http://search.example:9200",
        "shop-products",
        1.5,
        False,
    )


def test_elasticsearch_client_is_built_without_retries(settings):
    # Given the Elasticsearch backend
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.SEARCH_URL = "http://search.example:9200"
    settings.MARKETPLACE_SEARCH_TIMEOUT = 1.5
    # When its client is built (no request is made)
    client = engine_from_settings().client
    # Then it is the official client, one attempt per call, with the configured timeout
    assert type(client) is elasticsearch.Elasticsearch
    assert (client._max_retries, client._retry_on_timeout, client._request_timeout) == (0, False, 1.5)


@pytest.mark.parametrize("backend", ["elasticsearch", "opensearch"])
def test_a_clusters_nodes_are_all_hosts_and_a_refused_node_is_retried_on_the_next(settings, backend):
    # Given a cluster of three nodes in SEARCH_URL
    settings.SEARCH_BACKEND = backend
    settings.SEARCH_URL = "http://127.0.0.1:9250, http://127.0.0.1:9251,http://127.0.0.1:9252"
    # When the engine's client is built (no request is made)
    engine = engine_from_settings()
    client = engine.client
    # Then it knows every node, and may try each once in one call (never after a timeout)
    assert engine.hosts == ["http://127.0.0.1:9250", "http://127.0.0.1:9251", "http://127.0.0.1:9252"]
    if backend == "elasticsearch":
        assert (client._max_retries, client._retry_on_timeout) == (2, False)
        assert len(client.transport.node_pool.all()) == 3
    else:
        assert (client.transport.max_retries, client.transport.retry_on_timeout) == (2, False)
        assert len(client.transport.hosts) == 3


def test_index_body_has_the_configured_replicas(settings):
    # Given a cluster of several nodes
    settings.MARKETPLACE_SEARCH_REPLICAS = 1
    # Then a new product index keeps one copy of its shard on another node
    assert index_body()["settings"]["number_of_replicas"] == 1
