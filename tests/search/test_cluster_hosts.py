"""A search cluster is given as its nodes' addresses: one node down, the others answer."""

import pytest

from search.engines import OpenSearchEngine, SearchUnavailable
from tests.search.conftest import OPENSEARCH_URL, use_opensearch

REFUSING = "http://127.0.0.1:9"  # discard port: nothing listens, the connection is refused


def test_the_hosts_are_read_from_a_comma_separated_url():
    engine = OpenSearchEngine(url=f" {REFUSING} ,{REFUSING}0,", index_prefix="t", timeout=1)
    assert engine.hosts == [REFUSING, REFUSING + "0"]
    assert engine.connection_retries == 1


def test_with_every_node_down_the_engine_says_so():
    engine = OpenSearchEngine(url=f"{REFUSING},{REFUSING}", index_prefix="t", timeout=1)
    with pytest.raises(SearchUnavailable):
        engine.cluster_health()


def test_a_node_that_refuses_connections_is_passed_over(settings):
    use_opensearch(settings)
    engine = OpenSearchEngine(url=f"{REFUSING},{OPENSEARCH_URL}", index_prefix="t", timeout=2)
    # The client takes the nodes in turn: every other request meets the dead one first.
    assert {engine.cluster_health() for _ in range(6)} <= {"green", "yellow"}
