"""The residents (住民) picture of the ward as whole-array columns: households, their members, ages.

The residents page lists every 住基世帯 of the ward — up to 200,000 households and 400,000
persons in a large ward — and staff filter it by 町字, name or kana and age while they type.
Per-row Python (an ORM object per household, a ``QSortFilterProxyModel`` calling back into
Python per row) cannot keep up at that size, so this module loads the registry once into numpy
columns (one SQL query per table) and answers every filter and sort with vectorised
operations that return *row indices*; the Qt model only maps a view row to one of them.

Ages follow the legal rule of :func:`wardapp.wareki.age_on` (年齢計算ニ関スル法律: a person
becomes a year older at the start of the day before the birthday, which for counting full years
on a date is the tuple comparison of (month, day)), computed for all persons at once.

The latest stored 援護度 run (:func:`wardapp.scoring.latest_scores`) is joined in as two more
columns, 世帯スコア and 区分 (the letters 高乳妊障医), so that the household list shows at once
which households need help first (Sayama: 「世帯ごとに個人スコアを積み上げた世帯スコアにより、
本当に支援が必要な世帯を素早く判断可能」) and sorts by it like any other column.

This module is headless: it never imports Qt (``tests/test_layering.py``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import gc
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

import numpy as np
import numpy.typing as npt
from sqlalchemy import Connection, String, cast, func, select
from sqlalchemy.sql import ClauseElement

from wardapp.kana import kana_key
from wardapp.security import audit
from wardapp.security.access import Actor, requires
from wardapp.store.db import Store
from wardapp.store.models import Household, HouseholdId, Person, PersonId, Town, TownId
from wardapp.wareki import age_on, to_wareki

if TYPE_CHECKING:
    from wardapp.scoring.runs import ScoreRunInfo, StoredScores

#: Town filter value for households whose address has not been placed in any 町字 yet.
UNASSIGNED: Final = "unassigned"
TownFilter: TypeAlias = TownId | int | None | Literal["unassigned"]

#: Registry coding of 性別 (1 = 男, 2 = 女), as the 住民記録システム exports it.
SEX_LABELS: Final[dict[int, str]] = {1: "男", 2: "女"}

#: Age from which a resident counts as 高齢者 (老人福祉法 and most ward statistics use 65).
ELDERLY_AGE: Final = 65

IntArray: TypeAlias = npt.NDArray[np.int64]
# Search text never contains these, so a match cannot run across two fields or two persons.
_FIELD_SEP = "\x1f"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_STRIP_KEEP_NEWLINES = re.compile(r"[^\S\n]+|[\x00-\x09\x0b-\x1f\x7f]+")
_STRINGS = np.dtypes.StringDType()


class Column(enum.StrEnum):
    """Columns of the households table, in display order."""

    HOUSEHOLD_NO = "household_no"
    HEAD_NAME = "head_name"
    HEAD_KANA = "head_kana"
    ADDRESS = "address"
    BUILDING = "building"
    TOWN = "town"
    MEMBERS = "members"
    OLDEST_AGE = "oldest_age"
    AGED_65 = "aged_65"
    #: 世帯スコア of the latest stored run (None when the household was not in it).
    SCORE = "score"
    #: 区分 letters of the latest stored run, in the fixed order 高乳妊障医.
    CATEGORIES = "categories"


COLUMNS: Final[tuple[Column, ...]] = tuple(Column)
NUMERIC_COLUMNS: Final = frozenset({Column.MEMBERS, Column.OLDEST_AGE, Column.AGED_65, Column.SCORE})
#: Category bit i ↔ letter i of 「高乳妊障医」 (``wardapp.scoring.profile.CATEGORY_LETTERS``).
CATEGORY_LETTERS: Final = "高乳妊障医"
#: The categories that come from the registry (ages: 高齢者, 乳幼児); 妊婦・障害者・医療的ケア
#: come from the welfare data and are shown only to a role with ``welfare.view``.
AGE_CATEGORY_BITS: Final = 0b00011
_MASK_LETTERS: Final = tuple("".join(ch for i, ch in enumerate(CATEGORY_LETTERS) if m >> i & 1) for m in range(32))


@dataclass(frozen=True, slots=True)
class Member:
    """One row of a household's member list (detail panel): head first."""

    person_id: PersonId
    person_no: str
    name: str
    kana: str
    birth_date: dt.date
    #: 生年月日 in 和暦, e.g. 「昭和41年11月22日」.
    birth_wareki: str
    #: Full years on the reference date (基準日).
    age: int
    #: 「男」/「女」, or the registry's code as text when it is neither 1 nor 2.
    sex: str
    relationship: str
    building: str
    resident_kind: str
    is_head: bool


