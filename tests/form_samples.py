"""Receipts made up to print every line of a form, for the tests of the printed forms."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from receipts.domain.localtime import LOCAL
from receipts.domain.receipt import AgencyBlock, Applicant, DocumentItem, ProcedureInfo, ReceiptSnapshot

VERIFY_URL = "https://dvc.example.gov.vn/bien-nhan/r/mau-01"
RECEIVED = datetime(2025, 2, 5, 16, 19, 50, tzinfo=LOCAL)


def snapshot(paper: str = "A4", documents: int = 3, **changes: Any) -> ReceiptSnapshot:
    """Return a receipt printing every optional line: organization, fee, note, a correction."""
    base = ReceiptSnapshot(
        code="000.00.04.H15-250205-0007",
        version=2,
        agency=AgencyBlock(
            "000.00.04.H15", "UBND TỈNH ĐẮK LẮK", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "Đắk Lắk", paper
        ),
        procedure=ProcedureInfo(
            "1.000028.000.00.00.H15", "Cấp phép lưu hành xe quá tải trọng", 10, "working_days", fee=150000
        ),
        applicant=Applicant("Phan Quốc Hậu", "VNPT Đắk Lắk", "06 Lê Duẩn, Phường Tân Tiến", "0946911303", ""),
        documents=tuple(
            DocumentItem(f"Giấy tờ số {n} kèm theo hồ sơ", 1, "Bản sao") for n in range(1, documents + 1)
        ),
        received_at=RECEIVED,
        due_at=datetime(2025, 2, 19, 16, 19, 50, tzinfo=LOCAL),
        officer_name="Nguyễn Văn A",
        book="2025",
        number=7,
        note="Bổ sung ảnh 3x4 khi nhận kết quả",
    )
    return dataclasses.replace(base, **changes)
