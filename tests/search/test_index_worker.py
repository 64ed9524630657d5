"""Index updates through a worker (django-tasks-db): queued with the change, run by the worker,
tried again with backoff when the search server fails, then failed for staff to see."""

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from search import indexing
from search.models import ProductSearchRecord
from tests.search.servers import HungServer

pytestmark = pytest.mark.django_db

UPDATE = "search.indexing.product_index_update"


def test_an_update_waits_for_the_worker(products, task_worker, committed):
    # Given a product renamed, with a worker's task backend
    product = products[0]
    with committed():
        product.title = "Vải thiều Lục Ngạn loại 1"
        product.save()
    # Then the update waits for the worker
    [task] = DBTaskResult.objects.filter(task_path=UPDATE)
    assert product.pk in task.args_kwargs["args"][0]
    assert not ProductSearchRecord.objects.filter(product=product, name="Vải thiều Lục Ngạn loại 1").exists()
    # When the worker runs, the records have the new name
    task_worker()
    assert ProductSearchRecord.objects.get(product=product).name == "Vải thiều Lục Ngạn loại 1"
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL


def test_an_update_the_server_refuses_is_tried_again_then_failed(
    products, task_worker, settings, office, client
):
    # Given a search server that never answers
    server = HungServer()
    settings.SEARCH_BACKEND, settings.SEARCH_URL = "opensearch", server.url
    settings.MARKETPLACE_SEARCH_INDEX_PREFIX, settings.MARKETPLACE_SEARCH_WRITE_TIMEOUT = "hung", 0.2
    try:
        product = products[0]
        indexing.product_index_update.enqueue([product.pk])
        # When the worker tries it, each time as its retry falls due
        delays = []
        for _attempt in range(indexing.INDEX_UPDATE_ATTEMPTS):
            before = timezone.now()
            task_worker()
            retry = DBTaskResult.objects.filter(status=TaskResultStatus.READY).first()
            if retry is not None:
                delays.append((retry.run_after - before).total_seconds())
                DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    finally:
        server.close()
    # Then it was tried 4 times, 30, 60 and 120 s apart (counted from before the worker ran:
    # a slow machine adds its own seconds), and the last one failed
    assert len(delays) == 3
    assert all(wanted <= delay < wanted + 5 for delay, wanted in zip(delays, [30, 60, 120], strict=True)), (
        delays
    )
    [failed] = DBTaskResult.objects.failed()
    assert failed.args_kwargs["args"] == [[product.pk], indexing.INDEX_UPDATE_ATTEMPTS]
    assert failed.exception_class_path == "search.engines.SearchUnavailable"
    # And staff see it on the tasks page
    client.force_login(office)
    assert f"failed-task-{failed.pk}" in client.get("/shop/dashboard/tasks/").content.decode()
