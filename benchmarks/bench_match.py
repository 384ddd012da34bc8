"""Figure: matching 200,000 household addresses against a 150,000-point 住所辞書 (issue: address dictionary).

Target: ≤ 5 s on a 2-core machine after the dictionary is loaded; addresses per second reported.
The data is the demo ward (``ensure_demo``; 425,000 persons give ~200,000 households, spelt the
way real extracts are).  When the demo's dictionary has fewer points than ``--points``, extra
synthetic 住居表示 towns (架空, 「試験台N丁目」) are added until it has that many.

Printed, each the median of ``--repeat`` runs in this process:

- loading the dictionary (``Gazetteer.load``);
- matching every household address, one ``Gazetteer.match`` call per household (no cache);
- the same with one call per distinct address (what ``match_households`` does);
- ``match_households`` end to end (load, match, write the results in one transaction).

    .venv/bin/python benchmarks/bench_match.py [--persons 425000] [--points 150000] [--repeat 3] [--db PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import machine  # noqa: E402
from wardapp.security import SYSTEM  # noqa: E402


def _pad_dictionary(store, target: int) -> int:  # type: ignore[no-untyped-def]
    """Add synthetic 住居表示 towns (街区 + 号 points) until the dictionary holds ``target`` points."""
    from sqlalchemy import func, insert, select

    from wardapp.store import AddressPoint, Town

    with store.engine.begin() as conn:
        have = conn.execute(select(func.count()).select_from(AddressPoint)).scalar_one()
        if have >= target:
            return 0
        next_town = (conn.execute(select(func.max(Town.id))).scalar_one() or 0) + 1
        towns, points = [], []
        need, t = target - have, 0
        kana = "アイウエオカキクケコサシスセソタチツテト"
        while len(points) < need:
            chome, oaza = t % 9 + 1, "試験台" + kana[t // 9 // len(kana) % len(kana)] + kana[t // 9 % len(kana)]
            tid = next_town + t
            lat, lon = 35.70 + 0.01 * (t // 30), 139.20 + 0.01 * (t % 30)
            towns.append({"id": tid, "code": f"BENCH{tid:05d}", "name": f"{oaza}{chome}丁目", "oaza": oaza,
                          "chome": chome, "residential_addressing": True, "lat": lat, "lon": lon,
                          "source": "bench"})
            for block in range(1, 21):
                points.append({"town_id": tid, "level": "block", "block": str(block), "residence": None,
                               "lat": lat + block * 1e-4, "lon": lon, "source": "bench", "dataset": "abr-block"})
                for res in range(1, 25):
                    points.append({"town_id": tid, "level": "residence", "block": str(block),
                                   "residence": str(res), "lat": lat + block * 1e-4, "lon": lon + res * 1e-4,
                                   "source": "bench", "dataset": "abr-residence"})
            t += 1
        points = points[:need]
        conn.execute(insert(Town), towns)
        for i in range(0, len(points), 20_000):
            conn.execute(insert(AddressPoint), points[i:i + 20_000])
    return len(points)


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--persons", type=int, default=425_000)
    ap.add_argument("--points", type=int, default=150_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--db", help="keep the demo database here (reused when it already holds this demo)")
    args = ap.parse_args()

    from sqlalchemy import select

    from wardapp.address.matcher import Gazetteer, match_households
    from wardapp.demo import REFERENCE_DATE, ensure_demo
    from wardapp.store import Household, open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "bench.sqlite3"
        t = time.perf_counter()
        demo = ensure_demo(db, persons=args.persons, seed=args.seed)
        made = time.perf_counter() - t
        store = open_store(demo.db_path)
        try:
            added = _pad_dictionary(store, args.points)
            on: dt.date = REFERENCE_DATE
            with store.engine.connect() as conn:
                addresses = [r.address for r in conn.execute(select(Household.address))]
                loads, g = [], None
                for _ in range(args.repeat):
                    t = time.perf_counter()
                    g = Gazetteer.load(conn, on)
                    loads.append(time.perf_counter() - t)
            assert g is not None
            distinct = list(dict.fromkeys(addresses))

            per_household, per_distinct = [], []
            statuses: Counter[str] = Counter()
            for i in range(args.repeat):
                t = time.perf_counter()
                results = [g.match(a) for a in addresses]
                per_household.append(time.perf_counter() - t)
                t = time.perf_counter()
                for a in distinct:
                    g.match(a)
                per_distinct.append(time.perf_counter() - t)
                if i == 0:
                    statuses = Counter(r.level if r.status == "matched" else r.status for r in results)

            ends, report = [], None
            for _ in range(args.repeat):
                t = time.perf_counter()
                report = match_households(store, on=on, actor=SYSTEM)
                ends.append(time.perf_counter() - t)
            assert report is not None
        finally:
            store.close()

    n = len(addresses)
    load, ph, pd_, end = (statistics.median(x) for x in (loads, per_household, per_distinct, ends))
    print(f"machine: {machine()}")
    print(f"data: demo ward {args.persons:,} persons (seed {args.seed}, {'reused' if demo.reused else 'generated'} "
          f"in {made:.1f} s): {n:,} households, {len(distinct):,} distinct addresses; dictionary "
          f"{g.points:,} points ({added:,} synthetic added)")
    print(f"Gazetteer.load:                         {load:6.2f} s")
    print(f"match, one call per household:          {ph:6.2f} s  ({n / ph:,.0f} addresses/s)  target ≤ 5 s")
    print(f"match, one call per distinct address:   {pd_:6.2f} s  ({len(distinct) / pd_:,.0f} addresses/s)")
    print(f"match_households end to end (load, match, write): {end:6.2f} s  ({n / end:,.0f} households/s)")
    print("levels: " + ", ".join(f"{k} {v:,}" for k, v in sorted(statuses.items())))
    print(f"report: {report.to_json()['levels']} ambiguous {report.ambiguous}")


if __name__ == "__main__":
    main()
