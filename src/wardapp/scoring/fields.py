"""The fields a scoring profile can use, and their values for every person and household.

:class:`ScoringInput` reads the store once — persons, households with their points, welfare
attributes, flood zones — into numpy arrays.  :meth:`ScoringInput.person_columns` then gives
the field arrays on a 基準日 (cached per date), so re-scoring with an edited profile is pure
computation.

Welfare attributes (介護保険, 障害福祉, 母子保健, 要支援者管理) are joined by 宛名番号 and count
when valid on the 基準日 (``valid_from ≤ 基準日 ≤ valid_to``, open ends allowed).  When several
rows of one kind are valid, the one that started last counts (a re-certification replaces the
previous one); 医療的ケア collects all of them.  妊娠 is different: its ``valid_to`` is the
出産予定日, and a 妊産婦 (母子保健法第6条: 妊娠中又は出産後1年以内の女子) stays one after it, so a
妊娠 row counts from its start until one year after the 出産予定日 and the profile decides how
long with ``出産予定日からの日数``.

Grades are normalised (NFKC, 漢数字, 「級」 optional): ``要介護３`` → 要介護3, ``一級`` → 1,
``2`` → 2, ``(A)`` → Ⓐ.  A grade that cannot be read is reported in ``warnings`` and the
person counts as having the attribute with an unknown grade (comparisons with it are false).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from wardapp.progress import Progress
from wardapp.scoring.expr import Column, FieldSpec, Groups, Kind, Schema, normalize_value

if TYPE_CHECKING:
    from wardapp.store.db import Store

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
ObjArray = npt.NDArray[np.object_]

CARE_LEVELS: tuple[str, ...] = ("要支援1", "要支援2", "要介護1", "要介護2", "要介護3", "要介護4", "要介護5")
MEDICAL_CARE: tuple[str, ...] = ("人工呼吸器", "在宅酸素", "透析", "その他")
ROSTER_CONSENT: tuple[str, ...] = ("同意", "不同意", "未回答")
SEXES: tuple[str, ...] = ("男", "女")

#: The welfare kinds scoring reads (the welfare import's canonical 種別).
WELFARE_KINDS: tuple[str, ...] = ("要介護認定", "身体障害者手帳", "療育手帳", "精神障害者保健福祉手帳", "難病",
                                  "妊娠", "医療的ケア", "要支援者名簿", "日本語支援")
_KIND_ALIASES = {"要介護": "要介護認定", "介護認定": "要介護認定", "要支援・要介護認定": "要介護認定",
                 "身体手帳": "身体障害者手帳", "精神手帳": "精神障害者保健福祉手帳",
                 "精神保健福祉手帳": "精神障害者保健福祉手帳", "特定医療費": "難病", "指定難病": "難病",
                 "妊産婦": "妊娠", "妊婦": "妊娠", "避難行動要支援者名簿": "要支援者名簿", "名簿": "要支援者名簿"}
#: How long after the 出産予定日 a 妊娠 row is still loaded (母子保健法第6条: 出産後1年以内).
PREGNANCY_AFTER_DUE_DAYS = 365

PERSON_SCORE = "個人スコア"
SEVERE_RYOIKU = "療育重度"

PERSON_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("年齢", Kind.NUM, "person", ("age",), truthy=False,
              description="基準日の満年齢（年齢計算ニ関スル法律: 誕生日の前日に加算）"),
    FieldSpec("性別", Kind.CAT, "person", ("sex",), SEXES, description="\"男\" または \"女\""),
    FieldSpec("外国人", Kind.BOOL, "person", ("foreigner",), description="住民区分が外国人"),
    FieldSpec("要介護度", Kind.ORD, "person", ("care_level",), CARE_LEVELS,
              description="要支援1 < 要支援2 < 要介護1 < … < 要介護5（認定なしは値なし）"),
    FieldSpec("身体障害者手帳", Kind.NUM, "person", ("physical_grade",), description="等級 1–6（手帳なしは値なし）"),
    FieldSpec("療育手帳", Kind.CAT, "person", ("ryoiku",), description="区分そのまま（A, B, Ⓐ, A1, B2, 1度 …）"),
    FieldSpec(SEVERE_RYOIKU, Kind.BOOL, "person", ("ryoiku_severe",),
              description="療育手帳の区分がプロファイルの「重度療育」の一覧にある"),
    FieldSpec("精神障害者保健福祉手帳", Kind.NUM, "person", ("mental_grade",), description="等級 1–3"),
    FieldSpec("難病", Kind.BOOL, "person", ("intractable_disease",), description="特定医療費（指定難病）受給者"),
    FieldSpec("妊娠", Kind.BOOL, "person", ("妊産婦", "pregnant"),
              description="妊娠の届出があり、出産予定日から1年以内（妊産婦）"),
    FieldSpec("出産予定日までの日数", Kind.NUM, "person", ("days_until_due",), truthy=False,
              description="出産予定日 − 基準日（予定日を過ぎると負）"),
    FieldSpec("出産予定日からの日数", Kind.NUM, "person", ("days_since_due",), truthy=False,
              description="基準日 − 出産予定日（予定日前は負）"),
    FieldSpec("医療的ケア", Kind.SET, "person", ("medical_care",), MEDICAL_CARE,
              description="人工呼吸器・在宅酸素・透析・その他（複数可）"),
    FieldSpec("要支援者名簿", Kind.CAT, "person", ("roster",), ROSTER_CONSENT,
              description="避難行動要支援者名簿の同意（同意・不同意・未回答、登録なしは値なし）"),
    FieldSpec("日本語支援", Kind.BOOL, "person", ("japanese_support",), description="日本語での支援が必要"),
    FieldSpec(PERSON_SCORE, Kind.NUM, "person", ("person_score",), truthy=False,
              description="個人の規則による点数（世帯の規則と区分でだけ使える）"),
)
HOUSEHOLD_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("人数", Kind.NUM, "household", ("members", "世帯人数"), truthy=False, description="世帯員の数"),
    FieldSpec("独居", Kind.BOOL, "household", ("alone",), description="人数 == 1"),
    FieldSpec("浸水深", Kind.NUM, "household", ("flood_depth",), truthy=False,
              description="世帯の地点の想定浸水深の下限（m）。区域外・地点なしは 0"),
    FieldSpec("地点なし", Kind.BOOL, "household", ("no_point",), description="住所照合で地点が決まっていない"),
)
SCHEMA = Schema(PERSON_FIELDS + HOUSEHOLD_FIELDS)

_KANJI_DIGITS = str.maketrans("〇一二三四五六七八九", "0123456789")
_CARE = re.compile(r"^(?:要)?(支援|介護)([1-5])$")
_GRADE = re.compile(r"^(?:第)?([0-9])(?:級)?$")
_GRADE_IN = re.compile(r"([0-9])級")
_ROSTER = {"同意": "同意", "同意あり": "同意", "同意有": "同意", "有": "同意", "あり": "同意",
           "不同意": "不同意", "同意なし": "不同意", "同意無": "不同意", "拒否": "不同意", "無": "不同意",
           "なし": "不同意", "未回答": "未回答", "未確認": "未回答", "未": "未回答", "": "未回答"}
_MEDICAL = {"人工呼吸器": "人工呼吸器", "人工呼吸": "人工呼吸器", "呼吸器": "人工呼吸器", "NPPV": "人工呼吸器",
            "TPPV": "人工呼吸器", "在宅酸素": "在宅酸素", "在宅酸素療法": "在宅酸素", "酸素": "在宅酸素",
            "HOT": "在宅酸素", "透析": "透析", "人工透析": "透析", "血液透析": "透析", "腹膜透析": "透析",
            "その他": "その他"}
_NEVER = np.iinfo(np.int64).max // 4  # open end of a validity interval, as a day ordinal
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


def _grade_text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else \
        normalize_value(str(value)).translate(_KANJI_DIGITS)


def care_code(value: Any) -> int:
    """要介護度 code 1–7 (要支援1 … 要介護5), 0 when unreadable."""
    m = _CARE.match(_grade_text(value))
    if m is None:
        return 0
    level = int(m[2])
    if m[1] == "支援":
        return level if level <= 2 else 0
    return 2 + level


def grade_number(value: Any, highest: int) -> int:
    """手帳の等級 1…highest (``1級``, ``１``, ``一級``, ``1種2級`` → 2), 0 when unreadable."""
    s = _grade_text(value)
    m = _GRADE.match(s) or _GRADE_IN.search(s)
    if m is None:
        return 0
    g = int(m[1])
    return g if 1 <= g <= highest else 0


def roster_value(value: Any) -> str | None:
    return _ROSTER.get(_grade_text(value))


def medical_value(value: Any) -> str:
    s = _grade_text(value)
    return _MEDICAL.get(s, _MEDICAL.get(s.upper(), "その他"))


def welfare_kind(value: Any) -> str | None:
    s = normalize_value(str(value)) if value is not None else ""
    if s in WELFARE_KINDS:
        return s
    return _KIND_ALIASES.get(s)


def ages_on(ymd: IntArray, on: dt.date) -> IntArray:
    """Vectorised :func:`wardapp.wareki.age_on` over ``YYYYMMDD`` birth dates (legal rule)."""
    on_md = on.month * 100 + on.day
    return np.asarray(on.year - ymd // 10000 - (on_md < ymd % 10000), dtype=np.int64)


def _frame(cur: Any, sql: str, columns: list[str]) -> pd.DataFrame:
    """A query's rows as a DataFrame, through the DB-API cursor."""
    cur.execute(sql)
    rows = cur.fetchall()
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    return pd.DataFrame.from_records(rows, columns=columns, coerce_float=False)


