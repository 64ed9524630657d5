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
import logging
from collections.abc import Iterable
from functools import cached_property

import elasticsearch
import elasticsearch.helpers
import opensearchpy
import opensearchpy.helpers
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

    def __init__(self, *, url: str, index_prefix: str, timeout: float, refresh: bool = False):
        self.url = url
        self.alias = f"{index_prefix}-products"
        self.timeout = timeout
        self.refresh = refresh

    # -- per client ---------------------------------------------------------
    def _make_client(self):
        raise NotImplementedError

    def _bulk(self, actions: Iterable[dict]) -> tuple[int, list]:
        raise NotImplementedError

    @staticmethod
    def _body(answer) -> dict:
        return answer

    # -- shared -------------------------------------------------------------
    @cached_property
    def client(self):
        return self._make_client()

    def _call(self, what: str, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except self.client_errors as error:
            raise SearchUnavailable(f"{self.name} {what} failed: {error}") from error

    def search(self, search: Search) -> Response:
        answer = self._call("search", self.client.search, index=self.alias, body=search.to_dict())
        return Response(search, self._body(answer))

    def count(self) -> int:
        return int(self._body(self._call("count", self.client.count, index=self.alias))["count"])

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
            self._call("bulk delete", self._bulk, actions)

    def refresh_index(self, index: str | None = None) -> None:
        self._call("refresh", self.client.indices.refresh, index=index or self.alias)

    # -- index lifecycle ----------------------------------------------------
    def new_index_name(self) -> str:
        return f"{self.alias}-{datetime.datetime.now(datetime.UTC):%Y%m%d%H%M%S%f}"

    def create_index(self, name: str) -> None:
        self._call("index creation", self.client.indices.create, index=name, body=index_body())

    def alias_targets(self) -> list[str]:
        """The concrete indices behind the alias (none before the first build)."""
        exists = self._call("alias lookup", self.client.indices.exists_alias, name=self.alias)
        if not exists:
            return []
        return sorted(self._body(self._call("alias lookup", self.client.indices.get_alias, name=self.alias)))

    def alias_switch(self, index: str) -> list[str]:
        """Point the alias at `index` alone, atomically; returns the indices it left."""
        previous = self.alias_targets()
        actions = [{"remove": {"index": old, "alias": self.alias}} for old in previous]
        actions.append({"add": {"index": index, "alias": self.alias}})
        self._call("alias switch", self.client.indices.update_aliases, body={"actions": actions})
        return [old for old in previous if old != index]

    def delete_index(self, name: str) -> None:
        self._call("index deletion", self.client.indices.delete, index=name)

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
        answer = self._call("index listing", self.client.indices.get, index=f"{self.alias}-*")
        return sorted(self._body(answer))


class ElasticsearchEngine(RemoteEngine):
    """Elasticsearch 8 or 9 through the official client."""

    name = "elasticsearch"
    client_errors = (
        elasticsearch.ApiError,
        elasticsearch.TransportError,
        elasticsearch.helpers.BulkIndexError,
    )

    def _make_client(self):
        return elasticsearch.Elasticsearch(
            self.url, request_timeout=self.timeout, max_retries=0, retry_on_timeout=False
        )

    def _bulk(self, actions):
        return elasticsearch.helpers.bulk(self.client, actions, refresh=self.refresh)

    @staticmethod
    def _body(answer) -> dict:
        return answer.body


class OpenSearchEngine(RemoteEngine):
    """OpenSearch 2 or 3 through opensearch-py."""

    name = "opensearch"
    client_errors = (opensearchpy.OpenSearchException, opensearchpy.helpers.BulkIndexError)

    def _make_client(self):
        return opensearchpy.OpenSearch(
            hosts=[self.url], timeout=self.timeout, max_retries=0, retry_on_timeout=False
        )

    def _bulk(self, actions):
        return opensearchpy.helpers.bulk(self.client, actions, refresh=self.refresh)


ENGINES = {"elasticsearch": ElasticsearchEngine, "opensearch": OpenSearchEngine}


def engine_from_settings() -> RemoteEngine | None:
    """The configured search server's adapter, or None when the database answers alone."""
    backend = settings.SEARCH_BACKEND
    if backend == "database":
        return None
    return ENGINES[backend](
        url=settings.SEARCH_URL,
        index_prefix=settings.MARKETPLACE_SEARCH_INDEX_PREFIX,
        timeout=settings.MARKETPLACE_SEARCH_TIMEOUT,
        refresh=settings.MARKETPLACE_SEARCH_REFRESH,
    )


def page_search_errors() -> tuple[type[Exception], ...]:
    """What Wagtail's search backends raise when their server fails."""
    return ElasticsearchEngine.client_errors + OpenSearchEngine.client_errors
