"""Scoring the ward: 個人スコア, 世帯スコア, their explanation, categories, bands and ranking.

Sayama's 被災者支援システム shows 「個人ごとに援護度を表した個人スコア」 and 「世帯ごとに個人スコアを
積み上げた世帯スコア」 so that staff see at once which households need help first.  Here:

* 個人スコア = the sum of the points of the person rules that hold;
* 世帯スコア = the sum of the members' 個人スコア + the points of the household rules that
  hold (household rules may use ``個人スコア`` inside aggregates, e.g. "nobody aged 18–64
  without support needs");
* every score is explainable: :func:`explain_household` lists which rule gave which points,
  and the lines sum exactly to the score;
* categories (高齢者, 乳幼児, 妊婦, 障害者, 医療的ケア) per person — a category's condition or a
  rule tagged with it — and per household (any member);
* ranking: 世帯スコア descending, ties by the highest 個人スコア in the household, then 世帯番号;
* bands: the profile's named score thresholds, for "how many households in each band".

Everything is vectorised: each rule is evaluated once over all persons (or households).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from wardapp.progress import Progress
from wardapp.scoring.expr import Column, Frame
from wardapp.scoring.fields import PERSON_SCORE, SEVERE_RYOIKU, ScoringInput, ages_on, severe_ryoiku
from wardapp.scoring.profile import CATEGORIES, CATEGORY_LETTERS, CompiledProfile, Profile, compile_profile

if TYPE_CHECKING:
    from wardapp.store.db import Store

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def category_string(mask: int) -> str:
    """Category bit mask → letters in the fixed order, e.g. ``高障``."""
    return "".join(ch for i, ch in enumerate(CATEGORY_LETTERS) if mask >> i & 1)


def category_names(mask: int) -> list[str]:
    return [c for i, c in enumerate(CATEGORIES) if mask >> i & 1]


@dataclass
class ScoreResult:
    """Scores of every person and household of a :class:`ScoringInput` with one profile and 基準日.

    Person arrays follow ``input.person_id``; household arrays follow ``input.household_id``
    (rows in 世帯番号 order).  ``person_hits[r]`` says which persons rule ``person_rules[r]``
    gave points to (enabled rules only, in profile order); likewise ``household_hits``.
    """

    profile: Profile
    on: dt.date
    input: ScoringInput
    person_rules: tuple[str, ...]
    household_rules: tuple[str, ...]
    person_points: IntArray
    household_points: IntArray
    person_score: IntArray
    person_hits: BoolArray
    person_categories: npt.NDArray[np.uint8]
    household_member_score: IntArray
    household_score: IntArray
    household_max_person_score: IntArray
    household_hits: BoolArray
    household_categories: npt.NDArray[np.uint8]
    household_band: npt.NDArray[np.int16]
    #: Household rows from the most in need down.
    order: IntArray
    #: 1-based rank of each household row (1 = most in need).
    rank: IntArray
    seconds: float = 0.0

    @property
    def n_persons(self) -> int:
        return len(self.person_score)

    @property
    def n_households(self) -> int:
        return len(self.household_score)

    @property
    def band_names(self) -> list[str]:
        return self.profile.band_names()

    def household_row(self, household_id: int) -> int:
        rows = np.flatnonzero(self.input.household_id == household_id)
        if not len(rows):
            raise KeyError(household_id)
        return int(rows[0])

    def category_counts(self) -> npt.NDArray[np.int64]:
        """(5, households): members of each household in each category."""
        g = self.input.groups
        out = np.zeros((len(CATEGORIES), self.n_households), dtype=np.int64)
        if not self.n_households:
            return out
        for i in range(len(CATEGORIES)):
            flag = ((self.person_categories >> i) & 1).astype(np.int64)
            out[i] = np.add.reduceat(flag, g.starts)
        return out


def _frames(inp: ScoringInput, cp: CompiledProfile, on: dt.date) -> tuple[Frame, Frame]:
    cols = dict(inp.person_columns(on))
    cols[SEVERE_RYOIKU] = severe_ryoiku(cols, cp.profile.severe_ryoiku)
    persons = Frame(inp.n_persons, cols)
    households = Frame(inp.n_households, inp.household_columns(), members=persons, groups=inp.groups)
    return persons, households


def score(source: Store | ScoringInput, profile: Profile | CompiledProfile, on: dt.date, *,
          progress: Progress | None = None) -> ScoreResult:
    """Score every person and household on the 基準日 ``on``.

    ``source`` is the store (read once here) or a :class:`ScoringInput` already loaded — the
    GUI keeps one and re-scores with edited profiles without touching the database.
    Raises :class:`~wardapp.scoring.profile.ProfileError` for a profile that does not check.
    """
    progress = progress or Progress()
    cp = profile if isinstance(profile, CompiledProfile) else compile_profile(profile)
    inp = source if isinstance(source, ScoringInput) else ScoringInput.load(source, progress=progress)
    started = time.perf_counter()
    progress.report(0, 3, "個人スコアを計算しています")
    persons, households = _frames(inp, cp, on)
    n, h = inp.n_persons, inp.n_households

    p_rules = cp.enabled_person
    p_points = np.array([r.points for r, _ in p_rules], dtype=np.int64)
    p_hits = np.zeros((len(p_rules), n), dtype=bool)
    p_score = np.zeros(n, dtype=np.int64)
    for i, (rule, cond) in enumerate(p_rules):
        hit = cond.evaluate(persons)
        p_hits[i] = hit
        np.add(p_score, rule.points, out=p_score, where=hit)

    # categories: the category's condition, or a rule tagged with it that gave points
    persons.columns[PERSON_SCORE] = Column(p_score.astype(np.float64))
    p_cat = np.zeros(n, dtype=np.uint8)
    conds = dict(cp.categories)
    for bit, name in enumerate(CATEGORIES):
        flag = np.zeros(n, dtype=bool)
        if name in conds:
            flag |= conds[name].evaluate(persons)
        for i, (rule, _) in enumerate(p_rules):
            if rule.category == name:
                flag |= p_hits[i]
        p_cat |= flag.astype(np.uint8) << bit

    progress.report(1, 3, "世帯スコアを計算しています")
    starts = inp.groups.starts
    if h:
        member_score = np.add.reduceat(p_score, starts)
        max_person = np.maximum.reduceat(p_score, starts)
        h_cat = np.bitwise_or.reduceat(p_cat, starts)
    else:
        member_score = np.zeros(0, dtype=np.int64)
        max_person = np.zeros(0, dtype=np.int64)
        h_cat = np.zeros(0, dtype=np.uint8)
    h_rules = cp.enabled_household
    h_points = np.array([r.points for r, _ in h_rules], dtype=np.int64)
    h_hits = np.zeros((len(h_rules), h), dtype=bool)
    h_score = member_score.copy()
    for i, (rule, cond) in enumerate(h_rules):
        hit = cond.evaluate(households)
        h_hits[i] = hit
        np.add(h_score, rule.points, out=h_score, where=hit)

    progress.report(2, 3, "順位を付けています")
    bands = sorted(cp.profile.bands, key=lambda b: b.minimum)
    minima = np.array([b.minimum for b in bands], dtype=np.int64)
    band = np.clip(np.searchsorted(minima, h_score, side="right") - 1, 0, None).astype(np.int16)
    order = np.lexsort((np.arange(h), -max_person, -h_score)).astype(np.int64)
    rank = np.empty(h, dtype=np.int64)
    rank[order] = np.arange(1, h + 1, dtype=np.int64)
    progress.report(3, 3, "")
    return ScoreResult(
        profile=cp.profile, on=on, input=inp,
        person_rules=tuple(r.id for r, _ in p_rules), household_rules=tuple(r.id for r, _ in h_rules),
        person_points=p_points, household_points=h_points,
        person_score=p_score, person_hits=p_hits, person_categories=p_cat,
        household_member_score=np.asarray(member_score, dtype=np.int64), household_score=h_score,
        household_max_person_score=np.asarray(max_person, dtype=np.int64), household_hits=h_hits,
        household_categories=np.asarray(h_cat, dtype=np.uint8), household_band=band,
        order=order, rank=rank, seconds=time.perf_counter() - started,
    )


# --- explanation -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleHit:
    """One rule that gave points."""

    rule_id: str
    label: str
    points: int


@dataclass(frozen=True)
class MemberExplanation:
    person_id: int
    person_no: str
    age: int
    score: int
    rules: tuple[RuleHit, ...]
    categories: str


@dataclass(frozen=True)
class Explanation:
    """Why a household has its 世帯スコア: each member's rules, then the household's rules.

    ``score == sum(m.score for m in members) + sum(r.points for r in household_rules)``, and
    each member's score is the sum of their rules' points.
    """

    household_id: int
    household_no: str
    score: int
    rank: int
    band: str
    categories: str
    max_person_score: int
    members: tuple[MemberExplanation, ...]
    household_rules: tuple[RuleHit, ...]
    profile_name: str
    profile_version: int
    reference_date: dt.date

    def lines_ja(self) -> list[str]:
        """A printable breakdown, e.g. for the roster's detail page."""
        out = [f"世帯番号 {self.household_no}: 世帯スコア {self.score}（{self.rank}位・{self.band}）"
               f"  プロファイル「{self.profile_name}」第{self.profile_version}版・基準日 {self.reference_date.isoformat()}"]
        for m in self.members:
            parts = " + ".join(f"{r.label} {r.points:+d}" for r in m.rules) or "該当なし"
            out.append(f"  宛名番号 {m.person_no}（{m.age}歳）個人スコア {m.score}: {parts}")
        for r in self.household_rules:
            out.append(f"  世帯: {r.label} {r.points:+d}")
        return out


