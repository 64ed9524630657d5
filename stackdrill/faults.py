"""The four faults of issue 15, each struck while the buyers' load runs, each followed by the
part's return and a check of what it must not have cost.

A fault whose part the stack does not have (one app server, one search node, no Redis, no
worker) is skipped with a loud message and counts as skipped in the verdict, never as passed.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import psycopg
import redis
import requests

from stackdrill import buyers, pages
from stackdrill.stack import ROOT, Snapshot, Stack, alive, http_ok, kill9, listening_pid, wait_until

PASSED, FAILED, SKIPPED = "passed", "FAILED", "SKIPPED"
TASKS_TABLE = "django_tasks_database_dbtaskresult"
SEARCH_FAULT = "kill -9 one OpenSearch node"
WORKER_FAULT = "kill -9 the worker mid-queue"


@dataclass
class FaultResult:
    name: str
    status: str = PASSED
    started: float = 0.0
    ended: float = 0.0
    notes: list[str] = field(default_factory=list)

    def check(self, condition: bool, what: str) -> bool:
        self.notes.append(("ok: " if condition else "BROKEN: ") + what)
        if not condition:
            self.status = FAILED
        return condition

    def skip(self, why: str) -> FaultResult:
        self.status = SKIPPED
        self.notes.append(why)
        print(f"\n!!!!! SKIPPED fault '{self.name}': {why} !!!!!\n", flush=True)
        return self


def say(message: str) -> None:
    print(f"[drill {time.strftime('%H:%M:%S')}] {message}", flush=True)


@dataclass
class Drill:
    """What the faults need: the stack, the running load's log and catalogue, the timings."""

    stack: Stack
    log: buyers.Log
    catalogue: buyers.Catalogue
    rng: random.Random
    steady: float  # seconds of steady load before each fault
    down: float  # seconds a killed part stays down before it is started again
    burst: int  # checkouts queued behind the paused worker
    outcome: Callable[[str], None]  # counts a checkout's outcome with the buyers'
    background: list[subprocess.Popen] = field(default_factory=list)

    def visitor(self, name: str) -> buyers.Visitor:
        return buyers.Visitor(self.stack.base_url, self.log, buyer=name, rng=self.rng)

    def calm_product_urls(self) -> list[str]:
        """Products the buyers do not run out of during the drill (not made scarce): a fault's
        check that needs an order placed, or one still for sale, buys one of these."""
        calm = [url for url in self.catalogue.product_urls if url not in self.catalogue.hot_urls]
        return calm or self.catalogue.product_urls

    def database(self) -> psycopg.Connection:
        return self.database_of(self.stack)

    @staticmethod
    def database_of(stack: Stack) -> psycopg.Connection:
        return psycopg.connect(stack.env["DATABASE_URL"], autocommit=True, connect_timeout=10)


# ---------------------------------------------------------------------------------------------
# 1. An application server
# ---------------------------------------------------------------------------------------------
def app_server_kill(drill: Drill) -> FaultResult:
    result = FaultResult("kill -9 one app server")
    ports = drill.stack.app_ports()
    running = [port for port in ports if alive(drill.stack.pid(f"gunicorn-{port}"))]
    if len(running) < 2:
        return result.skip(f"two running gunicorn instances are needed, found {running or 'none'}")
    port = running[0]
    pid = drill.stack.pid(f"gunicorn-{port}")
    snapshot = Snapshot.of(pid)
    time.sleep(drill.steady)
    result.started = time.time()
    victims = kill9(pid)
    say(f"killed gunicorn :{port} (pid {pid} and its {len(victims) - 1} workers)")
    probes = _probes(drill, "/healthz", seconds=drill.down)
    result.check(
        all(status == 200 for status in probes),
        f"nginx answered every one of {len(probes)} probes from the other instance while :{port} was down",
    )
    snapshot.start()
    back = wait_until(lambda: http_ok(f"http://127.0.0.1:{port}/healthz"), timeout=90)
    result.check(back, f"gunicorn :{port} started again and answers /healthz")
    new_pid = drill.stack.pid(f"gunicorn-{port}")
    result.check(alive(new_pid) and new_pid != pid, f"its pid file names the new master ({new_pid})")
    time.sleep(drill.steady / 2)
    result.ended = time.time()
    return result


def _probes(drill: Drill, path: str, *, seconds: float) -> list[int]:
    statuses, deadline = [], time.monotonic() + seconds
    visitor = drill.visitor("probe")
    while time.monotonic() < deadline:
        response = visitor.request("probe", "GET", path)
        statuses.append(response.status_code if response is not None else 0)
        time.sleep(0.2)
    visitor.close()
    return statuses


