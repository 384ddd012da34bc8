"""What a roster holds: the households of a :class:`~wardapp.geo.selection.Selection`, as printed.

Sayama's roster columns (domain.md): No., 世帯番号, 氏名, 年齢 (生年月日 and (年齢)), 性別, 続柄,
住所 — here with 方書, 個人スコア, 世帯スコア and the 要配慮者 category marks as well.  Every number
comes from the selection (:attr:`SelectedHousehold.number`): the list beside the map, the map's
markers, the printed map and the roster all say 「12」 for the same household.  Households left
out (consent, a minimum score) keep their number's gap; numbers are never reassigned.

Households come in the selection's order (世帯スコア highest first, ties by the highest 個人スコア,
then 世帯番号), each with its 世帯主 first.  :func:`build_content` applies the consent rules of
:mod:`wardapp.rosters.consent` and optionally groups the households into sections: by 町字
(``group_by="town"``) or by the 指定避難所 they go to (``group_by="shelter"``, rule in
:mod:`wardapp.rosters.shelters`).

There is no telephone number in the registry; the safety-check sheet leaves a column to write
one in.  ``RosterPerson.phone`` is there for a ward whose data has one.

Headless (no Qt): the CLI, the GUI's 名簿 page and the tests build the same content.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Final, Literal

from wardapp.geo.selection import MapMarker, SelectedHousehold, SelectedMember, Selection
from wardapp.palette import CARE_CATEGORIES, row_fill
from wardapp.rosters import consent
from wardapp.rosters.consent import BELOW_MIN_SCORE, LeftOut, Mode
from wardapp.rosters.shelters import Assignment, Shelter, assign
from wardapp.store.db import Store
from wardapp.wareki import era_of

GroupBy = Literal["town", "shelter"]
GROUP_LABELS: Final[dict[str, str]] = {"town": "町字ごと", "shelter": "避難所ごと"}
NO_TOWN: Final = "町字なし"
NO_SHELTER: Final = "避難所の割当なし"
#: Category letter (高乳妊障医) → palette category.
_BY_LETTER = {c.letter: c for c in CARE_CATEGORIES}


def category_names(letters: str) -> tuple[str, ...]:
    return tuple(_BY_LETTER[ch].name for ch in letters if ch in _BY_LETTER)


def category_marks(letters: str) -> str:
    """「▲高 ■障」: symbol and letter of each category, so that a black-and-white copy reads."""
    return " ".join(_BY_LETTER[ch].mark for ch in letters if ch in _BY_LETTER)


def birth_label(birth: dt.date, age: int) -> str:
    """「昭41.11.22（59歳）」: Sayama's 生年月日 and (年齢), the era as its first character."""
    try:
        era = era_of(birth)
        y = birth.year - era.start.year + 1
        return f"{era.name[0]}{y}.{birth.month}.{birth.day}（{age}歳）"
    except ValueError:
        return f"{birth.isoformat()}（{age}歳）"


@dataclass(frozen=True, slots=True)
class RosterPerson:
    """One printed person (a row)."""

    person_no: str
    name: str
    kana: str
    birth_date: dt.date
    birth_wareki: str
    age: int
    sex: str
    relationship: str
    is_head: bool
    #: 個人スコア of the score run (0 without one).
    score: int
    #: Category letters (高乳妊障医).
    categories: str
    #: 要支援者名簿: 同意 / 不同意 / 未回答 / 名簿に未登録.
    roster_status: str
    phone: str | None = None

    @property
    def birth_label(self) -> str:
        return birth_label(self.birth_date, self.age)

    @property
    def marks(self) -> str:
        return category_marks(self.categories)

    @property
    def fill(self) -> str | None:
        """Row background (``wardapp.palette.row_fill``): the most urgent category's colour."""
        return row_fill(category_names(self.categories))


@dataclass(frozen=True, slots=True)
class RosterHousehold:
    """One printed household: its number is the selection's (and the map's)."""

    number: int
    household_id: int
    household_no: str
    address: str
    building: str
    town_id: int | None
    town_name: str
    lat: float | None
    lon: float | None
    #: 世帯スコア and the highest 個人スコア as stored (the order of the list and the map).
    score: int
    max_person_score: int
    categories: str
    #: Score band index (0 = lowest; -1 without scores), for the marker colour as on screen.
    band: int
    members: tuple[RosterPerson, ...]
    #: Members in the registry (more than printed when consent left some out).
    members_total: int
    shelter: Assignment | None = None

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def partial(self) -> bool:
        return len(self.members) < self.members_total


