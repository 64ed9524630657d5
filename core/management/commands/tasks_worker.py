"""The task worker: django-tasks-db's `db_worker`, which first takes back what its last run left.

A worker killed in the middle of a task (power cut, `kill -9`, out of memory) leaves that task
marked running, and `db_worker` never runs a running task again. Started with the same
`--worker-id` (the host's name unless given; give each worker of one host its own), this
command first puts back in the queue the tasks that id left running, and any left running
longer than `core.tasks.ABANDONED_AFTER` by a worker that never came back, then works as
`db_worker` with the same options. Every task may run twice for it (`core/tasks.py`).
"""

import socket

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from core.tasks import tasks_take_back


class Command(DbWorkerCommand):
    help = "Run the task worker (db_worker), first queueing again the tasks a killed run left running"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # A fixed id, so that a worker started again knows the tasks it was running.
        for action in parser._actions:
            if action.dest == "worker_id":
                action.default = socket.gethostname()[:64]
                action.help = (
                    "Worker id, unique to this worker and the same at each start: the tasks it "
                    "left running are queued again when it starts (default: the host's name)"
                )

    def handle(self, *args, worker_id, **options):
        taken = tasks_take_back(worker_id=worker_id)
        if taken and options["verbosity"]:
            self.stdout.write(f"{taken} task(s) left running by a stopped worker queued again")
        return super().handle(*args, worker_id=worker_id, **options)
