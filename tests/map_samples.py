"""A tiny, fully known ward for the map tests (core and GUI): towns, households, flood, facilities.

Three square towns side by side around 架空市 (139.60 E, 35.44 N), households at known points
(two share one point, as in an apartment block; one has no point), persons with known birth
dates, two flood zones and one facility of each map group.  Built through the ORM; no Qt.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import shapely
from shapely.geometry import box

from wardapp.geo.mapdata import HouseholdScores
from wardapp.kana import kana_key
from wardapp.store import Household, Person, Store, Town, open_store
from wardapp.store.models import Facility, HazardZone

ON = dt.date(2025, 4, 1)
LON0, LAT0, STEP = 139.60, 35.44, 0.004

TOWNS = [("M001", "見本町一丁目"), ("M002", "見本町二丁目"), ("M003", "試作町")]

#: (世帯番号, town index, lat, lon or None, [(name, kana, birth date)])
HOUSEHOLDS: list[tuple[str, int, float | None, float | None, list[tuple[str, str, dt.date]]]] = [
    ("H0001", 0, 35.4410, 139.6010, [("山田 太郎", "ヤマダ タロウ", dt.date(1940, 5, 1)),
                                    ("山田 花子", "ヤマダ ハナコ", dt.date(1951, 1, 1))]),
    ("H0002", 0, 35.4420, 139.6020, [("佐藤 一郎", "サトウ イチロウ", dt.date(1990, 1, 1))]),
    ("H0003", 1, 35.4415, 139.6055, [("鈴木 次郎", "スズキ ジロウ", dt.date(1950, 3, 31))]),  # 75 on ON
    ("H0004", 1, 35.4415, 139.6055, [("高橋 三郎", "タカハシ サブロウ", dt.date(1950, 4, 3))]),  # 74 on ON
    ("H0005", 2, 35.4425, 139.6095, [("田中 四郎", "タナカ シロウ", dt.date(2000, 7, 7))]),
    ("H0006", 2, None, None, [("伊藤 五郎", "イトウ ゴロウ", dt.date(1930, 1, 1))]),  # not on the map
]

#: 世帯スコア given to the map directly: household no. → (score, band, categories)
SCORES = {"H0001": (12, "高", "高"), "H0002": (0, "低", ""), "H0003": (16, "最優先", "高障"),
          "H0004": (5, "中", "")}
BANDS = ("低", "中", "高", "最優先")
BAND_MINIMUMS = (0, 5, 10, 15)


def town_box(i: int) -> shapely.Polygon:
    return box(LON0 + i * STEP, LAT0, LON0 + (i + 1) * STEP, LAT0 + STEP)


def build_map_ward(path: Path) -> Store:
    store = open_store(path)
    with store.transaction() as s:
        towns = []
        for i, (code, name) in enumerate(TOWNS):
            c = town_box(i).centroid
            t = Town(code=code, name=name, oaza=name, lat=c.y, lon=c.x, boundary_wkb=shapely.to_wkb(town_box(i)))
            s.add(t)
            towns.append(t)
        s.flush()
        n = 0
        for no, ti, lat, lon, members in HOUSEHOLDS:
            h = Household(household_no=no, address=f"{TOWNS[ti][1]}{len(no)}番{no[-1]}号", town_id=towns[ti].id,
                          lat=lat, lon=lon, match_status="matched" if lat is not None else "unmatched")
            s.add(h)
            s.flush()
            for j, (name, kana, birth) in enumerate(members):
                n += 1
                s.add(Person(person_no=f"P{n:05d}", household_id=h.id, name=name, kana=kana, kana_key=kana_key(kana),
                             birth_date=birth, sex=1, relationship_="世帯主" if j == 0 else "妻", is_head=j == 0,
                             address=h.address))
        flood = [(1, 0.0, 0.5, "0.5m未満", box(LON0, LAT0, LON0 + STEP * 3, LAT0 + STEP / 2)),
                 (3, 3.0, 5.0, "3m以上5m未満", box(LON0 + STEP, LAT0, LON0 + STEP * 2, LAT0 + STEP / 4))]
        for rank, lo, hi, label, g in flood:
            s.add(HazardZone(kind="flood", rank=rank, depth_min=lo, depth_max=hi, label=label,
                             geometry_wkb=shapely.to_wkb(g), source="test"))
        for name, kind, dx in (("見本小学校", "小学校", 0.5), ("見本町公園", "指定緊急避難場所", 1.5),
                               ("見本地区センター", "地区センター", 2.5), ("<b>試作</b>避難所`${x}`", "指定避難所", 2.8)):
            s.add(Facility(name=name, kind=kind, lat=LAT0 + STEP * 0.8, lon=LON0 + STEP * dx, capacity=300,
                           hazards="洪水,地震", address="架空市"))
    return store


def map_scores(store: Store) -> HouseholdScores:
    """:data:`SCORES` keyed by household id, as a scoring run would give them."""
    with store.session() as s:
        ids = {h.household_no: h.id for h in s.query(Household)}
    return HouseholdScores.from_mapping({ids[k]: v for k, v in SCORES.items()}, BANDS, BAND_MINIMUMS)
