"""Example values of the OpenAPI document: the province's receipt of 25 November 2020 (README),
so that a client, or a fuzzer, that tries them reaches past validation to a real dossier."""

from __future__ import annotations

from typing import Any

AGENCY = "000.00.04.H15"
PROCEDURE = "1.000028.000.00.00.H15"
# The first receipt of that agency and day: what issuing ISSUE on an empty database answers.
DOSSIER = "000.00.04.H15-201125-0001"
ISSUE: dict[str, Any] = {
    "agency_code": AGENCY,
    "procedure_code": PROCEDURE,
    "applicant": {
        "name": "Phan Quốc Hậu",
        "organization": "VNPT",
        "address": "06 Lê Duẩn, Phường Tân Tiến, Thành phố Buôn Ma Thuột, Tỉnh Đắk Lắk",
        "phone": "0946911303",
        "email": "",
    },
    "documents": [{"name": "Đơn đề nghị cấp giấy phép", "copies": 1, "form": "Bản chính"}],
    "sets": 1,
    "received_at": "2020-11-25T16:19:50+07:00",
    "delivery": "counter",
    "officer_name": "Nguyễn Văn A",
}
REISSUE: dict[str, Any] = {"applicant": {"phone": "0946 911 304"}, "note": "Sửa số điện thoại"}
REVOKE: dict[str, Any] = {"reason": "Cấp nhầm hồ sơ"}
EVENT: dict[str, Any] = {"status": "in_progress", "note": "Đang thẩm định", "at": "2020-11-26T08:00:00+07:00"}
EXTENSION: dict[str, Any] = {"reason": "Cần xác minh thêm hồ sơ đất đai", "working_days": 5}
PAYMENT: dict[str, Any] = {
    "amount": 135000,
    "transaction_id": "FT20112500001",
    "paid_at": "2020-11-25T16:30:00+07:00",
}
TRANSFER: dict[str, Any] = {
    "transaction_id": "FT20112500002",
    "amount": 135000,
    "description": "000.00.04.H15-201125-0001 nop phi",
    "paid_at": "2020-11-25T16:31:00+07:00",
}
