"""Kanji numerals as written in addresses (二丁目, 十五番地, 二十三号)."""

from __future__ import annotations

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
           "壱": 1, "弐": 2, "参": 3}
_UNITS = {"十": 10, "拾": 10, "百": 100, "千": 1000}
KANJI_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS)


def kanji_to_int(text: str) -> int:
    """``"二十三"`` → 23, ``"百五"`` → 105, ``"一〇五"`` → 105 (digit-by-digit form too)."""
    if not text:
        raise ValueError("empty numeral")
    if all(ch in _DIGITS for ch in text):
        n = 0
        for ch in text:
            n = n * 10 + _DIGITS[ch]
        return n
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            raise ValueError(f"not a kanji numeral: {text}")
    return total + current
