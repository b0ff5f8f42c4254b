"""An EMVCo QR reader written for the tests, independent of receipts.domain.vietqr: it splits the
payload into ID/length/value objects and checks the CRC with the standard library's CRC-CCITT."""

from __future__ import annotations

import binascii


def parse_tlv(text: str) -> dict[str, str]:
    """Return the data objects of one EMVCo level; fail on a truncated or repeated object."""
    objects: dict[str, str] = {}
    position = 0
    while position < len(text):
        tag, length = text[position : position + 2], text[position + 2 : position + 4]
        assert tag.isdigit() and length.isdigit(), f"bad object header at {position}: {text[position:]!r}"
        value = text[position + 4 : position + 4 + int(length)]
        assert len(value) == int(length), f"object {tag} is cut short"
        assert tag not in objects, f"object {tag} appears twice"
        objects[tag] = value
        position += 4 + int(length)
    return objects


def crc_ok(payload: str) -> bool:
    """Tell whether the last object is ID 63 holding the CRC-16/CCITT-FALSE of everything before it."""
    body, crc = payload[:-4], payload[-4:]
    # crc_hqx is CRC-CCITT with polynomial 0x1021, unreflected; from 0xFFFF it is CCITT-FALSE.
    return body.endswith("6304") and f"{binascii.crc_hqx(body.encode('ascii'), 0xFFFF):04X}" == crc


def vietqr_fields(payload: str) -> dict[str, str]:
    """Return the fields a bank app reads from a VietQR payload, flattened."""
    assert crc_ok(payload), "the CRC does not match"
    root = parse_tlv(payload)
    merchant = parse_tlv(root["38"])
    beneficiary = parse_tlv(merchant["01"])
    extra = parse_tlv(root.get("62", ""))
    return {
        "format": root["00"],
        "initiation": root["01"],
        "guid": merchant["00"],
        "bin": beneficiary["00"],
        "account": beneficiary["01"],
        "service": merchant["02"],
        "currency": root["53"],
        "amount": root.get("54", ""),
        "country": root["58"],
        "purpose": extra.get("08", ""),
        "crc": root["63"],
        "order": ",".join(root),
    }
