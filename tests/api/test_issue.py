import json
import unicodedata

import pytest

from tests.support import EXAMPLE, make_key


def test_the_province_example_gets_its_appointment_and_links(issue):
    body = issue()
    assert body["due_at"] == "2020-12-09T16:19:50+07:00"
    assert body["due_text"] == "Chiều ngày 09/12/2020"
    assert body["received_at"] == "2020-11-25T16:19:50+07:00"
    assert body["status"] == "received"
    assert body["version"] == 1
    assert body["verify_url"].startswith("http://localhost/r/")
    assert body["pdf_url"] == body["verify_url"] + ".pdf"


def test_the_eightieth_receipt_of_the_agency_that_day_is_0080(issue):
    codes = [issue()["code"] for _ in range(80)]
    assert codes[0] == "000.00.04.H15-201125-0001"
    assert codes[-1] == "000.00.04.H15-201125-0080"
    assert len(set(codes)) == 80


def test_the_sequence_restarts_each_local_day_for_each_agency(issue):
    assert issue()["code"].endswith("-201125-0001")
    assert issue()["code"].endswith("-201125-0002")
    # 23:30 UTC on the 25th is already the 26th in Vietnam.
    assert issue(received_at="2020-11-25T23:30:00+00:00")["code"] == "000.00.04.H15-201126-0001"
    assert issue(received_at="2020-11-26T08:00:00+07:00")["code"] == "000.00.04.H15-201126-0002"


def test_a_received_time_without_offset_is_vietnam_time(issue):
    assert issue(received_at="2020-11-25T16:19:50")["received_at"] == "2020-11-25T16:19:50+07:00"


def test_only_agency_procedure_and_name_are_required(client, auth):
    body = {
        "agency_code": "000.00.04.H15",
        "procedure_code": "1.000028.000.00.00.H15",
        "applicant": {"name": "An"},
    }
    response = client.post("/api/v1/receipts", json=body, headers=auth)
    assert response.status_code == 201
    code = response.get_json()["code"]
    full = client.get(f"/api/v1/receipts/{code}", headers=auth).get_json()
    assert [d["name"] for d in full["documents"]][0].startswith("Đơn đề nghị")
    assert full["sets"] == 1


def test_the_receipt_object_carries_the_applicant_for_key_holders(client, auth, issue):
    code = issue()["code"]
    body = client.get(f"/api/v1/receipts/{code}", headers=auth).get_json()
    assert body["applicant"]["name"] == "Phan Quốc Hậu"
    assert body["applicant"]["phone"] == "0946911303"
    assert body["code"] == code


def test_names_typed_in_nfd_are_stored_and_answered_in_nfc(client, auth, issue):
    nfd = unicodedata.normalize("NFD", "Phan Quốc Hậu")
    code = issue(applicant={**EXAMPLE["applicant"], "name": nfd})["code"]
    name = client.get(f"/api/v1/receipts/{code}", headers=auth).get_json()["applicant"]["name"]
    assert name == "Phan Quốc Hậu"
    assert unicodedata.is_normalized("NFC", name)


def test_a_later_change_to_the_procedure_never_changes_an_old_receipt(app, client, auth, issue, tmp_path):
    import json

    from receipts.schemas import files
    from receipts.services import catalogue
    from tests.support import DEMO

    code = issue()["code"]
    before = client.get(f"/api/v1/receipts/{code}", headers=auth)
    rows = json.loads((DEMO / "procedures.json").read_text(encoding="utf-8"))
    rows[0]["name"] = "Tên thủ tục đã đổi"
    rows[0]["duration"] = 30
    changed = tmp_path / "procedures.json"
    changed.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    with app.app_context():
        catalogue.load_procedures(files.read_procedures(changed))
    after = client.get(f"/api/v1/receipts/{code}", headers=auth).get_json()
    assert after == before.get_json()
    assert after["procedure_name"] != "Tên thủ tục đã đổi"
    assert issue()["due_at"] != after["due_at"]


def test_public_url_setting_is_what_links_print(app, client, auth):
    app.config["PUBLIC_URL"] = "https://dvc.example.gov.vn/bien-nhan"
    response = client.post("/api/v1/receipts", json=EXAMPLE, headers=auth)
    assert response.get_json()["verify_url"].startswith("https://dvc.example.gov.vn/bien-nhan/r/")
    code = response.get_json()["code"]
    assert response.headers["Location"] == f"https://dvc.example.gov.vn/bien-nhan/api/v1/receipts/{code}"


