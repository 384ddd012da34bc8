"""Figure: a year of スマホ教室 with 500 sessions and 5,000 participants opens every page instantly (issue 7).

Target: each query a page runs when it opens ≤ 0.2 s.

Data: the demo's year of classes (``wardapp.demo.outreach.add_demo_classes``) sized for a ward of
400,000 residents (500 sessions in the 年度, ~60 ahead) at 57 synthetic venues (10 地区センター,
20 地域ケアプラザ, 27 コミュニティハウス), then topped up to ``--participants`` participants, each
new one with 1–4 attended sign-ups in held sessions (inserted in bulk: the pages' queries see the
row counts a busy ward would have; the attendance of those extra rows is not realistic).

Printed: the build time, the row counts, and for each page query the median of ``--repeat``
runs in this process:

- 回 list (year / one month), 講座 list, 受講者 list (all, and a kana search);
- check-in screen and sign-in sheet data of the busiest session, waiting list, call list;
- 年度 summary (with the survey figures), survey aggregation, repeat participation of everyone,
  one participant's history, the duplicate check of the entry form, session detail;
- write operations staff do one at a time: sign-up, cancel with promotion, a 4-session series
  (conflict check), a whole-series edit.

    .venv/bin/python benchmarks/bench_outreach.py [--sessions 500] [--participants 5000] [--repeat 5] [--db PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, median_seconds  # noqa: E402

REF = dt.date(2026, 4, 1)
TARGET = 0.2


def _geography(store) -> None:  # type: ignore[no-untyped-def]
    from wardapp.store.models import Facility, Town

    rng = random.Random(7)
    with store.transaction() as s:
        for i in range(120):
            s.add(Town(code=f"B{i:04d}", name=f"試験町{i}丁目", oaza="試験町", chome=i, lat=35.60 + (i // 12) * 0.006,
                       lon=139.50 + (i % 12) * 0.007))
        kinds = ["地区センター"] * 10 + ["地域ケアプラザ"] * 20 + ["コミュニティハウス"] * 27
        for i, k in enumerate(kinds):
            s.add(Facility(name=f"試験{i + 1}{k}", kind=k, lat=35.60 + rng.random() * 0.06,
                           lon=139.50 + rng.random() * 0.08))


def _top_up(store, target: int) -> int:  # type: ignore[no-untyped-def]
    """Register participants until ``target``, each with 1–4 attended sign-ups in held sessions."""
    from sqlalchemy import func, insert, select

    from wardapp.kana import kana_key
    from wardapp.store.models import ClassEnrolment, ClassParticipant, ClassSession

    rng = random.Random(11)
    with store.engine.begin() as conn:
        have = conn.execute(select(func.count()).select_from(ClassParticipant)).scalar_one()
        if have >= target:
            return 0
        held = [(i, d) for i, d in conn.execute(select(ClassSession.id, ClassSession.date)
                                                 .where(ClassSession.status == "実施済"))]
        first = (conn.execute(select(func.max(ClassParticipant.id))).scalar_one() or 0) + 1
        kana = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモ"
        people, enrolments = [], []
        for n in range(target - have):
            pid = first + n
            k = f"シケン　{kana[n % len(kana)]}{kana[n // len(kana) % len(kana)]}{kana[n // len(kana) ** 2 % len(kana)]}"
            people.append({"id": pid, "name": f"試験　{n}", "kana": k, "kana_key": kana_key(k),
                           "phone": f"000-8{n // 10000:03d}-{n % 10000:04d}", "phone_key": f"0008{n:08d}",
                           "birth_date": dt.date(1940 + n % 30, 1 + n % 12, 1 + n % 28), "age_band": None,
                           "town_id": None, "address": None, "device": "持っていない", "needs": "",
                           "consent_contact": True, "notes": None, "created_at": dt.datetime(2025, 4, 1),
                           "created_by": "bench"})
            for sid, d in rng.sample(held, rng.randint(1, 4)):
                at = dt.datetime.combine(d, dt.time(10))
                enrolments.append({"session_id": sid, "participant_id": pid, "channel": "電話", "status": "申込",
                                   "applied_at": at - dt.timedelta(days=10), "attendance": "出席", "checked_in_at": at})
        conn.execute(insert(ClassParticipant), people)
        conn.execute(insert(ClassEnrolment), enrolments)
    return target - have


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--sessions", type=int, default=500)
    ap.add_argument("--participants", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--db", help="database file (default: a temporary one)")
    args = ap.parse_args()

    from sqlalchemy import func, select

    from wardapp import outreach as o
    from wardapp.demo.outreach import add_demo_classes
    from wardapp.security.access import SYSTEM
    from wardapp.store import open_store
    from wardapp.store.models import ClassEnrolment, ClassParticipant, ClassSession, ClassSurvey

    tmp = tempfile.TemporaryDirectory()
    path = Path(args.db) if args.db else Path(tmp.name) / "outreach.sqlite3"
    store = open_store(path)
    t = time.perf_counter()
    with store.session() as s:
        empty = (s.scalar(select(func.count()).select_from(ClassSession)) or 0) == 0
    if empty:
        _geography(store)
        built = add_demo_classes(store, seed=1, persons=args.sessions * 800, on=REF)
        topped = _top_up(store, args.participants)
        print(f"built in {time.perf_counter() - t:.1f} s: demo classes {built.to_json()}; "
              f"{topped:,} participants added in bulk")
    with store.session() as s:
        counts = {name: s.scalar(select(func.count()).select_from(model)) for name, model in (
            ("sessions", ClassSession), ("participants", ClassParticipant), ("enrolments", ClassEnrolment),
            ("surveys", ClassSurvey))}
        in_year = s.scalar(select(func.count()).select_from(ClassSession).where(
            ClassSession.date >= dt.date(2025, 4, 1), ClassSession.date <= dt.date(2026, 3, 31)))
        busiest = s.execute(select(ClassEnrolment.session_id, func.count()).group_by(ClassEnrolment.session_id)
                            .order_by(func.count().desc()).limit(1)).one()
        waiting = s.execute(select(ClassEnrolment.session_id).where(ClassEnrolment.status == "キャンセル待ち")
                            .limit(1)).scalar()
        someone = s.scalar(select(ClassEnrolment.participant_id).group_by(ClassEnrolment.participant_id)
                           .order_by(func.count().desc()).limit(1))
        p = s.get(ClassParticipant, someone)
        assert p is not None
        kana, phone = p.kana, p.phone
    print(f"machine: {machine()}")
    print(f"data: {counts} ({in_year} sessions in R7年度); busiest session {busiest[0]} with {busiest[1]} sign-ups")

    year_from, year_to = dt.date(2025, 4, 1), dt.date(2026, 3, 31)
    reads = [
        ("回 list, whole 年度", lambda: o.list_sessions(store, date_from=year_from, date_to=year_to, actor=SYSTEM)),
        ("回 list, one month", lambda: o.list_sessions(store, date_from=dt.date(2025, 6, 1),
                                                        date_to=dt.date(2025, 6, 30), actor=SYSTEM)),
        ("講座 list", lambda: o.list_courses(store, actor=SYSTEM)),
        ("受講者 list (all)", lambda: o.list_participants(store, on=REF, actor=SYSTEM)),
        ("受講者 list, kana search", lambda: o.list_participants(store, on=REF, search="シケン　ア", actor=SYSTEM)),
        ("check-in screen (busiest)", lambda: o.checkin_rows(store, busiest[0], actor=SYSTEM)),
        ("check-in search by kana", lambda: o.checkin_rows(store, busiest[0], search="た", actor=SYSTEM)),
        ("sign-in sheet data", lambda: o.attendance_sheet(store, busiest[0], actor=SYSTEM)),
        ("session detail", lambda: o.get_session(store, busiest[0], actor=SYSTEM)),
        ("waiting list", lambda: o.waiting_list(store, waiting or busiest[0], actor=SYSTEM)),
        ("call list", lambda: o.call_list(store, actor=SYSTEM)),
        ("年度 summary (with surveys)", lambda: o.year_summary(store, 2025, actor=SYSTEM)),
        ("survey aggregation, 年度", lambda: o.aggregate_surveys(store, date_from=year_from, date_to=year_to, actor=SYSTEM)),
        ("repeat participation, all", lambda: o.participation(store, actor=SYSTEM)),
        ("one participant's history", lambda: o.participant_history(store, someone, actor=SYSTEM)),
        ("duplicate check (entry form)", lambda: o.find_duplicates(store, kana, phone, actor=SYSTEM)),
        ("walk-in step 1 (kana search)", lambda: o.walk_in_candidates(store, kana[:3], actor=SYSTEM)),
    ]
    worst = 0.0
    for label, fn in reads:
        sec = median_seconds(fn, args.repeat)
        worst = max(worst, sec)
        print(f"{label:34s} {sec * 1000:8.1f} ms  {'ok' if sec <= TARGET else 'SLOW'}")
    print(f"slowest page query: {worst * 1000:.1f} ms (target ≤ {TARGET * 1000:.0f} ms)")

    # Writes, each in its own transaction as the GUI does them.
    course = o.list_courses(store, actor=SYSTEM)[0].id
    venue = o.venues(store, actor=SYSTEM)[0].facility_id
    day = dt.date(2026, 9, 1)
    new = o.register_participant(store, o.ParticipantData("計測　太郎", "ケイソク　タロウ", "000-000-0001"), actor=SYSTEM)
    t = time.perf_counter()
    sid = o.create_session(store, course, o.SessionPlan(day, dt.time(9), dt.time(9, 30), 1, venue), actor=SYSTEM)
    create_one = time.perf_counter() - t
    t = time.perf_counter()
    r = o.create_series(store, course, o.SessionPlan(day + dt.timedelta(days=1), dt.time(9), dt.time(9, 30), 10, venue),
                        count=4, actor=SYSTEM)
    create_series = time.perf_counter() - t
    t = time.perf_counter()
    e = o.enrol(store, sid, new, "電話", actor=SYSTEM)
    enrol = time.perf_counter() - t
    other = o.register_participant(store, o.ParticipantData("計測　花子", "ケイソク　ハナコ", "000-000-0002"), actor=SYSTEM)
    o.enrol(store, sid, other, "電話", actor=SYSTEM)
    t = time.perf_counter()
    res = o.cancel_enrolment(store, e.enrolment_id, actor=SYSTEM)
    cancel = time.perf_counter() - t
    assert len(res.promoted) == 1
    t = time.perf_counter()
    o.update_series(store, r.series_id, o.SessionEdit(shift_days=1, capacity=12), actor=SYSTEM)
    series_edit = time.perf_counter() - t
    for label, sec in (("create a session (conflict check)", create_one), ("create a 4-session series", create_series),
                       ("sign-up", enrol), ("cancel with promotion", cancel), ("whole-series edit", series_edit)):
        print(f"{label:34s} {sec * 1000:8.1f} ms")
    store.close()


if __name__ == "__main__":
    main()