@dataclass(frozen=True)
class RosterSection:
    """A part printed on its own (page numbering restarts): a 町字, a 指定避難所, or everything."""

    title: str
    households: tuple[RosterHousehold, ...]
    #: One more line for the section's first page (the shelter's address and telephone …).
    subtitle: str = ""
    shelter: Shelter | None = None
    #: The 町字 of a per-town section (its map outlines that town).
    town_id: int | None = None

    @property
    def persons(self) -> int:
        return sum(len(h.members) for h in self.households)


@dataclass(frozen=True)
class RosterContent:
    """Everything a roster document or export shows, built once by :func:`build_content`."""

    selection: Selection
    mode: Mode
    reason: str | None
    households: tuple[RosterHousehold, ...]
    sections: tuple[RosterSection, ...]
    left_out: LeftOut
    min_score: int | None = None
    group_by: GroupBy | None = None
    #: e.g. 「標準プロファイル」第1版（記録番号 3） — the header's 援護度プロファイル.
    profile_label: str | None = None
    #: Names of the score bands, lowest first, and their minimum scores (marker colours, legend).
    band_names: tuple[str, ...] = ()
    band_minimums: tuple[int, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def on(self) -> dt.date:
        return self.selection.on

    @property
    def area_caption(self) -> str:
        return self.selection.area_caption

    @property
    def score_caption(self) -> str:
        return self.selection.score_caption

    @property
    def persons(self) -> int:
        return sum(len(h.members) for h in self.households)

    @property
    def grouped(self) -> bool:
        return self.group_by is not None

    def markers(self, households: Iterable[RosterHousehold] | None = None) -> list[MapMarker]:
        """Numbered markers of the printed households (all, or one section's), labelled exactly as
        :meth:`Selection.markers` labels them (「3」, 「3,7,12」, 「3他5」)."""
        wanted = {h.household_id for h in (self.households if households is None else households) if h.has_point}
        kept = tuple(h for h in self.selection.households if int(h.household_id) in wanted)
        return replace(self.selection, households=kept, without_point=()).markers()


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """「…2番1号」 before 「…10番4号」: numbers (全角 or 半角) compare as numbers, not as text."""
    parts = re.split(r"(\d+)", unicodedata.normalize("NFKC", text or ""))
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts if p)


def sort_households(households: Sequence[RosterHousehold], sort: str) -> list[RosterHousehold]:
    """Households in a layout's order (``sort``: number / address / household_no); numbers stay the selection's."""
    if sort == "address":
        return sorted(households, key=lambda h: (natural_key(h.address), natural_key(h.building), h.number))
    if sort == "household_no":
        return sorted(households, key=lambda h: (natural_key(h.household_no), h.number))
    return list(households)  # "number": the selection's order (世帯スコアの高い順), as the map numbers them


def _band(score: int, minimums: tuple[int, ...]) -> int:
    band = -1
    for i, m in enumerate(minimums):
        if score >= m:
            band = i
    return band


def _person(m: SelectedMember, status: str) -> RosterPerson:
    return RosterPerson(person_no=m.person_no, name=m.name, kana=m.kana, birth_date=m.birth_date,
                        birth_wareki=m.birth_wareki, age=m.age, sex=m.sex, relationship=m.relationship,
                        is_head=m.is_head, score=m.score, categories=m.categories, roster_status=status)


def _household(h: SelectedHousehold, members: tuple[RosterPerson, ...], band: int) -> RosterHousehold:
    return RosterHousehold(number=h.number, household_id=int(h.household_id), household_no=h.household_no,
                           address=h.address, building=h.building, town_id=h.town_id, town_name=h.town_name,
                           lat=h.lat, lon=h.lon, score=h.score, max_person_score=h.max_person_score,
                           categories=h.categories, band=band, members=members, members_total=len(h.members))


