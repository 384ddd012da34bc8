"""The 地図 page's selections beyond drawing: 町字, 浸水深 classes, saved areas, search, freshness.

On the tiny map ward of ``map_samples`` (three towns, six households, one of them without a
point) with two more flood zones and a stored scoring run, so every expectation is known by
hand:

* towns 見本町一丁目 + 試作町 list H0001, H0002, H0005 (numbered by score) and then H0006,
  which has no point: numbered last, no marker — even though its score is the highest;
* the flood classes present are 0 / 0.5 / 3 / 5 m; 「0.5 m以上」 is H0003, H0004 (one point,
  one marker 「1,2」) and H0005;
* a saved circle or polygon reopens as the same shape on the map with the same numbers;
* a taken name asks before replacing; a saved area can be deleted;
* search by kana or 世帯番号 flies the map to the household;
* after the store changed, the selection index is rebuilt and the area on screen relisted.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import shapely
from shapely.geometry import box

from wardapp.security import SYSTEM
from wardapp.ui.map.scheme import register_scheme

register_scheme()  # before pytest-qt's QApplication (see test_map_view.py)

from gui_helpers import TIMEOUT, wait_idle  # noqa: E402
from map_samples import ON, build_map_ward  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QAbstractItemModelTester  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from wardapp.geo.selection import (  # noqa: E402
    CircleArea,
    TownsArea,
    list_selections,
    load_selection,
    select_area,
)
from wardapp.store import Household, Store, Town, open_store  # noqa: E402
from wardapp.store.models import HazardZone  # noqa: E402
from wardapp.ui.main_window import MainWindow  # noqa: E402
from wardapp.ui.models.town_choices import TownIdRole  # noqa: E402
from wardapp.ui.pages.map import MapPage  # noqa: E402

pytestmark = pytest.mark.gui

# Extra flood zones: 0.5–3 m around H0003/H0004 (one point), 5–10 m around H0005.
EXTRA_FLOOD = [(2, 0.5, 3.0, "0.5m以上3m未満", box(139.605, 35.441, 139.606, 35.442)),
               (4, 5.0, 10.0, "5m以上10m未満", box(139.609, 35.442, 139.610, 35.443))]


@pytest.fixture(scope="module")
def ward_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from wardapp import scoring

    path = tmp_path_factory.mktemp("mapsel") / "ward.sqlite3"
    store = build_map_ward(path)
    with store.transaction() as s:
        for rank, lo, hi, label, g in EXTRA_FLOOD:
            s.add(HazardZone(kind="flood", rank=rank, depth_min=lo, depth_max=hi, label=label,
                             geometry_wkb=shapely.to_wkb(g), source="test"))
    scoring.save_scores(store, scoring.score(store, scoring.default_profile(), ON), user="test", actor=SYSTEM)
    store.close()
    return path


@pytest.fixture
def db(tmp_path: Path, ward_template: Path) -> Path:
    import shutil

    path = tmp_path / "ward.sqlite3"
    shutil.copy(ward_template, path)
    return path


@pytest.fixture
def page(open_window: Callable[..., MainWindow], db: Path, qtbot) -> MapPage:  # type: ignore[no-untyped-def]
    window = open_window(db)
    p = next(p for p in window.pages if isinstance(p, MapPage))
    p.on = ON
    with qtbot.waitSignals([p.map_ready, p.index_ready], timeout=TIMEOUT * 2):
        window.show_page(window.pages.index(p))
    wait_idle(qtbot, window)
    return p


def js(qtbot, page: MapPage, script: str) -> Any:  # type: ignore[no-untyped-def]
    box_: list[Any] = []
    page.view.run_js(f"JSON.stringify({script})", lambda r: box_.append(r))
    qtbot.waitUntil(lambda: bool(box_), timeout=TIMEOUT)
    return None if box_[0] in (None, "") else json.loads(box_[0])


def wait_js(qtbot, page: MapPage, script: str, ok: Callable[[Any], bool] = bool) -> Any:  # type: ignore[no-untyped-def]
    seen: list[Any] = []

    def check() -> bool:
        seen.append(js(qtbot, page, script))
        return ok(seen[-1])

    qtbot.waitUntil(check, timeout=TIMEOUT)
    return seen[-1]


# The numbered markers on the map, in number order, with the label text each one shows in the
# page ("" for a marker drawn as a dot because its label would cover a lower number's).
MARKERS = ("wardapp.layers.numbered.getLayers().map(function (l) { var p = l.getLatLng(); "
           "return [p.lat, p.lng, l.getElement() ? l.getElement().textContent : null]; })")


def listed(page: MapPage) -> list[tuple[int, str]]:
    """(number, 世帯番号) of the list's household rows, as shown."""
    m = page.selection_model
    return [(int(m.index(r, 0).data()), str(m.index(r, 1).data())) for r in range(m.rowCount())]


