"""ファイル → 住基データの取り込み: the whole flow, through the real importer."""

from __future__ import annotations

from pathlib import Path

import pytest
from data_factory import person, write_csv
from gui_helpers import TIMEOUT, find_top_level, residents_page
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from wardapp.errors import InputRejected
from wardapp.registry.importer import import_registry
from wardapp.security import SYSTEM
from wardapp.store import open_store
from wardapp.ui import import_dialog
from wardapp.ui.import_dialog import ImportReportDialog


class _ChooseFile:
    """Stands in for QFileDialog: "the user picked ``path``" (a native dialog cannot be driven)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def getOpenFileName(self, *args: object, **kwargs: object) -> tuple[str, str]:  # noqa: N802 — Qt's name
        return (str(self.path) if self.path else "", "")


def _start_import(window, qtbot, monkeypatch, csv: Path, *, mapping: Path | None = None,  # type: ignore[no-untyped-def]
                  lenient: bool = False) -> ImportReportDialog:
    monkeypatch.setattr(import_dialog, "QFileDialog", _ChooseFile(csv))
    window.import_action.trigger()
    options = window.import_flow.options_dialog
    assert options is not None and options.isVisible()
    assert options.file_edit.text() == str(csv)
    if mapping is not None:
        options.mapping_edit.setText(str(mapping))
    options.lenient_check.setChecked(lenient)
    with qtbot.waitSignal(window.import_flow.ended, timeout=TIMEOUT):
        qtbot.mouseClick(options.ok_button, Qt.MouseButton.LeftButton)
    return window.import_flow.report_dialog


def _bad_rows(n: int) -> list[dict[str, str]]:
    rows = [person(1, 1)]
    for i in range(n):
        rows.append(person(100 + i, 50 + i, birth=f"1970-13-{i + 1:02d}"))  # month 13: every row wrong
    return rows


def _table_rows(view) -> list[list[str]]:  # type: ignore[no-untyped-def]
    m = view.model()
    return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]


def test_rejected_file_lists_every_problem(window, qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    csv = write_csv(tmp_path / "bad.csv", _bad_rows(25) + [person(200, 99, sex="X"), person(201, 99, name="")])
    with pytest.raises(InputRejected) as expected:  # what the core says, for comparison
        scratch = open_store(tmp_path / "scratch.sqlite3")
        try:
            import_registry(scratch, csv, actor=SYSTEM)
        finally:
            scratch.close()
    problems = expected.value.problems
    assert len(problems) == 27  # more than the 20 a message box detail would show

    dlg = _start_import(window, qtbot, monkeypatch, csv)
    assert dlg.isVisible() and dlg.windowTitle() == "取り込みできませんでした"
    assert expected.value.message_ja in dlg.heading.text()
    view = dlg.tables["problems"]
    headers = [view.model().headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["行", "列", "値", "内容"]
    rows = _table_rows(view)
    assert rows == [[str(p.line), p.column or "", p.value or "", p.message] for p in problems]
    assert dlg.tabs.tabText(0) == "問題（27）"
    # The store is unchanged, and the residents page still shows the sample ward.
    assert residents_page(window).model.rowCount() == 30
    dlg.copy_current_list()
    assert QApplication.clipboard().text().count("\n") == 27
    dlg.close()


def test_successful_import_reports_and_refreshes(open_window, qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(tmp_path / "empty.sqlite3")
    page = residents_page(window)
    assert page.model.rowCount() == 0
    csv = write_csv(tmp_path / "good.csv", [
        person(1, 1),
        person(2, 1, name="試験　花子", kana="シケン　ハナコ", sex="女", relationship="妻"),
        person(3, 2, name="見本\ue000一郎", kana="ミホン　イチロウ", address="みどり二丁目3番4号"),
    ])
    dlg = _start_import(window, qtbot, monkeypatch, csv)
    assert dlg.windowTitle() == "取り込み完了"
    assert "3 人・2 世帯" in dlg.heading.text()
    assert dlg.findChild(object, "added").text() == "3"
    assert dlg.findChild(object, "households_added").text() == "2"
    assert dlg.findChild(object, "movement_転入").text() == "3"
    for kind in ("転出", "出生", "死亡", "転居", "世帯変更"):
        assert dlg.findChild(object, f"movement_{kind}").text() == "0"
    gaiji = _table_rows(dlg.tables["gaiji"])
    assert gaiji == [["4", "氏名", "U+E000", "見本\ue000一郎"]]
    assert dlg.tabs.tabText(dlg.tabs.indexOf(dlg.tables["gaiji"])) == "外字（1）"
    # The households table and the status bar follow the store.
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: window.counts_label.text() == "2 世帯・3 人", timeout=TIMEOUT)
    dlg.close()


def test_other_errors_use_the_error_dialog(window, qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    csv = write_csv(tmp_path / "good.csv", [person(1, 1)])
    _start_import(window, qtbot, monkeypatch, csv, mapping=tmp_path / "missing.toml")
    box = find_top_level(QMessageBox, "errorBox")
    assert box is not None
    assert "missing.toml" in box.text() and box.windowTitle() == "エラー"
    box.close()
    assert window.ctx.settings.preferences.mapping_file.endswith("missing.toml")


def test_cancelling_the_file_dialog_does_nothing(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(import_dialog, "QFileDialog", _ChooseFile(None))
    window.import_action.trigger()
    assert window.import_flow.options_dialog is None
    assert not window.ctx.tasks.busy


def test_lenient_import_lists_skipped_rows(open_window, qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(tmp_path / "empty.sqlite3")
    csv = write_csv(tmp_path / "mixed.csv", [person(1, 1), person(2, 2, sex="X")])
    dlg = _start_import(window, qtbot, monkeypatch, csv, lenient=True)
    assert dlg.windowTitle() == "取り込み完了"
    skipped = _table_rows(dlg.tables["skipped"])
    assert len(skipped) == 1 and skipped[0][:3] == ["3", "性別", "X"]
    qtbot.waitUntil(lambda: residents_page(window).model.rowCount() == 1, timeout=TIMEOUT)
    dlg.close()
