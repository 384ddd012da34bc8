"""What every roster document shares: its header information and its first page (map and legend).

The first page of a roster (and of each section of a per-town / per-shelter roster) is the
vector map of the printed households (:mod:`wardapp.rosters.mapdraw`) beside a column that says
what the paper is: the area, how many households and persons, the consent mode with its legal
basis (and the reason, in a disaster), who was left out, how the scores were made, and the
legend — category colours *with* their symbol and letter, the marker colours of the score bands,
the flood depth colours and the map symbols — so that a black-and-white copy still reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, Table, TableStyle

from wardapp.geo.mapdata import NEUTRAL_COLOUR, band_colours
from wardapp.geo.mappage import DRAW_COLOUR
from wardapp.geo.selection import Area, TownsArea
from wardapp.palette import CARE_CATEGORIES
from wardapp.reports.document import DocumentInfo, ReportDocument
from wardapp.reports.tables import GRID
from wardapp.rosters.consent import LEGAL_BASIS, SECRECY, Mode
from wardapp.rosters.content import GROUP_LABELS, RosterContent, RosterSection
from wardapp.rosters.mapdraw import (
    TOWN_LINE,
    MapLayers,
    MapStyle,
    draw_map,
    facility_icon,
    flood_legend,
    number_marker,
)
from wardapp.rosters.shelters import BY_TOWN

#: Mark after the number of a household whose address has no point (no marker on the map).
NO_POINT_MARK: Final = "※"
RIGHT_COLUMN: Final = 84 * mm


def document_info(content: RosterContent, title: str, *, printed_by: str, printed_at: dt.datetime) -> DocumentInfo:
    """Header and footer of every page: title with the mode, the area, 基準日, profile, who/when."""
    scope = content.area_caption
    if content.group_by:
        scope += f"（{GROUP_LABELS[content.group_by]}）"
    if content.min_score is not None:
        scope += f"　世帯スコア{content.min_score}点以上"
    return DocumentInfo(title=f"{title}【{content.mode.short_ja}】", printed_by=printed_by, printed_at=printed_at,
                        personal_data=True, scope=scope, reference_date=content.on,
                        profile_version=content.profile_label or "（援護度未計算）",
                        subject=f"{title} {content.area_caption}")


def _swatch_table(rows: Sequence[tuple[str | None, Flowable | str, Flowable]], width: float, font: str,
                  swatch: float = 9 * mm) -> Table:
    data = [[mark, text] for _, mark, text in rows]
    t = Table(data, colWidths=[swatch, width - swatch])
    cmds: list[tuple[object, ...]] = [("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 7.5),
                                      ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (0, -1), "CENTER"),
                                      ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                                      ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
    for i, (fill, _, _) in enumerate(rows):
        if fill:
            cmds += [("BACKGROUND", (0, i), (0, i), colors.HexColor(fill)), ("BOX", (0, i), (0, i), 0.5, GRID)]
    t.setStyle(TableStyle(cmds))
    return t


class _Icon(Flowable):
    """A small drawing (marker, shelter icon, dashed line) for a legend row."""

    def __init__(self, kind: str, arg: str, font: str) -> None:
        super().__init__()
        self.kind, self.arg, self.font = kind, arg, font
        self.width, self.height = 8 * mm, 4.2 * mm

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        from reportlab.graphics import renderPDF
        from reportlab.graphics.shapes import Drawing, Line

        d = Drawing(self.width, self.height, initialFontName=self.font)
        x, y = self.width / 2, self.height / 2
        if self.kind == "marker":
            d.add(number_marker(x, y, "12", self.arg, self.font, 7))
        elif self.kind == "facility":
            d.add(facility_icon(x, y, self.arg, self.font, 9))
        elif self.kind == "town":
            d.add(Line(1, y, self.width - 1, y, strokeColor=colors.HexColor(TOWN_LINE), strokeWidth=0.6))
        else:
            d.add(Line(1, y, self.width - 1, y, strokeColor=colors.HexColor(DRAW_COLOUR), strokeWidth=1.6,
                       strokeDashArray=[5, 2.5]))
        renderPDF.draw(d, self.canv, 0, 0)


def legend(doc: ReportDocument, content: RosterContent, layers: MapLayers, width: float) -> list[Flowable]:
    """The legend: categories (colour, symbol, letter), marker colours, flood depths, map symbols."""
    st = doc.styles
    small = st.make(7.5, leading=9.5)
    head = st.make(8.5, bold=True, space_before=1.5 * mm, space_after=0.6 * mm)
    out: list[Flowable] = [Paragraph("凡例", st.make(10, bold=True))]
    out.append(Paragraph("区分（行の背景色と記号・文字。白黒でも記号で分かります）", head))
    out.append(_swatch_table([(c.fill, c.mark, Paragraph(f"{c.name}　{c.description}", small)) for c in CARE_CATEGORIES],
                             width, doc.font.name))
    out.append(Paragraph("地図の番号（名簿の No. と同じ。色は世帯スコアの帯）", head))
    names, mins = content.band_names, content.band_minimums
    ramp = band_colours(len(names))
    rows: list[tuple[str | None, Flowable | str, Flowable]] = []
    for i in reversed(range(len(names))):
        hi = f"〜{mins[i + 1] - 1}点" if i + 1 < len(mins) else "点以上"
        rng = f"{mins[i]}{hi}" if i < len(mins) else ""
        rows.append((None, _Icon("marker", ramp[i], doc.font.bold_name), Paragraph(f"{names[i]}（{rng}）", small)))
    if not names:
        rows.append((None, _Icon("marker", NEUTRAL_COLOUR, doc.font.bold_name), Paragraph("援護度未計算", small)))
    rows.append((None, "3,7", Paragraph("同じ地点の世帯（「3他5」は3番ほか5世帯）", small)))
    rows.append((None, NO_POINT_MARK, Paragraph("住所の位置が分からない世帯（地図に番号なし）", small)))
    out.append(_swatch_table(rows, width, doc.font.bold_name))
    fl = flood_legend(layers)
    if fl:
        out.append(Paragraph("洪水浸水想定区域（想定される浸水深）", head))
        out.append(_swatch_table([(c, "", Paragraph(label, small)) for c, label in fl], width, doc.font.name))
    out.append(Paragraph("記号", head))
    out.append(_swatch_table([(None, _Icon("facility", "指定避難所", doc.font.bold_name), Paragraph("指定避難所", small)),
                              (None, _Icon("line", "", doc.font.name), Paragraph("選んだ範囲", small)),
                              (None, _Icon("town", "", doc.font.name), Paragraph("町丁目の境界", small))],
                             width, doc.font.name))
    return out


def summary(doc: ReportDocument, content: RosterContent, section: RosterSection | None) -> list[Flowable]:
    """Who is on this paper and why (the column beside the map)."""
    st = doc.styles
    body = st.make(8.5, leading=11)
    small = st.make(7.5, leading=9.5)
    out: list[Flowable] = []
    hs = section.households if section is not None and content.grouped else content.households
    placed = sum(1 for h in hs if h.has_point)
    persons = sum(len(h.members) for h in hs)
    if section is not None and content.grouped:
        out.append(doc.para(section.title, st.make(13, bold=True), "地図 区分名"))
        if section.subtitle:
            out.append(doc.para(section.subtitle, body, "地図 区分の説明"))
        via_town = sum(1 for h in hs if h.shelter is not None and h.shelter.how == BY_TOWN)
        if via_town:
            out.append(Paragraph(f"うち{via_town}世帯は住所の位置が分からず、町字の代表点から割り当てています。", small))
    out.append(doc.para(f"範囲: {content.area_caption}", body, "地図 範囲"))
    line = f"掲載 {len(hs):,}世帯・{persons:,}人"
    if len(hs) - placed:
        line += f"（うち{len(hs) - placed}世帯は位置不明で地図に番号なし {NO_POINT_MARK}）"
    out.append(Paragraph(line, st.make(9.5, bold=True, leading=12)))
    if content.grouped:
        out.append(Paragraph(f"名簿全体 {len(content.households):,}世帯・{content.persons:,}人、"
                             f"{len(content.sections)}区分（{GROUP_LABELS[content.group_by or 'town']}）", body))
    colour = "#B00020" if content.mode is Mode.DISASTER else "#000000"
    out.append(Paragraph(content.mode.label_ja, st.make(9, bold=True, color=colour, space_before=1.2 * mm)))
    out.append(Paragraph(LEGAL_BASIS[content.mode], small))
    if content.reason:
        out.append(doc.para(f"出力の理由: {content.reason}", st.make(8.5, bold=True, leading=11), "地図 理由"))
    if content.left_out.persons:
        out.append(Paragraph(f"載っていない方: {content.left_out.summary_ja()}", body))
    if content.min_score is not None:
        out.append(Paragraph(f"世帯スコアが{content.min_score}点以上の世帯だけを載せています。", body))
    if content.score_caption:
        out.append(doc.para(content.score_caption, small, "地図 援護度"))
    for n in content.notes:
        out.append(doc.para(f"・{n}", small, "地図 注意"))
    out.append(Paragraph(SECRECY, st.make(7.5, leading=9.5, color="#B00020", space_before=1.2 * mm)))
    out.append(Spacer(0, 1.5 * mm))
    return out


def cover(doc: ReportDocument, content: RosterContent, layers: MapLayers,
          section: RosterSection | None = None) -> list[Flowable]:
    """The first page of the document or of a section: map on the left, summary and legend on the right."""
    hs = section.households if section is not None and content.grouped else content.households
    markers = content.markers(hs)
    by_number = {h.number: h.band for h in hs}
    bands = {m.numbers[0]: by_number.get(m.numbers[0], -1) for m in markers}
    shelter = section.shelter if section is not None else None
    map_w = doc.frame_width - RIGHT_COLUMN - 4 * mm
    map_h = doc.frame_height - 2 * mm
    area: Area | None = content.selection.area
    if section is not None and content.group_by == "town":
        area = TownsArea((section.town_id,)) if section.town_id is not None else None
    drawing = draw_map(layers, markers, bands, area=area, width=map_w, height=map_h,
                       style=MapStyle(doc.font.name, doc.font.bold_name, content.band_names), gaiji=doc.gaiji,
                       extra_points=[(shelter.lat, shelter.lon)] if shelter is not None else (),
                       highlight_shelter=shelter.id if shelter is not None else None)
    right = summary(doc, content, section) + legend(doc, content, layers, RIGHT_COLUMN - 2 * mm)
    column = KeepInFrame(RIGHT_COLUMN, map_h, right, mode="shrink")
    t = Table([[drawing, column]], colWidths=[map_w + 4 * mm, RIGHT_COLUMN], rowHeights=[map_h])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 0), ("FONTNAME", (0, 0), (-1, -1), doc.font.name)]))
    return [t]


def category_line(doc: ReportDocument, extra: str = "") -> list[Flowable]:
    """One line under every roster page: the category symbols in words (for black-and-white copies)."""
    chips = "　".join(f"{c.mark}={c.name}" for c in CARE_CATEGORIES)
    text = f"区分: {chips}　{NO_POINT_MARK}=位置不明（地図に番号なし）" + (f"　{extra}" if extra else "")
    return [Spacer(0, 1.2 * mm), Paragraph(text, doc.styles.make(7.5, leading=9))]
