"""名簿 page (issue 6 GUI): the area / kind / mode choices, the disaster-mode reason, the QtPdf
preview, saving through make_roster (audited), printing the pages, and the page's model."""

from __future__ import annotations

import subprocess
from pathlib import Path

from gui_helpers import TIMEOUT, find_top_level
from outreach_ward import model_tester
from pdf_text import requires_poppler
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from roster_ward import town_id
from rosters_page_ward import page, ward, ward_template  # noqa: F401 — fixtures
from sqlalchemy import func, select

from wardapp.security import users
from wardapp.security.roles import Role
from wardapp.store import Store
from wardapp.store.models import AuditEntry
from wardapp.ui.pages.rosters import RostersPage


def n_log(store: Store) -> int:
    with store.session() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def error_text(qtbot) -> str:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: find_top_level(QMessageBox, "errorBox") is not None, timeout=TIMEOUT)
    box = find_top_level(QMessageBox, "errorBox")
    assert isinstance(box, QMessageBox)
    text = box.text()
    box.close()
    return text


def test_lists_towns_flood_classes_and_a_checkable_town_model(page: RostersPage, ward: Store, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert page.choices is not None and page.choices.towns and page.choices.flood
    assert page.flood_combo.count() == len(page.choices.flood)
    tester = model_tester(page.town_model)
    page.town_filter.setText("二丁目")
    assert 0 < page.town_proxy.rowCount() < page.town_model.rowCount()
    page.town_filter.clear()
    page.set_towns([town_id(ward, "見本町二丁目")])
    assert page.checked_towns() == [town_id(ward, "見本町二丁目")]
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        page.reload()
    assert page.checked_towns() == [town_id(ward, "見本町二丁目")]  # reloading keeps the ticks
    del tester


def test_disaster_mode_without_a_reason_is_refused_and_writes_nothing(page: RostersPage, ward: Store, qtbot,  # type: ignore[no-untyped-def]
                                                                      tmp_path: Path) -> None:
    page.disaster.setChecked(True)
    assert page.reason_edit.isEnabled()
    before = n_log(ward)
    out = tmp_path / "名簿.pdf"
    page.save_to(out)
    assert "理由" in error_text(qtbot)
    qtbot.waitUntil(lambda: not page.ctx.tasks.busy, timeout=TIMEOUT)
    assert not out.exists() and not list(tmp_path.glob(".*tmp*"))
    assert n_log(ward) == before and page.last_result is None


def test_preview_shows_the_document(page: RostersPage, ward: Store, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.disaster.setChecked(True)
    page.reason_edit.setText("訓練")
    before = n_log(ward)  # the ward's scoring run is logged too
    with qtbot.waitSignal(page.previewed, timeout=TIMEOUT * 3) as sig:
        page.preview_button.click()
    assert page.preview_pages() > 0
    assert page.preview_pages() == sig.args[0].pages
    assert "世帯" in page.summary.text() and n_log(ward) == before + 1


@requires_poppler
def test_save_writes_a_pdf_with_the_title_and_handling_mark(page: RostersPage, ward: Store, qtbot,  # type: ignore[no-untyped-def]
                                                            tmp_path: Path) -> None:
    out = tmp_path / "名簿.pdf"
    with qtbot.waitSignal(page.saved, timeout=TIMEOUT * 3):
        page.save_to(out)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "地域名簿" in text and "取扱注意" in text
    assert page.last_result is not None and page.last_result.mode.value == "normal"
    assert "載っていません" in page.summary.text()  # 平常時: who was left out by consent


def test_save_csv_of_a_flood_class_by_shelter(page: RostersPage, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.use_flood.setChecked(True)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("by-shelter"))
    page.disaster.setChecked(True)
    page.reason_edit.setText("訓練")
    out = tmp_path / "名簿.csv"
    with qtbot.waitSignal(page.saved, timeout=TIMEOUT * 3) as sig:
        page.save_to(out)
    assert out.exists() and sig.args[0].format == "csv" and sig.args[0].persons > 0


def test_print_draws_every_page(page: RostersPage, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    from wardapp.ui.pdf_preview import print_pdf

    page.disaster.setChecked(True)
    page.reason_edit.setText("訓練")
    with qtbot.waitSignal(page.previewed, timeout=TIMEOUT * 3) as sig:
        page.preview()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    doc = QPdfDocument()
    doc.load(str(sig.args[0].path))
    assert print_pdf(doc, printer) == sig.args[0].pages
    check = QPdfDocument()
    check.load(str(tmp_path / "printed.pdf"))
    assert check.pageCount() == sig.args[0].pages


def test_the_page_acts_as_the_signed_in_user(page: RostersPage, ward: Store, qtbot,  # type: ignore[no-untyped-def]
                                             tmp_path: Path) -> None:
    """ctx.actor is who make_roster runs as: a role without roster.print is refused by the core
    (nothing written, nothing logged); 防災担当 makes it, recorded under their name."""
    admin = users.create_admin(ward, "admin", "correct horse battery staple")
    users.add_user(ward, admin, "etsuran", Role.VIEWER, "viewer-pass-1")
    users.add_user(ward, admin, "bousai", Role.DISASTER, "bousai-pass-1")
    page.ctx.sign_in(users.authenticate(ward, "etsuran", "viewer-pass-1"))
    before = n_log(ward)
    page.save_to(tmp_path / "名簿.pdf")
    assert "「名簿の印刷」の権限がありません" in error_text(qtbot)
    qtbot.waitUntil(lambda: not page.ctx.tasks.busy, timeout=TIMEOUT)
    assert not (tmp_path / "名簿.pdf").exists() and n_log(ward) == before
    page.ctx.sign_in(users.authenticate(ward, "bousai", "bousai-pass-1"))
    with qtbot.waitSignal(page.saved, timeout=TIMEOUT):
        page.save_to(tmp_path / "名簿.pdf")
    assert (tmp_path / "名簿.pdf").exists()
    with ward.session() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert last is not None and last.user == "bousai" and last.role == "disaster"


def test_no_area_chosen_says_so(page: RostersPage) -> None:
    page.set_towns([])
    page.preview()
    assert page.summary.text() and page.last_result is None
    assert page.town_model.item(0).flags() & Qt.ItemFlag.ItemIsUserCheckable
