"""Import a criteria sheet from a spreadsheet (CSV or XLSX), all or nothing.

manage.py criteria_import FILE --code CODE --criteria-version qd1489-2025 --title "…" --source "…"
                                [--category SLUG] [--sample]

One row per level of a criterion (criteria/columns.py; the files of criteria/data/ are
examples). Every row is checked first: a bad row is reported with its number and nothing is
saved (exit status 1). A code already used by an evaluation round is refused: import the
corrected sheet under a new code. Importing an unused code again replaces its rows; the
sheet's fields not given keep their values.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from oscar.core.loading import get_model
from tqdm import tqdm

from catalog.ocop import CriteriaVersion
from criteria.columns import COLUMNS, REQUIRED
from criteria.importing import SheetFields, criteria_sheet_import
from criteria.models import CriteriaSheet
from spreadsheets.reading import sheet_read

Category = get_model("catalogue", "Category")


class Command(BaseCommand):
    help = "Import a criteria sheet from a CSV or XLSX file: every row checked, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--code", required=True, help="the sheet's code (a slug)")
        parser.add_argument("--criteria-version", choices=CriteriaVersion.values)
        parser.add_argument("--title")
        parser.add_argument("--source", help="the document the criteria come from")
        parser.add_argument("--category", help="slug of the product group or set; none: a general sheet")
        parser.add_argument(
            "--sample",
            action="store_true",
            help="the criteria illustrate the structure, not the official text",
        )

    def handle(
        self, *args, file, code, criteria_version, title, source, category, sample, verbosity, **options
    ):
        existing = CriteriaSheet.objects.filter(code=code).first()
        fields = SheetFields(
            code=code,
            criteria_version=criteria_version or getattr(existing, "criteria_version", ""),
            title=title or getattr(existing, "title", ""),
            source=source or getattr(existing, "source", ""),
            is_sample=sample or bool(getattr(existing, "is_sample", False)),
            category=self.category(category, existing),
        )
        missing = [name for name in ("criteria_version", "title", "source") if not getattr(fields, name)]
        if missing:
            raise CommandError(
                "A new sheet needs " + ", ".join(f"--{name.replace('_', '-')}" for name in missing)
            )
        try:
            with open(file, "rb") as upload:
                sheet = sheet_read(upload=upload, columns=COLUMNS, required=REQUIRED)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        if sheet.errors:
            self.fail(sheet.errors)
        with tqdm(unit=" levels", file=sys.stderr, disable=verbosity < 1, desc="Importing") as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            report = criteria_sheet_import(fields=fields, rows=sheet.rows, progress=progress)
        if report.errors:
            self.fail(report.errors)
        if report.unchanged:
            self.stdout.write(f"Nothing to do: {code} already holds these {report.levels} levels.")
            return
        what = "created" if report.created else "replaced"
        self.stdout.write(
            self.style.SUCCESS(f"Sheet {code} {what}: {report.criteria} criteria, {report.levels} levels.")
        )

    def category(self, slug, existing):
        if slug is None:
            return getattr(existing, "category", None)
        if slug == "":
            return None
        try:
            return Category.objects.get(slug=slug)
        except Category.DoesNotExist as error:
            raise CommandError(f"No product group or set has the slug {slug!r}.") from error

    def fail(self, errors):
        for error in errors:
            where = f"row {error.row}" if error.row else "file"
            column = f" [{error.column}]" if error.column else ""
            self.stderr.write(f"{where}{column}: {error.message}")
        raise CommandError(f"Nothing was imported: {len(errors)} problem(s).")