def explain_household(result: ScoreResult, household_id: int) -> Explanation:
    """The breakdown of one household's score (``KeyError`` for an unknown household)."""
    row = result.household_row(household_id)
    inp = result.input
    profile = result.profile
    labels = {r.id: r.label for r in profile.person_rules + profile.household_rules}
    start, size = int(inp.groups.starts[row]), int(inp.groups.sizes[row])
    ages = ages_on(inp.birth_ymd[start:start + size], result.on)
    members = []
    for k, p in enumerate(range(start, start + size)):
        hits = tuple(RuleHit(rid, labels[rid], int(result.person_points[i]))
                     for i, rid in enumerate(result.person_rules) if result.person_hits[i, p])
        members.append(MemberExplanation(
            person_id=int(inp.person_id[p]), person_no=str(inp.person_no[p]), age=int(ages[k]),
            score=int(result.person_score[p]), rules=hits,
            categories=category_string(int(result.person_categories[p]))))
    h_hits = tuple(RuleHit(rid, labels[rid], int(result.household_points[i]))
                   for i, rid in enumerate(result.household_rules) if result.household_hits[i, row])
    return Explanation(
        household_id=int(household_id), household_no=str(inp.household_no[row]),
        score=int(result.household_score[row]), rank=int(result.rank[row]),
        band=result.band_names[int(result.household_band[row])],
        categories=category_string(int(result.household_categories[row])),
        max_person_score=int(result.household_max_person_score[row]),
        members=tuple(members), household_rules=h_hits, profile_name=profile.name,
        profile_version=profile.version, reference_date=result.on)


def band_counts(result: ScoreResult) -> dict[str, int]:
    """Households per band, in band order (every band listed, also when empty)."""
    names = result.band_names
    counts = np.bincount(result.household_band.astype(np.int64), minlength=len(names))
    return {name: int(counts[i]) for i, name in enumerate(names)}
