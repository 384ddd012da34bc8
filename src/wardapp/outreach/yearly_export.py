"""The yearly outreach report as a file: XLSX (openpyxl) and an A4 PDF with the app's charts.

* XLSX: sheets 概要, 月別, 会場別, 町別, 経年比較; numbers are numbers (rates as percentages with a
  number format), text through :func:`wardapp.exports.set_xlsx_text` (a cell starting with ``=``
  stays text), column widths set, the definitions and the counting rule in the sheets.
* PDF: the same tables and the charts the 集計 page shows (monthly 対面/オンライン bars, 年代,
  端末, the earlier years), drawn with ``reportlab.graphics`` in the document's embedded Japanese
  font (:class:`wardapp.reports.document.ReportDocument`).  The report holds aggregate figures
  only, so the document is not marked 取扱注意（個人情報）.

:func:`export_report` picks the format from the file's extension.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from pathlib import Path

from wardapp.errors import UsageError
from wardapp.outreach.yearly import (
    NOT_MEASURED,
    YearReport,
    format_value,
)

#: Series colours shared by the PDF and the 集計 page (colour-blind-safe pair + neutrals).
COLORS: dict[str, str] = {"対面": "#1F77B4", "オンライン": "#E07B00", "bars": "#4C8C4A", "years": "#7A5195",
                          "this_year": "#C0392B"}
EXTENSIONS = (".xlsx", ".pdf")
TITLE = "スマホ教室・ICTアドバイザー派遣の実績"


def title_of(report: YearReport) -> str:
    return f"{TITLE}（{report.label}）"


def export_report(report: YearReport, out: str | Path, *, exported_by: str,
                  exported_at: dt.datetime | None = None) -> Path:
    """Write ``out`` as XLSX or PDF by its extension; anything else is a usage error."""
    path = Path(out)
    ext = path.suffix.lower()
    if ext == ".xlsx":
        return write_xlsx(report, path, exported_by=exported_by, exported_at=exported_at)
    if ext == ".pdf":
        return write_pdf(report, path, printed_by=exported_by, printed_at=exported_at)
    raise UsageError(f"書き出すファイルは .xlsx か .pdf にしてください（{path.name}）。")


# --- tables shared by XLSX and PDF --------------------------------------------------------------

MONTH_HEADER = ("月", "教室 対面", "教室 オンライン", "教室 ハイブリッド", "派遣", "対面 計", "オンライン 計",
                "延べ受講者数", "派遣先の参加者数")
PLACE_HEADER = ("教室の回数", "実受講者数", "延べ受講者数", "派遣の回数", "派遣先の参加者数")
GRANT_HEADER = ("目的", "申請件数", "申請額（円）", "交付決定件数", "交付決定額（円）")


def month_rows(report: YearReport) -> list[list[object]]:
    rows: list[list[object]] = []
    for m in report.months:
        rows.append([m.month, m.sessions.get("対面", 0), m.sessions.get("オンライン", 0),
                     m.sessions.get("ハイブリッド", 0), m.visits, m.in_person, m.online, m.attendances,
                     m.visit_attendees])
    total: list[object] = ["計"]
    for c in range(1, len(MONTH_HEADER)):
        total.append(sum(int(r[c]) for r in rows))  # type: ignore[call-overload]
    return [*rows, total]


def place_rows(rows: Sequence[object]) -> list[list[object]]:
    return [[p.name, p.sessions, p.participants, p.attendances, p.visits, p.visit_attendees]  # type: ignore[attr-defined]
            for p in rows]


# --- XLSX ---------------------------------------------------------------------------------------

def write_xlsx(report: YearReport, out: str | Path, *, exported_by: str,
               exported_at: dt.datetime | None = None) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from wardapp.exports import set_xlsx_text

    at = exported_at or dt.datetime.now()
    bold = Font(bold=True)
    grey = PatternFill("solid", fgColor="E4E4E4")
    wrap = Alignment(wrap_text=True, vertical="top")

    def put(ws: object, row: int, col: int, value: object, *, unit: str = "", header: bool = False) -> None:
        cell = ws.cell(row=row, column=col)  # type: ignore[attr-defined]
        if isinstance(value, str):
            set_xlsx_text(cell, value)
        else:
            cell.value = value
            if unit == "%" and value is not None:
                cell.number_format = "0.0%"
            elif isinstance(value, int | float):
                cell.number_format = "#,##0"
        if header:
            cell.font = bold
            cell.fill = grey
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def table(ws: object, top: int, header: Sequence[str], rows: Sequence[Sequence[object]],
              widths: Sequence[float]) -> int:
        for c, h in enumerate(header, start=1):
            put(ws, top, c, h, header=True)
            ws.column_dimensions[get_column_letter(c)].width = widths[c - 1]  # type: ignore[attr-defined]
        for r, row in enumerate(rows, start=top + 1):
            for c, v in enumerate(row, start=1):
                put(ws, r, c, v)
        return top + len(rows) + 1

    def notes(ws: object, top: int, items: Sequence[tuple[str, str]]) -> None:
        for i, (k, v) in enumerate(items, start=top):
            put(ws, i, 1, k)
            ws.cell(row=i, column=1).font = bold  # type: ignore[attr-defined]
            put(ws, i, 2, v)
            ws.cell(row=i, column=2).alignment = wrap  # type: ignore[attr-defined]

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "概要"
    put(ws, 1, 1, title_of(report))
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    put(ws, 2, 1, f"対象期間 {report.date_from.isoformat()}〜{report.date_to.isoformat()}　{report.headline}")
    put(ws, 3, 1, f"出力: {exported_by} {at:%Y-%m-%d %H:%M}")
    for c, h in enumerate(("項目", "値", "単位", "定義"), start=1):
        put(ws, 5, c, h, header=True)
    for r, f in enumerate(report.figures, start=6):
        put(ws, r, 1, f.label)
        put(ws, r, 2, f.value if f.value is not None else NOT_MEASURED, unit=f.unit)
        put(ws, r, 3, f.unit)
        put(ws, r, 4, f.definition)
        ws.cell(row=r, column=4).alignment = wrap
    last = 6 + len(report.figures)
    put(ws, last + 1, 1, "取組数の数え方")
    ws.cell(row=last + 1, column=1).font = bold
    put(ws, last + 1, 2, report.rules.sentence)
    for col, w in zip("ABCD", (34, 14, 8, 90), strict=True):
        ws.column_dimensions[col].width = w
    top = last + 3
    put(ws, top, 1, "年代別（実受講者）", header=True)
    put(ws, top, 2, "人数", header=True)
    for i, (k, v) in enumerate(report.age_bands.items(), start=top + 1):
        put(ws, i, 1, k)
        put(ws, i, 2, v)
    top += len(report.age_bands) + 2
    put(ws, top, 1, "端末（実受講者）", header=True)
    put(ws, top, 2, "人数", header=True)
    for i, (k, v) in enumerate(report.devices.items(), start=top + 1):
        put(ws, i, 1, k)
        put(ws, i, 2, v)
    top += len(report.devices) + 2
    put(ws, top, 1, "理解度（回答）", header=True)
    put(ws, top, 2, "人数", header=True)
    for i, lvl in enumerate(sorted(report.understanding, reverse=True), start=top + 1):
        put(ws, i, 1, str(lvl))
        put(ws, i, 2, report.understanding[lvl])
    top += len(report.understanding) + 2
    top = table(ws, top, GRANT_HEADER, [[g.purpose, g.applied_count, g.applied_amount, g.granted_count,
                                         g.granted_amount] for g in report.grants], (34, 14, 14, 14, 14))
    ws.column_dimensions["D"].width = 90
    notes(ws, top + 1, list(report.notes.items()))
    ws.freeze_panes = "A6"

    ws = wb.create_sheet("月別")
    end = table(ws, 1, MONTH_HEADER, month_rows(report), (8, 11, 14, 16, 8, 10, 13, 13, 16))
    ws.cell(row=end, column=1).font = bold
    notes(ws, end + 2, [("月別", report.notes["月別"])])
    ws.freeze_panes = "B2"

    for name, rows, note in (("会場別", report.venues, "会場別"), ("町別", report.towns, "町別")):
        ws = wb.create_sheet(name)
        end = table(ws, 1, ("会場" if name == "会場別" else "町字", *PLACE_HEADER), place_rows(rows),
                    (30, 12, 12, 13, 12, 16))
        notes(ws, end + 2, [(note, report.notes[note])])
        ws.freeze_panes = "B2"

    ws = wb.create_sheet("経年比較")
    comp = report.comparison
    put(ws, 1, 1, "指標", header=True)
    put(ws, 1, 2, "単位", header=True)
    for j, label in enumerate(comp.labels, start=3):
        put(ws, 1, j, label, header=True)
        ws.column_dimensions[get_column_letter(j)].width = 14
    ws.column_dimensions["A"].width = 44
    ws.column_dimensions["B"].width = 7
    for i, (ind, cells) in enumerate(comp.rows, start=2):
        put(ws, i, 1, ind.label)
        put(ws, i, 2, ind.unit)
        for j, cell in enumerate(cells, start=3):
            if cell.value is None:
                put(ws, i, j, NOT_MEASURED)
                ws.cell(row=i, column=j).alignment = Alignment(horizontal="center")
            elif cell.cumulative:  # plans print 「1,200名(累計)」: keep the mark with the number
                put(ws, i, j, cell.text(ind.unit))
                ws.cell(row=i, column=j).alignment = Alignment(horizontal="right")
            else:
                put(ws, i, j, cell.value, unit=ind.unit)
    end = len(comp.rows) + 3
    notes(ws, end, [("取組数の数え方", report.rules.sentence), ("経年比較", report.notes["経年比較"])])
    ws.freeze_panes = "C2"

    for sheet in wb.worksheets:
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.oddHeader.left.text = title_of(report)
        sheet.oddFooter.left.text = f"出力: {exported_by} {at:%Y-%m-%d %H:%M}"
        sheet.oddFooter.right.text = "&P / &N ページ"
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    wb.save(tmp)
    tmp.replace(path)
    return path


# --- PDF ----------------------------------------------------------------------------------------

def _bar_chart(font: str, categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]],
               width: float, height: float, title: str, *, value_labels: Sequence[Sequence[str]] | None = None,
               label_angle: int = 0) -> object:
    """A titled vertical bar chart (one bar per series and category) with a legend when >1 series."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    d = Drawing(width, height, initialFontName=font)  # else the page names Helvetica (not embedded)
    d.add(String(0, height - 11, title, fontName=font, fontSize=10))
    chart = VerticalBarChart()
    chart.x, chart.y = 34, 28 if not label_angle else 40
    chart.width = width - chart.x - 10
    chart.height = height - chart.y - (36 if len(series) > 1 else 22)
    chart.data = [list(v) for _, v in series]
    chart.categoryAxis.categoryNames = list(categories)
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7.5
    if label_angle:
        chart.categoryAxis.labels.angle = label_angle
        chart.categoryAxis.labels.boxAnchor = "ne"
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.valueMin = 0
    top = max((max(v) for _, v in series if v), default=0)
    # Counts: whole-number ticks (a 0.2 tick of people reads as nonsense).
    step = max(1, math.ceil(top / 5))
    chart.valueAxis.valueStep = step
    chart.valueAxis.valueMax = max(step, math.ceil(top * 1.15 / step) * step)
    chart.valueAxis.forceZero = True
    chart.groupSpacing = 4
    chart.barSpacing = 1
    for i, (name, _) in enumerate(series):
        chart.bars[i].fillColor = colors.HexColor(COLORS.get(name, COLORS["bars"]))
        chart.bars[i].strokeColor = None
    if value_labels is not None:
        chart.barLabelFormat = "values"
        chart.barLabels.fontName = font
        chart.barLabels.fontSize = 7
        chart.barLabels.nudge = 5
        chart.barLabelArray = [list(x) for x in value_labels]
    d.add(chart)
    if len(series) > 1:
        legend = Legend()
        legend.x, legend.y = width - 150, height - 6
        legend.fontName = font
        legend.fontSize = 8
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.dx = legend.dy = 7
        legend.deltax = 60
        legend.colorNamePairs = [(colors.HexColor(COLORS.get(n, COLORS["bars"])), n) for n, _ in series]
        d.add(legend)
    return d


