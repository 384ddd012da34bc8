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


# A space between two numbers separates them (「1-2-3 201」: 号 3, room 201); elsewhere it goes.
_SPACES = re.compile(r"\s+")


def _space(m: re.Match[str]) -> str:
    s, i, j = m.string, m.start(), m.end()
    return " " if 0 < i and j < len(s) and s[i - 1].isdigit() and s[j].isdigit() else ""


def normalize_address(text: str) -> str:
    """NFKC, hyphen variants to ``-``, no spaces but one between two numbers (the 番地 part is not rewritten)."""
    s = unicodedata.normalize("NFKC", text).translate(_HYPHEN_TABLE)
    s = _LONG_VOWEL_DASH.sub("-", s)
    return _SPACES.sub(_space, s).strip()


@dataclass(frozen=True, slots=True)
class TownEntry:
    id: int
    oaza: str
    chome: int | None
    city: str | None = None
    koaza: str | None = None


@dataclass(frozen=True, slots=True)
class TownMatch:
    """Where an address names a town: the candidate towns and the text after them.

    ``rest`` is the normalised remainder (NFKC, ``-`` hyphens, no spaces) and ``folded_rest``
    the same with ヶ/の folded, character for character, so positions in one hold in the other.
    """

    candidates: tuple[TownEntry, ...]
    rest: str
    folded_rest: str


_CHOME = re.compile(rf"^(?:大字|字)?(\d+|[{KANJI_NUMERAL_CHARS}]+)(?:丁目|-|ノ)")
_CHOME_WORD = re.compile(rf"^(?:\d+|[{KANJI_NUMERAL_CHARS}]+)丁目")
# What may stand before a town name: nothing, or a prefecture / city / ward / 郡 / 町村 / 字.
# Anything else (「西本町」, 「緑町1-2-3 コーポ本町101」) is another name, not this town.
_PREFIX_END = ("都", "道", "府", "県", "市", "区", "町", "村", "郡", "字")


class TownResolver:
    """Finds the town in an address: leftmost-longest 大字・町 name, then its 丁目.

    Several cities in one dictionary are told apart by the city name written before the
    town; when the text does not say, every candidate is returned (ambiguous, not guessed).
    """

    def __init__(self, towns: Iterable[TownEntry]) -> None:
        self._by_oaza: dict[str, list[TownEntry]] = {}
        for t in towns:
            self._by_oaza.setdefault(fold(t.oaza), []).append(t)
        names = sorted(self._by_oaza, key=len, reverse=True)
        koaza = sorted({fold(e.koaza) for es in self._by_oaza.values() for e in es if e.koaza},
                       key=len, reverse=True)
        # A town name counts only where a number, 字 (or a 小字 name), or the end follows, so that
        # a ward called 「みどり区」 does not match a town called 「みどり」.
        self._pattern = (
            re.compile("(?:大字)?(" + "|".join(re.escape(n) for n in names)
                       + rf")(?=[0-9{KANJI_NUMERAL_CHARS}]|字|大字|-|番|$"
                       + "".join("|" + re.escape(k) for k in koaza) + ")")
            if names else None
        )
        self._cache: dict[str, int | None] = {}

    def resolve(self, address: str) -> int | None:
        """The one town the address is in, or None when there is not exactly one."""
        hit = self._cache.get(address, -1)
        if hit != -1:
            return hit  # type: ignore[return-value]
        m = self.locate(address)
        result = m.candidates[0].id if m is not None and len(m.candidates) == 1 else None
        self._cache[address] = result
        return result

    def locate(self, address: str) -> TownMatch | None:
        """Candidates for the town named in ``address`` (None when no town name occurs)."""
        if self._pattern is None:
            return None
        s = normalize_address(address)
        f = s.translate(_VARIANTS)
        m = self._pattern.search(f)
        if not m:
            return None
        before = f[:m.start()]
        if before and not before.endswith(_PREFIX_END):
            return None
        entries = self._by_oaza[m.group(1)]
        cities = {e.city for e in entries}
        if len(cities) > 1:
            named = [e for e in entries if e.city and fold(e.city) in before]
            entries = named or entries
        pos = m.end()
        with_chome = [e for e in entries if e.chome is not None]
        if with_chome:
            cm = _CHOME.match(f[pos:])
            n = None
            if cm:
                raw = cm.group(1)
                try:
                    n = int(raw) if raw.isdigit() else kanji_to_int(raw)
                except ValueError:
                    n = None
            if n is not None and cm is not None:
                # "2-3-4" in a town with 丁目 means 2丁目; a number that is no 丁目 here gives no
                # candidate rather than a guess.
                entries = [e for e in with_chome if e.chome == n]
                pos += cm.end()
            else:
                entries = [e for e in entries if e.chome is None]
        elif _CHOME_WORD.match(f[pos:]):
            entries = []  # 「本町一丁目」 where 本町 has no 丁目: not its 街区 1, and not a guess
        if len(entries) > 1 and any(e.koaza for e in entries):
            tail = f[pos:]
            named = [e for e in entries if e.koaza and tail.startswith(("字" + fold(e.koaza), fold(e.koaza)))]
            if len(named) == 1:
                k = fold(named[0].koaza or "")
                pos += len(k) + (1 if tail.startswith("字") else 0)
                entries = named
        return TownMatch(tuple(entries), s[pos:], f[pos:])
