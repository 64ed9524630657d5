"""The periodic commands: their times, the systemd units that run them in production, and
`manage.py run_schedule`, which runs them on one machine."""

import datetime
import logging
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from marketplace import schedule
from marketplace.management.commands import run_schedule
from marketplace.schedule import SCHEDULE, VIETNAM, Job

UNITS = Path(settings.BASE_DIR) / "deploy" / "systemd"


def test_every_minutes_falls_on_the_clocks_grid():
    job = Job("x", ("check",), every_minutes=15)
    after = datetime.datetime(2026, 6, 1, 8, 7, 30, tzinfo=VIETNAM)
    assert job.next_run(after) == datetime.datetime(2026, 6, 1, 8, 15, tzinfo=VIETNAM)
    assert job.next_run(datetime.datetime(2026, 6, 1, 8, 15, tzinfo=VIETNAM)) == datetime.datetime(
        2026, 6, 1, 8, 30, tzinfo=VIETNAM
    )
    assert job.next_run(datetime.datetime(2026, 6, 1, 23, 50, tzinfo=VIETNAM)) == datetime.datetime(
        2026, 6, 2, 0, 0, tzinfo=VIETNAM
    )


def test_daily_is_vietnam_time_whatever_the_servers_zone():
    job = Job("x", ("check",), daily_at=datetime.time(6, 0))
    # 22:00 UTC is 05:00 the next day in Vietnam: due an hour later, at 23:00 UTC
    after = datetime.datetime(2026, 6, 1, 22, 0, tzinfo=datetime.UTC)
    assert job.next_run(after) == datetime.datetime(2026, 6, 1, 23, 0, tzinfo=datetime.UTC)
    # and just after 06:00 in Vietnam, the next is tomorrow's
    assert job.next_run(datetime.datetime(2026, 6, 2, 6, 0, 1, tzinfo=VIETNAM)) == datetime.datetime(
        2026, 6, 3, 6, 0, tzinfo=VIETNAM
    )


def _setting(text, name):
    [value] = re.findall(rf"^{name}=(.*)$", text, flags=re.MULTILINE)
    return value


def test_the_systemd_units_run_the_same_schedule():
    timers = {path.name for path in UNITS.glob("ocop-*.timer")}
    assert timers == {f"ocop-{job.name}.timer" for job in SCHEDULE}
    for job in SCHEDULE:
        timer = (UNITS / f"ocop-{job.name}.timer").read_text()
        service = (UNITS / f"ocop-{job.name}.service").read_text()
        assert _setting(timer, "OnCalendar") == job.on_calendar
        assert _setting(timer, "Unit") == f"ocop-{job.name}.service"
        command = " ".join(job.command)
        assert _setting(service, "ExecStart") == f"/srv/ocop/app/.venv/bin/python manage.py {command}"
        assert _setting(service, "EnvironmentFile") == "/etc/ocop/env"


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_systemd_reads_each_time():
    for job in SCHEDULE:
        checked = subprocess.run(  # noqa: S603
            ["systemd-analyze", "calendar", job.on_calendar],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
        assert checked.returncode == 0, checked.stderr


def test_run_schedule_runs_a_due_command_and_logs_its_end(monkeypatch, caplog):
    # Given a schedule of one quick command, run at start
    monkeypatch.setattr(
        run_schedule, "SCHEDULE", (Job("check", ("check", "--fail-level", "ERROR"), every_minutes=15),)
    )
    ticks = []

    def sleep(seconds):
        ticks.append(seconds)
        if len(ticks) > 1:
            raise KeyboardInterrupt  # stopped, as by Ctrl+C

    monkeypatch.setattr(run_schedule.time, "sleep", sleep)
    # When the scheduler runs until stopped
    with caplog.at_level(logging.INFO, logger="marketplace.schedule"):
        call_command("run_schedule", "--now")
    # Then the command ran once and its end was logged with its status
    messages = [record.getMessage() for record in caplog.records if record.name == "marketplace.schedule"]
    assert "Schedule: check starts" in messages
    assert "Schedule: check ended with exit status 0" in messages


def test_the_schedule_names_only_existing_commands():
    from django.core.management import get_commands

    commands = get_commands()
    for job in schedule.SCHEDULE:
        assert job.command[0] in commands, job.command
