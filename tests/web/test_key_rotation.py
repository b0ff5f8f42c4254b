"""Rotating the signing keys as the README says: append a key, restart; printed QR codes keep verifying."""

from __future__ import annotations

import pytest
from itsdangerous import BadSignature, URLSafeSerializer

from receipts.signing.tokens import RECEIPT_SALT
from tests.servers import call, gunicorn
from tests.support import EXAMPLE, make_key

OLD, NEW = "khoa-A-2025-0000000000000000", "khoa-B-2026-1111111111111111"


def _token(verify_url: str) -> str:
    return verify_url.rsplit("/r/", 1)[1]


def _signed_by(token: str, key: str) -> bool:
    try:
        URLSafeSerializer([key], salt=RECEIPT_SALT).loads(token)
    except BadSignature:
        return False
    return True


def test_after_appending_a_key_old_qr_codes_verify_and_new_ones_carry_the_new_key(app, database_url):
    key = make_key(app, "issue")
    with gunicorn(database_url, workers=1, SECRET_KEYS=OLD, RATELIMIT_ENABLED="false") as url:
        status, before = call(url + "/api/v1/receipts", EXAMPLE, key)
        assert status == 201, before
    old = _token(before["verify_url"])
    assert _signed_by(old, OLD) and not _signed_by(old, NEW)

    with gunicorn(database_url, workers=1, SECRET_KEYS=f"{OLD},{NEW}", RATELIMIT_ENABLED="false") as url:
        status, page = call(f"{url}/r/{old}")
        assert status == 200 and "Giấy tiếp nhận hợp lệ" in page and before["code"] in page
        status, after = call(url + "/api/v1/receipts", EXAMPLE, key)
        assert status == 201, after
        new = _token(after["verify_url"])
        assert call(f"{url}/r/{new}")[0] == 200
        assert call(f"{url}/r/{old}.pdf")[0] == 200
    assert _signed_by(new, NEW) and not _signed_by(new, OLD)

    # Why the README says never to remove a key while its receipts are in use: the old QR dies.
    with gunicorn(database_url, workers=1, SECRET_KEYS=NEW, RATELIMIT_ENABLED="false") as url:
        assert call(f"{url}/r/{new}")[0] == 200
        assert call(f"{url}/r/{old}")[0] == 404


@pytest.mark.parametrize("keys", [f"{OLD},{NEW}", f" {OLD} , {NEW} ,"])
def test_the_last_key_listed_signs(make_app, keys):
    from receipts import runtime

    app = make_app(SECRET_KEYS=keys)
    with app.app_context():
        token = runtime.signer().sign(7)
    assert _signed_by(token, NEW) and not _signed_by(token, OLD)
