"""Benchmark of what one request costs in the process: today's code against a baseline commit.

Not a test: a script that prepares the demo shop in a throwaway SQLite file (`migrate` +
`load_demo_data`, or a copy of `--template`), collects the static files once, checks out the
baseline commit (`--baseline`, by default the commit before the request-cost work) in a
temporary git worktree, and then, in the same run, times these pages with Django's test client
under the production settings (`marketplace.settings.production`, DEBUG off, the cached
template loader, WhiteNoise's manifest), for the baseline and for this checkout in turn:

- the home page (`/`), the catalogue (`/shop/catalogue/`), a product page;
- the basket page of an anonymous shopper with 1 and with 10 lines.

Each side runs in its own process (same interpreter, same packages, its own copy of the same
database) in several alternating rounds, so both see the same machine load. It prints the
median CPU time of the process per request (the goals' measure: on a shared machine the wall
clock moves far more) and the median and p90 wall clock of each page, the ratios new/baseline,
and the SQL queries each page runs, then PASS/MISS for the goals of issue 15 item 5 (catalogue
and product page at most a third of the baseline's time; the basket's queries the same at 1
and 10 lines).

    .venv/bin/python benchmarks/request_cost.py --template /tmp/demo.sqlite3
    .venv/bin/python benchmarks/request_cost.py --profile catalogue   # cProfile of one page, this code

`--template` copies an already migrated SQLite file with the demo data (the script never writes
it); without it the script migrates a new one and loads the demo data (about 2 minutes).
Progress goes to stderr, the report to stdout. Everything is deleted at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
# The commit before the request-cost work of issue 15 item 5.
BASELINE = "44660f2"
PAGES = ("home", "catalogue", "product", "basket-1", "basket-10")
HOST = "localhost"


# --------------------------------------------------------------------------------------------
# The child: one code tree, one database; prints JSON on its last line.
# --------------------------------------------------------------------------------------------


def child(args) -> None:
    tree = Path.cwd()
    sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]
    sys.path.insert(0, str(tree))
    import django

    django.setup()
    import gc

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    urls = {"home": "/", "catalogue": "/shop/catalogue/", "product": _product_url()}
    clients = {"basket-1": _basket_client(Client, 1), "basket-10": _basket_client(Client, 10)}
    anonymous = Client(HTTP_HOST=HOST)
    pages = args.pages.split(",")

    def request(page):
        client = clients.get(page, anonymous)
        url = urls.get(page, "/shop/basket/")
        response = client.get(url, secure=True)
        if response.status_code != 200:
            raise SystemExit(f"{page} {url}: HTTP {response.status_code}")
        return response

    if args.profile:
        import cProfile
        import pstats

        for _ in range(args.warmup):
            request(args.profile)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.repeat):
            request(args.profile)
        profiler.disable()
        stats = pstats.Stats(profiler).sort_stats(args.sort)
        stats.print_stats(args.lines)
        return

    result = {}
    for page in pages:
        for _ in range(args.warmup):
            request(page)
        with CaptureQueriesContext(connection) as queries:
            request(page)
        counted = len(queries)  # now: the next request empties the connection's log
        samples, cpu = [], []
        gc.collect()
        for _ in range(args.repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            request(page)
            cpu.append((time.process_time() - started_cpu) * 1000)
            samples.append((time.perf_counter() - started) * 1000)
        result[page] = {"ms": samples, "cpu": cpu, "queries": counted}
    print(json.dumps(result))


def _product_url() -> str:
    """The demo's first product on sale with stock: a full product page."""
    from catalog.selectors import product_card_queryset

    for product in product_card_queryset().order_by("pk"):
        if product.is_on_sale and any(record.num_in_stock for record in product.stockrecords.all()):
            return product.get_absolute_url()
    raise SystemExit("no product on sale in the demo data")


def _basket_client(client_class, lines: int):
    """An anonymous shopper's client with `lines` products (one each) in its basket."""
    from catalog.selectors import product_card_queryset

    client = client_class(HTTP_HOST=HOST)
    added = 0
    for product in product_card_queryset().order_by("pk"):
        if added == lines:
            break
        if not product.is_on_sale or not any(record.num_in_stock for record in product.stockrecords.all()):
            continue
        response = client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1}, secure=True)
        if response.status_code == 302:
            added += 1
    if added != lines:
        raise SystemExit(f"only {added} products could go into a basket, {lines} wanted")
    return client


# --------------------------------------------------------------------------------------------
# The parent: prepares the database and the baseline, runs the children, prints the report.
# --------------------------------------------------------------------------------------------


def environment(database: Path, static_root: Path, tree: Path, settings: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE=settings,
        DJANGO_SECRET_KEY="request-cost-benchmark-not-secret",  # noqa: S106
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_LOG_LEVEL="WARNING",
        MARKETPLACE_BASE_URL=f"https://{HOST}",
        SEARCH_BACKEND="database",
        PYTHONPATH=str(tree),
    )
    return env


