"""ファイル → 福祉データの取り込み…: the whole flow, through the real importer."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import TIMEOUT, residents_page, wait_idle
from PySide6.QtCore import Qt
from sample_ward import ON

from wardapp.scoring import default_profile, save_scores, score
from wardapp.security import SYSTEM
from wardapp.store import open_store
from wardapp.ui import import_dialog
from wardapp.welfare import active_attributes

HEADER = "宛名番号,種別,区分,開始日,終了日\n"
MAPPINGS = Path(__file__).resolve().parents[2] / "resources" / "mappings"


class _ChooseFile:
    """Stands in for QFileDialog: "the user picked ``path``" (a native dialog cannot be driven)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def getOpenFileName(self, *args: object, **kwargs: object) -> tuple[str, str]:  # noqa: N802 — Qt's name
        return (str(self.path) if self.path else "", "")


def _import(window, qtbot, monkeypatch, csv: Path, *, mapping: Path | None = None,  # type: ignore[no-untyped-def]
            lenient: bool = False) -> None:
    monkeypatch.setattr(import_dialog, "QFileDialog", _ChooseFile(csv))  # the shared CSV import flow
    window.welfare_action.trigger()
    options = window.welfare_flow.options_dialog
    assert options is not None and options.isVisible()
    assert options.windowTitle() == "福祉データの取り込み"
    assert options.file_edit.text() == str(csv)
    assert options.mapping_edit.text() == ""  # never the registry's mapping profile
    if mapping is not None:
        options.mapping_edit.setText(str(mapping))
    options.lenient_check.setChecked(lenient)
    with qtbot.waitSignal(window.welfare_flow.ended, timeout=TIMEOUT):
        qtbot.mouseClick(options.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)


def test_menu_entry(window) -> None:  # type: ignore[no-untyped-def]
    assert window.welfare_action.text() == "福祉データの取り込み(&W)…"
    file_menu = window.menuBar().actions()[0].menu()
    names = [a.objectName() for a in file_menu.actions()]
    assert names.index("importWelfareAction") == names.index("importAction") + 1


def test_welfare_csv_is_imported_and_reported(window, qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    csv = tmp_path / "福祉.csv"
    # P000006 is 鈴木 一郎 (85, alone), P000001 山田 太郎 of the sample ward.
    csv.write_text(HEADER + "P000006,要介護認定,要介護３,R6.4.1,\nP000001,身体障害者手帳,2級,2020-01-01,\n"
                   "X999999,難病,,2024-01-01,\n", encoding="utf-8")
    _import(window, qtbot, monkeypatch, csv)
    box = window.welfare_flow.report_box
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "福祉データを取り込みました"
    text = box.text()
    assert text.startswith("福祉.csv（utf-8") and "3行" in text
    assert "住基にない宛名番号: 1人" in text
    assert '"added": 3' in box.detailedText()
    store = window.ctx.store
    active = active_attributes(store, ON, actor=SYSTEM)
    grades = [g if isinstance(g, str) else None for g in active["grade"]]
    assert sorted(zip(active["person_no"], active["kind"], grades)) == [
        ("P000001", "身体障害者手帳", "2級"), ("P000006", "要介護認定", "要介護3"), ("X999999", "難病", None)]
    box.close()


def test_import_with_a_mapping_profile(window, qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    csv = tmp_path / "kaigo.csv"
    rows = ["○○介護保険システム 認定者一覧", "宛名ｺｰﾄﾞ,被保険者番号,要介護状態区分ｺｰﾄﾞ,認定有効期間開始日,認定有効期間終了日",
            "P000006,0000000001,23,令和6年4月1日,令和9年3月31日"]
    csv.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp932"))
    _import(window, qtbot, monkeypatch, csv, mapping=MAPPINGS / "example-welfare-kaigo.toml")
    box = window.welfare_flow.report_box
    assert box is not None and "例: ○○介護保険システム 認定者一覧" in box.text()
    active = active_attributes(window.ctx.store, ON, actor=SYSTEM)
    assert list(zip(active["person_no"], active["grade"])) == [("P000006", "要介護3")]
    assert window.ctx.settings.preferences.mapping_dir == str(MAPPINGS)
    box.close()


def test_a_rejected_file_lists_every_problem_and_changes_nothing(window, qtbot, monkeypatch,  # type: ignore[no-untyped-def]
                                                                 tmp_path: Path) -> None:
    csv = tmp_path / "bad.csv"
    csv.write_text(HEADER + "P000006,要介護認定,要介護9,2024-04-01,\nP000001,体重,,2024-04-01,\n"
                   "P000002,妊娠,,2024-04-01,\n", encoding="utf-8")
    _import(window, qtbot, monkeypatch, csv)
    dlg = window.welfare_flow.rejection_dialog
    assert dlg is not None and dlg.isVisible() and dlg.windowTitle() == "取り込みできませんでした"
    m = dlg.tables["problems"].model()
    assert m.rowCount() == 3
    assert [m.index(r, 1).data() for r in range(3)] == ["区分", "種別", "終了日"]
    assert len(active_attributes(window.ctx.store, ON, actor=SYSTEM)) == 0
    assert window.welfare_flow.report_box is None
    dlg.close()


def test_lenient_import_skips_bad_rows(window, qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    csv = tmp_path / "mixed.csv"
    csv.write_text(HEADER + "P000006,要介護認定,要介護9,2024-04-01,\nP000001,日本語支援,ベトナム語,2024-04-01,\n",
                   encoding="utf-8")
    _import(window, qtbot, monkeypatch, csv, lenient=True)
    box = window.welfare_flow.report_box
    assert box is not None and "誤りのため飛ばした行: 1行" in box.text()
    assert list(active_attributes(window.ctx.store, ON, actor=SYSTEM)["kind"]) == ["日本語支援"]
    box.close()


def test_an_import_makes_saved_scores_stale(open_window, sample_db: Path, qtbot, monkeypatch,  # type: ignore[no-untyped-def]
                                            tmp_path: Path) -> None:
    store = open_store(sample_db)
    try:
        save_scores(store, score(store, default_profile(), ON), actor=SYSTEM)
    finally:
        store.close()
    window = open_window(sample_db)
    page = residents_page(window)
    assert "古い結果" not in page.score_label.text()
    csv = tmp_path / "w.csv"
    csv.write_text(HEADER + "P000006,医療的ケア,在宅酸素,2024-04-01,\n", encoding="utf-8")
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):  # the pages read the store again
        _import(window, qtbot, monkeypatch, csv)
    assert "古い結果です" in page.score_label.text()
    window.welfare_flow.report_box.close()
