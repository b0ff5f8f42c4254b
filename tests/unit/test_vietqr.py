"""The VietQR payload: published vectors reproduced exactly, every field read back by an independent
parser, and the values a bank app would refuse refused here first."""

from __future__ import annotations

import pytest

from receipts.domain.vietqr import BankAccount, crc16_ccitt_false, payload, transfer_content
from tests.payments.tlv import crc_ok, parse_tlv, vietqr_fields

# Published by the subiz/vietqr project (README, "Sinh mã chuyển khoản 120.000 vào STK 0011001932418
# ngân hàng Vietin với ghi chú 'ủng hộ lũ lụt'"), whose generator strips the diacritics first.
SUBIZ_EXAMPLE = (
    "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA5303704540612000058"
    "02VN62170813ung ho lu lut6304C15C"
)
# The merchant account template (ID 38) of giautm/emvqr-go's README for BIN 970415 and account
# 113366668888: "3856" then "0010A000000727" "012600069704150112113366668888" "0208QRIBFTTA".
GIAUTM_ID38 = "38560010A00000072701260006970415011211336666888802" + "08QRIBFTTA"
BANK = BankAccount("970415", "113000006789", "TRUNG TAM PHUC VU HANH CHINH CONG")


def test_the_crc_is_ccitt_false_by_its_catalogued_check_value():
    # The CRC catalogue's check value of CRC-16/CCITT-FALSE over the ASCII digits "123456789".
    assert crc16_ccitt_false(b"123456789") == 0x29B1
    assert crc16_ccitt_false(b"") == 0xFFFF


def test_a_published_payload_is_reproduced_exactly():
    assert payload(BankAccount("970415", "0011001932418"), 120000, "ung ho lu lut") == SUBIZ_EXAMPLE


def test_the_merchant_template_matches_a_second_published_example():
    built = payload(BankAccount("970415", "113366668888"), 79000, "Ung Ho Quy Vac Xin")
    assert GIAUTM_ID38 in built
    assert parse_tlv(built)["38"] == GIAUTM_ID38[4:]


def test_every_field_reads_back_with_an_independent_parser():
    fields = vietqr_fields(payload(BANK, 135000, "000.00.04.H15-201125-0080"))
    assert fields == {
        "format": "01",
        "initiation": "12",
        "guid": "A000000727",
        "bin": "970415",
        "account": "113000006789",
        "service": "QRIBFTTA",
        "currency": "704",
        "amount": "135000",
        "country": "VN",
        "purpose": "000.00.04.H15-201125-0080",
        "crc": fields["crc"],
        "order": "00,01,38,53,54,58,62,63",
    }


@pytest.mark.parametrize("position", [0, 20, 60, 90])
def test_a_changed_character_breaks_the_crc(position):
    built = payload(BANK, 135000, "000.00.04.H15-201125-0080")
    changed = built[:position] + ("1" if built[position] != "1" else "2") + built[position + 1 :]
    assert crc_ok(built) and not crc_ok(changed)


@pytest.mark.parametrize("amount", [1, 9, 10, 135000, 499_999_999_999])
def test_amounts_from_one_dong_to_the_cap_are_written_whole(amount):
    assert vietqr_fields(payload(BANK, amount, "X"))["amount"] == str(amount)


@pytest.mark.parametrize("amount", [0, -1, 500_000_000_000, 135000.0, True, "135000"])
def test_an_amount_that_is_not_a_whole_positive_number_of_dong_is_refused(amount):
    with pytest.raises(ValueError, match="amount"):
        payload(BANK, amount, "X")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("bank", "purpose"),
    [
        (BankAccount("97041", "1"), "X"),
        (BankAccount("9704155", "1"), "X"),
        (BankAccount("97041a", "1"), "X"),
        (BankAccount("970415", ""), "X"),
        (BankAccount("970415", "1" * 20), "X"),
        (BankAccount("970415", "12 34"), "X"),
        (BANK, ""),
        (BANK, "x" * 26),
        (BANK, "phí hồ sơ"),
        (BANK, "a#b"),
    ],
)
def test_a_bad_account_or_content_is_refused(bank, purpose):
    with pytest.raises(ValueError, match="BIN|account|purpose"):
        payload(bank, 1000, purpose)


def test_the_longest_account_and_content_still_fit():
    fields = vietqr_fields(payload(BankAccount("970415", "9" * 19), 1, "y" * 25))
    assert (fields["account"], fields["purpose"]) == ("9" * 19, "y" * 25)


def test_a_code_too_long_for_the_content_drops_its_separators():
    assert transfer_content("000.00.04.H15-201125-0080") == "000.00.04.H15-201125-0080"
    assert transfer_content("000.00.04.H15.1-201125-0080") == "0000004H151201125" + "0080"
