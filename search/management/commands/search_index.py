"""Build the product search index again, or compare it with the catalogue.

manage.py search_index rebuild   index every published product into a fresh index,
                                 then switch the alias to it (search keeps answering)
manage.py search_index status    counts in the catalogue, the database fallback and the
                                 engine; exits 1 when they disagree
manage.py search_index badges    index again the products whose OCOP badge came or went
                                 with the date (a certificate began or expired: nothing is
                                 saved, so no signal does it), and those whose last current
                                 lot passed its use-by date (no longer in stock); run it daily:

    0 6 * * *  cd /srv/ocop && .venv/bin/python manage.py search_index badges
"""

import datetime
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from search.engines import SearchUnavailable
from search.indexing import BATCH_SIZE, badges_reindex, index_rebuild, index_status


class Command(BaseCommand):
    help = (
        "Rebuild the product search index, report how it compares with the catalogue, "
        "or index again the products whose OCOP badge or lots changed with the date."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status", "badges"])
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="products per bulk request")
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="badges: the day to act as (YYYY-MM-DD); today by default.",
        )

    def handle(self, *args, action, batch_size, verbosity, today, **options):
        if action == "rebuild":
            self.rebuild(batch_size=batch_size, show_progress=verbosity > 0)
        elif action == "badges":
            self.badges(today=today or timezone.localdate())
        else:
            self.status()

    def badges(self, *, today: datetime.date):
        product_ids = badges_reindex(on=today)
        self.stdout.write(
            f"Indexed again {len(product_ids):,} products whose OCOP badge or current lots changed."
        )

    def rebuild(self, *, batch_size: int, show_progress: bool):
        with tqdm(unit=" products", file=sys.stderr, disable=not show_progress, desc="Indexing") as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            try:
                report = index_rebuild(batch_size=batch_size, progress=progress)
            except SearchUnavailable as error:
                raise CommandError(
                    f"The search engine failed; the live index is unchanged. {error}"
                ) from error
        where = f"{report.engine} index {report.index}" if report.index else "the database fallback"
        self.stdout.write(self.style.SUCCESS(f"Indexed {report.documents:,} products into {where}."))
        if report.removed_indices:
            self.stdout.write(f"Removed the previous index: {', '.join(report.removed_indices)}.")
        if report.caught_up:
            self.stdout.write(f"Indexed again {report.caught_up:,} products changed during the rebuild.")

    def status(self):
        status = index_status()
        self.stdout.write(f"Published products:        {status.published:,}")
        self.stdout.write(f"Database fallback records: {status.records:,}")
        if status.missing_records:
            self.stdout.write(f"  missing: {_ids(status.missing_records)}")
        if status.stale_records:
            self.stdout.write(f"  not published any more: {_ids(status.stale_records)}")
        if status.engine != "database":
            if status.engine_error:
                self.stdout.write(f"Engine ({status.engine}):         unavailable: {status.engine_error}")
            else:
                indices = ", ".join(status.engine_indices) or "no index yet"
                self.stdout.write(
                    f"Engine ({status.engine}) documents: {status.engine_documents:,} in {indices}"
                )
        if status.in_step:
            self.stdout.write(self.style.SUCCESS("The search index is in step with the catalogue."))
            return
        self.stdout.write(
            self.style.WARNING("The search index is out of step: run `manage.py search_index rebuild`.")
        )
        sys.exit(1)


def _ids(ids: list[int], shown: int = 20) -> str:
    text = ", ".join(map(str, ids[:shown]))
    return f"{text} and {len(ids) - shown:,} more" if len(ids) > shown else text
