"""A roster PDF drawn from a layout file (:mod:`wardapp.rosters.layout_files`).

The 地域名簿 (:mod:`~wardapp.rosters.pdf_roster`) and the 安否確認チェックリスト
(:mod:`~wardapp.rosters.pdf_check`) are this renderer with their shipped default layouts.  What
stays in code is what every roster shares: the header and footer, the cover page (map and
legend), households never split across pages (:mod:`~wardapp.rosters.layout`), the category
fills, 外字 through the document's collector, the category line under every page — and the
values themselves: a column shows a field of :class:`~wardapp.rosters.content.RosterContent`,
nothing else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from wardapp.reports.document import ReportDocument
from wardapp.reports.fonts import FontChoice
from wardapp.rosters.consent import NOT_REGISTERED
from wardapp.rosters.content import RosterContent, RosterHousehold, RosterPerson, category_marks, sort_households
from wardapp.rosters.cover import NO_POINT_MARK, category_line, cover, document_info
from wardapp.rosters.layout import Cell, Column, Group, NameCell, PagedTable, binary_streams
from wardapp.rosters.layout_files import LayoutColumn, RosterLayout
from wardapp.rosters.mapdraw import MapLayers

BOX = "□"
#: 名簿 column: how a person stands in the 避難行動要支援者名簿.
STATUS_SHORT = {NOT_REGISTERED: "—"}
#: The note the category line gets when the 名簿 column is printed.
STATUS_NOTE = "名簿=避難行動要支援者名簿の登録と同意"


def number_label(h: RosterHousehold) -> str:
    return f"{h.number}{'' if h.has_point else NO_POINT_MARK}"


def _phones(h: RosterHousehold) -> str:
    return "\n".join(sorted({m.phone for m in h.members if m.phone}))


# Field → value.  ``(text, wrapped)``: a wrapped value goes through ``PagedTable.text`` (外字
# collected, wrapped to the column); the others are short values printed as they are (this is how
# the roster always printed them, and the default layouts must print the same PDF).
_HOUSEHOLD: dict[str, Callable[[RosterHousehold], tuple[str, bool]]] = {
    "no": lambda h: (number_label(h), False),
    "household_no": lambda h: (h.household_no, True),
    "address": lambda h: (h.address, True),
    "building": lambda h: (h.building, True),
    "address_building": lambda h: ("\n".join(p for p in (h.address, h.building) if p), True),
    "address_block": lambda h: ("\n".join(p for p in (h.address, h.building,
                                                      f"世帯番号 {h.household_no}　スコア {h.score}") if p), True),
    "town": lambda h: (h.town_name, True),
    "household_score": lambda h: (str(h.score), False),
    "categories": lambda h: (category_marks(h.categories), True),
    "phone": lambda h: (_phones(h), True),
    "box": lambda h: (BOX, False),
    "blank": lambda h: ("", False),
}
_PERSON: dict[str, Callable[[RosterPerson], tuple[str, bool]]] = {
    "kana": lambda m: (m.kana, True),
    "birth": lambda m: (m.birth_label, False),
    "age": lambda m: (f"{m.age}歳", False),
    "age_sex": lambda m: (f"{m.age}歳\n{m.sex}", False),
    "sex": lambda m: (m.sex, False),
    "relationship": lambda m: (m.relationship, True),
    "person_score": lambda m: (str(m.score), False),
    "categories": lambda m: (m.marks, True),
    "roster_status": lambda m: (STATUS_SHORT.get(m.roster_status, m.roster_status), False),
    "phone": lambda m: (m.phone or "", True),
    "box": lambda m: (BOX, False),
    "blank": lambda m: ("", False),
}


def table_columns(layout: RosterLayout, mode: str) -> list[tuple[LayoutColumn, Column]]:
    """The layout's columns printed in ``mode`` as the page-table's columns."""
    return [(c, Column(c.header, width, c.align, household=c.household, size=c.size, bold=c.bold))
            for c, width in layout.columns_for(mode)]


def household_group(table: PagedTable, cols: Sequence[LayoutColumn], h: RosterHousehold, where: str) -> Group:
    """One household's rows: household columns once, a row per member with its category fill."""
    w = f"{where}No.{h.number}".strip()

    def cell(c: int, value: tuple[str, bool]) -> str:
        text, wrapped = value
        return table.text(c, text, w) if wrapped else text

    hh: dict[int, Cell] = {}
    for c, col in enumerate(cols):
        if col.household:
            # a person-only field cannot be household-level (layout_files refuses it)
            hh[c] = cell(c, _HOUSEHOLD[col.field](h))
    rows = []
    for m in h.members:
        row: dict[int, Cell] = {}
        for c, col in enumerate(cols):
            if col.household:
                continue
            if col.field == "name":
                name_w = table.columns[c].width - 2 * table.padding
                name = table.doc.gaiji.replace(m.name, f"{w} 氏名")
                kana = table.doc.gaiji.replace(m.kana, f"{w} カナ")
                size = col.size or table.size
                row[c] = NameCell(name, kana, name_w, table.font, size, col.kana_size or round(size * 0.58, 2))
            elif col.field in _PERSON:
                row[c] = cell(c, _PERSON[col.field](m))
            else:  # a household field on every member's row
                row[c] = cell(c, _HOUSEHOLD[col.field](h))
        rows.append(row)
    return table.group(hh, rows, [m.fill for m in h.members])


