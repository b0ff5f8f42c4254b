"""A late dossier's new appointment told to a subscriber: the apology, the reason, the new date, the link."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import datetime

import pytest

from receipts.domain.dossiers import StoredReceipt
from receipts.domain.guidance import ExtensionNotice, StatusNotice
from receipts.domain.localtime import LOCAL
from receipts.domain.statuses import Status
from tests.form_samples import snapshot

CODE = "000.00.04.H15-250205-0007"
URL = f"https://dvc.example.gov.vn/tra-cuu/{CODE}"
REASON = "Chờ ý kiến của cơ quan phối hợp"
# Monday 24 February 2025: 14:00 is an afternoon appointment, 11:59 still a morning one.
AFTERNOON = datetime(2025, 2, 24, 14, 0, tzinfo=LOCAL)


def notice(reason: str = REASON, due_line: str = "Chiều ngày 24/02/2025") -> ExtensionNotice:
    return ExtensionNotice(CODE, reason, due_line, URL)


def extended(due_style: str, due: datetime) -> StoredReceipt:
    snap = snapshot(agency=replace(snapshot().agency, due_style=due_style))
    return StoredReceipt(1, snap.code, Status.IN_PROGRESS, 1, False, 1, snap, extended_due_at=due)


def test_the_message_says_late_apologises_and_gives_the_reason_the_new_appointment_and_the_link():
    assert notice().text().splitlines() == [
        f"Hồ sơ {CODE} trễ hẹn: cơ quan giải quyết chưa trả được kết quả đúng hẹn.",
        "Chúng tôi thành thật xin lỗi ông/bà vì sự chậm trễ này.",
        f"Lý do: {REASON}",
        "Hẹn trả kết quả mới: Chiều ngày 24/02/2025",
        f"Xem chi tiết: {URL}",
        f"Để ngừng nhận thông báo, gửi: Hủy theo dõi #{CODE}",
    ]


def test_the_zns_parameters_are_those_of_the_one_approved_template():
    data = notice().template_data()
    status = StatusNotice(CODE, Status.IN_PROGRESS, "Chiều ngày 19/02/2025", URL).template_data()
    assert set(data) == set(status)
    assert data["ma_ho_so"] == CODE and data["hen_tra"] == "Chiều ngày 24/02/2025"
    assert data["trang_thai"] == "Gia hạn thời gian giải quyết"
    assert "xin lỗi" in data["huong_dan"] and data["huong_dan"].endswith(f"Lý do: {REASON}")


def test_a_reason_typed_decomposed_is_sent_composed():
    decomposed = unicodedata.normalize("NFD", "Chờ xác minh đất đai")
    sent = notice(reason=decomposed)
    assert "Lý do: Chờ xác minh đất đai" in sent.text()
    for text in (sent.text(), *sent.template_data().values()):
        assert unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize(
    ("due_style", "due", "line"),
    [
        ("session", AFTERNOON, "Chiều ngày 24/02/2025"),
        ("session", datetime(2025, 2, 24, 11, 59, tzinfo=LOCAL), "Sáng ngày 24/02/2025"),
        ("session", datetime(2025, 2, 24, 12, 0, tzinfo=LOCAL), "Chiều ngày 24/02/2025"),
        ("long", AFTERNOON, "14 giờ 00 phút, ngày 24 tháng 02 năm 2025"),
    ],
)
def test_the_new_appointment_reads_as_the_agencys_receipts_print_it(due_style, due, line):
    dossier = extended(due_style, due)
    assert dossier.due_line == line
    assert dossier.due_line == replace(dossier.snapshot, due_at=due).due_line()


def test_the_appointment_line_is_the_extensions_not_the_printed_one():
    dossier = extended("session", AFTERNOON)
    assert dossier.snapshot.due_line() == "Chiều ngày 19/02/2025"
    assert replace(dossier, extended_due_at=None).due_line == "Chiều ngày 19/02/2025"
    assert dossier.due_line == "Chiều ngày 24/02/2025"