def copy_database(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def prepare(folder: Path, template: Path | None, baseline: str) -> tuple[Path, Path, Path]:
    database = folder / "demo.sqlite3"
    static_root = folder / "static"
    started = time.monotonic()
    dev = environment(database, static_root, ROOT, "marketplace.settings.dev")
    if template:
        copy_database(template, database)
        progress(f"database copied from {template}")
    else:
        progress("migrate + load_demo_data (about 2 minutes)…")
        for command in (["migrate", "--no-input", "-v0"], ["load_demo_data", "-v0"]):
            subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=dev, check=True)  # noqa: S603
    progress("collectstatic…")
    production = environment(database, static_root, ROOT, "marketplace.settings.production")
    subprocess.run(  # noqa: S603  this interpreter, fixed arguments
        [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=production, check=True
    )
    worktree = folder / "baseline"
    subprocess.run(  # noqa: S603
        ["git", "worktree", "add", "--detach", "-q", str(worktree), baseline],  # noqa: S607
        cwd=ROOT,
        check=True,
    )
    progress(f"prepared in {time.monotonic() - started:.0f} s")
    return database, static_root, worktree


def measure(tree: Path, database: Path, static_root: Path, folder: Path, args, label: str) -> dict:
    copy = folder / f"{label}.sqlite3"
    copy_database(database, copy)
    env = environment(copy, static_root, tree, "marketplace.settings.production")
    command = [PYTHON, str(Path(__file__).resolve()), "--child", "--repeat", str(args.repeat)]
    command += ["--warmup", str(args.warmup), "--pages", ",".join(PAGES)]
    done = subprocess.run(command, cwd=tree, env=env, check=True, capture_output=True, text=True)  # noqa: S603
    copy.unlink()
    return json.loads(done.stdout.strip().splitlines()[-1])


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def report(figures: dict, args, baseline: str, head: str, seconds: float) -> bool:
    print(
        f"in-process cost per request, Django test client, production settings, demo data (SQLite); "
        f"{args.rounds} rounds x {args.repeat} requests per page and side, alternating; "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; baseline {baseline}, new {head}"
    )
    print(
        f"  {'page':<10} {'CPU base':>9} {'new':>6} {'new/base':>8}   {'wall base':>9} {'p90':>6}"
        f" {'new':>6} {'p90':>6} {'new/base':>8}   {'queries base':>12} {'new':>4}   (ms, medians)"
    )
    for page in PAGES:
        base, new = figures["baseline"][page], figures["new"][page]
        cpu_base, cpu_new = statistics.median(base["cpu"]), statistics.median(new["cpu"])
        wall_base, wall_new = statistics.median(base["ms"]), statistics.median(new["ms"])
        print(
            f"  {page:<10} {cpu_base:9.1f} {cpu_new:6.1f} {cpu_new / cpu_base:8.2f}"
            f"   {wall_base:9.1f} {percentile(base['ms'], 0.9):6.1f} {wall_new:6.1f}"
            f" {percentile(new['ms'], 0.9):6.1f} {wall_new / wall_base:8.2f}"
            f"   {base['queries']:>12} {new['queries']:>4}"
        )
    print(f"  whole run {seconds:.0f} s")
    print("=== Goals (ratios against the baseline measured in this run; CPU time of the process) ===")
    passed = True
    for page in ("catalogue", "product"):
        ratio = statistics.median(figures["new"][page]["cpu"]) / statistics.median(
            figures["baseline"][page]["cpu"]
        )
        wall = statistics.median(figures["new"][page]["ms"]) / statistics.median(
            figures["baseline"][page]["ms"]
        )
        ok = ratio <= 1 / 3
        passed &= ok
        verdict = "PASS" if ok else "MISS"
        print(
            f"  {verdict} {page}: {ratio:.2f}x the baseline's CPU time (goal <= 0.33); wall clock {wall:.2f}x"
        )
    one, ten = figures["new"]["basket-1"]["queries"], figures["new"]["basket-10"]["queries"]
    ok = one == ten
    passed &= ok
    base_one = figures["baseline"]["basket-1"]["queries"]
    base_ten = figures["baseline"]["basket-10"]["queries"]
    print(
        f"  {'PASS' if ok else 'MISS'} basket: {one} queries at 1 line, {ten} at 10 "
        f"(baseline {base_one} and {base_ten}; goal: the same)"
    )
    return passed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--template", type=Path, help="a migrated SQLite file with the demo data (copied)")
    parser.add_argument("--baseline", default=BASELINE, help=f"the commit to compare with ({BASELINE})")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per side")
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per page in each round")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests per page before timing")
    parser.add_argument("--profile", choices=PAGES, help="print a cProfile of one page on this code and stop")
    parser.add_argument("--sort", default="cumulative", help="with --profile: pstats sort key")
    parser.add_argument("--lines", type=int, default=60, help="with --profile: lines to print")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--pages", default=",".join(PAGES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return

    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="ocop-request-cost-"))
    worktree = None
    try:
        database, static_root, worktree = prepare(folder, args.template, args.baseline)
        if args.profile:
            env = environment(database, static_root, ROOT, "marketplace.settings.production")
            command = [PYTHON, str(Path(__file__).resolve()), "--child", "--profile", args.profile]
            command += ["--repeat", str(args.repeat), "--warmup", str(args.warmup)]
            command += ["--sort", args.sort, "--lines", str(args.lines)]
            subprocess.run(command, cwd=ROOT, env=env, check=True)  # noqa: S603
            return
        figures = {"baseline": {}, "new": {}}
        for number in range(args.rounds):
            sides = [("baseline", worktree), ("new", ROOT)]
            if number % 2:
                sides.reverse()
            for label, tree in sides:
                progress(f"round {number + 1}/{args.rounds}: {label}…")
                result = measure(tree, database, static_root, folder, args, label)
                for page, values in result.items():
                    known = figures[label].setdefault(
                        page, {"ms": [], "cpu": [], "queries": values["queries"]}
                    )
                    known["ms"] += values["ms"]
                    known["cpu"] += values["cpu"]
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True)  # noqa: S607
        if dirty.stdout.strip():
            head += " + uncommitted changes"
        passed = report(figures, args, args.baseline, head, time.monotonic() - started)
        sys.exit(0 if passed else 1)
    finally:
        if worktree is not None:
            command = ["git", "worktree", "remove", "--force", str(worktree)]
            subprocess.run(command, cwd=ROOT, check=False)  # noqa: S603, S607
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
