"""The VietQR where a citizen pays: on the printed receipt (a second, smaller QR read off the real
PDF), on the receipt page, and never for a revoked receipt or a paid dossier."""

from __future__ import annotations

import io
import re
import unicodedata

import pypdfium2 as pdfium

from receipts.signing.qr_reader import read_qr_texts
from tests.payments.tlv import vietqr_fields
from tests.support import local_path

FEE_PROCEDURE = "1.002835.000.00.00.H15"
LABEL = "Mã QR thanh toán (VietQR) – quét bằng ứng dụng ngân hàng"


def page_qr_texts(data: bytes, page_index: int, dpi: int = 200) -> list[str]:
    """Rasterise a PDF page and read every QR code on it with zxing-cpp (receipts.signing.qr_reader)."""
    image = pdfium.PdfDocument(data)[page_index].render(scale=dpi / 72).to_pil()
    png = io.BytesIO()
    image.save(png, format="PNG")
    return read_qr_texts(png.getvalue())


def page_text(data: bytes, page_index: int) -> str:
    text = pdfium.PdfDocument(data)[page_index].get_textpage().get_text_range()
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def _pdf(client, body) -> bytes:
    response = client.get(local_path(body["pdf_url"]))
    assert response.status_code == 200
    return response.data


def test_each_printed_copy_carries_a_vietqr_that_pays_the_fee_to_the_agencys_account(client, issue):
    body = issue(procedure_code=FEE_PROCEDURE)
    data = _pdf(client, body)
    for page_index in range(len(pdfium.PdfDocument(data))):
        texts = page_qr_texts(data, page_index)
        assert body["verify_url"] in texts
        payments = [text for text in texts if text != body["verify_url"]]
        assert len(payments) == 1
        fields = vietqr_fields(payments[0])
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
            "purpose": body["code"],
            "crc": fields["crc"],
            "order": "00,01,38,53,54,58,62,63",
        }
        text = page_text(data, page_index)
        assert LABEL in text
        assert "135.000 đồng" in text and "Một trăm ba mươi lăm nghìn đồng" in text


def test_the_pdf_of_a_free_procedure_carries_only_the_verification_qr(client, issue):
    body = issue()
    data = _pdf(client, body)
    assert page_qr_texts(data, 0) == [body["verify_url"]]
    assert LABEL not in page_text(data, 0)


def test_once_paid_the_pdf_and_page_say_paid_and_carry_no_payment_qr(client, auth, issue):
    body = issue(procedure_code=FEE_PROCEDURE)
    assert len(page_qr_texts(_pdf(client, body), 0)) == 2  # rendered and cached before the payment
    paid = {"amount": 135000, "transaction_id": "FT-PAID", "paid_at": "2020-11-26T09:05:00+07:00"}
    assert (
        client.post(f"/api/v1/dossiers/{body['code']}/payments", json=paid, headers=auth).status_code == 200
    )
    data = _pdf(client, body)
    assert page_qr_texts(data, 0) == [body["verify_url"]]
    said = (
        "Đã thanh toán: 135.000 đồng (Một trăm ba mươi lăm nghìn đồng), "
        "lúc 09 giờ 05 phút, ngày 26 tháng 11 năm 2020"
    )
    assert said in page_text(data, 0)
    page = client.get(local_path(body["verify_url"])).get_data(as_text=True)
    assert said in re.sub(r"<[^>]+>", "", page) and LABEL not in page


def test_the_receipt_page_shows_the_vietqr_with_the_amount_in_figures_and_words(client, issue):
    body = issue(procedure_code=FEE_PROCEDURE)
    page = client.get(local_path(body["verify_url"])).get_data(as_text=True)
    assert LABEL in page
    assert "<b>135.000 đồng</b>" in page and "Một trăm ba mươi lăm nghìn đồng" in page
    assert "113000006789" in page and body["code"] in page
    assert page.count("<svg") == 2


def test_a_revoked_or_replaced_receipt_shows_no_payment_qr(client, auth, issue):
    body = issue(procedure_code=FEE_PROCEDURE)
    client.post(f"/api/v1/receipts/{body['code']}/reissue", json={"sets": 2}, headers=auth)
    old = client.get(local_path(body["verify_url"])).get_data(as_text=True)
    assert LABEL not in old
    assert len(page_qr_texts(_pdf(client, body), 0)) == 1
    current = client.get(f"/api/v1/receipts/{body['code']}", headers=auth).get_json()
    assert LABEL in client.get(local_path(current["verify_url"])).get_data(as_text=True)
    client.post(f"/api/v1/receipts/{body['code']}/revoke", json={}, headers=auth)
    assert LABEL not in client.get(local_path(current["verify_url"])).get_data(as_text=True)
    assert len(page_qr_texts(_pdf(client, current), 0)) == 1


def test_an_amount_set_by_the_back_office_shows_with_its_reason(client, auth, issue):
    body = issue()
    event = {"status": "awaiting_payment", "amount": 250000, "reason": "Lệ phí trước bạ"}
    assert client.post(f"/api/v1/dossiers/{body['code']}/events", json=event, headers=auth).status_code == 200
    page = client.get(local_path(body["verify_url"])).get_data(as_text=True)
    assert "<b>250.000 đồng</b>" in page and "Hai trăm năm mươi nghìn đồng" in page
    assert "Lệ phí trước bạ" in page
    data = _pdf(client, body)
    [payment] = [text for text in page_qr_texts(data, 0) if text != body["verify_url"]]
    assert vietqr_fields(payment)["amount"] == "250000"
