"""Reading an uploaded spreadsheet (CSV or XLSX) into rows of cells keyed by column.

The format is told by the content, never by the file's name: an XLSX file is a ZIP archive
holding a workbook, anything else must be UTF-8 text (with or without the byte order mark
Excel writes) separated by commas, semicolons or tabs. The first non-empty row is the header;
rows keep the numbers a spreadsheet program shows (the header is usually row 1). Nothing is
checked here beyond the file and its header: the values are the service's to judge.

The columns are the listings' by default; another spreadsheet (a criteria sheet) passes its
own `columns` and `required` keys, in `spreadsheets.columns.Column`'s form.
"""

import csv
import datetime
import io
import itertools
import logging
import math
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from core.downloads import cell_text_unescaped
from spreadsheets.columns import COLUMNS, REQUIRED, Column, column_for_header

logger = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
# An XLSX file is compressed: its unpacked XML is capped too, against "ZIP bombs".
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
MAX_ROWS = 5000
# The last row number of a sheet that is read, blank rows included.
MAX_SHEET_ROW = 2 * MAX_ROWS
MAX_COLUMNS = 64
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it; 0 for the file as a whole
    column: str  # the header as written in the file, or the column's name
    message: str


@dataclass(frozen=True)
class SheetRow:
    number: int
    values: dict  # column key -> the cell as read (text from CSV; text, number or date from XLSX)
    headers: dict  # column key -> its header in the file


@dataclass
class Sheet:
    rows: list[SheetRow] = field(default_factory=list)
    headers: dict = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)  # headers of columns that are not read
    errors: list[RowError] = field(default_factory=list)


class NotWhole(ValueError):
    """The cell is not a whole number."""


class _Damaged(Exception):
    """The workbook could not be read to the end."""


class _TooLong(Exception):
    """The sheet holds a row past `MAX_SHEET_ROW`."""


# "150000", "150.000", "150,000", "1 500 000", with a zero decimal tail the other way
# ("150,000.00", "150.000,0"), or a plain number with one ("150000.00").
_GROUPED = re.compile(r"^(?P<whole>\d{1,3}(?P<sep>[.,])\d{3}(?:(?P=sep)\d{3})*)(?:(?!(?P=sep))[.,]0{1,2})?$")
_PLAIN = re.compile(r"^(?P<whole>\d+)(?:[.,]0{1,2})?$")
_CURRENCY = re.compile(r"(₫|vnd|vnđ|đồng|dong|đ)$", re.IGNORECASE)


def whole_number(value) -> int:
    """A cell as a whole number, which may be negative: "150.000 ₫" -> 150000; "12.5" raises."""
    if isinstance(value, bool):
        raise NotWhole(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)
    if not isinstance(value, str):
        raise NotWhole(value)
    text = re.sub(r"[\s\u00a0\u202f]", "", value)
    text = _CURRENCY.sub("", text)
    sign = 1
    if text and text[0] in "+-":
        sign = -1 if text[0] == "-" else 1
        text = text[1:]
    match = _GROUPED.match(text) or _PLAIN.match(text)
    if not match:
        raise NotWhole(value)
    return sign * int(re.sub(r"[.,]", "", match["whole"]))


def cell_text(value) -> str:
    """A cell as text, trimmed; a whole number stays whole ("7525", not "7525.0")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


def _blank(cells) -> bool:
    return all(cell_text(cell) == "" for cell in cells)


def _csv_rows(data: bytes):
    text = data.decode("utf-8-sig")
    header_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",;\t", key=header_line.count)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # Our own export wrote formula-like text with a leading apostrophe (core.downloads).
    return ([cell_text_unescaped(cell) for cell in cells] for cells in rows)


def _xlsx_rows(data: bytes):
    """The first worksheet's rows. A damaged workbook fails in many ways inside openpyxl (ZIP,
    XML, missing parts): each is reported as one `_Damaged`."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:
        raise _Damaged from error
    try:
        try:
            worksheet = workbook.worksheets[0]
            # The size the file declares may be false either way: the rows are measured as read.
            worksheet.reset_dimensions()
            # openpyxl fills the gaps between the rows the file holds with empty rows, so a
            # few bytes naming row 1 048 576 would cost a million rows: it stops one row past
            # the last one read, and a row there means the sheet is too long.
            rows = worksheet.iter_rows(max_row=MAX_SHEET_ROW + 1, max_col=MAX_COLUMNS, values_only=True)
        except Exception as error:
            raise _Damaged from error
        for number in itertools.count(1):
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as error:
                raise _Damaged from error
            if number > MAX_SHEET_ROW:
                raise _TooLong
            yield row
    finally:
        workbook.close()