def team_line(doc: ReportDocument) -> list[Flowable]:
    """班名・確認者・確認日時: on every page, because sheets get separated in the field."""
    gap = "&#160;" * 3
    blank = "＿" * 9
    return [Paragraph(f"班名 {blank}{gap}確認者 {blank}{gap}確認日時　令和{gap}年{gap}月{gap}日{gap}時{gap}分",
                      doc.styles.make(11.5, leading=15)), Spacer(0, 1.5 * mm)]


def foot(doc: ReportDocument, cols: Sequence[LayoutColumn]) -> list[Flowable]:
    """Under every page: what the boxes mean (if any) and the category symbols."""
    note = STATUS_NOTE if any(c.field == "roster_status" for c in cols) else ""
    boxes = [c for c in cols if c.field == "box"]
    if not boxes:
        return category_line(doc, note)
    meaning = "　".join(f"{BOX}{c.header}＝{c.meaning}" if c.meaning else f"{BOX}{c.header}" for c in boxes)
    return [Spacer(0, 1 * mm), Paragraph(f"該当する{BOX}にレ印。{meaning}", doc.styles.make(8.5, leading=10.5)),
            *category_line(doc, note)]


def render_layout(content: RosterContent, layers: MapLayers, out: str | Path, layout: RosterLayout, *,
                  printed_by: str, printed_at: dt.datetime, font: FontChoice | None = None) -> ReportDocument:
    """Write the PDF of ``content`` as ``layout`` says (one section per 町字 / 避難所 when grouped).

    Returns the built document (``page_count``, ``gaiji.occurrences`` for the caller's report).
    """
    doc = ReportDocument(document_info(content, layout.title, printed_by=printed_by, printed_at=printed_at),
                         font=font, pagesize=layout.pagesize)
    pairs = table_columns(layout, content.mode.value)
    cols = [c for c, _ in pairs]
    story: list[Flowable] = []
    for section in content.sections:
        if content.grouped:
            story += doc.section(section.title)
        if layout.cover:
            story += cover(doc, content, layers, section)
            story.append(PageBreak())
        table = PagedTable(doc, [t for _, t in pairs], size=layout.font_size, padding=layout.padding,
                           header_size=layout.header_size, min_row=layout.min_row_mm * mm)
        where = f"{section.title} " if content.grouped else ""
        groups = [household_group(table, cols, h, where) for h in sort_households(section.households, layout.sort)]
        story += table.story(groups, first=doc.frame_height, full=doc.frame_height,
                             top=(lambda: team_line(doc)) if layout.team_line else None,
                             bottom=lambda: foot(doc, cols))
    with binary_streams():
        doc.build(story, out)
    return doc
