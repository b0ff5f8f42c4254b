"""Amounts of money as Vietnamese papers write them: in figures ("135.000 đồng") and in words.

Money is a whole number of đồng everywhere; nothing here accepts anything else.
"""

from __future__ import annotations

from .text import money_vnd

__all__ = ["amount_words", "money_vnd"]

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ("", "nghìn", "triệu")
_BILLION = 1_000_000_000


def _ones(ones: int, tens: int) -> str:
    if ones == 1 and tens >= 2:
        return "mốt"
    if ones == 5 and tens >= 1:
        return "lăm"
    return _DIGITS[ones]


def _three(number: int, leading: bool) -> list[str]:
    """Read 1–999; a group after a higher one says its hundreds and "lẻ" ("không trăm lẻ năm")."""
    hundreds, tens, ones = number // 100, number // 10 % 10, number % 10
    words: list[str] = []
    if hundreds or not leading:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if ones and words:
            words.append("lẻ")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if ones:
        words.append(_ones(ones, tens))
    return words


def _below_billion(number: int, leading: bool) -> list[str]:
    words: list[str] = []
    for power in (2, 1, 0):
        group = number // 1000**power % 1000
        if group:
            words += _three(group, leading and not words)
            if _GROUPS[power]:
                words.append(_GROUPS[power])
    return words


def _words(number: int, leading: bool) -> list[str]:
    high, low = divmod(number, _BILLION)
    words: list[str] = []
    if high:
        words += _words(high, leading) + ["tỷ"]
    if low:
        words += _below_billion(low, leading and not words)
    return words


def amount_words(amount: int) -> str:
    """Return an amount in words, as a form writes it: 135000 -> 'Một trăm ba mươi lăm nghìn đồng'."""
    if type(amount) is not int or amount < 0:
        raise ValueError("an amount is a whole, non-negative number of đồng")
    text = " ".join(_words(amount, True)) if amount else "không"
    return f"{text[0].upper()}{text[1:]} đồng"
