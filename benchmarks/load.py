"""Load benchmark of the production-shaped stack (`scripts/run-stack start`), with Locust.

Not a test: it sends a bounded load to 127.0.0.1 only and prints, for each phase, requests per
second, the 50th and 95th percentile in milliseconds and the failures, each rate also as a
ratio to the ceiling measured in the same run: a static file served by the same nginx.

Phases (pages `--seconds` long after 5 s of warm-up, checkouts `--checkout-seconds` after 30 s;
no pause between requests):

1. static     a collected static file (nginx alone): the ceiling
2. pages      home, catalogue, a product, a search and a trace page, sent with a cookie, so
              that every one reaches the application (two gunicorn instances)
3. cached     the catalogue and product pages of a first-time visitor (no cookie): nginx's
              page cache (marketplace/page_cache.py); the goal is at least half the ceiling.
              Then a price, a stock and a certificate change, each made through the ORM
              (benchmarks/catalogue_change.py) and undone: how long until the cached product
              page shows it, against the cache's lifetime
4. checkout   `--buyers` guests at once, each buying with cash on delivery through the site's
              own forms (stackdrill's buyers: product page, basket, address, payment, place
              order), a few of them racing for the last units of three scarce products; placed
              orders per second, and 0 oversold counted from PostgreSQL afterwards
5, 6          (`--scale-out`) phases 2 and 4 again with one gunicorn instance stopped (started
              again after): how pages and orders grow from one application server to two.
              With `--pin` each instance runs on a core of its own, as on a machine of its
              own; without it both share every core, and a second instance adds no CPU

    .venv/bin/python benchmarks/load.py --scale-out --pin     # about 12 minutes

The checkout phases place real orders in the stack's database (cash on delivery, guest
addresses @buyers.example). Before them every stocked product gets `--stock` units to sell
again (earlier runs' orders hold theirs), then three are left with `--scarce`; the units set
aside are given back at the end.

Locust runs in this one process (gevent), so on a small machine it is itself a limit of the
static ceiling: the ratios understate how far the cache is from nginx's own speed, never
overstate it. The figures and the machine they were measured on: benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import gevent
import gevent.event
from locust import FastHttpUser, User, constant, task
from locust.env import Environment

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from stackdrill import buyers, verdict  # noqa: E402  (after the project is on the path)
from stackdrill.faults import Drill  # noqa: E402
from stackdrill.stack import Stack, alive, children  # noqa: E402

STATE = ROOT / "var" / "stack"
PERSONAL = {"Cookie": "csrftoken=benchmark-visitor-with-a-cookie"}
WARM_UP = 5  # seconds of each phase before its statistics start
# A checkout is nine requests and, with 50 buyers on two cores, takes about 30 s: the window
# opens once every buyer is well into buying and is long enough for each to buy several times.
CHECKOUT_WARM_UP = 30
SCARCE_SHARE = 0.2  # of checkouts, for one of the scarce products: they race for the last units


@dataclass
class Targets:
    static: str
    home: str
    catalogue: str
    products: list[str]
    search: str
    traces: list[str]


def page_get(host: str, path: str, *, headers: dict | None = None) -> tuple[str, dict[str, str]]:
    """One GET with urllib (127.0.0.1 only, checked in main): the page and its headers."""
    request = urllib.request.Request(host + path, headers=headers or {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.read().decode(), dict(response.headers)


def targets_find(host: str) -> Targets:
    """The pages to load, read from the running site itself."""
    catalogue, _ = page_get(host, "/shop/catalogue/", headers=PERSONAL)
    products = sorted(set(re.findall(r'href="(/shop/catalogue/(?!category/)[^"/]+_\d+/)"', catalogue)))
    if not products:
        sys.exit("no product links on /shop/catalogue/: is the demo data loaded?")
    traces: list[str] = []
    for product in products[:10]:
        page, _ = page_get(host, product, headers=PERSONAL)
        traces += re.findall(r'href="(?:https?://[^/"]+)?(/t/[A-Za-z0-9-]+)"', page)
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


def visitor_class(kind: str, targets: Targets):
    """A Locust user for a page phase: "static", "pages" or "cached"."""

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


class LoadLog:
    """What stackdrill's buyers write, one record per request: kept for the verdict (orders,
    stock) and passed on to the running phase's Locust statistics."""

    def __init__(self):
        self.records: list[dict] = []
        self.outcomes: list[tuple[float, str]] = []  # (when the checkout ended, its outcome)
        self.environment: Environment | None = None

    def write(self, **record) -> None:
        self.records.append(record)
        if record.get("kind") == "checkout-end":
            self.outcomes.append((record["time"], record["outcome"]))
            return
        if "method" not in record or record.get("followed") or self.environment is None:
            return
        status = record.get("status", 0)
        self.environment.events.request.fire(
            request_type=record["method"],
            name=record["kind"],
            response_time=record.get("seconds", 0) * 1000,
            response_length=0,
            exception=None if 0 < status < 500 else RuntimeError(f"{status} {record.get('error', '')}"),
            context={},
        )


