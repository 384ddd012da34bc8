"""Figure: the yearly outreach report (集計) of a busy ward's 年度 is computed and written in seconds.

Data: the year of bench_outreach.py (the demo's classes sized to 500 sessions in the 年度 at 57
venues, topped up to 5,000 participants) plus ``--visits`` ICTアドバイザー派遣 (実施済, spread over the
年度, 60 community groups covering 1–3 of 120 towns, 5–30 attendees) and 80 grant applications,
inserted in bulk, and figures for four earlier years.

Printed: the build time, the row counts and the median of ``--repeat`` runs of

- ``outreach_report`` (the 年度, its months, venues, towns and the earlier years computed);
- the XLSX (5 sheets) and the A4 PDF (tables and four charts) written from that report.

    .venv/bin/python benchmarks/bench_outreach_report.py [--sessions 500] [--participants 5000] [--visits 200] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, median_seconds  # noqa: E402
from bench_outreach import REF, _geography, _top_up  # noqa: E402

FY = 2025


def _visits_and_grants(store, visits: int) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import insert, select

    from wardapp.store.models import CommunityGroup, Facility, IctGrant, IctVisit, Town

    rng = random.Random(5)
    with store.engine.begin() as conn:
        towns = list(conn.execute(select(Town.id)).scalars())
        places = list(conn.execute(select(Facility.id, Facility.name)))
        groups = [{"id": i + 1, "name": f"試験団体{i + 1}", "kind": "自治会町内会",
                   "towns_json": json.dumps(rng.sample(towns, rng.randint(1, 3))), "places_json": "[]"}
                  for i in range(60)]
        conn.execute(insert(CommunityGroup), groups)
        start = dt.date(FY, 4, 1)
        rows = []
        for i in range(visits):
            fid, name = places[rng.randrange(len(places))] if rng.random() < 0.7 else (None, f"試験会館{i % 40}")
            rows.append({"group_id": rng.randint(1, 60), "topics_json": "[]", "preferred_json": "[]",
                         "date": start + dt.timedelta(days=rng.randrange(365)), "start": dt.time(13), "end": dt.time(15),
                         "facility_id": fid, "venue": name, "status": "実施済", "attendees": rng.randint(5, 30),
                         "follow_up": "続き" if rng.random() < 0.2 else None, "updated_at": dt.datetime(2026, 4, 1)})
        conn.execute(insert(IctVisit), rows)
        grants = []
        for i in range(80):
            applied = rng.randrange(50, 300) * 1000
            status = rng.choice(["交付決定", "交付決定", "申請中", "不交付", "取下げ"])
            grants.append({"group_id": rng.randint(1, 60), "purpose": rng.choice(["ICT機器整備", "活用講座"]),
                           "applied_on": start + dt.timedelta(days=rng.randrange(365)), "applied": applied,
                           "granted": applied * 8 // 10 if status == "交付決定" else None, "status": status})
        conn.execute(insert(IctGrant), grants)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sessions", type=int, default=500)
    ap.add_argument("--participants", type=int, default=5000)
    ap.add_argument("--visits", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    from wardapp.demo.outreach import add_demo_classes
    from wardapp.outreach import yearly
    from wardapp.outreach.yearly_export import write_pdf, write_xlsx
    from wardapp.security.access import SYSTEM
    from wardapp.store import open_store
    from wardapp.store.models import ClassEnrolment, ClassParticipant, ClassSession

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.sqlite3")
        t = time.perf_counter()
        _geography(store)
        add_demo_classes(store, seed=1, persons=args.sessions * 800, on=REF)
        _top_up(store, args.participants)
        _visits_and_grants(store, args.visits)
        for fy, n in ((2018, 9), (2019, 11), (2020, 11), (2021, 15)):
            yearly.set_past_figure(store, fy, "initiatives", n, actor=SYSTEM)
        build = time.perf_counter() - t
        from sqlalchemy import func, select

        with store.session() as s:
            counts = {name: s.scalar(select(func.count()).select_from(model)) for name, model in
                      (("sessions", ClassSession), ("participants", ClassParticipant), ("enrolments", ClassEnrolment))}
        report = yearly.outreach_report(store, FY, actor=SYSTEM)
        print(f"machine: {machine()}")
        print(f"build: {build:.1f} s; rows: {counts}; R7年度: {report.value('sessions')} sessions held, "
              f"{report.value('visits')} visits, {report.value('participants')} participants, "
              f"{report.value('attendances')} attendances, {len(report.venues)} venues, {len(report.towns)} towns")
        r = median_seconds(lambda: yearly.outreach_report(store, FY, actor=SYSTEM), args.repeat)
        x = median_seconds(lambda: write_xlsx(report, Path(tmp) / "r.xlsx", exported_by="bench"), args.repeat)
        p = median_seconds(lambda: write_pdf(report, Path(tmp) / "r.pdf", printed_by="bench"), args.repeat)
        print(f"outreach_report: {r * 1000:.0f} ms (median of {args.repeat})")
        print(f"XLSX: {x * 1000:.0f} ms ({(Path(tmp) / 'r.xlsx').stat().st_size / 1024:.0f} KiB)")
        print(f"PDF: {p * 1000:.0f} ms ({(Path(tmp) / 'r.pdf').stat().st_size / 1024:.0f} KiB)")
        store.close()


if __name__ == "__main__":
    main()
