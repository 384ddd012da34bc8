"""Putting the demo ward's geography and welfare data into a store, and recognising a demo store.

Residents do *not* go in here: they enter through the registry importer from the CP932
extract, exactly as a ward's do.  What the importer needs first is the geography — towns with
their names, so that it can place each household in its 町字 — which is inserted here with
bulk ``insert()`` executemany calls (no ORM objects: 100,000 address points take well under a
second this way).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely
from sqlalchemy import func, insert, select, update

from wardapp.demo.ward import GENERATOR_VERSION, Ward
from wardapp.store.db import Store
from wardapp.store.models import AddressPoint, Facility, ImportRun, Person, Town, WelfareAttribute

DEMO_RUN_KIND = "demo"
SOURCE = "demo"
_BATCH = 50_000


def _none(v: Any) -> Any:
    """pandas/numpy missing values and scalars → plain Python for the DB driver."""
    if v is None:
        return None
    if isinstance(v, float) and np.isnan(v):
        return None
    if isinstance(v, np.generic):
        return v.item()
    return v


def _batched(conn: Any, table: Any, rows: list[dict[str, Any]]) -> None:
    for i in range(0, len(rows), _BATCH):
        conn.execute(insert(table), rows[i:i + _BATCH])


def insert_geography(store: Store, ward: Ward) -> dict[str, int]:
    """Towns (ids 1…n, boundary WKB), address points and facilities, in one transaction."""
    g = ward.geography
    towns = g.towns
    wkb = shapely.to_wkb(g.town_geoms)
    town_rows = [
        {"id": i + 1, "code": t.code, "name": t.name, "oaza": t.oaza, "chome": _none(t.chome), "kana": t.kana,
         "residential_addressing": bool(t.residential), "lat": float(t.lat), "lon": float(t.lon),
         "boundary_wkb": bytes(wkb[i]), "source": SOURCE}
        for i, t in enumerate(towns.itertuples(index=False))
    ]
    pts = g.points
    point_rows = [
        {"town_id": int(town) + 1, "level": level, "block": _none(block), "residence": _none(res),
         "parcel": _none(parcel), "lat": lat, "lon": lon, "source": SOURCE, "valid_from": None, "valid_to": None}
        for town, level, block, res, parcel, lat, lon in zip(
            pts["town"].tolist(), pts["level"].tolist(), pts["block"].tolist(), pts["residence"].tolist(),
            pts["parcel"].tolist(), pts["lat"].tolist(), pts["lon"].tolist())
    ]
    fac_rows = [
        {"name": f.name, "kind": f.kind, "address": f.address, "lat": float(f.lat), "lon": float(f.lon),
         "capacity": _none(f.capacity), "phone": _none(f.phone), "hazards": _none(f.hazards),
         "town_id": int(f.town) + 1}
        for f in g.facilities.itertuples(index=False)
    ]
    with store.engine.begin() as conn:
        conn.execute(insert(Town), town_rows)
        _batched(conn, AddressPoint, point_rows)
        if fac_rows:
            conn.execute(insert(Facility), fac_rows)
    return {"towns": len(town_rows), "address_points": len(point_rows), "facilities": len(fac_rows)}


def insert_welfare(store: Store, ward: Ward) -> int:
    """WelfareAttribute rows, joined by 宛名番号 like every welfare import."""
    w = ward.welfare
    pno = ward.persons["person_no"].to_numpy()[w["person"].to_numpy()]

    def day(o: int) -> dt.date | None:
        return dt.date.fromordinal(o) if o else None

    rows = [
        {"person_no": p, "kind": k, "grade": _none(gr), "valid_from": day(f), "valid_to": day(t), "source": SOURCE}
        for p, k, gr, f, t in zip(pno.tolist(), w["kind"].tolist(), w["grade"].tolist(), w["valid_from"].tolist(),
                                  w["valid_to"].tolist())
    ]
    with store.engine.begin() as conn:
        _batched(conn, WelfareAttribute, rows)
    return len(rows)


def demo_key(seed: int, persons: int) -> dict[str, int]:
    """What must match for a stored demo to be reused."""
    return {"generator_version": GENERATOR_VERSION, "seed": int(seed), "persons_requested": int(persons)}


def start_run(store: Store, seed: int, persons: int, csv_path: Path) -> int:
    """Mark the store as a demo being built (so an interrupted build is recognised as a demo)."""
    now = dt.datetime.now()
    counts = {**demo_key(seed, persons), "state": "building"}
    with store.engine.begin() as conn:
        res = conn.execute(insert(ImportRun).values(
            kind=DEMO_RUN_KIND, file_name=str(csv_path), sha256="", started_at=now, finished_at=now,
            user=None, counts_json=json.dumps(counts, ensure_ascii=False)))
        key = res.inserted_primary_key
        assert key is not None
        return int(key[0])


def finish_run(store: Store, run_id: int, csv_path: Path, counts: dict[str, Any]) -> None:
    h = hashlib.sha256(csv_path.read_bytes()).hexdigest()
    with store.engine.begin() as conn:
        conn.execute(update(ImportRun).where(ImportRun.id == run_id).values(
            sha256=h, finished_at=dt.datetime.now(), counts_json=json.dumps({**counts, "state": "complete"},
                                                                            ensure_ascii=False)))


def latest_demo_run(store: Store) -> dict[str, Any] | None:
    """counts of the newest demo run in the store, or None when the store holds no demo."""
    with store.session() as s:
        row = s.execute(select(ImportRun.counts_json).where(ImportRun.kind == DEMO_RUN_KIND)
                        .order_by(ImportRun.id.desc()).limit(1)).scalar_one_or_none()
    if row is None:
        return None
    try:
        data = json.loads(row)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def person_count(store: Store) -> int:
    with store.session() as s:
        return int(s.execute(select(func.count()).select_from(Person)).scalar_one())


def households_frame(store: Store) -> pd.DataFrame:
    """Household numbers and their resolved towns (for checks after the import)."""
    from wardapp.store.models import Household

    with store.session() as s:
        rows = s.execute(select(Household.household_no, Household.town_id)).all()
    return pd.DataFrame(rows, columns=["household_no", "town_id"])
