"""`/healthz` and `/readyz`: what a load balancer and an operator ask of an app server.

- `/healthz`: the process answers (nothing else is touched); a load balancer restarts or
  drops an instance that stops answering it.
- `/readyz`: the parts a request needs, each checked with a short timeout, as JSON; 503 when
  one is not ready, so that traffic goes to the instances that can serve it:
  the database (a query), the cache (a write read back), file storage (a lookup), the task
  backlog (how many tasks wait, and whether the oldest has waited too long: no worker) and
  search (the cluster's health; red is not ready; the database fallback is always ready).

Neither page needs a session, a login or a language; both are outside the language prefix.
"""

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Case, Count, F, Min, When
from django.db.models.functions import Greatest
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from search.engines import SearchUnavailable, engine_from_settings

NOT_READY = 503


class NotReady(Exception):
    """A part cannot serve; the message says why."""


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def _cache():
    key, value = f"readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    read = cache.get(key)
    cache.delete(key)
    if read != value:
        # django-redis ignores a Redis that is down (pages go on uncached): here it counts.
        raise NotReady("the cache did not keep a value")
    return {"shared": settings.CACHE_SHARED}


def _storage():
    default_storage.exists("readyz-probe")  # a lookup: a missing file is the normal answer
    return {"backend": type(default_storage).__name__}


def _tasks():
    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db."):
        return {"backend": backend.rsplit(".", 1)[-1], "waiting": 0}
    from django_tasks_db.models import DBTaskResult, get_date_max

    waiting = DBTaskResult.objects.ready()
    # How long the longest-waiting task has been due: from its run_after when it was put off
    # (a retry), from its queueing otherwise.
    # (django-tasks-db writes the largest date for "no delay".)
    due = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")),
        default=Greatest("enqueued_at", "run_after"),
    )
    backlog = waiting.annotate(due=due).aggregate(oldest=Min("due"), waiting=Count("pk"))
    oldest = backlog["oldest"]
    age = max((timezone.now() - oldest).total_seconds(), 0.0) if oldest else 0.0
    details = {"backend": "database", "waiting": backlog["waiting"], "oldest_waiting_seconds": round(age)}
    if age > settings.MARKETPLACE_READY_TASK_DELAY:
        raise NotReady(f"the oldest waiting task has waited {round(age)} s: is a worker running?")
    return details


def _search():
    engine = engine_from_settings()
    if engine is None:
        return {"backend": "database"}
    try:
        status = engine.cluster_health()
    except SearchUnavailable as error:
        raise NotReady(str(error)) from error
    if status == "red":
        raise NotReady("the search cluster is red: some products cannot be found")
    return {"backend": engine.name, "cluster": status}


CHECKS = {
    "database": _database,
    "cache": _cache,
    "storage": _storage,
    "tasks": _tasks,
    "search": _search,
}


@transaction.non_atomic_requests  # no transaction to open (ATOMIC_REQUESTS on PostgreSQL)
@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


@transaction.non_atomic_requests
@never_cache
@require_GET
def readyz(request):
    report, ready = {}, True
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            details = {"ready": True, **check()}
        except Exception as error:  # noqa: BLE001  any failure of a part is "not ready", with its message
            ready = False
            details = {"ready": False, "error": str(error) or type(error).__name__}
        details["milliseconds"] = round((time.perf_counter() - started) * 1000, 1)
        report[name] = details
    return JsonResponse(
        {"status": "ready" if ready else "not ready", "checks": report},
        status=200 if ready else NOT_READY,
    )
