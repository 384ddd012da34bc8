"""A small, fully known ward built straight through the ORM (no importer, no demo generator).

Shared by the GUI tests (``tests/ui``) and the core tests (``tests/test_residents.py``), so it
imports no Qt.  Every household the tests look for by name is written out below; the rest are
generated from a fixed seed.  Ages are asserted against :data:`ON`.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert

from wardapp.kana import kana_key
from wardapp.store import Household, Person, Store, Town, open_store

#: The 基準日 the tests use for ages.
ON = dt.date(2025, 4, 1)

TOWNS = [
    ("T001", "桜台一丁目", "桜台", 1),
    ("T002", "桜台二丁目", "桜台", 2),
    ("T003", "緑町", "緑町", None),
    ("T004", "本町三丁目", "本町", 3),
]


@dataclass(frozen=True)
class P:
    name: str
    kana: str
    birth: dt.date
    sex: int
    rel: str
    head: bool = False
    building: str | None = None
    kind: str = "日本人"


# (世帯番号, town code or None, address, 方書, members)
KNOWN: list[tuple[str, str | None, str, str | None, list[P]]] = [
    ("0000001", "T001", "桜台一丁目1番1号", None, [
        P("山田 太郎", "ヤマダ タロウ", dt.date(1950, 4, 2), 1, "世帯主", True),
        P("山田 花子", "ヤマダ ハナコ", dt.date(1952, 8, 15), 2, "妻"),
    ]),
    ("0000002", "T001", "桜台一丁目2番3号", "さくらハイツ101", [
        # Head not listed first: the detail panel must still show the head first.
        P("佐藤 陽菜", "サトウ ヒナ", dt.date(2024, 12, 1), 2, "子", building="さくらハイツ101"),
        P("佐藤 健", "サトウ ケン", dt.date(1990, 6, 30), 1, "世帯主", True, building="さくらハイツ101"),
        P("佐藤 美咲", "サトウ ミサキ", dt.date(1992, 2, 29), 2, "妻", building="さくらハイツ101"),
    ]),
    ("0000003", "T002", "桜台二丁目5番8号", None, [
        P("鈴木 一郎", "スズキ イチロウ", dt.date(1940, 1, 7), 1, "世帯主", True),
    ]),
    ("0000004", None, "旭が丘9999番地", None, [  # not matched to any 町字
        P("グエン ヴァン アン", "グエン ヴァン アン", dt.date(1998, 3, 3), 1, "世帯主", True, kind="外国人"),
    ]),
    ("0000005", None, "字大谷123", None, [  # not matched; no head flagged
        P("高橋 さくら", "タカハシ サクラ", dt.date(1960, 4, 1), 2, "世帯主"),
        P("高橋 蓮", "タカハシ レン", dt.date(1985, 4, 2), 1, "子"),
    ]),
    ("0000006", "T003", "緑町4番地", "グリーンコート3-302", [
        P("田中 ゆい", "タナカ ユイ", dt.date(1960, 3, 31), 2, "世帯主", True, building="グリーンコート3-302"),
    ]),
]

_SURNAMES = [("伊藤", "イトウ"), ("渡辺", "ワタナベ"), ("中村", "ナカムラ"), ("小林", "コバヤシ"),
             ("加藤", "カトウ"), ("吉田", "ヨシダ"), ("松本", "マツモト"), ("井上", "イノウエ")]
_GIVEN = [("翔", "ショウ", 1), ("大輝", "ダイキ", 1), ("誠", "マコト", 1), ("結衣", "ユイ", 2),
          ("陽子", "ヨウコ", 2), ("恵", "メグミ", 2)]

#: Number of households in the sample ward.
N_HOUSEHOLDS = 30


def _generated(rng: random.Random, i: int) -> tuple[str, str | None, str, str | None, list[P]]:
    code, town_name, _, _ = TOWNS[i % len(TOWNS)]
    sur, sur_k = _SURNAMES[i % len(_SURNAMES)]
    members = []
    for j in range(1 + i % 3):
        given, given_k, sex = _GIVEN[(i + j) % len(_GIVEN)]
        year = 1935 + rng.randrange(0, 85)
        members.append(P(f"{sur} {given}", f"{sur_k} {given_k}", dt.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                         sex, "世帯主" if j == 0 else ("妻" if j == 1 else "子"), j == 0))
    return (f"{100 + i:07d}", code, f"{town_name}{i}番{i % 7 + 1}号", None, members)


def households() -> list[tuple[str, str | None, str, str | None, list[P]]]:
    rng = random.Random(7)
    return KNOWN + [_generated(rng, i) for i in range(N_HOUSEHOLDS - len(KNOWN))]


def build_sample_ward(path: Path) -> Store:
    """Create the sample ward database at ``path`` and return the opened store."""
    store = open_store(path)
    with store.transaction() as s:
        towns = {}
        for code, name, oaza, chome in TOWNS:
            t = Town(code=code, name=name, oaza=oaza, chome=chome)
            s.add(t)
            towns[code] = t
        s.flush()
        n = 0
        for no, town, address, building, members in households():
            h = Household(household_no=no, address=address, building=building,
                          town_id=towns[town].id if town else None)
            s.add(h)
            s.flush()
            for m in members:
                n += 1
                s.add(Person(
                    person_no=f"P{n:06d}", household_id=h.id, name=m.name, kana=m.kana,
                    kana_key=kana_key(m.kana), birth_date=m.birth, sex=m.sex, relationship_=m.rel,
                    is_head=m.head, address=address, building=m.building, resident_kind=m.kind,
                ))
    return store


def build_large_ward(path: Path, n_households: int, seed: int = 1) -> Store:
    """A ward of ``n_households`` × 2 persons for timing, inserted in bulk (not realistic data)."""
    store = open_store(path)
    rng = random.Random(seed)
    kata = [chr(c) for c in range(0x30A2, 0x30F3)]
    with store.engine.begin() as conn:
        conn.execute(insert(Town.__table__), [
            {"id": i + 1, "code": f"T{i:04d}", "name": f"町{i}丁目", "oaza": "町"} for i in range(60)
        ])
        conn.execute(insert(Household.__table__), [
            {"id": i + 1, "household_no": f"{i:08d}", "address": f"町{i % 60}丁目{i % 97}番{i % 13}号",
             "building": None if i % 5 else f"ハイツ{i % 300}", "town_id": None if i % 50 == 0 else i % 60 + 1}
            for i in range(n_households)
        ])
        persons = []
        for i in range(n_households * 2):
            kana = "".join(rng.choices(kata, k=4)) + " " + "".join(rng.choices(kata, k=3))
            persons.append({
                "id": i + 1, "person_no": f"{i:09d}", "household_id": i // 2 + 1, "name": f"氏名{i}",
                "kana": kana, "kana_key": kana_key(kana),
                "birth_date": dt.date(1930, 1, 1) + dt.timedelta(days=rng.randrange(0, 34000)),
                "sex": 1 + i % 2, "relationship": "世帯主" if i % 2 == 0 else "妻", "is_head": i % 2 == 0,
                "address": "", "building": None, "resident_kind": "日本人",
            })
        conn.execute(insert(Person.__table__), persons)
    return store
