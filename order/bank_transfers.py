"""Importing a bank statement and matching its transfers to orders.

The buyer's transfer carries the order's reference ("OCOP100123", field 62-08 of the VietQR
code) in its description; banks often keep it with spaces, dashes or lower case, which the
matching tolerates. Every row is checked first (`payment.bank_statements`): if any row is
malformed the whole file is refused with a message per row and column, and nothing is saved.
A transfer is known by the bank's transaction id, so importing the same statement twice
counts nothing twice.
"""

import logging
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from core.vietnamese import fold
from order.models import Order, OrderStatus, PaymentMethod, PaymentStatus
from order.payments import order_payment_add
from payment.bank_statements import Row, RowError, statement_rows_read

logger = logging.getLogger(__name__)

BankStatementImport = get_model("payment", "BankStatementImport")
BankTransfer = get_model("payment", "BankTransfer")
Outcome = BankTransfer.Outcome

REFERENCE = re.compile(r"OCOP[\s._-]*(\d{4,})", re.IGNORECASE)


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


def bank_statement_import(*, data, file_name: str, user=None) -> ImportReport:
    """Check the whole file, then record and match its transfers in one transaction."""
    rows, errors = statement_rows_read(data)
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
                order_payment_add(order=order, amount=row.amount, reference=f"bank:{row.reference}")
            elif order is not None:
                logger.warning(
                    "Transfer %s for order %s not applied: %s", row.reference, order.number, outcome
                )
            report.results.append(RowResult(row, outcome, order.number if order else ""))
        statement.matched = len(report.matched)
        statement.save(update_fields=["matched"])
        report.statement = statement
    return report
