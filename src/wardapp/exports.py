"""Cells of CSV and XLSX exports that Excel must show as text, never run.

A registry name, an address or a note typed by staff may begin with ``=``, ``+``, ``-`` or ``@``
(or a tab / carriage return that Excel skips before one of them).  Opened in Excel such a cell is
read as a formula — ``=HYPERLINK("http://…", "click")`` in a roster export is the classic CSV
injection (OWASP "CSV Injection").  Every export of the app passes its text cells through
:func:`safe_cell`, or writes XLSX cells through :func:`set_xlsx_text`, so that the data stays
data.  Numbers written as numbers are not touched (``-3`` as an ``int`` is a number, not a formula).
"""

from __future__ import annotations

from typing import Any

#: What Excel (and LibreOffice) may take for the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """Prefix ``'`` to a text cell Excel would evaluate; other text is returned as it is.

    The apostrophe is Excel's own "this is text" mark; it is what staff see in the cell.
    """
    return "'" + text if text.startswith(FORMULA_START) else text


def safe_row(values: Any) -> list[Any]:
    """One CSV row: every ``str`` neutralised, numbers, dates and ``None`` left as they are."""
    return [safe_cell(v) if isinstance(v, str) else v for v in values]


def set_xlsx_text(cell: Any, value: Any) -> None:
    """Write ``value`` into an openpyxl cell; a formula-like string stays a plain string.

    openpyxl stores any string that starts with ``=`` as a formula.  Here it is stored as a
    string cell with Excel's quote prefix, so that editing the cell later does not turn it into
    one either; the text itself is unchanged (no visible apostrophe in XLSX).
    """
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True
