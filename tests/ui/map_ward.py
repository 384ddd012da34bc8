"""The demo ward made ready for the map: households placed, flood zones and scores stored.

``wardapp.demo.ensure_demo`` builds the fictional ward (towns with boundaries, facilities, the
registry); the map also needs what later stages add — address matching (household points),
the demo's flood-zone file imported as a layer, and a stored scoring run when the scoring
package is there.  Shared by the map GUI tests, the screenshot script and the benchmark; no Qt.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from sqlalchemy import func, select

from wardapp.address.matcher import match_households
from wardapp.demo import REFERENCE_DATE, ensure_demo
from wardapp.geo import import_layer
from wardapp.security import SYSTEM
from wardapp.store import Household, open_store
from wardapp.store.models import HazardZone


def _flood_file(pack: Path) -> tuple[Path, Path | None] | None:
    """The demo pack's flood zones: an A31-style file with its mapping, or the plain layer."""
    for path in sorted(pack.glob("a31/*.geojson")):
        mapping = path.with_suffix(".toml")
        return path, mapping if mapping.exists() else None
    plain = pack / "flood.geojson"
    return (plain, None) if plain.exists() else None


def build_map_demo(db: Path, persons: int = 2000, *, scores: bool = True) -> Path:
    """The demo at ``db`` with points, flood zones and (if possible) scores; returns ``db``."""
    result = ensure_demo(db, persons=persons)
    store = open_store(result.db_path)
    try:
        with store.session() as s:
            unplaced = s.scalar(select(func.count()).select_from(Household).where(Household.lat.is_(None))) or 0
            zones = s.scalar(select(func.count()).select_from(HazardZone)) or 0
        if unplaced:
            match_households(store, on=REFERENCE_DATE, actor=SYSTEM)
        flood = _flood_file(result.map_pack)
        if not zones and flood is not None:
            import_layer(store, flood[0], kind="flood", mapping=flood[1], actor=SYSTEM)
        if scores:
            try:
                scoring = importlib.import_module("wardapp.scoring")
            except ImportError:
                scoring = None
            if scoring is not None and scoring.latest_scores(store) is None:
                result_ = scoring.score(store, scoring.default_profile(), REFERENCE_DATE)
                scoring.save_scores(store, result_, user="test", actor=SYSTEM)
    finally:
        store.close()
    return result.db_path
