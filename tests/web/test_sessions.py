"""Officers' sessions end on the server: logout, a new password, a disabled account, idleness, age."""

from __future__ import annotations

import pytest

from tests.support import DEMO_AGENCY, make_officer, on_both_backends

PASSWORD = "mat-khau-dai-123"
NEW_PASSWORD = "mat-khau-moi-456"


def log_in(client, username: str = "canbo", password: str = PASSWORD):
    return client.post("/quay/dang-nhap", data={"username": username, "password": password})


@pytest.fixture
def officer(app, client):
    """A client logged in as an officer of the demo agency; CSRF off."""
    app.config["WTF_CSRF_ENABLED"] = False
    make_officer(app, "canbo", full_name="Nguyễn Văn A")
    assert log_in(client).status_code == 303
    assert client.get("/quay/").status_code == 200
    return client


def copy_of(app, client):
    """Another browser holding a copy of the client's session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def sent_to_login(response) -> bool:
    return response.status_code == 302 and response.headers["Location"].startswith("/quay/dang-nhap")


@on_both_backends
def test_a_copied_cookie_is_refused_after_logout(app, officer):
    thief = copy_of(app, officer)
    assert thief.get("/quay/").status_code == 200, "the copy works while the session lives"

    assert officer.post("/quay/dang-xuat").status_code == 303

    assert sent_to_login(thief.get("/quay/"))
    assert sent_to_login(thief.post("/quay/", data={"procedure_code": "x"}))
    assert sent_to_login(officer.get("/quay/"))


@on_both_backends
def test_a_new_password_ends_every_session_of_the_user(app, officer, runner):
    thief = copy_of(app, officer)
    result = runner.invoke(
        args=["user", "create", "canbo", "--role", "officer", "--agency", DEMO_AGENCY, "--password-stdin"],
        input=NEW_PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output

    assert sent_to_login(officer.get("/quay/"))
    assert sent_to_login(thief.get("/quay/"))
    assert log_in(officer).status_code == 422
    assert log_in(officer, password=NEW_PASSWORD).status_code == 303


@on_both_backends
def test_a_disabled_officer_loses_every_session_and_cannot_log_in(app, officer, runner):
    thief = copy_of(app, officer)

    result = runner.invoke(args=["user", "disable", "canbo"])

    assert result.exit_code == 0, result.output
    assert sent_to_login(officer.get("/quay/"))
    assert sent_to_login(thief.get("/quay/"))
    assert log_in(officer).status_code == 422
    assert runner.invoke(args=["user", "disable", "khong-co"]).exit_code != 0
    assert runner.invoke(args=["user", "enable", "canbo"]).exit_code == 0
    assert log_in(officer).status_code == 303


def test_an_idle_session_ends_after_the_idle_timeout(app, clock, officer):
    for _ in range(4):  # active every 29 minutes: the session stays
        clock.advance(minutes=29)
        assert officer.get("/quay/").status_code == 200
    clock.advance(minutes=30, seconds=1)
    assert sent_to_login(officer.get("/quay/"))
    assert log_in(officer).status_code == 303


def test_an_old_copy_of_the_cookie_goes_idle_even_while_the_officer_works(app, clock, officer):
    thief = copy_of(app, officer)
    for _ in range(3):
        clock.advance(minutes=20)
        assert officer.get("/quay/").status_code == 200
    assert sent_to_login(thief.get("/quay/")), "the copy was last seen an hour ago"


def test_a_session_ends_after_its_lifetime_however_active(app, clock, officer):
    for _ in range(12 * 3 - 1):  # every 20 minutes for almost 12 hours
        clock.advance(minutes=20)
        assert officer.get("/quay/").status_code == 200
    clock.advance(minutes=20)
    assert sent_to_login(officer.get("/quay/"))


def test_lifetime_and_idle_timeout_are_settings(make_app, app, clock):
    make_officer(app, "canbo")
    client = make_app(SESSION_IDLE_MINUTES=5, SESSION_LIFETIME_HOURS=1, WTF_CSRF_ENABLED=False).test_client()
    assert log_in(client).status_code == 303
    clock.advance(minutes=4)
    assert client.get("/quay/").status_code == 200
    clock.advance(minutes=5, seconds=1)
    assert sent_to_login(client.get("/quay/"))
    assert log_in(client).status_code == 303
    for _ in range(14):
        clock.advance(minutes=4)
        assert client.get("/quay/").status_code == 200
    clock.advance(minutes=4, seconds=1)
    assert sent_to_login(client.get("/quay/"))


@pytest.mark.parametrize("bad", [0, -1, "nhiều", 10**9])
def test_nonsense_session_settings_stop_the_app_from_starting(make_app, bad):
    with pytest.raises(RuntimeError, match="SESSION_IDLE_MINUTES"):
        make_app(SESSION_IDLE_MINUTES=bad)


@pytest.mark.parametrize(
    ("public_url", "secure"),
    [("https://dvc.example.gov.vn/bien-nhan", True), ("http://127.0.0.1:8000", False), (None, False)],
)
def test_the_session_cookie_is_secure_when_the_public_url_is_https(make_app, app, public_url, secure):
    make_officer(app, "canbo")
    client = make_app(PUBLIC_URL=public_url, WTF_CSRF_ENABLED=False).test_client()
    response = log_in(client)
    assert response.status_code == 303
    cookie = next(v for v in response.headers.getlist("Set-Cookie") if v.startswith("session="))
    assert ("; Secure" in cookie) is secure
    assert "; HttpOnly" in cookie and "; SameSite=Lax" in cookie
