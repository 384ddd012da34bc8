"""The 住所辞書 page: counts, running matching, choosing a candidate, placing a point, undoing a fix,
the File-menu imports of address data and map layers (with fakes of the core), and the models."""

from __future__ import annotations

import getpass
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from gazetteer_ward import AMBIGUOUS_ADDRESS, COUNTS, SAME_NAME_ADDRESS, UNMATCHED_ADDRESS, build_gazetteer_ward
from gui_helpers import TIMEOUT, find_top_level, wait_idle
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QTableView, QWidget
from sqlalchemy import select
from test_i18n import _visible_texts, english_texts

from wardapp.address.matcher import address_key, fix_address, match_households
from wardapp.address.review import address_groups, load_review, search_points
from wardapp.security import SYSTEM
from wardapp.store import Household, open_store
from wardapp.store.models import AddressFix
from wardapp.ui.main_window import MainWindow
from wardapp.ui.models.gazetteer import (
    AddressGroupModel,
    CandidateModel,
    FixModel,
    PointModel,
    TownRateModel,
    percent,
)
from wardapp.ui.pages.gazetteer import GazetteerPage
from wardapp.ui.place_dialog import PlacePointDialog, parse_degrees


@pytest.fixture(scope="session")
def gazetteer_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The ward before matching ("raw") and after it ("matched")."""
    d = tmp_path_factory.mktemp("gazetteer")
    build_gazetteer_ward(d / "raw.sqlite3").close()
    shutil.copy(d / "raw.sqlite3", d / "matched.sqlite3")
    store = open_store(d / "matched.sqlite3")
    match_households(store, user="tester", actor=SYSTEM)
    store.close()
    return {"raw": d / "raw.sqlite3", "matched": d / "matched.sqlite3"}


@pytest.fixture
def gz_db(tmp_path: Path, gazetteer_templates: dict[str, Path]) -> Callable[[str], Path]:
    def copy(which: str = "matched") -> Path:
        path = tmp_path / f"{which}.sqlite3"
        shutil.copy(gazetteer_templates[which], path)
        return path
    return copy


def gazetteer_page(window: MainWindow) -> GazetteerPage:
    page = next(p for p in window.pages if isinstance(p, GazetteerPage))
    window.show_page(window.pages.index(page))
    return page


@pytest.fixture
def gz_window(open_window, gz_db) -> MainWindow:  # type: ignore[no-untyped-def]
    return open_window(gz_db("matched"))


@pytest.fixture
def gz(gz_window: MainWindow, qtbot) -> GazetteerPage:  # type: ignore[no-untyped-def]
    page = gazetteer_page(gz_window)
    qtbot.waitUntil(lambda: page.review is not None, timeout=TIMEOUT)
    wait_idle(qtbot, gz_window)
    return page


def _tile(page: GazetteerPage, key: str) -> tuple[str, str, str]:
    t = page.tiles[key]
    return t.name_label.text(), t.count_label.text(), t.share_label.text()


def _column(view: QTableView, column: int) -> list[str]:
    m = view.model()
    return [m.index(r, column).data() for r in range(m.rowCount())]


def _fixes(db: Path) -> list[AddressFix]:
    store = open_store(db)
    try:
        with store.session() as s:
            return list(s.scalars(select(AddressFix).order_by(AddressFix.id)))
    finally:
        store.close()


def _statuses(db: Path) -> dict[str, str | None]:
    store = open_store(db)
    try:
        with store.session() as s:
            return {h.household_no: h.match_status for h in s.scalars(select(Household))}
    finally:
        store.close()


def _reloaded(page: GazetteerPage, qtbot, action: Callable[[], object]) -> None:  # type: ignore[no-untyped-def]
    """Do ``action`` and wait until the page has shown the store after it."""
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        action()
    wait_idle(qtbot, page.window())


# --- what the page shows ---------------------------------------------------------------------


def test_page_shows_the_counts_of_a_matched_ward(gz: GazetteerPage) -> None:
    assert _tile(gz, "residence") == ("号", "3", "25.0%")
    assert _tile(gz, "block") == ("街区", "2", "16.7%")
    assert _tile(gz, "town") == ("町字のみ", "2", "16.7%")
    assert _tile(gz, "ambiguous") == ("候補が複数", "3", "25.0%")
    assert _tile(gz, "unmatched") == ("照合できず", "2", "16.7%")
    assert _tile(gz, "manual") == ("手作業", "0", "0.0%")
    assert not gz.tiles["not_run"].isVisibleTo(gz)
    assert "全12世帯・照合率（街区以上）41.7%" in gz.totals_label.text()
    assert "前回の照合" in gz.totals_label.text() and "（tester）" in gz.totals_label.text()
    assert [gz.tabs.tabText(i) for i in range(3)] == ["照合できない住所（2）", "候補が複数の住所（2）", "手作業の修正（0）"]


def test_town_table_lists_the_worst_towns_first_and_sorts(gz: GazetteerPage) -> None:
    view = gz.towns_view
    headers = [view.model().headerData(c, Qt.Orientation.Horizontal) for c in range(view.model().columnCount())]
    assert headers == ["町字", "世帯数", "号", "街区", "町字のみ", "候補が複数", "照合できず", "手作業", "未照合", "照合率"]
    rates = _column(view, 9)
    assert rates == sorted(rates, key=lambda r: float(r.rstrip("%")))
    assert dict(zip(_column(view, 0), rates, strict=True))["桜台一丁目"] == "100.0%"
    row = _column(view, 0).index("桜台二丁目")
    assert [view.model().index(row, c).data() for c in range(1, 9)] == ["3", "0", "0", "0", "2", "1", "0", "0"]
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    households = [int(n) for n in _column(view, 1)]
    assert households == sorted(households, reverse=True) and _column(view, 0)[0] == "桜台一丁目"


def test_work_lists_show_addresses_households_and_reasons(gz: GazetteerPage) -> None:
    assert _column(gz.unmatched_view, 0) == [UNMATCHED_ADDRESS, "旭が丘9999番地"]
    assert _column(gz.unmatched_view, 1) == ["桜台二丁目", "（町字未判定）"]
    assert _column(gz.unmatched_view, 4) == ["番地が住所辞書にありません", "町字を特定できません"]
    model = gz.ambiguous_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["住所", "世帯数", "書き方", "候補数", "候補間の距離", "世帯番号", "理由"]
    row = _column(gz.ambiguous_view, 0).index(AMBIGUOUS_ADDRESS)
    assert [model.index(row, c).data() for c in range(model.columnCount())] == [
        AMBIGUOUS_ADDRESS, "2", "1", "2", "150 m", "G000005、G000006", "同じ住所の地点が離れて複数あります"]


def test_selecting_an_ambiguous_address_shows_its_candidates(gz: GazetteerPage) -> None:
    assert gz.select_group("ambiguous", address_key(SAME_NAME_ADDRESS))
    assert gz.tabs.currentWidget() is gz.ambiguous_tab
    assert sorted(_column(gz.candidates_view, 0)) == ["架空市 青葉町（町字の代表点）", "見本市 青葉町（町字の代表点）"]
    assert "同じ名前の町字が複数あります" in gz.candidate_heading.text()
    assert not gz.choose_button.isEnabled()  # no candidate selected yet
    gz.select_candidate(0)
    assert gz.choose_button.isEnabled() and gz.place_ambiguous_button.isEnabled()
    assert gz.select_group("ambiguous", address_key(AMBIGUOUS_ADDRESS))
    assert _column(gz.candidates_view, 0) == ["桜台二丁目 5番8号", "桜台二丁目 5番8号"]
    assert _column(gz.candidates_view, 2) == ["ABR 住居表示（号）", "位置参照情報（街区）"]
    assert _column(gz.candidates_view, 1) == ["150 m", "150 m"]


def test_page_speaks_japanese(gz: GazetteerPage) -> None:
    window = gz.window()
    gz.select_group("ambiguous", address_key(AMBIGUOUS_ADDRESS))
    allowed = (window.ctx.store.location, Path(window.ctx.store.location).name, "wardapp")
    assert english_texts(window, allowed) == []
    texts = _visible_texts(window)
    for expected in ("住所辞書", "照合を実行(&R)", "この候補に決める(&C)", "地点を指定(&P)…", "町字ごとの照合率",
                     "住所辞書データの取り込み(&A)…", "地図レイヤの取り込み(&M)…"):
        assert expected in texts


def test_the_page_reads_the_store_only_when_shown(open_window, gz_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(gz_db("matched"))
    page = next(p for p in window.pages if isinstance(p, GazetteerPage))
    assert page.review is None  # the residents page is shown: nothing read yet
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        window.show_page(window.pages.index(page))
    window.show_page(0)
    page.store_changed()  # an import while the page is hidden: read again when shown
    wait_idle(qtbot, window)
    assert page._stale
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        window.show_page(window.pages.index(page))


# --- running matching ------------------------------------------------------------------------


def test_run_matching_from_the_button_updates_the_counts(open_window, gz_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(gz_db("raw"))
    page = gazetteer_page(window)
    qtbot.waitUntil(lambda: page.review is not None, timeout=TIMEOUT)
    assert page.tiles["not_run"].isVisibleTo(page) and _tile(page, "not_run")[1] == "12"
    assert "照合はまだ実行されていません" in page.totals_label.text()
    assert "12世帯はまだ照合されていません" in page.totals_label.text()
    _reloaded(page, qtbot, page.run_button.click)
    assert _tile(page, "residence")[1] == str(COUNTS["residence"])
    assert _tile(page, "ambiguous")[1] == str(COUNTS["ambiguous"])
    assert not page.tiles["not_run"].isVisibleTo(page)
    assert page.unmatched_model.rowCount() == 2 and page.ambiguous_model.rowCount() == 2
    assert window.statusBar().currentMessage().startswith("12世帯を照合しました（")
    assert f"（{window.ctx.user}）" in page.totals_label.text()


def test_matching_tells_the_other_pages(open_window, gz_db, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Matching moves households: the map (its points, its selection index) must read again."""
    from wardapp.ui.pages.map import MapPage

    window = open_window(gz_db("raw"))
    page = gazetteer_page(window)
    qtbot.waitUntil(lambda: page.review is not None, timeout=TIMEOUT)
    map_page = next(p for p in window.pages if isinstance(p, MapPage))
    told: list[str] = []
    monkeypatch.setattr(map_page, "store_changed", lambda: told.append("map"))
    with qtbot.waitSignal(page.store_written, timeout=TIMEOUT):
        page.run_button.click()
    assert told == ["map"]


