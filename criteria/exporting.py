"""A criteria sheet as a spreadsheet in the import format (`criteria.columns`): CSV or XLSX.

Imported back (under the same code or a new one), the file gives the same sheet."""

import csv
import io

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from core.downloads import cell_text_formula_like, cell_text_safe
from criteria.columns import COLUMNS, POINTS
from criteria.importing import LevelRow

_WIDTHS = {
    "part": 6,
    "part_title": 32,
    "part_max": 10,
    "criterion": 10,
    "criterion_title": 48,
    "criterion_max": 10,
    "points": 10,
    "description": 60,
    "stars": 14,
}


def header() -> list[str]:
    return [str(column.label) for column in COLUMNS]


def _values(row: LevelRow) -> list:
    return [
        row.part,
        row.part_title,
        row.part_max,
        row.criterion,
        row.criterion_title,
        row.criterion_max,
        row.points,
        row.description,
        ",".join(str(stars) for stars in row.stars),
    ]


def _number_text(value) -> str:
    """Points as written by hand: 10, 2.5 (not 10.00)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def sheet_csv(*, rows: list[LevelRow]) -> bytes:
    """UTF-8 with a byte order mark, which Excel needs to read Vietnamese."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header())
    for row in rows:
        writer.writerow(
            [
                _number_text(value) if column.kind == POINTS else cell_text_safe(value)
                for column, value in zip(COLUMNS, _values(row), strict=True)
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def sheet_xlsx(*, rows: list[LevelRow], title: str) -> bytes:
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = ILLEGAL_CHARACTERS_RE.sub("", title)[:31] or "Sheet1"
    worksheet.append(header())
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        for index, (column, value) in enumerate(zip(COLUMNS, _values(row), strict=True), start=1):
            if column.kind == POINTS:
                cell = worksheet.cell(row=number, column=index, value=float(value))
                cell.number_format = "General"
                continue
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = worksheet.cell(row=number, column=index, value=value)
            # Text stays text: "3,4" is two star levels, not a number; "=…" is never a formula.
            cell.data_type = "s"
            cell.number_format = "@"
            cell.quotePrefix = cell_text_formula_like(value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(COLUMNS, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = _WIDTHS[column.key]
    worksheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
