"""Mẫu 02–06 as printed: every label of the form's data file, our fonts, the QR to the dossier's page,
long lists whole, on A4 and A5."""

from __future__ import annotations

import json
import unicodedata
from datetime import datetime

import pypdfium2 as pdfium
import pytest

from receipts.config import ROOT
from receipts.domain.localtime import LOCAL
from receipts.schemas import files
from receipts.services import catalogue
from tests import printed
from tests.support import DEMO, local_path, logged_in_officer
from tests.web.test_pdf import decode_qr, pdf_text

FORMS_DIR = ROOT / "data" / "forms"
A4, A5 = (595, 842), (420, 595)


def leaves(node):
    """Every string of a data file."""
    if isinstance(node, str):
        yield unicodedata.normalize("NFC", node)
    elif isinstance(node, dict):
        for value in node.values():
            yield from leaves(value)


def assert_fonts_ours_embedded_and_subset(data: bytes) -> None:
    seen = printed.fonts_of(data)  # fails on a font not embedded or not subset
    assert seen and all(n.startswith("Receipt-Serif") for n in seen), seen


def set_paper(app, tmp_path, paper: str) -> None:
    rows = json.loads((DEMO / "agencies.json").read_text(encoding="utf-8"))
    rows[0]["paper"] = paper
    path = tmp_path / "agencies.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    with app.app_context():
        catalogue.load_agencies(files.read_agencies(path))


def event(client, auth, code, **body):
    response = client.post(f"/api/v1/dossiers/{code}/events", json=body, headers=auth)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def form_02(client, auth, code, items, clock):
    return event(client, auth, code, status="needs_supplement", note="Hồ sơ chưa đủ", items=items)


def form_03(client, auth, code, items, clock):
    return event(client, auth, code, status="rejected", note="Không thuộc thẩm quyền", items=items)


def form_05(client, auth, code, items, clock):
    event(client, auth, code, status="in_progress")
    return event(client, auth, code, status="suspended", note="Theo đề nghị của cơ quan", items=items)


def form_04(client, auth, code, items, clock):
    clock.now = datetime(2020, 12, 10, 9, 0, tzinfo=LOCAL)
    reason = " ".join(items) if items else "Chờ kết quả xác minh"
    body = {"reason": reason[:500], "working_days": 5, "officer_name": "Nguyễn Văn A"}
    response = client.post(f"/api/v1/dossiers/{code}/extensions", json=body, headers=auth)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


MAKERS = {"02": form_02, "03": form_03, "04": form_04, "05": form_05}


def form_pdf(client, auth, issue, clock, form, items):
    receipt = issue()
    answer = MAKERS[form](client, auth, receipt["code"], items, clock)
    response = client.get(local_path(answer["form_pdf_url"]))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    return receipt, response.data


def lookup_link(code: str) -> str:
    return f"http://localhost/tra-cuu/{code}"


@pytest.mark.parametrize("paper", ["A4", "A5"])
@pytest.mark.parametrize("form", ["02", "03", "04", "05"])
def test_each_form_of_an_event_prints_its_labels_in_our_fonts_with_the_qr_to_the_dossier(
    app, client, auth, issue, clock, tmp_path, form, paper
):
    set_paper(app, tmp_path, paper)
    receipt, data = form_pdf(client, auth, issue, clock, form, ["Giấy tờ thứ nhất", "Giấy tờ thứ hai"])
    text = " ".join(pdf_text(data))
    for line in leaves(json.loads((FORMS_DIR / f"{form}.json").read_text(encoding="utf-8"))):
        assert line in text, line
    assert receipt["code"] in text and "PHAN QUỐC HẬU" in text
    assert_fonts_ours_embedded_and_subset(data)
    document = pdfium.PdfDocument(data)
    assert tuple(round(v) for v in document[0].get_size()) == (A4 if paper == "A4" else A5)
    assert decode_qr(data, 0, dpi=200) == [lookup_link(receipt["code"])]


