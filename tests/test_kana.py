"""Kana folding: ひらがな, カタカナ and 半角ｶﾀｶﾅ give the same search key."""

from __future__ import annotations

import unicodedata

import pytest
from core_helpers import FAST
from hypothesis import given
from hypothesis import strategies as st

from wardapp.kana import is_kana, kana_key, search_key, to_katakana


def _half_width_table() -> dict[str, str]:
    """Full-width katakana → its half-width spelling (voiced ones with a separate ﾞ/ﾟ)."""
    table: dict[str, str] = {}
    for cp in range(0xFF66, 0xFF9E):
        hw = chr(cp)
        table.setdefault(unicodedata.normalize("NFKC", hw), hw)
        for mark in "\uff9e\uff9f":
            composed = unicodedata.normalize("NFKC", hw + mark)
            if len(composed) == 1:
                table.setdefault(composed, hw + mark)
    return table


HALF = _half_width_table()
KATAKANA = sorted(k for k in HALF if "\u30a1" <= k <= "\u30f6")


def to_half_width(katakana: str) -> str:
    return "".join(HALF[ch] for ch in katakana)


def to_hiragana(katakana: str) -> str:
    return "".join(chr(ord(ch) - 0x60) if "\u30a1" <= ch <= "\u30f6" else ch for ch in katakana)


def test_half_width_table_is_complete() -> None:
    assert HALF["ダ"] == "ﾀﾞ" and HALF["パ"] == "ﾊﾟ" and HALF["ヴ"] == "ｳﾞ" and HALF["ー"] == "ｰ"
    assert len(KATAKANA) > 70


@pytest.mark.parametrize("spelling", [
    "やまだ　たろう", "ヤマダ　タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ", "ﾔﾏﾀﾞﾀﾛｳ", "やまだたろう", "ヤマダ タロウ",
    "ﾔﾏﾀﾞ\u3000ﾀﾛｳ", " やまだ たろう ", "ヤマ ダタ ロウ", "ﾔﾏﾀﾞ\tﾀﾛｳ", "やまだ\u00a0たろう",
    "やまだ\u2002たろう", "やまだ\u2009たろう", "ヤマダ\u3000\u3000タロウ",
])
def test_all_spellings_fold_to_the_same_key(spelling: str) -> None:
    assert kana_key(spelling) == "ヤマダタロウ"
    assert search_key(spelling) == "ヤマダタロウ"


@pytest.mark.parametrize(("text", "key"), [
    ("ﾀﾞ", "ダ"), ("ﾊﾟ", "パ"), ("ｳﾞｨ", "ヴィ"), ("ゔぃ", "ヴィ"), ("ｶﾞｯｺｳ", "ガッコウ"),
    ("ﾋﾞｰﾙ", "ビール"), ("ゐゑ", "ヰヱ"), ("ゝゞ", "ヽヾ"), ("ぁぃぅ", "ァィゥ"),
    ("smith", "SMITH"), ("ｓｍｉｔｈ　ｊｏｈｎ", "SMITHJOHN"),
])
def test_kana_key_examples(text: str, key: str) -> None:
    assert kana_key(text) == key


@FAST
@given(st.lists(st.sampled_from(KATAKANA), min_size=1, max_size=12).map("".join))
def test_three_scripts_fold_alike(katakana: str) -> None:
    key = kana_key(katakana)
    assert key == katakana
    assert kana_key(to_half_width(katakana)) == key
    assert kana_key(to_hiragana(katakana)) == key
    assert to_katakana(to_half_width(katakana)) == katakana
    assert to_katakana(to_hiragana(katakana)) == katakana


@FAST
@given(st.lists(st.sampled_from(KATAKANA), min_size=1, max_size=6).map("".join),
       st.lists(st.sampled_from(KATAKANA), min_size=1, max_size=6).map("".join),
       st.sampled_from([" ", "\u3000", "\t", "\u00a0", "  ", "\u3000 "]))
def test_spaces_never_matter(sei: str, mei: str, space: str) -> None:
    assert kana_key(sei + space + mei) == kana_key(sei + mei) == sei + mei


def test_to_katakana_keeps_spacing_but_normalises_width() -> None:
    assert to_katakana("ﾔﾏﾀﾞ ﾀﾛｳ") == "ヤマダ タロウ"
    assert to_katakana("やまだ　たろう") == "ヤマダ タロウ"  # NFKC: U+3000 becomes a space


@pytest.mark.parametrize(("text", "expected"), [
    ("ヤマダ　タロウ", True), ("やまだ たろう", True), ("ﾔﾏﾀﾞ ﾀﾛｳ", True), ("スミス・ジョン", True),
    ("ビール", True), ("ｳﾞｨｰﾅｽ", True), ("", True),
    ("山田　太郎", False), ("ヤマダ太郎", False), ("YAMADA", False), ("ヤマダ1", False),
    ("ヤマダ?", False), ("\ue000", False),
])
def test_is_kana(text: str, expected: bool) -> None:
    assert is_kana(text) is expected
