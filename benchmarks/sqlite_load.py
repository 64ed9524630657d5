"""Benchmark of the embedded default (SQLite) under concurrent reads, before and after.

Not a test: a script that prepares a SQLite copy of the demo shop, starts two threaded WSGI
servers on 127.0.0.1 (Django's development server class, with a listen backlog of 256 so that
no connection waits on a SYN retry), one with the old database settings and one with the
current ones, each on its own copy of the database, and sends them in turn bursts of 100
concurrent GETs of /shop/catalogue/:

- "idle": nothing else runs;
- "import": a producer's XLSX listings import (`spreadsheets.services.listings_import`, the
  service behind the dashboard's upload) runs in another process, its transaction held open
  for the whole burst, as a long import of a big sheet holds it.

The old settings are the ones before this change: `ATOMIC_REQUESTS` with
`transaction_mode="IMMEDIATE"` (every request takes the write lock) and SQLite's default
rollback journal and 5 s busy timeout. The current ones: WAL, a 20 s busy timeout, GETs in
autocommit (`core.transactions`). It prints errors, throughput and latency of each run and
the ratios of new against old, all measured in this run.

    .venv/bin/python benchmarks/sqlite_load.py                      # migrate + demo data first (~2 min)
    .venv/bin/python benchmarks/sqlite_load.py --template db.sqlite3  # start from a migrated file
    .venv/bin/python benchmarks/sqlite_load.py --bursts 3

Everything runs in a temporary directory, deleted at the end; the template is copied, never
written. Only 127.0.0.1 is contacted. Figures and their reading are in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
PATH = "/shop/catalogue/"

SERVER = '''\
"""runserver's threaded WSGI server with a backlog for 100 simultaneous connections."""
import sys

import django
django.setup()
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application


class Server(ThreadedWSGIServer):
    request_queue_size = 256


class Handler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


server = Server(("127.0.0.1", int(sys.argv[1])), Handler)
server.set_app(get_wsgi_application())
server.serve_forever()
'''

OLD_SETTINGS = '''\
"""The database settings before WAL: every request in a transaction that takes the write lock."""
from marketplace.settings.dev import *  # noqa: F403

DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["OPTIONS"] = {
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=DELETE",
}
MIDDLEWARE = [name for name in MIDDLEWARE if name != "core.transactions.WritingRequestsAtomicMiddleware"]
'''

NEW_SETTINGS = '''\
"""The current settings (WAL, busy timeout, GETs in autocommit)."""
from marketplace.settings.dev import *  # noqa: F403
'''

IMPORT_WORKER = '''\
"""Run a producer's XLSX listings import and hold its transaction open until told to stop."""
import dataclasses, sys, time
from pathlib import Path

import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from oscar.core.loading import get_model
from spreadsheets.reading import sheet_read
from spreadsheets.services import listings_export_rows, listings_import
from spreadsheets.writing import listings_xlsx

ready, stop = Path(sys.argv[1]), Path(sys.argv[2])
Partner = get_model("partner", "Partner")
partner = max(Partner.objects.all(), key=lambda p: p.stockrecords.count())
user = partner.users.first()
# New prices and stock on every row, so the import writes each listing.
rows = [
    dataclasses.replace(row, price=(row.price or 10000) + 1000, stock=(row.stock or 0) + 1)
    for row in listings_export_rows(partner=partner)
]
data = listings_xlsx(rows=rows, title="listings")
sheet = sheet_read(upload=SimpleUploadedFile("listings.xlsx", data))
started = time.monotonic()
with transaction.atomic():
    report = listings_import(partner=partner, rows=sheet.rows, by=user)
    ready.write_text(
        f"{len(sheet.rows)} rows, {report.updated} updated in {time.monotonic() - started:.2f} s, "
        f"errors {report.errors}; its transaction then held open for the burst"
    )
    deadline = time.monotonic() + 120
    while not stop.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
