"""Keeping the indices in step with the catalogue.

Every change that shows in search (a product, its price or stock, its producer, categories,
certificate or lots) calls `products_reindex_on_commit`; once the transaction commits, the task
`product_index_update` rebuilds those products' documents and writes them to the database
fallback's records and, when one is configured, to the search server. A product that is no
longer published is removed from both.

The request that made the change never waits long on the server. With the immediate task
backend (development, tests) the task runs in the request, after the commit, and gives the
server `MARKETPLACE_SEARCH_WRITE_TIMEOUT` seconds; if it fails, the failure is logged, search
answers those products from the database records, and `manage.py search_index rebuild`
brings the server back in step. A worker's backend (django-tasks-db) retries the task later
instead, `INDEX_UPDATE_ATTEMPTS` times in all.

`index_rebuild` builds a fresh server index beside the live one and moves the alias when it
is full, so search never answers from an empty index.

`badges_reindex` covers the changes no save announces: a certificate that came into force or
lapsed by date alone, a product indexed in stock whose last current lot passed its use-by
date (it is then not sold: `partner.sale_holds`), products with harvest windows (a season
opens or closes) or bookable visit dates (the indexed 180 days move on). The daily
`manage.py search_index badges` runs it.
"""

from __future__ import annotations

import datetime
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django_tasks import task
from oscar.core.loading import get_model

from core.tasks import task_retry_later
from seasons.selectors import products_with_seasons
from traceability.selectors import products_lots_all_expired

from . import fallback
from .bookable import bookable_dates
from .documents import CategoryPaths, product_documents, published_products
from .engines import SearchUnavailable, engine_from_settings
from .models import ProductSearchRecord
from .queries import VISIT_DAYS_AHEAD

logger = logging.getLogger(__name__)

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
Certificate = get_model("catalogue", "Certificate")

BATCH_SIZE = 500
INDEX_UPDATE_ATTEMPTS = 4
INDEX_UPDATE_RETRY_DELAY = datetime.timedelta(seconds=30)  # doubled at each attempt


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _records_write(product_ids: set[int]) -> tuple[list[dict], set[int]]:
    """Write the documents to the database records; the documents and the ids now gone."""
    documents = product_documents(product_ids)
    gone = product_ids - {document["pk"] for document in documents}
    fallback.records_write(documents)
    fallback.records_delete(gone)
    return documents, gone


def _engine_write(documents: list[dict], gone: set[int], *, write_timeout: float | None) -> None:
    engine = engine_from_settings(write_timeout=write_timeout)
    if engine is not None:
        engine.index_documents(documents)
        engine.delete_documents(gone)


def _index_failure_log(product_ids: Iterable[int]) -> None:
    logger.exception(
        "Search index update failed for products %s; the database fallback has them, "
        "`manage.py search_index rebuild` brings the server back in step",
        sorted(product_ids),
    )


def products_index(*, product_ids: Iterable[int]) -> list[dict]:
    """Write the current documents of `product_ids`; drop those no longer published.

    A failure of the search server is logged; the database records are written all the same.
    """
    product_ids = set(product_ids)
    documents, gone = _records_write(product_ids)
    try:
        _engine_write(documents, gone, write_timeout=None)
    except SearchUnavailable:
        _index_failure_log(product_ids)
    return documents


@task()
def product_index_update(product_ids: list[int], attempt: int = 1) -> None:
    """Index `product_ids` again, waiting briefly on the server; on failure, try again later
    when the task backend can (a worker's), or log it for the next rebuild. A worker's last
    attempt ends failed, for staff to see (and run again) on the tasks page."""
    documents, gone = _records_write(set(product_ids))
    try:
        _engine_write(documents, gone, write_timeout=settings.MARKETPLACE_SEARCH_WRITE_TIMEOUT)
    except SearchUnavailable:
        if task_retry_later(
            product_index_update,
            [product_ids],
            attempt=attempt,
            attempts=INDEX_UPDATE_ATTEMPTS,
            first_delay=INDEX_UPDATE_RETRY_DELAY,
        ):
            return
        _index_failure_log(product_ids)
        if product_index_update.get_backend().supports_defer:
            raise