def buyer_class(log: LoadLog, catalogue: buyers.Catalogue, scarce_urls: list[str], seed: int):
    """A Locust user that buys, again and again, each time as a new guest (stackdrill.buyers)."""

    class Buyer(User):
        wait_time = constant(0)
        started = 0

        def on_start(self):
            Buyer.started += 1
            self.index = Buyer.started
            self.rng = random.Random(seed * 1000 + self.index)  # noqa: S311  (choices, not secrets)
            self.visits = 0

        @task
        def buy(self):
            self.visits += 1
            visitor = buyers.Visitor(self.host, log, buyer=f"{self.index}.{self.visits}", rng=self.rng)
            scarce = scarce_urls and self.rng.random() < SCARCE_SHARE
            product_url = self.rng.choice(scarce_urls if scarce else catalogue.product_urls)
            started = time.perf_counter()
            try:
                outcome = buyers.checkout(visitor, catalogue, self.rng, product_url=product_url)
            except Exception as error:  # noqa: BLE001  a page the benchmark cannot read: counted
                outcome = f"unreadable: {type(error).__name__}"
            finally:
                visitor.close()
            self.environment.events.request.fire(
                request_type="CHECKOUT",
                name=f"whole checkout ({outcome})",
                response_time=(time.perf_counter() - started) * 1000,
                response_length=0,
                exception=RuntimeError(outcome) if outcome == buyers.CheckoutOutcome.FAILED else None,
                context={},
            )

    return Buyer


@dataclass
class Result:
    phase: str
    name: str
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float


def phase_run(
    label: str,
    user_class,
    host: str,
    users: int,
    seconds: float,
    log: LoadLog | None = None,
    warm_up: float = WARM_UP,
) -> tuple[list[Result], tuple[float, float]]:
    """One phase: its statistics by request name and in all, and the measured window."""
    # A checkout under way when the phase ends is finished (up to a minute), not cut off after
    # placing its order and before its thank-you page: the log then counts every order it placed.
    environment = Environment(user_classes=[user_class], host=host, stop_timeout=60)
    if log is not None:
        log.environment = environment
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=users)
    gevent.sleep(warm_up)  # every user started, every worker's templates and caches warm
    environment.stats.reset_all()
    window_start = time.time()
    started = time.perf_counter()
    gevent.sleep(seconds)
    elapsed = time.perf_counter() - started
    window = (window_start, time.time())
    results = []
    entries = sorted(environment.stats.entries.values(), key=lambda entry: entry.name)
    total = environment.stats.total
    for entry in [*entries, total]:  # read now: what ends while the users stop is not counted
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
    runner.quit()
    if log is not None:
        log.environment = None
    return results, window


