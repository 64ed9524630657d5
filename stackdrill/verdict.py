"""The verdict: counted from the stack's database (psycopg, DATABASE_URL of var/stack/env) and
the load's log, printed as a table; any breach makes the drill exit non-zero."""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

from stackdrill.faults import FAILED, SKIPPED, FaultResult

FAILED_RATE_LIMIT = 0.005  # issue 15: at most 0.5% failed requests during the failovers
_MESSAGE_ID = re.compile(r"^Message-ID:\s*(<[^>]+>)", re.MULTILINE | re.IGNORECASE)


@dataclass
class Row:
    what: str
    value: str
    limit: str
    ok: bool | None  # None: for information


@dataclass
class StockBefore:
    """Each product's stock when the drill began: units in stock less those already allocated."""

    started: float
    available: dict[int, int]
    oversold_before: int

    @classmethod
    def read(cls, connection: psycopg.Connection) -> StockBefore:
        rows = connection.execute(
            "SELECT product_id, sum(num_in_stock), sum(coalesce(num_allocated, 0)) "
            "FROM partner_stockrecord WHERE num_in_stock IS NOT NULL GROUP BY product_id"
        ).fetchall()
        oversold = connection.execute(
            "SELECT count(*) FROM partner_stockrecord WHERE coalesce(num_allocated, 0) > num_in_stock"
        ).fetchone()[0]
        return cls(
            started=time.time(),
            available={product: in_stock - allocated for product, in_stock, allocated in rows},
            oversold_before=oversold,
        )

    @staticmethod
    def scarcity_make(connection: psycopg.Connection, products: list[int], units: int) -> dict[int, int]:
        """Leave only `units` units to sell of each of `products`: the drill's buyers then run
        them out and race for the last ones. The units taken, by stock record, to give back."""
        taken = {}
        with connection.transaction():
            rows = connection.execute(
                "SELECT id, num_in_stock, coalesce(num_allocated, 0) FROM partner_stockrecord "
                "WHERE product_id = ANY(%s) AND num_in_stock IS NOT NULL FOR UPDATE",
                [products],
            ).fetchall()
            for record, in_stock, allocated in rows:
                if in_stock - allocated > units:
                    taken[record] = in_stock - allocated - units
                    connection.execute(
                        "UPDATE partner_stockrecord SET num_in_stock = %s WHERE id = %s",
                        [allocated + units, record],
                    )
        return taken

    @staticmethod
    def scarcity_undo(connection: psycopg.Connection, taken: dict[int, int]) -> None:
        with connection.transaction():
            for record, units in taken.items():
                connection.execute(
                    "UPDATE partner_stockrecord SET num_in_stock = num_in_stock + %s WHERE id = %s",
                    [units, record],
                )

    def scarce(self, count: int) -> list[int]:
        """The products with the fewest units left (but some): where checkouts compete."""
        left = sorted((units, product) for product, units in self.available.items() if units > 0)
        return [product for _, product in left[:count]]


def failed_request(record: dict) -> bool:
    return record.get("status", 0) == 0 or record.get("status", 0) >= 500


def _table_exists(connection: psycopg.Connection, table: str) -> bool:
    return connection.execute("SELECT to_regclass(%s) IS NOT NULL", [table]).fetchone()[0]


def orders_rows(connection: psycopg.Connection, records: list[dict], before: StockBefore) -> list[Row]:
    seen = [
        record["order"] for record in records if record.get("kind") == "thank-you" and record.get("order")
    ]
    seen_once = set(seen)
    placed = connection.execute(
        "SELECT number FROM order_order WHERE date_placed >= to_timestamp(%s)", [before.started]
    ).fetchall()
    # Order numbers are unique in the database (Oscar): a doubled order is a basket ordered twice.
    in_db = {
        number
        for (number,) in connection.execute(
            "SELECT number FROM order_order WHERE number = ANY(%s)", [list(seen_once)]
        ).fetchall()
    }
    lost = sorted(seen_once - in_db)
    baskets = connection.execute(
        "SELECT basket_id, count(*) FROM order_order WHERE basket_id IS NOT NULL "
        "AND date_placed >= to_timestamp(%s) GROUP BY basket_id HAVING count(*) > 1",
        [before.started],
    ).fetchall()
    unseen = len({number for (number,) in placed} - seen_once)
    return [
        Row("orders placed during the drill (database)", str(len(placed)), "", None),
        Row("orders shown on a thank-you page (log)", str(len(seen_once)), "", None),
        Row("lost orders: shown, not in the database", _few(lost), "0", not lost),
        Row(
            "duplicated orders: a basket ordered twice",
            _few([basket for basket, _ in baskets]),
            "0",
            not baskets,
        ),
        Row("placed, thank-you page not seen (answer lost)", str(unseen), "", None),
    ]


