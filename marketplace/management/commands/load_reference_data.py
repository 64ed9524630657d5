"""Load the reference data every installation needs: places and OCOP product groups."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from marketplace.loading import chatty_loggers_quieted, steps_run
from marketplace.reference import reference_data_steps


class Command(BaseCommand):
    help = (
        "Load the 34 provinces and 3,321 communes, the legacy districts of Bắc Giang and Bắc Ninh, "
        "and the OCOP product groups. Safe to run again: only what is missing is created."
    )

    def handle(self, *args, verbosity=1, **options):
        report = self.stdout.write if verbosity > 0 else None
        started = time.monotonic()
        with chatty_loggers_quieted(quiet=verbosity < 2), transaction.atomic():
            results = steps_run(reference_data_steps(), report=report)
        created = sum(result.created for result in results)
        if report:
            if created:
                report(
                    self.style.SUCCESS(
                        f"Reference data loaded: {created:,} created in {time.monotonic() - started:.1f} s."
                    )
                )
            else:
                report("Nothing to do: the reference data is already loaded (0 created).")