def test_the_key_can_come_as_x_api_key(client, api_key):
    response = client.post("/api/v1/receipts", json=EXAMPLE, headers={"X-API-Key": api_key})
    assert response.status_code == 201


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic abc"}])
def test_missing_or_bad_keys_get_401_as_json(client, headers):
    response = client.post("/api/v1/receipts", json=EXAMPLE, headers=headers)
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"


def test_a_key_without_the_issue_scope_gets_403(app, client):
    key = make_key(app, "update")
    response = client.post("/api/v1/receipts", json=EXAMPLE, headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 403
    assert (
        client.get("/api/v1/receipts/000.00.04.H15-201125-0001", headers={"X-API-Key": key}).status_code
        == 403
    )


def test_an_unknown_receipt_is_404_json(client, auth):
    for code in ["000.00.04.H15-201125-0001", "not-a-code", "%01"]:
        response = client.get(f"/api/v1/receipts/{code}", headers=auth)
        assert response.status_code == 404
        assert response.get_json()["error"]["code"] == "not_found"


def test_a_nul_anywhere_in_the_address_is_a_400(client, auth):
    for url in [
        "/api/v1/receipts/%00",
        "/api/v1/procedures?q=%00",
        "/api/v1/procedures?field=a%00",
        "/thu-tuc/%00",
    ]:
        response = client.get(url, headers=auth)
        assert response.status_code == 400, url


def test_a_reissue_corrects_only_what_it_names(client, auth, issue):
    code = issue()["code"]
    response = client.post(
        f"/api/v1/receipts/{code}/reissue", json={"applicant": {"phone": "0912 333 445"}}, headers=auth
    )
    assert response.status_code == 200
    applicant = response.get_json()["applicant"]
    assert applicant["phone"] == "0912333445"
    assert applicant["name"] == "Phan Quốc Hậu" and applicant["address"].startswith("06 Lê Duẩn")
    assert response.get_json()["version"] == 2


def test_a_reissue_that_changes_nothing_is_422_and_keeps_the_qr_valid(client, auth, issue):
    body = issue()
    for change in [
        {},
        {"officer_name": "Nguyễn Văn A"},
        {"applicant": {}},
        {"applicant": {"name": "Phan Quốc Hậu"}},
    ]:
        response = client.post(f"/api/v1/receipts/{body['code']}/reissue", json=change, headers=auth)
        assert response.status_code == 422, change
        assert response.get_json()["error"]["code"] == "nothing_to_change"
    assert "Giấy tiếp nhận hợp lệ" in client.get("/" + body["verify_url"].split("/", 3)[3]).get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    "moment", ["2099-12-31T20:00:00-05:00", "2000-01-01T01:00:00+09:00", "1999-12-31T23:00:00+07:00"]
)
def test_a_received_time_whose_local_year_has_no_two_digit_code_is_422(client, auth, moment):
    response = client.post("/api/v1/receipts", json={**EXAMPLE, "received_at": moment}, headers=auth)
    assert response.status_code == 422
    assert "received_at" in response.get_json()["error"]["fields"]


def test_a_chunked_body_over_the_limit_is_413(client, auth):
    import io

    raw = json.dumps({**EXAMPLE, "note": "x" * 100_000}).encode()
    response = client.post(
        "/api/v1/receipts",
        input_stream=io.BytesIO(raw),
        headers={**auth, "Content-Type": "application/json", "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},  # as gunicorn says of chunked bodies
    )
    assert response.status_code == 413


def test_a_procedure_file_with_more_documents_than_a_receipt_prints_is_refused(runner, tmp_path):
    import json

    from tests.support import DEMO

    rows = json.loads((DEMO / "procedures.json").read_text(encoding="utf-8"))
    rows[0]["documents"] = [{"name": f"Giấy tờ số {n}"} for n in range(101)]
    path = tmp_path / "procedures.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(args=["procedures", "import", str(path)])
    assert result.exit_code != 0 and "documents" in result.stderr


def test_a_procedure_stored_before_the_cap_with_too_many_documents_issues_nothing(app, client, auth):
    from dataclasses import replace

    from receipts.domain.receipt import DocumentItem
    from receipts.services import catalogue

    with app.app_context():
        old = catalogue.procedure(EXAMPLE["procedure_code"])
        papers = tuple(DocumentItem(f"Giấy tờ số {n}") for n in range(400))
        catalogue.load_procedures([replace(old, documents=papers)])
    response = client.post("/api/v1/receipts", json=EXAMPLE, headers=auth)
    assert response.status_code == 422
    assert "documents" in response.get_json()["error"]["fields"]
    assert (
        client.post(
            "/api/v1/receipts", json={**EXAMPLE, "documents": [{"name": "Đơn"}]}, headers=auth
        ).status_code
        == 201
    )
