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

_NUM = rf"(?:\d+|[{KANJI_NUMERAL_CHARS}]+)"
# 住居表示: 街区符号 then 住居番号 with an optional 枝番 (3番4-2号 / 3-4-2 / 3の4).
_RESIDENCE = re.compile(
    rf"^(?P<block>{_NUM})(?:番地?|-|ノ)(?P<res>{_NUM})(?:(?:-|ノ)(?P<res2>{_NUM}))?号?"
)
_BLOCK_ONLY = re.compile(rf"^(?P<block>{_NUM})(?:番地?|-)?(?![0-9{KANJI_NUMERAL_CHARS}])")
# 地番: 123番地4 / 123-4 / 123番4号 / 123番地 / 123
_PARCEL = re.compile(rf"^(?P<main>{_NUM})(?:番地?ノ?|-|ノ)?(?:(?P<sub>{_NUM})(?:番地|号)?)?")

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
    if residential:
        m = _RESIDENCE.match(s)
        if m:
            res = str(to_int(m["res"])) + (f"-{to_int(m['res2'])}" if m["res2"] else "")
            return AddressParts(str(to_int(m["block"])), res, None, _building(rest[m.end():]))
        m = _BLOCK_ONLY.match(s)
        if m:
            return AddressParts(str(to_int(m["block"])), None, None, _building(rest[m.end():]))
        return AddressParts(building=_building(rest))
    m = _PARCEL.match(s)
    if m and m.end() > 0 and m["main"]:
        main = str(to_int(m["main"]))
        parcel = main + (f"-{to_int(m['sub'])}" if m["sub"] else "")
        return AddressParts(main, None, parcel, _building(rest[m.end():]))
    return AddressParts(building=_building(rest))


def _building(tail: str) -> str | None:
    tail = tail.strip(" -,、")
    return tail or None
