"""The printed receipt: rasterised, its QR decoded, its text and fonts read back."""

from __future__ import annotations

import re
import unicodedata

import pypdfium2 as pdfium
import pytest
import zxingcpp

from receipts.render.pdf import harfbuzz_subset_available
from tests import printed
from tests.support import EXAMPLE, local_path

FORM_STRINGS = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "UBND TỈNH ĐẮK LẮK",
    "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
    "Đắk Lắk, ngày 25 tháng 11 năm 2020",
    "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    "Mã hồ sơ: 000.00.04.H15-201125-0001",
    "(Liên 1: Lưu)",
    "(Liên 2: Giao người nộp hồ sơ)",
    "Tiếp nhận hồ sơ của: PHAN QUỐC HẬU",
    "Địa chỉ: 06 Lê Duẩn, Phường Tân Tiến, Thành phố Buôn Ma Thuột, Tỉnh Đắk Lắk",
    "Số điện thoại: 0946911303",
    # No e-mail was given: a dotted blank to fill by hand.
    "Email: ……",
    "1. Thành phần hồ sơ nộp gồm:",
    "Tên giấy tờ",
    "2. Số lượng hồ sơ: 1 (bộ)",
    "3. Thời gian giải quyết hồ sơ theo quy định là: 10 ngày làm việc",
    "4. Thời gian nhận hồ sơ: 16 giờ 19 phút, ngày 25 tháng 11 năm 2020",
    # One style of appointment, the agency's (by default the province's "Chiều ngày …").
    "5. Thời gian trả kết quả giải quyết hồ sơ: Chiều ngày 09/12/2020",
    # At the counter, the result is collected from the unit that received the dossier.
    "6. Đăng ký nhận kết quả tại: TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG, UBND TỈNH ĐẮK LẮK",
    "Bộ phận tiếp nhận và trả kết quả: TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG, UBND TỈNH ĐẮK LẮK",
    "Ghi chú:",
    "được lập thành 02 liên",
    "Vào Sổ theo dõi hồ sơ, Quyển số:",
    "Số thứ tự: 1",
    "NGƯỜI NỘP HỒ SƠ",
    "NGƯỜI TIẾP NHẬN HỒ SƠ",
    "(Ký và ghi rõ họ tên)",
    "Nguyễn Văn A",
]


def pdf_text(data: bytes) -> list[str]:
    """Return each page's text, NFC, with white space folded to single spaces."""
    document = pdfium.PdfDocument(data)
    pages = []
    for page in document:
        text = page.get_textpage().get_text_range()
        pages.append(re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip())
    return pages


def decode_qr(data: bytes, page_index: int = 0, dpi: int = 150) -> list[str]:
    """Rasterise a page at `dpi` and return the QR codes found on it."""
    page = pdfium.PdfDocument(data)[page_index]
    image = page.render(scale=dpi / 72).to_pil()
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


@pytest.fixture
def receipt(issue, client):
    body = issue()
    response = client.get(local_path(body["pdf_url"]))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    return body, response.data


def test_the_qr_of_each_copy_decodes_to_verify_url_and_opens_the_receipt(receipt, client):
    body, data = receipt
    assert len(pdfium.PdfDocument(data)) == 2
    for page_index in range(2):
        assert decode_qr(data, page_index) == [body["verify_url"]]
    page = client.get(local_path(body["verify_url"]))
    assert page.status_code == 200
    assert body["code"] in page.get_data(as_text=True)


def test_every_string_of_the_form_is_in_the_pdf_text_exactly(receipt):
    _, data = receipt
    first, second = pdf_text(data)
    for text in FORM_STRINGS:
        assert text in first + " " + second, text
    assert "Liên 1: Lưu" in first and "Liên 2: Giao người nộp hồ sơ" in second
    assert "(Chiều ngày" not in first and "ngày 09 tháng 12 năm 2020" not in first


def test_every_font_in_the_pdf_is_ours_embedded_and_subset(receipt):
    _, data = receipt
    seen = printed.fonts_of(data)  # fails on a font not embedded or not subset
    # WeasyPrint names fonts loaded by @font-face after their family: a system fallback would not
    # carry it.
    assert seen and all(n.startswith("Receipt-Serif") for n in seen), seen
    assert {"Receipt-Serif", "Receipt-Serif-Bold", "Receipt-Serif-Italic"} <= seen


