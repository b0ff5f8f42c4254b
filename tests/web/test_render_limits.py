"""Rendering is bounded: too large a form is refused, and renders beyond one running and one
waiting per process are answered "busy" at once, while cached PDFs keep being served."""

from __future__ import annotations

import threading

import pytest

from receipts.domain.errors import Busy, TooLarge
from receipts.render import pdf as pdf_module
from tests.support import local_path


def test_a_form_over_the_page_cap_is_refused_with_a_clear_error(app, client, issue, monkeypatch):
    monkeypatch.setattr(pdf_module, "MAX_PAGES", 1)
    response = client.get(local_path(issue()["pdf_url"]))
    assert response.status_code == 422
    assert "quá dài" in response.get_data(as_text=True)


def test_a_render_over_the_time_cap_is_refused(app, monkeypatch):
    monkeypatch.setattr(pdf_module, "MAX_LAYOUT_SECONDS", 0.0)
    from receipts import runtime
    from receipts.render.forms import receipt_pdf_sources

    with app.app_context(), pytest.raises(TooLarge):
        runtime.renderer().render(*receipt_pdf_sources(runtime.sample_snapshot(), "https://x.invalid/r/1"))


def test_beyond_one_render_and_one_waiting_a_new_pdf_is_busy_but_a_cached_one_is_served(app, client, issue):
    from receipts import runtime

    cached = local_path(issue()["pdf_url"])
    assert client.get(cached).status_code == 200
    fresh = local_path(issue()["pdf_url"])
    with app.app_context():
        renderer = runtime.renderer()
    for _ in range(pdf_module.RENDER_QUEUE):
        renderer._admission.acquire()
    try:
        response = client.get(fresh)
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "5"
        assert client.get(cached).status_code == 200
    finally:
        for _ in range(pdf_module.RENDER_QUEUE):
            renderer._admission.release()
    assert client.get(fresh).status_code == 200


def test_a_render_that_waits_too_long_for_the_running_one_gives_up(app, monkeypatch):
    from receipts import runtime

    monkeypatch.setattr(pdf_module, "RENDER_WAIT_SECONDS", 0.05)
    with app.app_context():
        renderer = runtime.renderer()
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with renderer._render_lock:
            held.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(5)
    try:
        with pytest.raises(Busy):
            renderer.render("<p>x</p>")
    finally:
        release.set()
        holder.join()