def badge_changed_product_ids(*, on: datetime.date) -> list[int]:
    """Products whose indexed stars differ from what their certificates back on `on`: a
    certificate lapsed or came into force since the index last saw the product.

    Read against the database fallback's records, which every index update writes whichever
    engine is configured, so missed days are caught up too.
    """
    in_force = Certificate.objects.in_force(on=on)
    backed = in_force.filter(product_id=OuterRef("product_id"), stars=OuterRef("stars"))
    lapsed = ProductSearchRecord.objects.filter(stars__isnull=False).exclude(Exists(backed))
    stale = set(lapsed.values_list("product_id", flat=True))
    indexed = ProductSearchRecord.objects.filter(product_id=OuterRef("product_id"), stars=OuterRef("stars"))
    started = in_force.filter(product__search_record__isnull=False).exclude(Exists(indexed))
    # Among several in force the latest issued backs the badge; any mismatch is worth a reindex.
    for product_id, stars in started.values_list("product_id", "stars"):
        latest = in_force.filter(product_id=product_id).order_by("-valid_from", "-pk").first()
        if latest and latest.stars == stars:
            stale.add(product_id)
    return sorted(stale)


def lots_expired_product_ids(*, on: datetime.date) -> list[int]:
    """Products indexed as in stock whose every published lot had expired by `on`. The date
    only ever moves a lot from current to expired; a new or edited lot is a save, which
    the signals index."""
    expired = products_lots_all_expired(on=on)
    return sorted(
        ProductSearchRecord.objects.filter(in_stock=True, product_id__in=expired).values_list(
            "product_id", flat=True
        )
    )


def calendar_product_ids(*, on: datetime.date) -> list[int]:
    """Products whose documents the date alone moves: those with harvest windows (in stock or
    not as their season opens and closes; the spans indexed are last, this and next year's)
    and those with bookable visit dates (the 180 days indexed move on by a day). Search reads
    seasons and visit dates against today at query time; this keeps `in_stock` and the
    indexed horizon in step."""
    visits = bookable_dates(product_ids=None, start=on, end=on + datetime.timedelta(days=VISIT_DAYS_AHEAD))
    return sorted(products_with_seasons() | set(visits))


def badges_reindex(*, on: datetime.date) -> list[int]:
    """Index again the products whose OCOP badge, lots, season or visit dates changed with the
    date (see above); their ids.

    Search already hides lapsed stars at query time; this brings the stored documents in step.
    """
    product_ids = sorted(
        set(badge_changed_product_ids(on=on))
        | set(lots_expired_product_ids(on=on))
        | set(calendar_product_ids(on=on))
    )
    if product_ids:
        products_index(product_ids=product_ids)
    return product_ids


_pending = threading.local()


def products_reindex_on_commit(product_ids: Iterable[int]) -> None:
    """Queue an index update for `product_ids` once the current transaction commits.

    One save often touches a product several times (its row, stock record, category,
    certificate): the ids wait in one set, and the first commit callback to run sends them
    all in one task; the callbacks after it find the set empty. Ids left by a rolled-back
    transaction go with the next commit, which indexes them as they are: no harm done.
    """
    product_ids = {pk for pk in product_ids if pk is not None}
    if not product_ids:
        return
    if not hasattr(_pending, "product_ids"):
        _pending.product_ids = set()
    _pending.product_ids.update(product_ids)
    transaction.on_commit(_pending_send)


def _pending_send() -> None:
    product_ids, _pending.product_ids = sorted(getattr(_pending, "product_ids", ())), set()
    for chunk in _chunks(product_ids, BATCH_SIZE):
        product_index_update.enqueue(chunk)