'''


@dataclass
class Burst:
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> int:
        return len(self.latencies)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(folder: Path, database: Path, settings: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE=settings,
        PYTHONPATH=os.pathsep.join([str(folder), str(ROOT)]),
        DJANGO_DEBUG="False",
        SEARCH_BACKEND="database",
        MARKETPLACE_TASK_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
    )
    return env


def prepare(folder: Path, template: Path | None) -> tuple[Path, Path]:
    """The demo shop, in two copies: one in the old rollback journal, one in WAL."""
    database = folder / "demo.sqlite3"
    env = environment(folder, database, "bench_new_settings")
    if template:
        with sqlite3.connect(template) as source, sqlite3.connect(database) as target:
            source.backup(target)
    started = time.monotonic()
    for command in (["migrate", "--no-input", "-v0"], ["load_demo_data", "-v0"]):
        # this interpreter and the project's manage.py, fixed arguments
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)  # noqa: S603
    print(
        f"database: {database} ({'from ' + str(template) if template else 'new'}), "
        f"migrate + demo data {time.monotonic() - started:.0f} s"
    )
    copies = []
    for name, mode in (("old", "DELETE"), ("new", "WAL")):
        copy = folder / f"{name}.sqlite3"
        with sqlite3.connect(database) as source, sqlite3.connect(copy) as target:
            source.backup(target)
            target.execute(f"PRAGMA journal_mode={mode}")
        copies.append(copy)
    return copies[0], copies[1]


def get(url: str) -> float | str:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310  127.0.0.1 only
            response.read()
    except urllib.error.HTTPError as error:
        body = error.read().decode(errors="replace")
        return f"{error.code} locked" if "database is locked" in body else f"{error.code}"
    except OSError as error:
        return type(error).__name__
    return time.monotonic() - started


def burst(url: str, concurrency: int) -> Burst:
    result = Burst()
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=concurrency) as pool:
        for answer in pool.map(lambda _: get(url), range(concurrency)):
            if isinstance(answer, float):
                result.latencies.append(answer)
            else:
                result.errors[answer] = result.errors.get(answer, 0) + 1
    result.seconds = time.monotonic() - started
    return result


class Server:
    def __init__(self, folder: Path, database: Path, settings: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}{PATH}"
        self.log = (folder / f"{settings}.log").open("w")
        script = folder / "bench_server.py"
        script.write_text(SERVER)
        self.process = subprocess.Popen(  # noqa: S603  this interpreter and the script written above
            [PYTHON, str(script), str(self.port)],
            cwd=ROOT,
            env=environment(folder, database, settings),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if isinstance(get(self.url), float):
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped; see {self.log.name}")
            time.sleep(0.5)
        raise RuntimeError("the server did not answer within 60 s")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


def with_import(folder: Path, database: Path, settings: str, url: str, concurrency: int) -> tuple[Burst, str]:
    ready, stop = folder / "import.ready", folder / "import.stop"
    ready.unlink(missing_ok=True)
    stop.unlink(missing_ok=True)
    worker = folder / "bench_import.py"
    worker.write_text(IMPORT_WORKER)
    log = (folder / f"import-{settings}.log").open("w")
    process = subprocess.Popen(  # noqa: S603  this interpreter and the script written above
        [PYTHON, str(worker), str(ready), str(stop)],
        cwd=ROOT,
        env=environment(folder, database, settings),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the import did not start")
            time.sleep(0.05)
        result = burst(url, concurrency)
    finally:
        stop.write_text("")
        process.wait(timeout=60)
        log.close()
    return result, ready.read_text()


def line(label: str, result: Burst, concurrency: int) -> str:
    latencies = sorted(result.latencies) or [float("nan")]
    p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
    errors = ", ".join(f"{count} x {kind}" for kind, count in sorted(result.errors.items())) or "-"
    return (
        f"  {label:<28} {concurrency - result.ok:>6} {result.ok / result.seconds:>8.1f} "
        f"{statistics.median(latencies) * 1000:>8.0f} {p95 * 1000:>8.0f} {result.seconds:>7.1f}   {errors}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--template", type=Path, help="a migrated SQLite file to start from (copied)")
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--bursts", type=int, default=2, help="idle bursts per configuration")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="ocop-sqlite-bench-"))
    try:
        (folder / "bench_old_settings.py").write_text(OLD_SETTINGS)
        (folder / "bench_new_settings.py").write_text(NEW_SETTINGS)
        databases = dict(zip(("old", "new"), prepare(folder, args.template), strict=True))
        settings = {"old": "bench_old_settings", "new": "bench_new_settings"}
        print(
            f"{args.concurrency} concurrent GETs of {PATH} per burst, old and new in turn; "
            f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, DEBUG off"
        )
        print(f"  {'run':<28} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'wall s':>7}   kinds")
        servers = {}
        try:
            for name in ("old", "new"):
                servers[name] = Server(folder, databases[name], settings[name])
            idle = {"old": [], "new": []}
            for number in range(args.bursts):
                for name in ("old", "new"):
                    idle[name].append(burst(servers[name].url, args.concurrency))
                    print(line(f"{name}, idle #{number + 1}", idle[name][-1], args.concurrency))
            busy = {}
            for name in ("old", "new"):
                busy[name], what = with_import(
                    folder, databases[name], settings[name], servers[name].url, args.concurrency
                )
                print(line(f"{name}, during an import", busy[name], args.concurrency))
                print(f"    import: {what}")
        finally:
            for server in servers.values():
                server.stop()
        summary = {name: (idle[name], busy[name]) for name in ("old", "new")}

        def errors(bursts: list[Burst]) -> int:
            return sum(args.concurrency - b.ok for b in bursts)

        def rate(bursts: list[Burst]) -> float:
            return sum(b.ok for b in bursts) / sum(b.seconds for b in bursts)

        (old_idle, old_busy), (new_idle, new_busy) = summary["old"], summary["new"]
        total = args.concurrency * args.bursts
        print("=== new settings against old, same run ===")
        print(
            f"  idle: errors {errors(old_idle)}/{total} -> {errors(new_idle)}/{total}; "
            f"successful req/s x{rate(new_idle) / max(rate(old_idle), 1e-9):.2f}"
        )
        print(
            f"  during import: errors {errors([old_busy])}/{args.concurrency} -> "
            f"{errors([new_busy])}/{args.concurrency}; successful req/s "
            f"{rate([old_busy]):.1f} -> {rate([new_busy]):.1f}"
        )
        verdict = "PASS" if errors(new_idle) == 0 and errors([new_busy]) == 0 else "MISS"
        print(f"  {verdict} 0 errors in {total} idle GETs and {args.concurrency} GETs during an import")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
