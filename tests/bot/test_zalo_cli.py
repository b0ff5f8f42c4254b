"""`flask zalo connect` and `flask zalo status`, against the fake Zalo."""

from __future__ import annotations

from datetime import timedelta

from receipts.clock import now_local
from receipts.services import oa_tokens
from receipts.store import outbox
from receipts.store.database import write_transaction


def test_connect_stores_the_refresh_token_renews_at_once_and_prints_the_expiry(bot_app, runner, fake_zalo):
    fake_zalo.refresh_tokens.add("rt-from-the-developer-console")
    result = runner.invoke(
        args=["zalo", "connect", "--refresh-token-stdin"], input="rt-from-the-developer-console\n"
    )
    assert result.exit_code == 0, result.output
    assert [r["refresh_token"] for r in fake_zalo.renewals] == ["rt-from-the-developer-console"]
    with bot_app.app_context():
        credentials = oa_tokens.status()
    assert (credentials.access_token, credentials.refresh_token) == ("at-1", "rt-1")
    expires = credentials.expires_at.isoformat(sep=" ")
    assert result.output == f"Zalo OA connected: access token valid until {expires}\n"
    assert abs(credentials.expires_at - now_local() - timedelta(seconds=90000)) < timedelta(seconds=10)


def test_connect_with_a_refused_token_fails_on_one_line_and_status_shows_why(bot_app, runner, fake_zalo):
    result = runner.invoke(args=["zalo", "connect", "--refresh-token-stdin"], input="rt-already-spent\n")
    assert result.exit_code != 0
    assert result.output.count("\n") == 1
    assert "Zalo refused the renewal: -14014 Invalid refresh token" in result.output
    status = runner.invoke(args=["zalo", "status"]).output
    assert "connected: yes" in status and "access token expires: unknown" in status
    assert "last error: " in status and "-14014 Invalid refresh token" in status


def test_connect_refuses_an_empty_token_and_needs_the_app_secret(bot_app, runner, fake_zalo):
    empty = runner.invoke(args=["zalo", "connect", "--refresh-token-stdin"], input="\n")
    assert empty.exit_code != 0 and empty.output.count("\n") == 1
    bot_app.config["ZALO_APP_SECRET"] = None
    fake_zalo.refresh_tokens.add("rt-1")
    unset = runner.invoke(args=["zalo", "connect", "--refresh-token-stdin"], input="rt-1\n")
    assert unset.exit_code != 0
    assert "RECEIPTS_ZALO_APP_SECRET must be set" in unset.output
    assert fake_zalo.renewals == []


def test_status_prints_expiry_last_renewal_messages_waiting_and_last_error(bot_app, runner, tokens):
    now = now_local()
    renewed = now - timedelta(hours=2)
    tokens("at-old", "rt-old", left=timedelta(hours=3, minutes=30), renewed=renewed)
    with bot_app.app_context(), write_transaction():
        for text in ("một", "hai"):
            outbox.add("zalo_cs", "8447393217364", {"text": text}, now - timedelta(minutes=5))
    result = runner.invoke(args=["zalo", "status"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    expires = lines[1].removeprefix("access token expires: ")
    assert lines[0] == "connected: yes"
    assert expires.startswith((now + timedelta(hours=3, minutes=30)).isoformat(sep=" ")[:16])
    assert expires.endswith("(in 3 h 29 min)") or expires.endswith("(in 3 h 30 min)")
    assert lines[2] == f"last renewal: {renewed.isoformat(sep=' ')}"
    assert lines[3] == f"messages waiting: 2 (oldest since {(now - timedelta(minutes=5)).isoformat(sep=' ')})"
    assert lines[4:] == ["messages given up: 0", "last error: none"]


def test_status_before_connecting_says_which_token_is_used(bot_app, runner):
    result = runner.invoke(args=["zalo", "status"])
    assert result.output.splitlines() == [
        "connected: no (sending with RECEIPTS_ZALO_ACCESS_TOKEN, never renewed)",
        "messages waiting: 0",
        "messages given up: 0",
        "last error: none",
    ]
