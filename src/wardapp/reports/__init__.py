"""Printing: A4 PDFs with embedded Japanese fonts (reportlab), headless.

* :mod:`~wardapp.reports.fonts` — find and register the Japanese font (:func:`japanese_font`);
* :mod:`~wardapp.reports.document` — :class:`ReportDocument`: header/footer with 取扱注意,
  印刷者・日時, page x / y (per section), tables that repeat their header and keep groups
  together, the closing 外字一覧;
* :mod:`~wardapp.reports.gaiji` — 外字 shown as 〓 and listed;
* :mod:`~wardapp.reports.outreach` — スマホ教室 documents: 受付名簿, 受講案内, 募集ポスター.

See docs/printing.md.
"""

from wardapp.reports.document import DocumentInfo, Margins, ReportDocument, date_label
from wardapp.reports.fonts import FontChoice, FontError, japanese_font
from wardapp.reports.gaiji import PLACEHOLDER, GaijiCollector, GaijiOccurrence

__all__ = [
    "PLACEHOLDER",
    "DocumentInfo",
    "FontChoice",
    "FontError",
    "GaijiCollector",
    "GaijiOccurrence",
    "Margins",
    "ReportDocument",
    "date_label",
    "japanese_font",
]