def ids(store_path: Path) -> tuple[dict[str, int], dict[str, int]]:
    store = open_store(store_path)
    try:
        with store.session() as s:
            return (dict(s.query(Household.household_no, Household.id).all()),
                    dict(s.query(Town.code, Town.id).all()))
    finally:
        store.close()


def core_numbers(store: Store, area: Any) -> list[tuple[int, str]]:
    return [(h.number, h.household_no) for h in select_area(store, area, on=ON, actor=SYSTEM).rows]


def check_markers_match_the_list(qtbot, page: MapPage) -> list[str]:  # type: ignore[no-untyped-def]
    """Every located household's number is on a marker at its point; the others have none."""
    assert page.selection is not None
    located = page.selection.households
    expected = [m.label for m in page.selection.markers()]
    markers = wait_js(qtbot, page, MARKERS, lambda v: len(v) == len(expected) and all(m[2] for m in v))
    assert [m["label"] for m in js(qtbot, page, "wardapp.numberedMarkers()")] == expected
    at_marker = {}
    for lat, lon, label in markers:
        for n in label.split(","):
            at_marker[int(n)] = (lat, lon)
    assert at_marker == {h.number: (h.lat, h.lon) for h in located}
    assert all(h.number not in at_marker for h in page.selection.without_point)
    return [m[2] for m in markers]


# --- 町字 ---------------------------------------------------------------------------------------