def orders_rate(log: LoadLog, label: str, window: tuple[float, float]) -> Result:
    """Placed orders per second in a checkout phase's window, from the buyers' outcomes."""
    ended = [outcome for when, outcome in log.outcomes if window[0] <= when <= window[1]]
    counts = Counter(ended)
    placed = counts[buyers.CheckoutOutcome.PLACED]
    others = ", ".join(
        f"{count} {outcome}"
        for outcome, count in sorted(counts.items())
        if outcome != buyers.CheckoutOutcome.PLACED
    )
    return Result(
        phase=label,
        name=f"orders placed ({others or 'no other outcome'})",
        requests=placed,
        failures=counts[buyers.CheckoutOutcome.FAILED],
        rps=placed / (window[1] - window[0]),
        p50=float("nan"),
        p95=float("nan"),
    )


@dataclass
class Change:
    what: str
    seconds: float | None  # from the commit until the cached page showed it; None: not shown
    stale_hits: int  # answers from the cache, after the commit, that did not show it yet
    was_cached: bool  # the page came from the cache just before the change


def catalogue_change(stack: Stack, args: dict) -> dict:
    """benchmarks/catalogue_change.py in `manage.py shell -c`, with the stack's settings."""
    code = f"ARGS = {json.dumps(args)!r}\nARGS = __import__('json').loads(ARGS)\n"
    code += (ROOT / "benchmarks" / "catalogue_change.py").read_text(encoding="utf-8")
    done = stack.manage("shell", "-c", code, timeout=120)
    if done.returncode != 0:
        sys.exit(f"catalogue_change.py {args}: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _visible(changed: dict, page: str) -> bool:
    if "shows" in changed:
        return changed["shows"] in page
    return changed["hides"] not in page


def page_cache_changes(stack: Stack, host: str, targets: Targets, exclude: list[int]) -> list[Change]:
    """Change a product's price, stock and certificate in turn while a first-time visitor
    reloads its page every 0.1 s, and time from each commit until the page shows it; every
    change is undone before the next."""
    lifetime = int(stack.env.get("MARKETPLACE_PAGE_CACHE_SECONDS", "5"))
    product = catalogue_change(stack, {"do": "pick", "exclude": exclude})["product"]
    url = next((path for path in targets.products if path.endswith(f"_{product}/")), None)
    if url is None:
        sys.exit("no product in stock with a certificate in force to change")
    changes = []
    for what in ("price", "stock", "certificate"):
        fetches: list[tuple[float, str, str]] = []  # (when, X-Cache, page)
        stop = gevent.event.Event()

        def reload_page(fetches=fetches, stop=stop):
            while not stop.is_set():
                page, headers = page_get(host, url)
                fetches.append((time.time(), headers.get("X-Cache", ""), page))
                gevent.sleep(0.1)

        reloader = gevent.spawn(reload_page)
        gevent.sleep(lifetime + 1)  # in the cache, and served from it
        changed = {}
        try:
            changed = catalogue_change(stack, {"do": what, "product": product})
            gevent.sleep(lifetime + 3)
        finally:
            stop.set()
            reloader.join()
            if changed:
                catalogue_change(stack, {"do": "undo", "product": product, "undo": changed["undo"]})
        committed = changed["committed"]
        after = [(when, cache, page) for when, cache, page in fetches if when > committed]
        shown = next((when for when, _, page in after if _visible(changed, page)), None)
        changes.append(
            Change(
                what,
                seconds=shown - committed if shown is not None else None,
                stale_hits=sum(
                    1 for _, cache, page in after if cache == "HIT" and not _visible(changed, page)
                ),
                was_cached=any(cache == "HIT" for when, cache, _ in fetches if when < committed),
            )
        )
    return changes


def stock_top_up(connection, units: int) -> int:
    """Every stocked product gets `units` units to sell again, so that the orders of earlier
    runs do not turn this run's checkouts into "sold out": runs stay comparable. The stack's
    demo data is for trying things out; the units are not taken back."""
    with connection.transaction():
        return connection.execute(
            "UPDATE partner_stockrecord SET num_in_stock = coalesce(num_allocated, 0) + %s "
            "WHERE num_in_stock IS NOT NULL AND num_in_stock - coalesce(num_allocated, 0) < %s",
            [units, units],
        ).rowcount


def app_server_pids(stack: Stack) -> list[int]:
    """The running gunicorn instances' masters, from scripts/run-stack's pid files."""
    pids = (stack.pid(f"gunicorn-{port}") for port in stack.app_ports())
    return [pid for pid in pids if pid is not None]


def app_servers_pin(stack: Stack, *, pin: bool = True) -> list[str]:
    """Each gunicorn instance (its master, workers and their threads) on a core of its own, as
    if on a machine of its own, or (pin=False) back on every core. PostgreSQL, OpenSearch, nginx
    and Locust use every core all along. A worker started later inherits its master's cores."""
    cores = sorted(os.sched_getaffinity(0))
    pinned = []
    for number, master in enumerate(app_server_pids(stack)):
        allowed = {cores[number % len(cores)]} if pin else set(cores)
        for pid in [master, *children(master)]:
            for thread in Path(f"/proc/{pid}/task").glob("*"):
                try:
                    os.sched_setaffinity(int(thread.name), allowed)
                except (ProcessLookupError, PermissionError):
                    continue
        pinned.append(f"gunicorn {master} on core {','.join(map(str, sorted(allowed)))}")
    return pinned


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="http://127.0.0.1:8080", help="the stack's nginx (127.0.0.1 only)")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each phase")
    parser.add_argument("--users", type=int, default=20, help="concurrent users in the page phases")
    parser.add_argument("--buyers", type=int, default=50, help="concurrent buyers in the checkout phases")
    parser.add_argument("--checkout-seconds", type=float, default=90.0, help="length of each checkout phase")
    parser.add_argument("--scarce", type=int, default=10, help="units left of each of the 3 scarce products")
    parser.add_argument("--stock", type=int, default=300, help="units to sell of every other product")
    parser.add_argument("--seed", type=int, default=None, help="the buyers' choices (default: new each run)")
    parser.add_argument(
        "--scale-out", action="store_true", help="also measure with one app server stopped, then restart it"
    )
    parser.add_argument(
        "--pin", action="store_true", help="each app server on a core of its own (a machine's worth of CPU)"
    )
    args = parser.parse_args()
    if not re.match(r"^https?://(127\.0\.0\.1|localhost)(:\d+)?/?$", args.url):
        sys.exit("the benchmark loads 127.0.0.1 only")
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(10**6)
    return args


