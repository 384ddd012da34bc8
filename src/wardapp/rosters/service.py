"""Make a roster: the one function the CLI and the GUI's 名簿 page call.

:func:`make_roster` takes an area (or a :class:`~wardapp.geo.selection.Selection` the map page
already holds, or the name of a saved selection), the document kind, the consent mode and the
output file, and does everything in order:

1. checks that the actor may do it (``roster.print`` for a PDF, ``roster.export`` for CSV /
   XLSX — :func:`wardapp.security.access.require`), and that a disaster-mode roster has a reason;
2. selects the households (:func:`~wardapp.geo.selection.select_area`) and applies the consent
   rules (:mod:`wardapp.rosters.consent`) and the minimum score;
3. writes the document to a temporary file beside the target;
4. in **one transaction**, appends the audit-log entry (who, when, document kind, area, mode,
   reason, persons, households, who was left out, file name) and moves the file into place —
   a file that was made is always logged, and a failed log leaves no file behind.

:func:`prepare_roster` does step 2 only, for a preview of the counts (the GUI shows how many
persons will be printed and left out before it asks for a reason); it writes nothing and logs
nothing, as it shows no personal data.

Kinds (``kind``): ``roster`` 地域名簿, ``check`` 安否確認チェックリスト, ``by-town`` / ``by-shelter``
the roster with one section per 町字 / 指定避難所 (page numbers per section).  ``group_by``
groups any kind (e.g. check sheets per shelter).  The format follows the file's suffix
(``.pdf``, ``.csv``, ``.xlsx``).  A PDF's columns come from a layout file
(:mod:`wardapp.rosters.layout_files`; ``layout=None`` is the kind's shipped default); its name and
format version go into the audit entry.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from sqlalchemy import select

from wardapp.errors import UsageError
from wardapp.geo.selection import (
    Area,
    CircleArea,
    FloodArea,
    PolygonArea,
    Selection,
    SelectionIndex,
    TownsArea,
    load_selection,
    select_area_unchecked,
)
from wardapp.progress import Progress
from wardapp.reports.fonts import FontChoice
from wardapp.rosters.consent import LeftOut, Mode, check_reason, parse_mode
from wardapp.rosters.content import GroupBy, RosterContent, build_content
from wardapp.rosters.layout_files import RosterLayout, resolve_layout
from wardapp.security import audit
from wardapp.security.access import Actor, require
from wardapp.store.db import Store
from wardapp.store.models import Town

Kind = Literal["roster", "check", "by-town", "by-shelter"]
Format = Literal["pdf", "csv", "xlsx"]
#: kind → (document, grouping)
KINDS: Final[dict[str, tuple[str, GroupBy | None]]] = {
    "roster": ("roster", None), "check": ("check", None), "by-town": ("roster", "town"),
    "by-shelter": ("roster", "shelter"),
}
TITLES: Final[dict[str, str]] = {"roster": "地域名簿", "check": "安否確認チェックリスト"}
FORMATS: Final[dict[str, Format]] = {".pdf": "pdf", ".csv": "csv", ".xlsx": "xlsx"}
#: What each format needs (roles.py).
PERMISSIONS: Final[dict[Format, str]] = {"pdf": "roster.print", "csv": "roster.export", "xlsx": "roster.export"}

#: A saved selection's name or id, an area, or a selection the caller already made.
RosterSource = Area | Selection | str | int


@dataclass(frozen=True)
class RosterResult:
    """What was written, for whom, and what the audit log says."""

    path: Path
    kind: str
    format: Format
    mode: Mode
    reason: str | None
    persons: int
    households: int
    left_out: LeftOut
    #: Pages of a PDF (None for CSV / XLSX).
    pages: int | None
    #: Section titles of a grouped roster.
    sections: tuple[str, ...]
    #: 外字 and characters that could not be printed/encoded, one line each.
    gaiji: tuple[str, ...]
    area: str
    on: dt.date
    notes: tuple[str, ...]
    user: str
    audit_seq: int
    #: The document's title (the layout's ``title``; "" = the kind's usual title).
    document_title: str = ""
    #: The layout used (a PDF's columns; a CSV / XLSX's if the layout has ``[export] columns``).
    layout: RosterLayout | None = None

    @property
    def title(self) -> str:
        return self.document_title or TITLES[KINDS[self.kind][0]]

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "kind": self.kind, "format": self.format, "mode": self.mode.value,
                "reason": self.reason, "persons": self.persons, "households": self.households,
                "left_out": self.left_out.to_json(), "pages": self.pages, "sections": list(self.sections),
                "gaiji": list(self.gaiji), "area": self.area, "reference_date": self.on.isoformat(),
                "notes": list(self.notes), "user": self.user, "audit_seq": self.audit_seq,
                "layout": self.layout.audit_details() if self.layout is not None else None}

    def summary_ja(self) -> str:
        what = f"{self.title}【{self.mode.short_ja}】"
        pages = f"（{self.pages}ページ" + (f"、{len(self.sections)}区分" if self.sections else "") + "）" \
            if self.pages is not None else ""
        lines = [f"{what}を書き出しました: {self.path}{pages}",
                 f"範囲: {self.area}　掲載 {self.households:,}世帯・{self.persons:,}人"]
        if self.layout is not None and self.layout.path != default_path(KINDS[self.kind][0]):
            lines.append(f"レイアウト: {self.layout.name}（{self.layout.file_name}、形式の版 {self.layout.version}）")
        if self.left_out.persons:
            lines.append(self.left_out.summary_ja())
        if self.gaiji:
            how = "「〓」で印字し、最後の「外字一覧」に載せました" if self.format == "pdf" else "下のとおりです"
            lines.append(f"外字など {len(self.gaiji)}件: {how}。")
            lines += [f"  {g}" for g in self.gaiji[:20]]
            if len(self.gaiji) > 20:
                lines.append(f"  …ほか{len(self.gaiji) - 20}件")
        lines += [f"注意: {n}" for n in self.notes]
        lines.append(f"監査ログに記録しました（記録 {self.audit_seq}、{self.user}）。")
        return "\n".join(lines)


def default_path(document: str) -> Path:
    """The shipped default layout file of a document (``roster`` / ``check``)."""
    from wardapp.rosters.layout_files import DEFAULT_FILES, LAYOUTS_DIR

    return LAYOUTS_DIR / DEFAULT_FILES[document]


# ------------------------------------------------------------------------------- sources


def town_ids(store: Store, names: Sequence[str]) -> tuple[int, ...]:
    """町字 ids for names as staff type them (「見本町一丁目」; 全角/半角 and spaces folded).

    An unknown name raises ``UsageError`` listing the towns whose name contains it, if any.
    """
    def key(s: str) -> str:
        return "".join(unicodedata.normalize("NFKC", s).split())

    with store.session() as s:
        towns = s.execute(select(Town.id, Town.name).order_by(Town.id)).all()
    by_name: dict[str, list[int]] = {}
    for tid, name in towns:
        by_name.setdefault(key(str(name)), []).append(int(tid))
    out: list[int] = []
    for n in names:
        ids = by_name.get(key(n))
        if not ids:
            near = [str(name) for _, name in towns if key(n) and key(n) in key(str(name))][:8]
            hint = f"候補: {'、'.join(near)}" if near else "wardapp の地図ページか住所辞書で町字の名前を確かめてください"
            raise UsageError(f"町字「{n}」が見つかりません（{hint}）。")
        out += ids
    return tuple(out)


def resolve_selection(store: Store, source: RosterSource, *, on: dt.date | None = None,
                      index: SelectionIndex | None = None) -> Selection:
    """The numbered households of ``source`` (a :class:`Selection` is used as it is)."""
    if isinstance(source, Selection):
        return source
    notes: tuple[str, ...] = ()
    if isinstance(source, (str, int)) and not isinstance(source, bool):
        area, info = load_selection(store, source)
        notes = info.notes
    elif isinstance(source, (PolygonArea, CircleArea, TownsArea, FloodArea)):
        area = source
    else:
        raise TypeError(f"not a roster source: {source!r}")
    day = on or (index.on if index is not None else dt.date.today())
    # make_roster checks roster.print / roster.export and logs the output itself.
    sel = select_area_unchecked(store, area, on=day, index=index)
    return dataclasses.replace(sel, notes=notes + sel.notes) if notes else sel


def _kind(kind: str, group_by: GroupBy | None) -> tuple[str, GroupBy | None]:
    if kind not in KINDS:
        raise UsageError(f"帳票の種類は {'、'.join(KINDS)} のいずれかです（受け取った値: {kind}）。")
    document, grouping = KINDS[kind]
    if group_by is not None and group_by not in ("town", "shelter"):
        raise UsageError(f"区分けは town（町字）か shelter（避難所）です（受け取った値: {group_by}）。")
    return document, group_by or grouping


def prepare_roster(store: Store, source: RosterSource, *, kind: str = "roster", mode: Mode | str = Mode.NORMAL,
                   reason: str | None = None, min_score: int | None = None, on: dt.date | None = None,
                   group_by: GroupBy | None = None, index: SelectionIndex | None = None,
                   shelter_of: Mapping[int, int] | None = None) -> RosterContent:
    """The roster's content without writing or logging anything (counts for a preview).

    A disaster-mode preview needs no reason yet (``reason`` is checked by :func:`make_roster`).
    """
    _, grouping = _kind(kind, group_by)
    m = parse_mode(mode)
    sel = resolve_selection(store, source, on=on, index=index)
    return build_content(store, sel, mode=m, reason=reason, min_score=min_score, group_by=grouping,
                         shelter_of=shelter_of)


# ------------------------------------------------------------------------------- making


def _who(actor: Actor) -> str:
    if actor.is_system:
        return f"システム（{actor.os_user}）" if actor.os_user else "システム"
    return actor.display_name or actor.user


def _format(out: Path, fmt: str | None) -> Format:
    if fmt is not None:
        f = fmt.lower().lstrip(".")
        if f not in ("pdf", "csv", "xlsx"):
            raise UsageError(f"出力の形式は pdf、csv、xlsx のいずれかです（受け取った値: {fmt}）。")
        return f  # type: ignore[return-value]
    got = FORMATS.get(out.suffix.lower())
    if got is None:
        raise UsageError(f"出力ファイルの拡張子は .pdf、.csv、.xlsx のいずれかにしてください（{out.name}）。")
    return got


def make_roster(store: Store, source: RosterSource, *, actor: Actor, out: str | os.PathLike[str],
                kind: str = "roster", mode: Mode | str = Mode.NORMAL, reason: str | None = None,
                min_score: int | None = None, on: dt.date | None = None, group_by: GroupBy | None = None,
                format: str | None = None, encoding: str = "utf-8-sig", index: SelectionIndex | None = None,
                shelter_of: Mapping[int, int] | None = None, printed_at: dt.datetime | None = None,
                progress: Progress | None = None, font: FontChoice | None = None,
                layout: str | os.PathLike[str] | RosterLayout | None = None) -> RosterResult:
    """Write the roster of ``source`` to ``out`` and record it in the audit log (see the module docstring).

    ``layout``: a layout file, a loaded :class:`RosterLayout`, or None (the kind's shipped
    default): the PDF's columns, and the CSV / XLSX columns if it has ``[export] columns``.

    Raises ``PermissionDenied`` (the actor's role may not print / export), ``UsageError`` (a
    disaster-mode roster without a reason, an unknown kind or suffix, an empty area, no
    指定避難所 for ``by-shelter``), ``Cancelled`` (``progress`` was cancelled: nothing written,
    nothing logged); ``ConfigError`` (the layout file is wrong).
    """
    target = Path(out)
    fmt = _format(target, format)
    require(actor, PERMISSIONS[fmt])
    document, grouping = _kind(kind, group_by)
    # checked before anything is selected or written: a wrong file fails fast, naming its line
    lay = resolve_layout(layout if isinstance(layout, RosterLayout) or layout is None else Path(layout), document)
    m = parse_mode(mode)
    why = check_reason(m, reason)
    progress = progress or Progress()
    progress.report(0, 4, "範囲の世帯を集めています")
    sel = resolve_selection(store, source, on=on, index=index)
    if not len(sel):
        raise UsageError(f"範囲に世帯がありません（{sel.area_caption}）。")
    progress.report(1, 4, "同意の確認と名簿の組み立て")
    content = build_content(store, sel, mode=m, reason=why, min_score=min_score, group_by=grouping,
                            shelter_of=shelter_of)
    when = (printed_at or dt.datetime.now()).replace(microsecond=0)
    who = _who(actor)
    title = lay.title
    progress.report(2, 4, "書き出しています")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.stem}.{os.getpid()}.tmp{target.suffix}")
    pages: int | None = None
    try:
        if fmt == "pdf":
            from wardapp.rosters.mapdraw import MapLayers
            from wardapp.rosters.pdf_layout import render_layout

            doc = render_layout(content, MapLayers.load(store), tmp, lay, printed_by=who, printed_at=when, font=font)
            pages = doc.page_count
            gaiji = tuple(f"{o.where}: {o.codepoint}（{o.kind}）" for o in doc.gaiji.occurrences)
        else:
            from wardapp.rosters.export import write_csv, write_xlsx

            cols = lay.export_columns  # the layout's [export] columns (None: all)
            notes = (write_csv(content, tmp, encoding=encoding, columns=cols, sort=lay.sort) if fmt == "csv"
                     else write_xlsx(content, tmp, exported_by=who, exported_at=when, title=title, columns=cols,
                                     sort=lay.sort))
            gaiji = tuple(n.describe() for n in notes)
        progress.report(3, 4, "監査ログに記録しています")
        with store.engine.begin() as conn:
            seq = audit.record(conn, actor, "print" if fmt == "pdf" else "export", title,
                               counts=_counts(content, pages),
                               details=_details(content, kind, fmt, target, encoding, title, lay))
            progress.check()
            os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    progress.report(4, 4, "完了")
    return RosterResult(path=target, kind=kind, format=fmt, mode=m, reason=why, persons=content.persons,
                        households=len(content.households), left_out=content.left_out, pages=pages,
                        sections=tuple(s.title for s in content.sections) if content.grouped else (),
                        gaiji=gaiji, area=content.area_caption, on=content.on, notes=content.notes, user=who,
                        audit_seq=seq, document_title=title, layout=lay)


def _counts(content: RosterContent, pages: int | None) -> dict[str, int]:
    c = {"persons": content.persons, "households": len(content.households),
         "left_out_persons": content.left_out.persons, "left_out_households": content.left_out.households}
    if pages is not None:
        c["pages"] = pages
    return c


def _details(content: RosterContent, kind: str, fmt: Format, target: Path, encoding: str, title: str,
             layout: RosterLayout | None) -> dict[str, Any]:
    """The audit entry's particulars (the keys of :func:`wardapp.security.audit.record_output` and more)."""
    d: dict[str, Any] = {
        "document": title, "kind": kind, "format": fmt, "area": content.area_caption,
        "mode": content.mode.value, "reason": content.reason, "file": target.name,
        "reference_date": content.on.isoformat(), "score_run_id": content.selection.score_run_id,
        "left_out": content.left_out.to_json()["by_reason"],
    }
    if content.group_by:
        d["group_by"] = content.group_by
        d["sections"] = len(content.sections)
    if content.min_score is not None:
        d["min_score"] = content.min_score
    if fmt == "csv":
        d["encoding"] = encoding
    if layout is not None:  # which columns were on the paper / in the file: the layout's name, version, file
        d.update(layout.audit_details())
    return d