def _ymd_from_iso(texts: Sequence[str]) -> IntArray:
    """``YYYY-MM-DD`` strings → ``YYYYMMDD`` integers without a Python loop per date.

    All strings are joined and read as a (n, 10) byte matrix; anything that is not exactly
    that layout falls back to :meth:`datetime.date.fromisoformat` per row.
    """
    n = len(texts)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    joined = "".join(texts)
    if len(joined) == 10 * n and joined.isascii():
        b = np.frombuffer(joined.encode("ascii"), dtype=np.uint8).reshape(n, 10).astype(np.int64) - 48
        if (b[:, 4] == ord("-") - 48).all() and (b[:, 7] == ord("-") - 48).all():
            digits = b[:, [0, 1, 2, 3, 5, 6, 8, 9]]
            if ((digits >= 0) & (digits <= 9)).all():
                weights = 10 ** np.arange(7, -1, -1, dtype=np.int64)
                return digits @ weights
    out = np.empty(n, dtype=np.int64)
    for i, t in enumerate(texts):
        d = dt.date.fromisoformat(str(t)[:10])
        out[i] = d.year * 10000 + d.month * 100 + d.day
    return out


def ages_on(ymd: IntArray, on: dt.date) -> IntArray:
    """Vectorised :func:`wardapp.wareki.age_on` over ``YYYYMMDD`` birth dates."""
    on_md = on.month * 100 + on.day
    return on.year - ymd // 10000 - (on_md < ymd % 10000)


def _object_array(values: Sequence[object]) -> npt.NDArray[np.object_]:
    arr = np.empty(len(values), dtype=object)
    arr[:] = values
    return arr


@dataclass(frozen=True)
class HouseholdScores:
    """The latest stored score run, aligned to the household rows of a :class:`Residents`.

    ``score`` is -1 and ``categories`` 0 for a household the run did not score (registered
    after it); ``rank`` is the run's 順位 (1 = most in need), and ``len(rows) + 1`` for those.
    ``stale``: an import finished after the run, so the scores may no longer fit the data.
    """

    score: IntArray
    rank: IntArray
    categories: npt.NDArray[np.uint8]
    run: ScoreRunInfo
    stale: bool


def join_scores(household_id: IntArray, stored: StoredScores) -> HouseholdScores:
    """Align ``stored.households`` (one row per household of the run) to ``household_id``."""
    n = len(household_id)
    score = np.full(n, -1, dtype=np.int64)
    rank = np.full(n, n + 1, dtype=np.int64)
    mask = np.zeros(n, dtype=np.uint8)
    table = stored.households
    if len(table) and n:
        ids = table["household_id"].to_numpy(dtype=np.int64)
        order = np.argsort(household_id)
        pos = np.searchsorted(household_id, ids, sorter=order)
        pos = np.minimum(pos, n - 1)
        rows = order[pos]
        hit = household_id[rows] == ids
        rows = rows[hit]
        score[rows] = table["score"].to_numpy(dtype=np.int64)[hit]
        rank[rows] = table["rank"].to_numpy(dtype=np.int64)[hit]
        # Letters → bits once per distinct string (at most 32 of them), then one take.
        distinct, inverse = np.unique(table["categories"].fillna("").astype(str).to_numpy()[hit],
                                      return_inverse=True)
        bits = np.array([sum(1 << i for i, ch in enumerate(CATEGORY_LETTERS) if ch in text) for text in distinct],
                        dtype=np.uint8)
        if len(distinct):
            mask[rows] = bits[inverse.reshape(-1)]
    return HouseholdScores(score, rank, mask, stored.run, stored.stale)


