"""Mẫu 07, the log book: from the CLI and the counter, matching the receipts one for one, as a landscape
A4 PDF with every line of its data file and as CSV that csv and openpyxl read with Vietnamese intact."""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import Workbook, load_workbook

from receipts.render.book_pdf import book_pdf
from receipts.render.labels import form_labels, printed_lines
from receipts.services import book as book_service
from tests import printed
from tests.support import DEMO_AGENCY, FIXED_NOW, add_agency, local_path
from tests.web.test_counter import add_user, log_in

DAY = "2020-11-25"


def export(runner, tmp_path, fmt: str, *, agency: str = DEMO_AGENCY, first: str = DAY, last: str = DAY):
    path = tmp_path / f"book.{fmt}"
    args = ["book", "export", "--agency", agency, "--from", first, "--to", last, "--format", fmt]
    return runner.invoke(args=[*args, "--output", str(path)]), path


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.fixture
def day_of_receipts(app, issue, client, auth):
    """Five receipts of the demo agency on 25/11/2020 (one corrected, one revoked), one of another
    agency that day and one of the next day; returns the five, with what each one's PDF printed."""
    bodies = [issue(applicant={"name": f"Nguyễn Thị Ánh {n}", "phone": "0900000001"}) for n in range(5)]
    client.post(
        f"/api/v1/receipts/{bodies[1]['code']}/reissue", json={"officer_name": "Trần B"}, headers=auth
    )
    client.post(f"/api/v1/receipts/{bodies[2]['code']}/revoke", json={"reason": "Nhầm"}, headers=auth)
    add_agency(app, "000.00.09.H15")
    issue(agency_code="000.00.09.H15")
    issue(received_at="2020-11-26T08:00:00+07:00")
    entries = []
    for body in bodies:
        text = printed.pdf_text(client.get(local_path(body["pdf_url"])).data)[0]
        book, number = re.search(r"Quyển số: (\S+), Số thứ tự: (\d+)", text).groups()
        entries.append((body["code"], book, number))
    return entries


def test_the_csv_of_a_day_lists_the_receipts_one_for_one_as_each_printed_its_volume_and_number(
    runner, tmp_path, day_of_receipts
):
    result, path = export(runner, tmp_path, "csv")

    assert result.exit_code == 0, result.output
    header, *rows = csv_rows(path.read_bytes())
    assert header == form_labels("07")["columns"]
    assert [(row[2], row[0], row[1]) for row in rows] == day_of_receipts
    assert rows[0][5] == "NGUYỄN THỊ ÁNH 0"
    assert rows[1][14] == "Điều chỉnh lần 1" and rows[2][14] == "Đã thu hồi giấy tiếp nhận"


def test_the_csv_opens_in_a_spreadsheet_with_vietnamese_intact(runner, tmp_path, day_of_receipts):
    _, path = export(runner, tmp_path, "csv")
    rows = csv_rows(path.read_bytes())
    sheet = Workbook()
    for row in rows:
        sheet.active.append(row)
    xlsx = tmp_path / "book.xlsx"
    sheet.save(xlsx)

    read = [[cell or "" for cell in row] for row in load_workbook(xlsx).active.iter_rows(values_only=True)]

    assert read == rows
    assert read[0][5] == "Tên cá nhân, tổ chức" and read[1][5] == "NGUYỄN THỊ ÁNH 0"


def test_a_formula_typed_as_a_name_stays_text_in_the_csv(runner, tmp_path, issue):
    issue(applicant={"name": '=HYPERLINK("http://x")'})
    _, path = export(runner, tmp_path, "csv")
    assert csv_rows(path.read_bytes())[1][5].startswith("'=")