def score_bands(store: Store, run_id: int | None) -> tuple[tuple[str, ...], tuple[int, ...], str | None]:
    """Band names and minimums of a stored run (lowest first) and the header's profile label."""
    if run_id is None:
        return (), (), None
    from wardapp.scoring.runs import run_info, run_profile

    info = run_info(store, run_id)
    label = (f"「{info.profile_name}」第{info.profile_version}版（記録番号 {info.id}）" if info is not None else None)
    try:
        bands = sorted(run_profile(store, run_id).bands, key=lambda b: b.minimum)
    except Exception:  # noqa: BLE001 — an unreadable old profile: markers in the neutral colour
        return (), (), label
    return tuple(b.name for b in bands), tuple(int(b.minimum) for b in bands), label


def build_content(store: Store, selection: Selection, *, mode: Mode | str = Mode.NORMAL, reason: str | None = None,
                  min_score: int | None = None, group_by: GroupBy | None = None,
                  shelter_of: Mapping[int, int] | None = None) -> RosterContent:
    """The printed households of ``selection`` under the consent rules of ``mode``.

    ``min_score`` keeps only households whose 世帯スコア is at least that; ``group_by`` makes one
    section per 町字 or per 指定避難所 (``shelter_of`` maps household id → facility id where the
    ward has its own assignment).  ``reason`` is only carried along: whether a disaster-mode
    output has one is checked where the output is made (:func:`wardapp.rosters.service.make_roster`).
    """
    mode = consent.parse_mode(mode)
    reason = " ".join((reason or "").split()) or None
    statuses = consent.roster_statuses(store, (m.person_no for h in selection.rows for m in h.members), selection.on)
    band_names, band_minimums, profile_label = score_bands(store, selection.score_run_id)

    reasons: dict[str, int] = {}
    gone = partial = 0
    printed: list[RosterHousehold] = []
    for h in selection.rows:
        if min_score is not None and h.score < min_score:
            reasons[BELOW_MIN_SCORE] = reasons.get(BELOW_MIN_SCORE, 0) + len(h.members)
            gone += 1
            continue
        members: list[RosterPerson] = []
        for m in h.members:
            status = consent.status_of(statuses, m.person_no)
            if consent.may_print(mode, status):
                members.append(_person(m, status))
            else:
                reasons[status] = reasons.get(status, 0) + 1
        if not members:
            gone += 1
            continue
        if len(members) < len(h.members):
            partial += 1
        printed.append(_household(h, tuple(members), _band(h.score, band_minimums)))

    if group_by == "shelter":
        assignments = assign(store, [(p.household_id, p.lat, p.lon, p.town_id) for p in printed], assigned=shelter_of)
        printed = [replace(p, shelter=assignments.get(p.household_id)) for p in printed]
    households = tuple(printed)
    sections = _sections(households, group_by)
    return RosterContent(selection=selection, mode=mode, reason=reason, households=households, sections=sections,
                         left_out=LeftOut(reasons, gone, partial), min_score=min_score, group_by=group_by,
                         profile_label=profile_label, band_names=band_names, band_minimums=band_minimums,
                         notes=tuple(selection.notes))


def _sections(households: tuple[RosterHousehold, ...], group_by: GroupBy | None) -> tuple[RosterSection, ...]:
    if group_by is None:
        return (RosterSection("", households),)
    if group_by == "town":
        towns: dict[tuple[int, str], list[RosterHousehold]] = {}
        for h in households:
            key = (h.town_id if h.town_id is not None else 1 << 62, h.town_name or NO_TOWN)
            towns.setdefault(key, []).append(h)
        return tuple(RosterSection(name, tuple(hs), town_id=tid if tid != 1 << 62 else None)
                     for (tid, name), hs in sorted(towns.items()))
    shelters: dict[int, tuple[Shelter | None, list[RosterHousehold]]] = {}
    for h in households:
        s = h.shelter.shelter if h.shelter is not None else None
        shelters.setdefault(s.id if s is not None else 1 << 62, (s, []))[1].append(h)
    out = []
    for _, (s, hs) in sorted(shelters.items()):
        if s is None:
            out.append(RosterSection(NO_SHELTER, tuple(hs), "住所の位置も町字の代表点も分からない世帯です。"))
        else:
            sub = "　".join(x for x in (f"所在地 {s.address}" if s.address else "",
                                        f"電話 {s.phone}" if s.phone else "") if x)
            out.append(RosterSection(s.name, tuple(hs), sub, s))
    return tuple(out)