def comparison_series(report: YearReport, key: str = "initiatives") -> tuple[list[str], list[float], list[str]]:
    """The earlier-years chart's bars: labels, values (0 where not measured) and value texts."""
    cells = dict((ind.key, cells) for ind, cells in report.comparison.rows)[key]
    unit = next(ind.unit for ind, _ in report.comparison.rows if ind.key == key)
    values = [float(c.value) if c.value is not None else 0.0 for c in cells]
    texts = [NOT_MEASURED if c.value is None else format_value(c.value, "") + ("累計" if c.cumulative else "")
             for c in cells]
    del unit
    return list(report.comparison.labels), values, texts


def write_pdf(report: YearReport, out: str | Path, *, printed_by: str,
              printed_at: dt.datetime | None = None) -> Path:
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

    from wardapp.reports.document import DocumentInfo, ReportDocument

    doc = ReportDocument(DocumentInfo(
        title_of(report), printed_by, printed_at or dt.datetime.now().replace(microsecond=0), personal_data=False,
        scope=f"対象期間 {report.date_from.isoformat()}〜{report.date_to.isoformat()}（集計値のみ）",
        subject="年度の実績報告"))
    st = doc.styles
    small = st.small
    fw = doc.frame_width
    font = doc.font.name
    story: list[Flowable] = []

    def heading(text: str, *first: Flowable) -> None:
        """A section heading kept on the page of what follows it (a chart, or the table's top)."""
        story.append(CondPageBreak(40 * mm))
        h = Paragraph(doc.markup(text), st.h2)
        story.append(KeepTogether([h, *first]) if first else h)

    def note(text: str) -> None:
        story.append(Spacer(0, 1.5 * mm))
        story.append(doc.para("※ " + text, small))

    story.append(Paragraph(doc.markup(f"{report.label}　{report.headline}"), st.h1))
    heading("概要")
    rows = [[f.label, f.text, doc.para(f.definition, small)] for f in report.figures]
    story.append(doc.table(("項目", "値", "定義"), rows, (0.30 * fw, 0.14 * fw, 0.56 * fw),
                           align=("left", "right", "left"), where="概要"))
    note(report.rules.sentence)

    months = [m.month for m in report.months]
    heading("月別の実施回数（対面・オンライン）",
            _bar_chart(font, months, [("対面", [m.in_person for m in report.months]),  # type: ignore[arg-type]
                                      ("オンライン", [m.online for m in report.months])],
                       fw, 62 * mm, "実施回数（回）"))
    note(report.notes["月別"])
    story.append(Spacer(0, 3 * mm))
    half = fw / 2 - 2 * mm
    ages = _bar_chart(font, list(report.age_bands), [("人数", list(report.age_bands.values()))], half, 55 * mm,
                      "年代別の実受講者数（名）", value_labels=[[str(v) for v in report.age_bands.values()]])
    devices = _bar_chart(font, list(report.devices), [("人数", list(report.devices.values()))], half, 55 * mm,
                         "端末別の実受講者数（名）", value_labels=[[str(v) for v in report.devices.values()]])
    pair = Table([[ages, devices]], colWidths=[fw / 2, fw / 2])
    pair.setStyle([("FONTNAME", (0, 0), (-1, -1), font)])  # else the page names Helvetica (not embedded)
    story.append(pair)
    note(report.notes["年代・端末"])

    labels, values, texts = comparison_series(report)
    heading("経年比較", _bar_chart(font, labels, [("取組数", values)], fw, 55 * mm,  # type: ignore[arg-type]
                                  "情報格差是正に向けた取組数（件）", value_labels=[texts]))
    c = report.comparison
    n = len(c.labels)
    first = 0.30 * fw
    rest = (fw - first) / n
    comp_rows = [[ind.label, *(cell.text(ind.unit) for cell in cells)] for ind, cells in c.rows]
    story.append(doc.table(("指標", *c.labels), comp_rows, (first, *([rest] * n)),
                           align=("left", *(["right"] * n)), where="経年比較",
                           style=doc.styles.make(8 if n > 5 else 9, leading=10.5)))
    note(report.rules.sentence)
    note(report.notes["経年比較"])

    heading("月別")
    story.append(doc.table(MONTH_HEADER, [[str(v) for v in r] for r in month_rows(report)],
                           (0.08 * fw, *([0.115 * fw] * 8)), align=("left", *(["right"] * 8)), where="月別"))

    heading("助成")
    story.append(doc.table(GRANT_HEADER, [[g.purpose, f"{g.applied_count:,}", f"{g.applied_amount:,}",
                                           f"{g.granted_count:,}", f"{g.granted_amount:,}"] for g in report.grants],
                           (0.28 * fw, *([0.18 * fw] * 4)), align=("left", *(["right"] * 4)), where="助成"))
    note(report.figure("grants_applied").definition + report.figure("grants_granted").definition)

    for title, rows_, key in (("会場別", report.venues, "会場別"), ("町別", report.towns, "町別")):
        heading(title)
        data = [[str(x) if not isinstance(x, int) else f"{x:,}" for x in r] for r in place_rows(rows_)]
        if not data:
            story.append(doc.para("実施した回・派遣はありません。", st.body))
        else:
            story.append(doc.table(("会場" if key == "会場別" else "町字", *PLACE_HEADER), data,
                                   (0.30 * fw, *([0.14 * fw] * 5)), align=("left", *(["right"] * 5)), where=title))
        note(report.notes[key])

    heading("注記")
    for k, v in report.notes.items():
        story.append(doc.para(f"{k}: {v}", small))
    return doc.build(story, out)