def main() -> None:
    args = arguments()
    host = args.url.rstrip("/")
    stack = Stack(STATE)
    targets = targets_find(host)
    if args.pin:
        print("Pinned: " + "; ".join(app_servers_pin(stack)))
    print(
        f"Loading {host}: {args.users} users in the page phases, {args.buyers} buyers, "
        f"{args.seconds:.0f} s a phase (seed {args.seed})"
    )
    print(f"  {len(targets.products)} product pages, {len(targets.traces)} trace pages, {targets.static}")

    def pages_phase(label: str, kind: str) -> list[Result]:
        return phase_run(label, visitor_class(kind, targets), host, args.users, args.seconds)[0]

    results = pages_phase("1 static file", "static")
    results += pages_phase("2 pages, 2 app servers", "pages")
    results += pages_phase("3 cached pages", "cached")

    log = LoadLog()
    with Drill.database_of(stack) as connection:
        topped = stock_top_up(connection, args.stock)
        if topped:
            print(
                f"  {topped} products' stock topped up to {args.stock} units to sell (earlier runs' orders)"
            )
        scarce = verdict.StockBefore.read(connection).scarce(3)
        taken = verdict.StockBefore.scarcity_make(connection, scarce, args.scarce)
        before = verdict.StockBefore.read(connection)
    try:
        changes = page_cache_changes(stack, host, targets, exclude=scarce)
        catalogue = buyers.catalogue_discover(host, log, hot_ids=scarce, rng=random.Random(args.seed))  # noqa: S311
        buyer = buyer_class(log, catalogue, catalogue.hot_urls, args.seed)
        label = "4 checkout, 2 app servers"
        phase, window = phase_run(
            label, buyer, host, args.buyers, args.checkout_seconds, log, warm_up=CHECKOUT_WARM_UP
        )
        results += [*phase, orders_rate(log, label, window)]
        if args.scale_out:
            results += scaled_in(args, stack, host, targets, log, buyer)
        with Drill.database_of(stack) as connection:
            rows = verdict.orders_rows(connection, log.records, before)
            rows += verdict.stock_rows(connection, before)
    finally:
        with Drill.database_of(stack) as connection:
            verdict.StockBefore.scarcity_undo(connection, taken)
        if args.pin:
            app_servers_pin(stack, pin=False)
    report(args, results, changes, rows, stack)


