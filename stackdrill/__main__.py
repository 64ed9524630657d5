"""python -m stackdrill [--short]: the fault drill against the stack scripts/run-stack started."""

from __future__ import annotations

import argparse
import random
import secrets
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import requests

from stackdrill import buyers, faults, verdict
from stackdrill.stack import ROOT, Stack, http_ok, wait_until

MODES = {
    # buyers, seconds of load at least, steady seconds before a fault, seconds down, burst,
    # units left of the scarce products
    "short": {"buyers": 6, "duration": 75, "steady": 4, "down": 5, "burst": 6, "scarce": 4},
    "full": {"buyers": 12, "duration": 300, "steady": 15, "down": 20, "burst": 20, "scarce": 12},
}
FAULTS = {
    "app": faults.app_server_kill,
    "search": faults.search_node_kill,
    "redis": faults.redis_restart,
    "worker": faults.worker_kill,
}


def arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m stackdrill", description=__doc__)
    parser.add_argument("--short", action="store_true", help="the CI drill: about 2 minutes")
    parser.add_argument("--buyers", type=int, help="virtual buyers (short 6, full 12)")
    parser.add_argument("--duration", type=float, help="seconds of load at least (short 75, full 300)")
    parser.add_argument("--steady", type=float, help="seconds of steady load before each fault")
    parser.add_argument("--down", type=float, help="seconds a killed part stays down")
    parser.add_argument("--burst", type=int, help="checkouts queued behind the paused worker")
    parser.add_argument(
        "--faults", default=",".join(FAULTS), help=f"which, in order (default {','.join(FAULTS)})"
    )
    parser.add_argument(
        "--stack-dir", type=Path, default=ROOT / "var" / "stack", help="scripts/run-stack's state"
    )
    parser.add_argument("--log", type=Path, help="the JSONL log (default var/stack/drill/drill-<time>.jsonl)")
    parser.add_argument(
        "--scarce", type=int, help="units left to sell of the 3 scarcest products, 0 to leave stock alone"
    )
    parser.add_argument(
        "--seed",
        type=int,
        help="the buyers' choices, addresses and phone numbers (default: new each run, printed; "
        "a seed run twice in an hour meets the order limit per address and phone)",
    )
    options = parser.parse_args(argv)
    for name, value in MODES["short" if options.short else "full"].items():
        if getattr(options, name) is None:
            setattr(options, name, value)
    unknown = set(options.faults.split(",")) - set(FAULTS)
    if unknown:
        parser.error(f"unknown faults: {', '.join(sorted(unknown))}")
    return options


def preflight(stack: Stack) -> list[str]:
    """Each app server, asked directly, serves the home page and the catalogue: a drill on a
    stack that fails without any fault would measure nothing."""
    session = requests.Session()
    session.trust_env = False
    broken = []
    for port in stack.app_ports():
        for path in ("/", "/shop/catalogue/"):
            url = f"http://127.0.0.1:{port}{path}"
            try:
                status = session.get(url, headers={"Host": "127.0.0.1"}, timeout=60).status_code
            except requests.RequestException as error:
                status = type(error).__name__
            if status != 200:
                broken.append(f"{url}: {status} (its log: {stack.state / 'logs' / f'gunicorn-{port}.log'})")
    return broken


def main(argv: list[str]) -> int:
    options = arguments(argv)
    if not (options.stack_dir / "env").is_file():
        print(f"No {options.stack_dir}/env: start the stack first (scripts/run-stack start)", file=sys.stderr)
        return 2
    stack = Stack(options.stack_dir)
    if not wait_until(lambda: http_ok(f"{stack.base_url}/readyz", timeout=10), timeout=60, interval=2):
        print(f"The stack is not ready: {stack.base_url}/readyz (scripts/run-stack status)", file=sys.stderr)
        return 2
    broken = preflight(stack)
    if broken:
        print("The stack is broken before any fault:\n  " + "\n  ".join(broken), file=sys.stderr)
        return 2
    if options.seed is None:
        options.seed = secrets.randbelow(10**6)
    rng = random.Random(options.seed)
    log_path = options.log or options.stack_dir / "drill" / time.strftime("drill-%Y%m%dT%H%M%S.jsonl")
    log = buyers.Log(log_path)

    with faults.Drill.database_of(stack) as connection:
        scarce = verdict.StockBefore.read(connection).scarce(3)
        taken = (
            verdict.StockBefore.scarcity_make(connection, scarce, options.scarce) if options.scarce else {}
        )
        before = verdict.StockBefore.read(connection)
    if taken:
        faults.say(
            f"products {scarce}: only {options.scarce} units each left to sell for the drill "
            f"({sum(taken.values())} units set aside, given back at the end)"
        )
    try:
        return drill_run(options, stack, rng, log, log_path, before, scarce)
    finally:
        if taken:
            with faults.Drill.database_of(stack) as connection:
                verdict.StockBefore.scarcity_undo(connection, taken)
            faults.say(f"the {sum(taken.values())} units set aside are back in stock")


