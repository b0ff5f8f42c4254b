"""Amounts in words, as a Vietnamese form writes them beside the figures."""

from __future__ import annotations

import pytest

from receipts.domain.money import amount_words, money_vnd


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (1, "Một đồng"),
        (5, "Năm đồng"),
        (10, "Mười đồng"),
        (11, "Mười một đồng"),
        (15, "Mười lăm đồng"),
        (20, "Hai mươi đồng"),
        (21, "Hai mươi mốt đồng"),
        (25, "Hai mươi lăm đồng"),
        (24, "Hai mươi bốn đồng"),
        (100, "Một trăm đồng"),
        (105, "Một trăm lẻ năm đồng"),
        (110, "Một trăm mười đồng"),
        (8000, "Tám nghìn đồng"),
        (135000, "Một trăm ba mươi lăm nghìn đồng"),
        (1_000_000, "Một triệu đồng"),
        (1_005_000, "Một triệu không trăm lẻ năm nghìn đồng"),
        (1_000_050, "Một triệu không trăm năm mươi đồng"),
        (1_500_000, "Một triệu năm trăm nghìn đồng"),
        (1_000_000_005, "Một tỷ không trăm lẻ năm đồng"),
        (10_000_000_000, "Mười tỷ đồng"),
        (2_000_000_000_000, "Hai nghìn tỷ đồng"),
    ],
)
def test_amounts_read_as_vietnamese_writes_them(amount, words):
    assert amount_words(amount) == words


@pytest.mark.parametrize("amount", [-1, 1.0, "135000"])
def test_only_whole_non_negative_dong_are_read(amount):
    with pytest.raises(ValueError, match="whole"):
        amount_words(amount)  # type: ignore[arg-type]


def test_figures_have_dots_between_thousands():
    assert money_vnd(135000) == "135.000 đồng"
    assert money_vnd(1_500_000) == "1.500.000 đồng"
