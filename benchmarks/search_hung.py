"""Benchmark of writes while the search server hangs: placing an order, saving a product.

Not a test: a script that migrates a throwaway SQLite database, makes two products, and times
through the real checkout (`tests/shopping.py`, Django's test client, the immediate task
backend as in development) the final "place order" POST, and a product's save (its index
update runs after the commit, as in the dashboard), in three configurations measured in the
same run:

- baseline: no search server (`SEARCH_BACKEND=database`);
- hung, current: a server on 127.0.0.1 that accepts connections and never answers, index
  writes waiting `MARKETPLACE_SEARCH_WRITE_TIMEOUT` (the setting's value);
- hung, old: the same server with the 60 s the index writes waited before (`--old`; adds
  about two minutes).

It prints each time, its ratio to the baseline, and PASS/MISS for "placing an order takes
under 2 s with a hung engine".

    .venv/bin/python benchmarks/search_hung.py --template db.sqlite3 --old

`--template` copies an already migrated SQLite file (the script never writes it); without it
the script migrates a new one (about 90 s). Everything is deleted at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--template", type=Path, help="a migrated SQLite file to start from (copied)")
    parser.add_argument("--repeat", type=int, default=3, help="orders and saves per configuration")
    parser.add_argument("--old", action="store_true", help="also time the old 60 s write timeout")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="ocop-search-hung-"))
    database = folder / "bench.sqlite3"
    if args.template:
        with sqlite3.connect(args.template) as source, sqlite3.connect(database) as target:
            source.backup(target)
    os.environ.update(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="marketplace.settings.test",
        SEARCH_BACKEND="database",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment
    from oscar.core.loading import get_model

    from search.engines import RemoteEngine
    from tests.catalog.factories import ProductFactory
    from tests.partner.factories import ProducerFactory
    from tests.search.servers import HungServer
    from tests.shopping import Shopper

    Order = get_model("order", "Order")
    Country = get_model("address", "Country")
    from places.models import Commune, Province

    setup_test_environment()
    try:
        started = time.monotonic()
        call_command("migrate", verbosity=0, interactive=False)
        print(f"database: {database}, migrated in {time.monotonic() - started:.0f} s")
        Country.objects.get_or_create(
            iso_3166_1_a2="VN",
            defaults={
                "iso_3166_1_a3": "VNM",
                "printable_name": "Việt Nam",
                "name": "Việt Nam",
                "is_shipping_country": True,
            },
        )
        province, _ = Province.objects.get_or_create(
            code="T24", is_current=True, defaults={"name": "Bắc Ninh", "kind": "tỉnh"}
        )
        commune, _ = Commune.objects.get_or_create(
            code="T07210", defaults={"name": "Lục Ngạn", "kind": "xã", "province": province}
        )
        product = ProductFactory(
            title="Vải thiều thử",
            stockrecords__price=150000,
            stockrecords__num_in_stock=1000,
            stockrecords__partner=ProducerFactory(name="HTX Vải"),
        )

        def order_seconds() -> float:
            shopper = Shopper(Client(), commune)
            shopper.add(product)
            shopper.start_as_guest()
            shopper.give_address()
            shopper.choose_payment("cod")
            before = Order.objects.count()
            started = time.monotonic()
            response = shopper.place_order()
            seconds = time.monotonic() - started
            assert response.status_code == 302 and Order.objects.count() == before + 1, response
            return seconds

        def save_seconds() -> float:
            started = time.monotonic()
            product.title = f"Vải thiều thử {time.monotonic():.3f}"
            product.save()  # autocommit: the index update runs at once, after the save commits
            return time.monotonic() - started

        server = HungServer()
        from django.conf import settings

        configurations = [
            ("baseline: no search server", {"SEARCH_BACKEND": "database"}, args.repeat),
            (
                f"hung server, write timeout {settings.MARKETPLACE_SEARCH_WRITE_TIMEOUT:g} s",
                {"SEARCH_BACKEND": "opensearch", "SEARCH_URL": server.url},
                args.repeat,
            ),
        ]
        if args.old:
            configurations.append(
                (
                    f"hung server, old {RemoteEngine.WRITE_TIMEOUT:g} s",
                    {
                        "SEARCH_BACKEND": "opensearch",
                        "SEARCH_URL": server.url,
                        "MARKETPLACE_SEARCH_WRITE_TIMEOUT": RemoteEngine.WRITE_TIMEOUT,
                    },
                    1,
                )
            )
        print(
            f"{'configuration':<36} {'place order s':>14} {'x base':>7} {'save product s':>15} {'x base':>7}"
        )
        results = {}
        try:
            for label, overrides, repeat in configurations:
                with override_settings(**overrides):
                    orders = [order_seconds() for _ in range(repeat)]
                    saves = [save_seconds() for _ in range(repeat)]
                results[label] = (statistics.median(orders), statistics.median(saves))
                base_order, base_save = next(iter(results.values()))
                order, save = results[label]
                ratios = f"{order:>14.2f} {order / base_order:>7.1f} {save:>15.2f} {save / base_save:>7.1f}"
                print(f"{label:<36} {ratios}")
        finally:
            server.close()
        hung_order = results[configurations[1][0]][0]
        verdict = "PASS" if hung_order < 2.0 else "MISS"
        print(
            f"{verdict} placing an order with a hung engine: {hung_order:.2f} s (goal < 2 s); "
            f"{hung_order - results[configurations[0][0]][0]:.2f} s more than without a server"
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
