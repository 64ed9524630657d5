"""A criteria sheet as a spreadsheet in the import format (`criteria.columns`): CSV or XLSX.

Imported back (under the same code or a new one), the file gives the same sheet."""

from criteria.columns import COLUMNS, POINTS
from criteria.importing import LevelRow
from spreadsheets.columns import Kind
from spreadsheets.writing import table_csv, table_xlsx

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


def _number_text(value) -> str:
    """Points as written by hand: 10, 2.5 (not 10.00)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _values(row: LevelRow, *, number) -> list:
    return [
        row.part,
        row.part_title,
        number(row.part_max),
        row.criterion,
        row.criterion_title,
        number(row.criterion_max),
        number(row.points),
        row.description,
        ",".join(str(stars) for stars in row.stars),
    ]


def sheet_csv(*, rows: list[LevelRow]) -> bytes:
    return table_csv(header=header(), rows=[_values(row, number=_number_text) for row in rows])


def sheet_xlsx(*, rows: list[LevelRow], title: str) -> bytes:
    """Points as numbers; text stays text: "3,4" is two star levels, not a number."""
    return table_xlsx(
        title=title,
        header=header(),
        rows=[_values(row, number=float) for row in rows],
        kinds=[column.kind for column in COLUMNS],
        number_formats={Kind.TEXT: "@", POINTS: "General"},
        widths=[_WIDTHS[column.key] for column in COLUMNS],
        wrap=True,
    )
