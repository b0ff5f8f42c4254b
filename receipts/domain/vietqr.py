"""VietQR payloads: the EMVCo merchant-presented QR as NAPAS 247 profiles it for transfers to an account.

The payload is a string of data objects, each `ID (2 digits) · length (2 digits) · value`, ending
with the CRC of everything before it (ID 63, CRC-16/CCITT-FALSE: polynomial 0x1021, start 0xFFFF,
no reflection, no final XOR). NAPAS's profile (Technical Specifications on NAPAS QR Switching,
v1.5.2) puts the beneficiary in the merchant account template ID 38: the GUID `A000000727`, the
bank's BIN and the account, and the service `QRIBFTTA` (inter-bank fund transfer to an account).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NAPAS_GUID = "A000000727"
TO_ACCOUNT = "QRIBFTTA"
VND = "704"
# EMVCo: "11" a static code (reused for many payments), "12" a dynamic one (this payment, this amount).
DYNAMIC = "12"
# The additional data's purpose of transaction (ID 62, sub-ID 08) is at most 25 characters.
MAX_PURPOSE = 25
MAX_ACCOUNT = 19
# NAPAS 247 caps one transfer at 500 million đồng; an amount field holds at most 13 characters.
MAX_AMOUNT = 499_999_999_999
_BIN = re.compile(r"^[0-9]{6}$")
_ACCOUNT = re.compile(r"^[0-9A-Za-z]{1,19}$")
# What every bank app accepts in the transfer's content: letters, digits, space, dot and dash.
_PURPOSE = re.compile(r"^[0-9A-Za-z .\-]{1,25}$")


@dataclass(frozen=True)
class BankAccount:
    """An account that collects fees: NAPAS's 6-digit bank BIN, the account number, its holder."""

    bin: str
    account: str
    name: str = ""


def crc16_ccitt_false(data: bytes) -> int:
    """Return the CRC-16/CCITT-FALSE of `data` (the check value of b"123456789" is 0x29B1)."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def _tlv(tag: str, value: str) -> str:
    if not 1 <= len(value) <= 99:
        raise ValueError(f"data object {tag} must hold 1 to 99 characters")
    return f"{tag}{len(value):02d}{value}"


def check_account(bank: BankAccount) -> None:
    """Raise ValueError unless the BIN has 6 digits and the account 1–19 letters or digits."""
    if not _BIN.match(bank.bin):
        raise ValueError("the bank BIN has 6 digits")
    if not _ACCOUNT.match(bank.account):
        raise ValueError(f"the account number has 1 to {MAX_ACCOUNT} letters or digits")


def payload(bank: BankAccount, amount: int, purpose: str) -> str:
    """Return the VietQR payload asking for `amount` đồng to `bank` with `purpose` as the content."""
    check_account(bank)
    if type(amount) is not int or not 1 <= amount <= MAX_AMOUNT:
        raise ValueError("the amount is a whole number of đồng, at least 1")
    if not _PURPOSE.match(purpose):
        raise ValueError(f"the purpose is 1 to {MAX_PURPOSE} letters, digits, spaces, dots or dashes")
    beneficiary = _tlv("00", bank.bin) + _tlv("01", bank.account)
    merchant = _tlv("00", NAPAS_GUID) + _tlv("01", beneficiary) + _tlv("02", TO_ACCOUNT)
    body = (
        _tlv("00", "01")
        + _tlv("01", DYNAMIC)
        + _tlv("38", merchant)
        + _tlv("53", VND)
        + _tlv("54", str(amount))
        + _tlv("58", "VN")
        + _tlv("62", _tlv("08", purpose))
        + "6304"
    )
    return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"


def transfer_content(code: str) -> str:
    """Return what a transfer for dossier `code` carries: the code, or without separators if too long."""
    if len(code) <= MAX_PURPOSE:
        return code
    return re.sub(r"[^0-9A-Za-z]", "", code)[:MAX_PURPOSE]
