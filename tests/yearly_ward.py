"""A small, hand-countable outreach year for the yearly-report tests (R7年度 = 2025; all 架空).

Rows are written straight into the tables (not through the services) so that the fixture says
exactly what is stored.  The expected figures are written out in the tests, counted by hand from
the list below:

Towns A みどり一丁目, B さくら二丁目.  Venues: みどり地区センター (town A), さくら地域ケアプラザ (town B).
Courses K1 はじめてのスマホ, K2 LINE入門.

Sessions (status 実施済 unless said):
  s0 2025-03-31 K1 対面 センター        (R6年度)
  s1 2025-04-01 K1 対面 センター series S1
  s2 2025-04-08 K1 対面 センター series S1
  s5 2025-06-10 K2 対面 ケアプラザ 中止
  s6 2025-07-15 K2 ハイブリッド ケアプラザ
  s3 2026-03-31 K2 オンライン (no venue)
  s4 2026-04-01 K1 対面 ケアプラザ     (R8年度)
Participants: p1 born 1950-05-01 iPhone town A; p2 「80代」 持っていない town B;
  p3 born 1960-04-02 Android no town; p4 no age ガラケー town A.
Attendance: s0 p1; s1 p1 p2 (p3 欠席); s2 p1 p3; s3 p2; s6 p4 (当日参加; p1 欠席); s4 p2.
Surveys: s0 (1, no); s1 (5, yes) (4, yes); s2 (3, no) (—, yes); s3 (2, —).
Groups: G1 みどり一丁目自治会 [A]; G2 さくら老人クラブ [A, B]; G3 さくら子育てサークル [B].
Visits: v1 G1 2025-03-31 実施済 センター 10名; v2 G1 2025-04-01 実施済 センター 12名 (follow-up);
  v3 G2 2026-03-31 実施済 「さくら自治会館」 8名; v4 G2 2025-09-01 取消; v5 G2 2025-10-01 確定.
Grants: gr4 G1 活用講座 2025-03-31 40,000 → 40,000 交付決定 (R6年度);
  gr1 G1 ICT機器整備 2025-05-01 100,000 → 80,000 交付決定; gr3 G2 活用講座 2025-06-01 30,000 取下げ;
  gr5 G3 ICT機器整備 2025-07-01 60,000 不交付; gr2 G2 活用講座 2026-03-31 50,000 申請中.
"""

from __future__ import annotations

import datetime as dt
import json

from wardapp.store import Store
from wardapp.store.models import (
    ClassEnrolment,
    ClassParticipant,
    ClassSeries,
    ClassSession,
    ClassSurvey,
    CommunityGroup,
    Course,
    Facility,
    IctGrant,
    IctVisit,
    Town,
)

D = dt.date
NOW = dt.datetime(2026, 4, 10, 9, 0)
#: Every personal name and phone of the fixture: none may appear in a report.
PERSONAL = ("試験　一郎", "試験　二郎", "試験　三郎", "試験　四郎", "000-100-0001", "代表　花子", "000-200-0002")


