"""Before issuing, the counter shows the appointment and fee that issuing will print, storing nothing."""

from __future__ import annotations

import pytest

from tests.web.test_counter import count_receipts, filled_form, issue_by_form, officer  # noqa: F401

OVERLOAD = "1.000028.000.00.00.H15"
LICENCE = "1.002835.000.00.00.H15"


def test_the_preview_answers_the_appointment_the_receipt_then_prints(app, officer):  # noqa: F811
    answer = officer.get(
        "/quay/xem-truoc", query_string={"procedure_code": OVERLOAD, "received_at": "25/11/2020 16:19"}
    )

    assert answer.status_code == 200
    body = answer.get_json()
    assert body["due_text"] == "Chiều ngày 09/12/2020"
    assert body["fee_text"] == "Không thu phí" and body["typed"] is True
    assert count_receipts(app) == 0
    code, screen = issue_by_form(officer, received_at="25/11/2020 16:19")
    assert code.endswith("-0001"), "the preview took no number"
    assert body["due_text"] in screen


def test_the_preview_says_the_fee_and_takes_iso_or_blank_for_now(officer):  # noqa: F811
    iso = officer.get(
        "/quay/xem-truoc", query_string={"procedure_code": LICENCE, "received_at": "2020-11-25T16:19"}
    )
    now = officer.get("/quay/xem-truoc", query_string={"procedure_code": LICENCE})

    assert iso.get_json()["fee_text"] == "135.000 đồng"
    assert iso.get_json()["due_text"] == "Chiều ngày 02/12/2020"
    assert now.status_code == 200 and now.get_json()["typed"] is False


@pytest.mark.parametrize(
    ("query", "code", "field"),
    [
        ({"procedure_code": OVERLOAD, "received_at": "25/11/2020"}, "invalid_values", "received_at"),
        ({"procedure_code": OVERLOAD, "received_at": "31/02/2021 08:00"}, "invalid_values", "received_at"),
        ({"procedure_code": OVERLOAD, "received_at": "01/01/1999 08:00"}, "invalid_values", "received_at"),
        ({"procedure_code": "9.999999.000.00.00.H15"}, "unknown_procedure", "procedure_code"),
        ({"procedure_code": "x" * 5000, "received_at": "\u202e" * 100}, None, None),
    ],
)
def test_a_preview_that_cannot_be_computed_is_a_json_error_never_a_500(officer, query, code, field):  # noqa: F811
    answer = officer.get("/quay/xem-truoc", query_string=query)

    assert answer.status_code == 422
    error = answer.get_json()["error"]
    assert error["message"]
    if code:
        assert error["code"] == code and field in error["fields"]


def test_the_issue_form_shows_the_appointment_as_soon_as_the_procedure_is_picked(officer):  # noqa: F811
    html = officer.get("/quay/", query_string={"thu_tuc": LICENCE}).get_data(as_text=True)

    assert "Hẹn trả kết quả nếu nhận ngay bây giờ" in html
    assert "135.000 đồng" in html
    assert 'id="preview"' in html and 'data-url="/quay/xem-truoc"' in html


def test_without_scripts_the_preview_button_shows_the_form_again_with_its_appointment(app, officer):  # noqa: F811
    data = filled_form(officer, received_at="25/11/2020 16:19") | {"xem_truoc": "1"}

    response = officer.post("/quay/", data=data)

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Chiều ngày 09/12/2020" in html
    assert 'value="Phan Quốc Hậu"' in html and 'value="25/11/2020 16:19"' in html
    assert count_receipts(app) == 0


def test_counter_pages_may_run_only_their_own_script_and_ask_only_their_own_origin(officer):  # noqa: F811
    [policy] = officer.get("/quay/").headers.getlist("Content-Security-Policy")

    assert "script-src 'self'" in policy and "connect-src 'self'" in policy
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy.split("script-src")[1]