# ---------------------------------------------------------------------------------------------
# 2. A search node
# ---------------------------------------------------------------------------------------------
def _search_get(urls: list[str], path: str):
    session = requests.Session()
    session.trust_env = False
    for url in urls:
        try:
            response = session.get(f"{url}{path}", timeout=5)
        except requests.RequestException:
            continue
        if response.ok:
            return response.json()
    return None


def search_node_kill(drill: Drill) -> FaultResult:
    result = FaultResult(SEARCH_FAULT)
    urls = drill.stack.search_urls()
    if not urls:
        return result.skip("the stack searches its database (SEARCH_BACKEND): no search cluster to fault")
    nodes = _search_get(urls, "/_cat/nodes?format=json&h=name,http_address") or []
    if len(nodes) < 2:
        return result.skip(f"a cluster of 2 or more nodes is needed, {urls[0]} reports {len(nodes)}")
    indices = _search_get(urls, "/_cat/indices?format=json&h=index,rep,health") or []
    ours = [index for index in indices if not index["index"].startswith(".")]
    if not ours or any(int(index["rep"]) < 1 for index in ours):
        return result.skip(
            "every index needs a replica (MARKETPLACE_SEARCH_REPLICAS=1): "
            + ", ".join(f"{index['index']} rep={index['rep']}" for index in ours)
        )
    shards = _search_get(urls, "/_cat/shards?format=json&h=index,prirep,node") or []
    primaries: dict[str, int] = {}
    for shard in shards:
        if shard["prirep"] == "p" and not shard["index"].startswith(".") and shard.get("node"):
            primaries[shard["node"]] = primaries.get(shard["node"], 0) + 1
    victim = max(nodes, key=lambda node: primaries.get(node["name"], 0))
    port = int(victim["http_address"].rsplit(":", 1)[1])
    pid = listening_pid(port)
    if pid is None:
        return result.skip(f"no process of ours listens on node {victim['name']}'s port {port}")
    time.sleep(drill.steady)
    result.started = time.time()
    kill9(pid, tree=False)
    held = primaries.get(victim["name"], 0)
    say(f"killed OpenSearch node {victim['name']} (:{port}, pid {pid}, {held} primaries)")
    answered, fallback, searched = 0, 0, 0
    deadline = time.monotonic() + max(drill.down, 8)
    visitor = drill.visitor("search-probe")
    while time.monotonic() < deadline:
        searched += 1
        response = visitor.request(
            "search",
            "GET",
            drill.catalogue.paths["search"],
            params={"q": drill.rng.choice(buyers.SEARCH_WORDS)},
        )
        if response is not None and response.status_code == 200:
            answered += 1
            fallback += pages.fallback_notice_shown(response.text)
        time.sleep(0.3)
    visitor.close()
    result.check(answered == searched, f"the search page answered {answered} of {searched} searches")
    result.check(fallback == 0, f"no fallback notice on the search page ({fallback} of {answered} showed it)")
    health = _search_get([url for url in urls if not url.endswith(f":{port}")], "/_cluster/health")
    result.check(
        bool(health) and health.get("status") in ("green", "yellow"),
        f"the cluster without the node is {health and health.get('status')} (green or yellow)",
    )
    first = urlsplit(urls[0]).port
    env = {
        **os.environ,
        "SEARCH_NODE_COUNT": str(len(urls)),
        "SEARCH_NODE_PORT": str(first),
        "SEARCH_NODE_STATE": str(drill.stack.state / "search"),
    }
    log = open(drill.stack.state / "logs" / "drill-search-node.log", "ab")  # noqa: SIM115
    drill.background.append(
        subprocess.Popen(  # noqa: S603  the project's own script, as scripts/run-stack calls it
            [str(ROOT / "scripts" / "search-node"), "start"], cwd=ROOT, env=env, stdout=log, stderr=log
        )
    )
    log.close()
    say(f"starting node {victim['name']} again in the background (scripts/search-node start)")
    result.ended = time.time()
    return result


def search_node_back(drill: Drill, result: FaultResult, *, timeout: float) -> None:
    """At the end of the drill: the node started after the fault has rejoined."""
    if result.status == SKIPPED:
        return
    urls = drill.stack.search_urls()
    for process in drill.background:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
    nodes = _search_get(urls, "/_cat/nodes?format=json&h=name") or []
    result.check(len(nodes) == len(urls), f"the killed node is back: {len(nodes)} of {len(urls)} nodes")


# ---------------------------------------------------------------------------------------------
# 3. Redis
# ---------------------------------------------------------------------------------------------
LOGIN = ("htx-hong-xuan@ocop.localhost", "ocop-demo")  # a demo producer's shop login (README)


