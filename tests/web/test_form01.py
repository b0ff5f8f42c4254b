"""Mẫu 01 as Thông tư 03/2025/TT-VPCP prints it: every line of its data file, our fonts, the QR, the
copy's label under the code, one appointment style, the place of collection, A4 and A5, long lists."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import datetime

import pytest

from receipts import runtime
from receipts.domain.localtime import LOCAL
from receipts.domain.receipt import Applicant, ReceiptSnapshot
from receipts.render.forms import receipt_page_html, receipt_pdf_sources
from receipts.render.labels import form_labels, printed_lines
from tests import printed
from tests.form_samples import VERIFY_URL, snapshot
from tests.support import EXAMPLE, local_path


def render(app, snap: ReceiptSnapshot) -> bytes:
    with app.app_context():
        return runtime.renderer().render(*receipt_pdf_sources(snap, VERIFY_URL))


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_the_pdf_holds_every_line_of_the_forms_data_file_on_each_copy(app, paper):
    pages = printed.pdf_text(render(app, snapshot(paper)))

    assert len(pages) == 2
    for page in pages:
        missing = [line for line in printed_lines(form_labels("01")) if printed.words(line) not in page]
        assert missing == []


@pytest.mark.parametrize(("paper", "size"), [("A4", (595, 842)), ("A5", (420, 595))])
def test_fonts_are_ours_embedded_and_subset_and_the_qr_reads_the_link_on_each_copy(app, paper, size):
    data = render(app, snapshot(paper))

    assert printed.page_size(data) == size
    assert printed.fonts_of(data) == {"Receipt-Serif", "Receipt-Serif-Bold", "Receipt-Serif-Italic"}
    assert printed.decode_qr(data, 0) == printed.decode_qr(data, 1) == [VERIFY_URL]


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_the_copys_label_is_the_italic_line_right_under_the_dossier_code(app, paper):
    data = render(app, snapshot(paper))

    for index, label in enumerate(["(Liên 1: Lưu)", "(Liên 2: Giao người nộp hồ sơ)"]):
        code = printed.text_box(data, "Mã hồ sơ: 000.00.04.H15-250205-0007", index)
        under = printed.text_box(data, label, index)
        unit = printed.text_box(data, "Bộ phận tiếp nhận và trả kết quả:", index)
        # PDF y grows upwards: the label is below the code and above the next line, centred on the page.
        assert unit[3] <= under[1] < under[3] <= code[1]
        assert code[1] - under[3] < 12
        page_width = printed.page_size(data, index)[0]
        assert abs((under[0] + under[2]) / 2 - (code[0] + code[2]) / 2) < page_width * 0.02


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_a_forty_document_receipt_prints_whole_on_each_copy_with_its_label_on_every_page(app, paper):
    data = render(app, snapshot(paper, documents=40))
    pages = printed.pdf_text(data)

    assert len(pages) % 2 == 0 and len(pages) >= 4
    half = len(pages) // 2
    for copy, label in ((pages[:half], "Liên 1: Lưu"), (pages[half:], "Liên 2: Giao người nộp hồ sơ")):
        assert all(label in page for page in copy)
        text = " ".join(copy)
        for n in range(1, 41):
            assert f"Giấy tờ số {n} kèm theo hồ sơ" in text
        assert (
            text.index("Giấy tờ số 40")
            < text.index("NGƯỜI TIẾP NHẬN HỒ SƠ")
            < text.index(form_labels("01")["footnotes"][-1])
        )
    assert printed.decode_qr(data, 0) == printed.decode_qr(data, half) == [VERIFY_URL]


@pytest.mark.parametrize(
    ("style", "line", "absent"),
    [
        ("session", "5. Thời gian trả kết quả giải quyết hồ sơ: Chiều ngày 19/02/2025", "ngày 19 tháng 02"),
        (
            "long",
            "5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 19 phút, ngày 19 tháng 02 năm 2025",
            "Chiều",
        ),
    ],
)
def test_item_5_prints_the_one_appointment_style_the_agency_chose(app, style, line, absent):
    snap = snapshot(agency=dataclasses.replace(snapshot().agency, due_style=style))

    first = printed.pdf_text(render(app, snap))[0]

    assert line in first
    assert absent not in first


def test_dates_in_words_pad_the_day_below_10_and_only_january_and_february():
    lines = snapshot(received_at=datetime(2025, 5, 5, 8, 5, tzinfo=LOCAL)).form_lines()
    assert lines["place_date"] == "Đắk Lắk, ngày 05 tháng 5 năm 2025"
    assert lines["received_long"] == "08 giờ 05 phút, ngày 05 tháng 5 năm 2025"
    assert snapshot().form_lines()["place_date"] == "Đắk Lắk, ngày 05 tháng 02 năm 2025"


@pytest.mark.parametrize(
    ("delivery", "address", "place"),
    [
        ("counter", "06 Lê Duẩn", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG, UBND TỈNH ĐẮK LẮK"),
        ("post", "06 Lê Duẩn", "Nhận qua dịch vụ bưu chính công ích, địa chỉ: 06 Lê Duẩn"),
        ("online", "06 Lê Duẩn", "Cổng Dịch vụ công quốc gia (trực tuyến)"),
        ("post", "", "……"),
    ],
)
def test_item_6_names_the_place_the_result_is_collected(app, delivery, address, place):
    snap = snapshot(delivery=delivery, applicant=Applicant("Phan Quốc Hậu", address=address))

    first = printed.pdf_text(render(app, snap))[0]

    assert f"6. Đăng ký nhận kết quả tại: {place}" in first


def test_empty_lines_print_a_dotted_blank_to_fill_by_hand(app):
    snap = snapshot(applicant=Applicant("Phan Quốc Hậu"))

    first = printed.pdf_text(render(app, snap))[0]

    for label in ("Địa chỉ:", "Số điện thoại:", "Email:"):
        assert f"{label} ……" in first


def test_the_receiving_units_name_breaks_between_words_only(app):
    snap = snapshot(paper="A5")

    first = printed.pdf_text(render(app, snap))[0]

    # No-break spaces join the syllables of a word: "HÀNH CHÍNH" never splits across lines.
    with app.app_context():
        html = receipt_pdf_sources(snap, VERIFY_URL)[0]
    assert "HÀNH\u00a0CHÍNH\u00a0CÔNG" in html and "TRUNG\u00a0TÂM" in html
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" in first


def test_the_web_page_prints_the_citizens_label_italic_under_the_code_and_says_what_the_qr_is(app):
    with app.test_request_context():
        html = receipt_page_html(
            snapshot(),
            VERIFY_URL,
            version_id=1,
            verdict="valid",
            status_text="Đã tiếp nhận",
            overdue=False,
            pdf_url="x.pdf",
            pdf_size="khoảng 30 KB",
            print_handler="print()",
            stamp="",
            current_url="",
        )

    code_at = html.index("Mã hồ sơ:")
    label_at = html.index("(Liên 2: Giao người nộp hồ sơ)")
    assert code_at < label_at < html.index("Bộ phận tiếp nhận và trả kết quả:")
    assert 'class="c i title copy-label"' in html
    assert "chữ ký số" not in html
    assert "do hệ thống cấp, không thể sửa đổi" in html


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_each_copy_looks_like_its_reference_image_at_100_dpi(app, paper):
    data = render(app, snapshot(paper))

    for index, name in enumerate(["lien-1", "lien-2"]):
        share = printed.matches_reference(printed.raster(data, index), f"form01-{paper.lower()}-{name}")
        assert share < printed.TOLERANCE, f"{share:.2%} of the pixels differ"


def test_an_agency_file_sets_the_appointment_style_and_the_receipt_keeps_it(
    app, runner, issue, client, tmp_path
):
    from tests.support import DEMO

    rows = json.loads((DEMO / "agencies.json").read_text(encoding="utf-8"))
    rows[0]["due_style"] = "long"
    path = tmp_path / "agencies.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    assert runner.invoke(args=["agencies", "import", str(path)]).exit_code == 0

    body = issue()
    first = printed.pdf_text(client.get(local_path(body["pdf_url"])).data)[0]

    assert "5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 19 phút, ngày 09 tháng 12 năm 2020" in first
    assert body["due_text"] == "Chiều ngày 09/12/2020"
    rows[0]["due_style"] = "sometimes"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    refused = runner.invoke(args=["agencies", "import", str(path)])
    assert refused.exit_code != 0 and "due_style" in refused.output
    assert EXAMPLE["agency_code"] == rows[0]["code"]


@pytest.mark.parametrize(("number", "template"), [("01", "receipt/_form.html")])
def test_each_forms_data_file_has_every_key_its_template_prints(number, template):
    from receipts.config import ROOT

    source = (ROOT / "templates" / template).read_text(encoding="utf-8")
    used = set(re.findall(r"\bt\.(\w+)", source))

    assert used and used <= set(form_labels(number))