def stock_rows(connection: psycopg.Connection, before: StockBefore) -> list[Row]:
    oversold = connection.execute(
        "SELECT product_id, num_in_stock, num_allocated FROM partner_stockrecord "
        "WHERE coalesce(num_allocated, 0) > num_in_stock"
    ).fetchall()
    ordered = connection.execute(
        "SELECT line.product_id, sum(line.quantity) FROM order_line line "
        "JOIN order_order o ON o.id = line.order_id WHERE o.date_placed >= to_timestamp(%s) "
        "AND line.product_id IS NOT NULL GROUP BY line.product_id",
        [before.started],
    ).fetchall()
    over = [
        f"#{product}: {quantity} > {before.available.get(product, 0)}"
        for product, quantity in ordered
        if product in before.available and quantity > before.available[product]
    ]
    sold_out = sum(1 for product, quantity in ordered if quantity == before.available.get(product))
    return [
        Row(
            "stock records with allocated > in stock",
            _few([f"#{row[0]}" for row in oversold]),
            "0",
            not oversold,
        ),
        Row("units ordered beyond a product's starting stock", _few(over), "0", not over),
        Row("products sold out by the drill", str(sold_out), "", None),
    ]


def requests_rows(records: list[dict], faults: list[FaultResult]) -> list[Row]:
    http = [
        record
        for record in records
        if record.get("status", -1) >= 0 and "method" in record and not record.get("followed")
    ]
    windows = [(fault.started, fault.ended) for fault in faults if fault.started and fault.ended]
    # A request counts in a fault's window if it was under way at any moment of it.
    during = [
        record
        for record in http
        if any(
            record["time"] <= end and record["time"] + record.get("seconds", 0) >= start
            for start, end in windows
        )
    ]
    failed_all = [record for record in http if failed_request(record)]
    failed_during = [record for record in during if failed_request(record)]
    rate = len(failed_during) / len(during) if during else 0.0
    kinds = Counter(f"{record['kind']} {record['status']}" for record in failed_all)
    drill_errors = [record for record in records if record.get("kind") == "drill-error"]
    searches = [record for record in http if record.get("kind") == "search" and record.get("status") == 200]
    fallback = [record for record in searches if record.get("fallback")]
    sent_back = [
        record
        for record in records
        if record.get("kind") == "checkout-end" and record["outcome"] == "sent back"
    ]
    latencies = sorted(record["seconds"] for record in http if record.get("status", 0) > 0)
    return [
        Row(
            "requests (all)",
            f"{len(http)}, p50 {_pct(latencies, 50)} s, p95 {_pct(latencies, 95)} s",
            "",
            None,
        ),
        Row(
            "failed requests (5xx or no answer), all",
            f"{len(failed_all)} {dict(kinds) or ''}".strip(),
            "",
            None,
        ),
        Row(
            "failed requests during the failovers",
            f"{len(failed_during)} of {len(during)} = {rate:.2%}",
            f"≤ {FAILED_RATE_LIMIT:.1%}",
            rate <= FAILED_RATE_LIMIT and bool(during or not windows),
        ),
        Row(
            "searches answered with the fallback notice",
            f"{len(fallback)} of {len(searches)}",
            "0",
            not fallback,
        ),
        Row(
            "checkouts sent back a step (session forgotten)",
            _few(
                [
                    f"{record['buyer']} at {time.strftime('%H:%M:%S', time.localtime(record['time']))}"
                    for record in sent_back
                ]
            ),
            "0",
            not sent_back,
        ),
        Row(
            "orders placed again after a failed answer (pressed twice)",
            str(sum(1 for record in records if record.get("kind") == "checkout-place-again")),
            "",
            None,
        ),
        Row("pages the drill could not read (drill errors)", str(len(drill_errors)), "", None),
    ]


