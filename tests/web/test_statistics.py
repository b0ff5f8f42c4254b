"""/quay/thong-ke: the centre's figures, their charts, who sees what, and the CSV and XLSX exports."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta

import openpyxl
import pytest

from receipts.domain.commands import IssueCommand
from receipts.domain.localtime import LOCAL
from receipts.domain.receipt import Applicant
from receipts.domain.statuses import Status
from receipts.services import dossiers, receipts
from tests.support import OFFICER_PASSWORD, add_agency, make_officer

AGENCY = "000.00.04.H15"
OTHER = "000.00.05.H15"
EMPTY = "000.00.06.H15"
OVERLOAD = "1.000028.000.00.00.H15"
BIRTH = "1.004088.000.00.00.H15"
MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=LOCAL)
RANGE = {"tu": "2026-03-01", "den": "2026-03-14"}


def _issue(
    app, agency: str, procedure: str, at: datetime, delivery: str = "counter", officer: str = ""
) -> str:
    cmd = IssueCommand(
        agency_code=agency,
        procedure_code=procedure,
        applicant=Applicant("Nguyễn Thị Ánh"),
        received_at=at,
        delivery=delivery,
        officer_name=officer,
    )
    with app.app_context():
        return receipts.issue(cmd, at).code


def _event(app, code: str, status: Status, at: datetime) -> None:
    with app.app_context():
        dossiers.record_event(code, status, "", at, at)


@pytest.fixture
def centre(app):
    """Receipts of two agencies in the first two weeks of March 2026, and a third agency with none."""
    add_agency(app, OTHER, "BỘ PHẬN MỘT CỬA SỞ TƯ PHÁP")
    add_agency(app, EMPTY, "BỘ PHẬN MỘT CỬA KHÔNG CÓ HỒ SƠ")
    early = _issue(app, AGENCY, OVERLOAD, MONDAY, "post", "Trần Văn Bình")
    _issue(app, AGENCY, OVERLOAD, MONDAY + timedelta(hours=2), "online")
    late = _issue(app, AGENCY, BIRTH, MONDAY + timedelta(days=1), officer="Lê Thị Cúc")
    _issue(app, OTHER, BIRTH, MONDAY + timedelta(days=8))
    revoked = _issue(app, OTHER, BIRTH, MONDAY + timedelta(days=8, hours=1))
    with app.app_context():
        receipts.revoke(revoked, "Nhập nhầm", MONDAY + timedelta(days=8, hours=2))
    _event(app, early, Status.IN_PROGRESS, MONDAY + timedelta(days=1))
    _event(app, early, Status.RESULT_READY, MONDAY + timedelta(days=3))
    _event(app, early, Status.RETURNED, MONDAY + timedelta(days=30))
    _event(app, late, Status.RESULT_READY, MONDAY + timedelta(days=20))
    return {"early": early, "late": late}


def _login(app, client, username: str, role: str = "officer", agency: str | None = AGENCY):
    app.config["WTF_CSRF_ENABLED"] = False
    make_officer(app, username, role=role, agency=agency)
    assert (
        client.post("/quay/dang-nhap", data={"username": username, "password": OFFICER_PASSWORD}).status_code
        == 303
    )
    return client


def _csv(client, slug: str, **query: str) -> list[list[str]]:
    response = client.get(f"/quay/thong-ke/{slug}.csv", query_string=RANGE | query)
    assert response.status_code == 200
    assert response.data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))


def test_a_centre_administrator_sees_every_agency_and_zero_for_one_without_receipts(app, client, centre):
    _login(app, client, "truongtrungtam", role="admin", agency=None)

    page = client.get("/quay/thong-ke", query_string=RANGE)

    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Toàn trung tâm" in html
    rows = _csv(client, "theo-co-quan")
    assert rows[0] == ["Mã cơ quan", "Cơ quan", "Số hồ sơ"]
    assert {r[0]: r[2] for r in rows[1:]} == {AGENCY: "3", OTHER: "1", EMPTY: "0"}


def test_days_without_receipts_count_zero_and_weeks_add_up(app, client, centre):
    _login(app, client, "truongtrungtam", role="admin", agency=None)

    days = _csv(client, "theo-ngay")
    weeks = _csv(client, "theo-tuan")

    assert len(days) == 1 + 14
    assert {r[0]: r[1] for r in days[1:]} | {} == {
        **{f"{d:02d}/03/2026": "0" for d in range(1, 15)},
        "02/03/2026": "2",
        "03/03/2026": "1",
        "10/03/2026": "1",
    }
    assert [r[1] for r in weeks[1:]] == ["0", "3", "1"]
    assert weeks[1][0].startswith("Tuần 9/2026 (01/03–01/03)")


def test_fields_procedures_and_channels_are_counted_without_revoked_receipts(app, client, centre):
    _login(app, client, "truongtrungtam", role="admin", agency=None)

    assert {r[0]: r[1] for r in _csv(client, "theo-linh-vuc")[1:]} == {"Đường bộ": "2", "Hộ tịch": "2"}
    assert {r[0]: r[2] for r in _csv(client, "theo-thu-tuc")[1:]} == {OVERLOAD: "2", BIRTH: "2"}
    assert _csv(client, "theo-kenh")[1:] == [
        ["Tại quầy", "2"],
        ["Bưu chính công ích", "1"],
        ["Trực tuyến", "1"],
    ]


def test_the_on_time_rate_counts_the_first_result_against_the_appointment(app, client, centre):
    _login(app, client, "truongtrungtam", role="admin", agency=None)

    rows = _csv(client, "dung-han")

    by_agency = {r[0]: r[1:] for r in rows[1:]}
    # The first of two results counts (returned a month later does not make it late).
    assert by_agency[f"UBND TỈNH ĐẮK LẮK ({AGENCY})"] == ["2", "1", "1", "50.0"]
    assert by_agency[f"UBND TỈNH ĐẮK LẮK ({OTHER})"] == ["0", "0", "0", ""]


def test_the_overdue_list_names_the_holder_and_days_late_and_leaves_finished_ones_out(app, client, centre):
    _login(app, client, "truongtrungtam", role="admin", agency=None)

    rows = _csv(client, "qua-han")

    codes = [r[0] for r in rows[1:]]
    assert centre["early"] not in codes and centre["late"] not in codes  # results given
    assert len(codes) == 2  # the two unfinished ones; the revoked one is left out
    first = rows[1]
    assert first[3] == "Được tiếp nhận" and int(first[5]) > 100
    assert rows[0][-1] == "Cán bộ tiếp nhận"


def test_an_officer_sees_only_the_figures_of_their_agency(app, client, centre):
    _login(app, client, "canbo", agency=OTHER)

    html = client.get("/quay/thong-ke", query_string=RANGE | {"co_quan": AGENCY}).get_data(as_text=True)

    assert f"Cơ quan {OTHER}" in html
    assert [r[0] for r in _csv(client, "theo-co-quan", co_quan=AGENCY)[1:]] == [OTHER]
    assert all(r[1].endswith(f"({OTHER})") for r in _csv(client, "qua-han")[1:])


def test_the_xlsx_opens_with_vietnamese_intact_and_numbers_as_numbers(app, client, centre):
    _login(app, client, "truongtrungtam", role="admin", agency=None)

    response = client.get("/quay/thong-ke/theo-linh-vuc.xlsx", query_string=RANGE)

    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Lĩnh vực", "Số hồ sơ"],
        ["Đường bộ", 2],
        ["Hộ tịch", 2],
    ]


def test_the_page_draws_each_chart_as_svg_with_a_title_a_description_and_a_table(app, client, centre):
    _login(app, client, "truongtrungtam", role="admin", agency=None)

    html = client.get("/quay/thong-ke", query_string=RANGE).get_data(as_text=True)

    assert html.count("<svg") == 6
    assert html.count('role="img"') == 6 and html.count("<desc") == 6
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/quay.js" defer>']  # the counter's own
    assert "Hộ tịch: 2" in html  # the bars' description reads the numbers
    assert "@media print" in html


def test_an_empty_range_shows_zeros_not_errors(app, client):
    _login(app, client, "canbo")

    page = client.get("/quay/thong-ke", query_string={"tu": "2030-01-01", "den": "2030-01-07"})

    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Không có hồ sơ nào" in html
    assert _csv(client, "theo-kenh", tu="2030-01-01", den="2030-01-07")[1:] == [
        ["Tại quầy", "0"],
        ["Bưu chính công ích", "0"],
        ["Trực tuyến", "0"],
    ]


@pytest.mark.parametrize(
    "query",
    [
        {"tu": "2026-13-01"},
        {"tu": "hôm qua"},
        {"tu": "2026-03-10", "den": "2026-03-01"},
        {"tu": "2020-01-01", "den": "2026-01-01"},
        {"tu": "1999-12-31"},
        {"den": "\x00"},
    ],
)
def test_a_bad_range_is_refused_with_a_message_never_a_500(app, client, query):
    _login(app, client, "canbo")

    page = client.get("/quay/thong-ke", query_string=query)
    export = client.get("/quay/thong-ke/theo-ngay.csv", query_string=query)

    assert page.status_code in (400, 422)
    if query != {"den": "\x00"}:  # refused before the view, as every page refuses a NUL
        assert page.status_code == 422 and 'role="alert"' in page.get_data(as_text=True)
        assert export.status_code == 422


def test_an_unknown_table_or_format_is_404_and_visitors_go_to_the_login_form(app, client):
    assert client.get("/quay/thong-ke").status_code == 302
    assert client.get("/quay/thong-ke/theo-ngay.csv").status_code == 302
    _login(app, client, "canbo")
    assert client.get("/quay/thong-ke/khong-co.csv").status_code == 404
    assert client.get("/quay/thong-ke/theo-ngay.pdf").status_code == 404


def test_text_that_looks_like_a_formula_is_kept_as_text_in_both_files(app, client):
    _issue(app, AGENCY, OVERLOAD, MONDAY, officer='=HYPERLINK("http://x")')
    _login(app, client, "truongtrungtam", role="admin", agency=None)

    rows = _csv(client, "qua-han")
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get("/quay/thong-ke/qua-han.xlsx", query_string=RANGE).data)
    ).active

    assert rows[1][-1] == '\'=HYPERLINK("http://x")'
    assert sheet["G2"].value == '=HYPERLINK("http://x")' and sheet["G2"].data_type == "s"
