"""Tables for printed lists: the header repeats on every page, a group of rows never splits.

A roster lists residents household by household; a household cut in two across a page break
is easy to misread in the field (whose child is this?).  Groups are kept whole with reportlab's
``NOSPLIT`` table command (the table-native form of ``KeepTogether``), and the header row is
repeated on each page (``repeatRows=1``).  A group taller than a whole page cannot be kept
together; :class:`GroupedTable` then splits inside that one group instead of failing.

Colours come from :mod:`wardapp.palette`; a coloured row must also carry the category letter
in one of its cells (the caller's job) so a black-and-white copy still reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from wardapp.palette import CARE_CATEGORIES

HEADER_FILL = colors.HexColor("#E4E4E4")
GRID = colors.HexColor("#555555")
GROUP_RULE = colors.HexColor("#222222")


class GroupedTable(Table):
    """A ``Table`` that splits inside a ``NOSPLIT`` group only when the group exceeds a page."""

    #: Height of a whole frame; set by the builder (``None``: never override ``NOSPLIT``).
    frame_height: float | None = None
    _nosplitCmds: list[tuple[Any, ...]]

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if not parts and self._nosplitCmds and self.frame_height is not None \
                and availHeight >= self.frame_height - 1:
            # At the top of an empty page and still no legal split: the first group is taller
            # than a page.  Drop the NOSPLIT ranges that cover the first body row and retry.
            saved = self._nosplitCmds
            first = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
            self._nosplitCmds = [cmd for cmd in saved if not _covers_row(cmd, first, self._nrows)]
            self._calcNoSplitRanges()
            try:
                parts = super().split(availWidth, availHeight)
            finally:
                self._nosplitCmds = saved
                self._calcNoSplitRanges()
        for p in parts:
            if isinstance(p, GroupedTable):
                p.frame_height = self.frame_height
        return parts


def _covers_row(cmd: tuple[Any, ...], row: int, nrows: int) -> bool:
    _, (_, y0), (_, y1) = cmd
    y0 = y0 + nrows if y0 < 0 else y0
    y1 = y1 + nrows if y1 < 0 else y1
    return bool(min(y0, y1) <= row <= max(y0, y1))


def table_style(*, n_rows: int, font_name: str, groups: Sequence[int] | None = None,
                row_fills: Sequence[str | None] | None = None, padding: float = 3,
                extra: Sequence[tuple[Any, ...]] = ()) -> TableStyle:
    """Grid, grey header, group rules and ``NOSPLIT`` per group, row fills (body rows 1…n)."""
    cmds: list[tuple[Any, ...]] = [
        # Cells hold Paragraphs, but a Table still sets its cell font (Helvetica by default,
        # which would then be listed in the PDF as a non-embedded font).
        ("FONTNAME", (0, 0), (-1, -1), font_name),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
    ]
    if row_fills:
        for i, fill in enumerate(row_fills, start=1):
            if fill:
                cmds.append(("BACKGROUND", (0, i), (-1, i), colors.HexColor(fill)))
    if groups:
        if sum(groups) != n_rows:
            raise ValueError(f"groups cover {sum(groups)} rows, the table has {n_rows}")
        start = 1
        for size in groups:
            end = start + size - 1
            if size > 1:
                cmds.append(("NOSPLIT", (0, start), (-1, end)))
            cmds.append(("LINEBELOW", (0, end), (-1, end), 1.4, GROUP_RULE))
            start = end + 1
    cmds += list(extra)
    return TableStyle(cmds)


def category_legend(style: ParagraphStyle, width: float) -> Table:
    """One line of chips, e.g. ``▲高 高齢者``, each on its category's fill (under a coloured table)."""
    cells = [Paragraph(f"{escape(c.mark)} {escape(c.name)}", style) for c in CARE_CATEGORIES]
    t = Table([cells], colWidths=[width / len(cells)] * len(cells))
    cmds: list[tuple[Any, ...]] = [("FONTNAME", (0, 0), (-1, -1), style.fontName)]
    cmds += [("BOX", (i, 0), (i, 0), 0.5, GRID) for i in range(len(cells))]
    cmds += [("BACKGROUND", (i, 0), (i, 0), colors.HexColor(c.fill)) for i, c in enumerate(CARE_CATEGORIES)]
    t.setStyle(TableStyle(cmds))
    return t