def _log_in(visitor: buyers.Visitor, paths: dict[str, str]) -> bool:
    page = visitor.request("login", "GET", paths["login"])
    form = page is not None and pages.form_with_field(page.text, "login-username")
    if not form:
        return False
    data = dict(form.fields, **{"login-username": LOGIN[0], "login-password": LOGIN[1]})
    data.setdefault("login_submit", "1")
    visitor.submit("login", page, form, data)
    return _logged_in(visitor, paths["account"])


def _logged_in(visitor: buyers.Visitor, path: str) -> bool:
    response = visitor.request("redis-check", "GET", path, allow_redirects=False)
    return response is not None and response.status_code == 200


def _basket_has(visitor: buyers.Visitor, path: str, product_url: str) -> bool:
    response = visitor.request("redis-check", "GET", path)
    slug = product_url.rstrip("/").rsplit("/", 1)[-1]
    return response is not None and response.status_code == 200 and slug in response.text


def redis_restart(drill: Drill) -> FaultResult:
    result = FaultResult("restart Redis")
    port, pid = drill.stack.redis_port(), drill.stack.pid("redis")
    if port is None or not alive(pid):
        return result.skip(f"no Redis of the stack runs (CACHE_URL port {port}, pid file {pid})")
    paths = drill.catalogue.paths
    member, leaver = drill.visitor("redis-login"), drill.visitor("redis-logout")
    for visitor in (member, leaver):
        if not result.check(
            _log_in(visitor, paths), f"{visitor.buyer}: logged in as {LOGIN[0]} before the restart"
        ):
            return result
    account = leaver.request("redis-check", "GET", paths["account"])
    logout = account is not None and pages.form_posting_to(account.text, "/logout/")
    if not result.check(bool(logout), "a logout form on the account page"):
        return result
    calm = drill.calm_product_urls()
    shopper = drill.visitor("redis-basket")
    for product in drill.rng.sample(calm, k=min(5, len(calm))):  # one still for sale
        page = shopper.request("product", "GET", product)
        form = page is not None and pages.form_posting_to(page.text, "/basket/add/")
        if form:
            break
    if not form:
        result.check(False, "a product for sale, with its basket form")
        return result
    shopper.submit("basket-add", page, form, dict(form.fields, quantity="1"))
    if not result.check(
        _basket_has(shopper, paths["basket"], product), "a basket with one line before the restart"
    ):
        return result

    # A buyer half-way through a checkout: the address given, kept in the session.
    midway = drill.visitor("redis-checkout")
    for wanted in drill.rng.sample(calm, k=min(5, len(calm))):
        ended, address, method_form = buyers.checkout_to_payment(midway, drill.catalogue, drill.rng, wanted)
        if ended is None or ended[0] != buyers.CheckoutOutcome.SOLD_OUT:
            break
    if not result.check(ended is None, f"a checkout reached the payment step before the restart ({ended})"):
        return result

    client = redis.Redis(host="127.0.0.1", port=port, socket_timeout=5)
    config = {}
    for name in ("bind", "dir", "pidfile", "logfile", "appendonly", "save", "maxmemory", "maxmemory-policy"):
        config.update({_text(key): _text(value) for key, value in client.config_get(name).items()})
    client.close()
    arguments = ["redis-server", "--port", str(port), "--daemonize", "yes"]
    for name, value in config.items():
        arguments += [f"--{name}", *(value.split() if name == "bind" else [value])]
    time.sleep(drill.steady)
    result.started = time.time()
    kill9(pid, tree=False)
    say(f"killed Redis :{port} (pid {pid}); starting it again")
    # While Redis is down a buyer logs out: the session goes from the database; the cache,
    # away, cannot be told. Its old copy must not log the buyer back in once Redis is back.
    leaver.submit("logout", account, logout, dict(logout.fields))
    # And the buyer half-way chooses cash on delivery: the session changes in the database
    # only. Once Redis is back, its older copy there must not undo the step.
    payment = midway.submit(
        "checkout-payment", address, method_form, dict(method_form.fields, method=buyers.COD)
    )
    time.sleep(min(drill.down, 2))
    subprocess.run(arguments, cwd=config.get("dir") or ROOT, check=True)  # noqa: S603  redis-server, as run-stack starts it
    back = wait_until(lambda: _redis_ping(port), timeout=30)
    result.check(back, f"Redis :{port} answers again (pid {drill.stack.pid('redis')})")
    result.check(_logged_in(member, paths["account"]), "the login made before the restart is still there")
    result.check(
        not _logged_in(leaver, paths["account"]),
        "the logout made while Redis was down holds after its restart (no stale session from the cache)",
    )
    result.check(
        _basket_has(shopper, paths["basket"], product),
        "the basket made before the restart still has its line",
    )
    preview = midway.request("checkout", "GET", payment.url) if payment is not None else None
    outcome = buyers.checkout_end(midway, buyers.checkout_finish(midway, preview))
    drill.outcome(outcome)
    result.check(
        outcome == buyers.CheckoutOutcome.PLACED,
        f"the checkout taken a step further while Redis was down is placed after its restart ({outcome})",
    )
    for visitor in (member, leaver, shopper, midway):
        visitor.close()
    time.sleep(drill.steady / 2)
    result.ended = time.time()
    return result


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _redis_ping(port: int) -> bool:
    try:
        return bool(redis.Redis(host="127.0.0.1", port=port, socket_timeout=1).ping())
    except redis.RedisError:
        return False