def scaled_in(args, stack: Stack, host: str, targets: Targets, log: LoadLog, buyer) -> list[Result]:
    """Phases 5 and 6: pages and checkouts with one gunicorn instance stopped (gracefully:
    nginx finds its port closed and sends everything to the other), then started again by
    `scripts/run-stack start`, which starts only what is missing."""
    pids = app_server_pids(stack)
    if len(pids) < 2:
        sys.exit("--scale-out needs the stack's two gunicorn instances (var/stack/gunicorn-*.pid)")
    os.kill(pids[-1], signal.SIGTERM)
    try:
        while alive(pids[-1]):
            gevent.sleep(0.5)
        pages = visitor_class("pages", targets)
        results, _ = phase_run("5 pages, 1 app server", pages, host, args.users, args.seconds)
        label = "6 checkout, 1 app server"
        phase, window = phase_run(
            label, buyer, host, args.buyers, args.checkout_seconds, log, warm_up=CHECKOUT_WARM_UP
        )
        return [*results, *phase, orders_rate(log, label, window)]
    finally:
        run_stack = str(ROOT / "scripts" / "run-stack")
        subprocess.run([run_stack, "start"], check=True, stdout=subprocess.DEVNULL)  # noqa: S603  (ours)


def report(args, results: list[Result], changes: list[Change], rows: list[verdict.Row], stack: Stack) -> None:
    def rate(phase: str, name: str = "all") -> float:
        return next(r.rps for r in results if r.phase.startswith(phase) and r.name.startswith(name))

    ceiling = rate("1")
    print()
    print(
        f"{'phase':<26} {'request':<44} {'count':>6} {'failed':>6} {'per s':>7} {'vs static':>9} "
        f"{'p50 ms':>7} {'p95 ms':>7}"
    )
    for result in results:
        print(
            f"{result.phase:<26} {result.name[:44]:<44} {result.requests:>6} {result.failures:>6} "
            f"{result.rps:>7.1f} {result.rps / ceiling:>9.3f} {result.p50:>7.0f} {result.p95:>7.0f}"
        )

    print()
    cached_ratio = rate("3") / ceiling
    print(
        f"Page cache: {cached_ratio:.2f} of the static-file rate (goal: at least 0.50) "
        f"{'PASS' if cached_ratio >= 0.5 else 'MISS'}"
    )
    lifetime = int(stack.env.get("MARKETPLACE_PAGE_CACHE_SECONDS", "5"))
    for change in changes:
        shown = f"after {change.seconds:.1f} s" if change.seconds is not None else "NOT SHOWN"
        within = change.seconds is not None and change.seconds <= lifetime + 1
        verdict_word = "PASS" if within and change.was_cached else "MISS"
        print(
            f"  {change.what} change on a {'cached' if change.was_cached else 'NOT CACHED'} product page: "
            f"shown {shown}, {change.stale_hits} answers from the cache before that "
            f"(lifetime {lifetime} s) {verdict_word}"
        )
    print(f"Checkout: {rate('4', 'orders'):.2f} orders placed a second with {args.buyers} buyers")
    if args.scale_out:
        print(f"Scale-out: two app servers serve {rate('2') / rate('5'):.2f}x the pages of one")
        print(f"           and place {rate('4', 'orders') / max(rate('6', 'orders'), 1e-9):.2f}x its orders")
    print()
    print(verdict.table(rows))
    if any(row.ok is False for row in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
