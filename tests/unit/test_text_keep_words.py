"""Units' names in the forms' header break between words only: compound words stay on one line."""

from __future__ import annotations

from receipts.domain.text import KEPT_TOGETHER, keep_words

NBSP = "\u00a0"


def test_the_syllables_of_a_compound_word_are_joined_by_no_break_spaces():
    assert keep_words("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG") == NBSP.join(["TRUNG", "TÂM"]) + " " + NBSP.join(
        ["PHỤC", "VỤ"]
    ) + " " + NBSP.join(["HÀNH", "CHÍNH", "CÔNG"])


def test_the_longest_compound_is_kept_whole_and_other_words_still_break():
    assert keep_words("SỞ TÀI CHÍNH TỈNH HÀ NỘI") == f"SỞ TÀI{NBSP}CHÍNH TỈNH HÀ{NBSP}NỘI"
    assert keep_words("UBND XÃ EA KAO") == "UBND XÃ EA KAO"


def test_every_listed_word_is_kept_together_wherever_it_stands():
    for word in KEPT_TOGETHER:
        kept = keep_words(f"A {word} B")
        assert kept == f"A {word.replace(' ', NBSP)} B"