# ---------------------------------------------------------------------------------------------
# 4. The worker
# ---------------------------------------------------------------------------------------------
def _task_counts(connection: psycopg.Connection, since: float) -> dict[str, int]:
    rows = connection.execute(
        f"SELECT status, count(*) FROM {TASKS_TABLE} WHERE enqueued_at >= to_timestamp(%s) GROUP BY status",  # noqa: S608
        [since],
    ).fetchall()
    return dict(rows)


def worker_kill(drill: Drill) -> FaultResult:
    result = FaultResult(WORKER_FAULT)
    if not drill.stack.env.get("MARKETPLACE_TASK_BACKEND", "").startswith("django_tasks_db"):
        return result.skip(
            "the stack runs tasks at once (MARKETPLACE_TASK_BACKEND): no worker queue to fault"
        )
    pid = drill.stack.pid("worker")
    if not alive(pid):
        return result.skip(f"no worker runs (var/stack/worker.pid: {pid})")
    snapshot = Snapshot.of(pid)
    time.sleep(drill.steady)
    result.started = time.time()
    mark = time.time()
    os.kill(pid, signal.SIGSTOP)  # the queue fills behind a worker that cannot take anything
    say(f"worker (pid {pid}) paused; {drill.burst} buyers check out at once to queue their mails")
    outcomes: list[str] = []
    # Each buys a product not made scarce: a sold-out one would place no order, queue no mail.
    calm = drill.calm_product_urls()
    bought = [drill.rng.choice(calm) for _n in range(drill.burst)]
    threads = [
        threading.Thread(
            target=lambda n=n, url=url: outcomes.append(
                buyers.checkout(drill.visitor(f"burst-{n}"), drill.catalogue, drill.rng, product_url=url)
            )
        )
        for n, url in enumerate(bought)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for outcome in outcomes:
        drill.outcome(outcome)
    with drill.database() as connection:
        queued = _task_counts(connection, mark)
        result.check(queued.get("READY", 0) > 0, f"tasks queued behind the paused worker: {queued}")
        os.kill(pid, signal.SIGCONT)
        # Kill it once it has finished some of the burst and has more to do: mid-queue.
        deadline, counts = time.monotonic() + 20, queued
        while time.monotonic() < deadline:
            counts = _task_counts(connection, mark)
            if counts.get("SUCCESSFUL", 0) + counts.get("RUNNING", 0) > 0:
                break
            time.sleep(0.01)
        kill9(pid)
        counts = _task_counts(connection, mark)
    say(f"killed the worker (pid {pid}) mid-queue: {counts}")
    result.check(counts.get("READY", 0) > 0, f"the worker died with work left: {counts}")
    process = snapshot.start()
    drill.stack.pid_write("worker", process.pid)
    say(f"worker started again (pid {process.pid}): {' '.join(snapshot.argv[-4:])}")
    time.sleep(drill.steady / 2)
    result.ended = time.time()
    return result


def worker_drained(drill: Drill, result: FaultResult, *, since: float, timeout: float) -> None:
    """Every task queued during the drill has run: none waiting (due), none left running."""
    if result.status == SKIPPED:
        return
    counts: dict[str, int] = {}

    def drained() -> bool:
        nonlocal counts
        with drill.database() as connection:
            counts = _task_counts(connection, since)
            due = connection.execute(
                f"SELECT count(*) FROM {TASKS_TABLE} WHERE enqueued_at >= to_timestamp(%s) "  # noqa: S608
                "AND status IN ('READY', 'RUNNING') AND (run_after IS NULL OR run_after <= now() "
                "OR run_after >= '9999-01-01')",
                [since],
            ).fetchone()[0]
        return due == 0

    done = wait_until(drained, timeout=timeout, interval=1)
    result.check(done, f"every task queued during the drill ran (tasks by state: {counts})")
    result.check(counts.get("FAILED", 0) == 0, f"no task failed ({counts.get('FAILED', 0)})")