def _pct(values: list[float], percent: int) -> str:
    if not values:
        return "-"
    return f"{values[min(len(values) - 1, int(len(values) * percent / 100))]:.3f}"


def _few(items: list) -> str:
    if not items:
        return "0"
    shown = ", ".join(map(str, items[:5]))
    return f"{len(items)}: {shown}{', …' if len(items) > 5 else ''}"


def log_offsets(folder: Path) -> dict[Path, int]:
    """How long each of the stack's logs is now: what the drill's run adds comes after."""
    return {path: path.stat().st_size for path in folder.glob("*.log")}


def mails_rows(
    connection: psycopg.Connection, *, since: float, env: dict[str, str], logs: Path, offsets: dict[Path, int]
) -> list[Row]:
    """Each mail sent once: the outbox's states and the Message-IDs the mail backend wrote."""
    rows: list[Row] = []
    if _table_exists(connection, "core_outboxmail"):
        states = dict(
            connection.execute(
                "SELECT status, count(*) FROM core_outboxmail "
                "WHERE created >= to_timestamp(%s) GROUP BY status",
                [since],
            ).fetchall()
        )
        unsent = {state: count for state, count in states.items() if state != "sent"}
        rows.append(
            Row(
                "mails in the outbox sent (by state)",
                str(states or 0),
                "all sent",
                bool(states) and not unsent,
            )
        )
    else:
        print(
            "\n!!!!! SKIPPED: no mail outbox (core_outboxmail) on this stack: mails are not counted !!!!!\n"
        )
        rows.append(Row("mail outbox (core_outboxmail)", "SKIPPED: not on this stack", "present", None))
    ids = _message_ids(env, logs, offsets, since)
    if ids is None:
        rows.append(Row("mails delivered twice (Message-ID)", "not countable with this EMAIL_URL", "0", None))
    else:
        twice = [message for message, count in Counter(ids).items() if count > 1]
        rows.append(
            Row(
                "mails delivered twice (same Message-ID)",
                f"{_few(twice)} of {len(ids)} delivered",
                "0",
                not twice,
            )
        )
    return rows


def _message_ids(env: dict[str, str], logs: Path, offsets: dict[Path, int], since: float) -> list[str] | None:
    url = env.get("EMAIL_URL", "")
    scheme = urlsplit(url).scheme
    if scheme == "consolemail":  # each mail printed to the log of the process that sent it
        found = []
        for path in logs.glob("*.log"):
            with path.open("rb") as log:
                log.seek(offsets.get(path, 0))
                found += _MESSAGE_ID.findall(log.read().decode(errors="replace"))
        return found
    if scheme == "filemail":
        folder = Path(urlsplit(url).path or env.get("EMAIL_FILE_PATH", ""))
        if not folder.is_dir():
            return None
        found = []
        for path in folder.iterdir():
            if path.is_file() and path.stat().st_mtime >= since:
                found += _MESSAGE_ID.findall(path.read_text(errors="replace"))
        return found
    return None


def faults_rows(faults: list[FaultResult]) -> list[Row]:
    return [
        Row(
            f"fault: {fault.name}",
            fault.status,
            "passed",
            None if fault.status == SKIPPED else fault.status != FAILED,
        )
        for fault in faults
    ]


def table(rows: list[Row]) -> str:
    width = max(len(row.what) for row in rows)
    value_width = min(60, max(len(row.value) for row in rows))
    lines = [
        f"{'check':<{width}}  {'result':<{value_width}}  {'limit':<9}  verdict",
        "-" * (width + value_width + 24),
    ]
    for row in rows:
        verdict = {True: "ok", False: "BREACH", None: ""}[row.ok]
        lines.append(f"{row.what:<{width}}  {row.value:<{value_width}}  {row.limit:<9}  {verdict}")
    return "\n".join(lines)