def _ages_or_nan(ymd: IntArray, on: dt.date) -> FloatArray:
    """Ages as numbers; a person born after the 基準日 (scoring a past date) has no age."""
    age = ages_on(ymd, on).astype(np.float64)
    age[age < 0] = np.nan
    return age


def _to_datetime(values: Any) -> pd.DatetimeIndex:
    s = pd.Series(values, dtype=object) if not isinstance(values, pd.Series) else values
    first = s.dropna()
    if len(first) and isinstance(first.iloc[0], str):  # SQLite: ISO text
        return pd.DatetimeIndex(pd.to_datetime(s, format="ISO8601", errors="coerce"))
    return pd.DatetimeIndex(pd.to_datetime(s, errors="coerce"))


def date_ordinals(values: Any, missing: int) -> IntArray:
    """Dates (date objects, ISO strings, None) → day ordinals; missing → ``missing``."""
    if len(values) == 0:
        return np.zeros(0, dtype=np.int64)
    idx = _to_datetime(values)
    days = idx.values.astype("datetime64[D]").astype(np.int64)
    out = days + _EPOCH_ORDINAL
    out[idx.isna()] = missing
    return np.asarray(out, dtype=np.int64)


def date_ymd(values: Any) -> IntArray:
    """Dates → ``YYYYMMDD`` integers (birth dates: never missing in the registry)."""
    if len(values) == 0:
        return np.zeros(0, dtype=np.int64)
    idx = _to_datetime(values)
    if idx.isna().any():
        raise ValueError("birth date missing")
    return np.asarray(idx.year * 10000 + idx.month * 100 + idx.day, dtype=np.int64)


