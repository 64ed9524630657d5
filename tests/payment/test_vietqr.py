"""VietQR payloads: the bytes a banking app scans, and reading them back."""

import pytest

from payment.vietqr import Transfer, crc16_ccitt_false, vietqr_parse, vietqr_payload


def test_crc_is_ccitt_false():
    # The catalogue check value of CRC-16/CCITT-FALSE
    assert crc16_ccitt_false(b"123456789") == 0x29B1


def test_payload_matches_an_independent_implementation():
    # subiz/vietqr's README: 120.000 ₫ to VietinBank (970415) account 0011001932418, "ủng hộ lũ lụt"
    expected = (
        "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA"
        "530370454061200005802VN62170813ung ho lu lut6304C15C"
    )

    assert (
        vietqr_payload(
            bank_bin="970415", account_number="0011001932418", amount=120_000, purpose="ủng hộ lũ lụt"
        )
        == expected
    )


def test_order_payload_decodes_to_account_amount_and_order_number():
    payload = vietqr_payload(
        bank_bin="970436", account_number="1234567890", amount=350_000, purpose="DH100042"
    )

    assert vietqr_parse(payload) == Transfer(
        bank_bin="970436", account_number="1234567890", amount=350_000, purpose="DH100042"
    )
    assert "5303704" in payload and "540635000" in payload and "0808DH100042" in payload


def test_payload_without_amount_is_static():
    payload = vietqr_payload(bank_bin="970436", account_number="1234567890", amount=None, purpose="")

    assert payload.startswith("000201010211")
    assert vietqr_parse(payload).amount is None


def test_a_changed_character_fails_the_checksum():
    payload = vietqr_payload(
        bank_bin="970436", account_number="1234567890", amount=350_000, purpose="DH100042"
    )
    tampered = payload.replace("350000", "950000")

    with pytest.raises(ValueError, match="checksum"):
        vietqr_parse(tampered)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"bank_bin": "97043"}, "BIN"),
        ({"account_number": "12-34"}, "account number"),
        ({"amount": 0}, "amount"),
        ({"amount": -5}, "amount"),
    ],
)
def test_bad_transfer_details_are_refused(options, message):
    details = {"bank_bin": "970436", "account_number": "1234567890", "amount": 1000, "purpose": "x"} | options

    with pytest.raises(ValueError, match=message):
        vietqr_payload(**details)


def test_purpose_is_folded_stripped_and_cut_to_25_characters():
    payload = vietqr_payload(
        bank_bin="970436", account_number="1", amount=1000, purpose="Đơn hàng #DH100042 — chợ OCOP Bắc Giang"
    )

    assert vietqr_parse(payload).purpose == "Don hang DH100042 cho OCO"
