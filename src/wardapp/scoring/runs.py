"""Stored score runs: every scoring that staff save, with the profile and 基準日 that made it.

A printed roster must always be able to say how its scores were made, so each run stores the
profile's name, version, SHA-256 and full TOML, the 基準日, who ran it and when
(``score_runs``), and per household and per person the scores, categories, band, rank and
the ids of the rules that gave points (``household_scores``, ``person_scores``).

Space: a run of a 400,000-person ward is about 600,000 rows.  The household and person rows
of all but the newest ``keep`` runs (default 5) are deleted when a run is saved; the
``score_runs`` row itself is never deleted (``details_pruned`` is set), so an old printout's
run id still resolves to its profile and date.  ``keep=None`` keeps everything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import delete, func, insert, select, update

from wardapp.scoring.engine import ScoreResult, category_string
from wardapp.scoring.profile import Profile, parse_profile
from wardapp.security import audit
from wardapp.security.access import Actor, requires
from wardapp.store import bulk
from wardapp.store.db import Store
from wardapp.store.models import HouseholdScore, ImportRun, PersonScore, ScoreRun, ScoreRunId
from wardapp.wareki import to_wareki

DEFAULT_KEEP = 5
_CATEGORY_STRINGS = np.array([category_string(m) for m in range(32)], dtype=object)


@dataclass(frozen=True)
class ScoreRunInfo:
    """What a stored run says about itself."""

    id: ScoreRunId
    profile_name: str
    profile_version: int
    profile_sha256: str
    reference_date: dt.date
    created_at: dt.datetime
    user: str | None
    persons: int
    households: int
    details_pruned: bool

    def caption_ja(self) -> str:
        """The line a printed roster carries: how its scores were made."""
        return (f"援護度: プロファイル「{self.profile_name}」第{self.profile_version}版、"
                f"基準日 {to_wareki(self.reference_date)}、{self.created_at:%Y-%m-%d %H:%M} 計算"
                f"（記録番号 {self.id}、{self.profile_sha256[:8]}）")


@dataclass
class StoredScores:
    """The household scores of one run, as a frame indexed by nothing (one row per household).

    Columns: household_id, household_no, score, max_person_score, members, categories (letters
    高乳妊障医), band, rank.  ``stale`` is True when an import finished after the run (the
    data may have changed since).
    """

    run: ScoreRunInfo
    households: pd.DataFrame
    stale: bool


def _rule_strings(result: ScoreResult) -> np.ndarray:
    """Comma-separated rule ids per person, built once per distinct pattern of hits."""
    hits = result.person_hits
    n = result.n_persons
    if hits.shape[0] == 0 or n == 0:
        return np.full(n, "", dtype=object)
    packed = np.packbits(hits, axis=0)  # (ceil(R/8), n)
    key = np.zeros(n, dtype=np.uint64) if packed.shape[0] <= 8 else None
    if key is not None:
        for j in range(packed.shape[0]):
            key |= packed[j].astype(np.uint64) << np.uint64(8 * j)
        _, first, inv = np.unique(key, return_index=True, return_inverse=True)
    else:  # more than 64 rules: unique over the packed rows
        _, first, inv = np.unique(packed.T, axis=0, return_index=True, return_inverse=True)
        inv = inv.reshape(-1)
    ids = result.person_rules
    strings = np.array([",".join(ids[i] for i in np.flatnonzero(hits[:, p])) for p in first], dtype=object)
    return strings[inv]


@requires("scores.run")
def save_scores(store: Store, result: ScoreResult, *, actor: Actor, user: str | None = None,
                keep: int | None = DEFAULT_KEEP) -> ScoreRunId:
    """Store ``result`` as a new run (one transaction); return its id.  See the module docstring.

    Needs ``scores.run``; the run is recorded in the audit log (``scores.save``: profile and
    version, persons, households) in the same transaction.  ``user`` defaults to ``actor.user``.
    """
    user = user or actor.user
    inp = result.input
    profile = result.profile
    toml = profile.to_toml()
    sha = hashlib.sha256(toml.encode("utf-8")).hexdigest()
    bands = np.array(result.band_names, dtype=object)
    h_rows = list(zip(
        inp.household_id.tolist(), inp.household_no.tolist(), result.household_score.tolist(),
        result.household_max_person_score.tolist(), inp.groups.sizes.tolist(),
        _CATEGORY_STRINGS[result.household_categories].tolist(), bands[result.household_band].tolist(),
        result.rank.tolist()))
    p_rows = list(zip(
        inp.person_id.tolist(), inp.person_no.tolist(), inp.household_id[inp.person_household].tolist(),
        result.person_score.tolist(), _CATEGORY_STRINGS[result.person_categories].tolist(),
        _rule_strings(result).tolist()))
    with store.engine.begin() as conn:
        res = conn.execute(insert(ScoreRun).values(
            profile_name=profile.name, profile_version=profile.version, profile_sha256=sha, profile_toml=toml,
            reference_date=result.on, created_at=dt.datetime.now(), user=user,
            persons=result.n_persons, households=result.n_households, details_pruned=False))
        key = res.inserted_primary_key
        assert key is not None
        run_id = int(key[0])
        bulk.insert_rows(conn, HouseholdScore.__table__,  # type: ignore[arg-type]
                         ("run_id", "household_id", "household_no", "score", "max_person_score", "members",
                          "categories", "band", "rank"),
                         [(run_id, *r) for r in h_rows])
        bulk.insert_rows(conn, PersonScore.__table__,  # type: ignore[arg-type]
                         ("run_id", "person_id", "person_no", "household_id", "score", "categories", "rules"),
                         [(run_id, *r) for r in p_rows])
        if keep is not None:
            kept = select(ScoreRun.id).order_by(ScoreRun.id.desc()).limit(max(keep, 1)).scalar_subquery()
            old = conn.execute(select(ScoreRun.id).where(ScoreRun.details_pruned.is_(False),
                                                         ScoreRun.id.not_in(kept))).scalars().all()
            if old:
                conn.execute(delete(HouseholdScore).where(HouseholdScore.run_id.in_(old)))
                conn.execute(delete(PersonScore).where(PersonScore.run_id.in_(old)))
                conn.execute(update(ScoreRun).where(ScoreRun.id.in_(old)).values(details_pruned=True))
        audit.record(conn, actor, "scores.save", f"{profile.name} 第{profile.version}版",
                     counts={"persons": result.n_persons, "households": result.n_households},
                     details={"run_id": run_id, "profile": profile.name, "version": profile.version,
                              "sha256": sha, "reference_date": result.on.isoformat()})
    return ScoreRunId(run_id)


def _info(row: ScoreRun) -> ScoreRunInfo:
    return ScoreRunInfo(
        id=ScoreRunId(row.id), profile_name=row.profile_name, profile_version=row.profile_version,
        profile_sha256=row.profile_sha256, reference_date=row.reference_date, created_at=row.created_at,
        user=row.user, persons=row.persons, households=row.households, details_pruned=row.details_pruned)


def score_runs(store: Store) -> list[ScoreRunInfo]:
    """Every stored run, newest first."""
    with store.session() as s:
        return [_info(r) for r in s.scalars(select(ScoreRun).order_by(ScoreRun.id.desc()))]


def run_info(store: Store, run_id: int) -> ScoreRunInfo | None:
    with store.session() as s:
        row = s.get(ScoreRun, run_id)
        return _info(row) if row is not None else None


def run_profile(store: Store, run_id: int) -> Profile:
    """The profile a run was made with, exactly as stored (``KeyError`` for an unknown run)."""
    with store.session() as s:
        text = s.scalar(select(ScoreRun.profile_toml).where(ScoreRun.id == run_id))
    if text is None:
        raise KeyError(run_id)
    return parse_profile(text, f"記録番号 {run_id} のプロファイル")


def household_scores(store: Store, run_id: int) -> pd.DataFrame:
    """One row per household of the run, in rank order.

    Read as plain DB-API tuples: a frame built from 200,000 SQLAlchemy rows takes three times
    as long, and the residents page reads this on every load.
    """
    t = HouseholdScore.__table__
    cols = ["household_id", "household_no", "score", "max_person_score", "members", "categories", "band", "rank"]
    stmt = select(*[t.c[c] for c in cols]).where(t.c.run_id == int(run_id)).order_by(t.c.rank)
    with store.engine.connect() as conn:
        # The one parameter is an int: inlined, so the SQL runs on the driver's cursor as it is.
        sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
        cur = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cur.execute(sql)
            rows = cur.fetchall()
        finally:
            cur.close()
    return pd.DataFrame(rows, columns=cols)


def person_scores(store: Store, run_id: int) -> pd.DataFrame:
    """One row per person of the run (person_id, person_no, household_id, score, categories, rules)."""
    t = PersonScore.__table__
    cols = ["person_id", "person_no", "household_id", "score", "categories", "rules"]
    with store.engine.connect() as conn:
        rows = conn.execute(select(*[t.c[c] for c in cols]).where(t.c.run_id == run_id)
                            .order_by(t.c.person_id)).all()
    return pd.DataFrame(rows, columns=cols)


def latest_run(store: Store) -> tuple[ScoreRunInfo, bool] | None:
    """The newest run that still has its rows, and whether it is stale (see :class:`StoredScores`)."""
    with store.session() as s:
        row = s.scalars(select(ScoreRun).where(ScoreRun.details_pruned.is_(False))
                        .order_by(ScoreRun.id.desc()).limit(1)).first()
        if row is None:
            return None
        info = _info(row)
        last_import = s.scalar(select(func.max(ImportRun.finished_at)))
    return info, last_import is not None and last_import > info.created_at


def latest_scores(store: Store) -> StoredScores | None:
    """The newest run that still has its rows (for the residents page, the map and rosters)."""
    latest = latest_run(store)
    if latest is None:
        return None
    info, stale = latest
    return StoredScores(info, household_scores(store, info.id), stale)
