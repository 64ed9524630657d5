"""Background work with django-tasks: queueing with the transaction, retrying with backoff,
taking back what a killed worker left, running a failed task again.

In development and tests the immediate backend runs each task at once, in the process that
queued it. In production (`MARKETPLACE_TASK_BACKEND=django_tasks_db.DatabaseBackend`) a task
is a row of `django_tasks_db.DBTaskResult`, run by `manage.py tasks_worker` (django-tasks-db's
`db_worker`, which first takes back the tasks its previous run left half done).

What a task does must be safe to do twice: a worker killed in the middle of a task (after its
effect, before the row says so) runs it again when it comes back. Index updates rewrite the
current documents; mails go through the outbox (`core.outbox`), which sends each mail once.
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResultStatus, task_backends
from django_tasks.base import Task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger(__name__)

# A task still marked running this long after it started was left by a worker that died.
ABANDONED_AFTER = datetime.timedelta(minutes=30)


def tasks_run_by_worker() -> bool:
    """True when the default backend queues tasks for a worker (the database backend); false
    when they run at once, in the process that queues them (the immediate backend)."""
    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)


def task_enqueue_with_commit(task: Task, *args, **kwargs) -> None:
    """Queue `task` so that it runs only if the current transaction commits.

    With the database backend the task's row is written in the transaction itself: it commits
    with the change it follows up (no mail or index update is lost if the process dies just
    after the commit) and the worker cannot see it before. Other backends (the immediate one
    runs the task at once) are asked after the commit.
    """
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs), robust=True)


def task_retry_later(
    task: Task, args: list, *, attempt: int, attempts: int, first_delay: datetime.timedelta
) -> bool:
    """Queue `task(*args, attempt + 1)` after `first_delay`, doubled at each attempt, when
    attempts remain and the backend can run a task later (a worker's can, the immediate one
    cannot). False when nothing was queued: the caller gives up (logs, or raises so that the
    task ends failed for staff to see)."""
    if attempt >= attempts or not task.get_backend().supports_defer:
        return False
    delay = first_delay * 2 ** (attempt - 1)
    task.using(run_after=timezone.now() + delay).enqueue(*args, attempt + 1)
    logger.warning(
        "Task %s%s failed; attempt %d of %d in %d s",
        task.name,
        args,
        attempt + 1,
        attempts,
        delay.total_seconds(),
    )
    return True


def tasks_take_back(*, worker_id: str, now: datetime.datetime | None = None) -> int:
    """Put back in the queue the tasks a killed worker left marked running: those `worker_id`
    was running (a worker starting with the id of one that died), and any running for longer
    than `ABANDONED_AFTER` (a worker that never came back). Their number.

    Each runs again from the start; every task here may run twice (see above).
    """
    now = now or timezone.now()
    # Few rows are ever running (one per worker): read them, since SQLite cannot look inside
    # the JSON list of worker ids.
    ids = [
        result.pk
        for result in DBTaskResult.objects.running().only("pk", "worker_ids", "started_at")
        if (result.worker_ids and result.worker_ids[-1] == worker_id)
        or (result.started_at is not None and result.started_at < now - ABANDONED_AFTER)
    ]
    taken = DBTaskResult.objects.filter(pk__in=ids, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY, started_at=None
    )
    if taken:
        logger.warning("%d task(s) left running by a stopped worker are queued again", taken)
    return taken


def task_run_again(*, result: DBTaskResult) -> DBTaskResult:
    """Queue a fresh copy of a failed task (same task, same arguments, to run now) and drop the
    failed row, whose error the log keeps. The new row."""
    task = result.task.using(run_after=None)
    arguments = result.args_kwargs
    logger.info(
        "Task %s (%s) run again after: %s",
        result.task_path,
        result.pk,
        result.traceback.strip().splitlines()[-1:] if result.traceback else "",
    )
    with transaction.atomic():
        fresh = task.enqueue(*arguments["args"], **arguments["kwargs"])
        result.delete()
    return fresh.db_result


def task_counts() -> dict[str, int]:
    """How many tasks stand in each state; waiting ones split into due now and later (retries)."""
    now = timezone.now()
    counts = {status: 0 for status in TaskResultStatus.values}
    for row in DBTaskResult.objects.values("status").annotate(n=Count("pk")).order_by():
        counts[row["status"]] = row["n"]
    counts["READY_LATER"] = (
        DBTaskResult.objects.filter(status=TaskResultStatus.READY, run_after__gt=now)
        .exclude(run_after=get_date_max())
        .count()
    )
    return counts