def _ranks(order: IntArray) -> IntArray:
    """Inverse permutation: ``rank[i]`` is the position of row ``i`` in ``order``."""
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order), dtype=np.int64)
    return rank


class Residents:
    """Households of the ward as columns, ages as of ``on`` (the 基準日).

    Row ``i`` of every household column is the same household; rows are in 世帯番号 order.
    Filtering and sorting return arrays of row numbers, never copies of the data.  Use
    :meth:`with_date` to move the 基準日: ages are recomputed, nothing is re-read.
    """

    def __init__(
        self,
        *,
        on: dt.date,
        household_id: IntArray,
        household_no: npt.NDArray[np.object_],
        address: npt.NDArray[np.object_],
        building: npt.NDArray[np.object_],
        town_id: IntArray,
        town_name: npt.NDArray[np.object_],
        town_order: IntArray,
        head_name: npt.NDArray[np.object_],
        head_kana: npt.NDArray[np.object_],
        members: IntArray,
        person_household: IntArray,
        person_ymd: IntArray,
        person_search: np.ndarray,
        towns: list[tuple[TownId, str]],
        location: str = "",
        scores: HouseholdScores | None = None,
        _shared_ranks: dict[Column, IntArray] | None = None,
    ) -> None:
        self.on = on
        self.household_id = household_id
        self.household_no = household_no
        self.address = address
        self.building = building
        self.town_id = town_id
        self.town_name = town_name
        self.town_order = town_order
        self.head_name = head_name
        self.head_kana = head_kana
        self.members = members
        self.person_household = person_household
        self.person_ymd = person_ymd
        self.person_search = person_search
        self.towns = towns
        self.location = location
        #: The latest stored score run joined to the rows, or None when nothing has been scored.
        self.scores = scores
        # Ranks of the date-independent columns are computed on first sort and shared by
        # every with_date() copy.
        self._ranks: dict[Column, IntArray] = {} if _shared_ranks is None else _shared_ranks
        self._household_search: np.ndarray | None = None

        self.person_age = ages_on(person_ymd, on)
        h = len(household_id)
        oldest = np.full(h, -1, dtype=np.int64)
        if len(person_household):
            np.maximum.at(oldest, person_household, self.person_age)
        self.oldest_age = oldest
        self.aged_65 = np.bincount(
            person_household, weights=self.person_age >= ELDERLY_AGE, minlength=h
        ).astype(np.int64)

    # --- size -----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.household_id)

    @property
    def n_households(self) -> int:
        return len(self.household_id)

    @property
    def n_persons(self) -> int:
        return len(self.person_household)

    def all_rows(self) -> IntArray:
        return np.arange(len(self), dtype=np.int64)

    def with_date(self, on: dt.date) -> Residents:
        """The same households with ages as of another 基準日 (no database read)."""
        if on == self.on:
            return self
        return Residents(
            on=on,
            household_id=self.household_id,
            household_no=self.household_no,
            address=self.address,
            building=self.building,
            town_id=self.town_id,
            town_name=self.town_name,
            town_order=self.town_order,
            head_name=self.head_name,
            head_kana=self.head_kana,
            members=self.members,
            person_household=self.person_household,
            person_ymd=self.person_ymd,
            person_search=self.person_search,
            towns=self.towns,
            location=self.location,
            scores=self.scores,
            _shared_ranks=self._ranks,
        )

    # --- cells ----------------------------------------------------------------------------

    def value(self, row: int, column: Column) -> str | int | None:
        """The cell shown for household ``row``: text, a count, or None for "no value"."""
        match column:
            case Column.HOUSEHOLD_NO:
                return str(self.household_no[row])
            case Column.HEAD_NAME:
                return str(self.head_name[row])
            case Column.HEAD_KANA:
                return str(self.head_kana[row])
            case Column.ADDRESS:
                return str(self.address[row])
            case Column.BUILDING:
                return str(self.building[row])
            case Column.TOWN:
                return str(self.town_name[row])
            case Column.MEMBERS:
                return int(self.members[row])
            case Column.OLDEST_AGE:
                age = int(self.oldest_age[row])
                return age if age >= 0 else None
            case Column.AGED_65:
                return int(self.aged_65[row])
            case Column.SCORE:
                if self.scores is None or self.scores.score[row] < 0:
                    return None
                return int(self.scores.score[row])
            case Column.CATEGORIES:
                return _MASK_LETTERS[int(self.scores.categories[row])] if self.scores is not None else ""
        raise KeyError(column)

    def row_of(self, household_id: int) -> int | None:
        """Row number of a household id, or None when it is not in this snapshot."""
        hits = np.flatnonzero(self.household_id == household_id)
        return int(hits[0]) if len(hits) else None

    # --- filter ---------------------------------------------------------------------------

    def filter(
        self,
        town_id: TownFilter = None,
        text: str = "",
        age_min: int | None = None,
        age_max: int | None = None,
    ) -> IntArray:
        """Rows matching every given condition, in 世帯番号 order.

        * ``town_id``: a 町字 id, :data:`UNASSIGNED` for households without a 町字, or None.
        * ``text``: matched against every member's 氏名 and カナ and the 世帯番号, after
          :func:`wardapp.kana.kana_key` folding on both sides — ひらがな, カタカナ and 半角ｶﾅ
          find each other, spaces are ignored, kanji match as substrings.
        * ``age_min``/``age_max`` (inclusive, either may be None): households with at least
          one member of that age on the 基準日.
        """
        mask = np.ones(len(self), dtype=bool)
        if town_id == UNASSIGNED:
            mask &= self.town_id < 0
        elif town_id is not None:
            mask &= self.town_id == int(town_id)
        if age_min is not None or age_max is not None:
            lo = -1 if age_min is None else age_min
            hi = np.iinfo(np.int64).max if age_max is None else age_max
            in_range = (self.person_age >= lo) & (self.person_age <= hi)
            mask &= np.bincount(self.person_household[in_range], minlength=len(self)) > 0
        key = _CONTROL.sub("", kana_key(text))
        if key:
            mask &= self._text_hits(key)
        return np.flatnonzero(mask).astype(np.int64)

    def _text_hits(self, key: str) -> npt.NDArray[np.bool_]:
        hits = np.zeros(len(self), dtype=bool)
        person_hit = np.strings.find(self.person_search, key) >= 0
        hits[self.person_household[person_hit]] = True
        if self._household_search is None:
            self._household_search = np.array(
                fold_each(self.household_no), dtype=_STRINGS
            )
        hits |= np.strings.find(self._household_search, key) >= 0
        return hits

    # --- sort -----------------------------------------------------------------------------

    def sort(self, rows: IntArray, column: Column | str, descending: bool = False) -> IntArray:
        """``rows`` reordered by ``column``; ties stay in 世帯番号 order either way.

        世帯主 sorts by the head's カナ (五十音順, what staff expect of a name list) and then the
        written name; カナ sorts by its folded key so that ひらがな/半角 spellings sort together;
        町字 sorts in the official 町字 code order, households without a 町字 last.
        """
        column = Column(column)
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows) < 2:
            return rows
        key = self._sort_key(column)[rows]
        if descending:
            key = -key
        tie = self._rank(Column.HOUSEHOLD_NO)[rows]
        return rows[np.lexsort((tie, key))]

    def prepare_sort_keys(self) -> None:
        """Compute the text columns' sort ranks now (about 1 s for 200,000 households).

        Otherwise the first sort by 世帯主 or カナ pays for it.  Safe to run on a worker thread
        while the table is in use: a rank is computed whole and then stored in one step.
        """
        for column in (Column.HOUSEHOLD_NO, Column.HEAD_NAME, Column.HEAD_KANA, Column.ADDRESS, Column.BUILDING):
            self._rank(column)

    def _sort_key(self, column: Column) -> IntArray:
        match column:
            case Column.MEMBERS:
                return self.members
            case Column.OLDEST_AGE:
                return self.oldest_age
            case Column.AGED_65:
                return self.aged_65
            case Column.TOWN:
                return self.town_order
            case Column.SCORE:
                # By the run's 順位: score, then the highest 個人スコア (domain.md's tie rule),
                # so "descending" lists the households most in need first; unscored ones last.
                if self.scores is None:
                    return np.zeros(len(self), dtype=np.int64)
                return -self.scores.rank
            case Column.CATEGORIES:
                # By the combination of marks, bit i = letter i of 高乳妊障医.
                if self.scores is None:
                    return np.zeros(len(self), dtype=np.int64)
                return self.scores.categories.astype(np.int64)
        return self._rank(column)

    def _rank(self, column: Column) -> IntArray:
        cached = self._ranks.get(column)
        if cached is not None:
            return cached

        def strings(values: npt.NDArray[np.object_]) -> np.ndarray:
            return values.astype(_STRINGS)

        match column:
            case Column.HEAD_NAME:
                kana = np.array(fold_each(self.head_kana), dtype=_STRINGS)
                order = np.lexsort((strings(self.head_name), kana))
            case Column.HEAD_KANA:
                order = np.argsort(
                    np.array(fold_each(self.head_kana), dtype=_STRINGS), kind="stable"
                )
            case Column.HOUSEHOLD_NO:
                order = np.argsort(strings(self.household_no), kind="stable")
            case Column.ADDRESS:
                order = np.argsort(strings(self.address), kind="stable")
            case Column.BUILDING:
                order = np.argsort(strings(self.building), kind="stable")
            case _:
                raise KeyError(column)
        rank = _ranks(order.astype(np.int64))
        self._ranks[column] = rank
        return rank

    # --- one call per user action ----------------------------------------------------------

    def query(
        self,
        town_id: TownFilter = None,
        text: str = "",
        age_min: int | None = None,
        age_max: int | None = None,
        sort_column: Column | str | None = None,
        descending: bool = False,
    ) -> IntArray:
        """:meth:`filter` then :meth:`sort`: the rows the households table shows."""
        rows = self.filter(town_id, text, age_min, age_max)
        if sort_column is not None:
            rows = self.sort(rows, sort_column, descending)
        return rows


