"""The A4 document every print is built on: header, footer, page x / y, sections, 外字一覧.

architecture.md ("Printing"): every personal-data print carries 取扱注意（個人情報）, who printed
it and when, and page x / y.  One builder does that for all documents (rosters, sign-in sheets,
visit documents), so no document can forget it:

* header band (optional): the title, a line with the scope (area, session, venue …), 基準日 and
  the scoring-profile version, and — when the document holds personal data — a boxed
  「取扱注意（個人情報）」 on the right;
* footer (optional): 「印刷: {user} {YYYY-MM-DD HH:MM}」 on the left, 「{x} / {y} ページ」 on the
  right.  The total is known because pages are kept until the end and decorated at save time
  (the "numbered canvas" technique), so it is always right, even for a 300-page roster;
* sections (:meth:`ReportDocument.section`): each starts on a new page and restarts the page
  numbering (a roster prints one section per area; each can be handed out on its own).  The
  footer then also shows the running number 「通し n / N」;
* 外字: text goes through :meth:`ReportDocument.markup` / :meth:`~ReportDocument.para`, which
  put 〓 for every character the font cannot print and collect it; :meth:`~ReportDocument.build`
  appends a closing 「外字一覧」 page listing them (:mod:`wardapp.reports.gaiji`).

The module is headless (no Qt): the GUI previews the PDF it writes.  Writing the audit-log
entry for a personal-data print is the caller's job (the service that gathered the data knows
what was printed and for whom).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepInFrame,
    PageBreakIfNotEmpty,
    PageTemplate,
    Paragraph,
    Spacer,
)

from wardapp.reports.fonts import FontChoice, japanese_font
from wardapp.reports.gaiji import GaijiCollector
from wardapp.reports.tables import GroupedTable, table_style
from wardapp.wareki import to_wareki

#: The fixed words (tests and the docs refer to them).
HANDLE_WITH_CARE = "取扱注意（個人情報）"
GAIJI_LIST_TITLE = "外字一覧"
CAUTION_RED = colors.HexColor("#B00020")
RULE_GREY = colors.HexColor("#777777")


_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


def printed_line(printed_by: str, printed_at: dt.datetime) -> str:
    return f"印刷: {printed_by} {printed_at:%Y-%m-%d %H:%M}"


def page_label(number: int, total: int) -> str:
    return f"{number} / {total} ページ"


def date_label(d: dt.date) -> str:
    """``令和7年6月1日（2025-06-01）``: 和暦 as staff say it, 西暦 to avoid any doubt."""
    return f"{to_wareki(d)}（{d.isoformat()}）"


@dataclass(frozen=True)
class DocumentInfo:
    """What the header and footer say about a document."""

    title: str
    printed_by: str
    printed_at: dt.datetime
    #: True when the document shows anything about identifiable people (names, addresses …).
    personal_data: bool = True
    #: Area / selection / session line under the title.
    scope: str | None = None
    #: 基準日 of the data (ages, welfare attributes and scores are as of this day).
    reference_date: dt.date | None = None
    #: e.g. ``標準プロファイル v3`` — which scoring rules produced the scores printed.
    profile_version: str | None = None
    #: PDF metadata only.
    subject: str = ""


@dataclass(frozen=True)
class Margins:
    left: float = 15 * mm
    right: float = 15 * mm
    top: float = 12 * mm
    bottom: float = 12 * mm
    #: Height reserved below ``top`` for the header band / above ``bottom`` for the footer.
    header: float = 17 * mm
    footer: float = 9 * mm


@dataclass
class PageInfo:
    """What the decoration of one page needs to know (filled in at save time)."""

    number: int
    total: int
    section: str | None = None
    section_number: int = 0
    section_total: int = 0


class ReportStyles:
    """Paragraph styles in the document's font; every one wraps Japanese text (``CJK``)."""

    def __init__(self, font: FontChoice, scale: float = 1.0) -> None:
        self.font = font
        #: Every size made here is multiplied by ``scale`` (see :meth:`ReportDocument.fit_page`).
        self.scale = scale
        self.body = self.make(10.5)
        self.small = self.make(8.5, leading=11)
        self.h1 = self.make(16, bold=True, space_after=4 * mm)
        self.h2 = self.make(13, bold=True, space_before=3 * mm, space_after=2 * mm)
        self.cell = self.make(9.5, leading=12)
        self.cell_header = self.make(9.5, bold=True, leading=12)

    def make(self, size: float, *, bold: bool = False, leading: float | None = None,
             align: Literal["left", "center", "right"] = "left", color: str | None = None,
             space_before: float = 0, space_after: float = 0) -> ParagraphStyle:
        k = self.scale
        return ParagraphStyle(
            f"ward-{size}-{int(bold)}-{align}",
            fontName=self.font.bold_name if bold else self.font.name,
            fontSize=size * k,
            leading=(leading if leading is not None else round(size * 1.35, 1)) * k,
            alignment=_ALIGN[align],
            textColor=colors.HexColor(color) if color else colors.black,
            wordWrap="CJK",
            spaceBefore=space_before * k,
            spaceAfter=space_after * k,
        )