def drill_run(options, stack, rng, log, log_path, before, scarce) -> int:
    offsets = verdict.log_offsets(stack.state / "logs")
    catalogue = buyers.catalogue_discover(stack.base_url, log, hot_ids=scarce, rng=rng)
    faults.say(
        f"{stack.base_url}: {len(catalogue.product_urls)} products "
        f"on {catalogue.catalogue_pages} catalogue pages, "
        f"{len(catalogue.hot_urls)} scarce ones bought most; {options.buyers} buyers (seed {options.seed}), "
        f"log {log_path.relative_to(ROOT) if log_path.is_relative_to(ROOT) else log_path}"
    )

    outcomes: Counter[str] = Counter()
    outcomes_lock = threading.Lock()

    def outcome(result: str) -> None:
        with outcomes_lock:
            outcomes[result] += 1

    stop = threading.Event()
    crowd = [
        buyers.Buyer(
            index,
            base_url=stack.base_url,
            log=log,
            catalogue=catalogue,
            stop=stop,
            mix=buyers.Mix(),
            seed=options.seed,
            outcomes=outcome,
        )
        for index in range(options.buyers)
    ]
    started = time.monotonic()
    for buyer in crowd:
        buyer.start()
    drill = faults.Drill(
        stack=stack,
        log=log,
        catalogue=catalogue,
        rng=rng,
        steady=options.steady,
        down=options.down,
        burst=options.burst,
        outcome=outcome,
    )
    results: list[faults.FaultResult] = []
    try:
        for name in options.faults.split(","):
            faults.say(f"--- fault: {name}")
            try:
                results.append(FAULTS[name](drill))
            except Exception as error:  # noqa: BLE001  a fault that breaks the drill is a failed fault
                broken = faults.FaultResult(name, started=time.time(), ended=time.time())
                broken.check(False, f"the drill itself failed: {error!r}")
                results.append(broken)
            for note in results[-1].notes:
                faults.say(f"    {note}")
        remaining = options.duration - (time.monotonic() - started)
        if remaining > 0:
            faults.say(f"steady load for {remaining:.0f} s more")
            time.sleep(remaining)
    finally:
        stop.set()
        for buyer in crowd:
            buyer.join(timeout=60)
        log.close()
    faults.say(f"load stopped after {time.monotonic() - started:.0f} s; checkouts: {dict(outcomes)}")

    for result in results:
        checked = len(result.notes)
        if result.name == faults.WORKER_FAULT:
            faults.worker_drained(drill, result, since=before.started, timeout=90)
        if result.name == faults.SEARCH_FAULT:
            faults.search_node_back(drill, result, timeout=240)
        for note in result.notes[checked:]:
            faults.say(f"    {result.name}: {note}")
    index = stack.manage("search_index", "status")
    records = buyers.log_read(log_path)
    with faults.Drill.database_of(stack) as connection:
        rows = [
            *verdict.faults_rows(results),
            *verdict.orders_rows(connection, records, before),
            *verdict.stock_rows(connection, before),
            *verdict.requests_rows(records, results),
            verdict.Row(
                "checkouts by outcome (buyers)",
                ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())),
                "",
                None,
            ),
        ]
        if "worker" in options.faults.split(","):
            rows += verdict.mails_rows(
                connection,
                since=before.started,
                env=stack.env,
                logs=stack.state / "logs",
                offsets=offsets,
            )
    rows.append(
        verdict.Row(
            "manage.py search_index status (no index update lost)",
            f"exit {index.returncode}",
            "exit 0",
            index.returncode == 0,
        )
    )
    if index.returncode:
        print(index.stdout[-2000:], index.stderr[-2000:], sep="\n")
    print()
    print(verdict.table(rows))
    breaches = [row for row in rows if row.ok is False]
    skipped = [result.name for result in results if result.status == faults.SKIPPED]
    skipped += [row.what for row in rows if row.value.startswith("SKIPPED")]
    print()
    if skipped:
        print(f"SKIPPED (part missing from this stack): {'; '.join(skipped)}")
    if breaches:
        print(f"FAILED: {len(breaches)} breach(es): {'; '.join(row.what for row in breaches)}")
        return 1
    print("The drill passed: nothing lost, nothing doubled, nothing oversold.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