@dataclass
class _Welfare:
    """Welfare rows that matched a person: arrays of equal length."""

    person: IntArray
    kind: npt.NDArray[np.int8]  # index into WELFARE_KINDS
    value: IntArray  # per kind: care code, grade number, 療育 vocab code, medical bit, roster code
    start: IntArray  # day ordinals; -_NEVER when open
    end: IntArray  # day ordinals; _NEVER when open
    ryoiku_vocab: dict[str, int]


@dataclass(eq=False)
class ScoringInput:
    """Everything scoring reads from the store, as arrays; loaded once, scored many times.

    Households are rows in 世帯番号 order; persons are sorted by household row, so the members
    of household ``h`` are ``groups.starts[h] : groups.starts[h] + groups.sizes[h]``.
    Households without members are left out (the registry has none).
    """

    household_id: IntArray
    household_no: ObjArray
    town: ObjArray
    lat: FloatArray
    lon: FloatArray
    flood_depth: FloatArray
    no_point: BoolArray
    groups: Groups
    person_id: IntArray
    person_no: ObjArray
    person_household: IntArray
    birth_ymd: IntArray
    sex: npt.NDArray[np.int8]
    foreign: BoolArray
    welfare: _Welfare
    warnings: list[str] = field(default_factory=list)
    location: str = ""
    _cache: dict[dt.date, dict[str, Column]] = field(default_factory=dict, repr=False)

    @property
    def n_persons(self) -> int:
        return len(self.person_id)

    @property
    def n_households(self) -> int:
        return len(self.household_id)

    # --- construction ---------------------------------------------------------------------

    @classmethod
    def load(cls, store: Store, *, progress: Progress | None = None) -> ScoringInput:
        """Read persons, households, welfare attributes and flood zones from the store."""
        progress = progress or Progress()
        progress.report(0, 4, "住民を読み込んでいます")
        with store.engine.connect() as conn:
            # Plain DB-API tuples: SQLAlchemy Row objects cost more than the query for 400,000 rows.
            cur = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            try:
                persons = _frame(cur, "SELECT id, person_no, household_id, birth_date, sex, resident_kind "
                                      "FROM persons",
                                 ["person_id", "person_no", "household_id", "birth_date", "sex", "resident_kind"])
                progress.report(1, 4, "世帯を読み込んでいます")
                households = _frame(cur, "SELECT h.id, h.household_no, t.name, h.lat, h.lon FROM households h "
                                         "LEFT JOIN towns t ON t.id = h.town_id ORDER BY h.household_no",
                                    ["household_id", "household_no", "town", "lat", "lon"])
                progress.report(2, 4, "福祉情報を読み込んでいます")
                welfare = _frame(cur, "SELECT person_no, kind, grade, valid_from, valid_to FROM welfare_attributes "
                                      "ORDER BY id", ["person_no", "kind", "grade", "valid_from", "valid_to"])
                progress.report(3, 4, "浸水想定区域を読み込んでいます")
                cur.execute("SELECT geometry_wkb, depth_min FROM hazard_zones WHERE kind = 'flood'")
                zones = cur.fetchall()
            finally:
                cur.close()
        progress.report(4, 4, "")
        return cls.from_frames(persons, households, welfare, [(bytes(w), float(d)) for w, d in zones],
                               location=store.location)

    @classmethod
    def from_frames(cls, persons: pd.DataFrame, households: pd.DataFrame, welfare: pd.DataFrame | None = None,
                    flood_zones: Iterable[tuple[Any, float]] = (), *, location: str = "") -> ScoringInput:
        """Build from plain tables (the store's columns; also used by tests and benchmarks).

        ``persons``: person_id, person_no, household_id, birth_date (date, ISO text or
        ``YYYYMMDD`` int), sex (1 男 / 2 女), resident_kind.  ``households``: household_id,
        household_no, town, lat, lon.  ``welfare``: person_no, kind, grade, valid_from,
        valid_to.  ``flood_zones``: (polygon as shapely geometry or WKB, depth_min in metres).
        """
        warnings: list[str] = []
        hh = households.reset_index(drop=True)
        if not hh["household_no"].is_monotonic_increasing:  # the store reads them in order already
            hh = hh.sort_values("household_no", kind="stable").reset_index(drop=True)
        hid = hh["household_id"].to_numpy(dtype=np.int64)
        row_of = pd.Index(hid)
        p_row = row_of.get_indexer(persons["household_id"].to_numpy(dtype=np.int64))
        keep_p = p_row >= 0
        persons = persons.loc[keep_p]
        p_row = p_row[keep_p]
        sizes_all = np.bincount(p_row, minlength=len(hh)).astype(np.int64)
        # households without members are not scored
        has = sizes_all > 0
        new_row = np.cumsum(has) - 1
        hh = hh.loc[has].reset_index(drop=True)
        p_row = new_row[p_row]
        order = np.lexsort((persons["person_id"].to_numpy(dtype=np.int64), p_row))
        persons = persons.iloc[order].reset_index(drop=True)
        p_row = np.asarray(p_row[order], dtype=np.int64)
        sizes = sizes_all[has]

        birth = persons["birth_date"]
        if len(birth) and np.issubdtype(np.asarray(birth).dtype, np.integer):
            ymd = np.asarray(birth, dtype=np.int64)
        else:
            ymd = date_ymd(birth.to_numpy(dtype=object))
        sex = pd.to_numeric(persons["sex"], errors="coerce").fillna(0).to_numpy(dtype=np.int64)
        sex = np.where((sex == 1) | (sex == 2), sex, 0).astype(np.int8)
        kind_idx, kinds = pd.factorize(persons["resident_kind"].fillna("").astype(str))
        foreign = np.array(["外国" in normalize_value(str(k)) for k in kinds] + [False], dtype=bool)[kind_idx]

        lat = pd.to_numeric(hh["lat"], errors="coerce").to_numpy(dtype=np.float64)
        lon = pd.to_numeric(hh["lon"], errors="coerce").to_numpy(dtype=np.float64)
        no_point = np.isnan(lat) | np.isnan(lon)
        depth = flood_depths(lon, lat, flood_zones)

        pno = persons["person_no"].astype(str).to_numpy(dtype=object)
        w = _welfare_rows(welfare, pno, warnings)
        return cls(
            household_id=hh["household_id"].to_numpy(dtype=np.int64),
            household_no=hh["household_no"].astype(str).to_numpy(dtype=object),
            town=hh["town"].fillna("").astype(str).to_numpy(dtype=object) if "town" in hh else
            np.full(len(hh), "", dtype=object),
            lat=lat, lon=lon, flood_depth=depth, no_point=no_point,
            groups=Groups.from_sizes(sizes),
            person_id=persons["person_id"].to_numpy(dtype=np.int64), person_no=pno, person_household=p_row,
            birth_ymd=ymd, sex=sex, foreign=foreign, welfare=w, warnings=warnings, location=location,
        )

    # --- fields on a date -----------------------------------------------------------------

    def person_columns(self, on: dt.date) -> dict[str, Column]:
        """The person fields on ``on`` (without 療育重度 and 個人スコア, which depend on the profile)."""
        cols = self._cache.get(on)
        if cols is None:
            cols = self._compute_person_columns(on)
            if len(self._cache) >= 4:
                self._cache.pop(next(iter(self._cache)))
            self._cache[on] = cols
        return cols

    def _compute_person_columns(self, on: dt.date) -> dict[str, Column]:
        n = self.n_persons
        day = on.toordinal()
        w = self.welfare
        cols: dict[str, Column] = {
            "年齢": Column(_ages_or_nan(self.birth_ymd, on)),
            "性別": Column(self.sex.astype(np.int32) - 1, vocab={"男": 0, "女": 1}),
            "外国人": Column(self.foreign),
        }
        valid = (w.start <= day) & (day <= w.end)

        def latest(kind: str, sel: BoolArray | None = None) -> tuple[IntArray, IntArray]:
            """(person rows, values) of the latest-started valid row of ``kind`` per person."""
            k = WELFARE_KINDS.index(kind)
            idx = np.flatnonzero((w.kind == k) & (valid if sel is None else sel))
            if not len(idx):
                return np.zeros(0, np.int64), np.zeros(0, np.int64)
            o = np.lexsort((w.start[idx], w.person[idx]))
            idx = idx[o]
            p = w.person[idx]
            last = np.ones(len(p), dtype=bool)
            last[:-1] = p[1:] != p[:-1]
            return p[last], w.value[idx[last]]

        p, v = latest("要介護認定")
        care = np.zeros(n, dtype=np.int8)
        care[p] = v
        care_present = np.zeros(n, dtype=bool)
        care_present[p] = True
        cols["要介護度"] = Column(care, present=care_present)

        for kind in ("身体障害者手帳", "精神障害者保健福祉手帳"):
            p, v = latest(kind)
            grade = np.full(n, np.nan)
            grade[p] = np.where(v > 0, v, np.nan)
            present = np.zeros(n, dtype=bool)
            present[p] = True
            cols[kind] = Column(grade, present=present)

        p, v = latest("療育手帳")
        ryo = np.full(n, -1, dtype=np.int32)
        ryo[p] = v
        present = np.zeros(n, dtype=bool)
        present[p] = True
        cols["療育手帳"] = Column(ryo, vocab=w.ryoiku_vocab, present=present)

        p, v = latest("要支援者名簿")
        roster = np.full(n, -1, dtype=np.int32)
        roster[p] = v
        present = np.zeros(n, dtype=bool)
        present[p] = True
        cols["要支援者名簿"] = Column(roster, vocab={x: i for i, x in enumerate(ROSTER_CONSENT)}, present=present)

        for kind in ("難病", "日本語支援"):
            flag = np.zeros(n, dtype=bool)
            flag[w.person[(w.kind == WELFARE_KINDS.index(kind)) & valid]] = True
            cols[kind] = Column(flag)

        med = np.zeros(n, dtype=np.int64)
        sel = (w.kind == WELFARE_KINDS.index("医療的ケア")) & valid
        np.bitwise_or.at(med, w.person[sel], w.value[sel])
        cols["医療的ケア"] = Column(med, vocab={x: i for i, x in enumerate(MEDICAL_CARE)})

        # 妊娠: started on or before the 基準日, 出産予定日 at most a year ago; the latest due date counts.
        k = WELFARE_KINDS.index("妊娠")
        sel = (w.kind == k) & (w.start <= day) & (w.end >= day - PREGNANCY_AFTER_DUE_DAYS)
        idx = np.flatnonzero(sel)
        preg = np.zeros(n, dtype=bool)
        until = np.full(n, np.nan)
        if len(idx):
            o = np.lexsort((w.end[idx], w.person[idx]))
            idx = idx[o]
            p = w.person[idx]
            last = np.ones(len(p), dtype=bool)
            last[:-1] = p[1:] != p[:-1]
            p, due = p[last], w.end[idx[last]]
            preg[p] = True
            until[p] = np.where(due >= _NEVER, np.nan, (due - day).astype(np.float64))
        cols["妊娠"] = Column(preg)
        cols["出産予定日までの日数"] = Column(until)
        cols["出産予定日からの日数"] = Column(-until)
        return cols

    def household_columns(self) -> dict[str, Column]:
        sizes = self.groups.sizes
        return {
            "人数": Column(sizes.astype(np.float64)),
            "独居": Column(sizes == 1),
            "浸水深": Column(self.flood_depth),
            "地点なし": Column(self.no_point),
        }


