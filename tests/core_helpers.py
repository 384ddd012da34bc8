"""Helpers of the core suite: hypothesis settings, database dumps, Town rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import HealthCheck, settings

from wardapp.store import Store, Town

#: Hypothesis settings of the core suite: modest example counts keep it well under a minute.
FAST = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def dump_db(path: Path | str, *, exclude: tuple[str, ...] = ()) -> list[str]:
    """Every statement needed to rebuild the database (schema and rows), in a stable order.

    ``exclude`` drops the rows of the named tables (e.g. ``import_runs``, which grows by one
    row on every successful import by design).
    """
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        lines = list(con.iterdump())
    finally:
        con.close()
    return [ln for ln in lines if not any(ln.startswith(f'INSERT INTO "{t}"') for t in exclude)]


def add_towns(store: Store, towns: tuple[tuple[str, int | None], ...]) -> dict[tuple[str, int | None], int]:
    """Insert Town rows (oaza, chome); returns their ids."""
    ids = {}
    with store.transaction() as s:
        for i, (oaza, chome) in enumerate(towns, start=1):
            name = oaza + (f"{chome}丁目" if chome else "")
            t = Town(code=f"T{i:04d}", name=name, oaza=oaza, chome=chome)
            s.add(t)
            s.flush()
            ids[(oaza, chome)] = t.id
    return ids
