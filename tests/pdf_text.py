"""Reading PDFs in tests with poppler-utils (pdftotext, pdffonts): text per page, fonts, word boxes.

style.md habit 11: PDFs are checked by their text.  bootstrap installs poppler-utils, so the
tests only skip where it is missing (a bare developer machine).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

requires_poppler = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdftotext", "pdffonts", "pdfinfo")),
    reason="poppler-utils (pdftotext, pdffonts, pdfinfo) not installed")


def page_count(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    assert m, out
    return int(m[1])


def page_text(pdf: Path, page: int) -> str:
    """``pdftotext -layout -f page -l page``: the text of one page (1-based)."""
    return subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def pages(pdf: Path) -> list[str]:
    return [page_text(pdf, i) for i in range(1, page_count(pdf) + 1)]


@dataclass(frozen=True)
class FontRow:
    name: str
    type: str
    embedded: bool


def fonts(pdf: Path) -> list[FontRow]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        # name type… encoding emb sub uni object ID — type may hold spaces ("Type 1", "CID TrueType")
        m = re.match(r"^(\S+)\s+(.+?)\s{2,}\S+\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line)
        assert m, line
        rows.append(FontRow(m[1], m[2], m[3] == "yes"))
    return rows


@dataclass(frozen=True)
class Word:
    text: str
    x: float
    y: float
    height: float  # ≈ the font size in points


def words(pdf: Path, page: int) -> list[Word]:
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    found = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', out):
        found.append(Word(m[4], float(m[1]), float(m[2]), float(m[3]) - float(m[2])))
    return found
