"""Figures: the 予定表 month query and the 到達状況 per town on a 400,000-resident ward (issue 8).

Targets: the month the 予定表 opens on (its six-week grid) ≤ 0.2 s; the reach figures of every
town (residents 65+ counted from the registry in one grouped query) ≤ 1 s; the map page
(figures + boundaries + the folium page) ≤ 2 s.

Data: the demo ward of ``--persons`` residents (``wardapp.demo.ensure_demo``: registry, map pack
with town boundaries, a year of classes and ICT visits sized for the ward).  ``--db PATH`` reuses
a demo database instead of building one; if it has no classes or visits yet (an older demo), the
demo's year of classes and visits is added to it first (work on a copy: the file is changed).

Printed, each the median of ``--repeat`` runs in this process:

- ``calendar_events`` for the demo's busiest month grid (42 days), unfiltered and filtered by a
  town, and ``calendar_filters``;
- ``outreach_reach`` on the demo's reference date (and the 65+ count query alone);
- ``load_reach_map`` + ``build_reach_page`` (what the 到達状況の地図 page does in the background).

    .venv/bin/python benchmarks/bench_outreach_calendar.py [--persons 400000] [--repeat 5] [--db PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, median_seconds  # noqa: E402


def _prepare(db: Path | None, persons: int) -> Path:
    from sqlalchemy import func, select

    from wardapp.demo import REFERENCE_DATE, ensure_demo
    from wardapp.demo.outreach import add_demo_classes
    from wardapp.demo.visits import add_demo_visits
    from wardapp.store import open_store
    from wardapp.store.models import ClassSession, IctVisit, Person

    if db is None:
        t = time.perf_counter()
        db = ensure_demo(Path(tempfile.mkdtemp(prefix="wardapp-bench-calendar-")) / "demo.sqlite3",
                         persons=persons).db_path
        print(f"demo ward built in {time.perf_counter() - t:.1f} s")
    store = open_store(db)
    try:
        with store.session() as s:
            n = s.scalar(select(func.count()).select_from(Person)) or 0
            sessions = s.scalar(select(func.count()).select_from(ClassSession)) or 0
            visits = s.scalar(select(func.count()).select_from(IctVisit)) or 0
        if not sessions or not visits:
            t = time.perf_counter()
            add_demo_classes(store, persons=n, on=REFERENCE_DATE)
            add_demo_visits(store, persons=n, on=REFERENCE_DATE)
            print(f"classes and visits added in {time.perf_counter() - t:.1f} s")
    finally:
        store.close()
    return db


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=400_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--db", type=Path)
    args = ap.parse_args()

    from sqlalchemy import func, select

    from wardapp.demo import REFERENCE_DATE
    from wardapp.geo.reachpage import build_reach_page, load_reach_map
    from wardapp.outreach.calendar import calendar_events, calendar_filters
    from wardapp.outreach.reach import aged_by_town, birth_cutoff, outreach_reach
    from wardapp.security import SYSTEM
    from wardapp.store import open_store
    from wardapp.store.models import ClassSession, IctVisit, Person
    from wardapp.ui.calendar_views import month_grid_range

    db = _prepare(args.db, args.persons)
    store = open_store(db)
    try:
        with store.session() as s:
            persons = s.scalar(select(func.count()).select_from(Person)) or 0
            dates = [d for (d,) in s.execute(select(ClassSession.date))] + \
                    [d for (d,) in s.execute(select(IctVisit.date).where(IctVisit.date.is_not(None)))]
        busiest = Counter(d.replace(day=1) for d in dates).most_common(1)[0][0]
        start, end = month_grid_range(busiest)
        print(machine())
        print(f"ward: {persons:,} persons; {len(dates):,} sessions and dated visits; reference {REFERENCE_DATE}")

        events = calendar_events(store, start, end, actor=SYSTEM)
        town = next(t for e in events for t in e.town_ids)
        figures = [
            (f"calendar_events month grid {start}–{end} ({len(events)} events)",
             lambda: calendar_events(store, start, end, actor=SYSTEM)),
            ("calendar_events same, filtered by a town",
             lambda: calendar_events(store, start, end, actor=SYSTEM, town_id=town)),
            ("calendar_events one week", lambda: calendar_events(store, start, start + dt.timedelta(days=6),
                                                                 actor=SYSTEM)),
            ("calendar_filters", lambda: calendar_filters(store, actor=SYSTEM)),
        ]
        cutoff = birth_cutoff(REFERENCE_DATE, 65)

        def aged_only() -> object:
            with store.session() as s:
                return aged_by_town(s, cutoff)

        reach = outreach_reach(store, REFERENCE_DATE, actor=SYSTEM)
        figures += [
            (f"outreach_reach ({len(reach.towns)} towns, {len(reach.unreached)} unreached, "
             f"{reach.aged_total:,} aged 65+)", lambda: outreach_reach(store, REFERENCE_DATE, actor=SYSTEM)),
            ("  of which the 65+ grouped count", aged_only),
            ("load_reach_map + build_reach_page",
             lambda: build_reach_page(load_reach_map(store, REFERENCE_DATE, actor=SYSTEM))),
        ]
        for label, fn in figures:
            fn()  # warm the page cache once
            print(f"{label}: {median_seconds(fn, args.repeat):.3f} s")
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
