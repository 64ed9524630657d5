"""Reading a bank statement (CSV): every row checked, nothing written.

Columns (header names in Vietnamese or English, tones and case ignored):
date / ngày, amount / số tiền, description / nội dung, reference / mã giao dịch. A malformed
row gives one `RowError` per bad cell, so the whole file can be refused with a message per row
and column; debits are skipped. Matching the credits to orders is the order app's
(`order.bank_transfers`).
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from core.vietnamese import fold

COLUMNS = {
    "date": {"date", "ngay", "ngay giao dich", "ngay hach toan", "transaction date"},
    "amount": {"amount", "so tien", "so tien ghi co", "ghi co", "credit"},
    "description": {"description", "noi dung", "noi dung giao dich", "dien giai", "mo ta"},
    "reference": {"reference", "ma giao dich", "so tham chieu", "so but toan", "transaction id"},
}
# "1.500.000", "1,500,000", and with a zero decimal tail the other way: "1,500,000.00".
_GROUPED = re.compile(r"^(?P<whole>\d{1,3}(?P<sep>[.,])\d{3}(?:(?P=sep)\d{3})*)(?:(?!(?P=sep))[.,]0{1,2})?$")
_WHOLE = re.compile(r"^\d+([.,]0{1,2})?$")
MAX_BYTES = 5 * 1024 * 1024


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class Row:
    row: int
    booked_on: datetime.date
    amount: Decimal
    description: str
    reference: str


def _header_key(name):
    folded = " ".join(fold(name or "").lower().replace("_", " ").split())
    for key, names in COLUMNS.items():
        if folded in names:
            return key
    return None


def amount_parse(text: str) -> Decimal:
    value = (text or "").replace("₫", "").replace("VND", "").replace("đ", "").replace(" ", "").strip()
    sign = -1 if value.startswith("-") else 1  # a debit
    value = value.lstrip("+-")
    grouped = _GROUPED.match(value)
    if grouped:
        return sign * Decimal(re.sub(r"[.,]", "", grouped["whole"]))
    if _WHOLE.match(value):
        return sign * Decimal(re.split(r"[.,]", value)[0])
    raise ValueError(value)


def date_parse(text: str) -> datetime.date:
    text = (text or "").strip()
    for pattern in (
        "%d/%m/%Y",
        "%Y-%m-%d",
        "%d-%m-%Y",
        "%d/%m/%Y %H:%M:%S",
        "%d/%m/%Y %H:%M",
        "%Y-%m-%d %H:%M:%S",
    ):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def statement_rows_read(data) -> tuple[list[Row], list[RowError]]:
    """Parse and check every row of `data` (bytes, or an uploaded file); return (rows, errors).
    Nothing is written."""
    size = data.size if hasattr(data, "size") else len(data)
    if size > MAX_BYTES:
        return [], [RowError(0, "", _("The file is larger than 5 MB."))]
    if hasattr(data, "read"):
        data = data.read()
    errors = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [RowError(0, "", _("The file is not UTF-8 text. Export the statement as CSV (UTF-8)."))]
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if not header:
        return [], [RowError(0, "", _("The file is empty."))]
    positions = {}
    for index, name in enumerate(header):
        key = _header_key(name)
        if key and key not in positions:
            positions[key] = index
    missing = [key for key in COLUMNS if key not in positions]
    if missing:
        return [], [
            RowError(1, key, _("Column “%(column)s” is missing from the header.") % {"column": key})
            for key in missing
        ]
    rows, seen = [], {}
    for number, values in enumerate(reader, start=2):
        if not any(value.strip() for value in values):
            continue

        def cell(key, values=values):
            index = positions[key]
            return values[index].strip() if index < len(values) else ""

        row_errors = []
        try:
            booked_on = date_parse(cell("date"))
        except ValueError:
            row_errors.append(
                RowError(
                    number, "date", _("“%(value)s” is not a date (dd/mm/yyyy).") % {"value": cell("date")}
                )
            )
        try:
            amount = amount_parse(cell("amount"))
        except ValueError:
            row_errors.append(
                RowError(
                    number,
                    "amount",
                    _("“%(value)s” is not a whole amount in đồng.") % {"value": cell("amount")},
                )
            )
        reference = cell("reference")
        if not reference:
            row_errors.append(RowError(number, "reference", _("The bank's transaction id is missing.")))
        elif reference in seen:
            row_errors.append(
                RowError(
                    number, "reference", _("Same transaction id as row %(row)d.") % {"row": seen[reference]}
                )
            )
        else:
            seen[reference] = number
        if row_errors:
            errors.extend(row_errors)
            continue
        if amount <= 0:
            continue  # a debit: nothing to match
        rows.append(Row(number, booked_on, amount, cell("description")[:512], reference))
    return rows, errors
