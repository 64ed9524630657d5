"""Adapters for the search servers: the only module that imports their clients.

Everything above this module speaks `elasticsearch.dsl` and plain dicts. An adapter sends a
DSL `Search`'s `to_dict()` to its server and hands back the DSL's `Response`, so the same
query code runs on Elasticsearch 8/9 (official `elasticsearch` client, which only talks to
Elasticsearch) and OpenSearch 2/3 (`opensearch-py`). Any failure of the server, the network
or the index comes out as `SearchUnavailable`, which the layer above answers from the
database fallback.

Products live in concrete indices named `<prefix>-products-<timestamp>` behind the alias
`<prefix>-products`; a rebuild fills a new index and moves the alias in one atomic call.
"""

from __future__ import annotations

import datetime
import functools
import logging
from collections.abc import Iterable
from functools import cached_property

import elasticsearch
import elasticsearch.helpers
import opensearchpy
import opensearchpy.helpers
import orjson
from django.conf import settings
from elasticsearch.dsl import Search
from elasticsearch.dsl.response import Response

from .documents import index_body

logger = logging.getLogger(__name__)


class SearchUnavailable(Exception):
    """The search server could not answer: down, too slow, or its index is missing."""


class RemoteEngine:
    name = ""
    client_errors: tuple[type[Exception], ...] = ()
    # Bulk writes of a rebuild may take far longer than a shopper waits for a search.
    WRITE_TIMEOUT = 60.0

    def __init__(
        self,
        *,
        url: str,
        index_prefix: str,
        timeout: float,
        refresh: bool = False,
        write_timeout: float | None = None,
    ):
        self.url = url
        # A cluster is given as its nodes' addresses, comma-separated: the client spreads the
        # requests over them and, when one cannot be reached, asks the next.
        self.hosts = [host.strip() for host in url.split(",") if host.strip()]
        self.alias = f"{index_prefix}-products"
        self.timeout = timeout
        self.refresh = refresh
        self.write_timeout = self.WRITE_TIMEOUT if write_timeout is None else write_timeout

    # -- per client ---------------------------------------------------------
    def _make_client(self, *, timeout: float):
        raise NotImplementedError

    def _bulk(self, actions: Iterable[dict], **options) -> tuple[int, list]:
        raise NotImplementedError

    @staticmethod
    def _body(answer) -> dict:
        return answer

    # -- shared -------------------------------------------------------------
    @cached_property
    def client(self):
        """For searches: fails fast, so the database can answer while the shopper waits."""
        return self._make_client(timeout=self.timeout)

    @cached_property
    def writer(self):
        """For index writes and maintenance: a rebuild's bulk loads wait long, the index
        updates of single changes briefly (`engine_from_settings(write_timeout=...)`)."""
        return self._make_client(timeout=self.write_timeout)

    @property
    def connection_retries(self) -> int:
        """Tries on another node when one refuses the connection; never on a timeout, which
        would only make the shopper wait longer."""
        return len(self.hosts) - 1

    def _call(self, what: str, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except self.client_errors as error:
            raise SearchUnavailable(f"{self.name} {what} failed: {error}") from error

    def search(self, search: Search) -> Response:
        answer = self._call("search", self.client.search, index=self.alias, body=search.to_dict())
        return Response(search, self._body(answer))

    def cluster_health(self) -> str:
        """green, yellow or red, as the cluster says (`SearchUnavailable` when it cannot)."""
        return self._body(self._call("cluster health", self.client.cluster.health))["status"]

    def count(self) -> int:
        return int(self._body(self._call("count", self.writer.count, index=self.alias))["count"])

    def index_documents(self, documents: list[dict], *, index: str | None = None) -> int:
        """Add or replace `documents` (by their `pk`); returns how many the server took."""
        if not documents:
            return 0
        target = index or self.alias
        if index is None:
            self.ensure_index()
        actions = ({"_index": target, "_id": document["pk"], "_source": document} for document in documents)
        indexed, _errors = self._call("bulk indexing", self._bulk, actions)
        return indexed

    def delete_documents(self, product_ids: Iterable[int]) -> None:
        actions = [{"_op_type": "delete", "_index": self.alias, "_id": pk} for pk in product_ids]
        if actions and self.alias_targets():
            self._call("bulk delete", self._bulk, actions, ignore_status=(404,))  # already gone is fine

    def refresh_index(self, index: str | None = None) -> None:
        self._call("refresh", self.writer.indices.refresh, index=index or self.alias)

    # -- index lifecycle ----------------------------------------------------
    def new_index_name(self) -> str:
        return f"{self.alias}-{datetime.datetime.now(datetime.UTC):%Y%m%d%H%M%S%f}"

    def create_index(self, name: str) -> None:
        self._call("index creation", self.writer.indices.create, index=name, body=index_body())

    def alias_targets(self) -> list[str]:
        """The concrete indices behind the alias (none before the first build)."""
        exists = self._call("alias lookup", self.writer.indices.exists_alias, name=self.alias)
        if not exists:
            return []
        return sorted(self._body(self._call("alias lookup", self.writer.indices.get_alias, name=self.alias)))

    def alias_switch(self, index: str) -> list[str]:
        """Point the alias at `index` alone, atomically; returns the indices it left."""
        previous = self.alias_targets()
        actions = [{"remove": {"index": old, "alias": self.alias}} for old in previous]
        actions.append({"add": {"index": index, "alias": self.alias}})
        self._call("alias switch", self.writer.indices.update_aliases, body={"actions": actions})
        return [old for old in previous if old != index]

    def delete_index(self, name: str) -> None:
        self._call("index deletion", self.writer.indices.delete, index=name)

    def ensure_index(self) -> None:
        """Create the first index behind the alias, so single updates work before any rebuild."""
        if getattr(self, "_alias_checked", False):
            return
        if not self.alias_targets():
            name = self.new_index_name()
            self.create_index(name)
            self.alias_switch(name)
        self._alias_checked = True

    def indices(self) -> list[str]:
        """Every product index of this prefix, also those no alias points at."""
        answer = self._call("index listing", self.writer.indices.get, index=f"{self.alias}-*")
        return sorted(self._body(answer))


class ElasticsearchEngine(RemoteEngine):
    """Elasticsearch 8 or 9 through the official client."""

    name = "elasticsearch"
    client_errors = (
        elasticsearch.ApiError,
        elasticsearch.TransportError,
        elasticsearch.helpers.BulkIndexError,
    )

    def _make_client(self, *, timeout: float):
        return elasticsearch.Elasticsearch(
            self.hosts, request_timeout=timeout, max_retries=self.connection_retries, retry_on_timeout=False
        )

    def _bulk(self, actions, **options):
        return elasticsearch.helpers.bulk(self.writer, actions, refresh=self.refresh, **options)

    @staticmethod
    def _body(answer) -> dict:
        return answer.body


class OrjsonSerializer(opensearchpy.JSONSerializer):
    """opensearch-py's JSON serializer on orjson: a rebuild's bulk bodies encode several times
    faster, which leaves the Python side more time to read the next batch."""

    def dumps(self, data) -> str:
        if isinstance(data, str):
            return data
        try:
            return orjson.dumps(data, default=self.default).decode()
        except TypeError as error:
            raise opensearchpy.SerializationError(data, error) from error

    def loads(self, s):
        try:
            return orjson.loads(s)
        except orjson.JSONDecodeError as error:
            raise opensearchpy.SerializationError(s, error) from error


class OpenSearchEngine(RemoteEngine):
    """OpenSearch 2 or 3 through opensearch-py."""

    name = "opensearch"
    client_errors = (opensearchpy.OpenSearchException, opensearchpy.helpers.BulkIndexError)

    def _make_client(self, *, timeout: float):
        return opensearchpy.OpenSearch(
            hosts=self.hosts,
            timeout=timeout,
            max_retries=self.connection_retries,
            retry_on_timeout=False,
            serializer=OrjsonSerializer(),
        )

    def _bulk(self, actions, **options):
        return opensearchpy.helpers.bulk(self.writer, actions, refresh=self.refresh, **options)


ENGINES = {"elasticsearch": ElasticsearchEngine, "opensearch": OpenSearchEngine}


def engine_from_settings(*, write_timeout: float | None = None) -> RemoteEngine | None:
    """The configured search server's adapter, or None when the database answers alone.

    One adapter (and its connection pools) per configuration, reused by every request.
    `write_timeout` shortens its index writes (default: `RemoteEngine.WRITE_TIMEOUT`).
    """
    if settings.SEARCH_BACKEND == "database":
        return None
    return _engine(
        settings.SEARCH_BACKEND,
        settings.SEARCH_URL,
        settings.MARKETPLACE_SEARCH_INDEX_PREFIX,
        settings.MARKETPLACE_SEARCH_TIMEOUT,
        settings.MARKETPLACE_SEARCH_REFRESH,
        write_timeout,
    )


@functools.lru_cache(maxsize=8)
def _engine(
    backend: str, url: str, index_prefix: str, timeout: float, refresh: bool, write_timeout: float | None
) -> RemoteEngine:
    return ENGINES[backend](
        url=url, index_prefix=index_prefix, timeout=timeout, refresh=refresh, write_timeout=write_timeout
    )


def page_search_errors() -> tuple[type[Exception], ...]:
    """What Wagtail's search backends raise when their server fails."""
    return ElasticsearchEngine.client_errors + OpenSearchEngine.client_errors
