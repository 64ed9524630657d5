"""Index updates after a save: a hung search server never holds the request up for long.

The server here accepts connections and never answers, as a stuck node or a full network
buffer does. The time this costs is measured by `benchmarks/search_hung.py`; these tests pin
what happens: the write goes through, the database records follow it, the failure is logged.
"""

import datetime
import logging

import pytest
from django.utils import timezone
from django_tasks import default_task_backend
from oscar.core.loading import get_model

from search import indexing
from search.engines import SearchUnavailable
from search.models import ProductSearchRecord
from tests.search.servers import HungServer

Order = get_model("order", "Order")

FAILURE = "Search index update failed for products"


@pytest.fixture
def hung_engine(settings):
    server = HungServer()
    settings.SEARCH_BACKEND = "opensearch"
    settings.SEARCH_URL = server.url
    settings.MARKETPLACE_SEARCH_INDEX_PREFIX = "hung"
    settings.MARKETPLACE_SEARCH_WRITE_TIMEOUT = 0.3
    yield server
    server.close()


def failures(caplog) -> list[logging.LogRecord]:
    """The updates given up for the next rebuild (a retry later logs a warning)."""
    return [
        record
        for record in caplog.records
        if record.getMessage().startswith(FAILURE) and record.levelno == logging.ERROR
    ]


def test_an_order_is_placed_while_the_engine_hangs(shopper, products, hung_engine, committed, caplog):
    # Given a search server that never answers
    # When a guest buys both products through the checkout, commits included
    with committed():
        response = shopper.checkout("cod", *products)
    # Then the order is placed and its stock allocated
    assert response.status_code == 302
    order = Order.objects.get()
    assert sorted(order.lines.values_list("quantity", flat=True)) == [1, 1]
    for product in products:
        assert product.stockrecords.get().num_allocated == 1
    # And the index update after it gave up on the server and said so, once
    assert hung_engine.connections
    # (with any ids earlier saves left waiting, which no commit sent)
    [failure] = failures(caplog)
    assert {product.pk for product in products} <= set(failure.args[0])


def test_a_product_is_saved_while_the_engine_hangs(products, hung_engine, committed, caplog):
    # Given a search server that never answers
    product = products[0]
    # When the product is renamed and the change commits
    with committed():
        product.title = "Vải thiều Lục Ngạn loại 1"
        product.save()
    # Then the database records have the new name, and the server's failure is logged
    assert ProductSearchRecord.objects.get(product=product).name == "Vải thiều Lục Ngạn loại 1"
    # (with the ids the fixture's saves left waiting, which no commit sent)
    [failure] = failures(caplog)
    assert product.pk in failure.args[0]


def test_a_worker_backend_tries_a_failed_update_again_later(products, hung_engine, settings, caplog):
    # Given a task backend that can run tasks later, as django-tasks-db does
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    product = products[0]
    # When the update fails on the hung server
    before = timezone.now()
    indexing.product_index_update.call([product.pk])
    # Then it is queued again, 30 s later, as the second attempt, and nothing is given up
    [retry] = default_task_backend.results
    assert retry.args == [[product.pk], 2]
    assert retry.task.run_after - before >= datetime.timedelta(seconds=30)
    assert not failures(caplog)
    assert [record.levelno for record in caplog.records if record.name == "core.tasks"] == [logging.WARNING]
    # And the last attempt gives up, logs it for the next rebuild, and ends failed (for staff
    # to see on the tasks page and run again)
    with pytest.raises(SearchUnavailable):
        indexing.product_index_update.call([product.pk], indexing.INDEX_UPDATE_ATTEMPTS)
    assert len(default_task_backend.results) == 1
    assert len(failures(caplog)) == 1
