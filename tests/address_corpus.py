"""Address-matching corpus: a fictional 住所辞書 and the spellings a registry writes for it.

Everything here is invented (架空): 埼玉県架空市 and 仮想市 do not exist, and neither do their towns.
The dictionary is small but holds every situation the matcher must handle:

- 住居表示 towns with 丁目: 桜台一〜三丁目, 霞ケ丘一・二丁目 (霞ヶ丘/霞が丘 …), 本町 (no 丁目)
  next to 本町東一丁目 (a prefix trap), 下ノ宮 (の/之/ノ), 神明一丁目 (written with the
  compatibility ideograph 神 U+FA19 too), 高田 and 山崎 (異体字 髙/﨑/嵜: a known gap);
- 地番 towns: 大字架空原 split into 字北谷 and 字宮前 (parcel 123 in both), 大字新田 in two
  cities (架空市 and 仮想市); 番地 points are level ``block``, 枝番 points level
  ``residence``, as ``wardapp.demo.geography`` stores them;
- one 街区 described by two datasets a few metres apart (ABR wins), one 街区 with two points
  500 m apart (ambiguous), an abolished 号 point and an abolished town, and towns with no
  point but the town's representative (霞ケ丘二丁目) or with a town-level point (桜台).

Each corpus entry gives the address as a registry would write it and what matching must
return: status, level, the point (a key of :data:`POINTS`, ``"T:<town>"`` for a town's
representative point, or a tuple of keys for the candidates of an ambiguous address), and
the 方書 split off the end (NFKC, spaces removed).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import insert

from wardapp.address.matcher import Gazetteer
from wardapp.store import AddressPoint, Store, Town

PAST = dt.date(2019, 4, 1)


@dataclass(frozen=True)
class FTown:
    key: str
    oaza: str
    chome: int | None
    residential: bool = True
    city: str = "架空市"
    koaza: str | None = None
    valid_to: dt.date | None = None


@dataclass(frozen=True)
class FPoint:
    key: str
    town: str
    level: str
    block: str | None = None
    residence: str | None = None
    parcel: str | None = None
    dataset: str = "abr-residence"
    offset_m: tuple[float, float] = (0.0, 0.0)
    valid_to: dt.date | None = None


TOWNS: tuple[FTown, ...] = (
    FTown("桜台1", "桜台", 1), FTown("桜台2", "桜台", 2), FTown("桜台3", "桜台", 3),
    FTown("霞ケ丘1", "霞ケ丘", 1), FTown("霞ケ丘2", "霞ケ丘", 2),
    FTown("本町", "本町", None), FTown("本町東1", "本町東", 1),
    FTown("下ノ宮", "下ノ宮", None), FTown("神明1", "神明", 1),
    FTown("高田", "高田", None), FTown("山崎", "山崎", None),
    FTown("北谷", "架空原", None, residential=False, koaza="北谷"),
    FTown("宮前", "架空原", None, residential=False, koaza="宮前"),
    FTown("新田", "新田", None, residential=False),
    FTown("仮想新田", "新田", None, residential=False, city="仮想市"),
    FTown("旧町", "旧町", None, valid_to=PAST),
)


def _res(town: str, block: int, numbers: range | list[int | str]) -> list[FPoint]:
    return [FPoint(f"{town}-{block}-{n}", town, "residence", str(block), str(n)) for n in numbers]


def _blocks(town: str, numbers: range | list[int], dataset: str = "abr-block") -> list[FPoint]:
    return [FPoint(f"{town}-{b}", town, "block", str(b), dataset=dataset) for b in numbers]


def _parcels(town: str, parcels: list[str]) -> list[FPoint]:
    # 番地 → level block (block = 番地); 番地-枝番 → level residence (block, residence = 枝番).
    out = []
    for p in parcels:
        main, _, sub = p.partition("-")
        out.append(FPoint(f"{town}{p}", town, "residence" if sub else "block", main, sub or None, p,
                          dataset="abr-parcel"))
    return out


POINTS: tuple[FPoint, ...] = (
    # 桜台一丁目: a town-level point; 街区 1–6; 号 in 2 and 3 (3-4-2 is an 枝番 of its own).
    FPoint("桜台1@town", "桜台1", "town", dataset="isj-town"),
    *_blocks("桜台1", [1, 2, 3, 4, 6]),
    # 街区 5 in two datasets 5 m apart: one place, ABR wins.
    FPoint("桜台1-5", "桜台1", "block", "5", dataset="abr-block"),
    FPoint("桜台1-5@isj", "桜台1", "block", "5", dataset="isj-block", offset_m=(3.0, 4.0)),
    *_res("桜台1", 2, range(1, 13)),
    *_res("桜台1", 3, [1, 2, 3, 4, "4-2", 5]),
    # 桜台二丁目: 街区 9 has two points 500 m apart (ambiguous); 3 has 号 1–25.
    FPoint("桜台2@town", "桜台2", "town", dataset="isj-town"),
    *_blocks("桜台2", [b for b in range(1, 16) if b != 9]),
    FPoint("桜台2-9a", "桜台2", "block", "9", dataset="isj-block"),
    FPoint("桜台2-9b", "桜台2", "block", "9", dataset="isj-block", offset_m=(300.0, 400.0)),
    *_res("桜台2", 1, range(1, 4)),
    *_res("桜台2", 3, range(1, 26)),
    *_res("桜台2", 15, range(1, 6)),
    # 桜台三丁目: 号 7-7 was abolished (住居表示 changed), 7-8 is current.
    FPoint("桜台3@town", "桜台3", "town", dataset="isj-town"),
    *_blocks("桜台3", range(1, 9)),
    FPoint("桜台3-7-7", "桜台3", "residence", "7", "7", valid_to=PAST),
    *_res("桜台3", 7, [8]),
    *_res("桜台3", 2, range(1, 4)),
    # 霞ケ丘一丁目: no town-level point (the town's representative is used); 霞ケ丘二丁目: nothing.
    *_blocks("霞ケ丘1", range(1, 7)),
    *_res("霞ケ丘1", 1, range(1, 4)),
    *_res("霞ケ丘1", 5, range(1, 9)),
    # 本町 (no 丁目) and 本町東一丁目.
    *_blocks("本町", range(1, 13)),
    *_res("本町", 1, range(1, 11)),
    *_res("本町", 5, range(1, 4)),
    *_res("本町", 12, range(1, 4)),
    *_blocks("本町東1", range(1, 4)),
    *_res("本町東1", 1, range(1, 6)),
    *_blocks("下ノ宮", range(1, 4)),
    *_res("下ノ宮", 2, range(1, 4)),
    *_blocks("神明1", [1, 2]),
    *_res("神明1", 1, range(1, 4)),
    *_blocks("高田", [1, 2]),
    *_res("高田", 1, range(1, 4)),
    *_blocks("山崎", [1]),
    *_res("山崎", 1, [1, 2]),
    # 地番: 123 exists under both 字 of 大字架空原; 100 under 新田 of both cities.
    *_parcels("北谷", ["123", "123-4", "125", "200", "105", "1024", "1024-1"]),
    *_parcels("宮前", ["123", "300", "300-2"]),
    *_parcels("新田", ["100", "100-1", "150"]),
    *_parcels("仮想新田", ["100", "210"]),
    # An abolished town keeps its points in the store; they must not be used.
    *_blocks("旧町", [1]),
    *_res("旧町", 1, [1]),
)

#: Representative (lat, lon) of each town; points sit around it.
_BASE = {t.key: (35.85 + 0.004 * (i // 4), 139.40 + 0.005 * (i % 4)) for i, t in enumerate(TOWNS)}


def _where(p: FPoint, index: int) -> tuple[float, float]:
    lat0, lon0 = _BASE[p.town]
    # Distinct points sit ≥ 40 m apart; offset_m moves a point north/east by metres.
    step = 0.0004 * (index % 7) + 0.0003 * (index // 7 % 5)
    north, east = p.offset_m
    return (lat0 + step + north / 111_000, lon0 + 0.0005 * (index % 3) + east / 90_400)


@dataclass
class Dictionary:
    """Ids of the fixture in a store: point key → id, town key → id."""

    points: dict[str, int]
    towns: dict[str, int]

    def key_of_point(self, point_id: int | None, town_id: int | None, level: str | None) -> str | None:
        if point_id is not None and point_id > 0:
            return self._pkeys[point_id]
        if point_id is not None and point_id < 0:
            return "T:" + self._tkeys[-point_id]
        if level == "town" and town_id is not None:
            return "T:" + self._tkeys[town_id]
        return None

    def __post_init__(self) -> None:
        self._pkeys = {v: k for k, v in self.points.items()}
        self._tkeys = {v: k for k, v in self.towns.items()}


def build_dictionary(store: Store) -> Dictionary:
    """Insert the fixture towns and points; return their ids."""
    town_rows = []
    for i, t in enumerate(TOWNS, start=1):
        lat, lon = _BASE[t.key]
        name = (t.oaza + (f"{t.chome}丁目" if t.chome else "")) if t.residential else f"大字{t.oaza}字{t.koaza}" \
            if t.koaza else f"大字{t.oaza}"
        town_rows.append({"id": i, "code": f"X{i:04d}", "name": name, "oaza": t.oaza, "chome": t.chome,
                          "residential_addressing": t.residential, "lat": lat, "lon": lon, "city": t.city,
                          "koaza": t.koaza, "valid_to": t.valid_to, "source": "架空"})
    towns = {t.key: i for i, t in enumerate(TOWNS, start=1)}
    point_rows = []
    for i, p in enumerate(POINTS, start=1):
        lat, lon = _where(p, i)
        if p.level == "town":
            lat, lon = _BASE[p.town][0] - 0.0002, _BASE[p.town][1] - 0.0002
        if p.key.endswith("@isj") or p.key.endswith("b"):
            base = next(q for q in POINTS if q.key == p.key.removesuffix("@isj").removesuffix("b")
                        or q.key == p.key[:-1] + "a")
            lat, lon = _where(base, POINTS.index(base) + 1)
            lat, lon = lat + p.offset_m[0] / 111_000, lon + p.offset_m[1] / 90_400
        point_rows.append({"id": i, "town_id": towns[p.town], "level": p.level, "block": p.block,
                           "residence": p.residence, "parcel": p.parcel, "lat": lat, "lon": lon,
                           "source": "架空", "dataset": p.dataset, "valid_to": p.valid_to})
    with store.engine.begin() as conn:
        conn.execute(insert(Town), town_rows)
        conn.execute(insert(AddressPoint), point_rows)
    return Dictionary({p.key: i for i, p in enumerate(POINTS, start=1)}, towns)


# --------------------------------------------------------------------------------------------
# The corpus


@dataclass(frozen=True)
class Case:
    address: str
    status: str                      # matched | ambiguous | unmatched
    level: str | None                # residence | block | town | None
    point: str | tuple[str, ...] | None
    building: str | None = None
    kind: str = ""
    gap: bool = False                # a spelling the matcher does not absorb yet (docs: known gaps)


def R(address: str, point: str, building: str | None = None) -> Case:
    return Case(address, "matched", "residence", point, building)


def B(address: str, point: str, building: str | None = None) -> Case:
    return Case(address, "matched", "block", point, building)


def T(address: str, point: str, building: str | None = None) -> Case:
    return Case(address, "matched", "town", point, building)


def A(address: str, *points: str, building: str | None = None) -> Case:
    return Case(address, "ambiguous", None, tuple(sorted(points)), building)


def U(address: str, *, gap: bool = False) -> Case:
    return Case(address, "unmatched", None, None, None, gap=gap)


def _kind(kind: str, cases: list[Case]) -> list[Case]:
    return [Case(c.address, c.status, c.level, c.point, c.building, kind, c.gap) for c in cases]


HYPHENS = "－‐−ー―ｰ‑-–—﹣"

WIDTH = [  # 全角/半角
    R("桜台1丁目2番3号", "桜台1-2-3"),
    R("桜台１丁目２番３号", "桜台1-2-3"),
    R("桜台1丁目２番3号", "桜台1-2-3"),
    R("桜台１－２－３", "桜台1-2-3"),
    R("桜台1－2－3", "桜台1-2-3"),
    R("桜台１-２-３", "桜台1-2-3"),
    R("桜台２丁目３番１５号", "桜台2-3-15"),
    R("桜台2丁目3番15号", "桜台2-3-15"),
    R("桜台２－３－１５", "桜台2-3-15"),
    R("本町１－５", "本町-1-5"),
    R("本町１２番３号", "本町-12-3"),
    R("霞ケ丘１丁目５番８号", "霞ケ丘1-5-8"),
    R("霞ｹ丘１丁目５番８号", "霞ケ丘1-5-8"),
    R("本町東１丁目１番１号", "本町東1-1-1"),
    B("桜台３丁目４番", "桜台3-4"),
    R("大字架空原字北谷１２３番地４", "北谷123-4"),
    B("大字架空原字北谷１２３番地", "北谷123"),
    R("架空原北谷１２３－４", "北谷123-4"),
    R("桜台1-2-3 ｺｰﾎﾟ桜101", "桜台1-2-3", "コーポ桜101"),
    R("桜台１－２－３　ＡＢＣマンション１０１", "桜台1-2-3", "ABCマンション101"),
    R("下ノ宮２－３", "下ノ宮-2-3"),
]

KANJI = [  # 漢数字
    R("桜台一丁目二番三号", "桜台1-2-3"),
    R("桜台二丁目三番十五号", "桜台2-3-15"),
    R("桜台二丁目三番二十三号", "桜台2-3-23"),
    R("桜台二丁目十五番一号", "桜台2-15-1"),
    B("桜台二丁目十五番", "桜台2-15"),
    R("桜台二丁目3番4号", "桜台2-3-4"),
    R("桜台二丁目3-4", "桜台2-3-4"),
    R("桜台二丁目３番４号", "桜台2-3-4"),
    R("桜台2丁目三番四号", "桜台2-3-4"),
    R("桜台弐丁目参番弐拾参号", "桜台2-3-23"),
    R("桜台二丁目三番地二十", "桜台2-3-20"),
    R("霞ケ丘一丁目五番八号", "霞ケ丘1-5-8"),
    R("本町十二番三号", "本町-12-3"),
    R("本町一番十号", "本町-1-10"),
    B("本町十一番", "本町-11"),
    R("本町東一丁目一番五号", "本町東1-1-5"),
    R("桜台三丁目七番八号", "桜台3-7-8"),
    B("桜台一丁目五番", "桜台1-5"),
    B("大字架空原字北谷百五番地", "北谷105"),
    B("架空原字北谷百二十三番地", "北谷123"),
    R("架空原字北谷百二十三番地四", "北谷123-4"),
    B("大字架空原字北谷一〇二四番地", "北谷1024"),
    R("大字架空原字北谷千二十四番地の一", "北谷1024-1"),
    R("大字架空原字北谷千二十四番地一", "北谷1024-1"),
    B("架空市大字新田百番地", "新田100"),
    R("架空市大字新田百番地の一", "新田100-1"),
    R("下ノ宮二番一号", "下ノ宮-2-1"),
    R("桜台二の三の四", "桜台2-3-4"),
]

FORMS = [  # 「2-3-4」「2丁目3-4」「2丁目3番4号」「2丁目3番地4」
    R("桜台2-3-4", "桜台2-3-4"),
    R("桜台2丁目3-4", "桜台2-3-4"),
    R("桜台2丁目3番4号", "桜台2-3-4"),
    R("桜台2丁目3番地4", "桜台2-3-4"),
    R("桜台2丁目3番地4号", "桜台2-3-4"),
    R("桜台2丁目3番4", "桜台2-3-4"),
    R("桜台2-3番4号", "桜台2-3-4"),
    R("桜台2丁目3番地の4", "桜台2-3-4"),
    R("桜台2丁目3番の4", "桜台2-3-4"),
    B("桜台2丁目3番", "桜台2-3"),
    B("桜台2丁目3番地", "桜台2-3"),
    B("桜台2-3", "桜台2-3"),
    B("桜台2丁目3", "桜台2-3"),
    R("本町1-5", "本町-1-5"),
    R("本町1番5号", "本町-1-5"),
    R("本町1番地5", "本町-1-5"),
    R("本町1番地の5", "本町-1-5"),
    B("本町5番", "本町-5"),
    B("本町5番地", "本町-5"),
    B("本町5", "本町-5"),
    R("霞ケ丘1-5-1", "霞ケ丘1-5-1"),
    R("霞ケ丘1丁目5番1号", "霞ケ丘1-5-1"),
    R("本町東1-1-2", "本町東1-1-2"),
    R("本町東1丁目1番地2", "本町東1-1-2"),
    B("架空原字北谷123", "北谷123"),
    B("架空原字北谷123番地", "北谷123"),
    B("架空原字北谷123番", "北谷123"),
    R("架空原字北谷123番地4", "北谷123-4"),
    R("架空原字北谷123番4号", "北谷123-4"),
    R("架空原字北谷123番地4号", "北谷123-4"),
    R("架空原字北谷123-4", "北谷123-4"),
    R("架空原字北谷123番4", "北谷123-4"),
]


def _hyphen_cases() -> list[Case]:
    out = []
    for h in HYPHENS:
        out += [
            R(f"桜台2{h}3{h}5", "桜台2-3-5"),
            R(f"桜台2丁目3{h}6", "桜台2-3-6"),
            R(f"本町1{h}4", "本町-1-4"),
            R(f"架空原字北谷1024{h}1", "北谷1024-1"),
        ]
    return out


HYPHEN_GAPS = [  # dashes that are no hyphen in Unicode (罫線): not read, so no match at all
    U("桜台2─3─4", gap=True),
    U("桜台2━3━4", gap=True),
]

HYPHEN_KATAKANA = [  # ー between numbers is a hyphen; next to katakana it stays in the building
    R("桜台2ー3ー4 コーポラス", "桜台2-3-4", "コーポラス"),
    R("桜台2ー3ー4ローズハイツ201", "桜台2-3-4", "ローズハイツ201"),
    R("桜台２ー３ー４　シャトー桜", "桜台2-3-4", "シャトー桜"),
    R("本町1ー5 シャトーホンマチ", "本町-1-5", "シャトーホンマチ"),
    R("本町1ｰ5ｺｰﾎﾟ", "本町-1-5", "コーポ"),
    R("桜台1ー2ー3 グリーンコーポ1ー201", "桜台1-2-3", "グリーンコーポ1-201"),
    R("桜台1-2-3ルーセント", "桜台1-2-3", "ルーセント"),
    R("霞ヶ丘1ー5ー6 メゾンドール", "霞ケ丘1-5-6", "メゾンドール"),
    R("架空原字北谷123ー4 ハーモニー北谷", "北谷123-4", "ハーモニー北谷"),
    R("桜台2丁目3番4号ユーミーハウス", "桜台2-3-4", "ユーミーハウス"),
]

NO = [  # 「の」「ノ」「之」
    R("桜台2丁目3の4", "桜台2-3-4"),
    R("桜台2丁目3ノ4", "桜台2-3-4"),
    R("桜台2丁目3ﾉ4", "桜台2-3-4"),
    R("桜台2の3の4", "桜台2-3-4"),
    R("桜台二丁目三の四", "桜台2-3-4"),
    R("本町1の5", "本町-1-5"),
    R("本町1番の5", "本町-1-5"),
    R("本町1ノ5", "本町-1-5"),
    R("架空原字北谷123の4", "北谷123-4"),
    R("架空原字北谷123ノ4", "北谷123-4"),
    R("架空原字北谷123番地の4", "北谷123-4"),
    R("架空原字北谷123番の4", "北谷123-4"),
    R("架空原字北谷123番地ノ4", "北谷123-4"),
    R("下の宮2-1", "下ノ宮-2-1"),
    R("下ノ宮2-1", "下ノ宮-2-1"),
    R("下之宮2番1号", "下ノ宮-2-1"),
    R("下の宮2の1", "下ノ宮-2-1"),
    R("下ﾉ宮2-2", "下ノ宮-2-2"),
    B("下の宮3番地", "下ノ宮-3"),
]

KE = [  # ヶ/ケ/が/ガ/ヵ/ｹ
    R("霞ケ丘1丁目5番8号", "霞ケ丘1-5-8"),
    R("霞ヶ丘1丁目5番8号", "霞ケ丘1-5-8"),
    R("霞が丘1丁目5番8号", "霞ケ丘1-5-8"),
    R("霞ガ丘1丁目5番8号", "霞ケ丘1-5-8"),
    R("霞ヵ丘1丁目5番8号", "霞ケ丘1-5-8"),
    R("霞ｹ丘1丁目5番8号", "霞ケ丘1-5-8"),
    R("霞ｶﾞ丘1丁目5番8号", "霞ケ丘1-5-8"),
    R("霞ヶ丘一丁目5-7", "霞ケ丘1-5-7"),
    R("霞が丘1-1-1", "霞ケ丘1-1-1"),
    R("霞ガ丘１－１－２", "霞ケ丘1-1-2"),
    B("霞ヶ丘1-4", "霞ケ丘1-4"),
    B("霞が丘1丁目6番", "霞ケ丘1-6"),
    T("霞ヶ丘2丁目", "T:霞ケ丘2"),
    T("霞が丘二丁目3番4号", "T:霞ケ丘2"),
    T("霞ガ丘2-1-1", "T:霞ケ丘2"),
]

ITAIJI = [  # 旧字体・異体字: compatibility ideographs fold (NFKC); other variants are a known gap
    R("\ufa19明1丁目1番1号", "神明1-1-1"),
    R("\ufa19明一丁目1-2", "神明1-1-2"),
    R("神明1-1-3", "神明1-1-3"),
    B("\ufa19明1-2", "神明1-2"),
    R("高田1-1", "高田-1-1"),
    R("山崎1-2", "山崎-1-2"),
    U("髙田1-1", gap=True),
    U("髙田1番2号", gap=True),
    U("山﨑1-1", gap=True),
    U("山嵜1-2", gap=True),
    U("櫻台1-2-3", gap=True),
]

OAZA = [  # 大字/字 written or not
    R("大字架空原字北谷123番地4", "北谷123-4"),
    R("架空原字北谷１２３番地４", "北谷123-4"),
    R("大字架空原北谷123番地4", "北谷123-4"),
    R("架空原北谷123-4", "北谷123-4"),
    R("大字 架空原 字 北谷 123番地 4", "北谷123-4"),
    B("架空原200", "北谷200"),
    B("大字架空原200番地", "北谷200"),
    B("架空原125番地", "北谷125"),
    R("架空原300-2", "宮前300-2"),
    R("大字架空原300番地2", "宮前300-2"),
    B("架空原宮前300", "宮前300"),
    R("架空原字宮前300番地の2", "宮前300-2"),
    R("大字架空原字宮前300-2", "宮前300-2"),
    B("架空原字宮前123", "宮前123"),
    B("大字架空原字宮前123番地", "宮前123"),
    A("架空原123", "北谷123", "宮前123"),
    A("大字架空原123番地", "北谷123", "宮前123"),
    A("架空原123-4", "北谷123-4", "宮前123"),
    A("架空原999", "T:北谷", "T:宮前"),
    B("架空市新田字東原100", "新田100"),
    B("架空市大字新田字東原100番地", "新田100"),
    R("架空市大字新田100番地1", "新田100-1"),
    R("架空市新田100-1", "新田100-1"),
    B("架空市新田150", "新田150"),
    B("架空市字新田150番地", "新田150"),
    U("北谷123-4"),
    U("字北谷123"),
]

PREFIX = [  # with and without prefecture / city
    R("埼玉県架空市桜台1-2-3", "桜台1-2-3"),
    R("架空市桜台1-2-3", "桜台1-2-3"),
    R("埼玉県 架空市 桜台１丁目２番３号", "桜台1-2-3"),
    R("架空市桜台一丁目2番3号", "桜台1-2-3"),
    R("埼玉県架空市本町1-5", "本町-1-5"),
    R("架空市本町東1-1-1", "本町東1-1-1"),
    R("埼玉県架空市大字架空原字北谷123番地4", "北谷123-4"),
    R("埼玉県架空市霞ヶ丘1-5-8", "霞ケ丘1-5-8"),
    R("架空市霞が丘一丁目五番八号", "霞ケ丘1-5-8"),
    R("埼玉県架空市下の宮2-3", "下ノ宮-2-3"),
    B("埼玉県架空市桜台2丁目15番", "桜台2-15"),
    T("埼玉県架空市霞ケ丘2丁目", "T:霞ケ丘2"),
    R("架空市　桜台２－３－１", "桜台2-3-1"),
    R("埼玉県架空市桜台3-7-8", "桜台3-7-8"),
    R("〒350-0001 埼玉県架空市桜台1-2-3", "桜台1-2-3"),
    R("埼玉県架空市みどり区桜台1-2-3", "桜台1-2-3"),
    R("架空郡架空町大字架空原字北谷123-4", "北谷123-4"),
]

BUILDING = [  # 方書 glued on, with or without spaces; rooms
    R("桜台1-2-3 さくらハイツ201", "桜台1-2-3", "さくらハイツ201"),
    R("桜台1-2-3さくらハイツ201", "桜台1-2-3", "さくらハイツ201"),
    R("桜台1丁目2番3号さくらハイツ201号室", "桜台1-2-3", "さくらハイツ201号室"),
    R("桜台1丁目2番3号 さくらハイツ 201号室", "桜台1-2-3", "さくらハイツ201号室"),
    R("桜台1丁目2番3号 201号室", "桜台1-2-3", "201号室"),
    R("桜台1-2-3 201", "桜台1-2-3", "201"),
    R("桜台1-2-3　２０１号室", "桜台1-2-3", "201号室"),
    R("桜台1-2-3 3F", "桜台1-2-3", "3F"),
    R("桜台1-2-3 ３Ｆ", "桜台1-2-3", "3F"),
    R("桜台1-2-3 A棟", "桜台1-2-3", "A棟"),
    R("桜台1-2-3A棟101", "桜台1-2-3", "A棟101"),
    R("桜台1-2-3　Ａ棟１０１号室", "桜台1-2-3", "A棟101号室"),
    R("桜台1-2-3-201号室", "桜台1-2-3", "201号室"),
    R("桜台2丁目3番4号 メゾン桜 5号棟 302", "桜台2-3-4", "メゾン桜5号棟302"),
    R("桜台2-3-1 5号棟", "桜台2-3-1", "5号棟"),
    R("桜台2-3-1 5-302", "桜台2-3-1", "5-302"),
    B("桜台2丁目3番 三井ハイツ", "桜台2-3", "三井ハイツ"),  # no 号 written: the 街区
    R("本町1-5 コーポ本町101", "本町-1-5", "コーポ本町101"),
    R("本町1番5号 本町ハイツ", "本町-1-5", "本町ハイツ"),
    R("本町1-5 一番館", "本町-1-5", "一番館"),
    R("本町12-3 千代田ビル3階", "本町-12-3", "千代田ビル3階"),
    R("架空原字北谷123-4 北谷荘2号室", "北谷123-4", "北谷荘2号室"),
    B("大字架空原字北谷123番地 201号室", "北谷123", "201号室"),
    B("大字架空原字北谷123番地 三井荘", "北谷123", "三井荘"),
    R("霞ヶ丘1丁目5番3号 グランドメゾン霞ヶ丘 1001", "霞ケ丘1-5-3", "グランドメゾン霞ヶ丘1001"),
    R("本町東1-1-3 アーバン本町東Ⅱ 203", "本町東1-1-3", "アーバン本町東II203"),
    B("桜台1丁目4番 さくら寮", "桜台1-4", "さくら寮"),
    T("桜台一丁目 さくら荘", "桜台1@town", "さくら荘"),
    R("下の宮2-1 下の宮団地3-205", "下ノ宮-2-1", "下の宮団地3-205"),
    R("桜台2-3-2 (株)架空商事寮", "桜台2-3-2", "(株)架空商事寮"),
]

SPACES = [
    R("桜台 1-2-3", "桜台1-2-3"),
    R("桜台1 - 2 - 3", "桜台1-2-3"),
    R("桜 台 １ 丁 目 ２ 番 ３ 号", "桜台1-2-3"),
    R("桜台　一丁目　二番　三号", "桜台1-2-3"),
    R(" 桜台1-2-3 ", "桜台1-2-3"),
    R("桜台１　－　２　－　３", "桜台1-2-3"),
    R("桜台1-2-3\t", "桜台1-2-3"),
    R("本町 1番 5号", "本町-1-5"),
    R("本町東 1丁目 1番 4号", "本町東1-1-4"),
    R("架空原北谷 123 - 4", "北谷123-4"),
    R("霞ヶ丘 1丁目 5-2", "霞ケ丘1-5-2"),
    R("下 の 宮 2 - 2", "下ノ宮-2-2"),
    U("桜台1 2 3"),
]

EDABAN = [  # 枝番 and 号 not in the dictionary fall back to the 号 / 番地
    R("桜台1-3-4-2", "桜台1-3-4-2"),
    R("桜台1丁目3番4-2号", "桜台1-3-4-2"),
    R("桜台1丁目3番4の2", "桜台1-3-4-2"),
    R("桜台1-3-4", "桜台1-3-4"),
    R("桜台1-3-4-7", "桜台1-3-4"),
    R("桜台1丁目3番4-7号", "桜台1-3-4"),
    R("桜台1-2-3-5", "桜台1-2-3"),
    R("桜台1-2-3-201", "桜台1-2-3"),  # a room written as 枝番: the 号 is right, the room is not kept
    R("本町1-5-2", "本町-1-5"),
    R("本町1番5-2号", "本町-1-5"),
    B("架空原字北谷123-9", "北谷123"),
    B("架空原字北谷123番地9", "北谷123"),
    B("架空原字北谷125-3", "北谷125"),
    B("架空原字北谷125番地の3", "北谷125"),
    B("架空市新田150-2", "新田150"),
]

FALLBACK = [  # unknown 号 → 街区; unknown 街区 → 町字
    B("桜台1-2-99", "桜台1-2"),
    B("桜台1丁目2番99号", "桜台1-2"),
    B("桜台1-4-1", "桜台1-4"),
    B("桜台1-6-1", "桜台1-6"),
    B("桜台2-3-45", "桜台2-3"),
    B("桜台1-2-0", "桜台1-2"),
    T("桜台1-23", "桜台1@town"),
    B("桜台2-14-3", "桜台2-14"),
    T("桜台1-99-1", "桜台1@town"),
    T("桜台1丁目99番", "桜台1@town"),
    T("桜台1丁目", "桜台1@town"),
    T("桜台一丁目", "桜台1@town"),
    T("桜台2-30", "桜台2@town"),
    T("霞ケ丘1-99-1", "T:霞ケ丘1"),
    T("霞ケ丘1丁目", "T:霞ケ丘1"),
    T("霞ケ丘2-3-4", "T:霞ケ丘2"),
    B("本町5-9", "本町-5"),
    B("本町11-1", "本町-11"),
    T("本町99-1", "T:本町"),
    T("本町", "T:本町"),
    T("本町99番地", "T:本町"),
    B("本町東1-2-9", "本町東1-2"),
    T("本町東1-9-9", "T:本町東1"),
    T("本町東一丁目", "T:本町東1"),
    T("架空原字北谷999", "T:北谷"),
    T("架空原字北谷", "T:北谷"),
    T("架空原北谷", "T:北谷"),
    T("架空市新田999", "T:新田"),
    T("仮想市新田150", "T:仮想新田"),
    B("下ノ宮3-9", "下ノ宮-3"),
    T("下ノ宮9-9", "T:下ノ宮"),
]

TYPO = [  # misspellings and impossible numbers: no point, never a wrong one
    U("桜代1-2-3"),
    U("さくら台1-2-3"),
    U("桜苔1-2-3"),
    U("桜台4-1-1"),
    U("桜台四丁目1番1号"),
    U("桜台十丁目1-1"),
    U("桜台百丁目1番"),
    U("桜台0-1-1"),
    U("桜台"),
    U("架空市桜台"),
    U("桜台1番2号"),
    U("桜台2一3一4", gap=True),  # 漢数字の「一」をハイフン代わりに: 読めば 2-3-4 だが推測しない
    U("霞ケ丘3-1-1"),
    U("霞ヶ丘三丁目1番"),
    U("霞か丘1-5-8"),
    U("霞ケ岡1-5-8"),
    U("霞丘1-5-8"),
    U("本町東5-1"),
    U("本町東"),
    U("本町東1"),
    U("本町東5番地"),
    U("西本町1-5"),
    U("東本町1-1-1"),
    U("新本町1-5"),
    U("本間町1-5"),
    U("本町西1-1"),
    U("上ノ宮2-1"),
    U("本町1丁目5番"),
    U("本町一丁目5-1"),
    U("架空市新田2丁目100"),
    U("桜台桜台1-2-3"),
    U("架空桜台1-2-3"),
    U("桜台二十丁目1番"),
    U("1-2-3"),
    U("123番地"),
    U("2丁目3番4号"),
    U("１２３－４"),
    U("北谷荘2号室"),
    U("緑町1-2-3 コーポ本町101"),
    U("あおば台1-2-3 桜台ハイツ2-101"),
    U("旧町1-1"),
    U("旧町1番1号"),
    U("仮想原123"),
    U("新田町100"),
    U("桜台1-2-3".replace("台", "䑓")),
]

CITY = [  # 大字新田 exists in 架空市 and in 仮想市
    A("新田100", "新田100", "仮想新田100"),
    A("大字新田100番地", "新田100", "仮想新田100"),
    A("新田100-1", "新田100-1", "仮想新田100"),
    A("新田210", "T:新田", "仮想新田210"),
    A("新田150", "新田150", "T:仮想新田"),
    A("新田999", "T:新田", "T:仮想新田"),
    A("埼玉県新田100", "新田100", "仮想新田100"),
    B("架空市新田100", "新田100"),
    B("埼玉県架空市大字新田100番地", "新田100"),
    R("埼玉県架空市新田100番地の1", "新田100-1"),
    B("仮想市新田100", "仮想新田100"),
    B("埼玉県仮想市新田210番地", "仮想新田210"),
    B("仮想市大字新田210", "仮想新田210"),
    B("仮想市新田100-5", "仮想新田100"),
    B("架空市 新田 100", "新田100"),
]

AMBIGUOUS = [  # one 街区, two points 500 m apart: both listed, none chosen
    A("桜台2-9", "桜台2-9a", "桜台2-9b"),
    A("桜台2-9-1", "桜台2-9a", "桜台2-9b"),
    A("桜台2丁目9番", "桜台2-9a", "桜台2-9b"),
    A("桜台二丁目九番三号", "桜台2-9a", "桜台2-9b"),
    A("桜台２－９－５ メゾン", "桜台2-9a", "桜台2-9b", building="メゾン"),
    A("架空市桜台2丁目9番地", "桜台2-9a", "桜台2-9b"),
]

DATASETS = [  # the same 街区 in ABR and ISJ, 5 m apart: one place, ABR's point
    B("桜台1-5", "桜台1-5"),
    B("桜台1丁目5番", "桜台1-5"),
    B("桜台1-5-3", "桜台1-5"),
    B("桜台一丁目五番地", "桜台1-5"),
    B("桜台1-5 コーポ", "桜台1-5", "コーポ"),
]

ABOLISHED = [  # 廃止 points and towns are history, not candidates
    B("桜台3-7-7", "桜台3-7"),
    B("桜台3丁目7番7号", "桜台3-7"),
    R("桜台3-7-8", "桜台3-7-8"),
    B("桜台三丁目七番", "桜台3-7"),
    U("旧町1-1-1"),
]

CORPUS: list[Case] = [
    *_kind("全角半角", WIDTH), *_kind("漢数字", KANJI), *_kind("書式", FORMS),
    *_kind("ハイフン", _hyphen_cases() + HYPHEN_GAPS), *_kind("ハイフンとカタカナ", HYPHEN_KATAKANA),
    *_kind("の・ノ", NO), *_kind("ヶ・ケ・が", KE), *_kind("旧字体・異体字", ITAIJI),
    *_kind("大字・字", OAZA), *_kind("都道府県・市", PREFIX), *_kind("方書", BUILDING),
    *_kind("空白", SPACES), *_kind("枝番", EDABAN), *_kind("不明な号・街区", FALLBACK),
    *_kind("誤記", TYPO), *_kind("二つの市", CITY), *_kind("二地点の街区", AMBIGUOUS),
    *_kind("データセット", DATASETS), *_kind("廃止", ABOLISHED),
]


def counts_by_kind() -> Counter[str]:
    return Counter(c.kind for c in CORPUS)


# --------------------------------------------------------------------------------------------
# Running and scoring


@dataclass(frozen=True)
class Outcome:
    """What the matcher returned, in the corpus's terms."""

    status: str
    level: str | None
    point: str | tuple[str, ...] | None
    building: str | None
    source: str | None

    def agrees(self, case: Case) -> bool:
        return (self.status, self.level, self.point, self.building) == (
            case.status, case.level, case.point, case.building)


