"""The map view in a real QtWebEngine (offscreen): offline by construction, and its bridge.

* every request the page makes — page, Leaflet, plugins, qwebchannel.js, household tiles,
  choropleth figures — uses ``wardapp://``; a request anywhere else is blocked and recorded;
* the page's ready signal; a drawn area comes back to Python with its coordinates; numbered
  markers appear with their numbers; a click on a household point names that household;
* the 地図 page of the main window lists the households of a drawn area and numbers them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6

from wardapp.security import SYSTEM
from wardapp.ui.map.scheme import register_scheme

# QtWebEngine must know the scheme before the QApplication exists; pytest-qt creates it after
# collection, so registering here (at import) is in time.  The app does it in create_application.
register_scheme()

from gui_helpers import TIMEOUT, wait_idle  # noqa: E402
from map_ward import build_map_demo  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from wardapp.demo import REFERENCE_DATE  # noqa: E402
from wardapp.geo.mapdata import MapData, load_map_data  # noqa: E402
from wardapp.geo.mappage import LAYER_NAMES  # noqa: E402
from wardapp.store import open_store  # noqa: E402
from wardapp.ui.main_window import MainWindow  # noqa: E402
from wardapp.ui.map.view import MapView  # noqa: E402
from wardapp.ui.pages.map import MapPage  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture(scope="session")
def map_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2,000-person demo ward with points, flood zones and scores (built once)."""
    return build_map_demo(tmp_path_factory.mktemp("map") / "d.sqlite3", persons=2000)


@pytest.fixture(scope="session")
def map_data(map_db: Path) -> MapData:
    store = open_store(map_db)
    try:
        return load_map_data(store, on=REFERENCE_DATE, actor=SYSTEM)
    finally:
        store.close()


@pytest.fixture
def view(qtbot, map_data: MapData) -> Iterator[MapView]:  # type: ignore[no-untyped-def]
    v = MapView()
    v.resize(1000, 700)
    v.show()
    with qtbot.waitSignal(v.ready, timeout=TIMEOUT):
        v.show_map(map_data)
    yield v
    # Deleted now, page before profile (MapView's ownership), not by the interpreter at exit.
    v.close()
    shiboken6.delete(v)


def js(qtbot, view: MapView, script: str) -> Any:  # type: ignore[no-untyped-def]
    """The value of ``script`` in the page (JSON-encoded there, decoded here)."""
    box: list[Any] = []
    view.run_js(f"JSON.stringify({script})", lambda r: box.append(r))
    qtbot.waitUntil(lambda: bool(box), timeout=TIMEOUT)
    return None if box[0] in (None, "") else json.loads(box[0])


def wait_js(qtbot, view: MapView, script: str, ok: Callable[[Any], bool] = bool) -> Any:  # type: ignore[no-untyped-def]
    """Poll ``script`` until ``ok(value)``; returns the value."""
    seen: list[Any] = []

    def check() -> bool:
        seen.append(js(qtbot, view, script))
        return ok(seen[-1])

    qtbot.waitUntil(check, timeout=TIMEOUT)
    return seen[-1]