def test_run_matching_shows_progress_and_can_be_cancelled(open_window, gz_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    db = gz_db("raw")
    window = open_window(db)
    page = gazetteer_page(window)
    qtbot.waitUntil(lambda: page.review is not None, timeout=TIMEOUT)
    # Hold the database worker so that the matching task is still queued when it is cancelled.
    gate = threading.Event()
    window.ctx.tasks.run(lambda _p: gate.wait(TIMEOUT / 1000))
    page.run_button.click()
    assert not page.run_button.isEnabled()
    task = next(t for t in window.ctx.tasks._running if t.dialog is not None)
    assert task.dialog.windowTitle() == "住所の照合"
    task.cancel()
    gate.set()
    wait_idle(qtbot, window)
    box = find_top_level(QMessageBox, "errorBox")
    assert box is not None and "取り消されました" in box.text()
    box.close()
    assert set(_statuses(db).values()) == {None}  # nothing was written
    assert page.run_button.isEnabled()


# --- fixing ----------------------------------------------------------------------------------


def test_choosing_a_candidate_records_who_and_moves_the_households_to_manual(gz: GazetteerPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    gz.select_group("ambiguous", address_key(AMBIGUOUS_ADDRESS))
    gz.select_candidate(1)
    chosen = gz.current_candidate()
    assert chosen is not None and chosen.point_id is not None
    with qtbot.waitSignal(gz.fixed, timeout=TIMEOUT) as fixed:
        gz.choose_button.click()
    assert fixed.args == [2]
    qtbot.waitUntil(lambda: gz.review is not None and gz.review.rates.total.manual == 2, timeout=TIMEOUT)
    wait_idle(qtbot, gz.window())
    db = Path(gz.ctx.store.location)
    [fix] = _fixes(db)
    assert (fix.address, fix.point_id, fix.created_by) == (AMBIGUOUS_ADDRESS, chosen.point_id, gz.ctx.user)
    assert gz.ctx.user == getpass.getuser()
    statuses = _statuses(db)
    assert statuses["G000005"] == statuses["G000006"] == "manual"
    assert _tile(gz, "manual")[1] == "2" and _tile(gz, "ambiguous")[1] == "1"
    assert gz.tabs.tabText(2) == "手作業の修正（1）"
    assert _column(gz.fixes_view, 0) == [AMBIGUOUS_ADDRESS]
    assert _column(gz.fixes_view, 1) == ["桜台二丁目 5番8号"]
    assert _column(gz.fixes_view, 5) == [gz.ctx.user]
    assert "2世帯の位置を 桜台二丁目 5番8号 に決めました" in gz.window().statusBar().currentMessage()
    # The list moved on to the next address, ready for the next decision.
    assert gz.current_group() is not None and gz.current_group().address == SAME_NAME_ADDRESS


def test_choosing_a_town_centre_candidate_places_at_its_position(gz: GazetteerPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    gz.select_group("ambiguous", address_key(SAME_NAME_ADDRESS))
    row = next(r for r in range(gz.candidate_model.rowCount()) if gz.candidate_model.record(r).point_id is None)
    gz.select_candidate(row)
    place = gz.current_candidate()
    gz.candidates_view.setFocus()
    with qtbot.waitSignal(gz.fixed, timeout=TIMEOUT):
        qtbot.keyClick(gz.candidates_view, Qt.Key.Key_Return)  # Enter chooses, like the button
    wait_idle(qtbot, gz.window())
    [fix] = _fixes(Path(gz.ctx.store.location))
    assert fix.point_id is None and (fix.lat, fix.lon) == (place.lat, place.lon)


def test_a_row_of_several_spellings_fixes_every_spelling(open_window, gz_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    db = gz_db("raw")
    store = open_store(db)
    with store.transaction() as s:
        s.add(Household(household_no="G000020", address="桜台2丁目5-8"))
    match_households(store, actor=SYSTEM)
    store.close()
    window = open_window(db)
    page = gazetteer_page(window)
    qtbot.waitUntil(lambda: page.review is not None, timeout=TIMEOUT)
    page.select_group("ambiguous", address_key(AMBIGUOUS_ADDRESS))
    assert page.current_group().spellings == 2
    page.select_candidate(0)
    with qtbot.waitSignal(page.fixed, timeout=TIMEOUT) as fixed:
        page.choose_button.click()
    assert fixed.args == [3]
    wait_idle(qtbot, window)
    assert sorted(f.address for f in _fixes(db)) == sorted([AMBIGUOUS_ADDRESS, "桜台2丁目5-8"])
    assert _statuses(db)["G000020"] == "manual"


def _ime(widget: QWidget, text: str) -> None:
    """Type Japanese as the IME commits it (QTest.keyClicks is Latin-1 only)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _open_place_dialog(page: GazetteerPage, qtbot) -> PlacePointDialog:  # type: ignore[no-untyped-def]
    page.place_unmatched_button.click() if page.tabs.currentWidget() is page.unmatched_tab \
        else page.place_ambiguous_button.click()
    dlg = page.place_dialog
    assert dlg is not None and dlg.isVisible()
    qtbot.waitUntil(lambda: dlg.town_combo.count() > 0 and dlg.model.rowCount() > 0, timeout=TIMEOUT)
    return dlg


def test_placing_by_latitude_and_longitude_validates(gz: GazetteerPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert gz.select_group("unmatched", address_key("旭が丘9999番地"))
    dlg = _open_place_dialog(gz, qtbot)
    assert dlg.windowTitle() == "地点の指定"
    qtbot.keyClicks(dlg.lat_edit, "139.76")  # swapped with the longitude
    assert dlg.coord_mode.isChecked() and dlg.lat_edit.isEnabled()
    qtbot.keyClicks(dlg.lon_edit, "35.68")
    dlg.ok_button.click()
    assert dlg.isVisible() and dlg.error_label.isVisibleTo(dlg)
    assert dlg.error_label.text().startswith("緯度は 20〜46 の範囲で")
    dlg.lat_edit.clear()
    _ime(dlg.lat_edit, "北緯35度")
    dlg.ok_button.click()
    assert dlg.isVisible() and "10進数" in dlg.error_label.text()
    # A pair copied from a web map goes into the latitude box whole (full-width from the IME too).
    dlg.lat_edit.clear()
    _ime(dlg.lat_edit, "３５．４５６１，　１３９．６１２３")
    assert (dlg.lat_edit.text(), dlg.lon_edit.text()) == ("35.4561", "139.6123")
    # Typed by hand, the separator after the latitude moves on to the longitude box.
    dlg.lat_edit.clear()
    dlg.lon_edit.clear()
    dlg.lat_edit.setFocus()
    qtbot.keyClicks(dlg.lat_edit, "35.4561,")
    assert dlg.lat_edit.text() == "35.4561" and dlg.lon_edit.hasFocus()
    qtbot.keyClicks(dlg.lon_edit, "139.6123")
    dlg.note_edit.setText("現地で確認")
    with qtbot.waitSignal(gz.fixed, timeout=TIMEOUT):
        dlg.ok_button.click()
    wait_idle(qtbot, gz.window())
    [fix] = _fixes(Path(gz.ctx.store.location))
    assert (fix.address, fix.point_id, fix.lat, fix.lon, fix.note, fix.created_by) == (
        "旭が丘9999番地", None, 35.4561, 139.6123, "現地で確認", gz.ctx.user)
    assert gz.unmatched_model.rowCount() == 1 and gz.fix_model.rowCount() == 1
    assert _column(gz.fixes_view, 1) == ["緯度・経度を指定"]


def test_placing_at_a_point_of_the_town(gz: GazetteerPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    gz.select_group("unmatched", address_key(UNMATCHED_ADDRESS))
    dlg = _open_place_dialog(gz, qtbot)
    assert dlg.town_combo.currentText() == "架空市 桜台二丁目"  # the address's own town
    assert dlg.point_mode.isChecked()
    dlg.ok_button.click()
    assert dlg.isVisible() and dlg.error_label.text() == "一覧から地点を選ぶか、緯度・経度を入力してください。"
    _ime(dlg.search_edit, "５－９")
    qtbot.waitUntil(lambda: dlg.model.rowCount() == 1, timeout=TIMEOUT)
    assert dlg.model.index(0, 0).data() == "5番9号" and dlg.count_label.text() == "3地点中 1地点"
    target = dlg.model.record(0)
    with qtbot.waitSignal(gz.fixed, timeout=TIMEOUT):
        dlg.ok_button.click()
    wait_idle(qtbot, gz.window())
    [fix] = _fixes(Path(gz.ctx.store.location))
    assert fix.point_id == target.point_id and fix.address == UNMATCHED_ADDRESS
    assert _statuses(Path(gz.ctx.store.location))["G000010"] == "manual"


def test_the_place_dialog_can_change_town_and_cancel(gz: GazetteerPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    gz.select_group("unmatched", address_key(UNMATCHED_ADDRESS))
    dlg = _open_place_dialog(gz, qtbot)
    with qtbot.waitSignal(dlg.points_loaded, timeout=TIMEOUT):
        dlg.town_combo.setCurrentIndex(dlg.town_combo.findText("架空市 緑町"))
    assert _column(dlg.points_view, 0) == ["（町字の代表点）", "4番地", "10番地2"]
    dlg.reject()
    wait_idle(qtbot, gz.window())
    assert _fixes(Path(gz.ctx.store.location)) == []


@pytest.mark.parametrize(("share", "text"), [(0.0, "0.0%"), (3 / 18791, "<0.1%"), (0.25, "25.0%"), (18783 / 18791, "99.9%"),
                                             (1.0, "100.0%")])
def test_percent_never_rounds_a_remainder_away(share: float, text: str) -> None:
    assert percent(share) == text


@pytest.mark.parametrize(("text", "value"), [("35.5", 35.5), ("３５．５", 35.5), (" 139 ", 139.0), ("-1.5", -1.5),
                                             ("35.5°", 35.5), ("", None), ("35,5", None), ("abc", None)])
def test_parse_degrees(text: str, value: float | None) -> None:
    assert parse_degrees(text) == value


def test_undo_a_fix(open_window, gz_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    db = gz_db("matched")
    store = open_store(db)
    fix_address(store, UNMATCHED_ADDRESS, user="suzuki", lat=35.4561, lon=139.6123, actor=SYSTEM)
    g = next(g for g in address_groups(store, "ambiguous", actor=SYSTEM) if g.address == AMBIGUOUS_ADDRESS)
    fix_address(store, AMBIGUOUS_ADDRESS, user="suzuki", point_id=g.candidates[0].point_id, actor=SYSTEM)
    store.close()
    window = open_window(db)
    page = gazetteer_page(window)
    qtbot.waitUntil(lambda: page.review is not None, timeout=TIMEOUT)
    assert page.tabs.tabText(2) == "手作業の修正（2）"
    assert _column(page.fixes_view, 5) == ["suzuki", "suzuki"]
    assert not page.undo_button.isEnabled()
    assert page.select_fix(address_key(AMBIGUOUS_ADDRESS))
    # 「いいえ」 keeps the fix.
    box = page.undo_button.click() or page.confirm_box
    assert box is not None and "桜台二丁目5番8号 の修正を取り消しますか" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    wait_idle(qtbot, window)
    assert len(_fixes(db)) == 2
    page.undo_button.click()
    with qtbot.waitSignal(page.fixed, timeout=TIMEOUT) as undone:
        page.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    assert undone.args == [2]
    wait_idle(qtbot, window)
    assert [f.address for f in _fixes(db)] == [UNMATCHED_ADDRESS]
    assert _statuses(db)["G000005"] == "ambiguous"
    assert _column(page.fixes_view, 0) == [UNMATCHED_ADDRESS]
    assert page.tabs.tabText(1) == "候補が複数の住所（2）"
    assert "修正を取り消し、2世帯を照合し直しました" in window.statusBar().currentMessage()


# --- File menu -------------------------------------------------------------------------------


class _FakeReport:
    def __init__(self, text: str, data: dict[str, Any]) -> None:
        self._text, self._data = text, data

    def summary_ja(self) -> str:
        return self._text

    def to_json(self) -> dict[str, Any]:
        return self._data


def test_import_address_dictionary_from_the_file_menu(gz_window: MainWindow, qtbot, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from wardapp.address import dictionary

    calls: list[tuple[list[Path], str]] = []

    def fake_import(store, paths, *, format="auto", progress=None, **_kw):  # type: ignore[no-untyped-def]
        assert progress is not None
        progress.report(1, 2, "読み込み中")
        calls.append((list(paths), format))
        return _FakeReport("住所データを取り込みました: 架空.csv、3行。", {"rows": 3})

    monkeypatch.setattr(dictionary, "import_addresses", fake_import)
    files = [tmp_path / "abr.zip", tmp_path / "isj.csv"]
    monkeypatch.setattr(gz_window.dictionary_flow, "choose_files", lambda: files)
    page = gazetteer_page(gz_window)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):  # the pages reload after the import
        gz_window.dictionary_action.trigger()
    # Under load the page's first load may be the one that signalled: wait for the import itself.
    qtbot.waitUntil(lambda: bool(calls) and gz_window.dictionary_flow.report_box is not None, timeout=TIMEOUT)
    assert calls == [(files, "auto")]
    box = gz_window.dictionary_flow.report_box
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "住所辞書データを取り込みました"
    assert box.text() == "住所データを取り込みました: 架空.csv、3行。" and '"rows": 3' in box.detailedText()
    # 「今すぐ照合を実行」 runs matching and the page shows its result.
    assert gz_window.dictionary_flow.match_button is not None
    assert gz_window.dictionary_flow.match_button.text() == "今すぐ照合を実行(&R)"
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        gz_window.dictionary_flow.match_button.click()
    wait_idle(qtbot, gz_window)
    qtbot.waitUntil(lambda: load_review(gz_window.ctx.store, actor=SYSTEM).last_run is not None, timeout=TIMEOUT)
    review = load_review(gz_window.ctx.store, actor=SYSTEM)
    assert review.last_run is not None and review.last_run.user == gz_window.ctx.user


def test_import_map_layer_from_the_file_menu(gz_window: MainWindow, qtbot, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from wardapp.geo import layers

    calls: list[dict[str, Any]] = []

    def fake_layer(store, path, *, kind, actor, mapping=None, progress=None, user=None):  # type: ignore[no-untyped-def]
        calls.append({"path": path, "kind": kind, "mapping": mapping, "user": user, "actor": actor})
        return _FakeReport("浸水想定区域を取り込みました: 12件。", {"features": 12})

    monkeypatch.setattr(layers, "import_layer", fake_layer)
    gz_window.layer_action.trigger()
    dlg = gz_window.layer_flow.dialog
    assert dlg is not None and dlg.isVisible()
    kinds = [dlg.kind_combo.itemText(i) for i in range(dlg.kind_combo.count())]
    assert kinds == ["町字の境界", "浸水想定区域", "避難所・避難場所", "その他の施設"]
    assert not dlg.ok_button.isEnabled()  # no file yet
    dlg.path_edit.setText(str(tmp_path / "A31.geojson"))
    dlg.kind_combo.setCurrentIndex(1)
    with qtbot.waitSignal(gz_window.layer_flow.imported, timeout=TIMEOUT):
        dlg.ok_button.click()
    assert calls == [{"path": tmp_path / "A31.geojson", "kind": "flood", "mapping": None,
                      "user": gz_window.ctx.user, "actor": gz_window.ctx.actor}]  # the GUI acts as ctx.actor
    box = gz_window.layer_flow.report_box
    assert box is not None and box.text() == "浸水想定区域を取り込みました: 12件。"
    assert box.windowTitle() == "地図レイヤを取り込みました"
    box.close()


def test_a_rejected_layer_shows_the_error_dialog(gz_window: MainWindow, qtbot, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from wardapp.errors import InputProblem, InputRejected
    from wardapp.geo import layers

    def fake_layer(store, path, **_kw):  # type: ignore[no-untyped-def]
        raise InputRejected(path.name, [InputProblem(3, "geometry", None, "図形がありません")])

    monkeypatch.setattr(layers, "import_layer", fake_layer)
    gz_window.layer_flow.run(tmp_path / "bad.geojson", "shelter")
    wait_idle(qtbot, gz_window)
    box = find_top_level(QMessageBox, "errorBox")
    assert box is not None and "bad.geojson を取り込めませんでした" in box.text()
    assert "図形がありません" in box.detailedText()
    box.close()


# --- models ----------------------------------------------------------------------------------


def _tester(model) -> QAbstractItemModelTester:  # type: ignore[no-untyped-def]
    return QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)


def test_models_pass_the_model_tester(gz_db, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    db = gz_db("matched")
    store = open_store(db)
    g = next(g for g in address_groups(store, "ambiguous", actor=SYSTEM) if g.address == AMBIGUOUS_ADDRESS)
    fix_address(store, UNMATCHED_ADDRESS, user="suzuki", lat=35.45, lon=139.61, actor=SYSTEM)
    review = load_review(store, actor=SYSTEM)
    places = search_points(store, 1)
    store.close()
    cases: list[tuple[Any, list[Any]]] = [
        (TownRateModel(), review.rates.towns),
        (AddressGroupModel(), review.unmatched),
        (AddressGroupModel(with_candidates=True), review.ambiguous),
        (CandidateModel(), list(g.candidates)),
        (PointModel(), places),
        (FixModel(), review.fixes),
    ]
    for model, rows in cases:
        qtmodeltester.check(model)  # empty
        tester = _tester(model)
        view = QTableView()
        view.setModel(model)
        model.set_rows(rows)
        assert model.rowCount() == len(rows) > 0
        view.selectRow(model.rowCount() - 1)
        selected = model.record(model.rowCount() - 1)
        for column in range(model.columnCount()):
            model.sort(column, Qt.SortOrder.DescendingOrder)
            model.sort(column, Qt.SortOrder.AscendingOrder)
            # The selection follows its record through the sort.
            assert model.record(view.currentIndex().row()) is selected
        model.set_rows(rows[:1])
        model.set_rows([])
        qtmodeltester.check(model)
        del tester


def test_model_sort_is_kept_for_new_rows(gz_db) -> None:  # type: ignore[no-untyped-def]
    store = open_store(gz_db("matched"))
    towns = load_review(store, actor=SYSTEM).rates.towns
    store.close()
    model = TownRateModel()
    model.sort(1, Qt.SortOrder.DescendingOrder)
    model.set_rows(towns)
    counts = [r.counts.households for r in model.rows]
    assert counts == sorted(counts, reverse=True)
    model.sort(-1)  # no sort indicator: the core's order
    model.set_rows(towns)
    assert model.rows == towns
    assert model.as_text().splitlines()[0].startswith("町字\t世帯数\t号")