def _file_error(message) -> Sheet:
    return Sheet(errors=[RowError(0, "", message)])


def _unreadable_xlsx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            unpacked = sum(member.file_size for member in members)
    except (zipfile.BadZipFile, ValueError):
        return True
    return "xl/workbook.xml" not in names or unpacked > MAX_UNPACKED_BYTES


def sheet_read(
    *, upload, columns: tuple[Column, ...] = COLUMNS, required: tuple[str, ...] = REQUIRED
) -> Sheet:
    """The rows of an uploaded file (a Django `UploadedFile`, or anything with `read()`), read
    with `columns`, of which the `required` keys must be in the header."""
    if getattr(upload, "size", 0) > MAX_BYTES:
        return _file_error(_("The file is larger than 5 MB."))
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return _file_error(_("The file is larger than 5 MB."))
    if not data.strip():
        return _file_error(_("The file is empty."))
    not_a_sheet = _("This is not a CSV or XLSX file. Save the spreadsheet as XLSX or as CSV (UTF-8).")
    if data.startswith(_ZIP_MAGIC):
        if _unreadable_xlsx(data):
            return _file_error(not_a_sheet)
        rows = _xlsx_rows(data)
    elif data.startswith(_OLE_MAGIC):
        return _file_error(_("Old Excel files (.xls) cannot be read. Save the spreadsheet as XLSX."))
    else:
        if b"\x00" in data:
            return _file_error(not_a_sheet)
        try:
            rows = _csv_rows(data)
        except UnicodeDecodeError:
            return _file_error(
                _("The file is not UTF-8 text. Save the spreadsheet as XLSX or as CSV (UTF-8).")
            )
    try:
        return _sheet(rows, columns=columns, required=required)
    except _TooLong:
        return _file_error(
            _(
                "The sheet goes past row %(count)d: delete the empty rows at its end, "
                "or split it into several files."
            )
            % {"count": MAX_SHEET_ROW}
        )
    except (csv.Error, _Damaged) as error:
        logger.info("Unreadable spreadsheet: %r", error.__cause__ or error)
        return _file_error(not_a_sheet)


def _sheet(rows, *, columns, required) -> Sheet:
    sheet = Sheet()
    positions = {}
    header_row = None
    for number, cells in enumerate(rows, start=1):
        cells = list(cells)[:MAX_COLUMNS]
        if _blank(cells):
            continue
        if header_row is None:
            header_row = number
            positions = _read_header(sheet, number, cells, columns=columns, required=required)
            if sheet.errors:
                return sheet
            continue
        if len(sheet.rows) == MAX_ROWS:
            return _file_error(
                _("The file has more than %(count)d rows: split it into several files.") % {"count": MAX_ROWS}
            )
        values = {key: cells[index] if index < len(cells) else None for key, index in positions.items()}
        sheet.rows.append(SheetRow(number=number, values=values, headers=sheet.headers))
    if header_row is None:
        return _file_error(_("The file is empty."))
    if not sheet.rows:
        sheet.errors.append(RowError(0, "", _("The file has a header but no rows to import.")))
    return sheet


def _read_header(sheet, number, cells, *, columns, required) -> dict:
    by_key = {column.key: column for column in columns}
    positions = {}
    for index, cell in enumerate(cells):
        text = cell_text(cell)
        column = column_for_header(text, columns=columns)
        if column is None:
            if text:
                sheet.ignored.append(text)
            continue
        if column.key in positions:
            sheet.errors.append(RowError(number, text, _("This column appears twice in the header.")))
            continue
        positions[column.key] = index
        sheet.headers[column.key] = text
    for key in required:
        if key not in positions:
            sheet.errors.append(
                RowError(number, str(by_key[key].label), _("This column is missing from the header."))
            )
    return positions
