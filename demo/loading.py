"""Running data loaders as numbered steps with one progress line each.

A step is a label and a function returning (created, already_there). The management
commands print each result as it comes, so a long load shows where it is.
"""

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.management.base import BaseCommand
from django.db import transaction

StepFunction = Callable[[], tuple[int, int]]


@dataclass(frozen=True)
class StepResult:
    label: str
    created: int
    existing: int


def steps_run(
    steps: list[tuple[str, StepFunction]], *, report: Callable[[str], None] | None = None
) -> list[StepResult]:
    results = []
    width = len(f"[{len(steps)}/{len(steps)}]")
    for number, (label, function) in enumerate(steps, start=1):
        created, existing = function()
        results.append(StepResult(label=label, created=created, existing=existing))
        if report:
            prefix = f"[{number}/{len(steps)}]".rjust(width)
            dots = "." * max(3, 28 - len(label))
            report(f"{prefix} {label} {dots} {created:,} created, {existing:,} already there")
    return results


# Loggers that say something for every product or page saved: a load would bury its own
# progress lines under them.
CHATTY_LOGGERS = ("oscar.alerts", "django_tasks", "wagtail")


@contextmanager
def chatty_loggers_quieted(*, quiet: bool = True) -> Iterator[None]:
    loggers = [logging.getLogger(name) for name in CHATTY_LOGGERS] if quiet else []
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class LoadCommand(BaseCommand):
    """A management command that runs loader steps in one transaction and reports each.

    Subclasses name what they load (`what`, for the summary line) and give the steps.
    """

    what = ""

    def steps(self) -> list[tuple[str, StepFunction]]:
        raise NotImplementedError

    def handle(self, *args, verbosity=1, **options):
        report = self.stdout.write if verbosity > 0 else None
        started = time.monotonic()
        with chatty_loggers_quieted(quiet=verbosity < 2), transaction.atomic():
            results = steps_run(self.steps(), report=report)
        created = sum(result.created for result in results)
        if not report:
            return
        if created:
            elapsed = time.monotonic() - started
            report(
                self.style.SUCCESS(
                    f"{self.what.capitalize()} loaded: {created:,} created in {elapsed:.1f} s."
                )
            )
        else:
            report(f"Nothing to do: the {self.what} is already loaded (0 created).")
