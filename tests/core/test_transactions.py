"""SQLite under load: pages read while a writer holds the lock; only writing requests are atomic."""

import sqlite3

import pytest
from django.db import connection
from django.http import HttpResponse
from django.urls import reverse

from core.transactions import WritingRequestsAtomicMiddleware
from tests.catalog.factories import ProductFactory

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's locking only")


@sqlite_only
@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert cursor.execute("PRAGMA busy_timeout").fetchone() == (20000,)
    assert connection.settings_dict["ATOMIC_REQUESTS"] is False
    assert connection.transaction_mode == "IMMEDIATE"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "atomic"), [("get", False), ("head", False), ("post", True), ("delete", True)]
)
def test_only_requests_that_may_write_run_in_a_transaction(rf, method, atomic):
    # Given a view that notes whether it runs inside a transaction (a savepoint, in a test)
    depth = []

    def view(request):
        depth.append(len(connection.savepoint_ids))
        return HttpResponse()

    middleware = WritingRequestsAtomicMiddleware(lambda request: HttpResponse())
    request = getattr(rf, method)("/")
    outside = len(connection.savepoint_ids)
    # When the middleware runs it
    response = middleware.process_view(request, view, (), {})
    if response is None:
        response = view(request)
    # Then only a writing method got a transaction of its own
    assert response.status_code == 200
    assert depth == [outside + 1 if atomic else outside]


@sqlite_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_catalogue_answers_while_a_writer_holds_the_lock(client):
    # Given a published product, and another connection holding SQLite's write lock (an import)
    ProductFactory(title="Vải thiều thử")
    writer = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None, timeout=0)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM django_migrations WHERE 0")
    try:
        # When a shopper opens the catalogue
        catalogue = client.get(reverse("catalogue:index"))
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    # Then it answers at once, from what was committed before
    assert catalogue.status_code == 200
    assert "Vải thiều thử" in catalogue.content.decode()