def flood_depths(lon: FloatArray, lat: FloatArray, zones: Iterable[tuple[Any, float]]) -> FloatArray:
    """浸水深 at each point: the largest ``depth_min`` of the flood zones containing it (0 outside).

    Vectorised and index-first: flood layers are few, large multipolygons, so they are split into
    their parts and prepared, the household points go into one STRtree, and one bulk query with
    the "intersects" predicate pairs every part with the points inside it (a point on a zone's
    edge counts as inside).  Points with NaN coordinates get 0.
    """
    import shapely

    depth = np.zeros(len(lon), dtype=np.float64)
    zone_list = list(zones)
    has = ~(np.isnan(lon) | np.isnan(lat))
    if not zone_list or not has.any():
        return depth
    geoms = np.array([shapely.from_wkb(g) if isinstance(g, (bytes, bytearray, memoryview)) else g
                      for g, _ in zone_list], dtype=object)
    zdepth = np.array([d for _, d in zone_list], dtype=np.float64)
    parts, part_of = shapely.get_parts(geoms, return_index=True)
    shapely.prepare(parts)
    rows = np.flatnonzero(has)
    tree = shapely.STRtree(shapely.points(lon[rows], lat[rows]))
    hit_part, hit_pt = tree.query(parts, predicate="intersects")
    if len(hit_pt):
        np.maximum.at(depth, rows[hit_pt], zdepth[part_of[hit_part]])
    return depth


