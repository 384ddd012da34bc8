"""Resolving a registry address string to its 町字 (town).

This is the town-level step of address matching: enough to group and filter households by
町字 right after a registry import.  Spelling variants absorbed here: 全角/半角, 漢数字 丁目,
``2-`` for 二丁目, ヶ/ケ/が, spaces, a leading prefecture/city/ward part, and 大字/字.  A name
that cannot be resolved to exactly one town gives ``None`` — never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from wardapp.address.numerals import KANJI_NUMERAL_CHARS, kanji_to_int

_HYPHENS = "－‐−ー―ｰ‑–—"
_HYPHEN_TABLE = {ord(c): "-" for c in _HYPHENS if c not in "ーｰ"}
# ー/ｰ is also the katakana long-vowel mark (グリーンコーポ): a hyphen only between numbers.
_LONG_VOWEL_DASH = re.compile(rf"(?<=[0-9{KANJI_NUMERAL_CHARS}])[ーｰ](?=[0-9{KANJI_NUMERAL_CHARS}])")
_VARIANTS = {ord("ヶ"): "ケ", ord("ヵ"): "ケ", ord("が"): "ケ", ord("ガ"): "ケ", ord("之"): "ノ", ord("の"): "ノ"}


def fold(text: str) -> str:
    """Matching key for place names: NFKC, no spaces, ヶ/ケ/が and の/ノ folded."""
    s = unicodedata.normalize("NFKC", text)
    s = re.sub(r"\s+", "", s)
    return s.translate(_VARIANTS)


def normalize_address(text: str) -> str:
    """NFKC, hyphen variants to ``-``, no spaces (the 番地 part is not rewritten here)."""
    s = unicodedata.normalize("NFKC", text).translate(_HYPHEN_TABLE)
    s = _LONG_VOWEL_DASH.sub("-", s)
    return re.sub(r"\s+", "", s)


@dataclass(frozen=True, slots=True)
class TownEntry:
    id: int
    oaza: str
    chome: int | None


_CHOME = re.compile(rf"^(?:大字|字)?(\d+|[{KANJI_NUMERAL_CHARS}]+)(?:丁目|-)")


class TownResolver:
    """Finds the town in an address: leftmost-longest 大字・町 name, then its 丁目."""

    def __init__(self, towns: Iterable[TownEntry]) -> None:
        self._by_oaza: dict[str, dict[int | None, int]] = {}
        for t in towns:
            self._by_oaza.setdefault(fold(t.oaza), {})[t.chome] = t.id
        names = sorted(self._by_oaza, key=len, reverse=True)
        # A town name counts only where a number, 字 or the end follows, so that a ward called
        # 「みどり区」 does not match a town called 「みどり」.
        self._pattern = (
            re.compile("(?:大字)?(" + "|".join(re.escape(n) for n in names)
                       + rf")(?=[0-9{KANJI_NUMERAL_CHARS}]|字|大字|-|番|$)")
            if names else None
        )
        self._cache: dict[str, int | None] = {}

    def resolve(self, address: str) -> int | None:
        hit = self._cache.get(address, -1)
        if hit != -1:
            return hit  # type: ignore[return-value]
        result = self._resolve(address)
        self._cache[address] = result
        return result

    def _resolve(self, address: str) -> int | None:
        if self._pattern is None:
            return None
        s = fold(normalize_address(address))
        m = self._pattern.search(s)
        if not m:
            return None
        chomes = self._by_oaza[m.group(1)]
        rest = s[m.end():]
        if list(chomes) == [None]:
            return chomes[None]
        cm = _CHOME.match(rest)
        if cm:
            raw = cm.group(1)
            try:
                n = int(raw) if raw.isdigit() else kanji_to_int(raw)
            except ValueError:
                return None
            if n in chomes:
                return chomes[n]
            # "2-3-4" in a town with 丁目 means 2丁目; a number that is no 丁目 here is not a guess.
            return None
        return chomes.get(None)