def test_html_in_any_field_is_printed_as_text(issue, client):
    evil = '<b>Bold</b><script>alert(1)</script><img src="file:///etc/passwd">'
    body = issue(
        applicant={**EXAMPLE["applicant"], "name": "An <i>x</i>", "address": evil},
        officer_name="<u>Cán bộ</u>",
        documents=[{"name": "<table>Đơn</table>", "copies": 2, "form": "Bản chính"}],
    )
    data = client.get(local_path(body["pdf_url"])).data
    text = " ".join(pdf_text(data))
    assert evil in text
    assert "AN <I>X</I>" in text
    assert "<u>Cán bộ</u>" in text
    assert "<table>Đơn</table>" in text
    page = client.get(local_path(body["verify_url"])).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_name_typed_in_nfd_prints_in_nfc(issue, client):
    nfd = unicodedata.normalize("NFD", "Trần Thị Ánh Tuyết")
    body = issue(applicant={**EXAMPLE["applicant"], "name": nfd})
    text = " ".join(pdf_text(client.get(local_path(body["pdf_url"])).data))
    assert "TRẦN THỊ ÁNH TUYẾT" in text


def test_an_a5_agency_prints_on_a5(app, issue, client, tmp_path):
    import json

    from receipts.schemas import files
    from receipts.services import catalogue
    from tests.support import DEMO

    rows = json.loads((DEMO / "agencies.json").read_text(encoding="utf-8"))
    rows[0]["paper"] = "A5"
    path = tmp_path / "a5.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    with app.app_context():
        catalogue.load_agencies(files.read_agencies(path))
    body = issue()
    data = client.get(local_path(body["pdf_url"])).data
    document = pdfium.PdfDocument(data)
    assert len(document) == 2
    width, height = document[0].get_size()
    assert (round(width), round(height)) == (420, 595)
    assert decode_qr(data, 0) == [body["verify_url"]]
    assert all("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in t for t in pdf_text(data))


def test_a4_is_the_default_paper(receipt):
    _, data = receipt
    width, height = pdfium.PdfDocument(data)[0].get_size()
    assert (round(width), round(height)) == (595, 842)


def test_the_same_pdf_is_served_again_byte_for_byte(receipt, client):
    body, data = receipt
    assert client.get(local_path(body["pdf_url"])).data == data


def test_harfbuzz_subset_is_installed_so_renders_are_fast():
    assert harfbuzz_subset_available(), "apt-get install libharfbuzz-subset0"


def test_a_form_longer_than_a_page_prints_each_copy_whole_with_its_label(issue, client):
    documents = [
        {"name": f"Giấy tờ số {n} kèm theo hồ sơ", "copies": 1, "form": "Bản sao"} for n in range(1, 41)
    ]
    body = issue(documents=documents)
    data = client.get(local_path(body["pdf_url"])).data
    pages = pdf_text(data)
    assert len(pages) % 2 == 0 and len(pages) >= 4
    half = len(pages) // 2
    assert all("Liên 1: Lưu" in page for page in pages[:half])
    assert all("Liên 2: Giao người nộp hồ sơ" in page for page in pages[half:])
    for copy in (pages[:half], pages[half:]):
        text = " ".join(copy)
        assert "Giấy tờ số 1 kèm" in text and "Giấy tờ số 40 kèm" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    assert decode_qr(data, 0) == [body["verify_url"]]
    assert decode_qr(data, half) == [body["verify_url"]]


def test_a_revoked_or_replaced_version_prints_stamped_and_its_qr_still_reads(client, auth, issue):
    first = issue()
    clean = " ".join(pdf_text(client.get(local_path(first["pdf_url"])).data))
    assert "ĐÃ THU HỒI" not in clean and "ĐÃ ĐƯỢC THAY THẾ" not in clean
    code = first["code"]
    client.post(f"/api/v1/receipts/{code}/reissue", json={"officer_name": "Trần Thị B"}, headers=auth)
    replaced = client.get(local_path(first["pdf_url"])).data
    assert all("ĐÃ ĐƯỢC THAY THẾ" in page for page in pdf_text(replaced))
    current = client.get(f"/api/v1/receipts/{code}", headers=auth).get_json()
    client.post(f"/api/v1/receipts/{code}/revoke", json={"reason": "Nhập nhầm"}, headers=auth)
    revoked = client.get(local_path(current["pdf_url"])).data
    assert all("ĐÃ THU HỒI" in page for page in pdf_text(revoked))
    assert decode_qr(revoked, 0) == [current["verify_url"]]
    assert decode_qr(revoked, 1) == [current["verify_url"]]
