"""Japanese calendar dates (和暦) as found in registry exports, and their display.

Accepted forms (domain.md): 西暦 ``1966-11-22``, ``1966/11/22``, ``1966.11.22``, ``19661122``;
和暦 ``昭和41年11月22日`` (also 元年, full-width digits, 昭41.11.22), abbreviated ``S41.11.22`` /
``H1/1/8`` / ``R6-4-1``, and the 7-digit era-code form ``3411122`` (1 明治 2 大正 3 昭和 4 平成
5 令和) used by many 住民記録 systems.  A 和暦 date outside its era (平成1年1月7日) is an error,
not silently moved to the neighbouring era.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Era:
    name: str
    letter: str
    code: int
    start: dt.date
    end: dt.date | None  # last day, inclusive


ERAS: tuple[Era, ...] = (
    Era("明治", "M", 1, dt.date(1868, 1, 25), dt.date(1912, 7, 29)),
    Era("大正", "T", 2, dt.date(1912, 7, 30), dt.date(1926, 12, 24)),
    Era("昭和", "S", 3, dt.date(1926, 12, 25), dt.date(1989, 1, 7)),
    Era("平成", "H", 4, dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
    Era("令和", "R", 5, dt.date(2019, 5, 1), None),
)
_BY_KEY: dict[str, Era] = {}
for _e in ERAS:
    _BY_KEY[_e.name] = _e
    _BY_KEY[_e.name[0]] = _e
    _BY_KEY[_e.letter] = _e
    _BY_KEY[_e.letter.lower()] = _e
_BY_CODE = {e.code: e for e in ERAS}


class DateFormatError(ValueError):
    """The text is not a date in any accepted form; the message is Japanese."""


_SEIREKI_SEP = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_SEIREKI_KANJI = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_WAREKI = re.compile(r"^(明治|大正|昭和|平成|令和|明|大|昭|平|令|[MTSHRmtshr])\s*(\d{1,2}|元)\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?$")


def _make(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateFormatError(f"存在しない日付です（{text}）") from None


def _era_date(era: Era, year: int, month: int, day: int, text: str) -> dt.date:
    if year < 1:
        raise DateFormatError(f"和暦の年が不正です（{text}）")
    d = _make(era.start.year + year - 1, month, day, text)
    if d < era.start or (era.end is not None and d > era.end):
        raise DateFormatError(f"{era.name}の期間外の日付です（{text}）")
    return d


def parse_date(text: str) -> dt.date:
    """Parse any accepted form; raise :class:`DateFormatError` with a Japanese reason."""
    s = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if not s:
        raise DateFormatError("日付が空です")
    if s.isdigit():
        if len(s) == 8:
            return _make(int(s[:4]), int(s[4:6]), int(s[6:]), text)
        if len(s) == 7:
            era = _BY_CODE.get(int(s[0]))
            if era is None:
                raise DateFormatError(f"元号コードが不正です（{text}）: 1明治 2大正 3昭和 4平成 5令和")
            return _era_date(era, int(s[1:3]), int(s[3:5]), int(s[5:]), text)
        raise DateFormatError(f"日付の桁数が不正です（{text}）")
    m = _SEIREKI_SEP.match(s) or _SEIREKI_KANJI.match(s)
    if m:
        return _make(int(m[1]), int(m[2]), int(m[3]), text)
    m = _WAREKI.match(s)
    if m:
        era = _BY_KEY[m[1]]
        year = 1 if m[2] == "元" else int(m[2])
        return _era_date(era, year, int(m[3]), int(m[4]), text)
    raise DateFormatError(f"日付として読めません（{text}）")


def era_of(d: dt.date) -> Era:
    for era in reversed(ERAS):
        if d >= era.start:
            return era
    raise DateFormatError(f"明治より前の日付は和暦にできません（{d.isoformat()}）")


def to_wareki(d: dt.date, *, short: bool = False) -> str:
    """``昭和41年11月22日`` (or ``S41.11.22`` with ``short``); year 1 prints as 元年."""
    era = era_of(d)
    y = d.year - era.start.year + 1
    if short:
        return f"{era.letter}{y}.{d.month}.{d.day}"
    ys = "元" if y == 1 else str(y)
    return f"{era.name}{ys}年{d.month}月{d.day}日"


def age_on(birth: dt.date, on: dt.date) -> int:
    """Age in full years on ``on``.

    Tuple comparison of (month, day) gives the legal result (年齢計算ニ関スル法律) for 2月29日
    births too: in a common year they turn a year older on 3月1日.
    """
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def fiscal_year(d: dt.date) -> int:
    """年度 (April–March) as the calendar year it starts in."""
    return d.year if d.month >= 4 else d.year - 1


def fiscal_year_label(fy: int, *, gannen: bool = True) -> str:
    """``R7年度``-style label; 平成31年度 is written 令和元年度 in plans, so follow the era on 4月1日.

    ``gannen=False`` writes the first year as 1 (``R1年度``), as plans' comparison tables do
    (「H30/R1/R2/R3」), where a column of numerals reads better than 元.
    """
    era = era_of(dt.date(fy, 4, 1)) if fy != 2019 else _BY_KEY["令和"]
    y = fy - era.start.year + 1
    return f"{era.letter}{'元' if y == 1 and gannen else y}年度"
