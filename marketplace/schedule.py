"""The periodic commands and when they run: one list, two runners.

In production systemd runs them: each entry is a pair of units in `deploy/systemd/`
(`ocop-<name>.timer` and `ocop-<name>.service`; `tests/marketplace/test_schedule.py` keeps the
units and this list in step). On one machine without systemd (`scripts/run-stack`),
`manage.py run_schedule` runs the same list.

Times are Vietnam's (`Asia/Ho_Chi_Minh`), whatever the server's clock zone; "every" entries
fall on the clock's grid (every 15 minutes: :00, :15, :30, :45), as systemd's `*:0/15` does.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class Job:
    name: str  # the systemd units are ocop-<name>.timer and ocop-<name>.service
    command: tuple[str, ...]  # manage.py's arguments
    every_minutes: int | None = None  # a divisor of 60, on the clock's grid
    daily_at: datetime.time | None = None  # Vietnam time
    needs_task_database: bool = False  # only with django-tasks-db's backend

    def next_run(self, after: datetime.datetime) -> datetime.datetime:
        """The first time strictly after `after` (an aware datetime) this job is due."""
        local = after.astimezone(VIETNAM)
        if self.every_minutes:
            start = local.replace(minute=0, second=0, microsecond=0)
            steps = (local - start) // datetime.timedelta(minutes=self.every_minutes) + 1
            return start + steps * datetime.timedelta(minutes=self.every_minutes)
        due = datetime.datetime.combine(local.date(), self.daily_at, tzinfo=VIETNAM)
        return due if due > local else due + datetime.timedelta(days=1)

    @property
    def on_calendar(self) -> str:
        """The same times as a systemd `OnCalendar=` expression."""
        if self.every_minutes:
            return f"*:0/{self.every_minutes}"
        return f"*-*-* {self.daily_at:%H:%M:%S} Asia/Ho_Chi_Minh"


SCHEDULE = (
    # Stock of transfers and card payments that never came goes back (order/settlement.py).
    Job("orders-release-unpaid", ("orders_release_unpaid",), every_minutes=15),
    # Wagtail pages with a go-live or expiry time.
    Job("publish-scheduled", ("publish_scheduled",), every_minutes=10),
    # Mails 90 and 30 days before a certificate expires, once each (catalog/certificates/reminders.py).
    Job("certificates-remind", ("certificates_remind",), daily_at=datetime.time(6, 0)),
    # Mails to trainees the day before each session of their course, once (training/services.py).
    Job("training-remind", ("training_remind",), daily_at=datetime.time(7, 0)),
    # Badges that came or went, and lots that expired, with the date alone, just after it changes.
    Job("search-badges", ("search_index", "badges"), daily_at=datetime.time(0, 10)),
    # Done tasks' rows after two weeks; failed ones, on staff's tasks page, after 90 days.
    Job(
        "tasks-prune",
        ("prune_db_task_results", "--min-age-days", "14", "--failed-min-age-days", "90"),
        daily_at=datetime.time(3, 30),
        needs_task_database=True,
    ),
)
