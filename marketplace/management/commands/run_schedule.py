"""Run the periodic commands of `marketplace.schedule` on one machine, until stopped.

For a machine without systemd timers (`scripts/run-stack`); production uses the units in
`deploy/systemd/`, which run the same list. Each run is its own `manage.py` process, so a
command that crashes or leaks takes nothing else with it; a job still running when it is due
again is skipped that time (as systemd does), and one running longer than `--timeout` is
stopped. Every start and end is logged with its exit status. A missed time (the scheduler was
down) is not caught up: the next one comes as usual, and each of these commands catches up
by itself (they work from the current state, not from the time they were meant to run).

Why not a library (APScheduler, schedule): five entries and a loop of a few lines, with the
subprocess handling we need either way; one less dependency to keep.
"""

import logging
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.tasks import tasks_run_by_worker
from marketplace.schedule import SCHEDULE

logger = logging.getLogger("marketplace.schedule")

MANAGE_PY = Path(__file__).resolve().parents[3] / "manage.py"


class Command(BaseCommand):
    help = "Run the periodic commands (marketplace/schedule.py) at their times, until stopped"

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout", type=float, default=3600.0, help="Seconds a run may take before it is stopped"
        )
        parser.add_argument(
            "--now",
            action="store_true",
            help="Run every job once at start, then keep to the schedule",
        )

    def handle(self, *, timeout, now, **options):
        jobs = [job for job in SCHEDULE if not job.needs_task_database or tasks_run_by_worker()]
        started = timezone.now()
        due = {job.name: (started if now else job.next_run(started)) for job in jobs}
        running: dict[str, tuple[subprocess.Popen, float]] = {}
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        for job in jobs:
            logger.info("Schedule: %s (%s) next at %s", job.name, " ".join(job.command), due[job.name])
        try:
            while not stopping:
                self._reap(running, timeout)
                moment = timezone.now()
                for job in jobs:
                    if due[job.name] > moment:
                        continue
                    due[job.name] = job.next_run(moment)
                    if job.name in running:
                        logger.warning("Schedule: %s is still running; this run is skipped", job.name)
                        continue
                    logger.info("Schedule: %s starts", job.name)
                    process = subprocess.Popen([sys.executable, str(MANAGE_PY), *job.command])  # noqa: S603
                    running[job.name] = (process, time.monotonic())
                time.sleep(1)
        except KeyboardInterrupt:
            pass
        for name, (process, _started) in running.items():
            logger.info("Schedule: waiting for %s to end", name)
            process.wait()
        self._reap(running, timeout)

    def _reap(self, running, timeout):
        for name, (process, started) in list(running.items()):
            code = process.poll()
            if code is None and time.monotonic() - started > timeout:
                logger.error("Schedule: %s ran longer than %d s; stopped", name, timeout)
                process.terminate()
                code = process.wait()
            if code is not None:
                log = logger.info if code == 0 else logger.error
                log("Schedule: %s ended with exit status %d", name, code)
                del running[name]
