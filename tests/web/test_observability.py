"""Operating it: Prometheus metrics by route, JSON log lines that share the request's id, and that id
in every error answer."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator

import pytest

from receipts import logs
from tests.support import local_path


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """What the app's own log handler writes while the test runs."""
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "_receipts_handler", False))
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


def records(buffer: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


def label_sets(text: str) -> list[str]:
    return re.findall(r"^receipts_\w+\{([^}]*)\}", text, flags=re.MULTILINE)


def test_metrics_name_each_route_by_its_rule_and_never_a_token_or_a_code(make_app, issue, client, auth):
    body = issue()
    token = body["verify_url"].rsplit("/", 1)[1]
    for _ in range(2):
        client.get(local_path(body["verify_url"]))
        client.get(local_path(body["pdf_url"]))
    # A page kept whole is made again after a status change, around the version's form kept apart.
    moved = {"status": "in_progress"}
    assert client.post(f"/api/v1/dossiers/{body['code']}/events", json=moved, headers=auth).status_code == 200
    client.get(local_path(body["verify_url"]))
    client.get(f"/tra-cuu/{body['code']}")
    client.get("/r/not-a-token")
    client.get("/no/such/page/000.00.04.H15-201125-0099")
    limited = make_app(RATELIMIT_ENABLED=True).test_client()
    answers = [limited.get(f"/tra-cuu/{body['code']}").status_code for _ in range(61)]
    assert answers[-1] == 429
    text = client.get("/metrics").get_data(as_text=True)
    assert 'route="/r/<token>",status="200"' in text
    assert 'route="/r/<token>.pdf",status="200"' in text
    assert 'route="/tra-cuu/<code>",status="200"' in text
    assert 'route="<unmatched>",status="404"' in text
    bucket = r'^receipts_http_request_duration_seconds_bucket\{le="0.05",method="GET",route="/r/<token>"\}'
    assert re.search(bucket, text, re.M)
    assert re.search(r'^receipts_issued_total\{kind="issue"\} [1-9]', text, re.M)
    assert re.search(r"^receipts_pdf_render_seconds_count [1-9]", text, re.M)
    assert re.search(r'^receipts_cache_lookups_total\{cache="pdf",result="hit"\} [1-9]', text, re.M)
    assert re.search(r'^receipts_cache_lookups_total\{cache="form_html",result="hit"\} [1-9]', text, re.M)
    assert re.search(r'^receipts_rate_limited_total\{route="/tra-cuu/<code>"\} [1-9]', text, re.M)
    labels = " ".join(label_sets(text))
    assert token not in labels and "H15-" not in labels and "not-a-token" not in labels


def test_metrics_want_the_token_when_one_is_set(make_app):
    guarded = make_app(METRICS_TOKEN="s3cret-metrics").test_client()
    assert guarded.get("/metrics").status_code == 404
    assert guarded.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 404
    answer = guarded.get("/metrics", headers={"Authorization": "Bearer s3cret-metrics"})
    assert answer.status_code == 200 and answer.mimetype == "text/plain"


def test_every_log_line_of_a_request_carries_its_id_and_so_does_the_error_answer(app, log_lines):
    worker_log = logging.getLogger("receipts.test")

    def boom() -> str:
        worker_log.info("about to fail")
        raise RuntimeError("the view broke")

    app.add_url_rule("/api/v1/test-boom", view_func=boom)
    answer = app.test_client().get("/api/v1/test-boom")
    assert answer.status_code == 500
    rid = answer.headers["X-Request-Id"]
    assert re.fullmatch(r"[0-9a-f]{32}", rid)
    assert answer.get_json()["error"]["request_id"] == rid
    lines = records(log_lines)
    assert [line["message"] for line in lines][:2] == ["about to fail", "unexpected error"]
    assert len(lines) == 3 and {line["request_id"] for line in lines} == {rid}
    access = lines[-1]
    assert access["logger"] == "receipts.access" and access["level"] == "INFO"
    assert access["route"] == "/api/v1/test-boom" and access["status"] == 500 and access["method"] == "GET"
    assert access["duration"] >= 0 and "time" in access


def test_a_safe_incoming_request_id_is_kept_and_an_unsafe_one_replaced(client, log_lines):
    kept = client.get("/healthz", headers={"X-Request-Id": "nginx-4f1c2a.77"})
    assert kept.headers["X-Request-Id"] == "nginx-4f1c2a.77"
    for unsafe in ("x" * 65, "a b", "<script>", "id\u00e9"):
        replaced = client.get("/healthz", headers={"X-Request-Id": unsafe})
        assert re.fullmatch(r"[0-9a-f]{32}", replaced.headers["X-Request-Id"])
    assert [line["request_id"] for line in records(log_lines)][0] == "nginx-4f1c2a.77"
    assert "<script>" not in log_lines.getvalue()


def test_an_error_page_shows_the_id_a_citizen_can_quote(client):
    answer = client.get("/r/not-a-token", headers={"X-Request-Id": "trace-1234"})
    assert answer.status_code == 404
    assert "Mã yêu cầu: <code>trace-1234</code>" in answer.get_data(as_text=True)
    missing = client.get("/khong-co-trang-nay")
    assert missing.headers["X-Request-Id"] in missing.get_data(as_text=True)


def test_text_logs_can_be_chosen_for_development(make_app, log_lines):
    try:
        make_app(LOG_FORMAT="text").test_client().get("/healthz", headers={"X-Request-Id": "dev-1"})
    finally:
        logs.configure("json")
    line = log_lines.getvalue().strip().splitlines()[-1]
    assert "[dev-1] GET /healthz 200" in line and not line.startswith("{")


def test_behind_one_proxy_each_client_is_limited_by_its_own_address(make_app, issue, client):
    code = issue()["code"]
    proxied = make_app(RATELIMIT_ENABLED=True, PROXIES=1).test_client()
    first = {"X-Forwarded-For": "203.0.113.5"}
    answers = [proxied.get(f"/tra-cuu/{code}", headers=first).status_code for _ in range(61)]
    assert answers[:60] == [200] * 60 and answers[60] == 429
    assert proxied.get(f"/tra-cuu/{code}", headers={"X-Forwarded-For": "198.51.100.7"}).status_code == 200