# --- reading the store ----------------------------------------------------------------------


def _fetch(conn: Connection, stmt: ClauseElement) -> list[tuple[Any, ...]]:
    """Rows as plain DBAPI tuples.

    SQLAlchemy's result objects cost about as much as the fetch itself at 400,000 rows, and
    nothing here needs their type processing, so the compiled statement goes straight to the
    driver's cursor.
    """
    compiled = stmt.compile(dialect=conn.dialect)
    if compiled.params:  # only parameterless whole-table reads go this way
        raise ValueError("_fetch() takes statements without bound parameters")
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled))
        return list(cursor.fetchall())
    finally:
        cursor.close()


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a million row tuples are created.

    Those tuples hold no cycles, but each allocation burst triggers collections that walk
    them all again — about a fifth of the load time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def fold_many(text: str) -> str:
    """:func:`wardapp.kana.kana_key` for one long string, without a dict lookup per character.

    ``str.translate`` with a mapping costs about 1 s on the 5 million characters of a large
    ward's names; the same hiragana → katakana shift and space removal on the UTF-32 code
    points as a numpy array takes a few milliseconds.  Newlines and other control characters
    are kept (they separate records).  ``tests/test_residents.py`` checks it equals kana_key.
    """
    # Whitespace and control characters go before NFKC, as in kana_key; newlines stay (records).
    s = unicodedata.normalize("NFKC", _STRIP_KEEP_NEWLINES.sub("", text))
    if not s:
        return s
    cps = np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32).copy()
    hira = (cps >= 0x3041) & (cps <= 0x3096)
    cps[hira] += 0x60
    cps[cps == 0x309D] = 0x30FD
    cps[cps == 0x309E] = 0x30FE
    keep = (cps != 0x20) & (cps != 0x3000) & (cps != 0x09) & (cps != 0xA0)
    return cps[keep].tobytes().decode("utf-32-le").upper()


