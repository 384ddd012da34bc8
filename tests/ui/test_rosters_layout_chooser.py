"""名簿 page: the layout chooser (shipped layouts of the chosen document, 「ファイルから…」, remembered in
the preferences), the chosen layout used for the PDF and named in the audit entry."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from gui_helpers import TIMEOUT, find_top_level
from pdf_text import requires_poppler
from PySide6.QtWidgets import QMessageBox
from rosters_page_ward import make_page, page, ward, ward_template  # noqa: F401 — fixtures
from sqlalchemy import select

from wardapp.rosters.layout_files import LAYOUTS_DIR
from wardapp.settings import Settings
from wardapp.store import Store
from wardapp.store.models import AuditEntry
from wardapp.ui.pages.rosters import FROM_FILE, RostersPage

PORTRAIT = LAYOUTS_DIR / "roster-portrait-phone.toml"


def items(page: RostersPage) -> list[tuple[str, str]]:
    c = page.layout_combo
    return [(c.itemText(i), str(c.itemData(i))) for i in range(c.count())]


def test_chooser_lists_the_layouts_of_the_chosen_document(page: RostersPage) -> None:
    names = [t for t, _ in items(page)]
    assert names[0] == "地域名簿（標準）" and "電話連絡用（A4縦）" in names
    assert "安否確認チェックリスト（標準）" not in names
    assert items(page)[-1] == ("ファイルから…", FROM_FILE)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("check"))
    names = [t for t, _ in items(page)]
    assert names[0] == "安否確認チェックリスト（標準）" and "電話連絡用（A4縦）" not in names
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("by-town"))  # a roster again: its layouts
    assert page.current_layout() is not None and page.current_layout().name == "地域名簿（標準）"  # type: ignore[union-attr]


@requires_poppler
def test_chosen_layout_prints_and_is_remembered(page: RostersPage, ward: Store, settings: Settings, qtbot,  # type: ignore[no-untyped-def]
                                                tmp_path: Path) -> None:
    i = page.layout_combo.findData(str(PORTRAIT))
    page.layout_combo.setCurrentIndex(i)
    page.layout_combo.activated.emit(i)
    assert settings.preferences.roster_layout_file == str(PORTRAIT)
    out = tmp_path / "r.pdf"
    with qtbot.waitSignal(page.saved, timeout=TIMEOUT * 3):
        page.save_to(out)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "地域名簿（電話連絡用）" in text and "連絡済" in text and "備考" in text
    assert "電話連絡用（A4縦）" in page.summary.text()
    with ward.session() as s:
        e = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert e is not None and json.loads(e.details_json)["layout"] == "電話連絡用（A4縦）"
    # CSV: the layout goes along (it has no [export] columns, so the CSV has all of them)
    with qtbot.waitSignal(page.saved, timeout=TIMEOUT * 3) as sig:
        page.save_to(tmp_path / "r.csv")
    assert sig.args[0].layout is not None and sig.args[0].layout.name == "電話連絡用（A4縦）"
    assert (tmp_path / "r.csv").read_text(encoding="utf-8-sig").startswith("No.,世帯番号,氏名,")
    # a new page (the next start) comes back with the same choice
    again = make_page(ward, settings, qtbot)
    try:
        assert again.current_layout() is not None and again.current_layout().name == "電話連絡用（A4縦）"  # type: ignore[union-attr]
    finally:
        again.ctx.tasks.shutdown()


def test_layout_from_file_is_added_and_a_bad_one_is_refused(page: RostersPage, settings: Settings, qtbot,  # type: ignore[no-untyped-def]
                                                            tmp_path: Path) -> None:
    own = tmp_path / "own.toml"
    own.write_text(PORTRAIT.read_text(encoding="utf-8").replace('name = "電話連絡用（A4縦）"', 'name = "区の名簿"'),
                   encoding="utf-8")
    assert page.choose_layout_file(own)
    assert page.layout_combo.currentText() == "区の名簿（own.toml）"
    assert settings.preferences.roster_layout_file == str(own)
    bad = tmp_path / "bad.toml"
    bad.write_text(own.read_text(encoding="utf-8").replace("width = 45", "width = 145"), encoding="utf-8")
    assert not page.choose_layout_file(bad)
    qtbot.waitUntil(lambda: find_top_level(QMessageBox, "errorBox") is not None, timeout=TIMEOUT)
    box = find_top_level(QMessageBox, "errorBox")
    assert isinstance(box, QMessageBox)
    assert "bad.toml" in box.text() and "mm" in box.text()
    box.close()
    assert page.layout_combo.currentText() == "区の名簿（own.toml）"  # the choice before stays
    assert settings.preferences.roster_layout_file == str(own)
