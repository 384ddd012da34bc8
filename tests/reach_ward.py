"""A small ward for the 予定表 and 到達状況 tests, written row by row (every name invented, 架空).

Rows are inserted directly (not through the outreach services, whose signatures are changing)
so that every figure below can be computed by hand.  Reference date :data:`ON` = 2026-11-22,
so the 12-month window is 2025-11-23 … 2026-11-22.

Towns (5, each a small square boundary) and residents aged 65+ on ON:

====  ============  =====================================================  ========
town  name          persons (birth dates)                                   65+
====  ============  =====================================================  ========
A     あおば一丁目  1961-11-22 (65 that day), 1961-11-23 (64), 1950-05-05   2
B     あおば二丁目  1945-01-01, 1990-01-01                                 1
C     さくら一丁目  1930-03-03                                             1
D     さくら二丁目  1955-06-06, 1956-07-07                                 2
E     もみじ町      1940-01-01, 1941-02-02, 1942-03-03, 1943-04-04         4
—     (no town)     1940-01-01                                             1
====  ============  =====================================================  ========

Facilities: F1 あおば地区センター (in A), F2 さくら地域ケアプラザ (in C), F3 もみじコミュニティハウス (in E).

Class sessions (course はじめてのスマホ):

S1 F1 2026-05-12 10–12 実施済 (instructor 「佐藤 明」) · S2 F1 2026-06-09 10–12 実施済 ·
S3 F3 2025-11-22 実施済 (one day before the window) · S4 F2 2025-11-23 実施済 (first day) ·
S5 F3 2026-12-01 予定 · S6 F3 2026-10-01 中止 · S7 「あおば自治会館」 (no facility) 2026-07-07 実施済 ·
S8 F1 2026-11-22 13–15 確定 (on ON, not held).

Participants (town): P1 D attended S7 · P2 E attended S3 (before the window) · P3 B absent from S1 ·
P4 A attended S1 · P5 A attended S1 and S2.

Visits: group G1 あおば二丁目町内会 covers B, G2 もみじ老人クラブ covers E; advisers AD1 佐藤　明, AD2 鈴木　恵.
V1 G1 2026-08-01 14–16 at 「あおば二丁目集会所」 (no facility) 実施済 AD1 · V2 G2 2026-09-01 取消 ·
V3 G2 2026-12-10 確定 AD2 · V4 G2 2025-11-01 実施済 (before the window) · V5 G1 2026-03-03 10–12 at F2 実施済 AD1 ·
V6 G2 受付 (no date yet).

By hand: A reached (教室 2 sessions, 受講者 2), B only by a visit (V1, V5 → 2 visits), C (教室 S4 + 訪問 V5),
D only by a participant (P1), E not reached.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import shapely
from shapely.geometry import box

from wardapp.store import Store
from wardapp.store.models import (
    ClassEnrolment,
    ClassParticipant,
    ClassSession,
    CommunityGroup,
    Course,
    Facility,
    Household,
    IctAdviser,
    IctVisit,
    Person,
    Town,
)

ON = dt.date(2026, 11, 22)
T = dt.time
NOW = dt.datetime(2026, 11, 1, 9, 0)

#: Participant names: none of them may appear in any aggregate result.
PARTICIPANT_NAMES = ("架空　一子", "架空　二郎", "架空　三子", "架空　四郎", "架空　五子")

TOWNS = (  # key, code, name, (lon, lat) of the square's south-west corner, births
    ("A", "R0001", "あおば一丁目", (139.400, 35.700), ("1961-11-22", "1961-11-23", "1950-05-05")),
    ("B", "R0002", "あおば二丁目", (139.410, 35.700), ("1945-01-01", "1990-01-01")),
    ("C", "R0003", "さくら一丁目", (139.400, 35.710), ("1930-03-03",)),
    ("D", "R0004", "さくら二丁目", (139.410, 35.710), ("1955-06-06", "1956-07-07")),
    ("E", "R0005", "もみじ町", (139.420, 35.705), ("1940-01-01", "1941-02-02", "1942-03-03", "1943-04-04")),
)
SIDE = 0.009


@dataclass
class ReachWard:
    store: Store
    town: dict[str, int]
    facility: dict[str, int]
    session: dict[str, int]
    participant: dict[str, int]
    group: dict[str, int]
    adviser: dict[str, int]
    visit: dict[str, int]


def build_reach_ward(store: Store, *, boundaries: bool = True) -> ReachWard:
    with store.transaction() as s:
        town: dict[str, int] = {}
        n = 0
        for key, code, name, (lon, lat), births in TOWNS:
            wkb = shapely.to_wkb(box(lon, lat, lon + SIDE, lat + SIDE)) if boundaries else None
            t = Town(code=code, name=name, oaza=name.rstrip("一二丁目"), chome=None, lat=lat + SIDE / 2,
                     lon=lon + SIDE / 2, boundary_wkb=wkb)
            s.add(t)
            s.flush()
            town[key] = t.id
            for b in births:
                n += 1
                h = Household(household_no=f"H{n:05d}", address=f"{name}{n}番", town_id=t.id)
                s.add(h)
                s.flush()
                s.add(Person(person_no=f"P{n:05d}", household_id=h.id, name=f"住民　{n}", kana=f"ジュウミン　{n}",
                             kana_key=f"ジュウミン{n}", birth_date=dt.date.fromisoformat(b), sex=1,
                             relationship_="本人", is_head=True, address=f"{name}{n}番"))
        h = Household(household_no="H09999", address="住所不明", town_id=None)
        s.add(h)
        s.flush()
        s.add(Person(person_no="P09999", household_id=h.id, name="住民　不明", kana="ジュウミン　フメイ",
                     kana_key="ジュウミンフメイ", birth_date=dt.date(1940, 1, 1), sex=2, relationship_="本人",
                     is_head=True, address="住所不明"))

        fac = {
            "F1": Facility(name="あおば地区センター", kind="地区センター", lat=35.7045, lon=139.4045, town_id=town["A"]),
            "F2": Facility(name="さくら地域ケアプラザ", kind="地域ケアプラザ", lat=35.7145, lon=139.4045,
                           town_id=town["C"]),
            "F3": Facility(name="もみじコミュニティハウス", kind="コミュニティハウス", lat=35.7095, lon=139.4245,
                           town_id=town["E"]),
        }
        s.add_all(fac.values())
        course = Course(title="はじめてのスマホ", topics_json='["基本操作"]', level="入門", partner_kind="民間事業者",
                        funding="区予算", created_at=NOW)
        s.add(course)
        s.flush()

        def session(day: str, venue: str | None, status: str, start: int = 10, end: int = 12,
                    instructors: tuple[str, ...] = ("山田　花子",), text: str | None = None,
                    reason: str | None = None) -> ClassSession:
            row = ClassSession(course_id=course.id, number=1, date=dt.date.fromisoformat(day), start=T(start),
                               end=T(end), facility_id=fac[venue].id if venue else None,
                               venue=text if text else (fac[venue].name if venue else None), capacity=20,
                               instructors_json=json.dumps(list(instructors), ensure_ascii=False), delivery="対面",
                               status=status, cancel_reason=reason, updated_at=NOW)
            s.add(row)
            return row

        sess = {
            "S1": session("2026-05-12", "F1", "実施済", instructors=("佐藤 明",)),
            "S2": session("2026-06-09", "F1", "実施済"),
            "S3": session("2025-11-22", "F3", "実施済"),
            "S4": session("2025-11-23", "F2", "実施済"),
            "S5": session("2026-12-01", "F3", "予定"),
            "S6": session("2026-10-01", "F3", "中止", reason="講師の急病"),
            "S7": session("2026-07-07", None, "実施済", text="あおば自治会館"),
            "S8": session("2026-11-22", "F1", "確定", start=13, end=15),
        }
        s.flush()

        people = {}
        for i, (key, tkey) in enumerate((("P1", "D"), ("P2", "E"), ("P3", "B"), ("P4", "A"), ("P5", "A"))):
            p = ClassParticipant(name=PARTICIPANT_NAMES[i], kana=f"カクウ　{i}", kana_key=f"カクウ{i}",
                                 phone=f"000-300-000{i}", phone_key=f"0003000000{i}", town_id=town[tkey],
                                 device="iPhone", created_at=NOW)
            s.add(p)
            people[key] = p
        s.flush()
        for pkey, skey, attendance in (("P1", "S7", "出席"), ("P2", "S3", "出席"), ("P3", "S1", "欠席"),
                                       ("P4", "S1", "出席"), ("P5", "S1", "出席"), ("P5", "S2", "出席")):
            s.add(ClassEnrolment(session_id=sess[skey].id, participant_id=people[pkey].id, channel="電話",
                                 status="申込", applied_at=NOW, attendance=attendance))

        groups = {
            "G1": CommunityGroup(name="あおば二丁目町内会", kind="自治会町内会", towns_json=json.dumps([town["B"]]),
                                 representative="代表　一郎", contact="000-400-0001"),
            "G2": CommunityGroup(name="もみじ老人クラブ", kind="老人クラブ", towns_json=json.dumps([town["E"]]),
                                 representative="代表　二郎", contact="000-400-0002"),
        }
        advisers = {"AD1": IctAdviser(name="佐藤　明"), "AD2": IctAdviser(name="鈴木　恵")}
        s.add_all([*groups.values(), *advisers.values()])
        s.flush()

        def visit(g: str, day: str | None, status: str, adviser: str | None = None, venue: str | None = None,
                  text: str | None = None, start: int = 10, end: int = 12, attendees: int | None = None,
                  reason: str | None = None) -> IctVisit:
            row = IctVisit(group_id=groups[g].id, topics_json='["LINE", "詐欺対策"]',
                           date=dt.date.fromisoformat(day) if day else None, start=T(start) if day else None,
                           end=T(end) if day else None, facility_id=fac[venue].id if venue else None,
                           venue=text if text else (fac[venue].name if venue else None),
                           adviser_id=advisers[adviser].id if adviser else None, status=status, expected=15,
                           attendees=attendees, cancel_reason=reason, updated_at=NOW)
            s.add(row)
            return row

        vis = {
            "V1": visit("G1", "2026-08-01", "実施済", "AD1", text="あおば二丁目集会所", start=14, end=16, attendees=12),
            "V2": visit("G2", "2026-09-01", "取消", reason="台風のため"),
            "V3": visit("G2", "2026-12-10", "確定", "AD2", venue="F3"),
            "V4": visit("G2", "2025-11-01", "実施済", "AD2", venue="F3", attendees=8),
            "V5": visit("G1", "2026-03-03", "実施済", "AD1", venue="F2", attendees=9),
            "V6": visit("G2", None, "受付"),
        }
        s.flush()
        return ReachWard(store, town, {k: f.id for k, f in fac.items()}, {k: r.id for k, r in sess.items()},
                         {k: p.id for k, p in people.items()}, {k: g.id for k, g in groups.items()},
                         {k: a.id for k, a in advisers.items()}, {k: v.id for k, v in vis.items()})
