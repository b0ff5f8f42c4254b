"""The receipt page, the look-up and the PDF do only the work that changed: a version's form is
rendered once, the live state is one narrow query, and a client holding the answer gets a 304."""

from __future__ import annotations

import pytest

from receipts.render import forms
from tests.support import BACKENDS, EXAMPLE, counted_queries, local_path, move

pytestmark = pytest.mark.parametrize("backend", BACKENDS, indirect=True)


def test_a_repeated_page_request_with_its_etag_gets_304_until_the_status_changes(client, auth, issue):
    body = issue()
    path = local_path(body["verify_url"])
    first = client.get(path)
    etag = first.headers["ETag"]
    assert first.status_code == 200 and etag.startswith('W/"')
    assert first.headers["Cache-Control"] == "private, no-cache"
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag
    move(client, auth, body["code"], "in_progress")
    changed = client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert "Đang xử lý" in changed.get_data(as_text=True)
    assert changed.headers["ETag"] != etag
    assert client.get(path, headers={"If-None-Match": changed.headers["ETag"]}).status_code == 304


def test_a_repeated_pdf_request_with_its_etag_gets_304_until_the_receipt_is_revoked(client, auth, issue):
    body = issue()
    path = local_path(body["pdf_url"])
    first = client.get(path)
    etag = first.headers["ETag"]
    assert first.status_code == 200 and first.data.startswith(b"%PDF")
    assert first.headers["Cache-Control"] == "private, no-cache"
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    # The citizen's copy order is another document, with another tag.
    citizen = client.get(path + "?copy=citizen", headers={"If-None-Match": etag})
    assert citizen.status_code == 200 and citizen.headers["ETag"] != etag
    revoke = f"/api/v1/receipts/{body['code']}/revoke"
    revoked = client.post(revoke, json={"reason": "Nhập sai"}, headers=auth)
    assert revoked.status_code == 200
    stamped = client.get(path, headers={"If-None-Match": etag})
    assert stamped.status_code == 200 and stamped.headers["ETag"] != etag


