"""The ranking as staff read it: who heads each household and how sure its place on the map is.

A score alone does not tell staff whom to call first: the ranking table of the スコア page
names the 世帯主 and says at which level the household's address was matched (号, 街区, 町字 …),
because a household placed only at its 町字's representative point has a flood depth that may
be wrong (domain.md: "never silently place a household at a wrong point").  The names and
levels are read once with the :class:`~wardapp.scoring.fields.ScoringInput` and aligned to its
household rows; :func:`top_households` then builds records for the first rows of a result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pandas as pd

from wardapp.scoring.engine import ScoreResult, category_string
from wardapp.scoring.fields import ScoringInput
from wardapp.security.access import Actor, requires

if TYPE_CHECKING:
    from wardapp.store.db import Store

ObjArray = npt.NDArray[np.object_]

#: Match outcome as staff read it (cf. ``wardapp.address.review.LEVEL_JA``).
MATCH_JA: dict[str, str] = {"residence": "号", "block": "街区", "parcel": "地番", "town": "町字",
                            "manual": "手作業", "ambiguous": "候補が複数", "unmatched": "照合できず",
                            "": "未照合"}


def match_label(status: str | None, level: str | None) -> str:
    """号 / 街区 / 地番 / 町字 / 手作業 / 候補が複数 / 照合できず / 未照合."""
    if status == "matched":
        return MATCH_JA.get(level or "", level or "")
    return MATCH_JA.get(status or "", status or "")


@dataclass(frozen=True)
class HouseholdLabels:
    """Per household row of a :class:`ScoringInput`: the head's name and the match level."""

    head_name: ObjArray
    match: ObjArray

    @classmethod
    @requires("households.view_personal")
    def load(cls, store: Store, inp: ScoringInput, *, actor: Actor) -> HouseholdLabels:
        """Two whole-table reads, joined to the input's rows by household id.

        The 世帯主's names: ``households.view_personal`` (the scores themselves are not names).
        """
        with store.engine.connect() as conn:
            cur = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            try:
                cur.execute("SELECT id, match_status, match_level FROM households")
                households = pd.DataFrame(cur.fetchall(), columns=["household_id", "status", "level"])
                # The head: the member flagged 世帯主, else the first member by id.
                cur.execute("SELECT household_id, name FROM persons ORDER BY household_id, is_head DESC, id")
                persons = pd.DataFrame(cur.fetchall(), columns=["household_id", "name"])
            finally:
                cur.close()
        return cls.from_frames(inp, households, persons)

    @classmethod
    def from_frames(cls, inp: ScoringInput, households: pd.DataFrame, persons: pd.DataFrame) -> HouseholdLabels:
        """``households``: household_id, status, level; ``persons``: household_id, name, head first."""
        n = inp.n_households
        head = np.full(n, "", dtype=object)
        match = np.full(n, MATCH_JA[""], dtype=object)
        index = pd.Index(inp.household_id)
        if len(persons):
            first = persons.drop_duplicates("household_id", keep="first")
            rows = index.get_indexer(first["household_id"].to_numpy(dtype=np.int64))
            ok = rows >= 0
            head[rows[ok]] = first["name"].astype(str).to_numpy(dtype=object)[ok]
        if len(households):
            rows = index.get_indexer(households["household_id"].to_numpy(dtype=np.int64))
            ok = rows >= 0
            labels = [match_label(s if isinstance(s, str) else None, lv if isinstance(lv, str) else None)
                      for s, lv in zip(households["status"], households["level"], strict=True)]
            match[rows[ok]] = np.array(labels, dtype=object)[ok]
        return cls(head, match)


@dataclass(frozen=True)
class RankedHousehold:
    """One row of the ranking table."""

    rank: int
    household_id: int
    household_no: str
    head_name: str
    score: int
    max_person_score: int
    members: int
    #: Category letters in the fixed order, e.g. 「高障」.
    categories: str
    town: str
    match: str


def top_households(result: ScoreResult, labels: HouseholdLabels | None, n: int) -> list[RankedHousehold]:
    """The first ``n`` households of the ranking (most in need first)."""
    inp = result.input
    out = []
    for row in result.order[:n].tolist():
        out.append(RankedHousehold(
            rank=int(result.rank[row]), household_id=int(inp.household_id[row]),
            household_no=str(inp.household_no[row]),
            head_name=str(labels.head_name[row]) if labels is not None else "",
            score=int(result.household_score[row]), max_person_score=int(result.household_max_person_score[row]),
            members=int(inp.groups.sizes[row]), categories=category_string(int(result.household_categories[row])),
            town=str(inp.town[row]), match=str(labels.match[row]) if labels is not None else ""))
    return out
