"""Roster tables laid out page by page here, so that a household is never cut and 10,000 rows stay fast.

:meth:`wardapp.reports.ReportDocument.table` keeps row groups together with reportlab's
``NOSPLIT`` and a ``Paragraph`` per cell; that is right for a sign-in sheet of forty people, but
a 10,000-person roster would take minutes (reportlab re-measures the rest of a long table at
every page break: quadratic).  A roster's rows are short, known texts, so here every row's
height is computed once (text wrapped by character width, CJK style), households are packed
onto pages in order — a household that does not fit goes to the next page whole — and each
page becomes one :class:`PageTable` drawn straight onto the canvas, then a page break.  Linear, and about
a hundred pages a second.

The same rules as the shared table helper hold: the header row on every page, a heavy rule
under each household, category fills (:mod:`wardapp.palette`) on the person's cells only, and
every data text through the document's 外字 collector (〓 and the closing 外字一覧).  Only a
household taller than a whole page is split, and its continuation says 「（続き）」.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak

from wardapp.reports.document import ReportDocument
from wardapp.reports.tables import GRID, GROUP_RULE, HEADER_FILL

Align = Literal["left", "center", "right"]
#: Kept free at the bottom of every page: rounding in reportlab's layout must never push a
#: page's table over the frame (that would add a page and break the household guarantee).
SAFETY = 4.0
#: Characters that must not start a line (a light 行頭禁則).
_NO_LINE_START = frozenset("、。，．・）」』】ー々ゝゞァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎ")


@dataclass(frozen=True)
class Column:
    """One column: ``household`` columns are printed once per household (spanning its rows)."""

    title: str
    width: float
    align: Align = "left"
    household: bool = False
    size: float | None = None
    bold: bool = False


@functools.lru_cache(maxsize=65536)
def _char_width(ch: str, font: str, size: float) -> float:
    return float(stringWidth(ch, font, size))


def text_width(text: str, font: str, size: float) -> float:
    """``stringWidth`` from cached character widths (TrueType text has no kerning here)."""
    return sum(_char_width(ch, font, size) for ch in text)


@contextlib.contextmanager
def binary_streams() -> Iterator[None]:
    """Build with compressed page streams left binary (not ASCII85 text on top of zlib).

    ASCII85 keeps a PDF 7-bit clean for mail gateways of the 1990s; it makes a long roster
    25 % bigger and its encoder (pure Python without reportlab's optional C accelerator) takes
    a second or more per 500 pages.  The setting is reportlab's global, restored afterwards.
    """
    old = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = old


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of ``text`` no wider than ``width`` (break anywhere, as Japanese is set; 「、」 and
    small kana never start a line)."""
    out: list[str] = []
    for para in text.split("\n"):
        line: list[str] = []
        w = 0.0
        for ch in para:
            cw = _char_width(ch, font, size)
            if line and w + cw > width and ch not in _NO_LINE_START:
                out.append("".join(line))
                line, w = [], 0.0
            line.append(ch)
            w += cw
        out.append("".join(line))
    return out


class NameCell(Flowable):
    """氏名 with its カナ above in small type (furigana), shrunk to fit the cell."""

    def __init__(self, name: str, kana: str, width: float, font: str, size: float, kana_size: float) -> None:
        super().__init__()
        self.name, self.kana, self.font = name, kana, font
        self.size = size
        while self.size > size * 0.6 and text_width(name, font, self.size) > width:
            self.size -= 0.25
        self.kana_size = kana_size
        while self.kana_size > kana_size * 0.6 and text_width(kana, font, self.kana_size) > width:
            self.kana_size -= 0.25
        self.width = width
        self.height = (self.kana_size * 1.15 if kana else 0) + self.size * 1.18

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        out = _Stream(self.canv)
        self.canv.setFillColor(colors.black)
        self.text_into(out, 0, 0)
        out.end_text()

    def text_into(self, out: _Stream, x: float, y: float) -> None:
        """Write the name (and kana above it), the cell's bottom-left at (x, y)."""
        out.text(x, y + self.size * 0.22, self.name, self.font, self.size)
        if self.kana:
            out.text(x, y + self.size * 1.18 + self.kana_size * 0.05, self.kana, self.font, self.kana_size)


Cell: TypeAlias = str | Flowable


@dataclass
class Group:
    """A household's rows: cells per row (household columns only in the first row), fills per row."""

    rows: list[list[Cell]]
    heights: list[float]
    fills: list[str | None]
    #: Household-column cells, repeated (with 「（続き）」) if the group must be split.
    household_cells: dict[int, Cell] = field(default_factory=dict)
    continued: bool = False

    @property
    def height(self) -> float:
        return sum(self.heights)


class PagedTable:
    """Builds the per-page tables of a roster (see the module docstring)."""

    def __init__(self, doc: ReportDocument, columns: Sequence[Column], *, size: float = 8.5,
                 leading: float | None = None, padding: float = 2.0, header_size: float = 8.0,
                 min_row: float = 0.0) -> None:
        self.doc = doc
        self.columns = list(columns)
        self.size, self.padding, self.header_size = size, padding, header_size
        self.leading = leading or round(size * 1.22, 2)
        self.min_row = min_row
        self.font, self.bold = doc.font.name, doc.font.bold_name
        titles = [wrap(c.title, self.bold, header_size, c.width - 2 * padding) for c in self.columns]
        self.header = ["\n".join(t) for t in titles]
        self.header_height = max(len(t) for t in titles) * header_size * 1.2 + 2 * padding

    # --------------------------------------------------------------------- cells
    def _size(self, c: int) -> float:
        return self.columns[c].size or self.size

    def text(self, c: int, value: object, where: str) -> str:
        """A data text for column ``c``: 外字 replaced (and listed under ``where``), wrapped."""
        col = self.columns[c]
        s = self.doc.gaiji.replace("" if value is None else str(value), f"{where} {col.title}".strip())
        font = self.bold if col.bold else self.font
        return "\n".join(wrap(s, font, self._size(c), col.width - 2 * self.padding))

    def _height(self, c: int, cell: Cell) -> float:
        if isinstance(cell, Flowable):
            _, h = cell.wrap(self.columns[c].width - 2 * self.padding, 1e6)
            return float(h) + 2 * self.padding
        size = self._size(c)
        lead = self.leading * size / self.size
        return (cell.count("\n") + 1) * lead + 2 * self.padding

    def group(self, household: Mapping[int, Cell], rows: Sequence[Mapping[int, Cell]],
              fills: Sequence[str | None]) -> Group:
        """A household: ``household`` cells (spanning) and one mapping column → cell per member."""
        grid: list[list[Cell]] = []
        heights: list[float] = []
        for r, row in enumerate(rows):
            cells: list[Cell] = []
            h = self.min_row
            for c, col in enumerate(self.columns):
                cell = household.get(c, "") if col.household else row.get(c, "")
                if col.household and r > 0:
                    cell = ""
                if not col.household:
                    h = max(h, self._height(c, cell))
                cells.append(cell)
            grid.append(cells)
            heights.append(h)
        need = max((self._height(c, household.get(c, "")) for c, col in enumerate(self.columns) if col.household),
                   default=0.0)
        if need > sum(heights):
            heights[-1] += need - sum(heights)
        return Group(grid, heights, list(fills), dict(household))

    # --------------------------------------------------------------------- pages
    def paginate(self, groups: Sequence[Group], first: float, full: float) -> list[list[Group]]:
        """Groups per page: ``first`` is the height free on the first page, ``full`` on the others
        (both including this table's header row)."""
        pages: list[list[Group]] = []
        cur: list[Group] = []
        avail = first - self.header_height - SAFETY
        used = 0.0
        for g in groups:
            if used + g.height <= avail:
                cur.append(g)
                used += g.height
                continue
            if cur or avail < full - self.header_height - SAFETY:
                pages.append(cur)
                cur, used, avail = [], 0.0, full - self.header_height - SAFETY
            if g.height <= avail:
                cur.append(g)
                used = g.height
                continue
            for part in self._split(g, avail):  # taller than a page: the one allowed split
                if cur:
                    pages.append(cur)
                cur, used = [part], part.height
        if cur or not pages:
            pages.append(cur)
        return pages

    def _split(self, g: Group, avail: float) -> list[Group]:
        parts: list[Group] = []
        start = 0
        while start < len(g.rows):
            end, h = start, 0.0
            while end < len(g.rows) and (h + g.heights[end] <= avail or end == start):
                h += g.heights[end]
                end += 1
            rows = [list(r) for r in g.rows[start:end]]
            cont = start > 0
            for c, cell in g.household_cells.items():
                rows[0][c] = cell if not cont or c != 0 else (f"{cell}\n（続き）" if isinstance(cell, str) else cell)
            parts.append(Group(rows, list(g.heights[start:end]), list(g.fills[start:end]), g.household_cells, cont))
            start = end
        return parts

    def table(self, groups: Sequence[Group]) -> PageTable:
        """One page's table: header row, the groups' rows, spans, fills, rules."""
        return PageTable(self, list(groups))

    def story(self, groups: Sequence[Group], *, first: float, full: float,
              top: Callable[[], list[Flowable]] | None = None,
              bottom: Callable[[], list[Flowable]] | None = None) -> list[Flowable]:
        """Every page's ``top()`` flowables, table and ``bottom()`` flowables, page breaks between.

        ``first``/``full`` are the heights free for the whole page content on the first / other
        pages; ``top``/``bottom`` make fresh flowables for each page (a flowable is drawn once).
        """
        width = sum(c.width for c in self.columns)
        top_h = height_of(top(), width) if top else 0.0
        bottom_h = height_of(bottom(), width) if bottom else 0.0
        pages = self.paginate(groups, first - top_h - bottom_h, full - top_h - bottom_h)
        out: list[Flowable] = []
        for i, page in enumerate(pages):
            if i:
                out.append(PageBreak())
            if top:
                out += top()
            if page:
                out.append(self.table(page))
            if bottom:
                out += bottom()
        return out


class PageTable(Flowable):
    """One page of a roster table, drawn straight onto the canvas.

    What reportlab's ``Table`` would draw for these rows — header, grid, household cells spanning
    their rows, fills, heavy rules under households — in a few passes with one text object for
    all the text (a ``Table`` starts a text object per string and applies its style machinery
    per cell; at 10,000 persons that is most of the time spent).
    """

    def __init__(self, layout: PagedTable, groups: list[Group]) -> None:
        super().__init__()
        self.layout = layout
        self.groups = groups
        cols = layout.columns
        self.xs = [0.0]
        for c in cols:
            self.xs.append(self.xs[-1] + c.width)
        self.width = self.xs[-1]
        self.height = layout.header_height + sum(g.height for g in groups)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        lay, c = self.layout, self.canv
        cols, xs, pad = lay.columns, self.xs, lay.padding
        person_runs = _runs([not col.household for col in cols])
        # rows: (top y, height, cells, fill, group index, first row of group, last row of group)
        rows: list[tuple[float, float, list[Cell], str | None, int, bool, bool]] = []
        y = self.height - lay.header_height
        bounds: list[tuple[float, float]] = []  # each group's (top, bottom)
        for gi, g in enumerate(self.groups):
            top = y
            for i, (cells, h, fill) in enumerate(zip(g.rows, g.heights, g.fills, strict=True)):
                rows.append((y, h, cells, fill, gi, i == 0, i == len(g.rows) - 1))
                y -= h
            bounds.append((top, y))
        out = _Stream(c)
        c.saveState()
        # fills: header, then each person's cells
        c.setFillColor(HEADER_FILL)
        out.rect(0, self.height - lay.header_height, self.width, lay.header_height)
        current: str | None = None
        for top, h, _, fill, _, _, _ in rows:
            if fill:
                if fill != current:
                    c.setFillColor(colors.HexColor(fill))
                    current = fill
                for c0, c1 in person_runs:
                    out.rect(xs[c0], top - h, xs[c1 + 1] - xs[c0], h)
        # text
        c.setFillColor(colors.black)

        def lines(text: str, ci: int, top: float, h: float, name: str, size: float, leading: float,
                  align: Align | None = None) -> None:
            parts = text.split("\n")
            base = top - h + (h + len(parts) * leading) / 2 - size
            col = cols[ci]
            align = align or col.align
            for k, line in enumerate(parts):
                if not line:
                    continue
                if align == "left":
                    x = xs[ci] + pad
                else:
                    sw = text_width(line, name, size)
                    x = xs[ci] + (col.width - sw) / 2 if align == "center" else xs[ci + 1] - pad - sw
                out.text(x, base - k * leading, line, name, size)

        hsize = lay.header_size
        for ci, title in enumerate(lay.header):
            lines(title, ci, self.height, lay.header_height, lay.bold, hsize, hsize * 1.2, "center")
        flowables: list[tuple[Flowable, float, float]] = []
        for top, h, cells, _, gi, first, _ in rows:
            for ci, cell in enumerate(cells):
                col = cols[ci]
                if col.household and not first:
                    continue
                ctop, ch = (bounds[gi][0], bounds[gi][0] - bounds[gi][1]) if col.household else (top, h)
                if isinstance(cell, NameCell):
                    cell.text_into(out, xs[ci] + pad, ctop - ch + (ch - cell.height) / 2)
                elif isinstance(cell, Flowable):
                    _, fh = cell.wrap(col.width - 2 * pad, ch)
                    flowables.append((cell, xs[ci] + pad, ctop - ch + (ch - fh) / 2))
                elif cell:
                    size = lay._size(ci)
                    lines(cell, ci, ctop, ch, lay.bold if col.bold else lay.font, size, lay.leading * size / lay.size)
        out.end_text()
        for f, fx, fy in flowables:
            f.drawOn(c, fx, fy)
        # grid: verticals, row lines (person columns only inside a household), heavy household rules
        c.setStrokeColor(GRID)
        c.setLineWidth(0.5)
        for x in xs:
            out.line(x, 0, x, self.height)
        out.line(0, self.height, self.width, self.height)
        for top, h, _, _, _, _, last in rows:
            if not last:
                for c0, c1 in person_runs:
                    out.line(xs[c0], top - h, xs[c1 + 1], top - h)
        out.stroke()
        c.setStrokeColor(GROUP_RULE)
        c.setLineWidth(1.4)
        out.line(0, self.height - lay.header_height, self.width, self.height - lay.header_height)
        for _, bottom in bounds:
            out.line(0, bottom, self.width, bottom)
        out.stroke()
        c.restoreState()


class _Stream:
    """Rectangles, lines and text written straight into the page's content stream.

    The same operators reportlab's canvas writes, without its per-number formatting helper
    (pure Python without the optional C accelerator, and called for every coordinate: at
    10,000 persons it was a third of the time).  Text in the embedded TrueType font follows the
    recipe reportlab documents for dynamic fonts (``ttfonts``: ``splitString`` into subsets,
    ``getSubsetInternalName``, ``Tf`` … ``Tj``); a CID font (the last-resort fallback) goes
    through the canvas as usual.
    """

    def __init__(self, canv: Any) -> None:
        self.canv = canv
        self.code: list[str] = canv._code
        self.doc = canv._doc
        self.in_text = False
        self.font: tuple[str, int, float] | None = None
        self.fallback: list[tuple[float, float, str, str, float]] = []

    def rect(self, x: float, y: float, w: float, h: float) -> None:
        self.code.append(f"{x:.2f} {y:.2f} {w:.2f} {h:.2f} re f")

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.code.append(f"{x0:.2f} {y0:.2f} m {x1:.2f} {y1:.2f} l")

    def stroke(self) -> None:
        self.code.append("S")

    def text(self, x: float, y: float, text: str, name: str, size: float) -> None:
        font = pdfmetrics.getFont(name)
        if not getattr(font, "_dynamicFont", False):
            self.fallback.append((x, y, text, name, size))
            return
        if not self.in_text:
            self.code.append("BT")
            self.in_text = True
        moved = False
        for subset, chunk in font.splitString(text, self.doc):
            if self.font != (name, subset, size):
                self.code.append(f"{font.getSubsetInternalName(subset, self.doc)} {size:.2f} Tf")
                self.font = (name, subset, size)
            if not moved:
                self.code.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
                moved = True
            self.code.append(f"({escapePDF(chunk)}) Tj")

    def end_text(self) -> None:
        if self.in_text:
            self.code.append("ET")
            self.in_text = False
        for x, y, text, name, size in self.fallback:
            self.canv.setFont(name, size)
            self.canv.drawString(x, y, text)
        self.fallback = []


def _runs(flags: Sequence[bool]) -> list[tuple[int, int]]:
    """Consecutive ``True`` runs as (first, last) indexes."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for i, f in enumerate([*flags, False]):
        if f and start is None:
            start = i
        elif not f and start is not None:
            out.append((start, i - 1))
            start = None
    return out


def height_of(items: Sequence[Flowable], width: float) -> float:
    """Height that flowables stacked in a frame of ``width`` take (spaces included)."""
    total = 0.0
    for f in items:
        _, h = f.wrap(width, 1e6)
        total += h + f.getSpaceAfter() + f.getSpaceBefore()
    return total
