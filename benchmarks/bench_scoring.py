"""Figures: scoring with the default profile (issue 4, the scoring core).

Targets: 400,000 persons in ~200,000 households scored in ≤ 2 s on a 2-core machine;
re-scoring after a profile edit (the GUI's live preview) ≤ 0.3 s for 40,000 persons.

Printed: the pure computation from a loaded :class:`ScoringInput` (the figure the target is
about), the same after editing a rule (what the GUI does on every edit), the first scoring on a
new 基準日 (fields recomputed), and end to end from the database — loading, scoring and saving
the run — for a demo ward built through the registry importer.  The demo ward's households get
points and flood zones so that the flood rules do real work.

    .venv/bin/python benchmarks/bench_scoring.py [--persons 400000] [--small 40000] [--repeat 5]
        [--db PATH]   # reuse a demo database of that size instead of building one (~30 s)
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, median_seconds  # noqa: E402
from wardapp.security import SYSTEM  # noqa: E402

DEPTH_BY_RANK = {1: 0.0, 2: 0.5, 3: 3.0, 4: 5.0}


def input_from_generator(persons: int, seed: int):  # type: ignore[no-untyped-def]
    """A ScoringInput straight from the demo generator (no database): points and flood zones included."""
    from wardapp.demo import generate_ward
    from wardapp.scoring import ScoringInput

    w = generate_ward(seed, persons)
    P, H, W, g = w.persons, w.households, w.welfare, w.geography
    pno = P["person_no"].to_numpy()
    frame_p = pd.DataFrame({
        "person_id": np.arange(len(P)) + 1, "person_no": pno, "household_id": P["household"].to_numpy() + 1,
        "birth_date": [dt.date.fromordinal(int(o)).isoformat() for o in P["birth"]], "sex": P["sex"],
        "resident_kind": P["resident_kind"]})
    pt = H["point"].to_numpy()
    frame_h = pd.DataFrame({
        "household_id": np.arange(len(H)) + 1, "household_no": H["household_no"],
        "town": w.towns["name"].to_numpy()[H["town"].to_numpy()],
        "lat": g.points["lat"].to_numpy()[pt], "lon": g.points["lon"].to_numpy()[pt]})

    def iso(o: int) -> str | None:
        return dt.date.fromordinal(int(o)).isoformat() if o else None

    frame_w = pd.DataFrame({
        "person_no": pno[W["person"].to_numpy()], "kind": W["kind"], "grade": W["grade"],
        "valid_from": [iso(o) for o in W["valid_from"]], "valid_to": [iso(o) for o in W["valid_to"]]})
    zones = [(geom, DEPTH_BY_RANK[int(r)]) for geom, r in zip(g.flood_geoms, g.flood["rank"])]
    t = time.perf_counter()
    inp = ScoringInput.from_frames(frame_p, frame_h, frame_w, zones)
    return inp, w.reference_date, time.perf_counter() - t


def edited(profile, k: int):  # type: ignore[no-untyped-def]
    """The default profile with one rule's points changed, as the GUI's editor would (new each time)."""
    rules = tuple(replace(r, points=r.points + k) if r.id == "age75" else r for r in profile.person_rules)
    return replace(profile, person_rules=rules)


def compute_figures(persons: int, seed: int, repeat: int) -> None:
    from wardapp.scoring import default_profile, score

    profile = default_profile()
    inp, on, build = input_from_generator(persons, seed)
    first = time.perf_counter()
    r = score(inp, profile, on)
    first = time.perf_counter() - first
    warm = median_seconds(lambda: score(inp, profile, on), repeat)
    profiles = [edited(profile, k + 1) for k in range(repeat)]
    it = iter(profiles)
    rescore = median_seconds(lambda: score(inp, next(it), on), repeat)
    print(f"{inp.n_persons:,} persons / {inp.n_households:,} households "
          f"({int((r.input.flood_depth > 0).sum()):,} in flood zones), 基準日 {on}")
    print(f"  ScoringInput from tables (dates, welfare, STRtree flood query): {build:6.3f} s")
    print(f"  first scoring on the 基準日 (fields computed):  {first:6.3f} s")
    print(f"  scoring, fields cached (median of {repeat}):        {warm:6.3f} s")
    print(f"  re-scoring after a profile edit (median of {repeat}): {rescore:6.3f} s")


def end_to_end(persons: int, seed: int, db: Path | None) -> None:
    import shapely
    from sqlalchemy import bindparam, insert, update

    from wardapp.demo import ensure_demo, generate_ward
    from wardapp.scoring import ScoringInput, default_profile, save_scores, score
    from wardapp.store import open_store
    from wardapp.store.models import HazardZone, Household

    with tempfile.TemporaryDirectory() as tmp:
        path = db or Path(tmp) / "bench.sqlite3"
        t = time.perf_counter()
        demo = ensure_demo(path, persons=persons, seed=seed)
        built = time.perf_counter() - t
        store = open_store(demo.db_path)
        try:
            # points for every household and the demo river's flood zones, if matching/layers did not do it
            w = generate_ward(seed, persons)
            with store.engine.begin() as conn:
                zones = conn.exec_driver_sql("SELECT count(*) FROM hazard_zones WHERE kind='flood'").scalar()
                if not zones:
                    conn.execute(insert(HazardZone), [
                        {"kind": "flood", "rank": int(r), "depth_min": DEPTH_BY_RANK[int(r)], "depth_max": None,
                         "label": str(lbl), "geometry_wkb": shapely.to_wkb(geom), "source": "bench"}
                        for geom, r, lbl in zip(w.geography.flood_geoms, w.geography.flood["rank"],
                                                w.geography.flood["label"])])
                unplaced = conn.exec_driver_sql("SELECT count(*) FROM households WHERE lat IS NULL").scalar()
                if unplaced:
                    pts = w.geography.points
                    no = w.households["household_no"].tolist()
                    lat = pts["lat"].to_numpy()[w.households["point"].to_numpy()].tolist()
                    lon = pts["lon"].to_numpy()[w.households["point"].to_numpy()].tolist()
                    conn.execute(update(Household).where(Household.household_no == bindparam("no"))
                                 .values(lat=bindparam("la"), lon=bindparam("lo")),
                                 [{"no": a, "la": b, "lo": c} for a, b, c in zip(no, lat, lon)])
            profile = default_profile()
            t0 = time.perf_counter()
            inp = ScoringInput.load(store)
            t1 = time.perf_counter()
            r = score(inp, profile, w.reference_date)
            t2 = time.perf_counter()
            save_scores(store, r, actor=SYSTEM)
            t3 = time.perf_counter()
        finally:
            store.close()
    print(f"end to end from the database ({demo.persons:,} persons, demo {'reused' if demo.reused else 'built'} "
          f"in {built:.1f} s):")
    print(f"  load (persons, households, welfare, flood zones): {t1 - t0:6.3f} s")
    print(f"  score:                                            {t2 - t1:6.3f} s")
    print(f"  save the run ({r.n_households:,} + {r.n_persons:,} rows):            {t3 - t2:6.3f} s")
    print(f"  total:                                            {t3 - t0:6.3f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--persons", type=int, default=400_000)
    ap.add_argument("--small", type=int, default=40_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--db", type=Path, help="demo database to reuse for the end-to-end figure")
    ap.add_argument("--no-db", action="store_true", help="skip the end-to-end figure")
    args = ap.parse_args()
    print(f"machine: {machine()}")
    compute_figures(args.persons, args.seed, args.repeat)
    compute_figures(args.small, args.seed, args.repeat)
    if not args.no_db:
        end_to_end(args.persons, args.seed, args.db)


if __name__ == "__main__":
    main()
