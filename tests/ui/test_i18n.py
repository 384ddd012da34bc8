"""Translations: the Japanese catalogue is complete and current, and the window speaks Japanese."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

import pytest
from gui_helpers import residents_page
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QTableView,
    QWidget,
)

from wardapp.ui.i18n import I18N_DIR

TS = I18N_DIR / "wardapp_ja.ts"
UI_DIR = Path(__file__).resolve().parents[2] / "src" / "wardapp" / "ui"
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [(ctx.findtext("name") or "", msg.findtext("source") or "", msg.find("translation"))  # type: ignore[misc]
            for ctx in root.iter("context") for msg in ctx.iter("message")]


def test_catalogue_is_complete() -> None:
    messages = _messages(TS)
    assert len(messages) > 50
    for context, source, tr in messages:
        assert tr is not None, (context, source)
        assert tr.get("type") not in ("unfinished", "obsolete", "vanished"), (context, source)
        assert (tr.text or "").strip(), f"empty translation: {context}: {source}"
        # Placeholders filled by str.format and keyboard mnemonics must survive translation.
        assert sorted(_PLACEHOLDER.findall(source)) == sorted(_PLACEHOLDER.findall(tr.text or "")), source
        assert ("&" in source.replace("&&", "")) == ("&" in (tr.text or "").replace("&&", "")), source
        if _JAPANESE.search(tr.text or "") is None:  # only the product name and symbols may stay
            bare = _PLACEHOLDER.sub("", (tr.text or "").replace("wardapp", ""))
            assert re.search(r"[A-Za-z]", bare) is None, source


def _lupdate() -> str | None:
    found = shutil.which("pyside6-lupdate")
    local = Path(sys.executable).with_name("pyside6-lupdate")
    return found or (str(local) if local.exists() else None)


@pytest.mark.skipif(_lupdate() is None, reason="pyside6-lupdate not installed")
def test_catalogue_is_current_with_the_sources(tmp_path: Path) -> None:
    """Running pyside6-lupdate over src/wardapp/ui adds nothing and removes nothing."""
    copy = tmp_path / "wardapp_ja.ts"
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in UI_DIR.rglob("*.py"))
    subprocess.run([_lupdate(), *sources, "-ts", str(copy), "-no-obsolete", "-silent"], check=True)
    before = {(c, s) for c, s, _ in _messages(TS)}
    after = {(c, s) for c, s, _ in _messages(copy)}
    assert after == before, "run pyside6-lupdate (see src/wardapp/ui/i18n.py) and translate the new strings"


def test_qt_standard_dialogs_speak_japanese() -> None:
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "キャンセル"
    assert QCoreApplication.translate("QFileDialog", "Open") == "開く"


def _visible_texts(root: QWidget) -> list[str]:
    texts = [root.windowTitle()]
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root):
            continue
        if isinstance(w, QLabel):
            texts.append(w.text())
        elif isinstance(w, QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QAbstractSpinBox):
            texts.append(w.text())
        elif isinstance(w, QListWidget):
            texts += [w.item(i).text() for i in range(w.count())]
        elif isinstance(w, QTableView) and w.model() is not None:
            m = w.model()
            texts += [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]
    for menu in root.findChildren(QMenu):
        texts.append(menu.title())
        texts += [a.text() for a in menu.actions() if not a.isSeparator()]
    return [t for t in texts if t]


def english_texts(root: QWidget, allowed: Iterable[str] = ()) -> list[str]:
    """The visible texts of ``root`` with a word in Latin letters and no Japanese, once the
    ``allowed`` parts (data: the database path, the product name) are taken out."""
    english = []
    for text in _visible_texts(root):
        rest = text
        for a in allowed:
            rest = rest.replace(a, "")
        if re.search(r"[A-Za-z]{2,}", rest) and not _JAPANESE.search(rest):
            english.append(text)
    return english


def test_main_window_texts_are_japanese(window) -> None:  # type: ignore[no-untyped-def]
    """Every visible text with words in it is Japanese once the translators are installed.

    Data (addresses, numbers, the database path) and the product name are allowed as they are.
    """
    page = residents_page(window)
    page.table.selectRow(0)
    allowed = {window.ctx.store.location, Path(window.ctx.store.location).name, "wardapp"}
    assert english_texts(window, allowed) == []
    texts = _visible_texts(window)
    for expected in ("住民", "町字(&T):", "基準日(&D):", "世帯番号", "65歳以上(人)", "（すべての町字）", "ファイル(&F)",
                     "住基データの取り込み(&I)…", "バージョン情報(&A)", "世帯の構成員"):
        assert expected in texts
