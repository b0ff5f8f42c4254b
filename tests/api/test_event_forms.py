"""Events that print a form (Mẫu 02, 03, 05), hand-overs (Mẫu 06) and what each reader may see."""

from __future__ import annotations

import pytest

from tests.support import local_path, on_both_backends

MISSING = ["Bản sao Giấy chứng nhận đăng ký xe", "Sổ kiểm định phương tiện còn hiệu lực"]


def post_event(client, auth, code, **body):
    return client.post(f"/api/v1/dossiers/{code}/events", json=body, headers=auth)


@on_both_backends
def test_a_supplement_request_keeps_its_items_and_answers_a_link_to_mau_02(client, auth, issue):
    code = issue()["code"]
    response = post_event(
        client,
        auth,
        code,
        status="needs_supplement",
        note="Thiếu giấy tờ xe",
        items=MISSING,
        officer_name="Nguyễn Văn A",
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["status"] == "needs_supplement"
    assert "/mau/" in body["form_pdf_url"] and body["form_pdf_url"].endswith(".pdf")
    pdf = client.get(local_path(body["form_pdf_url"]))
    assert pdf.status_code == 200
    assert pdf.headers["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    ("status", "form"), [("rejected", True), ("suspended", True), ("in_progress", False)]
)
def test_only_the_statuses_of_a_form_answer_its_link(client, auth, issue, status, form):
    code = issue()["code"]
    items = ["Lý do một"] if form else []
    body = post_event(client, auth, code, status=status, items=items).get_json()
    assert ("form_pdf_url" in body) is form


def test_a_forged_or_receipt_token_gets_no_form(client, issue):
    body = issue()
    receipt_token = body["verify_url"].rsplit("/", 1)[1]
    assert client.get(f"/mau/{receipt_token}.pdf").status_code == 404
    assert client.get("/mau/abc.pdf").status_code == 404


@on_both_backends
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "in_progress", "items": ["Không thuộc mẫu nào"]}, "items"),
        ({"status": "needs_supplement", "items": ["x"] * 101}, "items"),
        ({"status": "needs_supplement", "items": [""]}, "items.0"),
        ({"status": "needs_supplement", "items": "Một chuỗi"}, "items"),
        ({"status": "needs_supplement", "items": [1]}, "items.0"),
        ({"note": "không có gì"}, "status"),
        ({"handover": {"from": "Bộ phận một cửa"}}, "handover.to"),
        ({"handover": "Sở"}, "handover"),
    ],
)
def test_bad_event_bodies_are_422_and_change_nothing(client, auth, issue, body, field):
    code = issue()["code"]
    response = post_event(client, auth, code, **body)
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["error"]["fields"]
    status = client.get(f"/api/v1/dossiers/{code}").get_json()
    assert status["status"] == "received"
    assert [h["status"] for h in status["history"]] == ["received"]


def test_a_malformed_event_body_is_400(client, auth, issue):
    code = issue()["code"]
    headers = {**auth, "Content-Type": "application/json"}
    response = client.post(f"/api/v1/dossiers/{code}/events", data=b"{items:", headers=headers)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "malformed_body"


@on_both_backends
def test_a_handover_is_recorded_without_changing_the_status(client, auth, issue):
    code = issue()["code"]
    post_event(client, auth, code, status="in_progress")
    handover = {"from": "Bộ phận Một cửa", "to": "Phòng Quản lý vận tải"}
    response = post_event(client, auth, code, handover=handover, note="Chuyển xử lý")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["status"] == "in_progress" and "form_pdf_url" not in body
    assert [h["status"] for h in body["history"]] == ["received", "in_progress"]


def test_a_revoked_receipt_takes_no_handover(client, auth, issue):
    code = issue()["code"]
    client.post(f"/api/v1/receipts/{code}/revoke", json={"reason": "Nhầm"}, headers=auth)
    response = post_event(client, auth, code, handover={"from": "A", "to": "B"})
    assert response.status_code == 409


@on_both_backends
def test_the_redacted_lookups_show_statuses_and_times_never_notes_or_items(client, auth, issue):
    code = issue()["code"]
    secret = {"note": "Ghi chú riêng tư 0946", "items": ["Giấy bí mật"]}
    post_event(client, auth, code, status="needs_supplement", **secret)
    api = client.get(f"/api/v1/dossiers/{code}")
    page = client.get(f"/tra-cuu/{code}")
    for response in (api, page):
        text = response.get_data(as_text=True)
        assert "Ghi chú riêng tư" not in text and "Giấy bí mật" not in text and "/mau/" not in text
    history = api.get_json()["history"]
    assert [h["status"] for h in history] == ["received", "needs_supplement"]
    assert set(history[1]) == {"status", "status_text", "at"}
    assert "Yêu cầu bổ sung giấy tờ" in page.get_data(as_text=True)


@on_both_backends
def test_the_receipt_page_shows_the_timeline_with_notes_items_and_form_links(client, auth, issue):
    receipt = issue()
    code = receipt["code"]
    answer = post_event(
        client, auth, code, status="needs_supplement", note="Vui lòng nộp thêm", items=MISSING
    ).get_json()
    page = client.get(local_path(receipt["verify_url"])).get_data(as_text=True)
    assert "Vui lòng nộp thêm" in page
    assert all(item in page for item in MISSING)
    assert local_path(answer["form_pdf_url"]) in page
    assert "Yêu cầu bổ sung giấy tờ" in page


def test_form_pdfs_are_rate_limited_per_address_like_receipt_pdfs(make_app, client, auth, issue):
    code = issue()["code"]
    url = post_event(client, auth, code, status="rejected", items=["Không đủ điều kiện"]).get_json()[
        "form_pdf_url"
    ]
    limited = make_app(RATELIMIT_ENABLED=True).test_client()
    statuses = [limited.get(local_path(url)).status_code for _ in range(31)]
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429
