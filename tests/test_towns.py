"""Town-level address resolution: spelling variants absorbed, never a guess."""

from __future__ import annotations

import pytest

from wardapp.address.numerals import kanji_to_int
from wardapp.address.towns import TownEntry, TownResolver, fold, normalize_address

TOWNS = [
    TownEntry(1, "みどり", 1), TownEntry(2, "みどり", 2), TownEntry(3, "みどり", 3),
    TownEntry(11, "桜台", 1), TownEntry(12, "桜台", 2), TownEntry(13, "桜台", 12),
    TownEntry(20, "新田", None),
    TownEntry(30, "霞ケ丘", 1), TownEntry(31, "霞ケ丘", 2),
    TownEntry(40, "本町", None), TownEntry(41, "本町東", 1),
    TownEntry(50, "ユーカリが丘", 4),
    TownEntry(60, "下の宮", None),
]


@pytest.fixture(scope="module")
def resolver() -> TownResolver:
    return TownResolver(TOWNS)


@pytest.mark.parametrize(("address", "town"), [
    # 丁目 in 漢数字, 算用数字, full-width digits, and the 「2-3-4」 form
    ("みどり二丁目3番4号", 2),
    ("みどり2丁目3番4号", 2),
    ("みどり２丁目３番４号", 2),
    ("みどり2-3-4", 2),
    ("みどり２－３－４", 2),
    ("みどり2ー3ー4", 2),
    ("みどり2ｰ3ｰ4", 2),
    ("みどり2−3−4", 2),
    ("みどり 三丁目 1-1", 3),
    ("みどり一丁目", 1),
    ("桜台十二丁目1番", 13),
    ("桜台12-1-1", 13),
    ("桜台一二丁目", 13),
    ("桜台1-2-3", 11),
    # ヶ/ケ/が and half-width
    ("霞ヶ丘1丁目5-6", 30),
    ("霞ケ丘1丁目5-6", 30),
    ("霞が丘二丁目", 31),
    ("霞ｹ丘2-1", 31),
    ("霞ヵ丘1-1", 30),
    # 大字/字 prefixes and 字 after the town
    ("大字新田123番地", 20),
    ("新田123番地", 20),
    ("字新田123", 20),
    ("新田字北谷123", 20),
    ("大字新田字北谷123-4", 20),
    ("新田", 20),
    # a prefix of prefecture / city / ward, including a ward whose name contains the town name
    ("東京都みどり区みどり二丁目3番4号", 2),
    ("東京都みどり区 桜台1-2-3", 11),
    ("みどり市みどり区みどり1-1", 1),
    # the longer town wins over its prefix
    ("本町東一丁目5", 41),
    ("本町5番地", 40),
    # long vowel mark inside a town name (not a hyphen), の/之/ノ
    ("ユーカリが丘4丁目1-1", 50),
    ("ﾕｰｶﾘｶﾞ丘4-1-1", 50),
    ("下ノ宮12", 60),
    ("下之宮12", 60),
])
def test_resolves(resolver: TownResolver, address: str, town: int) -> None:
    assert resolver.resolve(address) == town


@pytest.mark.parametrize("address", [
    "みどり五丁目1-1",   # no such 丁目
    "みどり9-1-1",
    "桜台百丁目",
    "みどり3番地",        # a town with 丁目 but none given: not a guess
    "みどり",
    "あおば一丁目1-1",   # unknown town
    "東京都みどり区",     # only the ward, which merely contains a town name
    "みどり区役所",
    "",
    "本町東5番地",        # 本町東 has 丁目 only
])
def test_unresolvable_gives_none(resolver: TownResolver, address: str) -> None:
    assert resolver.resolve(address) is None


def test_no_towns_resolves_nothing() -> None:
    assert TownResolver([]).resolve("みどり二丁目") is None


def test_results_are_cached_consistently(resolver: TownResolver) -> None:
    for _ in range(2):
        assert resolver.resolve("みどり二丁目") == 2
        assert resolver.resolve("あおば") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("みどり２－３－４", "みどり2-3-4"),
    ("桜台 1‐2‐3", "桜台1-2-3"),
    ("ユーカリが丘4ー1", "ユーカリが丘4-1"),
    ("グリーンコーポ101", "グリーンコーポ101"),
    ("二ー三", "二-三"),
])
def test_normalize_address(text: str, expected: str) -> None:
    assert normalize_address(text) == expected


@pytest.mark.parametrize(("a", "b"), [
    ("霞ヶ丘", "霞ケ丘"), ("霞が丘", "霞ケ丘"), ("霞ガ丘", "霞ケ丘"), ("下の宮", "下ノ宮"),
    ("下之宮", "下ノ宮"), ("霞 ｹ 丘", "霞ケ丘"),
])
def test_fold(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(("text", "n"), [
    ("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("百", 100),
    ("百五", 105), ("一〇五", 105), ("三百二十一", 321), ("千二百", 1200), ("弐拾参", 23), ("一二", 12),
])
def test_kanji_to_int(text: str, n: int) -> None:
    assert kanji_to_int(text) == n


@pytest.mark.parametrize("text", ["", "二x", "丁目"])
def test_kanji_to_int_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        kanji_to_int(text)