def fold_each(values: Iterable[object]) -> list[str]:
    """:func:`wardapp.kana.kana_key` of every value (via one :func:`fold_many` call)."""
    texts = ["" if v is None else _CONTROL.sub("", str(v)) for v in values]
    out = fold_many("\n".join(texts)).split("\n") if texts else []
    return out if len(out) == len(texts) else [kana_key(t) for t in texts]


def counts(store: Store) -> tuple[int, int]:
    """(households, persons) in the store, for the status bar."""
    with store.session() as s:
        households = s.scalar(select(func.count()).select_from(Household)) or 0
        persons = s.scalar(select(func.count()).select_from(Person)) or 0
    return int(households), int(persons)


def towns(store: Store) -> list[tuple[TownId, str]]:
    """Every 町字 as (id, name), in official 町字 code order."""
    with store.session() as s:
        rows = s.execute(select(Town.id, Town.name).order_by(Town.code)).all()
    return [(TownId(r[0]), str(r[1])) for r in rows]


@requires("households.view_personal")
def load_residents(store: Store, on: dt.date | None = None, *, actor: Actor) -> Residents:
    """Read every household and person into columns (one query per table), with the latest scores.

    Needs ``households.view_personal``.  Not itself a view in the audit log: the list shows
    names, and each household opened from it is recorded (:func:`household_members`).
    Without ``welfare.view`` (住基担当) the category marks keep only the registry's (高・乳):
    妊・障・医 next to a name would be welfare details.

    Dates are read as text (``CAST AS VARCHAR``, ISO on SQLite and PostgreSQL) so that
    SQLAlchemy does not build a ``date`` object per person; they become ``YYYYMMDD``
    integers in one vectorised step.  The head of a household is the member flagged
    ``is_head``, or else its first member by id.
    """
    with _no_gc():
        residents = _load(store, on or dt.date.today())
    if residents.scores is not None and not actor.can("welfare.view"):
        age_only = residents.scores.categories & np.uint8(AGE_CATEGORY_BITS)
        residents.scores = replace(residents.scores, categories=age_only.astype(np.uint8))
    return residents


