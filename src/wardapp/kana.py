"""Kana folding for search: ひらがな, カタカナ and 半角ｶﾀｶﾅ all match each other.

``kana_key("やまだ　たろう") == kana_key("ﾔﾏﾀﾞ ﾀﾛｳ") == "ヤマダタロウ"``.  NFKC turns
half-width katakana (with their separate voiced marks) into full-width; hiragana are then
shifted to katakana; spaces of every width are removed because registries disagree on them.
"""

from __future__ import annotations

import re
import unicodedata

_HIRA_TO_KATA = {cp: cp + 0x60 for cp in range(0x3041, 0x3097)}
_HIRA_TO_KATA.update({0x309D: 0x30FD, 0x309E: 0x30FE})
_SPACES = {ord(c): None for c in " \u3000\t\u00a0"}
#: Whitespace of every width and control characters, removed *before* NFKC so that a stray space
#: between a kana and a half-width ﾞ/ﾟ does not stop them composing (ｶ ﾞ → ガ).
_STRIP = re.compile(r"[\s\x00-\x1f\x7f]+")


def to_katakana(text: str) -> str:
    """Full-width katakana, spacing kept (for display of カナ columns)."""
    return unicodedata.normalize("NFKC", text).translate(_HIRA_TO_KATA)


def kana_key(text: str) -> str:
    """Search key: no spaces or control characters, NFKC, hiragana → katakana, Latin upper-cased."""
    s = unicodedata.normalize("NFKC", _STRIP.sub("", text))
    return s.translate(_HIRA_TO_KATA).translate(_SPACES).upper()


def search_key(text: str) -> str:
    """Key for free-text search over names *and* kana (kanji are left as they are)."""
    return kana_key(text)


def is_kana(text: str) -> bool:
    """True when ``text`` holds only kana, the long-vowel mark, middle dot and spaces."""
    for ch in to_katakana(text):
        if ch in " \u3000・ー=＝":
            continue
        if not ("\u30a0" <= ch <= "\u30ff"):
            return False
    return True
