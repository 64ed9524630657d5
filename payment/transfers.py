"""Paying by bank transfer: what the buyer is asked to send, and the QR code that asks it."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

import segno
from django.conf import settings

from payment.vietqr import vietqr_payload


@dataclass(frozen=True)
class TransferDetails:
    bank_name: str
    bank_bin: str
    account_number: str
    account_name: str
    amount: Decimal
    reference: str
    payload: str
    hours: int  # how long the order waits for the transfer
    due_by: datetime.datetime | None = None  # or until when, for an order paid by a deadline

    def qr(self):
        return segno.make(self.payload, error="m")

    def qr_svg(self):
        """The QR code as an inline <svg> element for a page."""
        return self.qr().svg_inline(scale=5, border=2, title=f"VietQR {self.reference}")

    def qr_png(self):
        out = BytesIO()
        self.qr().save(out, kind="png", scale=8, border=2)
        return out.getvalue()


def transfer_awaited(*, order) -> TransferDetails | None:
    """The transfer an order is waiting for, or None."""
    return transfer_details(order=order) if order.is_awaiting_transfer else None


def transfer_details(*, order) -> TransferDetails:
    """What the buyer of `order` should transfer, to whom, with which reference, by when. `order`
    is anything with `amount_due`, `transfer_reference` and `pay_by` (an `order.Order`): the
    payment app knows the money, not the order."""
    amount = order.amount_due
    return TransferDetails(
        bank_name=settings.MARKETPLACE_BANK_NAME,
        bank_bin=settings.MARKETPLACE_BANK_BIN,
        account_number=settings.MARKETPLACE_BANK_ACCOUNT,
        account_name=settings.MARKETPLACE_BANK_ACCOUNT_NAME,
        amount=amount,
        reference=order.transfer_reference,
        hours=settings.MARKETPLACE_TRANSFER_HOURS,
        due_by=getattr(order, "pay_by", None),
        payload=vietqr_payload(
            bank_bin=settings.MARKETPLACE_BANK_BIN,
            account_number=settings.MARKETPLACE_BANK_ACCOUNT,
            amount=int(amount),
            purpose=order.transfer_reference,
        ),
    )
