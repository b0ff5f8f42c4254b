"""The session cookie's signer is made once per set of keys, and a change of keys is followed at once."""

from __future__ import annotations

from tests.support import make_officer
from tests.web.test_sessions import PASSWORD, log_in


def test_the_cookie_signer_is_made_once_for_the_same_keys(app, client):
    sessions = app.session_interface
    first = sessions.get_signing_serializer(app)
    for _ in range(3):
        assert client.get("/").status_code == 200
    assert sessions.get_signing_serializer(app) is first


def test_a_new_key_signs_new_cookies_and_the_old_cookie_no_longer_opens(app, client):
    app.config["WTF_CSRF_ENABLED"] = False
    make_officer(app, "canbo", full_name="Nguyễn Văn A")
    assert log_in(client, "canbo", PASSWORD).status_code == 303
    assert client.get("/quay/").status_code == 200
    old_cookie = client.get_cookie("session").value
    old_signer = app.session_interface.get_signing_serializer(app)

    app.secret_key = "another-key-0123456789abcdef0123"

    assert app.session_interface.get_signing_serializer(app) is not old_signer
    stranger = app.test_client()
    stranger.set_cookie("session", old_cookie)
    assert stranger.get("/quay/").status_code == 302  # signed with the old key: no session
    assert log_in(stranger, "canbo", PASSWORD).status_code == 303
    assert stranger.get("/quay/").status_code == 200