def _welfare_rows(welfare: pd.DataFrame | None, person_no: ObjArray, warnings: list[str]) -> _Welfare:
    empty = _Welfare(np.zeros(0, np.int64), np.zeros(0, np.int8), np.zeros(0, np.int64), np.zeros(0, np.int64),
                     np.zeros(0, np.int64), {})
    if welfare is None or not len(welfare):
        return empty
    pidx = pd.Index(person_no).get_indexer(welfare["person_no"].astype(str).to_numpy(dtype=object))
    raw_kinds = welfare["kind"].astype(str)
    kinds = raw_kinds.map({k: welfare_kind(k) for k in raw_kinds.unique()})
    unknown_kinds = Counter(welfare["kind"][kinds.isna() & (pidx >= 0)].astype(str))
    for k, c in sorted(unknown_kinds.items()):
        warnings.append(f"福祉情報の種別「{k}」は採点に使いません（{c}件）")
    ok = (pidx >= 0) & kinds.notna().to_numpy()
    welfare = welfare.loc[ok]
    pidx = pidx[ok]
    kinds = kinds[ok]
    kind_code = kinds.map(WELFARE_KINDS.index).to_numpy(dtype=np.int8)
    grades = welfare["grade"].to_numpy(dtype=object)
    value = np.zeros(len(welfare), dtype=np.int64)
    ryoiku_vocab: dict[str, int] = {}
    bad: Counter[tuple[str, str]] = Counter()
    # Few distinct grades: normalise each once.
    for kind in WELFARE_KINDS:
        sel = np.flatnonzero(kind_code == WELFARE_KINDS.index(kind))
        if not len(sel):
            continue
        raw = pd.Series(grades[sel], dtype=object).fillna("").astype(str)
        inv, uniq = pd.factorize(raw)
        rows_per_value = np.bincount(inv, minlength=len(uniq))
        codes = np.zeros(len(uniq), dtype=np.int64)
        for i, g in enumerate(uniq):
            codes[i], readable = _grade_value(kind, str(g), ryoiku_vocab)
            if not readable:
                bad[(kind, str(g))] += int(rows_per_value[i])
        value[sel] = codes[inv]
    for (kind, g), c in sorted(bad.items()):
        warnings.append(f"{kind}の区分「{g}」を読めません（{c}件）。区分不明として扱います")
    return _Welfare(
        person=np.asarray(pidx, dtype=np.int64), kind=kind_code, value=value,
        start=date_ordinals(welfare["valid_from"].to_numpy(dtype=object), -_NEVER),
        end=date_ordinals(welfare["valid_to"].to_numpy(dtype=object), _NEVER),
        ryoiku_vocab=ryoiku_vocab,
    )