def _busiest_household(data: MapData) -> tuple[int, float, float]:
    """A placed household (id, lat, lon) in the densest town: the map has points around it."""
    town = max(range(len(data.towns)), key=lambda i: data.towns[i].households)
    rows = [i for i in range(len(data.placed_id)) if data.placed_town[i] == town]
    i = rows[len(rows) // 2]
    return int(data.placed_id[i]), float(data.placed_lat[i]), float(data.placed_lon[i])


# --- offline ---------------------------------------------------------------------------------------


def test_page_ready_with_every_layer_and_no_request_leaves_the_app(qtbot, view: MapView,  # type: ignore[no-untyped-def]
                                                                     map_data: MapData) -> None:
    assert view.is_ready
    # Every layer on, the choropleth coloured, and zoomed in so household tiles load.
    for key in LAYER_NAMES:
        view.set_layer_visible(key, True)
    view.set_choropleth("aged", 75)
    _, lat, lon = _busiest_household(map_data)
    view.run_js(f"wardapp.setView({lat}, {lon}, 17)")
    wait_js(qtbot, view, "wardapp.visibleLayers()", lambda v: v == sorted([*LAYER_NAMES, "drawn"]))
    qtbot.waitUntil(lambda: any(s.startswith("data/households/17/") for s in view.site.served), timeout=TIMEOUT)
    wait_js(qtbot, view, "wardapp.layers.households._tiles._tileZoom === 17 && wardapp.tilesDone()")
    assert js(qtbot, view, "wardapp.state.tileErrors") == 0
    wait_js(qtbot, view, "wardapp.layers.choropleth._info && wardapp.layers.choropleth._info.kind") == "aged"

    seen = list(view.guard.seen)
    assert seen, "the interceptor saw no request"
    assert [u for u in seen if not u.startswith("wardapp://")] == []
    assert view.guard.refused == []
    served = view.site.served
    for expected in ("map/index.html", "assets/leaflet@1.9.4/dist/leaflet.js",
                     "assets/leaflet-draw@1.0.4/dist/leaflet.draw.js", "assets/wardapp/map.js"):
        assert expected in served, expected
    assert "wardapp://assets/qt/qwebchannel.js" in seen
    assert any(s.startswith("data/households/17/") for s in served)
    assert any(s.startswith("data/choropleth/aged/75") for s in served)


def test_requests_elsewhere_are_blocked_and_recorded(qtbot, view: MapView) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(view.guard.blocked, timeout=TIMEOUT,
                          check_params_cb=lambda url: url.startswith("https://example.com")):
        view.run_js("window.__fetched = 'pending'; fetch('https://example.com/leak?x=1')"
                    ".then(function () { window.__fetched = 'loaded'; }, function () { window.__fetched = 'failed'; })")
    assert wait_js(qtbot, view, "window.__fetched", lambda v: v != "pending") == "failed"
    with qtbot.waitSignal(view.guard.blocked, timeout=TIMEOUT,
                          check_params_cb=lambda url: url.startswith("http://example.org")):
        view.run_js("var i = new Image(); i.src = 'http://example.org/pixel.png'; document.body.appendChild(i);")
    assert any(u.startswith("https://example.com/leak") for u in view.guard.refused)
    assert any(u.startswith("http://example.org/pixel.png") for u in view.guard.refused)


def test_navigation_away_is_refused(qtbot, view: MapView) -> None:  # type: ignore[no-untyped-def]
    view.run_js("window.location.href = 'https://example.com/';")
    qtbot.waitUntil(lambda: any(u.startswith("https://example.com") for u in view.guard.seen + view.guard.refused)
                    or js(qtbot, view, "location.href") == "wardapp://map/index.html", timeout=TIMEOUT)
    assert js(qtbot, view, "location.href") == "wardapp://map/index.html"


# --- the bridge -------------------------------------------------------------------------------------


def test_drawn_polygon_reaches_python_with_its_coordinates(qtbot, view: MapView,  # type: ignore[no-untyped-def]
                                                           map_data: MapData) -> None:
    _, lat, lon = _busiest_household(map_data)
    ring = [[lat, lon], [lat + 0.0012, lon + 0.0003], [lat + 0.0004, lon + 0.0021], [lat - 0.0007, lon + 0.0011]]
    with qtbot.waitSignal(view.area_drawn, timeout=TIMEOUT) as blocker:
        # What Leaflet.draw's CREATED handler calls with the finished shape.
        view.run_js(f"wardapp.areaDrawn(L.polygon({json.dumps(ring)}), 'polygon')")
    area = blocker.args[0]
    assert area["type"] == "Feature" and area["properties"]["shape"] == "polygon"
    coords = area["geometry"]["coordinates"][0]
    assert coords[:-1] == [[p[1], p[0]] for p in ring]  # GeoJSON [lon, lat], exactly as drawn
    assert coords[0] == coords[-1]
    assert js(qtbot, view, "wardapp.layers.drawn.getLayers().length") == 1


def test_drawn_circle_reaches_python_as_centre_and_radius(qtbot, view: MapView) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(view.area_drawn, timeout=TIMEOUT) as blocker:
        view.run_js("wardapp.areaDrawn(L.circle([35.4451234, 139.6187654], {radius: 321.5}), 'circle')")
    assert blocker.args[0] == {"type": "Circle", "shape": "circle", "center": [139.6187654, 35.4451234],
                               "radius_m": 321.5}


def test_numbered_markers_are_shown(qtbot, view: MapView, map_data: MapData) -> None:  # type: ignore[no-untyped-def]
    hid, lat, lon = _busiest_household(map_data)
    view.show_numbered_markers([(1, lat, lon, hid, 3), (2, lat + 0.001, lon, hid + 1, 0),
                                (3, lat + 0.001, lon, hid + 2, -1)])
    assert wait_js(qtbot, view, "wardapp.numberedLabels()") == ["1", "2,3"]
    view.clear_numbered()
    assert wait_js(qtbot, view, "wardapp.numberedLabels()", lambda v: v == []) == []


def test_click_on_a_household_point_names_it(qtbot, view: MapView, map_data: MapData) -> None:  # type: ignore[no-untyped-def]
    hid, lat, lon = _busiest_household(map_data)
    view.set_layer_visible("numbered", False)
    view.run_js(f"wardapp.setView({lat}, {lon}, 19)")
    wait_js(qtbot, view, "wardapp.layers.households.showsPoints() && wardapp.layers.households._tiles._tileZoom === 19 "
                         "&& wardapp.tilesDone()")
    same_point = set(map_data.households_at(hid))
    with qtbot.waitSignal(view.household_clicked, timeout=TIMEOUT) as blocker:
        view.run_js(f"wardapp.map.fire('click', {{latlng: L.latLng({lat}, {lon})}})")
    assert blocker.args[0] in same_point
    # A click where nobody lives is a map click with its coordinates.
    with qtbot.waitSignal(view.map_clicked, timeout=TIMEOUT) as blocker:
        view.run_js("wardapp.map.fire('click', {latlng: L.latLng(35.0, 139.0)})")
    assert blocker.args == [35.0, 139.0]


def test_zooming_out_from_the_household_points(qtbot, view: MapView, map_data: MapData) -> None:  # type: ignore[no-untyped-def]
    _, lat, lon = _busiest_household(map_data)
    view.run_js(f"wardapp.setView({lat}, {lon}, 17)")
    wait_js(qtbot, view, "wardapp.layers.households.showsPoints()")
    # the point layer's own zoom range must not become the map's: staff zoom out again
    assert js(qtbot, view, "[wardapp.map.getMinZoom(), wardapp.map.getMaxZoom()]") == [5, 20]
    view.run_js(f"wardapp.setView({lat}, {lon}, 12)")
    assert wait_js(qtbot, view, "wardapp.map.getZoom()", lambda z: z == 12) == 12
    assert js(qtbot, view, "wardapp.layers.households.showsPoints()") is False


def test_choropleth_and_layer_switches_from_python(qtbot, view: MapView) -> None:  # type: ignore[no-untyped-def]
    view.set_layer_visible("flood", False)
    view.set_choropleth("score", 5)
    info = wait_js(qtbot, view, "wardapp.layers.choropleth._info")
    assert info["kind"] == "score" and info["threshold"] == 5
    assert info["counts"] and all(isinstance(v, int) for v in info["counts"].values())
    visible = js(qtbot, view, "wardapp.visibleLayers()")
    assert "choropleth" in visible and "flood" not in visible
    legend = js(qtbot, view, "wardapp.legendElement.textContent")
    assert "世帯スコア5以上の世帯数" in legend and "浸水深" not in legend


# --- the 地図 page ----------------------------------------------------------------------------------


@pytest.fixture
def map_page(open_window: Callable[..., MainWindow], map_db: Path, tmp_path: Path, qtbot) -> MapPage:  # type: ignore[no-untyped-def]
    import shutil

    db = tmp_path / "ward.sqlite3"
    shutil.copy(map_db, db)
    window = open_window(db)
    page = next(p for p in window.pages if isinstance(p, MapPage))
    page.on = REFERENCE_DATE
    with qtbot.waitSignal(page.map_ready, timeout=TIMEOUT * 2):
        window.show_page(window.pages.index(page))
    wait_idle(qtbot, window)
    return page


def test_map_page_lists_and_numbers_the_households_of_a_drawn_area(qtbot, map_page: MapPage) -> None:  # type: ignore[no-untyped-def]
    assert map_page.view is not None and map_page.data is not None
    hid, lat, lon = _busiest_household(map_page.data)
    with qtbot.waitSignal(map_page.selection_shown, timeout=TIMEOUT) as blocker:
        map_page.view.run_js(f"wardapp.areaDrawn(L.circle([{lat}, {lon}], {{radius: 120}}), 'circle')")
    n = blocker.args[0]
    assert n >= 1
    assert "120" in map_page.selection_caption.text()  # 「円 半径120 m …」
    model = map_page.selection_model
    assert model.rowCount() == n
    assert [int(model.index(r, 0).data()) for r in range(n)] == list(range(1, n + 1))
    first = model.index(0, 0)
    assert model.rowCount(first) >= 1  # members below their household
    assert map_page.selection is not None
    located = list(map_page.selection.households)
    labels = wait_js(qtbot, map_page.view, "wardapp.numberedLabels()")
    shown = {int(x) for label in labels for x in label.replace("他", ",").split(",")[:1]}
    assert 1 in shown and len(labels) <= len(located)
    assert sum(len(m.split(",")) if "他" not in m else 1 + int(m.split("他")[1]) for m in labels) == len(located)
    # the clicked household is picked out in the list
    with qtbot.waitSignal(map_page.household_shown, timeout=TIMEOUT):
        map_page.view.bridge.householdClicked(int(located[0].household_id))
    assert map_page.selection_tree.currentIndex().row() == 0
    assert map_page.detail_label.text()
    map_page.clear_selection()
    assert model.rowCount() == 0
    assert wait_js(qtbot, map_page.view, "wardapp.numberedLabels()", lambda v: v == []) == []


def test_map_page_search_flies_to_the_household(qtbot, map_page: MapPage) -> None:  # type: ignore[no-untyped-def]
    assert map_page.data is not None
    qtbot.waitUntil(lambda: map_page.residents is not None, timeout=TIMEOUT)
    residents = map_page.residents
    assert residents is not None
    hid, lat, lon = _busiest_household(map_page.data)
    row = residents.row_of(hid)
    assert row is not None
    with qtbot.waitSignal(map_page.search_shown, timeout=TIMEOUT) as blocker:
        map_page.search_edit.setText(str(residents.household_no[row]))
    assert blocker.args[0] >= 1 and map_page.search_list.isVisible()
    with qtbot.waitSignal(map_page.household_shown, timeout=TIMEOUT):
        map_page._found_activated(map_page.search_model.index(0, 0))
    centre = wait_js(qtbot, map_page.view, "[wardapp.map.getCenter().lat, wardapp.map.getCenter().lng, "
                                           "wardapp.map.getZoom()]",
                     lambda c: abs(c[0] - lat) < 1e-4 and abs(c[1] - lon) < 1e-4 and c[2] == 18)
    assert centre[2] == 18
    assert str(residents.household_no[row]) in map_page.detail_label.text()


def test_pages_without_map_do_not_start_webengine(window: MainWindow) -> None:
    page = next(p for p in window.pages if isinstance(p, MapPage))
    assert page.view is None  # never shown: no QtWebEngine started for it
    assert isinstance(page.map_holder, QWidget)


def test_create_map_view_says_why_without_the_scheme(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both map pages start their view through create_map_view: without the wardapp:// scheme it
    returns no view and writes the reason, in Japanese, where the map would be."""
    from PySide6.QtWidgets import QLabel

    from wardapp.ui.map import start

    holder, message = QWidget(), QLabel()
    qtbot.addWidget(holder)
    monkeypatch.setattr(start, "is_registered", lambda: False)
    assert start.create_map_view(holder, message) is None
    assert "地図を表示できません" in message.text() and "wardapp://" in message.text()
    monkeypatch.undo()
    view = start.create_map_view(holder, message)
    assert isinstance(view, MapView)
    view.deleteLater()