class SectionStart(Flowable):
    """Zero-size marker: the page it is drawn on starts a new section (numbering restarts)."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        begin = getattr(self.canv, "begin_section", None)
        if begin is not None:
            begin(self.title)


Decorator = Callable[[Canvas, PageInfo], None]


class _DecoratedCanvas(Canvas):
    """Keeps every page until ``save`` so headers and footers can say 「x / y」."""

    def __init__(self, *args: Any, decorate: Decorator, stats: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._ward_decorate = decorate
        self._ward_stats = stats
        self._ward_states: list[dict[str, Any]] = []
        self._ward_page_sections: list[tuple[int, str] | None] = []
        self._ward_section: tuple[int, str] | None = None
        self._ward_section_count = 0

    def begin_section(self, title: str) -> None:
        self._ward_section_count += 1
        self._ward_section = (self._ward_section_count, title)

    def showPage(self) -> None:
        self._ward_page_sections.append(self._ward_section)
        self._ward_states.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        states, sections = self._ward_states, self._ward_page_sections
        decorate, stats = self._ward_decorate, self._ward_stats
        total = len(states)
        per_section: dict[int, int] = {}
        for s in sections:
            if s is not None:
                per_section[s[0]] = per_section.get(s[0], 0) + 1
        seen: dict[int, int] = {}
        for i, (state, sec) in enumerate(zip(states, sections, strict=True), start=1):
            self.__dict__.update(state)
            info = PageInfo(number=i, total=total)
            if sec is not None:
                seen[sec[0]] = seen.get(sec[0], 0) + 1
                info.section, info.section_number, info.section_total = sec[1], seen[sec[0]], per_section[sec[0]]
            decorate(self, info)
            Canvas.showPage(self)
        stats["pages"] = total
        Canvas.save(self)


def _stacked_height(items: Sequence[Flowable], width: float, height: float) -> float:
    """Height of flowables stacked in a frame (the first one's space before is dropped, as a frame does)."""
    total = 0.0
    for i, f in enumerate(items):
        _, h = f.wrap(width, height)
        total += h + f.getSpaceAfter() + (f.getSpaceBefore() if i else 0)
    return total


def _fit(text: str, font: str, size: float, width: float, minimum: float = 6.0) -> tuple[str, float]:
    """Shrink ``size`` until ``text`` fits ``width``; below ``minimum`` cut it with ``…``."""
    while size > minimum and stringWidth(text, font, size) > width:
        size -= 0.5
    if stringWidth(text, font, size) > width:
        while text and stringWidth(text + "…", font, size) > width:
            text = text[:-1]
        text += "…"
    return text, size


class ReportDocument:
    """An A4 document: build a story of flowables with its helpers, then :meth:`build` it.

    ``header=False`` leaves out the header band (documents with their own large heading);
    ``footer=False`` leaves out the footer too (a public poster: no staff name, no page count).
    A document with ``personal_data`` must keep both.
    """

    def __init__(self, info: DocumentInfo, *, font: FontChoice | None = None,
                 margins: Margins | None = None, header: bool = True, footer: bool = True,
                 pagesize: tuple[float, float] = A4) -> None:
        if info.personal_data and not (header and footer):
            raise ValueError("個人情報を含む帳票には見出しとページ番号・印刷者の欄が必要です")
        self.info = info
        self.font = font or japanese_font()
        self.margins = margins or Margins()
        self.header, self.footer = header, footer
        self.pagesize = pagesize
        self.styles = ReportStyles(self.font)
        self.gaiji = GaijiCollector(None if self.font.is_cid else self.font.has_char)
        self.page_count = 0
        self._sections = 0
        self._title = self.gaiji.replace(info.title, "見出し（表題）")
        parts = []
        if info.scope:
            parts.append(self.gaiji.replace(info.scope, "見出し（対象）"))
        if info.reference_date:
            parts.append(f"基準日 {date_label(info.reference_date)}")
        if info.profile_version:
            parts.append(f"援護度プロファイル {self.gaiji.replace(info.profile_version, '見出し（プロファイル）')}")
        self._subline = "　".join(parts)

    # ------------------------------------------------------------------ geometry
    @property
    def frame_width(self) -> float:
        return self.pagesize[0] - self.margins.left - self.margins.right

    @property
    def frame_height(self) -> float:
        m = self.margins
        return (self.pagesize[1] - m.top - m.bottom - (m.header if self.header else 0)
                - (m.footer if self.footer else 0))

    # ------------------------------------------------------------------ text
    def markup(self, text: object, where: str = "") -> str:
        """Escaped Paragraph text with 外字 replaced (and listed under ``where``)."""
        return self.gaiji.markup(text, where)

    def para(self, text: object, style: ParagraphStyle | None = None, where: str = "") -> Paragraph:
        """A paragraph of *data* (escaped).  For markup of your own, use ``Paragraph`` directly."""
        return Paragraph(self.markup(text, where), style or self.styles.body)

    def section(self, title: str) -> list[Flowable]:
        """Start a section on a new page; its pages are numbered 1 / n on their own."""
        self._sections += 1
        # The title is printed only in the header band; without one it needs no 外字 check.
        shown = self.gaiji.replace(title, "見出し（区分）") if self.header else title
        return [PageBreakIfNotEmpty(), SectionStart(shown)]

    def fit_page(self, make: Callable[[ReportStyles], list[Flowable]],
                 scales: Sequence[float] = (1.0, 0.94, 0.88, 0.82, 0.76, 0.7, 0.64, 0.58)) -> list[Flowable]:
        """The flowables of one page, made at the largest type size that fits the frame.

        ``make`` builds the page with the given styles (its own sizes must come from
        ``styles.make`` or be multiplied by ``styles.scale``).  Large-type handouts stay as
        large as their content allows instead of spilling onto a second page; if even the
        smallest scale is too tall, the page is shrunk as a whole.
        """
        mark = len(self.gaiji.occurrences)
        for k in scales:
            del self.gaiji.occurrences[mark:]  # an earlier, discarded attempt collected them too
            items = make(ReportStyles(self.font, k))
            if _stacked_height(items, self.frame_width, self.frame_height) <= self.frame_height:
                return items
        return [KeepInFrame(self.frame_width, self.frame_height, items, mode="shrink")]

    # ------------------------------------------------------------------ tables
    def table(self, header: Sequence[str | Flowable], rows: Sequence[Sequence[object]],
              col_widths: Sequence[float], *, groups: Sequence[int] | None = None,
              row_fills: Sequence[str | None] | None = None, align: Sequence[str] | None = None,
              style: ParagraphStyle | None = None, header_style: ParagraphStyle | None = None,
              where: str = "", min_row_height: float | None = None,
              extra_style: Sequence[tuple[Any, ...]] = ()) -> GroupedTable:
        """A table whose header repeats on every page and whose row groups never split.

        ``rows`` hold data (escaped, 外字 collected as ``{where} {n}行目 {column}``) or ready
        flowables.  ``groups`` are the sizes of consecutive row groups (a household's members):
        a group is moved to the next page whole rather than cut, unless it is taller than a
        page.  ``row_fills`` colour rows (``wardapp.palette`` fills); ``align`` is one of
        ``left``/``center``/``right`` per column.
        """
        body = style or self.styles.cell
        head = header_style or self.styles.cell_header
        aligned: list[ParagraphStyle] = []
        aligned_head: list[ParagraphStyle] = []
        for i in range(len(col_widths)):
            a = _ALIGN[align[i] if align and i < len(align) else "left"]
            aligned.append(ParagraphStyle(f"{body.name}-{a}", parent=body, alignment=a))
            aligned_head.append(ParagraphStyle(f"{head.name}-{a}", parent=head, alignment=a))
        names = [h if isinstance(h, str) else "" for h in header]
        data: list[list[object]] = [[Paragraph(self.markup(h, f"{where} 見出し"), aligned_head[i])
                                     if isinstance(h, str) else h for i, h in enumerate(header)]]
        for r, row in enumerate(rows, start=1):
            cells: list[object] = []
            for c, value in enumerate(row):
                if isinstance(value, Flowable):
                    cells.append(value)
                else:
                    col = names[c] if c < len(names) else str(c + 1)
                    cells.append(Paragraph(self.markup(value, f"{where} {r}行目 {col}".strip()), aligned[c]))
            data.append(cells)
        heights = None if min_row_height is None else [None] + [min_row_height] * len(rows)
        t = GroupedTable(data, colWidths=list(col_widths), rowHeights=heights, repeatRows=1)
        t.frame_height = self.frame_height
        t.setStyle(table_style(n_rows=len(rows), font_name=self.font.name, groups=groups, row_fills=row_fills, extra=extra_style))
        return t

    # ------------------------------------------------------------------ decoration
    def _decorate(self, c: Canvas, page: PageInfo) -> None:
        w, h = self.pagesize
        m = self.margins
        left, right = m.left, w - m.right
        regular, bold = self.font.name, self.font.bold_name
        c.saveState()
        if self.header:
            top = h - m.top
            caution_w = 0.0
            if self.info.personal_data:
                size = 10.0
                caution_w = stringWidth(HANDLE_WITH_CARE, bold, size) + 4 * mm
                c.setStrokeColor(CAUTION_RED)
                c.setFillColor(CAUTION_RED)
                c.setLineWidth(1.2)
                c.rect(right - caution_w, top - 7 * mm, caution_w, 7 * mm, stroke=1, fill=0)
                c.setFont(bold, size)
                c.drawCentredString(right - caution_w / 2, top - 7 * mm + 2.3 * mm, HANDLE_WITH_CARE)
            c.setFillColor(colors.black)
            title = self._title + (f"　{page.section}" if page.section else "")
            text, size = _fit(title, bold, 13, right - left - caution_w - 4 * mm)
            c.setFont(bold, size)
            c.drawString(left, top - 5.5 * mm, text)
            if self._subline:
                text, size = _fit(self._subline, regular, 9, right - left)
                c.setFont(regular, size)
                c.drawString(left, top - 11.5 * mm, text)
            c.setStrokeColor(RULE_GREY)
            c.setLineWidth(0.6)
            c.line(left, top - 14 * mm, right, top - 14 * mm)
        if self.footer:
            base = m.bottom
            c.setStrokeColor(RULE_GREY)
            c.setLineWidth(0.6)
            c.line(left, base + 5 * mm, right, base + 5 * mm)
            c.setFillColor(colors.black)
            c.setFont(regular, 8.5)
            c.drawString(left, base + 1 * mm, printed_line(self.info.printed_by, self.info.printed_at))
            if page.section is not None:
                label = page_label(page.section_number, page.section_total)
                c.setFont(bold, 10)
                c.drawRightString(right, base + 1 * mm, label)
                c.setFont(regular, 7.5)
                c.drawRightString(right - stringWidth(label, bold, 10) - 3 * mm, base + 1 * mm,
                                  f"通し {page.number} / {page.total}")
            else:
                c.setFont(bold, 10)
                c.drawRightString(right, base + 1 * mm, page_label(page.number, page.total))
            if self.info.personal_data and not self.header:  # pragma: no cover - refused in __init__
                c.drawCentredString(w / 2, base + 1 * mm, HANDLE_WITH_CARE)
        c.restoreState()

    # ------------------------------------------------------------------ 外字一覧
    def gaiji_list(self) -> list[Flowable]:
        """The closing page listing every replaced character (empty when there was none)."""
        occ = self.gaiji.occurrences
        if not occ:
            return []
        story: list[Flowable] = (self.section(GAIJI_LIST_TITLE) if self._sections else [PageBreakIfNotEmpty()])
        story.append(Paragraph(GAIJI_LIST_TITLE, self.styles.h1))
        story.append(Paragraph(
            "この帳票では、フォントで印字できない文字（住民記録システムの外字など）を「〓」で示しています。"
            "正しい文字は元のシステムで確かめ、必要なら手書きで補ってください。", self.styles.body))
        if not self.info.personal_data:  # the list names people although the document is handed out
            story.append(Paragraph(f"職員用の頁です。配布・掲示しないでください。{HANDLE_WITH_CARE}",
                                   self.styles.make(10.5, bold=True, color="#B00020")))
        story.append(Spacer(0, 3 * mm))
        plain = GaijiCollector()  # the list itself must not collect again
        cell = self.styles.cell
        rows: list[list[object]] = []
        for i, o in enumerate(occ, start=1):
            rows.append([Paragraph(str(i), cell), Paragraph(plain.markup(o.where), cell),
                         Paragraph(o.codepoint, cell), Paragraph(o.kind, cell),
                         Paragraph(plain.markup(o.text), cell)])
        fw = self.frame_width
        widths = [10 * mm, 0.30 * fw, 22 * mm, 28 * mm]
        widths.append(fw - sum(widths))
        head = self.styles.cell_header
        data: list[list[object]] = [[Paragraph(t, head) for t in ("No.", "箇所", "文字コード", "種類", "印字された内容")]]
        data += rows
        t = GroupedTable(data, colWidths=widths, repeatRows=1)
        t.frame_height = self.frame_height
        t.setStyle(table_style(n_rows=len(rows), font_name=self.font.name))
        story.append(t)
        return story

    # ------------------------------------------------------------------ build
    def build(self, story: Sequence[Flowable], out_path: str | os.PathLike[str]) -> Path:
        """Write the PDF (atomically: a half-written file never replaces a good one)."""
        out = Path(out_path)
        out.parent.mkdir(parents=True, exist_ok=True)
        flow = list(story) + self.gaiji_list()
        m = self.margins
        w, h = self.pagesize
        frame = Frame(m.left, m.bottom + (m.footer if self.footer else 0), self.frame_width, self.frame_height,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        fd, tmp = tempfile.mkstemp(suffix=".pdf.tmp", dir=out.parent)
        os.close(fd)
        stats: dict[str, int] = {}
        try:
            doc = BaseDocTemplate(
                tmp, pagesize=self.pagesize, leftMargin=m.left, rightMargin=m.right, topMargin=m.top,
                bottomMargin=m.bottom, title=self.info.title, author=self.info.printed_by,
                subject=self.info.subject or self.info.title, creator="wardapp",
                pageTemplates=[PageTemplate(id="page", frames=[frame])],
                initialFontName=self.font.name,  # else every page names Helvetica (not embedded)
            )
            doc.build(flow, canvasmaker=partial(_DecoratedCanvas, decorate=self._decorate, stats=stats))
            os.replace(tmp, out)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        self.page_count = stats.get("pages", 0)
        return out

