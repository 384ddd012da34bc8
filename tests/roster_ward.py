"""A small fictional ward for the roster tests: three towns, shelters, flood zones, consent.

Everything is invented (架空).  Three square 町字 side by side at 139.50°E 35.80°N, two
指定避難所 (west and east) and one 指定緊急避難場所, two flood zones, and households whose
members have known birth dates and 要支援者名簿 answers (同意 / 不同意 / 未回答 / none / an
expired 同意).  Scores come from the real engine with the default profile, stored as a run, so
the selection reads them like in production.

Special persons: a 外字 (U+E000) in a name, 𠮷 (not in CP932, not in the font), a name and a
方書 that look like spreadsheet formulas.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import shapely
from shapely.geometry import box

from wardapp.kana import kana_key
from wardapp.scoring import default_profile, save_scores, score
from wardapp.security import SYSTEM
from wardapp.store import Household, Person, Store, Town, open_store
from wardapp.store.models import Facility, HazardZone, WelfareAttribute

ON = dt.date(2026, 4, 1)
LON0, LAT0, STEP = 139.50, 35.80, 0.004
TOWNS = [("R001", "見本町一丁目"), ("R002", "見本町二丁目"), ("R003", "試作町")]
GAIJI_NAME = "\ue000橋　一郎"
NOT_CP932_NAME = "\U00020bb7田　花子"
FORMULA_NAME = "=1+1　太郎"
FORMULA_BUILDING = "@101号室"

#: name, birth date, sex (1 男 2 女), 続柄, 要支援者名簿 区分 (None: not on it; "expired": an old 同意)
Member = tuple[str, dt.date, int, str, str | None]
OLD, MID, YOUNG, BABY = dt.date(1936, 5, 1), dt.date(1956, 6, 2), dt.date(1990, 7, 3), dt.date(2025, 10, 4)


def _family(hno: str, n: int, statuses: list[str | None] | None = None, births: list[dt.date] | None = None
            ) -> list[Member]:
    rels = ["世帯主", "妻", "子", "子", "孫", "孫", "母", "父", "子", "孫", "孫", "孫"]
    out: list[Member] = []
    for k in range(n):
        birth = (births or [OLD, OLD, YOUNG, BABY])[k % len(births or [OLD, OLD, YOUNG, BABY])]
        out.append((f"試{hno}　{k + 1}郎", birth, 1 + k % 2, rels[k % len(rels)],
                    (statuses or [None] * n)[k] if statuses and k < len(statuses) else None))
    return out


#: 世帯番号, town index, (lat, lon) or None, members
HOUSEHOLDS: list[tuple[str, int, tuple[float, float] | None, list[Member]]] = []


def _build_table() -> None:
    # town 0: fourteen households on a grid, sizes 1…5
    sizes = [1, 2, 3, 4, 5, 2, 1, 3, 2, 4, 1, 2, 3, 1]
    for i, n in enumerate(sizes):
        hno = f"A{i + 1:02d}"
        lat = LAT0 + STEP * (0.15 + 0.7 * (i % 4) / 3)
        lon = LON0 + STEP * (0.15 + 0.7 * (i // 4) / 3)
        HOUSEHOLDS.append((hno, 0, (lat, lon), _family(hno, n)))
    # consent answers (only some persons are on the 要支援者名簿)
    HOUSEHOLDS[0] = ("A01", 0, HOUSEHOLDS[0][2], _family("A01", 1, ["同意"]))
    HOUSEHOLDS[1] = ("A02", 0, HOUSEHOLDS[1][2], _family("A02", 2, ["不同意", "同意"]))
    HOUSEHOLDS[2] = ("A03", 0, HOUSEHOLDS[2][2], [(GAIJI_NAME, OLD, 1, "世帯主", "同意"), *_family("A03", 3)[1:]])
    HOUSEHOLDS[3] = ("A04", 0, HOUSEHOLDS[3][2], [*_family("A04", 4, ["同意", "未回答"])[:3],
                                                  (NOT_CP932_NAME, BABY, 2, "孫", None)])
    HOUSEHOLDS[4] = ("A05", 0, HOUSEHOLDS[4][2], _family("A05", 5, ["expired"]))
    # an unmatched household in town 0: listed by 町字, no marker
    HOUSEHOLDS.append(("A90", 0, None, _family("A90", 2, ["同意", "同意"])))
    # town 1: an apartment block (two households at one point) and the formula-like name
    apt = (LAT0 + STEP * 0.5, LON0 + STEP * 1.5)
    HOUSEHOLDS.append(("B01", 1, apt, _family("B01", 2, ["同意"])))
    HOUSEHOLDS.append(("B02", 1, apt, [(FORMULA_NAME, OLD, 1, "世帯主", "同意")]))
    HOUSEHOLDS.append(("B03", 1, (LAT0 + STEP * 0.2, LON0 + STEP * 1.8), _family("B03", 3, [None, "同意"])))
    # town 2
    HOUSEHOLDS.append(("C01", 2, (LAT0 + STEP * 0.5, LON0 + STEP * 2.7), _family("C01", 2, ["同意"])))
    HOUSEHOLDS.append(("C02", 2, (LAT0 + STEP * 0.8, LON0 + STEP * 2.3), _family("C02", 1)))


_build_table()

#: 指定避難所 west and east, a 指定緊急避難場所 (never a roster's shelter)
SHELTERS = [("西小学校", "指定避難所", LAT0 + STEP * 0.5, LON0 + STEP * 0.3, "03-0000-0001"),
            ("東中学校", "指定避難所", LAT0 + STEP * 0.5, LON0 + STEP * 2.6, "03-0000-0002"),
            ("中央公園", "指定緊急避難場所", LAT0 + STEP * 0.5, LON0 + STEP * 1.4, None)]


def town_box(i: int) -> shapely.Polygon:
    return box(LON0 + i * STEP, LAT0, LON0 + (i + 1) * STEP, LAT0 + STEP)


def build_roster_ward(path: Path, *, scored: bool = True) -> Store:
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
        for hno, ti, pt, members in HOUSEHOLDS:
            h = Household(household_no=hno, address=f"架空市{TOWNS[ti][1]}{int(hno[1:])}番{len(members)}号",
                          building=FORMULA_BUILDING if hno == "B02" else ("架空ハイツ101" if hno == "A02" else None),
                          town_id=towns[ti].id, lat=pt[0] if pt else None, lon=pt[1] if pt else None,
                          match_status="matched" if pt else "unmatched", match_level="residence" if pt else None)
            s.add(h)
            s.flush()
            for k, (name, birth, sex, rel, status) in enumerate(members):
                n += 1
                pno = f"{n:010d}"
                kana = f"シ{hno}　{k + 1}ロウ"
                s.add(Person(person_no=pno, household_id=h.id, name=name, kana=kana, kana_key=kana_key(kana),
                             birth_date=birth, sex=sex, relationship_=rel, is_head=k == 0, address=h.address))
                if status == "expired":
                    s.add(WelfareAttribute(person_no=pno, kind="要支援者名簿", grade="同意",
                                           valid_from=dt.date(2020, 4, 1), valid_to=dt.date(2025, 3, 31)))
                elif status is not None:
                    s.add(WelfareAttribute(person_no=pno, kind="要支援者名簿", grade=status,
                                           valid_from=dt.date(2024, 4, 1)))
        for rank, lo, hi, label, g in (
                (2, 0.5, 3.0, "0.5m以上3m未満", box(LON0, LAT0, LON0 + STEP * 3, LAT0 + STEP * 0.55)),
                (3, 3.0, 5.0, "3m以上5m未満", box(LON0, LAT0, LON0 + STEP * 3, LAT0 + STEP * 0.25))):
            s.add(HazardZone(kind="flood", rank=rank, depth_min=lo, depth_max=hi, label=label,
                             geometry_wkb=shapely.to_wkb(g), source="test"))
        for name, kind, lat, lon, phone in SHELTERS:
            s.add(Facility(name=name, kind=kind, lat=lat, lon=lon, phone=phone, address=f"架空市 {name}"))
    if scored:
        save_scores(store, score(store, default_profile(), ON), user="test", actor=SYSTEM)
    return store


def town_id(store: Store, name: str) -> int:
    with store.session() as s:
        return int(s.query(Town.id).filter(Town.name == name).one()[0])