def outcome(g: Gazetteer, ids: Dictionary, address: str) -> Outcome:
    r = g.match(address)
    if r.status == "ambiguous":
        point: str | tuple[str, ...] | None = tuple(sorted(
            k for c in r.candidates if (k := ids.key_of_point(c.id, c.town_id, c.level)) is not None))
    elif r.status == "matched":
        point = ids.key_of_point(r.point_id, r.town_id, r.level)
    else:
        point = None
    return Outcome(r.status, r.level if r.status == "matched" else None, point, r.building, r.source)


@dataclass
class Score:
    """Precision = correct matches / all matches; recall = correct matches / addresses that should match.

    ``wrong`` counts matches to a point or level other than the expected one (and matches of an
    address that should be ambiguous or unmatched): the figure that must stay zero.  ``coarser``
    is the part of ``wrong`` that is still the right place at a coarser level (the 街区 or town
    of the expected 号), the rest, ``wrong_place``, another place altogether.
    """

    cases: int = 0
    should_match: int = 0
    matched: int = 0
    correct: int = 0
    wrong: int = 0
    should_be_ambiguous: int = 0
    ambiguous_correct: int = 0
    should_be_unmatched: int = 0
    unmatched_correct: int = 0
    gaps: int = 0
    building_correct: int = 0
    coarser: int = 0

    @property
    def wrong_place(self) -> int:
        return self.wrong - self.coarser

    @property
    def precision(self) -> float:
        return self.correct / self.matched if self.matched else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.should_match if self.should_match else 1.0

    @property
    def recall_with_gaps(self) -> float:
        """Recall if the known gaps (spellings with a right answer not absorbed yet) counted as misses."""
        n = self.should_match + self.gaps
        return self.correct / n if n else 1.0

    def add(self, case: Case, got: Outcome) -> None:
        self.cases += 1
        self.gaps += case.gap
        self.building_correct += got.building == case.building
        if got.status == "matched":
            self.matched += 1
            if case.status == "matched" and (got.level, got.point) == (case.level, case.point):
                self.correct += 1
            else:
                self.wrong += 1
                self.coarser += isinstance(case.point, str) and got.point in _containing(case.point)
        if case.status == "matched":
            self.should_match += 1
        elif case.status == "ambiguous":
            self.should_be_ambiguous += 1
            self.ambiguous_correct += got.status == "ambiguous" and got.point == case.point
        else:
            self.should_be_unmatched += 1
            self.unmatched_correct += got.status == "unmatched"


