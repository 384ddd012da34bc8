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

The columns are not code: they are the shipped layout file ``resources/roster-layouts/roster.toml``
(:mod:`wardapp.rosters.layout_files`), drawn by :mod:`wardapp.rosters.pdf_layout`; a ward's own
layout file is passed as ``layout``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from wardapp.reports.document import ReportDocument
from wardapp.reports.fonts import FontChoice
from wardapp.rosters.content import RosterContent
from wardapp.rosters.layout_files import RosterLayout, default_layout
from wardapp.rosters.mapdraw import MapLayers
from wardapp.rosters.pdf_layout import STATUS_SHORT, number_label, render_layout

__all__ = ["STATUS_SHORT", "TITLE", "number_label", "render_roster"]

TITLE = "地域名簿"


def render_roster(content: RosterContent, layers: MapLayers, out: str | Path, *, printed_by: str,
                  printed_at: dt.datetime, font: FontChoice | None = None,
                  layout: RosterLayout | None = None) -> ReportDocument:
    """Write the roster PDF (one section per 町字 / 避難所 when the content is grouped).

    ``layout``: a 地域名簿 layout (None = the shipped ``roster.toml``).  Returns the built document
    (``page_count``, ``gaiji.occurrences`` for the caller's report).
    """
    return render_layout(content, layers, out, layout or default_layout("roster"), printed_by=printed_by,
                         printed_at=printed_at, font=font)