def test_the_pdf_is_landscape_a4_with_every_line_of_its_data_file_and_our_fonts(
    runner, tmp_path, day_of_receipts
):
    result, path = export(runner, tmp_path, "pdf")

    assert result.exit_code == 0, result.output
    data = path.read_bytes()
    assert printed.page_size(data) == (842, 595)
    text = " ".join(printed.pdf_text(data))
    labels = form_labels("07")
    lines = [line for line in printed_lines(labels) if line != labels["empty"]]
    assert [line for line in lines if printed.words(line) not in text] == []
    assert all(code in text for code, _, _ in day_of_receipts)
    assert "Từ ngày 25/11/2020 đến ngày 25/11/2020" in text
    # Drawn with ReportLab, which names the embedded subsets by the TTFs of fonts/ themselves.
    assert printed.fonts_of(data) <= {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic"}


def test_an_empty_range_prints_a_book_that_says_so(runner, tmp_path, app):
    result, path = export(runner, tmp_path, "pdf", first="2021-01-01", last="2021-01-02")

    assert result.exit_code == 0, result.output
    text = " ".join(printed.pdf_text(path.read_bytes()))
    assert form_labels("07")["empty"] in text and "Tổng số hồ sơ: 0" in text


def test_a_book_of_forty_dossiers_prints_every_row_over_several_pages(app, issue, runner, tmp_path):
    codes = [issue()["code"] for _ in range(40)]

    _, path = export(runner, tmp_path, "pdf")

    pages = printed.pdf_text(path.read_bytes())
    assert len(pages) >= 2
    assert all(code in " ".join(pages) for code in codes)
    # The table's head repeats on every page.
    assert all("Quyển số" in page and "Ngày, tháng, năm" in page for page in pages)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2020-11-26", "--to", "2020-11-25"], "trước ngày bắt đầu"),
        (["--from", "2020-01-01", "--to", "2021-12-31"], "tối đa 366 ngày"),
        (["--from", "25/11/2020", "--to", DAY], "--from"),
        (["--agency", "000.00.99.H15"], "Không có cơ quan"),
        (["--format", "xlsx"], "--format"),
    ],
)
def test_a_bad_range_agency_or_format_is_one_line_on_stderr_and_writes_nothing(
    app, runner, tmp_path, args, message
):
    options = {"--agency": DEMO_AGENCY, "--from": DAY, "--to": DAY, "--format": "csv"}
    options.update(dict(zip(args[::2], args[1::2], strict=True)))
    output = tmp_path / "book.out"
    flat = [part for pair in options.items() for part in pair]

    result = runner.invoke(args=["book", "export", *flat, "--output", str(output)])

    assert result.exit_code != 0
    assert message.casefold() in result.output.casefold()
    assert len(result.output.strip().splitlines()) == 1
    assert not output.exists()


def test_the_counter_shows_the_book_and_downloads_it_as_pdf_and_csv(app, client, day_of_receipts):
    app.config["WTF_CSRF_ENABLED"] = False
    add_user(app, "canbo", name="Nguyễn Văn A")
    assert log_in(client, "canbo").status_code == 303
    assert 'href="/quay/so-theo-doi"' in client.get("/quay/").get_data(as_text=True)

    page = client.get("/quay/so-theo-doi", query_string={"tu": DAY, "den": DAY})
    pdf = client.get("/quay/so-theo-doi", query_string={"tu": DAY, "den": DAY, "dinh_dang": "pdf"})
    sheet = client.get("/quay/so-theo-doi", query_string={"tu": DAY, "den": DAY, "dinh_dang": "csv"})

    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "5 hồ sơ" in html and all(code in html for code, _, _ in day_of_receipts)
    assert pdf.headers["Content-Type"] == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert "attachment" in pdf.headers["Content-Disposition"]
    assert [row[2] for row in csv_rows(sheet.data)[1:]] == [code for code, _, _ in day_of_receipts]
    assert client.get("/quay/so-theo-doi", query_string={"tu": "hôm qua"}).status_code == 422
    assert client.get("/quay/so-theo-doi", query_string={"tu": "2020-11-26", "den": DAY}).status_code == 422


def test_the_counter_page_needs_a_login(client):
    response = client.get("/quay/so-theo-doi")
    assert response.status_code in (302, 303) and "/quay/dang-nhap" in response.headers["Location"]


def test_the_book_looks_like_its_reference_image_at_100_dpi(app, day_of_receipts):
    with app.app_context():
        book = book_service.log_book(DEMO_AGENCY, FIXED_NOW.date(), FIXED_NOW.date(), FIXED_NOW)
        data = book_pdf(book)

    share = printed.matches_reference(printed.raster(data), "form07-a4-landscape")
    assert share < printed.TOLERANCE, f"{share:.2%} of the pixels differ"


def test_a_book_too_long_to_print_is_refused_in_one_line_and_its_csv_still_exports(
    app, runner, tmp_path, issue, monkeypatch
):
    monkeypatch.setattr("receipts.domain.book.MAX_PDF_ROWS", 2)
    for _ in range(3):
        issue()

    refused, pdf = export(runner, tmp_path, "pdf")
    exported, sheet = export(runner, tmp_path, "csv")

    assert refused.exit_code != 0 and "quá dài để in" in refused.output and not pdf.exists()
    assert exported.exit_code == 0 and len(csv_rows(sheet.read_bytes())) == 4


def test_an_administrator_without_an_agency_names_the_agency_on_the_counter_page(app, client, issue):
    app.config["WTF_CSRF_ENABLED"] = False
    issue()
    add_user(app, "quantri", role="admin", agency=None)
    assert log_in(client, "quantri").status_code == 303

    asked = client.get("/quay/so-theo-doi", query_string={"tu": DAY, "den": DAY})
    shown = client.get("/quay/so-theo-doi", query_string={"tu": DAY, "den": DAY, "co_quan": DEMO_AGENCY})
    unknown = client.get(
        "/quay/so-theo-doi", query_string={"tu": DAY, "den": DAY, "co_quan": "000.00.99.H15"}
    )

    assert asked.status_code == 422 and "Nhập mã cơ quan" in asked.get_data(as_text=True)
    assert shown.status_code == 200 and "1 hồ sơ" in shown.get_data(as_text=True)
    assert unknown.status_code == 422