def test_towns_selection_lists_exactly_their_households_with_the_markers_numbers(  # type: ignore[no-untyped-def]
        qtbot, page: MapPage, db: Path) -> None:
    households, towns = ids(db)
    dlg = page.pick_towns()
    assert dlg is not None and dlg.isVisible()
    QAbstractItemModelTester(dlg.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    QAbstractItemModelTester(dlg.proxy, QAbstractItemModelTester.FailureReportingMode.Fatal)
    # every town with households, in dictionary order, with its count (H0006 counts for 試作町)
    assert [(t.name, t.households) for t in dlg.model.towns] == [("見本町一丁目", 2), ("見本町二丁目", 2), ("試作町", 2)]
    assert dlg.model.index(0, 1).data() == "2"
    # filter 「見本」 and check everything shown: both 見本町 towns
    dlg.filter_edit.setText("見本")
    assert dlg.shown_ids() == [towns["M001"], towns["M002"]]
    dlg.check_shown_button.click()
    assert dlg.chosen_ids() == [towns["M001"], towns["M002"]]
    dlg.uncheck_button.click()
    assert dlg.chosen_ids() == [] and not dlg.buttons.button(dlg.buttons.StandardButton.Ok).isEnabled()
    dlg.filter_edit.clear()
    for code in ("M001", "M003"):
        row = next(r for r in range(dlg.proxy.rowCount()) if dlg.proxy.index(r, 0).data(TownIdRole) == towns[code])
        assert dlg.proxy.setData(dlg.proxy.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert "4 households" in dlg.summary.text() or "4世帯" in dlg.summary.text()
    with qtbot.waitSignal(page.selection_shown, timeout=TIMEOUT) as blocker:
        dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    assert blocker.args == [4]

    # 世帯スコア: H0001 6 (aged), H0005 4 (5 m flood zone), H0002 0; H0006 has no point: last,
    # although its 11 is the highest
    assert listed(page) == [(1, "H0001"), (2, "H0005"), (3, "H0002"), (4, "H0006")]
    store = open_store(db)
    try:
        assert listed(page) == core_numbers(store, TownsArea((towns["M001"], towns["M003"])))
    finally:
        store.close()
    assert page.selection is not None and [h.household_no for h in page.selection.without_point] == ["H0006"]
    assert page.selection.without_point[0].score > page.selection.households[0].score
    assert check_markers_match_the_list(qtbot, page) == ["1", "2", "3"]
    assert "見本町一丁目" in page.selection_caption.text() and "試作町" in page.selection_caption.text()
    assert "4番以降" in page.selection_notes.text()
    # both towns are outlined on the map
    assert wait_js(qtbot, page, "wardapp.drawnAreas().length", lambda n: n == 2) == 2
    # the picker opens again with those towns checked; the same towns give the same numbers
    again = page.pick_towns()
    assert again is not None and again.chosen_ids() == [towns["M001"], towns["M003"]]
    with qtbot.waitSignal(page.selection_shown, timeout=TIMEOUT):
        again.accept()
    assert listed(page) == [(1, "H0001"), (2, "H0005"), (3, "H0002"), (4, "H0006")]


# --- 浸水深 ----------------------------------------------------------------------------------------


def test_flood_class_selection(qtbot, page: MapPage) -> None:  # type: ignore[no-untyped-def]
    # every depth_min of the HazardZone fixtures, with the households each class would list
    assert list(page.flood_classes) == [(0.0, 5), (0.5, 3), (3.0, 1), (5.0, 1)]
    assert page.flood_button.isEnabled()
    actions = page.flood_menu.actions()
    assert [a.data() for a in actions] == [0.0, 0.5, 3.0, 5.0]
    assert "0.5" in actions[1].text() and "3" in actions[1].text()  # 「浸水深 0.5 m以上（3世帯）」
    with qtbot.waitSignal(page.selection_shown, timeout=TIMEOUT) as blocker:
        actions[1].trigger()
    assert blocker.args == [3]
    # 世帯スコア 13 (aged 75, 0.5 m), 8 (aged 74, 0.5 m), 4 (5 m)
    assert listed(page) == [(1, "H0003"), (2, "H0004"), (3, "H0005")]
    # H0003 and H0004 live at one point: one marker for both numbers
    assert check_markers_match_the_list(qtbot, page) == ["1,2", "3"]
    assert "0.5 m以上" in page.selection_caption.text()
    # the zones of the class are outlined: 0.5 m, 3 m and 5 m zones
    assert wait_js(qtbot, page, "wardapp.drawnAreas().length", lambda n: n == 3) == 3

    with qtbot.waitSignal(page.selection_shown, timeout=TIMEOUT) as blocker:
        actions[3].trigger()
    assert blocker.args == [1] and listed(page) == [(1, "H0005")]
    assert check_markers_match_the_list(qtbot, page) == ["1"]


# --- saved areas -----------------------------------------------------------------------------------

# About 380 m to H0001, 300 m to H0002, 30 m to H0003/H0004; H0005 (410 m) stays out.
CIRCLE = {"type": "Circle", "center": [139.6052, 35.4413], "radius_m": 398.75}
POLYGON = [[35.4405, 139.6005], [35.4430, 139.6005], [35.4430, 139.6070], [35.4405, 139.6070]]


def draw(qtbot, page: MapPage, kind: str) -> int:  # type: ignore[no-untyped-def]
    if kind == "circle":
        lon, lat = CIRCLE["center"]  # type: ignore[misc]
        script = f"wardapp.areaDrawn(L.circle([{lat}, {lon}], {{radius: {CIRCLE['radius_m']}}}), 'circle')"
    else:
        script = f"wardapp.areaDrawn(L.polygon({json.dumps(POLYGON)}), 'polygon')"
    with qtbot.waitSignal(page.selection_shown, timeout=TIMEOUT) as blocker:
        page.view.run_js(script)
    return int(blocker.args[0])


def save(qtbot, page: MapPage, name: str, note: str = "") -> None:  # type: ignore[no-untyped-def]
    dlg = page.save_area()
    assert dlg is not None
    dlg.name_edit.setText(name)
    dlg.note_edit.setPlainText(note)
    dlg.buttons.button(dlg.buttons.StandardButton.Save).click()


def saved_dialog(qtbot, page: MapPage):  # type: ignore[no-untyped-def]
    """「保存した範囲を開く…」 with its list read."""
    dlg = page.open_saved()
    with qtbot.waitSignal(dlg.loaded, timeout=TIMEOUT):
        pass
    assert dlg.isVisible()
    return dlg


@pytest.mark.parametrize("kind", ["circle", "polygon"])
def test_save_list_open_restores_the_area_and_the_numbers(qtbot, page: MapPage, db: Path,  # type: ignore[no-untyped-def]
                                                          kind: str) -> None:
    n = draw(qtbot, page, kind)
    assert n >= 3
    before = listed(page)
    drawn = wait_js(qtbot, page, "wardapp.drawnAreas()")
    assert not page.save_dialog
    with qtbot.waitSignal(page.area_saved, timeout=TIMEOUT) as blocker:
        save(qtbot, page, "避難所Ａ周辺", "第1回の訓練")
    assert blocker.args == ["避難所A周辺"]  # stored as the core normalises it
    assert "避難所A周辺" in page.selection_caption.text()

    page.clear_selection()
    assert page.selection_model.rowCount() == 0
    assert wait_js(qtbot, page, "wardapp.drawnAreas().length + wardapp.numberedLabels().length",
                   lambda v: v == 0) == 0

    dlg = saved_dialog(qtbot, page)
    QAbstractItemModelTester(dlg.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert dlg.model.rowCount() == 1
    row = [dlg.model.index(0, c).data() for c in range(dlg.model.columnCount())]
    kind_ja = {"circle": "円", "polygon": "多角形"}[kind]
    assert row[:4] == ["避難所A周辺", kind_ja, str(n), page.ctx.user]
    assert row[4][:4].isdigit() and row[5] == "第1回の訓練"
    with qtbot.waitSignal(page.selection_shown, timeout=TIMEOUT) as blocker:
        dlg.open_button.click()
    assert blocker.args == [n]
    assert listed(page) == before  # same area, same data: the same numbers
    check_markers_match_the_list(qtbot, page)
    assert page.saved_name == "避難所A周辺"
    assert "避難所A周辺" in page.selection_caption.text() and "第1回の訓練" in page.selection_notes.text()
    # the map shows the very shape that was drawn
    reopened = wait_js(qtbot, page, "wardapp.drawnAreas()", lambda v: len(v) == 1)
    if kind == "circle":
        assert reopened == [CIRCLE] == drawn
    else:
        ring = reopened[0]["coordinates"][0]
        assert ring[:-1] == [[p[1], p[0]] for p in POLYGON] and drawn[0]["coordinates"][0] == ring


def test_a_taken_name_asks_before_replacing(qtbot, page: MapPage, db: Path) -> None:  # type: ignore[no-untyped-def]
    _, towns = ids(db)
    draw(qtbot, page, "circle")
    with qtbot.waitSignal(page.area_saved, timeout=TIMEOUT):
        save(qtbot, page, "AB地区")
    with qtbot.waitSignal(page.selection_shown, timeout=TIMEOUT):
        page.select_towns([towns["M002"]])
    assert page.saved_name is None

    save(qtbot, page, "ＡＢ地区")  # the same name in 全角
    qtbot.waitUntil(lambda: page.confirm_box is not None and page.confirm_box.isVisible(), timeout=TIMEOUT)
    assert "AB地区" in page.confirm_box.text()  # type: ignore[union-attr]
    page.confirm_box.button(QMessageBox.StandardButton.No).click()  # type: ignore[union-attr]
    wait_idle(qtbot, page.window())
    store = open_store(db)
    try:
        assert isinstance(load_selection(store, "AB地区")[0], CircleArea)  # kept
        with qtbot.waitSignal(page.area_saved, timeout=TIMEOUT):
            save(qtbot, page, "ＡＢ地区")
            qtbot.waitUntil(lambda: page.confirm_box is not None and page.confirm_box.isVisible(), timeout=TIMEOUT)
            page.confirm_box.button(QMessageBox.StandardButton.Yes).click()  # type: ignore[union-attr]
        area, info = load_selection(store, "AB地区")
        assert area == TownsArea((towns["M002"],)) and info.households == 2
        assert [i.name for i in list_selections(store)] == ["AB地区"]
    finally:
        store.close()
    assert page.saved_name == "AB地区"


def test_delete_a_saved_area(qtbot, page: MapPage, db: Path) -> None:  # type: ignore[no-untyped-def]
    draw(qtbot, page, "polygon")
    for name in ("東側", "西側"):
        with qtbot.waitSignal(page.area_saved, timeout=TIMEOUT):
            save(qtbot, page, name)
    dlg = saved_dialog(qtbot, page)
    assert sorted(dlg.model.index(r, 0).data() for r in range(dlg.model.rowCount())) == ["東側", "西側"]
    assert dlg.select_name("西側")
    box_ = dlg.delete_current()
    assert box_ is not None and "西側" in box_.text()
    with qtbot.waitSignals([dlg.deleted, dlg.loaded], timeout=TIMEOUT):
        box_.button(QMessageBox.StandardButton.Yes).click()
    assert [dlg.model.index(r, 0).data() for r in range(dlg.model.rowCount())] == ["東側"]
    # 西側 was the area on screen: it is no longer called saved
    assert page.saved_name is None and "西側" not in page.selection_caption.text()
    # No keeps it
    assert dlg.select_name("東側")
    keep = dlg.delete_current()
    assert keep is not None
    keep.button(QMessageBox.StandardButton.No).click()
    wait_idle(qtbot, page.window())
    store = open_store(db)
    try:
        assert [i.name for i in list_selections(store)] == ["東側"]
    finally:
        store.close()
    dlg.reject()


def test_open_fails_in_japanese_when_the_towns_are_gone(qtbot, page: MapPage, db: Path) -> None:  # type: ignore[no-untyped-def]
    from wardapp.geo.selection import save_selection

    store = open_store(db)
    try:
        save_selection(store, "消えた町", TownsArea((9999,)), user="u", actor=SYSTEM)
        sid = list_selections(store)[0].id
    finally:
        store.close()
    page.open_saved_area(sid)
    qtbot.waitUntil(lambda: "住所辞書にありません" in page.selection_caption.text(), timeout=TIMEOUT)
    assert page.selection is None


# --- search -------------------------------------------------------------------------------------------


def _centre(qtbot, page: MapPage, lat: float, lon: float) -> list[float]:  # type: ignore[no-untyped-def]
    return wait_js(qtbot, page, "[wardapp.map.getCenter().lat, wardapp.map.getCenter().lng, wardapp.map.getZoom(),"
                                "wardapp._highlight ? wardapp._highlight.getLatLng().lat : null]",
                   lambda c: abs(c[0] - lat) < 1e-5 and abs(c[1] - lon) < 1e-5 and c[2] == 18)


def test_search_by_kana_and_household_no_flies_to_the_household(qtbot, page: MapPage) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.search_shown, timeout=TIMEOUT) as blocker:
        page.search_edit.setText("すずき")  # 鈴木 次郎 (スズキ ジロウ), H0003
    assert blocker.args == [1] and page.search_list.isVisible()
    assert page.search_model.index(0, 0).data().startswith("H0003")
    with qtbot.waitSignal(page.household_shown, timeout=TIMEOUT):
        page.search_list.clicked.emit(page.search_model.index(0, 0))
    centre = _centre(qtbot, page, 35.4415, 139.6055)
    assert centre[3] == pytest.approx(35.4415)  # the found point is ringed
    assert "H0003" in page.detail_label.text()

    # a 世帯番号 and Return: the one result is flown to at once
    page.search_edit.setText("h0005")
    with qtbot.waitSignal(page.household_shown, timeout=TIMEOUT):
        page._search_now()
    _centre(qtbot, page, 35.4425, 139.6095)
    assert page.search_model.rowCount() == 1

    # a household without a point is found, and says so
    with qtbot.waitSignal(page.search_shown, timeout=TIMEOUT):
        page.search_edit.setText("イトウ")
    assert page.search_model.index(0, 0).data().startswith("H0006")
    assert "地図" in page.search_model.index(0, 0).data()  # 「（地図上にありません）」
    page.search_edit.clear()
    qtbot.waitUntil(lambda: not page.search_list.isVisible(), timeout=TIMEOUT)


# --- freshness ---------------------------------------------------------------------------------------


def test_store_changes_rebuild_the_index_and_relist_the_area(qtbot, page: MapPage, db: Path) -> None:  # type: ignore[no-untyped-def]
    households, towns = ids(db)
    with qtbot.waitSignal(page.selection_shown, timeout=TIMEOUT):
        page.select_towns([towns["M001"]])
    assert listed(page) == [(1, "H0001"), (2, "H0002")]
    old_index = page._shared.index
    assert old_index is not None
    # matching moved H0005 into 見本町一丁目 (as an import or a matching run would)
    store = open_store(db)
    try:
        with store.transaction() as s:
            s.query(Household).filter(Household.id == households["H0005"]).update(
                {Household.town_id: towns["M001"], Household.lat: 35.4435, Household.lon: 139.6030})
    finally:
        store.close()
    with qtbot.waitSignals([page.index_ready, page.selection_shown], timeout=TIMEOUT):
        page.store_changed()
    assert page._shared.index is not None and page._shared.index is not old_index
    assert listed(page) == [(1, "H0001"), (2, "H0005"), (3, "H0002")]  # H0005 keeps its score 4
    assert {t.name: t.households for t in page.town_choices()}["見本町一丁目"] == 3
    qtbot.waitUntil(lambda: page.view.is_ready, timeout=TIMEOUT)
    assert check_markers_match_the_list(qtbot, page) == ["1", "2", "3"]
    assert wait_js(qtbot, page, "wardapp.drawnAreas().length", lambda n: n == 1) == 1  # outline redrawn


def test_pickers_wait_for_the_index_and_the_map(qtbot, open_window, db: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(db)
    p = next(p for p in window.pages if isinstance(p, MapPage))
    # never shown: no map data, no index, nothing to pick or save
    assert not p.towns_button.isEnabled() and not p.flood_button.isEnabled() and not p.save_button.isEnabled()
    assert p.pick_towns() is None and p.save_area() is None


# --- crowded markers ----------------------------------------------------------------------------------


def test_crowded_markers_keep_the_lowest_numbers_labelled(qtbot, page: MapPage) -> None:  # type: ignore[no-untyped-def]
    """A town of a thousand households: where labels would cover each other, the most in need
    (lowest numbers) keep theirs, the others show as dots until the map is zoomed in."""
    rows = [(n, 35.4415 + (n % 6) * 0.00004, 139.6055 + (n // 6) * 0.00004, 1000 + n, n % 4) for n in range(1, 37)]
    page.view.show_numbered_markers(rows)
    page.view.run_js("wardapp.setView(35.4416, 139.6062, 15)")
    crowded = wait_js(qtbot, page, "[wardapp.map.getZoom(), wardapp.numberedMarkers()]",
                      lambda v: v[0] == 15 and len(v[1]) == 36)[1]
    labelled = [int(m["label"]) for m in crowded if m["labelled"]]
    assert labelled[0] == 1 and 1 <= len(labelled) < 36
    # the page shows them that way: labels with their numbers, the rest as numberless dots
    shown = js(qtbot, page, "wardapp.layers.numbered.getLayers().map(function (l) { return l.getElement().textContent; })")
    assert sorted(int(t) for t in shown if t) == labelled and shown.count("") == 36 - len(labelled)
    page.view.run_js("wardapp.setView(35.4416, 139.6062, wardapp.map.getMaxZoom())")
    close = wait_js(qtbot, page, "[wardapp.map.getZoom() === wardapp.map.getMaxZoom(), wardapp.numberedMarkers()]",
                    lambda v: v[0])[1]
    assert all(m["labelled"] for m in close)  # the highest zoom labels every marker


def test_opening_a_household_on_the_map_is_a_view_in_the_audit_log(qtbot, page: MapPage) -> None:  # type: ignore[no-untyped-def]
    """Issue 9: the household detail shows names and birth dates — one audit entry per household
    shown, each time it is opened; the search list itself is not one."""
    from wardapp.security import SYSTEM
    from wardapp.security.audit import AuditFilter, entries

    def views() -> list[tuple[str, str]]:
        return [(e.object, e.details["what"]) for e in entries(page.ctx.store, SYSTEM, AuditFilter(action="view"))]

    with qtbot.waitSignal(page.search_shown, timeout=TIMEOUT):
        page.search_edit.setText("すずき")
    assert views() == []
    with qtbot.waitSignal(page.household_shown, timeout=TIMEOUT):
        page.search_list.clicked.emit(page.search_model.index(0, 0))
    assert ("H0003", "map") in views()
    n = len(views())
    with qtbot.waitSignal(page.household_shown, timeout=TIMEOUT):
        page.search_list.clicked.emit(page.search_model.index(0, 0))
    assert len(views()) == 2 * n  # opened again: recorded again
