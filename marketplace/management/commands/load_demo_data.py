"""Load the demo site: reference data, then producers, products, pictures and home pages."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from marketplace.demo.loader import demo_data_steps
from marketplace.loading import chatty_loggers_quieted, steps_run
from marketplace.reference import reference_data_steps


class Command(BaseCommand):
    help = (
        "Load the reference data and a demo catalogue of real Bắc Giang OCOP products with their "
        "producers (illustrative prices). Safe to run again: only what is missing is created, and "
        "objects already there are never changed."
    )

    def handle(self, *args, verbosity=1, **options):
        report = self.stdout.write if verbosity > 0 else None
        started = time.monotonic()
        with chatty_loggers_quieted(quiet=verbosity < 2), transaction.atomic():
            results = steps_run(reference_data_steps() + demo_data_steps(), report=report)
        created = sum(result.created for result in results)
        if report:
            if created:
                elapsed = time.monotonic() - started
                report(self.style.SUCCESS(f"Demo data loaded: {created:,} created in {elapsed:.1f} s."))
            else:
                report("Nothing to do: the demo data is already loaded (0 created).")
