"""Importing a bank statement (CSV) and matching its transfers to orders.

The buyer's transfer carries the order's reference ("OCOP100123", field 62-08 of the VietQR
code) in its description; banks often keep it with spaces, dashes or lower case, which the
matching tolerates. Every row is checked first: if any row is malformed the whole file is
refused with a message per row and column, and nothing is saved. A transfer is known by the
bank's transaction id, so importing the same statement twice counts nothing twice.

Columns (header names in Vietnamese or English, tones and case ignored):
date / ngày, amount / số tiền, description / nội dung, reference / mã giao dịch.
"""

import csv
import datetime
import io
import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from core.vietnamese import fold
from order.models import Order, OrderStatus, PaymentMethod, PaymentStatus
from payment.records import add_payment

logger = logging.getLogger(__name__)

BankStatementImport = get_model("payment", "BankStatementImport")
BankTransfer = get_model("payment", "BankTransfer")
Outcome = BankTransfer.Outcome

COLUMNS = {
    "date": {"date", "ngay", "ngay giao dich", "ngay hach toan", "transaction date"},
    "amount": {"amount", "so tien", "so tien ghi co", "ghi co", "credit"},
    "description": {"description", "noi dung", "noi dung giao dich", "dien giai", "mo ta"},
    "reference": {"reference", "ma giao dich", "so tham chieu", "so but toan", "transaction id"},
}
REFERENCE = re.compile(r"OCOP[\s._-]*(\d{4,})", re.IGNORECASE)
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


@dataclass
class RowResult:
    row: Row
    outcome: str
    order_number: str = ""

    @property
    def outcome_label(self):
        return Outcome(self.outcome).label if self.outcome in Outcome.values else _("Already imported")


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    results: list[RowResult] = field(default_factory=list)
    statement: object = None

    @property
    def ok(self):
        return not self.errors

    @property
    def matched(self):
        return [result for result in self.results if result.outcome == Outcome.MATCHED]


def _header_key(name):
    folded = " ".join(fold(name or "").lower().replace("_", " ").split())
    for key, names in COLUMNS.items():
        if folded in names:
            return key
    return None


def parse_amount(text):
    value = (text or "").replace("₫", "").replace("VND", "").replace("đ", "").replace(" ", "").strip()
    sign = -1 if value.startswith("-") else 1  # a debit
    value = value.lstrip("+-")
    grouped = _GROUPED.match(value)
    if grouped:
        return sign * Decimal(re.sub(r"[.,]", "", grouped["whole"]))
    if _WHOLE.match(value):
        return sign * Decimal(re.split(r"[.,]", value)[0])
    raise ValueError(value)


def parse_date(text):
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


def read_rows(data):
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
            booked_on = parse_date(cell("date"))
        except ValueError:
            row_errors.append(
                RowError(
                    number, "date", _("“%(value)s” is not a date (dd/mm/yyyy).") % {"value": cell("date")}
                )
            )
        try:
            amount = parse_amount(cell("amount"))
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


def _match(row):
    """The outcome of one credit line and the order it names (not yet written)."""
    found = REFERENCE.search(fold(row.description))
    if not found:
        return Outcome.NO_REFERENCE, None
    order = Order.objects.select_for_update().filter(number=found.group(1)).first()
    if order is None:
        return Outcome.UNKNOWN_ORDER, None
    if order.payment_method != PaymentMethod.BANK_TRANSFER:
        return Outcome.NOT_TRANSFER, order
    if order.status == OrderStatus.CANCELLED:
        return Outcome.CANCELLED, order
    if order.payment_status != PaymentStatus.AWAITING or order.amount_due <= 0:
        return Outcome.ALREADY_PAID, order
    if row.amount < order.amount_due:
        return Outcome.SHORT, order
    return Outcome.MATCHED, order


def import_statement(data, *, file_name, user=None):
    """Check the whole file, then record and match its transfers in one transaction."""
    rows, errors = read_rows(data)
    report = ImportReport(errors=errors)
    if errors:
        logger.warning("Bank statement %s refused: %d bad cells", file_name, len(errors))
        return report
    with transaction.atomic():
        known = set(
            BankTransfer.objects.filter(bank_reference__in=[row.reference for row in rows]).values_list(
                "bank_reference", flat=True
            )
        )
        statement = BankStatementImport.objects.create(
            file_name=file_name[:255], imported_by=user, rows=len(rows)
        )
        for row in rows:
            if row.reference in known:
                report.results.append(RowResult(row, "duplicate"))
                continue
            outcome, order = _match(row)
            BankTransfer.objects.create(
                statement=statement,
                bank_reference=row.reference,
                booked_on=row.booked_on,
                amount=row.amount,
                description=row.description,
                order=order,
                outcome=outcome,
            )
            if outcome in (Outcome.MATCHED, Outcome.SHORT):
                # Money that arrived is recorded even when it is not enough yet.
                add_payment(order, row.amount, reference=f"bank:{row.reference}")
            elif order is not None:
                logger.warning(
                    "Transfer %s for order %s not applied: %s", row.reference, order.number, outcome
                )
            report.results.append(RowResult(row, outcome, order.number if order else ""))
        statement.matched = len(report.matched)
        statement.save(update_fields=["matched"])
        report.statement = statement
    return report
