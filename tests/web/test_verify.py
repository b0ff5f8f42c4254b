"""What scanning the QR shows, by verification test vector (EU DCC style: one case, one outcome)."""

from __future__ import annotations

import re

import pytest
from itsdangerous import URLSafeSerializer

from tests.support import EXAMPLE, base_config, local_path

PERSONAL = ["Phan Quốc Hậu", "PHAN QUỐC HẬU", "0946911303", "06 Lê Duẩn", "VNPT"]


def token_of(body: dict) -> str:
    return body["verify_url"].rsplit("/r/", 1)[1]


def assert_reveals_nothing(response) -> None:
    assert response.status_code == 404
    text = response.get_data(as_text=True)
    assert "Không xác thực được" in text
    for value in PERSONAL:
        assert value not in text


def test_a_genuine_token_shows_the_receipt_its_status_and_appointment(issue, client):
    body = issue()
    page = client.get(local_path(body["verify_url"]))
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Giấy tiếp nhận hợp lệ" in text
    assert body["code"] in text
    assert "Được tiếp nhận" in text
    assert "Chiều ngày 09/12/2020" in text
    assert "PHAN QUỐC HẬU" in text
    # The citizen opens the same PDF with their copy (Liên 2) first.
    assert f'href="{body["pdf_url"]}?copy=citizen"' in text
    assert page.headers["Cache-Control"].startswith("private")


def test_the_page_needs_nothing_from_other_hosts(issue, client):
    text = client.get(local_path(issue()["verify_url"])).get_data(as_text=True)
    links = re.findall(r'(?:src|href|action)="([^"]*)"', text)
    # The icon's link is a path on this host; every other link is built from the public base.
    assert all(link.startswith(("http://localhost/", "/")) and not link.startswith("//") for link in links), (
        links
    )
    assert any(link.startswith("http://localhost/") for link in links), links
    assert "<script" not in text and "@import" not in text and "url(" not in text


def test_one_changed_character_anywhere_gives_404(issue, client):
    token = token_of(issue())
    for index in range(len(token)):
        for replacement in "Aa0_-.":
            if token[index] != replacement:
                forged = token[:index] + replacement + token[index + 1 :]
                assert_reveals_nothing(client.get(f"/r/{forged}"))
                assert client.get(f"/r/{forged}.pdf").status_code == 404


def test_a_token_signed_with_an_unknown_key_gives_404(issue, client):
    body = issue()
    version_id = URLSafeSerializer("x").loads_unsafe(token_of(body))[1]
    forged = URLSafeSerializer("attacker-key", salt="receipts.verify.v1").dumps(version_id)
    assert_reveals_nothing(client.get(f"/r/{forged}"))


def test_a_token_with_another_salt_gives_404(app, issue, client):
    body = issue()
    version_id = URLSafeSerializer("x").loads_unsafe(token_of(body))[1]
    keys = app.config["SECRET_KEY_LIST"]
    assert_reveals_nothing(client.get(f"/r/{URLSafeSerializer(keys, salt='other').dumps(version_id)}"))
    assert_reveals_nothing(client.get(f"/r/{URLSafeSerializer(keys).dumps(version_id)}"))


def test_a_genuine_signature_on_an_unknown_version_gives_404(app, client):
    token = URLSafeSerializer(app.config["SECRET_KEY_LIST"], salt="receipts.verify.v1").dumps(999999)
    assert_reveals_nothing(client.get(f"/r/{token}"))


@pytest.mark.parametrize(
    "garbage",
    ["x", "AAAA", "....", "%01", "<script>", "a" * 500, "MQ", "MQ.", ".abc", "é", "1.2.3.4", "null"],
)
def test_garbage_gives_404(client, garbage):
    assert_reveals_nothing(client.get(f"/r/{garbage}"))


def test_receipts_signed_before_a_key_is_added_still_verify(database_url, make_app, issue):
    body = issue()
    keys = base_config(database_url)["SECRET_KEYS"]
    rotated = make_app(SECRET_KEYS=keys + ",a-brand-new-key-2222")
    client = rotated.test_client()
    assert client.get(local_path(body["verify_url"])).status_code == 200
    assert client.get(local_path(body["pdf_url"])).status_code == 200


def test_after_a_reissue_the_old_qr_shows_superseded_with_a_link_to_the_current(client, auth, issue):
    old = issue()
    response = client.post(
        f"/api/v1/receipts/{old['code']}/reissue",
        json={"applicant": {**EXAMPLE["applicant"], "name": "Phan Quốc Hậu Sửa"}},
        headers=auth,
    )
    assert response.status_code == 200
    new = response.get_json()
    assert new["version"] == 2 and new["code"] == old["code"]
    assert new["verify_url"] != old["verify_url"]
    text = client.get(local_path(old["verify_url"])).get_data(as_text=True)
    assert "đã được thay thế" in text
    assert f'href="{new["verify_url"]}"' in text
    current = client.get(local_path(new["verify_url"])).get_data(as_text=True)
    assert "Giấy tiếp nhận hợp lệ" in current and "PHAN QUỐC HẬU SỬA" in current


def test_a_revoked_receipt_shows_revoked(client, auth, issue):
    body = issue()
    assert (
        client.post(
            f"/api/v1/receipts/{body['code']}/revoke", json={"reason": "Nhập sai"}, headers=auth
        ).status_code
        == 200
    )
    text = client.get(local_path(body["verify_url"])).get_data(as_text=True)
    assert "đã bị thu hồi" in text
    assert "Giấy tiếp nhận hợp lệ" not in text


def test_the_status_shown_is_live(client, auth, issue):
    body = issue()
    response = client.post(
        f"/api/v1/dossiers/{body['code']}/events", json={"status": "in_progress"}, headers=auth
    )
    assert response.status_code == 200
    assert "Đang xử lý" in client.get(local_path(body["verify_url"])).get_data(as_text=True)


def test_pages_forbid_everything_they_do_not_need(issue, client):
    page = client.get(local_path(issue()["verify_url"]))
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert 'onclick="window.print()"' in page.get_data(as_text=True)
