"""Running data loaders as numbered steps with one progress line each.

A step is a label and a function returning (created, already_there). The management
commands print each result as it comes, so a long load shows where it is.
"""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

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