def test_the_lookup_page_answers_304_to_a_client_that_holds_it_and_200_after_a_change(client, auth, issue):
    code = issue()["code"]
    first = client.get(f"/tra-cuu/{code}")
    assert first.status_code == 200
    assert client.get(f"/tra-cuu/{code}", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    move(client, auth, code, "in_progress")
    assert client.get(f"/tra-cuu/{code}", headers={"If-None-Match": first.headers["ETag"]}).status_code == 200


def test_a_versions_form_is_rendered_once_however_often_its_page_is_seen(client, auth, issue, monkeypatch):
    renders: list[str] = []
    real = forms.receipt_form_html

    def counting(snapshot, *args):
        renders.append(snapshot.code)
        return real(snapshot, *args)

    monkeypatch.setattr(forms, "receipt_form_html", counting)
    old = issue()
    for _ in range(3):
        assert client.get(local_path(old["verify_url"])).status_code == 200
    move(client, auth, old["code"], "in_progress")
    page = client.get(local_path(old["verify_url"])).get_data(as_text=True)
    assert "Đang xử lý" in page and "PHAN QUỐC HẬU" in page
    assert len(renders) == 1
    fixed = client.post(
        f"/api/v1/receipts/{old['code']}/reissue",
        json={"applicant": {**EXAMPLE["applicant"], "name": "Phan Quốc Hậu Sửa"}},
        headers=auth,
    ).get_json()
    for _ in range(2):
        assert "PHAN QUỐC HẬU SỬA" in client.get(local_path(fixed["verify_url"])).get_data(as_text=True)
    # The old version's page now says "superseded" around the same form, not rendered again.
    superseded = client.get(local_path(old["verify_url"])).get_data(as_text=True)
    assert "đã được thay thế" in superseded
    assert len(renders) == 2


# What a page seen before reads: one query, the live state (status, appointment, what is owed and
# paid with the agency's account, and a mark of the dossier's records). A page not seen before in
# this process also reads the version's snapshot, the timeline and the mask kept for its QR.
LIVE_READS = 1
FEE_PROCEDURE = "1.002835.000.00.00.H15"


def test_a_seen_page_costs_one_query_and_a_new_one_four(app, client, issue):
    body = issue()
    with counted_queries(app) as first:
        assert client.get(local_path(body["verify_url"])).status_code == 200
    with counted_queries(app, with_begin=True) as again:
        assert client.get(local_path(body["verify_url"])).status_code == 200
    assert len(first) <= LIVE_READS + 3, first
    # Nothing around it either: no transaction begun on SQLite for one read (store/database.read_all).
    assert len(again) == LIVE_READS, again


def test_a_page_kept_whole_shows_every_change_to_what_it_shows(client, auth, issue):
    body = issue(procedure_code=FEE_PROCEDURE)
    other = local_path(issue(procedure_code=FEE_PROCEDURE)["verify_url"])
    code, path = body["code"], local_path(body["verify_url"])
    seen = [client.get(path).get_data(as_text=True)]
    assert "Mã QR thanh toán" in seen[0]
    move(client, auth, code, "in_progress")
    seen.append(client.get(path).get_data(as_text=True))
    # Back to the same status through a record the applicant reads (the missing papers of Mẫu 02):
    # the status is the same as on the page seen above, the timeline is not.
    supplement = {"status": "needs_supplement", "note": "Bổ sung bản sao", "items": ["Bản sao sổ đỏ"]}
    answer = client.post(f"/api/v1/dossiers/{code}/events", json=supplement, headers=auth)
    assert answer.status_code == 200, answer.get_json()
    move(client, auth, code, "in_progress")
    seen.append(client.get(path).get_data(as_text=True))
    assert "Bản sao sổ đỏ" in seen[-1] and "Bản sao sổ đỏ" not in seen[-2]
    # A hand-over between departments changes no status, but it is a new record all the same.
    handover = {"handover": {"from": "Bộ phận một cửa", "to": "Phòng chuyên môn"}}
    assert client.post(f"/api/v1/dossiers/{code}/events", json=handover, headers=auth).status_code == 200
    assert client.get(path).status_code == 200
    payment = {"amount": 135000, "transaction_id": "FT-PAGE-CACHE-1"}
    paid = client.post(f"/api/v1/dossiers/{code}/payments", json=payment, headers=auth)
    assert paid.status_code == 200, paid.get_json()
    seen.append(client.get(path).get_data(as_text=True))
    assert "Đã thanh toán" in seen[-1] and "Mã QR thanh toán" not in seen[-1]
    # Another dossier's page reads its own records and payments, not this one's.
    other_page = client.get(other).get_data(as_text=True)
    assert "Mã QR thanh toán" in other_page and "Bản sao sổ đỏ" not in other_page
    revoked = client.post(f"/api/v1/receipts/{code}/revoke", json={"reason": "Nhập sai"}, headers=auth)
    assert revoked.status_code == 200
    seen.append(client.get(path).get_data(as_text=True))
    assert "đã bị thu hồi" in seen[-1] and "đã bị thu hồi" not in seen[-2]


def test_a_cached_pdf_and_a_seen_lookup_cost_one_query_each(app, client, issue):
    body = issue()
    client.get(local_path(body["pdf_url"]))
    client.get(f"/tra-cuu/{body['code']}")
    with counted_queries(app) as pdf:
        assert client.get(local_path(body["pdf_url"])).status_code == 200
    with counted_queries(app) as lookup:
        assert client.get(f"/tra-cuu/{body['code']}").status_code == 200
    assert len(pdf) == 1, pdf  # the live state, with the payment block the PDF prints
    assert len(lookup) == 1, lookup  # the live state, with the fee, what was paid and the records' mark


def test_the_lookup_and_the_status_api_follow_a_history_back_to_the_same_status(client, auth, issue):
    code = issue(procedure_code=FEE_PROCEDURE)["code"]
    move(client, auth, code, "in_progress")
    before = client.get(f"/tra-cuu/{code}").get_data(as_text=True)
    api_before = client.get(f"/api/v1/dossiers/{code}", headers=auth).get_json()
    move(client, auth, code, "needs_supplement")
    move(client, auth, code, "in_progress")
    after = client.get(f"/tra-cuu/{code}").get_data(as_text=True)
    api_after = client.get(f"/api/v1/dossiers/{code}", headers=auth).get_json()
    supplement = "Yêu cầu bổ sung giấy tờ"
    assert after != before and after.count(supplement) > before.count(supplement)
    assert len(api_after["history"]) == len(api_before["history"]) + 2
    paid = {"amount": 135000, "transaction_id": "FT-LOOKUP-CACHE-1"}
    assert client.post(f"/api/v1/dossiers/{code}/payments", json=paid, headers=auth).status_code == 200
    assert client.get(f"/api/v1/dossiers/{code}", headers=auth).get_json()["paid"] == 135000
