"""The counter's page for a dossier's records: statuses with their items, hand-overs, extensions."""

from __future__ import annotations

from datetime import datetime

import pytest

from receipts.domain.localtime import LOCAL
from tests.support import (
    OFFICER_PASSWORD,
    add_agency,
    local_path,
    logged_in_officer,
    make_officer,
    on_both_backends,
)


@pytest.fixture
def officer(app, client):
    return logged_in_officer(app, client)


@on_both_backends
def test_an_officer_asks_for_papers_line_by_line_and_the_citizen_sees_them(officer, issue):
    receipt = issue()
    code = receipt["code"]
    page = officer.get(f"/quay/ho-so/{code}/xu-ly")
    assert page.status_code == 200 and "Gia hạn hồ sơ trễ hạn" in page.get_data(as_text=True)
    items = "Bản sao CCCD\r\n\r\nSổ hộ khẩu\n"
    form = {"status": "needs_supplement", "items": items, "note": "Nộp trong 5 ngày"}
    response = officer.post(f"/quay/ho-so/{code}/xu-ly", data=form)
    assert response.status_code == 303
    status = officer.get(f"/api/v1/dossiers/{code}").get_json()
    assert status["status"] == "needs_supplement"
    citizen = officer.get(local_path(receipt["verify_url"])).get_data(as_text=True)
    assert "Bản sao CCCD" in citizen and "Sổ hộ khẩu" in citizen and "Nộp trong 5 ngày" in citizen
    assert "/mau/" in citizen
    pdf_path = "/mau/" + citizen.split("/mau/", 1)[1].split('"', 1)[0]
    assert officer.get(pdf_path).headers["Content-Type"] == "application/pdf"


def test_a_refused_record_shows_the_form_again_with_its_message_and_changes_nothing(officer, issue):
    code = issue()["code"]
    response = officer.post(f"/quay/ho-so/{code}/xu-ly", data={"status": "in_progress", "items": "Thừa"})
    assert response.status_code == 422
    assert "Không dùng với trạng thái này." in response.get_data(as_text=True)
    response = officer.post(f"/quay/ho-so/{code}/xu-ly", data={"status": "returned"})
    assert response.status_code == 409
    assert officer.get(f"/api/v1/dossiers/{code}").get_json()["status"] == "received"


def test_a_handover_at_the_counter_appears_on_the_control_sheet(officer, issue):
    code = issue()["code"]
    form = {"status": "", "handover_from": "Bộ phận Một cửa", "handover_to": "Phòng Quản lý vận tải"}
    assert officer.post(f"/quay/ho-so/{code}/xu-ly", data=form).status_code == 303
    assert officer.get(f"/api/v1/dossiers/{code}").get_json()["status"] == "received"
    page = officer.get(f"/quay/ho-so/{code}/xu-ly").get_data(as_text=True)
    assert "Bộ phận Một cửa → Phòng Quản lý vận tải" in page
    assert officer.get(f"/quay/ho-so/{code}/phieu-kiem-soat.pdf").status_code == 200


def test_an_extension_at_the_counter_moves_the_appointment(officer, issue, clock):
    code = issue()["code"]  # due on 9 December 2020, 16:19
    clock.now = datetime(2020, 12, 10, 9, 0, tzinfo=LOCAL)
    url = f"/quay/ho-so/{code}/gia-han"
    assert officer.post(url, data={"reason": "Chờ xác minh", "working_days": "ba"}).status_code == 422
    response = officer.post(url, data={"reason": "Chờ xác minh", "working_days": "2"})
    assert response.status_code == 303
    assert officer.get(f"/api/v1/dossiers/{code}").get_json()["due_text"] == "Sáng ngày 14/12/2020"
    screen = officer.get(f"/quay/ho-so/{code}").get_data(as_text=True)
    assert "Sáng ngày 14/12/2020" in screen and "hẹn ban đầu Chiều ngày 09/12/2020" in screen


def test_another_agencys_dossier_is_unknown_at_the_counter(app, client, issue):
    code = issue()["code"]
    add_agency(app, "000.00.05.H15")
    make_officer(app, "khac", agency="000.00.05.H15")
    app.config["WTF_CSRF_ENABLED"] = False
    client.post("/quay/dang-nhap", data={"username": "khac", "password": OFFICER_PASSWORD})
    assert client.get(f"/quay/ho-so/{code}/xu-ly").status_code == 404
    assert client.get(f"/quay/ho-so/{code}/phieu-kiem-soat.pdf").status_code == 404
    assert client.post(f"/quay/ho-so/{code}/xu-ly", data={"status": "in_progress"}).status_code == 404


def test_the_dossier_page_leads_to_its_forms_its_control_sheet_and_the_days_fees(officer, issue):
    code = issue()["code"]
    page = officer.get(f"/quay/ho-so/{code}").get_data(as_text=True)
    assert f'href="/quay/ho-so/{code}/xu-ly"' in page
    assert f'href="/quay/ho-so/{code}/phieu-kiem-soat.pdf"' in page
    assert 'href="/quay/thu-phi?ngay=2020-11-25"' in page
    assert officer.get("/quay/thu-phi?ngay=2020-11-25").status_code == 200
