"""The tables of the 住所辞書 page: :class:`RowTableModel` column lists over the review core.

Records come from :mod:`wardapp.address.review` unchanged; each model here only says which
columns its table has, how a cell reads (counts with thousands separators, shares in %,
distances in m/km, household numbers shortened with the full list in the tooltip) and how it
sorts.  Headers go through ``self.tr`` so that each model is its own context in the catalogue.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from wardapp.address.review import AddressGroup, FixRow, Place, TownRate
from wardapp.ui.models.rows import Column, RowTableModel

#: Household numbers shown in a cell before 「ほか n 世帯」.
SHOWN_HOUSEHOLD_NOS = 2
#: Household numbers listed in a tooltip at most.
TOOLTIP_HOUSEHOLD_NOS = 40


def count(n: int) -> str:
    return f"{n:,}"


def percent(x: float) -> str:
    """A share with one decimal that never rounds a remainder away: 18,783 of 18,791 households
    is 「99.9%」, not 「100.0%」, and 3 of them 「<0.1%」, not 「0.0%」."""
    text = f"{x:.1%}"
    if text == "100.0%" and x < 1:
        return "99.9%"
    if text == "0.0%" and x > 0:
        return "<0.1%"
    return text


def distance(m: float | None) -> str:
    if m is None:
        return ""
    return f"{m:,.0f} m" if m < 1000 else f"{m / 1000:,.1f} km"


def degrees(x: float | None) -> str:
    return "" if x is None else f"{x:.6f}"


def household_nos(nos: Sequence[str]) -> str:
    shown = "、".join(nos[:SHOWN_HOUSEHOLD_NOS])
    if len(nos) > SHOWN_HOUSEHOLD_NOS:
        more = QCoreApplication.translate("GazetteerTables", "{numbers} and {n} more")
        return more.format(numbers=shown, n=len(nos) - SHOWN_HOUSEHOLD_NOS)
    return shown


def household_nos_tooltip(nos: Sequence[str]) -> str:
    lines = list(nos[:TOOLTIP_HOUSEHOLD_NOS])
    if len(nos) > TOOLTIP_HOUSEHOLD_NOS:
        more = QCoreApplication.translate("GazetteerTables", "… {n} more")
        lines.append(more.format(n=len(nos) - TOOLTIP_HOUSEHOLD_NOS))
    return "\n".join(lines)


def _spellings(g: AddressGroup) -> str:
    return "\n".join(g.addresses or (g.address,))


class TownRateModel(RowTableModel[TownRate]):
    """町字, 世帯数, the households per level, 照合率 (街区 or finer, or by hand)."""

    def __init__(self, parent: object | None = None) -> None:
        def level(header: str, attr: str) -> Column[TownRate]:
            def n(r: TownRate) -> int:
                return int(getattr(r.counts, attr))

            return Column(header, lambda r: count(n(r)), key=n, numeric=True,
                          tooltip=lambda r: f"{header}: {count(n(r))}（{percent(r.counts.share(n(r)))}）")

        super().__init__((), parent)
        self._columns = [
            Column(self.tr("Town"), lambda r: r.town, key=lambda r: (r.town_id is None, r.code, r.town)),
            Column(self.tr("Households"), lambda r: count(r.counts.households), key=lambda r: r.counts.households,
                   numeric=True),
            level(self.tr("Residence no."), "residence"),
            level(self.tr("Block"), "block"),
            level(self.tr("Town only"), "town"),
            level(self.tr("Several candidates"), "ambiguous"),
            level(self.tr("Not matched"), "unmatched"),
            level(self.tr("Fixed by hand"), "manual"),
            level(self.tr("Not yet matched"), "not_run"),
            Column(self.tr("Match rate"), lambda r: percent(r.counts.rate) if r.counts.households else "",
                   key=lambda r: r.counts.rate, numeric=True,
                   tooltip=lambda r: self.tr("Placed at the residence number or block, or by hand")),
        ]


class AddressGroupModel(RowTableModel[AddressGroup]):
    """A work list: 照合できない住所 (``with_candidates=False``) or 候補が複数の住所."""

    def __init__(self, parent: object | None = None, *, with_candidates: bool = False) -> None:
        super().__init__((), parent)
        spellings = Column(self.tr("Spellings"), lambda g: count(g.spellings), key=lambda g: g.spellings,
                           numeric=True, tooltip=_spellings)
        columns: list[Column[AddressGroup]] = [
            Column(self.tr("Address"), lambda g: g.address, tooltip=_spellings),
            Column(self.tr("Households"), lambda g: count(g.households), key=lambda g: g.households, numeric=True),
        ]
        if with_candidates:
            # The town is in the address (or is the question itself); the reason is shown beside.
            columns += [
                spellings,
                Column(self.tr("Candidates"), lambda g: count(len(g.candidates)), key=lambda g: len(g.candidates),
                       numeric=True),
                Column(self.tr("Apart"), lambda g: distance(g.spread_m), key=lambda g: g.spread_m or 0.0,
                       numeric=True, tooltip=lambda g: self.tr("Largest distance between two candidates")),
            ]
        else:
            columns.insert(1, Column(self.tr("Town"), lambda g: g.town, key=lambda g: (g.town_id is None, g.town)))
        columns += [
            Column(self.tr("Household numbers"), lambda g: household_nos(g.household_nos),
                   key=lambda g: g.household_nos[0] if g.household_nos else "",
                   tooltip=lambda g: household_nos_tooltip(g.household_nos)),
            Column(self.tr("Reason"), lambda g: g.reason),
        ]
        self._columns = columns


class CandidateModel(RowTableModel[Place]):
    """The candidate points of one ambiguous address."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__((), parent)
        self._columns = [
            Column(self.tr("Candidate point"), lambda p: p.label),
            Column(self.tr("To nearest other"), lambda p: distance(p.nearest_m), key=lambda p: p.nearest_m or 0.0,
                   numeric=True, tooltip=lambda p: self.tr("Distance to the nearest other candidate")),
            Column(self.tr("Dataset"), lambda p: p.dataset_ja),
            Column(self.tr("Level"), lambda p: p.level_ja),
            Column(self.tr("Latitude"), lambda p: degrees(p.lat), key=lambda p: p.lat, numeric=True),
            Column(self.tr("Longitude"), lambda p: degrees(p.lon), key=lambda p: p.lon, numeric=True),
        ]


