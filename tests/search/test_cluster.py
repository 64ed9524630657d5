"""A search cluster that loses a node keeps answering from the replicas.

Runs only against a cluster of this checkout started by `scripts/search-node`, named by its
first HTTP port in OPENSEARCH_CLUSTER_TEST_PORT (skipped otherwise; CI runs the single test
node, not a cluster):

    SEARCH_NODE_COUNT=3 SEARCH_NODE_PORT=9250 scripts/search-node start
    OPENSEARCH_CLUSTER_TEST_PORT=9250 .venv/bin/python -m pytest tests/search/test_cluster.py
    SEARCH_NODE_PORT=9250 scripts/search-node stop

The test kills the node that holds the products' primary shard (SIGKILL, the node's pid file
in var/search-node/cluster-<port>/) and starts it again afterwards with `scripts/search-node start`.
"""

import json
import os
import signal
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from search import selectors
from search.engines import engine_from_settings
from search.queries import ProductQuery
from tests.catalog.factories import ProductFactory

CLUSTER_PORT = os.environ.get("OPENSEARCH_CLUSTER_TEST_PORT", "")
pytestmark = [
    pytest.mark.skipif(
        not CLUSTER_PORT,
        reason="OPENSEARCH_CLUSTER_TEST_PORT is not set: start a cluster with "
        "`SEARCH_NODE_COUNT=3 SEARCH_NODE_PORT=9250 scripts/search-node start` (see this module)",
    ),
    pytest.mark.django_db,
]
STATE = Path(django_settings.BASE_DIR) / "var" / "search-node" / f"cluster-{CLUSTER_PORT}"


def _get(url: str):
    with urllib.request.urlopen(url, timeout=30) as answer:  # noqa: S310  127.0.0.1, http
        return json.load(answer)


def _node_urls() -> dict[str, str]:
    count = int((STATE / "nodes").read_text())
    return {f"node-{i}": f"http://127.0.0.1:{int(CLUSTER_PORT) + i - 1}" for i in range(1, count + 1)}


@pytest.fixture
def cluster(settings):
    """The cluster's nodes, the app pointed at all of them with one replica per shard; the
    killed node is started again and the test's indices dropped at the end."""
    nodes = _node_urls()
    assert len(nodes) >= 2, "a cluster of one node has nowhere to put a replica"
    settings.SEARCH_BACKEND = "opensearch"
    settings.SEARCH_URL = ",".join(nodes.values())
    settings.MARKETPLACE_SEARCH_REPLICAS = 1
    # Creating an index waits for its shards on several nodes: more than a second on 2 cores.
    settings.MARKETPLACE_SEARCH_WRITE_TIMEOUT = 30.0
    settings.MARKETPLACE_SEARCH_TIMEOUT = 10.0
    settings.MARKETPLACE_SEARCH_INDEX_PREFIX = f"test-cluster-{uuid.uuid4().hex[:10]}"
    yield nodes
    subprocess.run(  # noqa: S603  our own script
        [str(Path(django_settings.BASE_DIR) / "scripts" / "search-node"), "start"],
        env={**os.environ, "SEARCH_NODE_PORT": CLUSTER_PORT},
        check=True,
    )
    engine = engine_from_settings()
    for index in engine.indices():
        engine.delete_index(index)


def test_search_answers_from_the_replica_when_the_primarys_node_is_killed(cluster, settings, committed):
    with committed():
        lychee = ProductFactory(title="Vải thiều Lục Ngạn cụm", stockrecords__num_in_stock=5)
    engine = engine_from_settings()
    (index,) = engine.alias_targets()
    first = next(iter(cluster.values()))
    health = _get(f"{first}/_cluster/health/{index}?wait_for_status=green&timeout=60s")
    assert health["status"] == "green"
    shards = _get(f"{first}/_cat/shards/{index}?format=json")
    assert sorted(shard["prirep"] for shard in shards) == ["p", "r"]
    assert shards[0]["node"] != shards[1]["node"], "the replica must live on another node"
    primary = next(shard["node"] for shard in shards if shard["prirep"] == "p")

    pid = int((STATE / primary / "node.pid").read_text())
    os.kill(pid, signal.SIGKILL)
    while Path(f"/proc/{pid}").exists():
        time.sleep(0.1)
    # The dead node first in the list: the client must move on to the next one by itself.
    settings.SEARCH_URL = ",".join(
        [cluster[primary], *(url for name, url in cluster.items() if name != primary)]
    )

    for _ in range(5):
        results = selectors.product_search(query=ProductQuery(text="vải thiều cụm"))
        assert results.notice == ""  # the engine answered: no fallback to the database
        assert [product.pk for product in results.products] == [lychee.pk]
