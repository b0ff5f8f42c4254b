"""A receipt's QR mask is chosen once, when it is issued, and every later drawing reuses it: the same QR."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pytest
import segno
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import OperationalError

from receipts import links, runtime
from receipts.extensions import db
from receipts.services import receipts, verification
from receipts.signing import qr
from receipts.store import qr_masks
from receipts.store.models import QrMask
from tests.support import BACKENDS, EXAMPLE, local_path
from tests.web.test_counter import issue_by_form, officer  # noqa: F401  (the fixture)

pytestmark = pytest.mark.parametrize("backend", BACKENDS, indirect=True)


# What `drawings` records when a QR's mask had to be chosen before it was drawn.
CHOSEN = "chosen"


@pytest.fixture
def drawings(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int | str | None]]:
    """The `mask` every QR drawn from now on was given, each preceded by CHOSEN when its mask had to
    be chosen first (no mask kept); caches emptied."""
    given: list[int | str | None] = []
    make_qr, best_mask = segno.make_qr, qr.best_mask

    def drawn(*args, **kwargs):
        given.append(kwargs.get("mask"))
        return make_qr(*args, **kwargs)

    def chosen(data: str) -> int:
        given.append(CHOSEN)
        return best_mask(data)

    qr.qr_svg.cache_clear()
    monkeypatch.setattr(qr, "segno", SimpleNamespace(make_qr=drawn))
    monkeypatch.setattr(qr, "best_mask", chosen)
    yield given
    qr.qr_svg.cache_clear()


def kept(app, verify_url: str) -> int | None:
    with app.app_context():
        return qr_masks.mask_of(verify_url)


def drawn_the_slow_way(verify_url: str) -> str:
    qr.qr_svg.cache_clear()
    return segno.make_qr(verify_url, error="m", boost_error=False).svg_inline(
        scale=3, border=2, dark="#000", light="#fff", omitsize=False
    )


def test_issuing_keeps_the_mask_segno_chooses_and_the_page_draws_the_same_qr_with_it(
    app, client, issue, drawings
):
    body = issue()
    url = body["verify_url"]
    mask = kept(app, url)
    assert mask is not None and mask == segno.make_qr(url, error="m", boost_error=False).mask
    slow = drawn_the_slow_way(url)
    drawings.clear()
    page = client.get(local_path(url)).get_data(as_text=True)
    assert drawings == [mask]  # one drawing, with the kept mask: none chosen
    assert slow in page  # square for square the QR drawn without it


def test_the_pdf_draws_its_qr_with_the_kept_mask(app, client, issue, drawings):
    body = issue()
    mask = kept(app, body["verify_url"])
    drawings.clear()
    answer = client.get(local_path(body["pdf_url"]))
    assert answer.status_code == 200 and answer.data.startswith(b"%PDF")
    assert drawings and set(drawings) == {mask}


def test_a_correction_keeps_its_own_mask_and_a_replay_adds_none(app, client, auth, issue):
    first = issue()
    fixed = client.post(
        f"/api/v1/receipts/{first['code']}/reissue",
        json={"applicant": {"name": "Phan Quốc Hậu Sửa"}},
        headers=auth,
    )
    assert fixed.status_code == 200, fixed.get_json()
    new_url = fixed.get_json()["verify_url"]
    assert new_url != first["verify_url"]
    assert kept(app, new_url) == segno.make_qr(new_url, error="m", boost_error=False).mask
    headers = {**auth, "Idempotency-Key": "qr-mask-replay"}
    once = client.post("/api/v1/receipts", json=EXAMPLE, headers=headers)
    again = client.post("/api/v1/receipts", json=EXAMPLE, headers=headers)
    assert once.status_code == 201 and again.headers.get("Idempotent-Replayed") == "true"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(QrMask)) == 3


def test_a_receipt_issued_at_the_counter_has_its_mask_kept(app, officer):  # noqa: F811
    code, _ = issue_by_form(officer)
    with app.app_context():
        stored = receipts.find(code)
        verify_url = links.verify_url("http://localhost", verification.token_for(stored, runtime.signer()))
    assert kept(app, verify_url) == segno.make_qr(verify_url, error="m", boost_error=False).mask


def test_without_a_kept_mask_the_page_draws_the_same_qr_the_slow_way(app, client, issue, drawings):
    body = issue()
    url = body["verify_url"]
    with app.app_context():
        db.session.execute(delete(QrMask))
        db.session.commit()
    slow = drawn_the_slow_way(url)
    drawings.clear()
    page = client.get(local_path(url)).get_data(as_text=True)
    assert drawings == [CHOSEN, segno.make_qr(url, error="m", boost_error=False).mask]
    assert slow in page


def test_a_mask_edited_out_of_range_is_ignored_never_a_500(app, client, issue, drawings):
    body = issue()
    with app.app_context():
        db.session.execute(update(QrMask).values(mask=9))
        db.session.commit()
    slow = drawn_the_slow_way(body["verify_url"])
    drawings.clear()
    page = client.get(local_path(body["verify_url"]))
    assert page.status_code == 200 and drawings[0] == CHOSEN and drawings[1] in range(8)
    assert slow in page.get_data(as_text=True)


def test_a_mask_that_cannot_be_kept_is_logged_and_the_receipt_still_answers(
    app, client, issue, monkeypatch, caplog
):
    def refuse(data: str, mask: int) -> None:
        raise OperationalError("INSERT INTO qr_masks", {}, Exception("database is locked"))

    monkeypatch.setattr(qr_masks, "keep", refuse)
    body = issue()  # asserts the 201
    assert "QR mask" in caplog.text and body["code"] in caplog.text
    assert kept(app, body["verify_url"]) is None
    assert client.get(local_path(body["verify_url"])).status_code == 200