def build_year(store: Store) -> None:
    with store.transaction() as s:
        a = Town(code="Y0001", name="みどり一丁目", oaza="みどり", chome=1)
        b = Town(code="Y0002", name="さくら二丁目", oaza="さくら", chome=2)
        s.add_all([a, b])
        s.flush()
        center = Facility(name="みどり地区センター", kind="地区センター", town_id=a.id)
        plaza = Facility(name="さくら地域ケアプラザ", kind="地域ケアプラザ", town_id=b.id)
        s.add_all([center, plaza])
        k1 = Course(title="はじめてのスマホ", level="入門", partner_kind="民間事業者", funding="区予算", created_at=NOW)
        k2 = Course(title="LINE入門", level="初級", partner_kind="NPO", funding="市補助", created_at=NOW)
        s.add_all([k1, k2])
        s.flush()
        series = ClassSeries(course_id=k1.id, created_at=NOW)
        s.add(series)
        s.flush()

        def session(day: dt.date, course: Course, delivery: str = "対面", venue: Facility | None = center,
                    status: str = "実施済", series_id: int | None = None, number: int = 1) -> ClassSession:
            x = ClassSession(course_id=course.id, series_id=series_id, number=number, date=day, start=dt.time(10),
                             end=dt.time(12), facility_id=venue.id if venue else None,
                             venue=venue.name if venue else None, capacity=20, delivery=delivery, status=status,
                             cancel_reason="台風" if status == "中止" else None, updated_at=NOW)
            s.add(x)
            return x

        s0 = session(D(2025, 3, 31), k1)
        s1 = session(D(2025, 4, 1), k1, series_id=series.id, number=1)
        s2 = session(D(2025, 4, 8), k1, series_id=series.id, number=2)
        s5 = session(D(2025, 6, 10), k2, venue=plaza, status="中止")
        s6 = session(D(2025, 7, 15), k2, delivery="ハイブリッド", venue=plaza)
        s3 = session(D(2026, 3, 31), k2, delivery="オンライン", venue=None)
        s4 = session(D(2026, 4, 1), k1, venue=plaza)

        def person(name: str, kana: str, device: str, town: Town | None, birth: dt.date | None = None,
                   band: str | None = None, phone: str | None = None) -> ClassParticipant:
            p = ClassParticipant(name=name, kana=kana, kana_key=kana, phone=phone, birth_date=birth, age_band=band,
                                 town_id=town.id if town else None, device=device, created_at=NOW)
            s.add(p)
            return p

        p1 = person("試験　一郎", "シケン　イチロウ", "iPhone", a, birth=D(1950, 5, 1), phone="000-100-0001")
        p2 = person("試験　二郎", "シケン　ジロウ", "持っていない", b, band="80代")
        p3 = person("試験　三郎", "シケン　サブロウ", "Android", None, birth=D(1960, 4, 2))
        p4 = person("試験　四郎", "シケン　シロウ", "ガラケー", a)
        s.flush()

        def attend(x: ClassSession, p: ClassParticipant, attendance: str | None = "出席", channel: str = "電話") -> None:
            s.add(ClassEnrolment(session_id=x.id, participant_id=p.id, channel=channel, status="申込",
                                 applied_at=NOW, attendance=attendance))

        attend(s0, p1)
        attend(s1, p1)
        attend(s1, p2)
        attend(s1, p3, "欠席")
        attend(s2, p1)
        attend(s2, p3)
        attend(s3, p2)
        attend(s6, p4, channel="当日")
        attend(s6, p1, "欠席")
        attend(s4, p2)
        attend(s5, p3, None)

        for x, u, i in ((s0, 1, False), (s1, 5, True), (s1, 4, True), (s2, 3, False), (s2, None, True),
                        (s3, 2, None)):
            s.add(ClassSurvey(session_id=x.id, understanding=u, interest_up=i, entered_at=NOW))

        g1 = CommunityGroup(name="みどり一丁目自治会", kind="自治会町内会", towns_json=json.dumps([a.id]),
                            representative="代表　花子", contact="000-200-0002")
        g2 = CommunityGroup(name="さくら老人クラブ", kind="老人クラブ", towns_json=json.dumps([a.id, b.id]))
        g3 = CommunityGroup(name="さくら子育てサークル", kind="子育てサークル", towns_json=json.dumps([b.id]))
        s.add_all([g1, g2, g3])
        s.flush()

        def visit(g: CommunityGroup, day: dt.date, status: str, venue: Facility | None = None,
                  place: str | None = None, attendees: int | None = None, follow_up: str | None = None) -> None:
            s.add(IctVisit(group_id=g.id, date=day, start=dt.time(13), end=dt.time(15),
                           facility_id=venue.id if venue else None, venue=venue.name if venue else place,
                           status=status, attendees=attendees, follow_up=follow_up, updated_at=NOW,
                           cancel_reason="雨天" if status == "取消" else None))

        visit(g1, D(2025, 3, 31), "実施済", center, attendees=10)
        visit(g1, D(2025, 4, 1), "実施済", center, attendees=12, follow_up="LINE連絡網の続き")
        visit(g2, D(2026, 3, 31), "実施済", place="さくら自治会館", attendees=8)
        visit(g2, D(2025, 9, 1), "取消")
        visit(g2, D(2025, 10, 1), "確定", center)

        def grant(g: CommunityGroup, purpose: str, day: dt.date, applied: int, granted: int | None, status: str) -> None:
            s.add(IctGrant(group_id=g.id, purpose=purpose, applied_on=day, applied=applied, granted=granted,
                           status=status))

        grant(g1, "活用講座", D(2025, 3, 31), 40_000, 40_000, "交付決定")
        grant(g1, "ICT機器整備", D(2025, 5, 1), 100_000, 80_000, "交付決定")
        grant(g2, "活用講座", D(2025, 6, 1), 30_000, None, "取下げ")
        grant(g3, "ICT機器整備", D(2025, 7, 1), 60_000, None, "不交付")
        grant(g2, "活用講座", D(2026, 3, 31), 50_000, None, "申請中")