# ---------------------------------------------------------------------------
# Rebuild and status
# ---------------------------------------------------------------------------


@dataclass
class RebuildReport:
    documents: int
    engine: str
    index: str = ""
    removed_indices: list[str] = field(default_factory=list)
    caught_up: int = 0


def index_rebuild(
    *, batch_size: int = BATCH_SIZE, progress: Callable[[int, int], None] | None = None
) -> RebuildReport:
    """Index every published product again, into a new server index behind the alias.

    `progress(done, total)` is called after each batch. The database records are rewritten
    batch by batch (each its own short transaction, so writers are never held up for long),
    then the records of unpublished products are dropped. Products whose details, stock or
    certificates changed while the rebuild ran are indexed again at the end, since their
    updates went to the old index. (A producer or category renamed meanwhile needs a
    `products_index` of its products, or the next rebuild.)
    """
    started = timezone.now()
    engine = engine_from_settings()
    product_ids = list(published_products().order_by("pk").values_list("pk", flat=True))
    total = len(product_ids)
    new_index = ""
    if engine is not None:
        new_index = engine.new_index_name()
        engine.create_index(new_index)
    categories = CategoryPaths(Category.objects.all())
    today = timezone.localdate()
    done = 0
    # The engine takes each batch in a second thread while the next one is read and written
    # to the database table: the two waits overlap instead of adding up.
    sender = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-bulk")
    in_flight: list[Future] = []

    try:
        with sender:
            for chunk in _chunks(product_ids, batch_size):
                documents = product_documents(chunk, categories=categories, today=today)
                if engine is not None:
                    in_flight.append(sender.submit(engine.index_documents, documents, index=new_index))
                    while len(in_flight) > 2:
                        in_flight.pop(0).result()
                fallback.records_write(documents)
                done += len(documents)
                if progress:
                    progress(done, total)
            for sent in in_flight:
                sent.result()
        fallback.records_delete_except(published_products().values("pk"))
        removed = []
        if engine is not None:
            engine.refresh_index(new_index)
            removed = engine.alias_switch(new_index)
            for old in removed:
                engine.delete_index(old)
    except BaseException:
        if engine is not None:
            try:
                engine.delete_index(new_index)
            except SearchUnavailable:
                logger.warning("Could not delete the unfinished index %s", new_index)
        raise
    changed = list(
        Product.objects.filter(
            Q(date_updated__gte=started)
            | Q(stockrecords__date_updated__gte=started)
            | Q(certificates__updated__gte=started)
        )
        .distinct()
        .values_list("pk", flat=True)
    )
    if changed:
        products_index(product_ids=changed)
    return RebuildReport(
        documents=done,
        engine=engine.name if engine else fallback.NAME,
        index=new_index,
        removed_indices=removed,
        caught_up=len(changed),
    )


@dataclass
class IndexStatus:
    published: int
    records: int
    missing_records: list[int]
    stale_records: list[int]
    engine: str
    engine_documents: int | None = None
    engine_indices: list[str] = field(default_factory=list)
    engine_error: str = ""

    @property
    def in_step(self) -> bool:
        return (
            not self.missing_records
            and not self.stale_records
            and not self.engine_error
            and self.engine_documents in (None, self.published)
        )


def index_status() -> IndexStatus:
    published = set(published_products().values_list("pk", flat=True))
    recorded = set(fallback.ProductSearchRecord.objects.values_list("pk", flat=True))
    engine = engine_from_settings()
    status = IndexStatus(
        published=len(published),
        records=len(recorded),
        missing_records=sorted(published - recorded),
        stale_records=sorted(recorded - published),
        engine=engine.name if engine else fallback.NAME,
    )
    if engine is not None:
        try:
            status.engine_indices = engine.alias_targets()
            status.engine_documents = engine.count() if status.engine_indices else 0
        except SearchUnavailable as error:
            status.engine_error = str(error)
    return status
