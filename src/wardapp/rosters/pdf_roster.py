"""The area roster (地域名簿): Sayama's columns, by household, most in need first.

A4 landscape.  The first page (of the document, or of each section of a per-town / per-shelter
roster) is the map with the legend (:mod:`wardapp.rosters.cover`); then the list:

| No. | 世帯番号 | 氏名 (カナ) | 生年月日（年齢） | 性別 | 続柄 | 住所 | 方書 | 個人スコア | 世帯スコア | 区分 | (名簿) |

* No., 世帯番号, 住所, 方書 and 世帯スコア are printed once per household (spanning its rows);
  the 世帯主 is the first row.  The numbers are the selection's, i.e. the map's; a household
  without a point is marked 「※」 (no marker on the map).
* Each person's cells take the background colour of their most urgent category
  (:func:`wardapp.palette.row_fill`) and the 区分 column spells the categories with symbol and
  letter (「▲高 ■障」), so a black-and-white copy reads the same.
* In 災害時 the column 名簿 says whether the person is on the 避難行動要支援者名簿 and their
  answer (同意 / 不同意 / 未回答, 「—」 when not registered).  In 平常時 everyone printed has
  consented, so the column is left out.
* A household is never split across pages (:mod:`wardapp.rosters.layout`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from wardapp.reports.document import ReportDocument
from wardapp.reports.fonts import FontChoice
from wardapp.rosters.consent import NOT_REGISTERED, Mode
from wardapp.rosters.content import RosterContent, RosterHousehold
from wardapp.rosters.cover import NO_POINT_MARK, category_line, cover, document_info
from wardapp.rosters.layout import Column, Group, NameCell, PagedTable, binary_streams
from wardapp.rosters.mapdraw import MapLayers

TITLE = "地域名簿"
#: 名簿 column: how a person stands in the 避難行動要支援者名簿.
STATUS_SHORT = {NOT_REGISTERED: "—"}

NAME_SIZE, KANA_SIZE = 9.5, 5.5


def columns(mode: Mode) -> list[Column]:
    """The roster's columns (widths for A4 landscape, 267 mm between the margins)."""
    status = mode is Mode.DISASTER
    return [
        Column("No.", 12 * mm, "center", household=True, size=11, bold=True),
        Column("世帯番号", 20 * mm, household=True, size=7.5),
        Column("氏名", 40 * mm),
        Column("生年月日（年齢）", 30 * mm, size=8),
        Column("性別", 8 * mm, "center"),
        Column("続柄", 14 * mm),
        Column("住所", (58 if status else 70) * mm, household=True, size=8),
        Column("方書", 26 * mm, household=True, size=8),
        Column("個人\nスコア", 11 * mm, "right"),
        Column("世帯\nスコア", 11 * mm, "right", household=True, bold=True),
        Column("区分", 25 * mm, size=8),
        *([Column("名簿", 12 * mm, "center", size=7.5)] if status else []),
    ]


def number_label(h: RosterHousehold) -> str:
    return f"{h.number}{'' if h.has_point else NO_POINT_MARK}"


def household_group(table: PagedTable, h: RosterHousehold, mode: Mode, where: str) -> Group:
    """One household's rows (household cells once, members with their fills)."""
    w = f"{where}No.{h.number}".strip()
    name_w = table.columns[2].width - 2 * table.padding
    hh = {0: number_label(h), 1: table.text(1, h.household_no, w), 6: table.text(6, h.address, w),
          7: table.text(7, h.building, w), 9: str(h.score)}
    rows = []
    for m in h.members:
        name = table.doc.gaiji.replace(m.name, f"{w} 氏名")
        kana = table.doc.gaiji.replace(m.kana, f"{w} カナ")
        row = {2: NameCell(name, kana, name_w, table.font, NAME_SIZE, KANA_SIZE), 3: m.birth_label, 4: m.sex,
               5: table.text(5, m.relationship, w), 8: str(m.score), 10: table.text(10, m.marks, w)}
        if mode is Mode.DISASTER:
            row[11] = STATUS_SHORT.get(m.roster_status, m.roster_status)
        rows.append(row)
    return table.group(hh, rows, [m.fill for m in h.members])


def render_roster(content: RosterContent, layers: MapLayers, out: str | Path, *, printed_by: str,
                  printed_at: dt.datetime, font: FontChoice | None = None) -> ReportDocument:
    """Write the roster PDF (one section per 町字 / 避難所 when the content is grouped).

    Returns the built document (``page_count``, ``gaiji.occurrences`` for the caller's report).
    """
    doc = ReportDocument(document_info(content, TITLE, printed_by=printed_by, printed_at=printed_at), font=font,
                         pagesize=landscape(A4))
    story: list[Flowable] = []
    for section in content.sections:
        if content.grouped:
            story += doc.section(section.title)
        story += cover(doc, content, layers, section)
        story.append(PageBreak())
        table = PagedTable(doc, columns(content.mode), size=8.5, padding=2)
        where = f"{section.title} " if content.grouped else ""
        groups = [household_group(table, h, content.mode, where) for h in section.households]
        story += table.story(groups, first=doc.frame_height, full=doc.frame_height,
                             bottom=lambda: category_line(doc, "名簿=避難行動要支援者名簿の登録と同意"
                                                          if content.mode is Mode.DISASTER else ""))
    with binary_streams():
        doc.build(story, out)
    return doc
