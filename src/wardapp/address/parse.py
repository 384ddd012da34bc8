"""Reading the numbers of an address after its town: 街区/号 or 地番, and a trailing 方書.

Registry exports write the same place many ways (domain.md): 「桜台二丁目3番4号」,
「桜台2丁目3-4」, 「桜台２－３－４」, 「桜台二丁目３番地４」, 「桜台2-3-4 さくらハイツ201」,
「大字架空原字北谷123番地4」.  After :class:`wardapp.address.towns.TownResolver` has found the
town (and its 丁目), this module reduces the rest to numbers the dictionary can look up.  It
reads only what the text says: a number it cannot read stays unread, and the matcher falls
back to a coarser level rather than guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wardapp.address.numerals import KANJI_NUMERAL_CHARS, kanji_to_int

_KANJI = f"[{KANJI_NUMERAL_CHARS}]"


@dataclass(frozen=True, slots=True)
class _Patterns:
    residence: re.Pattern[str]
    block_only: re.Pattern[str]
    parcel: re.Pattern[str]


def _patterns(num: str, digit: str) -> _Patterns:
    """The three readings for numbers written in one script (算用数字 or 漢数字).

    ``digit`` is what may not follow a number: its own digits (after 漢数字, any digit at all).

    The numbers of one address are read in one script, so that a 方書 that begins with a
    kanji numeral (「2番 三井ハイツ」, 「123番地 一ノ瀬荘」) is not read as 号 3 or 枝番 1.
    A number followed by 号室/室 is a room, not a 号 or 枝番 (「123番地201号室」).
    """
    whole = rf"(?!{digit})(?!号?室)"
    return _Patterns(
        # 住居表示: 街区符号 then 住居番号 with an optional 枝番 (3番4-2号 / 3-4-2 / 3の4 / 3番地の4).
        re.compile(rf"^(?P<block>{num})(?:番地?ノ?|-|ノ)(?P<res>{num}){whole}"
                   rf"(?:(?:-|ノ)(?P<res2>{num}){whole})?号?"),
        re.compile(rf"^(?P<block>{num})(?:番地?|-)?(?!{digit})"),
        # 地番: 123番地4 / 123-4 / 123番4号 / 123番地 / 123
        re.compile(rf"^(?P<main>{num})(?:番地?ノ?|-|ノ)?(?:(?P<sub>{num}){whole}(?:番地|号)?)?"),
    )


_ARABIC = _patterns(r"\d+", r"\d")
_KANJI_PATTERNS = _patterns(f"{_KANJI}+", f"[0-9{KANJI_NUMERAL_CHARS}]")

_KOAZA = re.compile(r"^字[^\d]+?(?=\d)")


def to_int(token: str) -> int:
    return int(token) if token.isdigit() else kanji_to_int(token)


@dataclass(frozen=True, slots=True)
class AddressParts:
    """What the text after the town says, in numbers.

    ``block``/``residence`` for 住居表示 areas, ``parcel`` (``"123-4"``) for 地番 areas;
    ``building`` is whatever follows the numbers (a 方書 glued onto the address).
    """

    block: str | None = None
    residence: str | None = None
    parcel: str | None = None
    building: str | None = None


def parse_rest(rest: str, folded_rest: str, *, residential: bool) -> AddressParts:
    """Read the numbers at the start of ``folded_rest``; the building comes from ``rest``.

    ``residential``: the town uses 住居表示 (街区 + 号) rather than 地番.
    """
    s = folded_rest
    k = _KOAZA.match(s)
    if k:  # a 字 the dictionary does not hold: 地番 are unique within the 大字 anyway
        s, rest = s[k.end():], rest[k.end():]
    pat = _ARABIC if s[:1].isdigit() else _KANJI_PATTERNS
    if residential:
        m = pat.residence.match(s)
        if m:
            res = str(to_int(m["res"])) + (f"-{to_int(m['res2'])}" if m["res2"] else "")
            return AddressParts(str(to_int(m["block"])), res, None, _building(rest[m.end():]))
        m = pat.block_only.match(s)
        if m:
            return AddressParts(str(to_int(m["block"])), None, None, _building(rest[m.end():]))
        return AddressParts(building=_building(rest))
    m = pat.parcel.match(s)
    if m and m.end() > 0 and m["main"]:
        main = str(to_int(m["main"]))
        parcel = main + (f"-{to_int(m['sub'])}" if m["sub"] else "")
        return AddressParts(main, None, parcel, _building(rest[m.end():]))
    return AddressParts(building=_building(rest))


def _building(tail: str) -> str | None:
    tail = tail.strip(" -,、")
    return tail or None