def _containing(key: str) -> set[str]:
    """Keys of the points that contain the point ``key``: its 街区 (or 番地) and its town."""
    p = next((q for q in POINTS if q.key == key), None)
    if p is None:
        return set()
    out = {q.key for q in POINTS if q.town == p.town and q.level == "town"} | {"T:" + p.town}
    if p.level == "residence":
        out |= {q.key for q in POINTS if q.town == p.town and q.level == "block" and q.block == p.block}
    return out


def open_gazetteer(store: Store, on: dt.date = dt.date(2025, 6, 1)) -> tuple[Gazetteer, Dictionary]:
    ids = build_dictionary(store)
    with store.engine.connect() as conn:
        return Gazetteer.load(conn, on), ids


def main() -> None:
    """Print the corpus results as the Markdown tables of docs/address-matching.md."""
    import tempfile
    from pathlib import Path

    from wardapp.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "corpus.sqlite3")
        try:
            g, ids = open_gazetteer(store)
            total, by_kind = Score(), {k: Score() for k in counts_by_kind()}
            for case in CORPUS:
                got = outcome(g, ids, case.address)
                total.add(case, got)
                by_kind[case.kind].add(case, got)
        finally:
            store.close()
    print("| 区分 | 件数 | 一致すべき | 正しく一致 | 誤一致（別の場所） | 誤一致（粗い階層） | 候補複数（正） "
          "| 照合不可（正） | 既知の未対応 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for kind, s in [*by_kind.items(), ("合計", total)]:
        print(f"| {kind} | {s.cases} | {s.should_match} | {s.correct} | {s.wrong_place} | {s.coarser} | "
              f"{s.ambiguous_correct}/{s.should_be_ambiguous} | {s.unmatched_correct}/{s.should_be_unmatched} | "
              f"{s.gaps} |")
    print()
    print(f"precision {total.precision:.4f}  recall {total.recall:.4f}  "
          f"recall incl. known gaps {total.recall_with_gaps:.4f}  wrong {total.wrong} "
          f"(another place {total.wrong_place}, coarser {total.coarser})  "
          f"方書 {total.building_correct}/{total.cases}")


if __name__ == "__main__":
    main()
