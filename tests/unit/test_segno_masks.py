"""The fast mask choice scores every mask exactly as segno does, so it chooses segno's mask."""

from __future__ import annotations

import pytest
import segno
from hypothesis import example, given, settings
from hypothesis import strategies as st
from segno import encoder

from receipts.signing import qr, segno_masks

# A receipt's link as the QR encodes it (version 6 at M), and texts that need version 1 and version 7+.
LINK = "https://motcua.daklak.gov.vn/r/MTIzNDU2Nzg5MA.ZmVkY2JhOTg3NjU0MzIxMA-YWJjZGVmZ2hpams"
SHORT, LONG = "1", "https://motcua.daklak.gov.vn/r/" + "Zz9-_" * 40


def segno_scores(data: str) -> list[tuple[int, int, int, int]]:
    """Return the (N1, N2, N3, N4) segno computes for each mask as it chooses one."""
    seen: list[tuple[int, int, int, int]] = []
    evaluate = encoder.evaluate_mask

    def spy(matrix, width, height):
        seen.append(encoder.mask_scores(matrix, width, height))
        return evaluate(matrix, width, height)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(encoder, "evaluate_mask", spy)
        segno.make_qr(data, error="m", boost_error=False)
    assert len(seen) == 8, "segno scores each of the eight masks"
    return seen


def segno_mask(data: str) -> int:
    return int(segno.make_qr(data, error="m", boost_error=False).mask)


@pytest.mark.parametrize("data", [LINK, SHORT, LONG, "Đắk Lắk – Giấy tiếp nhận hồ sơ", "0" * 700])
def test_every_mask_is_scored_exactly_as_segno_scores_it(data):
    assert segno_masks.scores(data) == segno_scores(data)
    assert segno_masks.best_mask(data) == segno_mask(data)


def test_the_examples_cover_the_smallest_version_and_the_ones_with_version_areas():
    versions = {segno.make_qr(data, error="m", boost_error=False).version for data in (SHORT, LINK, LONG)}
    assert min(versions) == 1 and max(versions) >= 7


@pytest.mark.fuzz
@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
@example("")
def test_any_text_gets_segno_s_scores_and_mask(data):
    assert segno_masks.scores(data) == segno_scores(data)
    assert segno_masks.best_mask(data) == segno_mask(data)


def test_a_tie_goes_to_the_first_mask_as_segno_s(monkeypatch):
    monkeypatch.setattr(segno_masks, "scores", lambda data: [(9, 0, 0, 0)] * 3 + [(1, 0, 0, 0)] * 5)
    assert segno_masks.best_mask("x") == 3


def test_qr_drawn_without_a_mask_is_segno_s_own_drawing():
    qr.qr_svg.cache_clear()
    for data in (LINK, LONG):
        own = segno.make_qr(data, error="m", boost_error=False).svg_inline(
            scale=3, border=2, dark="#000", light="#fff", omitsize=False
        )
        assert qr.qr_svg(data) == own
    qr.qr_svg.cache_clear()


def test_the_installed_segno_is_supported_and_another_is_not():
    assert segno_masks.internals_missing(segno.__version__) is None
    assert "not one of the versions" in segno_masks.internals_missing("2.0.0")


def test_without_the_internals_segno_chooses_the_mask_itself(monkeypatch):
    monkeypatch.setattr(segno_masks, "INTERNALS_OK", False)
    monkeypatch.setattr(segno_masks, "scores", lambda data: pytest.fail("the internals were used"))
    assert segno_masks.best_mask(LINK) == segno_mask(LINK)


def test_a_missing_internal_is_named(monkeypatch):
    monkeypatch.delattr(encoder, "get_data_mask_functions")
    assert "get_data_mask_functions" in segno_masks.internals_missing(segno.__version__)
