"""Figure: a 10,000-person roster (issue 6).  Target: ≤ 10 s and ≤ 500 MB peak, fresh process.

The demo ward (40,000 persons, scored with the default profile) is built once in a temporary
folder; the area is the first 町字 in id order until they hold at least ``--persons`` persons
(10,000 by default: seven towns, ≈ 4,600 households).  Each document is made in a fresh
interpreter through :func:`wardapp.rosters.service.make_roster` — what ``wardapp roster`` does:
select the area, apply the consent rules, draw the map, lay out and write the PDF, record the
audit entry — in 災害時 mode (everyone printed, the largest document).  Wall time includes the
interpreter start and imports; peak is the process's maximum resident set size.

    .venv/bin/python benchmarks/bench_roster.py [--persons 10000] [--db PATH] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, run_child  # noqa: E402

MAKE = """
import datetime as dt
from pathlib import Path
from wardapp.geo.selection import TownsArea
from wardapp.rosters.service import make_roster
from wardapp.security.access import SYSTEM
from wardapp.store import open_store
store = open_store(sys.argv[1])
towns = tuple(int(t) for t in sys.argv[2].split(","))
r = make_roster(store, TownsArea(towns), actor=SYSTEM, out=Path(sys.argv[3]), kind=sys.argv[4], mode="disaster",
                reason="benchmark")
store.close()
print(r.persons, r.households, r.pages or 0, Path(sys.argv[3]).stat().st_size)
"""


def towns_for(db: Path, persons: int) -> tuple[list[int], int]:
    from sqlalchemy import func, select

    from wardapp.store import Household, Person, open_store

    store = open_store(db)
    try:
        with store.session() as s:
            rows = s.execute(select(Household.town_id, func.count(Person.id)).join(Person)
                             .group_by(Household.town_id).order_by(Household.town_id)).all()
    finally:
        store.close()
    picked, total = [], 0
    for tid, n in rows:
        if tid is None:
            continue
        picked.append(int(tid))
        total += int(n)
        if total >= persons:
            break
    return picked, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", type=int, default=10_000)
    ap.add_argument("--db", type=Path, help="a scored demo ward to reuse (default: build one)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "demo.sqlite3"
            subprocess.run([sys.executable, "-m", "wardapp", "demo", "--db", str(db), "--no-gui"], check=True,
                           capture_output=True)
            subprocess.run([sys.executable, "-m", "wardapp", "score", "--db", str(db)], check=True, capture_output=True)
        towns, persons = towns_for(db, args.persons)
        print(f"machine: {machine()}")
        print(f"area: {len(towns)} towns, {persons:,} persons (災害時: everyone printed)")
        for kind, suffix in (("roster", "pdf"), ("check", "pdf"), ("by-town", "pdf"), ("roster", "xlsx"),
                             ("roster", "csv")):
            walls, peaks, last = [], [], ""
            for i in range(args.repeat):
                out = Path(tmp) / f"{kind}-{i}.{suffix}"
                wall, peak, last = run_child(MAKE, str(db), ",".join(map(str, towns)), str(out), kind)
                walls.append(wall)
                peaks.append(peak)
            p, h, pages, size = (int(x) for x in last.split())
            what = f"{pages} pages, " if pages else ""
            print(f"{kind:9s} {suffix:4s}: {statistics.median(walls):5.2f} s wall (median of {args.repeat}, "
                  f"{min(walls):.2f}–{max(walls):.2f}), peak {max(peaks):.0f} MiB  "
                  f"[{p:,} persons, {h:,} households, {what}{size / 2**20:.1f} MiB]")


if __name__ == "__main__":
    main()
