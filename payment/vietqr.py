"""VietQR bank-transfer payloads: NAPAS's profile of the EMVCo merchant-presented QR code.

A payload is a string of fields, each `ID` (2 digits) + `length` (2 digits) + `value`, that any
Vietnamese banking app scans to prefill a transfer: the bank (its NAPAS BIN) and account, the
amount in VND (currency 704) and, in field 62-08, the purpose, where we put the order number so
that the payment can be matched to its order. Field 63 closes it with a CRC-16/CCITT-FALSE of
everything before, "6304" included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.vietnamese import fold

NAPAS_GUID = "A000000727"
SERVICE_TRANSFER_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
STATIC, DYNAMIC = "11", "12"  # point of initiation: no amount / one payment of a set amount
PURPOSE_MAX = 25
_PURPOSE_CHARS = re.compile(r"[^A-Za-z0-9 ]+")


@dataclass(frozen=True)
class Transfer:
    """What a scanned payload asks for."""

    bank_bin: str
    account_number: str
    amount: int | None
    purpose: str


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE (poly 0x1021, initial 0xFFFF), as EMVCo specifies for field 63."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def _field(tag: str, value: str) -> str:
    if len(value) > 99:
        raise ValueError(f"VietQR field {tag} is {len(value)} characters long; at most 99 fit.")
    return f"{tag}{len(value):02d}{value}"


def vietqr_payload(*, bank_bin: str, account_number: str, amount: int | None, purpose: str) -> str:
    """The payload of a transfer of `amount` đồng (None: the payer types it) to an account.

    `purpose` is written without tones and punctuation, as banks carry it through transfers.
    """
    if not re.fullmatch(r"\d{6}", bank_bin):
        raise ValueError("The bank BIN has 6 digits.")
    if not re.fullmatch(r"[A-Za-z0-9]{1,19}", account_number):
        raise ValueError("The account number has 1 to 19 letters or digits.")
    if amount is not None and not 0 < amount < 10**13:
        raise ValueError("The amount must be a positive whole number of đồng.")
    purpose = " ".join(_PURPOSE_CHARS.sub(" ", fold(purpose)).split())[:PURPOSE_MAX].strip()
    beneficiary = _field("00", bank_bin) + _field("01", account_number)
    merchant = (
        _field("00", NAPAS_GUID) + _field("01", beneficiary) + _field("02", SERVICE_TRANSFER_TO_ACCOUNT)
    )
    payload = (
        _field("00", "01")
        + _field("01", STATIC if amount is None else DYNAMIC)
        + _field("38", merchant)
        + _field("53", CURRENCY_VND)
        + (_field("54", str(amount)) if amount is not None else "")
        + _field("58", "VN")
        + (_field("62", _field("08", purpose)) if purpose else "")
        + "6304"
    )
    return payload + f"{crc16_ccitt_false(payload.encode('ascii')):04X}"


def _fields(data: str) -> dict[str, str]:
    fields, position = {}, 0
    while position < len(data):
        tag, length = data[position : position + 2], data[position + 2 : position + 4]
        if len(tag) < 2 or not length.isdigit() or position + 4 + int(length) > len(data):
            raise ValueError(f"Malformed VietQR field at position {position}.")
        fields[tag] = data[position + 4 : position + 4 + int(length)]
        position += 4 + int(length)
    return fields


def vietqr_parse(payload: str) -> Transfer:
    """Read a payload back, checking its CRC and that it is a NAPAS transfer in VND."""
    body, checksum = payload[:-4], payload[-4:]
    if not body.endswith("6304") or f"{crc16_ccitt_false(body.encode('ascii')):04X}" != checksum.upper():
        raise ValueError("The VietQR checksum does not match.")
    fields = _fields(body[:-4])
    merchant = _fields(fields.get("38", ""))
    beneficiary = _fields(merchant.get("01", ""))
    if merchant.get("00") != NAPAS_GUID or fields.get("53") != CURRENCY_VND:
        raise ValueError("This is not a VietQR transfer in VND.")
    return Transfer(
        bank_bin=beneficiary.get("00", ""),
        account_number=beneficiary.get("01", ""),
        amount=int(fields["54"]) if "54" in fields else None,
        purpose=_fields(fields["62"]).get("08", "") if "62" in fields else "",
    )