def _grade_value(kind: str, raw: str, ryoiku_vocab: dict[str, int]) -> tuple[int, bool]:
    """The stored value of one grade of ``kind`` and whether it could be read."""
    if kind == "要介護認定":
        c = care_code(raw)
        return c, c != 0
    if kind in ("身体障害者手帳", "精神障害者保健福祉手帳"):
        g = grade_number(raw, 6 if kind == "身体障害者手帳" else 3)
        return g, g != 0
    if kind == "療育手帳":
        s = normalize_value(raw)
        return (ryoiku_vocab.setdefault(s, len(ryoiku_vocab)) if s else -1), True
    if kind == "医療的ケア":
        return 1 << MEDICAL_CARE.index(medical_value(raw)), True
    if kind == "要支援者名簿":
        r = roster_value(raw)
        return (-1, False) if r is None else (ROSTER_CONSENT.index(r), True)
    return 0, True


def severe_ryoiku(cols: dict[str, Column], severe: Sequence[str]) -> Column:
    """療育重度: the person's 療育手帳 区分 is in the profile's 重度 list."""
    col = cols["療育手帳"]
    vocab = col.vocab or {}
    codes = [vocab[normalize_value(s)] for s in severe if normalize_value(s) in vocab]
    return Column(np.isin(col.data, np.asarray(codes, dtype=np.int32)))
