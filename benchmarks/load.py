"""Load benchmark of the production-shaped stack (`scripts/run-stack start`), with Locust.

Not a test: it sends a bounded load to 127.0.0.1 only and prints, for each phase, requests per
second, the 50th and 95th percentile in milliseconds and the failures, each rate also as a
ratio to the ceiling measured in the same run: a static file served by the same nginx.

Phases (each `--seconds` long, `--users` concurrent users, no pause between requests):

1. static     a collected static file (nginx alone): the ceiling
2. pages      home, catalogue, a product, a search and a trace page, sent with a cookie, so
              that every one reaches the application (two gunicorn instances)
3. cached     the catalogue and product pages of a first-time visitor (no cookie): nginx's
              page cache (marketplace/page_cache.py); the goal is at least half the ceiling
4. one app    phase 2 again with one gunicorn instance stopped (`--scale-out`; started again
              after): how the rate grows from one application server to two

    .venv/bin/python benchmarks/load.py --seconds 20 --users 20 --scale-out

Locust runs in this one process (gevent), so on a small machine it is itself a limit of the
static ceiling: the ratios understate how far the cache is from nginx's own speed, never
overstate it. The figures and the machine they were measured on: benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import gevent
from locust import FastHttpUser, constant, task
from locust.env import Environment

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / "var" / "stack"
PERSONAL = {"Cookie": "csrftoken=benchmark-visitor-with-a-cookie"}


@dataclass
class Targets:
    static: str
    home: str
    catalogue: str
    products: list[str]
    search: str
    traces: list[str]


def targets_find(client_get) -> Targets:
    """The pages to load, read from the running site itself."""
    catalogue = client_get("/shop/catalogue/")
    products = sorted(set(re.findall(r'href="(/shop/catalogue/(?!category/)[^"/]+_\d+/)"', catalogue)))
    if not products:
        sys.exit("no product links on /shop/catalogue/: is the demo data loaded?")
    traces: list[str] = []
    for product in products[:10]:
        traces += re.findall(r'href="(?:https?://[^/"]+)?(/t/[A-Za-z0-9-]+)"', client_get(product))
    static = re.search(r'src="(/static/[^"]+\.js)"', catalogue)
    if not static:
        sys.exit("no static script linked from the catalogue")
    return Targets(
        static=static.group(1),
        home="/",
        catalogue="/shop/catalogue/",
        products=products,
        search="/shop/search/?q=m%E1%BA%ADt+ong",
        traces=sorted(set(traces)) or products[:1],
    )


def user_class(kind: str, targets: Targets):
    """A Locust user for one phase."""

    class Visitor(FastHttpUser):
        wait_time = constant(0)
        turn = 0

        def _next(self, items):
            self.turn += 1
            return items[self.turn % len(items)]

        if kind == "static":

            @task
            def static_file(self):
                self.client.get(targets.static, name="static file")

        elif kind == "cached":

            @task(1)
            def catalogue(self):
                self.client.get(targets.catalogue, name="catalogue (cached)")

            @task(3)
            def product(self):
                self.client.get(self._next(targets.products), name="product (cached)")

        else:

            @task(1)
            def home(self):
                self.client.get(targets.home, headers=PERSONAL, name="home")

            @task(2)
            def catalogue(self):
                self.client.get(targets.catalogue, headers=PERSONAL, name="catalogue")

            @task(3)
            def product(self):
                self.client.get(self._next(targets.products), headers=PERSONAL, name="product")

            @task(1)
            def search(self):
                self.client.get(targets.search, headers=PERSONAL, name="search")

            @task(1)
            def trace(self):
                self.client.get(self._next(targets.traces), headers=PERSONAL, name="trace")

    Visitor.__name__ = f"Visitor_{kind}"
    return Visitor


@dataclass
class Result:
    phase: str
    name: str
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float


def phase_run(kind: str, label: str, host: str, targets: Targets, users: int, seconds: float) -> list[Result]:
    environment = Environment(user_classes=[user_class(kind, targets)], host=host)
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=users)
    gevent.sleep(2)  # every user started and the caches warm
    environment.stats.reset_all()
    started = time.perf_counter()
    gevent.sleep(seconds)
    elapsed = time.perf_counter() - started
    runner.quit()
    results = []
    entries = sorted(environment.stats.entries.values(), key=lambda entry: entry.name)
    total = environment.stats.total
    for entry in [*entries, total]:
        if not entry.num_requests:
            continue
        results.append(
            Result(
                phase=label,
                name=entry.name if entry is not total else "all",
                requests=entry.num_requests,
                failures=entry.num_failures,
                rps=entry.num_requests / elapsed,
                p50=entry.get_response_time_percentile(0.5),
                p95=entry.get_response_time_percentile(0.95),
            )
        )
    return results


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def app_server_pids() -> list[int]:
    pids = []
    for pid_file in sorted(STATE.glob("gunicorn-*.pid")):
        try:
            pids.append(int(pid_file.read_text().strip()))
        except (OSError, ValueError):
            continue
    return pids


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="http://127.0.0.1:8080", help="the stack's nginx (127.0.0.1 only)")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each phase")
    parser.add_argument("--users", type=int, default=20, help="concurrent users in each phase")
    parser.add_argument(
        "--scale-out", action="store_true", help="also measure with one app server stopped, then restart it"
    )
    args = parser.parse_args()
    if not re.match(r"^https?://(127\.0\.0\.1|localhost)(:\d+)?/?$", args.url):
        sys.exit("the benchmark loads 127.0.0.1 only")
    host = args.url.rstrip("/")

    import urllib.request

    def client_get(path: str) -> str:
        # http(s) to 127.0.0.1 only, checked above
        request = urllib.request.Request(host + path, headers=PERSONAL)  # noqa: S310
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.read().decode()

    targets = targets_find(client_get)
    print(f"Loading {host} with {args.users} users for {args.seconds:.0f} s a phase")
    print(
        f"  {len(targets.products)} product pages, {len(targets.traces)} trace pages, static {targets.static}"
    )

    results = phase_run("static", "1 static file", host, targets, args.users, args.seconds)
    results += phase_run("pages", "2 pages, 2 app servers", host, targets, args.users, args.seconds)
    results += phase_run("cached", "3 cached pages", host, targets, args.users, args.seconds)
    if args.scale_out:
        pids = app_server_pids()
        if len(pids) < 2:
            sys.exit("--scale-out needs the stack's two gunicorn instances (var/stack/gunicorn-*.pid)")
        # Stopped (gracefully): nginx finds its port closed and sends everything to the other;
        # `scripts/run-stack start` brings it back afterwards (it starts only what is missing).
        os.kill(pids[-1], signal.SIGTERM)
        try:
            while _alive(pids[-1]):
                gevent.sleep(0.5)
            results += phase_run("pages", "4 pages, 1 app server", host, targets, args.users, args.seconds)
        finally:
            stack = str(ROOT / "scripts" / "run-stack")
            subprocess.run([stack, "start"], check=True, stdout=subprocess.DEVNULL)  # noqa: S603  (ours)

    ceiling = next(result.rps for result in results if result.phase.startswith("1") and result.name == "all")
    print()
    print(
        f"{'phase':<24} {'request':<22} {'requests':>9} {'failed':>7} {'req/s':>8} {'vs static':>9} "
        f"{'p50 ms':>7} {'p95 ms':>7}"
    )
    for result in results:
        print(
            f"{result.phase:<24} {result.name:<22} {result.requests:>9} {result.failures:>7} "
            f"{result.rps:>8.1f} {result.rps / ceiling:>9.3f} {result.p50:>7.0f} {result.p95:>7.0f}"
        )

    def rate(phase: str) -> float:
        return next(r.rps for r in results if r.phase.startswith(phase) and r.name == "all")

    cached_ratio = rate("3") / ceiling
    print()
    print(
        f"Page cache: {cached_ratio:.2f} of the static-file rate (goal: at least 0.50) "
        f"{'PASS' if cached_ratio >= 0.5 else 'MISS'}"
    )
    if args.scale_out:
        print(f"Scale-out: two app servers serve {rate('2') / rate('4'):.2f}x the pages of one")


if __name__ == "__main__":
    main()