def _load(store: Store, on: dt.date) -> Residents:
    with store.engine.connect() as conn:
        town_rows = _fetch(conn, select(Town.id, Town.name, Town.code).order_by(Town.code))
        hh_rows = _fetch(conn, select(Household.id, Household.household_no, Household.address,
                                      Household.building, Household.town_id).order_by(Household.household_no))
        p_rows = _fetch(conn, select(Person.household_id, Person.id, Person.is_head, Person.name,
                                     Person.kana, cast(Person.birth_date, String)))

    town_list = [(TownId(r[0]), str(r[1])) for r in town_rows]
    town_pos = {tid: i for i, (tid, _) in enumerate(town_list)}
    town_names = {tid: name for tid, name in town_list}

    h = len(hh_rows)
    if h:
        hid, hno, haddr, hbuild, htown = zip(*hh_rows, strict=True)
    else:
        hid = hno = haddr = hbuild = htown = ()
    household_id = np.fromiter(hid, dtype=np.int64, count=h)
    town_id = np.fromiter((-1 if t is None else t for t in htown), dtype=np.int64, count=h)
    no_town = len(town_list)
    town_order = np.fromiter((town_pos.get(t, no_town) for t in htown), dtype=np.int64, count=h)
    town_name = _object_array([town_names.get(t, "") if t is not None else "" for t in htown])

    p = len(p_rows)
    if p:
        phh, pid, phead, pname, pkana, pbirth = zip(*p_rows, strict=True)
    else:
        phh = pid = phead = pname = pkana = pbirth = ()
    person_hh_id = np.fromiter(phh, dtype=np.int64, count=p)
    person_id = np.fromiter(pid, dtype=np.int64, count=p)
    person_head = np.fromiter(phead, dtype=bool, count=p)
    # household id → row (households are sorted by 世帯番号, not by id)
    id_order = np.argsort(household_id)
    person_household = id_order[np.searchsorted(household_id, person_hh_id, sorter=id_order)] if p else (
        np.zeros(0, dtype=np.int64))
    person_ymd = _ymd_from_iso([str(b) for b in pbirth]) if p else np.zeros(0, dtype=np.int64)

    # Head per household: sort persons by (household, not head, id) and take each group's first.
    members = np.bincount(person_household, minlength=h).astype(np.int64)
    head_name = _object_array([""] * h)
    head_kana = _object_array([""] * h)
    if p:
        order = np.lexsort((person_id, ~person_head, person_household))
        first = order[np.r_[True, person_household[order][1:] != person_household[order][:-1]]]
        names = _object_array(list(pname))
        kanas = _object_array(list(pkana))
        head_name[person_household[first]] = names[first]
        head_kana[person_household[first]] = kanas[first]

    # One search string per person: 氏名 and カナ folded together; see Residents.filter.
    # (The カナ is folded here rather than trusting the stored kana_key, so that a database
    # written by an older importer still searches the same way.)
    folded = fold_many("\n".join(f"{n}{_FIELD_SEP}{k}" for n, k in zip(pname, pkana, strict=True)))
    lines = folded.split("\n") if p else []
    if len(lines) != p:  # a control character inside a name: fold person by person
        lines = [_CONTROL.sub("", kana_key(str(n))) + _FIELD_SEP + _CONTROL.sub("", kana_key(str(k)))
                 for n, k in zip(pname, pkana, strict=True)]
    person_search = np.array(lines, dtype=_STRINGS)

    from wardapp.scoring.runs import latest_scores  # the scoring stack is not needed to start the GUI

    stored = latest_scores(store)
    return Residents(
        on=on,
        household_id=household_id,
        household_no=_object_array([str(x) for x in hno]),
        address=_object_array([str(x) for x in haddr]),
        building=_object_array(["" if x is None else str(x) for x in hbuild]),
        town_id=town_id,
        town_name=town_name,
        town_order=town_order,
        head_name=head_name,
        head_kana=head_kana,
        members=members,
        person_household=person_household.astype(np.int64),
        person_ymd=person_ymd,
        person_search=person_search,
        towns=town_list,
        location=store.location,
        scores=join_scores(household_id, stored) if stored is not None else None,
    )


