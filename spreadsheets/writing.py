"""Writing the export: CSV for any program, XLSX with formats for Excel and LibreOffice.

`table_csv` and `table_xlsx` write any table the same way (a criteria sheet's download too)."""

import csv
import io

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from core.downloads import cell_text_formula_like, cell_text_safe
from spreadsheets.columns import EXPORTED, Kind

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Codes and SKUs stay text, so that a spreadsheet program keeps their leading zeros.
_NUMBER_FORMATS = {Kind.TEXT: "@", Kind.MONEY: "#,##0", Kind.COUNT: "0"}
_WIDTHS = {
    "sku": 24,
    "upc": 18,
    "title": 48,
    "group": 32,
    "commune": 14,
    "price": 14,
    "stock": 10,
    "status": 22,
}


def listings_header() -> list[str]:
    return [str(column.label) for column in EXPORTED]


def _values(row) -> list:
    return [getattr(row, column.key) for column in EXPORTED]


def table_csv(*, header: list[str], rows) -> bytes:
    """A table as CSV: UTF-8 with a byte order mark, which Excel needs to read Vietnamese; each
    row a list of values, None as an empty cell, formula-like text made safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else cell_text_safe(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def table_xlsx(
    *, title: str, header: list[str], rows, kinds, number_formats: dict, widths, wrap=False
) -> bytes:
    """A table as a workbook of one sheet, a bold frozen header; `kinds` says each column's
    kind (`Kind.TEXT` columns stay text), `number_formats` the format of each kind."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = ILLEGAL_CHARACTERS_RE.sub("", title)[:31] or "Sheet1"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        for index, (kind, value) in enumerate(zip(kinds, row, strict=True), start=1):
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = sheet.cell(row=number, column=index, value=value)
            if kind == Kind.TEXT:
                # A title beginning with "=" is text, never a formula; shown with Excel's
                # apostrophe (`quotePrefix`) so that editing the cell keeps it text. The value
                # itself is unchanged, so the file imports back as it was.
                cell.data_type = "s"
                cell.quotePrefix = cell_text_formula_like(value)
                if wrap:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.number_format = number_formats[kind]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def listings_csv(*, rows) -> bytes:
    """Whole đồng, no grouping."""
    return table_csv(header=listings_header(), rows=[_values(row) for row in rows])


def listings_xlsx(*, rows, title) -> bytes:
    return table_xlsx(
        title=title,
        header=listings_header(),
        rows=[_values(row) for row in rows],
        kinds=[column.kind for column in EXPORTED],
        number_formats=_NUMBER_FORMATS,
        widths=[_WIDTHS.get(column.key, 16) for column in EXPORTED],
    )