class PointModel(RowTableModel[Place]):
    """The points of one 町字, to place an address at by hand."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__((), parent)
        self._columns = [
            Column(self.tr("Number"), lambda p: p.number or self.tr("(town centre point)"), key=lambda p: p.sort_key),
            Column(self.tr("Level"), lambda p: p.level_ja),
            Column(self.tr("Dataset"), lambda p: p.dataset_ja),
            Column(self.tr("Latitude"), lambda p: degrees(p.lat), key=lambda p: p.lat, numeric=True),
            Column(self.tr("Longitude"), lambda p: degrees(p.lon), key=lambda p: p.lon, numeric=True),
        ]


class FixModel(RowTableModel[FixRow]):
    """Manual fixes: what was decided for which address, by whom and when."""

    def __init__(self, parent: object | None = None) -> None:
        def chosen(f: FixRow) -> str:
            return f.place.label if f.place is not None else self.tr("Latitude/longitude entered")

        super().__init__((), parent)
        self._columns = [
            Column(self.tr("Address"), lambda f: f.address),
            Column(self.tr("Decided point"), chosen),
            Column(self.tr("Latitude"), lambda f: degrees(f.lat), key=lambda f: f.lat or 0.0, numeric=True),
            Column(self.tr("Longitude"), lambda f: degrees(f.lon), key=lambda f: f.lon or 0.0, numeric=True),
            Column(self.tr("Households"), lambda f: count(f.households), key=lambda f: f.households, numeric=True,
                   tooltip=lambda f: household_nos_tooltip(f.household_nos)
                   or self.tr("No household has this address now")),
            Column(self.tr("Fixed by"), lambda f: f.created_by),
            Column(self.tr("Fixed on"), lambda f: f.created_at.strftime("%Y/%m/%d %H:%M"), key=lambda f: f.created_at),
            Column(self.tr("Note"), lambda f: f.note),
        ]