@pytest.mark.parametrize("form", ["02", "03", "05"])
def test_a_list_of_40_items_prints_whole(client, auth, issue, clock, form):
    items = [f"Mục số {n} của danh sách kèm theo phiếu" for n in range(1, 41)]
    _, data = form_pdf(client, auth, issue, clock, form, items)
    text = " ".join(pdf_text(data))
    assert all(f"Mục số {n} của danh sách" in text for n in range(1, 41))
    assert "(Ký và ghi rõ họ tên)" in text.split("Mục số 40 của danh sách")[1]


def test_the_apology_prints_both_appointments_on_the_calendar(client, auth, issue, clock):
    _, data = form_pdf(client, auth, issue, clock, "04", [])
    text = " ".join(pdf_text(data))
    # 9 December 2020 16:19 was the printed appointment; five working days after 10 December 09:00.
    assert "16 giờ 19 phút, ngày 09 tháng 12 năm 2020" in text
    assert "09 giờ 00 phút, ngày 17 tháng 12 năm 2020" in text
    assert "Chờ kết quả xác minh" in text


def test_the_form_pdf_is_served_again_byte_for_byte(client, auth, issue, clock):
    receipt = issue()
    answer = form_02(client, auth, receipt["code"], ["Giấy tờ"], clock)
    first = client.get(local_path(answer["form_pdf_url"])).data
    assert client.get(local_path(answer["form_pdf_url"])).data == first


@pytest.fixture
def officer(app, client):
    return logged_in_officer(app, client)


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_the_control_sheet_lists_every_handover_with_its_time(app, officer, auth, issue, tmp_path, paper):
    set_paper(app, tmp_path, paper)
    code = issue()["code"]
    for n in range(1, 41):
        body = {"handover": {"from": f"Bên giao số {n}", "to": f"Bên nhận số {n}"}, "note": f"Lần {n}"}
        event(officer, auth, code, **body)
    response = officer.get(f"/quay/ho-so/{code}/phieu-kiem-soat.pdf")
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/pdf"
    data = response.data
    text = " ".join(pdf_text(data))
    for line in leaves(json.loads((FORMS_DIR / "06.json").read_text(encoding="utf-8"))):
        assert line in text, line
    assert all(f"Bên giao số {n} Bên nhận số {n}" in text for n in range(1, 41))
    assert "Phan Quốc Hậu".upper() in text
    assert_fonts_ours_embedded_and_subset(data)
    document = pdfium.PdfDocument(data)
    assert len(document) >= 2
    assert tuple(round(v) for v in document[0].get_size()) == (A4 if paper == "A4" else A5)
    # Under the table, after the last hand-over.
    assert decode_qr(data, len(document) - 1, dpi=200) == [lookup_link(code)]


def test_the_control_sheet_is_for_officers_only(client, issue):
    code = issue()["code"]
    response = client.get(f"/quay/ho-so/{code}/phieu-kiem-soat.pdf")
    assert response.status_code in (302, 303, 401)


@pytest.mark.parametrize("form", ["02", "03", "04", "05"])
def test_each_event_form_looks_like_its_reference_image_at_100_dpi(client, auth, issue, clock, form):
    _, data = form_pdf(client, auth, issue, clock, form, ["Giấy tờ thứ nhất", "Giấy tờ thứ hai"])
    share = printed.matches_reference(printed.raster(data, 0), f"form{form}-a4")
    assert share < printed.TOLERANCE, f"{share:.2%} of the pixels differ"


def test_the_control_sheet_looks_like_its_reference_image_at_100_dpi(officer, auth, issue, clock):
    code = issue()["code"]
    for n in range(1, 4):
        event(officer, auth, code, handover={"from": f"Bên giao số {n}", "to": f"Bên nhận số {n}"})
    data = officer.get(f"/quay/ho-so/{code}/phieu-kiem-soat.pdf").data
    share = printed.matches_reference(printed.raster(data, 0), "form06-a4")
    assert share < printed.TOLERANCE, f"{share:.2%} of the pixels differ"
