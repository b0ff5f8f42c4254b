"""Start-up has no side effect that a fork could inherit: warming happens per process, on demand."""

from __future__ import annotations

import threading

from receipts import runtime
from receipts.config import ROOT
from receipts.runtime import WARM_THREAD
from tests.support import local_path


def _warm_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == WARM_THREAD]


def test_creating_the_app_starts_no_thread(make_app):
    before = set(threading.enumerate())
    make_app(WARM_RENDERER=True)
    assert set(threading.enumerate()) <= before


def test_the_first_request_of_a_process_warms_it_once_in_a_named_thread(make_app):
    app = make_app(WARM_RENDERER=True)
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    warming = _warm_threads()
    assert len(warming) == 1
    warming[0].join(60)
    client.get("/healthz")
    assert _warm_threads() == []
    assert runtime.start_warm(app) is None  # this process is warm already


def test_after_warming_a_citizens_first_pages_compile_no_template(make_app, issue, monkeypatch):
    body = issue()
    app = make_app(WARM_RENDERER=False)  # warmed here, in this thread: no request starts another
    runtime.warm(app)
    compiled: list[str] = []
    compile_templates = app.jinja_env.compile

    def counting(source, name=None, *args, **kwargs):
        compiled.append(name)
        return compile_templates(source, name, *args, **kwargs)

    monkeypatch.setattr(app.jinja_env, "compile", counting)
    client = app.test_client()
    for path in (local_path(body["verify_url"]), f"/tra-cuu/{body['code']}", "/r/not-a-token", "/"):
        assert client.get(path).status_code in (200, 404), path
    assert compiled == []


def test_without_warming_configured_no_request_starts_one(make_app):
    client = make_app(WARM_RENDERER=False).test_client()
    client.get("/healthz")
    assert _warm_threads() == []


def test_readyz_names_each_dependency_and_fails_when_one_does_not_answer(make_app):
    app = make_app()
    client = app.test_client()
    body = client.get("/readyz").get_json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {
        "database",
        "rate_limit_storage",
        "fonts",
        "harfbuzz_subset",
        "signing_keys",
    }
    broken = make_app(REDIS_URL="redis://127.0.0.1:1/0", RATELIMIT_ENABLED=True).test_client()
    answer = broken.get("/readyz")
    assert answer.status_code == 503
    assert answer.get_json()["checks"]["rate_limit_storage"] is False


def test_a_test_app_queues_its_worker_tasks_outside_the_checkout(app, make_app):
    for each in (app, make_app()):
        queue = each.config["QUEUE_FILE"]
        assert not queue.startswith(each.instance_path) and not queue.startswith(str(ROOT))