def _wareki_or_blank(d: dt.date) -> str:
    try:
        return to_wareki(d)
    except ValueError:  # before 明治: no 和暦 to show
        return ""


@requires("households.view_personal")
def household_members(store: Store, household_id: HouseholdId | int, on: dt.date, *, actor: Actor,
                      what: str = "household") -> list[Member]:
    """Members of one household for the detail panel: the head first, then registry order.

    Needs ``households.view_personal``; every call is a view of the household's personal data
    and is recorded in the audit log (``view``: 世帯番号, persons; ``what`` says where it was
    shown), in the transaction that reads it — so call it once per opening, not per repaint.
    """
    with store.transaction() as s:
        persons = s.scalars(
            select(Person)
            .where(Person.household_id == household_id)
            .order_by(Person.is_head.desc(), Person.id)
        ).all()
        household_no = s.scalar(select(Household.household_no).where(Household.id == household_id))
        if household_no is not None:
            audit.record_view(s, actor, str(household_no), persons=len(persons), what=what)
        return [
            Member(
                person_id=PersonId(p.id),
                person_no=p.person_no,
                name=p.name,
                kana=p.kana,
                birth_date=p.birth_date,
                birth_wareki=_wareki_or_blank(p.birth_date),
                age=age_on(p.birth_date, on),
                sex=SEX_LABELS.get(p.sex, str(p.sex)),
                relationship=p.relationship_,
                building=p.building or "",
                resident_kind=p.resident_kind or "",
                is_head=p.is_head,
            )
            for p in persons
        ]
