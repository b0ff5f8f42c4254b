"""The receipt page and the look-up with a dossier's timeline, audited by axe-core like every citizen page."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from tests.support import make_key

from . import test_accessibility
from .test_accessibility import Page, assert_accessible

pytestmark = pytest.mark.browser
audited = test_accessibility.audited


def test_the_receipt_page_and_the_lookup_with_a_timeline_of_forms(
    audited: Page,  # noqa: F811  (the fixture, shared with test_accessibility)
    live_server: Any,
    issue: Callable[..., dict[str, Any]],
) -> None:
    receipt = issue()
    code = receipt["code"]
    back_office = dataclasses.replace(live_server, api_key=make_key(live_server.app, "update"))
    items = ["Bản sao CCCD", "Sổ hộ khẩu"]
    body = {"status": "needs_supplement", "note": "Nộp bổ sung tại quầy", "items": items}
    assert back_office.post(f"/api/v1/dossiers/{code}/events", body)[0] == 200
    # The example receipt's appointment (9 December 2020) is long past: a new one is due.
    extension = {"reason": "Chờ xác minh", "working_days": 3}
    assert back_office.post(f"/api/v1/dossiers/{code}/extensions", extension)[0] == 200

    assert_accessible(audited, receipt["verify_url"])
    assert audited.get_by_text("Bản sao CCCD").is_visible()
    assert audited.get_by_role("link", name="Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (PDF)").is_visible()
    assert_accessible(audited, f"{live_server.url}/tra-cuu/{code}")
    assert audited.get_by_role("list").get_by_text("Yêu cầu bổ sung giấy tờ").is_visible()
    assert audited.get_by_text("Bản sao CCCD").count() == 0, "the redacted look-up shows no items"
