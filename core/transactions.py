"""Transactions on SQLite, the embedded default: readers never wait for the write lock.

SQLite has one write lock for the whole file and no row locks. The settings open every
explicit transaction with `BEGIN IMMEDIATE` (`transaction_mode`), so services that read and
then write (placing an order, recording a payment) queue for the lock instead of failing
when another writer got in between; in WAL mode readers go on reading meanwhile.

Django's `ATOMIC_REQUESTS` would open such a transaction for every request, a catalogue page
included, so a long import made every page wait and then fail with "database is locked".
On SQLite the settings turn it off and `WritingRequestsAtomicMiddleware` gives only the
requests that may write (POST, PUT, PATCH, DELETE) one transaction; a GET runs in
autocommit, each query reading the last committed state.
"""

from django.db import connections, transaction

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class WritingRequestsAtomicMiddleware:
    """`ATOMIC_REQUESTS` for the requests that may write, and only for them.

    Keep it last in MIDDLEWARE: its `process_view` runs the view, so any `process_view`
    after it would be skipped. A view marked `transaction.non_atomic_requests` runs as it is.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in SAFE_METHODS or "default" in getattr(view_func, "_non_atomic_requests", ()):
            return None
        with transaction.atomic():
            return view_func(request, *view_args, **view_kwargs)


def write_lock_take(*, using: str = "default") -> None:
    """On SQLite, hold the database's write lock from now until the transaction ends.

    Call inside `transaction.atomic()` before reading what will be written (stock levels):
    on SQLite this is what `select_for_update` is elsewhere. A transaction begun with
    `BEGIN IMMEDIATE` already holds the lock and this costs one empty statement; one begun
    deferred takes it here, waiting up to the busy timeout, or fails if another writer
    committed since it first read, rather than writing on a stale reading. Elsewhere it does
    nothing: PostgreSQL locks the rows themselves.
    """
    connection = connections[using]
    if connection.vendor != "sqlite" or not connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        # A write that matches no row: SQLite still takes the write lock for it.
        cursor.execute("DELETE FROM django_migrations WHERE 0")
