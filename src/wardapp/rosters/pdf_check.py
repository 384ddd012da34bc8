"""The safety-check sheet (安否確認チェックリスト) a field team carries from door to door.

The same households as the roster, in the same order and with the same numbers (so the map on
the first page guides the route), in large type, with a box per person for each outcome:

    □無事  □要支援  □不在  □避難所へ

and per household a column for a telephone number (written in: the registry holds none; a
number the ward's data does hold is printed) and one for notes.  Every page starts with lines
for the team (班名), who checked (確認者) and when (確認日時), because sheets get separated in the
field; every page ends with what the boxes mean and the category symbols.

A4 landscape; a household never splits across pages.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from wardapp.reports.document import ReportDocument
from wardapp.reports.fonts import FontChoice
from wardapp.rosters.content import RosterContent, RosterHousehold
from wardapp.rosters.cover import category_line, cover, document_info
from wardapp.rosters.layout import Column, Group, NameCell, PagedTable, binary_streams
from wardapp.rosters.mapdraw import MapLayers
from wardapp.rosters.pdf_roster import number_label

TITLE = "安否確認チェックリスト"
#: The outcomes a team ticks, and what each means (printed at the foot of every page).
OUTCOMES: tuple[tuple[str, str], ...] = (
    ("無事", "本人を確認、支援は不要"),
    ("要支援", "救助・医療・物資などが必要（内容をメモに）"),
    ("不在", "応答なし・会えない（再訪問）"),
    ("避難所へ", "避難所へ移動済み、または移動を支援"),
)
BOX = "□"
NAME_SIZE, KANA_SIZE = 12.5, 7.0


def columns() -> list[Column]:
    outcome_w = {"無事": 12, "要支援": 14, "不在": 12, "避難所へ": 16}
    return [
        Column("No.", 13 * mm, "center", household=True, size=14, bold=True),
        Column("住所・方書・世帯番号・世帯スコア", 58 * mm, household=True, size=8.5),
        Column("氏名", 42 * mm),
        Column("年齢・性別", 19 * mm, "center", size=10.5),
        Column("続柄", 14 * mm, size=10),
        Column("区分", 16 * mm, size=9),
        *[Column(o, outcome_w[o] * mm, "center", size=17) for o, _ in OUTCOMES],
        Column("電話（聞き取り）", 25 * mm, household=True, size=10),
        Column("メモ", 26 * mm, household=True, size=9),
    ]


def household_group(table: PagedTable, h: RosterHousehold, where: str) -> Group:
    w = f"{where}No.{h.number}".strip()
    parts = [h.address, h.building, f"世帯番号 {h.household_no}　スコア {h.score}"]
    phones = sorted({m.phone for m in h.members if m.phone})
    hh = {0: number_label(h), 1: table.text(1, "\n".join(p for p in parts if p), w),
          10: table.text(10, "\n".join(phones), w), 11: ""}
    name_w = table.columns[2].width - 2 * table.padding
    rows = []
    for m in h.members:
        name = table.doc.gaiji.replace(m.name, f"{w} 氏名")
        kana = table.doc.gaiji.replace(m.kana, f"{w} カナ")
        row = {2: NameCell(name, kana, name_w, table.font, NAME_SIZE, KANA_SIZE), 3: f"{m.age}歳\n{m.sex}",
               4: table.text(4, m.relationship, w), 5: table.text(5, m.marks, w)}
        for i in range(len(OUTCOMES)):
            row[6 + i] = BOX
        rows.append(row)
    return table.group(hh, rows, [m.fill for m in h.members])


def _team_line(doc: ReportDocument) -> list[Flowable]:
    gap = "&#160;" * 3
    blank = "＿" * 9
    return [Paragraph(f"班名 {blank}{gap}確認者 {blank}{gap}確認日時　令和{gap}年{gap}月{gap}日{gap}時{gap}分",
                      doc.styles.make(11.5, leading=15)), Spacer(0, 1.5 * mm)]


def _foot(doc: ReportDocument) -> list[Flowable]:
    meaning = "　".join(f"{BOX}{o}＝{text}" for o, text in OUTCOMES)
    return [Spacer(0, 1 * mm), Paragraph(f"該当する{BOX}にレ印。{meaning}", doc.styles.make(8.5, leading=10.5)),
            *category_line(doc)]


def render_check(content: RosterContent, layers: MapLayers, out: str | Path, *, printed_by: str,
                 printed_at: dt.datetime, font: FontChoice | None = None) -> ReportDocument:
    """Write the safety-check sheet PDF (one section per 町字 / 避難所 when grouped)."""
    doc = ReportDocument(document_info(content, TITLE, printed_by=printed_by, printed_at=printed_at), font=font,
                         pagesize=landscape(A4))
    story: list[Flowable] = []
    for section in content.sections:
        if content.grouped:
            story += doc.section(section.title)
        story += cover(doc, content, layers, section)
        story.append(PageBreak())
        table = PagedTable(doc, columns(), size=10, padding=2.5, header_size=8.5, min_row=10 * mm)
        where = f"{section.title} " if content.grouped else ""
        groups = [household_group(table, h, where) for h in section.households]
        story += table.story(groups, first=doc.frame_height, full=doc.frame_height,
                             top=lambda: _team_line(doc), bottom=lambda: _foot(doc))
    with binary_streams():
        doc.build(story, out)
    return doc
