"""和暦 and 西暦 dates as registry exports write them (domain.md, docs/registry-format.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from core_helpers import FAST
from hypothesis import given
from hypothesis import strategies as st

from wardapp.wareki import (
    ERAS,
    DateFormatError,
    age_on,
    era_of,
    fiscal_year,
    fiscal_year_label,
    parse_date,
    to_wareki,
)

D = dt.date


@pytest.mark.parametrize(("text", "expected"), [
    # 西暦 with every separator, or none, or 年月日
    ("1966-11-22", D(1966, 11, 22)),
    ("1966/11/22", D(1966, 11, 22)),
    ("1966.11.22", D(1966, 11, 22)),
    ("19661122", D(1966, 11, 22)),
    ("1966年11月22日", D(1966, 11, 22)),
    ("2024/2/9", D(2024, 2, 9)),
    ("１９６６－１１－２２", D(1966, 11, 22)),
    ("１９６６年１１月２２日", D(1966, 11, 22)),
    ("  1966-11-22 ", D(1966, 11, 22)),
    # 和暦 in kanji, 元年, full-width digits, one-kanji era
    ("昭和41年11月22日", D(1966, 11, 22)),
    ("昭和４１年１１月２２日", D(1966, 11, 22)),
    ("昭和 41年 11月 22日", D(1966, 11, 22)),
    ("平成元年1月8日", D(1989, 1, 8)),
    ("令和元年5月1日", D(2019, 5, 1)),
    ("令和6年4月1日", D(2024, 4, 1)),
    ("明治45年7月29日", D(1912, 7, 29)),
    ("大正元年7月30日", D(1912, 7, 30)),
    ("大正15年12月24日", D(1926, 12, 24)),
    ("昭和元年12月25日", D(1926, 12, 25)),
    ("昭41.11.22", D(1966, 11, 22)),
    ("平成31年4月30日", D(2019, 4, 30)),
    # abbreviations, upper and lower case, any separator
    ("S41.11.22", D(1966, 11, 22)),
    ("s41.11.22", D(1966, 11, 22)),
    ("H1/1/8", D(1989, 1, 8)),
    ("R6-4-1", D(2024, 4, 1)),
    ("R06.04.01", D(2024, 4, 1)),
    ("Ｒ６．４．１", D(2024, 4, 1)),
    ("T1.7.30", D(1912, 7, 30)),
    ("M33.1.1", D(1900, 1, 1)),
    # 7-digit era code: 1 明治 2 大正 3 昭和 4 平成 5 令和 + YYMMDD
    ("3411122", D(1966, 11, 22)),
    ("1330101", D(1900, 1, 1)),
    ("2010730", D(1912, 7, 30)),
    ("3640107", D(1989, 1, 7)),
    ("4010108", D(1989, 1, 8)),
    ("4310430", D(2019, 4, 30)),
    ("5010501", D(2019, 5, 1)),
    ("5060401", D(2024, 4, 1)),
    ("３４１１１２２", D(1966, 11, 22)),
])
def test_accepted_forms(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("昭和64年1月7日", D(1989, 1, 7)),   # last day of 昭和
    ("平成元年1月8日", D(1989, 1, 8)),    # first day of 平成
    ("平成31年4月30日", D(2019, 4, 30)),  # last day of 平成
    ("令和1年5月1日", D(2019, 5, 1)),     # first day of 令和
    ("令和元年5月1日", D(2019, 5, 1)),
    ("大正15年12月24日", D(1926, 12, 24)),
    ("昭和元年12月25日", D(1926, 12, 25)),
])
def test_era_boundaries_inside(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", [
    "平成1年1月7日",     # still 昭和 on that day: never moved to the neighbouring era
    "平成元年1月7日",
    "H1.1.7",
    "4010107",
    "昭和64年1月8日",    # already 平成
    "S64.1.8",
    "3640108",
    "平成31年5月1日",    # already 令和
    "H31.5.1",
    "4310501",
    "令和1年4月30日",    # still 平成
    "R1.4.30",
    "5010430",
    "大正15年12月25日",  # already 昭和
    "昭和元年12月24日",  # still 大正
    "明治1年1月1日",     # before 明治 began (1868-01-25)
    "明治45年7月30日",   # already 大正
])
def test_dates_outside_their_era_are_errors(text: str) -> None:
    with pytest.raises(DateFormatError, match="期間外"):
        parse_date(text)


@pytest.mark.parametrize("text", [
    "2023-02-29", "2001-02-30", "20010230", "2024/4/31", "2024-13-01", "2024-00-10", "2024-01-00",
    "平成13年2月30日", "H13.2.30", "4130230", "昭和41年13月1日",
])
def test_nonexistent_dates_are_errors(text: str) -> None:
    with pytest.raises(DateFormatError, match="存在しない日付"):
        parse_date(text)


@pytest.mark.parametrize(("text", "fragment"), [
    ("", "空"),
    ("   ", "空"),
    ("昭和", "読めません"),
    ("1966-11", "読めません"),
    ("66/11/22", "読めません"),
    ("X41.11.22", "読めません"),
    ("令和六年四月一日", "読めません"),
    ("123456", "桁数"),
    ("123456789", "桁数"),
    ("6010101", "元号コード"),   # no era 6
    ("0410101", "元号コード"),
    ("4000101", "和暦の年"),     # 平成0年
    ("平成0年1月8日", "和暦の年"),
])
def test_unreadable_dates_name_the_reason(text: str, fragment: str) -> None:
    with pytest.raises(DateFormatError, match=fragment):
        parse_date(text)


def test_error_message_quotes_the_input() -> None:
    with pytest.raises(DateFormatError) as e:
        parse_date("平成31年5月1日")
    assert "平成31年5月1日" in str(e.value) and "平成" in str(e.value)


DATES = st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31))


@FAST
@given(DATES)
def test_round_trip_kanji_form(d: dt.date) -> None:
    text = to_wareki(d)
    assert parse_date(text) == d
    assert text.startswith(era_of(d).name)


@FAST
@given(DATES)
def test_round_trip_short_form(d: dt.date) -> None:
    assert parse_date(to_wareki(d, short=True)) == d


@FAST
@given(DATES)
def test_round_trip_era_code_form(d: dt.date) -> None:
    era = era_of(d)
    code = f"{era.code}{d.year - era.start.year + 1:02d}{d.month:02d}{d.day:02d}"
    assert len(code) == 7
    assert parse_date(code) == d


@FAST
@given(DATES)
def test_round_trip_seireki_forms(d: dt.date) -> None:
    for text in (d.isoformat(), d.strftime("%Y/%m/%d"), d.strftime("%Y%m%d"),
                 f"{d.year}.{d.month}.{d.day}", f"{d.year}年{d.month}月{d.day}日"):
        assert parse_date(text) == d


@FAST
@given(DATES)
def test_era_of_agrees_with_era_table(d: dt.date) -> None:
    era = era_of(d)
    assert era.start <= d
    assert era.end is None or d <= era.end


def test_eras_are_contiguous() -> None:
    for a, b in zip(ERAS, ERAS[1:]):
        assert a.end is not None and b.start == a.end + dt.timedelta(days=1)


@pytest.mark.parametrize(("d", "text", "short"), [
    (D(1989, 1, 7), "昭和64年1月7日", "S64.1.7"),
    (D(1989, 1, 8), "平成元年1月8日", "H1.1.8"),
    (D(2019, 4, 30), "平成31年4月30日", "H31.4.30"),
    (D(2019, 5, 1), "令和元年5月1日", "R1.5.1"),
    (D(2024, 4, 1), "令和6年4月1日", "R6.4.1"),
    (D(1966, 11, 22), "昭和41年11月22日", "S41.11.22"),
])
def test_to_wareki(d: dt.date, text: str, short: str) -> None:
    assert to_wareki(d) == text
    assert to_wareki(d, short=True) == short


def test_to_wareki_before_meiji_is_an_error() -> None:
    with pytest.raises(DateFormatError):
        to_wareki(D(1868, 1, 24))


@pytest.mark.parametrize(("birth", "on", "age"), [
    (D(2000, 5, 10), D(2000, 5, 10), 0),
    (D(2000, 5, 10), D(2010, 5, 9), 9),
    (D(2000, 5, 10), D(2010, 5, 10), 10),
    (D(1959, 4, 1), D(2024, 3, 31), 64),
    (D(1959, 4, 1), D(2024, 4, 1), 65),
    # 2月29日生まれ: one year older on 3月1日 in a common year, on 2月29日 in a leap year
    (D(2000, 2, 29), D(2001, 2, 28), 0),
    (D(2000, 2, 29), D(2001, 3, 1), 1),
    (D(2000, 2, 29), D(2004, 2, 28), 3),
    (D(2000, 2, 29), D(2004, 2, 29), 4),
    (D(2000, 2, 29), D(2023, 2, 28), 22),
    (D(2000, 2, 29), D(2023, 3, 1), 23),
    (D(1999, 12, 31), D(2000, 1, 1), 0),
    (D(1999, 12, 31), D(2000, 12, 31), 1),
])
def test_age_on(birth: dt.date, on: dt.date, age: int) -> None:
    assert age_on(birth, on) == age


@FAST
@given(DATES, st.integers(min_value=0, max_value=120))
def test_age_on_birthday_anniversary(birth: dt.date, years: int) -> None:
    try:
        anniversary = birth.replace(year=birth.year + years)
    except ValueError:  # 2月29日 in a common year: the birthday counts from 3月1日
        anniversary = D(birth.year + years, 3, 1)
    assert age_on(birth, anniversary) == years
    if years:
        assert age_on(birth, anniversary - dt.timedelta(days=1)) == years - 1


@pytest.mark.parametrize(("d", "fy"), [
    (D(2025, 3, 31), 2024),
    (D(2025, 4, 1), 2025),
    (D(2025, 1, 1), 2024),
    (D(2024, 12, 31), 2024),
    (D(2019, 4, 30), 2019),
    (D(2019, 5, 1), 2019),
    (D(2020, 3, 31), 2019),
])
def test_fiscal_year(d: dt.date, fy: int) -> None:
    assert fiscal_year(d) == fy


@pytest.mark.parametrize(("fy", "label"), [
    (2019, "R元年度"),  # 平成31年4月に始まるが、計画書では令和元年度と書く
    (2018, "H30年度"),
    (2020, "R2年度"),
    (2025, "R7年度"),
    (1989, "H元年度"),
    (1988, "S63年度"),
])
def test_fiscal_year_label(fy: int, label: str) -> None:
    assert fiscal_year_label(fy) == label


def test_fiscal_year_label_for_comparison_columns_uses_numerals() -> None:
    assert [fiscal_year_label(y, gannen=False) for y in (2018, 2019, 2020)] == ["H30年度", "R1年度", "R2年度"]


@pytest.mark.parametrize(("d", "label"), [
    (D(2026, 3, 31), "R7年度"),
    (D(2026, 4, 1), "R8年度"),
    (D(2019, 4, 1), "R元年度"),
    (D(2020, 3, 31), "R元年度"),
    (D(2019, 3, 31), "H30年度"),
])
def test_fiscal_year_label_at_the_april_boundary(d: dt.date, label: str) -> None:
    assert fiscal_year_label(fiscal_year(d)) == label
