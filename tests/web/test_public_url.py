"""Links follow the configured public URL, never the request's Host header."""

from __future__ import annotations

import pytest

from receipts import create_app
from tests.support import base_config


def test_production_refuses_to_start_without_a_public_url(database_url):
    for missing in (None, "", "dvc.example.gov.vn", "ftp://dvc.example.gov.vn"):
        with pytest.raises(RuntimeError, match="RECEIPTS_PUBLIC_URL"):
            create_app(base_config(database_url, ENV="production", PUBLIC_URL=missing))


def test_in_production_another_host_is_refused_and_links_carry_the_public_url(make_app, database_url):
    from tests.support import EXAMPLE, make_key

    app = make_app(
        ENV="production", PUBLIC_URL="https://dvc.example.gov.vn/bien-nhan", TRUSTED_HOSTS_EXTRA="lb"
    )
    from tests.support import load_demo

    load_demo(app)
    client = app.test_client()
    key = make_key(app, "issue")
    headers = {"Authorization": f"Bearer {key}"}
    evil = client.post("/api/v1/receipts", json=EXAMPLE, headers={**headers, "Host": "evil.example"})
    assert evil.status_code == 400
    answer = client.post("/api/v1/receipts", json=EXAMPLE, headers={**headers, "Host": "dvc.example.gov.vn"})
    assert answer.status_code == 201
    assert answer.get_json()["verify_url"].startswith("https://dvc.example.gov.vn/bien-nhan/r/")
    assert client.get("/healthz", headers={"Host": "lb"}).status_code == 200


def test_with_a_public_url_a_changed_host_changes_no_link(make_app):
    from tests.support import EXAMPLE, load_demo, make_key

    app = make_app(PUBLIC_URL="https://dvc.example.gov.vn")
    load_demo(app)
    client = app.test_client()
    headers = {"Authorization": f"Bearer {make_key(app, 'issue')}", "Host": "evil.example"}
    body = client.post("/api/v1/receipts", json=EXAMPLE, headers=headers).get_json()
    assert body["verify_url"].startswith("https://dvc.example.gov.vn/r/")
    page = client.get(body["verify_url"].replace("https://dvc.example.gov.vn", ""), headers=headers)
    assert b"evil.example" not in page.data
