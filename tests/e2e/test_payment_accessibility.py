"""The receipt page with its payment VietQR, and once paid, passes axe-core's WCAG 2.1 A and AA rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from .conftest import LiveServer
from .test_accessibility import Page, assert_accessible, audited  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser

FEE_PROCEDURE = "1.002835.000.00.00.H15"


@pytest.mark.parametrize("paid", [False, True], ids=["owed", "paid"])
def test_the_receipt_page_with_its_payment_block(
    audited: Page,  # noqa: F811
    live_server: LiveServer,
    issue: Callable[..., dict[str, Any]],
    paid: bool,
) -> None:
    receipt = issue(procedure_code=FEE_PROCEDURE)
    if paid:
        # The live server's key may only issue; the payment goes through the service, as the API would.
        from receipts.clock import now_local
        from receipts.services import payments

        with live_server.app.app_context():
            payments.record(receipt["code"], 135000, f"FT-A11Y-{receipt['code']}", None, now_local())
    assert_accessible(audited, receipt["verify_url"])
    label = "Đã thanh toán" if paid else "Mã QR thanh toán (VietQR)"
    assert audited.get_by_text(label, exact=False).first.is_visible()
