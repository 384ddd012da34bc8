"""The safety-check sheet (安否確認チェックリスト) a field team carries from door to door.

The same households as the roster, in the same order and with the same numbers (so the map on
the first page guides the route), in large type, with a box per person for each outcome:

    □無事  □要支援  □不在  □避難所へ

and per household a column for a telephone number (written in: the registry holds none; a
number the ward's data does hold is printed) and one for notes.  Every page starts with lines
for the team (班名), who checked (確認者) and when (確認日時), because sheets get separated in the
field; every page ends with what the boxes mean and the category symbols.

A4 landscape; a household never splits across pages.

The columns, the outcomes and their meanings are the shipped layout file
``resources/roster-layouts/check.toml`` (:mod:`wardapp.rosters.layout_files`), drawn by
:mod:`wardapp.rosters.pdf_layout`; a ward's own layout file is passed as ``layout``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from wardapp.reports.document import ReportDocument
from wardapp.reports.fonts import FontChoice
from wardapp.rosters.content import RosterContent
from wardapp.rosters.layout_files import RosterLayout, default_layout
from wardapp.rosters.mapdraw import MapLayers
from wardapp.rosters.pdf_layout import BOX, render_layout

__all__ = ["BOX", "OUTCOMES", "TITLE", "render_check"]

TITLE = "安否確認チェックリスト"
#: The outcomes a team ticks, and what each means (printed at the foot of every page): the box
#: columns of the default layout.
OUTCOMES: tuple[tuple[str, str], ...] = tuple((c.header, c.meaning) for c in default_layout("check").columns
                                              if c.field == "box")


def render_check(content: RosterContent, layers: MapLayers, out: str | Path, *, printed_by: str,
                 printed_at: dt.datetime, font: FontChoice | None = None,
                 layout: RosterLayout | None = None) -> ReportDocument:
    """Write the safety-check sheet PDF (one section per 町字 / 避難所 when grouped).

    ``layout``: a check-sheet layout (None = the shipped ``check.toml``).
    """
    return render_layout(content, layers, out, layout or default_layout("check"), printed_by=printed_by,
                         printed_at=printed_at, font=font)
