"""Recognising a demo store: the ``ImportRun(kind="demo")`` row that marks a demo being built or built.

Nothing of the demo ward is inserted here: its geography, residents and welfare attributes
enter the store through the importers a ward uses (see :func:`wardapp.demo.ensure_demo`).
This module only records which seed and size a demo database holds, so that a demo can be
reused, and so that a database that is not a demo is never deleted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import func, insert, select, update

from wardapp.demo.ward import GENERATOR_VERSION
from wardapp.store.db import Store
from wardapp.store.models import ImportRun, Person

DEMO_RUN_KIND = "demo"


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
