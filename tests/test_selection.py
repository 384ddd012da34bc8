"""任意のエリア (issue 5): areas from GeoJSON, the spatial selection, numbering, saving, search.

Every fixture is hand-computed: points placed exactly on edges and vertices (coordinates that
are the same binary floats as the polygon's), points in holes and in each part of a
multipolygon, points 999 m and 1,001 m from a circle's centre at 35.5°N worked out from the
ellipsoid's radii of curvature (not from the library under test), flood zones by depth class.
All names and addresses are invented (架空).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon

from wardapp.errors import UsageError
from wardapp.geo.crs import distances_m
from wardapp.geo.selection import (
    CircleArea,
    FloodArea,
    InvalidArea,
    PolygonArea,
    SelectionIndex,
    SelectionNameTaken,
    TownsArea,
    address_key,
    address_keys,
    area_from_geojson,
    delete_selection,
    list_selections,
    load_selection,
    save_selection,
    search_households,
    select_area,
)
from wardapp.security import SYSTEM
from wardapp.store import Store, open_store
from wardapp.store.models import HazardZone, Household, Person, Town

ON = dt.date(2026, 4, 1)

# GRS80 (JGD2011's ellipsoid)
A = 6378137.0
F = 1 / 298.257222101
E2 = F * (2 - F)


def meridian_radius(lat: float) -> float:
    """M = a(1−e²)/(1−e² sin²φ)^{3/2}: metres per radian of latitude."""
    s = math.sin(math.radians(lat))
    return A * (1 - E2) / (1 - E2 * s * s) ** 1.5


def prime_vertical_radius(lat: float) -> float:
    """N = a/√(1−e² sin²φ): N cos φ is metres per radian of longitude along the parallel."""
    s = math.sin(math.radians(lat))
    return A / math.sqrt(1 - E2 * s * s)


def north_of(lon: float, lat: float, metres: float) -> tuple[float, float]:
    # M at the mid-latitude of the step: exact to well under a millimetre over a kilometre.
    dlat = metres / meridian_radius(lat)
    mid = lat + math.degrees(dlat) / 2
    return lon, lat + math.degrees(metres / meridian_radius(mid))


def east_of(lon: float, lat: float, metres: float) -> tuple[float, float]:
    # Along the parallel; the geodesic between the two points is shorter by ~d³tan²φ/24N²
    # (< 1 µm at 1 km), far inside the ±1 m the test allows.
    return lon + math.degrees(metres / (prime_vertical_radius(lat) * math.cos(math.radians(lat)))), lat


# --- the fixture ward --------------------------------------------------------------------------

#: The square 139.40–139.41°E × 35.50–35.51°N with a hole 139.403–139.407 × 35.503–35.507.
X0, X1, Y0, Y1 = 139.40, 139.41, 35.50, 35.51
HX0, HX1, HY0, HY1 = 139.403, 139.407, 35.503, 35.507
SQUARE = [[X0, Y0], [X1, Y0], [X1, Y1], [X0, Y1], [X0, Y0]]
HOLE = [[HX0, HY0], [HX1, HY0], [HX1, HY1], [HX0, HY1], [HX0, HY0]]
#: A second, separate square east of the first (139.42–139.43 × 35.50–35.51).
SQUARE2 = [[139.42, Y0], [139.43, Y0], [139.43, Y1], [139.42, Y1], [139.42, Y0]]

# household_no → (lon, lat) or None for no point; town; members
POINTS: dict[str, tuple[float, float] | None] = {
    "H01": (139.401, 35.501),   # inside the square, outside the hole
    "H02": (139.405, Y0),       # exactly on the bottom edge
    "H03": (X1, Y1),            # exactly on a vertex
    "H04": (139.405, 35.505),   # inside the hole
    "H05": (HX0, 35.505),       # on the hole's edge
    "H06": (139.425, 35.505),   # inside the second square
    "H07": (139.415, 35.505),   # between the squares
    "H08": (X0 - 1e-9, 35.505),  # a hair west of the west edge
    "H09": None,                # unmatched, in town 1
    "H10": (139.401, 35.501),   # same point as H01 (same building)
    "H11": None,                # unmatched, no town
}
TOWN_OF = {"H01": 1, "H02": 1, "H03": 1, "H04": 1, "H05": 1, "H06": 2, "H07": 2, "H08": 1, "H09": 1,
           "H10": 1, "H11": None}
ADDRESSES = {
    "H01": "架空市さくら台一丁目１番１号", "H02": "架空市さくら台一丁目２－３", "H03": "架空市さくら台一丁目3番4号",
    "H04": "架空市さくら台一丁目５番", "H05": "架空市さくら台一丁目６番１号", "H06": "架空市みずほヶ丘二丁目１番",
    "H07": "架空市みずほヶ丘二丁目２番", "H08": "架空市さくら台一丁目８番", "H09": "架空市さくら台一丁目９９番",
    "H10": "架空市さくら台一丁目１番１号", "H11": "架空市どこか１番",
}


def _person(no: str, hh: Household, name: str, kana: str, birth: dt.date, sex: int, rel: str,
            head: bool, building: str | None = None) -> Person:
    return Person(person_no=no, household=hh, name=name, kana=kana, kana_key=kana.replace("　", ""),
                  birth_date=birth, sex=sex, relationship_=rel, is_head=head, address=hh.address,
                  building=building)


def build_ward(path: Path) -> Store:
    store = open_store(path)
    with store.transaction() as s:
        t1 = Town(code="T0001", name="さくら台一丁目", oaza="さくら台", chome=1)
        t2 = Town(code="T0002", name="みずほヶ丘二丁目", oaza="みずほヶ丘", chome=2)
        s.add_all([t1, t2])
        s.flush()
        towns = {1: t1.id, 2: t2.id}
        for i, (no, pt) in enumerate(POINTS.items(), start=1):
            town = TOWN_OF[no]
            hh = Household(household_no=no, address=ADDRESSES[no], building="コーポ架空101" if no == "H01" else None,
                           town_id=towns[town] if town else None,
                           lon=pt[0] if pt else None, lat=pt[1] if pt else None,
                           match_status="matched" if pt else "unmatched",
                           match_level=("town" if no == "H07" else "residence") if pt else None)
            s.add(hh)
            # a member (not head) listed first by id, so "head first" is really tested
            s.add(_person(f"P{i:02d}2", hh, f"架空　{no}子", f"カクウ　{no}コ", dt.date(1990, 4, 2), 2, "妻", False))
            s.add(_person(f"P{i:02d}1", hh, f"架空　{no}郎", f"カクウ　{no}ロウ", dt.date(1950, 4, 1), 1, "世帯主", True,
                    "コーポ架空101" if no == "H01" else None))
        # H11 (the last) also has a child whose name differs from the head's
        s.add(_person("P999", hh, "山田　花子", "ヤマダ　ハナコ", dt.date(2020, 1, 1), 2, "子", False))
    return store


@pytest.fixture(scope="module")
def ward(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = build_ward(tmp_path_factory.mktemp("sel") / "ward.sqlite3")
    yield s
    s.close()


@pytest.fixture(scope="module")
def index(ward: Store) -> SelectionIndex:
    return SelectionIndex.build(ward, on=ON)


def nos(store: Store, ids: Any) -> list[str]:
    with store.session() as s:
        rows = dict(s.query(Household.id, Household.household_no).all())
    return sorted(rows[int(i)] for i in ids)


def poly(*rings: list[list[float]]) -> PolygonArea:
    a = area_from_geojson({"type": "Polygon", "coordinates": list(rings)})
    assert isinstance(a, PolygonArea)
    return a


# --- polygons --------------------------------------------------------------------------------


def test_polygon_edge_and_vertex_are_inside(ward: Store, index: SelectionIndex) -> None:
    got = nos(ward, index.select(poly(SQUARE)))
    assert got == ["H01", "H02", "H03", "H04", "H05", "H10"]
    assert "H08" not in got  # 1e-9° (≈ 0.1 mm) outside the edge is outside


def test_polygon_hole_excludes_its_inside_but_not_its_edge(ward: Store, index: SelectionIndex) -> None:
    got = nos(ward, index.select(poly(SQUARE, HOLE)))
    assert "H04" not in got
    assert "H05" in got  # on the hole's edge: on the boundary, so inside
    assert got == ["H01", "H02", "H03", "H05", "H10"]


def test_multipolygon_parts_both_count(ward: Store, index: SelectionIndex) -> None:
    area = area_from_geojson({"type": "MultiPolygon", "coordinates": [[SQUARE, HOLE], [SQUARE2]]})
    assert isinstance(area, PolygonArea) and isinstance(area.geometry, MultiPolygon)
    assert nos(ward, index.select(area)) == ["H01", "H02", "H03", "H05", "H06", "H10"]


def test_feature_collection_of_two_drawings_is_their_union(ward: Store, index: SelectionIndex) -> None:
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [SQUARE]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [SQUARE2]}}]}
    assert nos(ward, index.select(area_from_geojson(fc))) == ["H01", "H02", "H03", "H04", "H05", "H06", "H10"]


def test_overlapping_parts_are_merged() -> None:
    a = area_from_geojson({"type": "MultiPolygon", "coordinates": [
        [SQUARE], [[[139.405, Y0], [139.415, Y0], [139.415, Y1], [139.405, Y1], [139.405, Y0]]]]})
    assert isinstance(a, PolygonArea) and a.geometry.is_valid
    assert a.geometry.bounds == (X0, Y0, 139.415, Y1)


def test_unmatched_households_are_never_in_a_drawn_area(ward: Store, index: SelectionIndex) -> None:
    everything = poly([[122.5, 20.5], [154, 20.5], [154, 45.5], [122.5, 45.5]])
    got = nos(ward, index.select(everything))
    assert "H09" not in got and "H11" not in got and len(got) == 9
    assert index.n_without_point == 2


def test_selection_is_vectorised_shapely_semantics(index: SelectionIndex) -> None:
    """Cross-check the index against shapely's own covers() on random points."""
    rng = np.random.default_rng(5)
    g = Polygon(SQUARE, [HOLE])
    xs, ys = rng.uniform(139.39, 139.42, 2000), rng.uniform(35.49, 35.52, 2000)
    idx = SelectionIndex(on=ON, household_id=np.arange(2000, dtype=np.int64),
                         town_id=np.full(2000, -1, dtype=np.int64), x=xs, y=ys)
    expected = np.flatnonzero(shapely.covers(g, shapely.points(xs, ys)))
    assert np.array_equal(idx.select(PolygonArea(g)), expected)


# --- circles --------------------------------------------------------------------------------------


def circle_index(lon: float, lat: float, points: list[tuple[float, float]]) -> SelectionIndex:
    n = len(points)
    return SelectionIndex(on=ON, household_id=np.arange(1, n + 1, dtype=np.int64),
                          town_id=np.full(n, -1, dtype=np.int64),
                          x=np.array([p[0] for p in points]), y=np.array([p[1] for p in points]))


@pytest.mark.parametrize("lat", [35.0, 35.5, 35.86, 36.0])
def test_circle_in_metres_within_a_metre(lat: float) -> None:
    lon = 139.4
    pts = [north_of(lon, lat, 999), north_of(lon, lat, 1001),      # ids 1, 2
           east_of(lon, lat, 999), east_of(lon, lat, 1001),        # ids 3, 4
           north_of(lon, lat, -999), north_of(lon, lat, -1001),    # ids 5, 6
           east_of(lon, lat, -999), east_of(lon, lat, -1001),      # ids 7, 8
           (lon, lat)]                                             # id 9: the centre
    # the hand computation agrees with the geodesic to a centimetre
    d = distances_m(np.full(8, lon), np.full(8, lat), np.array([p[0] for p in pts[:8]]),
                    np.array([p[1] for p in pts[:8]]))
    assert np.allclose(d, [999, 1001] * 4, atol=0.01)
    idx = circle_index(lon, lat, pts)
    assert idx.select(CircleArea(lat=lat, lon=lon, radius_m=1000)).tolist() == [1, 3, 5, 7, 9]


def test_circle_diagonal_and_exact_radius() -> None:
    from wardapp.geo.crs import GRS80

    lon, lat = 139.4, 35.5
    az = np.array([45.0, 135.0, 225.0, 315.0, 45.0, 135.0])
    dist = np.array([999.0, 999.0, 999.0, 999.0, 1001.0, 1001.0])
    x, y, _ = GRS80.fwd(np.full(6, lon), np.full(6, lat), az, dist)
    idx = circle_index(lon, lat, list(zip(x, y, strict=True)))
    assert idx.select(CircleArea(lat, lon, 1000)).tolist() == [1, 2, 3, 4]
    # a point at exactly the radius is inside (≤)
    d = float(distances_m(np.array([lon]), np.array([lat]), x[:1], y[:1])[0])
    assert idx.select(CircleArea(lat, lon, d)).tolist()[:1] == [1]


def test_circle_in_the_ward(ward: Store, index: SelectionIndex) -> None:
    # H01/H10 at (139.401, 35.501): from (139.40, 35.50) that is ≈ 143.7 m
    dx = 0.001 * math.radians(1) * prime_vertical_radius(35.5) * math.cos(math.radians(35.5))
    dy = 0.001 * math.radians(1) * meridian_radius(35.5005)
    r = math.hypot(dx, dy)
    assert 143 < r < 144.5
    assert nos(ward, index.select(CircleArea(35.50, 139.40, r + 1))) == ["H01", "H10"]
    assert nos(ward, index.select(CircleArea(35.50, 139.40, r - 1))) == []


# --- towns and flood ---------------------------------------------------------------------------------


def test_towns_area_includes_unmatched_households_of_the_town(ward: Store, index: SelectionIndex) -> None:
    with ward.session() as s:
        t1 = s.query(Town.id).filter(Town.code == "T0001").scalar()
    got = nos(ward, index.select(TownsArea((t1,))))
    assert got == ["H01", "H02", "H03", "H04", "H05", "H08", "H09", "H10"]
    sel = select_area(ward, TownsArea((t1,)), on=ON, index=index, scores={}, actor=SYSTEM)
    assert [h.household_no for h in sel.without_point] == ["H09"]
    assert sel.without_point[0].number == len(sel.households) + 1 == 8
    assert all(h.has_point for h in sel.households)
    assert "H11" not in [h.household_no for h in sel.rows]
    assert any("位置が分からない世帯が1世帯" in n for n in sel.notes)
    assert sel.area_caption == "町字: さくら台一丁目"


@pytest.fixture(scope="module")
def flood_ward(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = build_ward(tmp_path_factory.mktemp("flood") / "ward.sqlite3")
    west = Polygon([(X0, Y0), (139.4035, Y0), (139.4035, Y1), (X0, Y1)])      # H01 H05 H10 (+ edge)
    deep = Polygon([(139.4028, 35.5045), (139.4032, 35.5045), (139.4032, 35.5055), (139.4028, 35.5055)])
    east = Polygon([(139.42, Y0), (139.43, Y0), (139.43, Y1), (139.42, Y1)])   # H06
    shallow = Polygon([(139.404, 35.504), (139.406, 35.504), (139.406, 35.506), (139.404, 35.506)])  # H04
    with s.transaction() as t:
        for rank, dmin, dmax, g in [(2, 0.5, 3.0, west), (3, 3.0, 5.0, deep), (4, 5.0, 10.0, east),
                                    (1, 0.0, 0.5, shallow)]:
            t.add(HazardZone(kind="flood", rank=rank, depth_min=dmin, depth_max=dmax, label=f"rank{rank}",
                             geometry_wkb=shapely.to_wkb(g), source="test"))
        # another kind of hazard never counts
        t.add(HazardZone(kind="landslide", rank=9, depth_min=99.0, depth_max=None, label="土砂",
                         geometry_wkb=shapely.to_wkb(west), source="test"))
        t.add(Household(household_no="H12", address="架空市さくら台一丁目１２番", lon=139.403, lat=35.505,
                        match_status="matched", match_level="residence"))  # in the deep zone
    yield s
    s.close()


def test_flood_classes(flood_ward: Store) -> None:
    idx = SelectionIndex.build(flood_ward, on=ON)
    assert nos(flood_ward, idx.select(FloodArea(0.0))) == ["H01", "H04", "H05", "H06", "H10", "H12"]
    assert nos(flood_ward, idx.select(FloodArea(0.5))) == ["H01", "H05", "H06", "H10", "H12"]
    assert nos(flood_ward, idx.select(FloodArea(3.0))) == ["H05", "H06", "H12"]
    assert nos(flood_ward, idx.select(FloodArea(5.0))) == ["H06"]
    assert nos(flood_ward, idx.select(FloodArea(10.0))) == []
    # H05 (139.403, 35.505) lies in the west zone (0.5 m) and in the deep one (3 m) inside it:
    # the deepest covering zone decides.  H12 shares its point; H09 has none.
    depth = dict(zip(idx.household_id.tolist(), idx.flood_depth().tolist(), strict=True))
    with flood_ward.session() as s:
        ids = dict(s.query(Household.household_no, Household.id).all())
    assert depth[ids["H12"]] == 3.0 and depth[ids["H05"]] == 3.0 and depth[ids["H09"]] == -math.inf
    # the classes the map offers: every depth_min present, with the households each would list
    assert idx.flood_classes() == [(0.0, 6), (0.5, 5), (3.0, 3), (5.0, 1)]


def test_no_flood_zones_no_classes(ward: Store) -> None:
    assert SelectionIndex.build(ward, on=ON).flood_classes() == []


def test_households_per_town_count_those_without_a_point(ward: Store, index: SelectionIndex) -> None:
    with ward.session() as s:
        towns = dict(s.query(Town.code, Town.id).all())
        no_town = s.query(Household).filter(Household.town_id.is_(None)).count()
    per_town = index.households_per_town()
    assert per_town[towns["T0001"]] == 8  # H09 (no point) included, as TownsArea lists it
    for tid, n in per_town.items():
        assert n == len(index.select(TownsArea((tid,))))
    assert sum(per_town.values()) == len(index) - no_town


# --- select_area: members, scores, numbering -----------------------------------------------------------


def ids_by_no(store: Store) -> dict[str, int]:
    with store.session() as s:
        return dict(s.query(Household.household_no, Household.id).all())


def test_members_head_first_with_ages_on_the_reference_date(ward: Store, index: SelectionIndex) -> None:
    sel = select_area(ward, poly(SQUARE, HOLE), on=ON, index=index, scores={}, actor=SYSTEM)
    h01 = next(h for h in sel.households if h.household_no == "H01")
    assert [m.relationship for m in h01.members] == ["世帯主", "妻"]
    head, wife = h01.members
    assert head.is_head and head.name == "架空　H01郎" and h01.head_name == "架空　H01郎"
    # born 1950-04-01: 76 on 2026-04-01; born 1990-04-02: still 35 on 2026-04-01
    assert (head.age, wife.age) == (76, 35)
    assert head.birth_wareki == "昭和25年4月1日" and head.sex == "男" and wife.sex == "女"
    assert head.building == "コーポ架空101" and h01.building == "コーポ架空101"
    assert h01.town_name == "さくら台一丁目" and h01.match_level == "residence"


def test_without_scores_everything_is_zero_and_notes_say_so(ward: Store, index: SelectionIndex) -> None:
    sel = select_area(ward, poly(SQUARE, HOLE), on=ON, index=index, actor=SYSTEM)
    assert sel.score_run_id is None
    assert any("援護度がまだ計算されていない" in n for n in sel.notes)
    assert [h.household_no for h in sel.households] == ["H01", "H02", "H03", "H05", "H10"]
    assert [h.number for h in sel.households] == [1, 2, 3, 4, 5]
    assert all(h.score == 0 for h in sel.households)


def test_sorting_by_score_then_max_person_score_then_household_no(ward: Store, index: SelectionIndex) -> None:
    ids = ids_by_no(ward)
    scores = {ids["H01"]: (5, 3), ids["H02"]: (5, 4), ids["H03"]: (5, 4), ids["H05"]: (2, 2), ids["H10"]: 9}
    sel = select_area(ward, poly(SQUARE, HOLE), on=ON, index=index, scores=scores, actor=SYSTEM)
    assert [(h.number, h.household_no, h.score, h.max_person_score) for h in sel.households] == [
        (1, "H10", 9, 9), (2, "H02", 5, 4), (3, "H03", 5, 4), (4, "H01", 5, 3), (5, "H05", 2, 2)]
    assert sel.score_run_id is None and not any("援護度" in n for n in sel.notes)
    # the ward's two households without a point could not be tested against the polygon
    assert sel.notes == ("区内で住所の位置が分からない2世帯は、この範囲の判定に含まれていません。",)


def test_numbering_is_stable_and_shared_by_list_and_map(ward: Store, index: SelectionIndex) -> None:
    ids = ids_by_no(ward)
    scores = {ids["H01"]: (3, 3), ids["H10"]: (3, 3), ids["H02"]: (1, 1)}
    area = poly(SQUARE)
    first = select_area(ward, area, on=ON, index=index, scores=scores, actor=SYSTEM)
    again = select_area(ward, area_from_geojson(area.to_json()), on=ON, scores=dict(reversed(scores.items())), actor=SYSTEM)
    assert [(h.number, h.household_id) for h in first.rows] == [(h.number, h.household_id) for h in again.rows]
    # list numbers → markers: every located household exactly once, at its own point
    markers = first.markers()
    from_markers = sorted((n, hid) for m in markers for n, hid in zip(m.numbers, m.household_ids, strict=True))
    assert from_markers == [(h.number, int(h.household_id)) for h in first.households]
    for m in markers:
        for n in m.numbers:
            h = first.household(n)
            assert (h.lat, h.lon) == (m.lat, m.lon)
    # H01 and H10 share one building: one marker labelled with both numbers
    shared = [m for m in markers if len(m.numbers) == 2]
    assert len(shared) == 1 and shared[0].label == "1,2"
    assert {first.household(n).household_no for n in shared[0].numbers} == {"H01", "H10"}
    assert first.number_of(ids["H02"]) == 3
    assert json.loads(json.dumps(first.markers_json()))[0]["label"] == "1,2"


def test_marker_label_for_many_households() -> None:
    from wardapp.geo.selection import MapMarker

    m = MapMarker(35.5, 139.4, (4, 9, 12, 20), (1, 2, 3, 4))
    assert m.label == "4他3"


def test_town_level_points_are_noted(ward: Store, index: SelectionIndex) -> None:
    sel = select_area(ward, poly(SQUARE2, ), on=ON, index=index, scores={}, actor=SYSTEM)
    assert [h.household_no for h in sel.households] == ["H06"]
    between = [[139.411, Y0], [139.419, Y0], [139.419, Y1], [139.411, Y1], [139.411, Y0]]
    sel = select_area(ward, poly(between), on=ON, index=index, scores={}, actor=SYSTEM)
    assert [h.household_no for h in sel.households] == ["H07"]
    assert any("町字までしか位置が分からず" in n for n in sel.notes)


def test_stored_scores_shape_is_used(ward: Store, index: SelectionIndex) -> None:
    """What wardapp.scoring.latest_scores returns (run info + household frame) is understood."""
    import pandas as pd

    class Run:
        id = 7
        reference_date = dt.date(2026, 3, 1)

        def caption_ja(self) -> str:
            return "援護度: テスト"

    class Stored:
        run = Run()
        stale = True
        households = pd.DataFrame({"household_id": [ids_by_no(ward)["H05"]], "household_no": ["H05"],
                                   "score": [11], "max_person_score": [6], "categories": ["高障"]})

    sel = select_area(ward, poly(SQUARE, HOLE), on=ON, index=index, scores=Stored(), actor=SYSTEM)
    top = sel.households[0]
    assert (top.household_no, top.score, top.max_person_score, top.categories) == ("H05", 11, 6, "高障")
    assert sel.score_run_id == 7 and sel.score_caption == "援護度: テスト"
    assert any("計算し直して" in n for n in sel.notes) and any("基準日" in n for n in sel.notes)


def test_latest_stored_run_gives_scores_and_person_scores(tmp_path: Path) -> None:
    """scores=None: the newest run that still has its rows, the same as passing latest_scores()."""
    from wardapp.scoring import latest_scores
    from wardapp.store.models import HouseholdScore, ImportRun, PersonScore, ScoreRun

    store = build_ward(tmp_path / "w.sqlite3")
    ids = ids_by_no(store)
    with store.session() as s:
        h05_members = dict(s.query(Person.person_no, Person.id).filter(Person.household_id == ids["H05"]).all())
    created = dt.datetime(2026, 3, 31, 9, 0)

    def run(run_id: int, pruned: bool) -> ScoreRun:
        return ScoreRun(id=run_id, profile_name="標準", profile_version=2, profile_sha256="ab" * 32,
                        profile_toml="", reference_date=ON, created_at=created, user="u", persons=23,
                        households=11, details_pruned=pruned)

    def hs(run_id: int, no: str, score: int, mx: int, cats: str, rank: int) -> HouseholdScore:
        return HouseholdScore(run_id=run_id, household_id=ids[no], household_no=no, score=score,
                              max_person_score=mx, members=2, categories=cats, band="", rank=rank)

    with store.transaction() as s:
        s.add_all([run(1, False), run(2, False), run(3, True)])  # run 3 is newer but pruned
        s.flush()
        s.add_all([hs(1, "H01", 99, 99, "", 1),  # an older run: ignored
                   hs(2, "H05", 8, 5, "高障", 1), hs(2, "H02", 8, 5, "高", 2), hs(2, "H01", 3, 3, "高", 3)])
        s.add_all([PersonScore(run_id=2, person_id=h05_members["P051"], person_no="P051", household_id=ids["H05"],
                               score=5, categories="高障", rules="age75,shintai12"),
                   PersonScore(run_id=2, person_id=h05_members["P052"], person_no="P052", household_id=ids["H05"],
                               score=3, categories="", rules="x")])
    area = poly(SQUARE, HOLE)
    sel = select_area(store, area, on=ON, actor=SYSTEM)
    assert [(h.household_no, h.score, h.max_person_score, h.categories) for h in sel.households] == [
        ("H02", 8, 5, "高"), ("H05", 8, 5, "高障"), ("H01", 3, 3, "高"), ("H03", 0, 0, ""), ("H10", 0, 0, "")]
    h05 = sel.household(2)
    assert [(m.name, m.score, m.categories) for m in h05.members] == [("架空　H05郎", 5, "高障"),
                                                                      ("架空　H05子", 3, "")]
    assert sel.score_run_id == 2 and "記録番号 2" in sel.score_caption
    assert not any("援護度" in n for n in sel.notes)
    explicit = select_area(store, area, on=ON, scores=latest_scores(store), actor=SYSTEM)
    assert [(h.number, h.household_id, h.score, h.members) for h in explicit.rows] == [
        (h.number, h.household_id, h.score, h.members) for h in sel.rows]
    assert explicit.score_run_id == 2 and explicit.score_caption == sel.score_caption
    # an import after the run: the list says the scores may be stale; another 基準日 is noted too
    with store.transaction() as s:
        s.add(ImportRun(kind="registry", file_name="x.csv", sha256="0" * 64, started_at=created,
                        finished_at=created + dt.timedelta(hours=1), user="u", counts_json="{}"))
    later = select_area(store, area, on=dt.date(2026, 5, 1), actor=SYSTEM)
    assert any("計算し直して" in n for n in later.notes)
    assert any("スコアの基準日（令和8年4月1日）と年齢の基準日（令和8年5月1日）が異なります" in n for n in later.notes)
    store.close()


def test_an_empty_ward(tmp_path: Path) -> None:
    store = open_store(tmp_path / "empty.sqlite3")
    idx = SelectionIndex.build(store, on=ON)
    assert len(idx) == 0 and idx.n_without_point == 0
    for area in (poly(SQUARE), CircleArea(35.5, 139.4, 500), TownsArea((1,)), FloodArea(0.5)):
        assert idx.select(area).tolist() == []
        sel = select_area(store, area, on=ON, index=idx, actor=SYSTEM)
        assert len(sel) == 0 and sel.markers() == [] and sel.n_persons == 0
    assert search_households(store, "やまだ", actor=SYSTEM) == [] and search_households(store, "さくら台", actor=SYSTEM) == []
    store.close()


def test_a_5000_household_area_is_quick(tmp_path: Path) -> None:
    """Not a timing assertion (benchmarks/bench_selection.py has the figures): a smoke test of size."""
    store = open_store(tmp_path / "big.sqlite3")
    from wardapp.store import bulk

    rng = np.random.default_rng(1)
    n = 5000
    with store.engine.begin() as conn:
        bulk.insert_rows(conn, Household.__table__, ["id", "household_no", "address", "lon", "lat"],  # type: ignore[arg-type]
                         [(i + 1, f"{i:07d}", "架空", float(x), float(y)) for i, (x, y) in
                          enumerate(zip(rng.uniform(139.40, 139.41, n), rng.uniform(35.50, 35.51, n), strict=True))])
        bulk.insert_rows(conn, Person.__table__, ["household_id", "person_no", "name", "kana", "kana_key",  # type: ignore[arg-type]
                                                  "birth_date", "sex", "relationship", "is_head", "address"],
                         [(i // 2 + 1, f"P{i:08d}", "架空　某", "カクウ　ボウ", "カクウボウ", dt.date(1960, 1, 1), 1,
                           "世帯主", i % 2 == 0, "架空") for i in range(2 * n)])
    sel = select_area(store, poly(SQUARE), on=ON, actor=SYSTEM)
    assert len(sel.households) == n and sel.n_persons == 2 * n
    assert [h.number for h in sel.households] == list(range(1, n + 1))
    store.close()


# --- saved selections ------------------------------------------------------------------------------


def test_saved_polygon_with_hole_round_trips_exactly(ward: Store) -> None:
    weird = [[139.40000000000003, 35.50000000000001], [139.41, 35.5], [139.41, 35.51], [139.4, 35.51],
             [139.40000000000003, 35.50000000000001]]
    area = poly(weird, HOLE)
    sel = select_area(ward, area, on=ON, scores={}, actor=SYSTEM)
    sid = save_selection(ward, "避難所A周辺", sel, user="tanaka", note="第1回", actor=SYSTEM)
    loaded, info = load_selection(ward, "避難所A周辺")
    assert isinstance(loaded, PolygonArea)
    assert loaded.to_json() == area.to_json()
    assert shapely.equals_exact(loaded.geometry, area.geometry, tolerance=0)
    assert len(loaded.geometry.interiors) == 1  # type: ignore[union-attr]
    assert (info.id, info.kind, info.reference_date, info.households, info.created_by, info.note) == (
        sid, "polygon", ON, len(sel), "tanaka", "第1回")
    assert load_selection(ward, sid)[1] == info
    delete_selection(ward, sid, actor=SYSTEM)


@pytest.mark.parametrize("area", [
    CircleArea(35.5, 139.4, 1234.5),
    FloodArea(0.5),
    PolygonArea(MultiPolygon([Polygon(SQUARE, [HOLE]), Polygon(SQUARE2)])),
], ids=["circle", "flood", "multipolygon"])
def test_saved_areas_round_trip(ward: Store, area: Any) -> None:
    save_selection(ward, "往復", area, user="u", on=ON, actor=SYSTEM)
    loaded, info = load_selection(ward, "往復")
    assert loaded == area if not isinstance(area, PolygonArea) else loaded.to_json() == area.to_json()
    assert info.kind == area.kind
    delete_selection(ward, "往復", actor=SYSTEM)


def test_saved_towns_follow_their_codes(tmp_path: Path) -> None:
    store = build_ward(tmp_path / "w.sqlite3")
    with store.session() as s:
        t1, t2 = (s.query(Town.id).filter(Town.code == c).scalar() for c in ("T0001", "T0002"))
    save_selection(store, "二町字", TownsArea((t2, t1)), user="u", actor=SYSTEM)
    area, info = load_selection(store, "二町字")
    assert area == TownsArea((t1, t2)) and info.kind == "towns"
    # the dictionary is rebuilt: T0001 gets a new id, T0002 is gone
    with store.transaction() as s:
        s.query(Household).update({Household.town_id: None})
        s.query(Town).delete()
        s.flush()
        s.add(Town(id=t1 + 100, code="T0001", name="さくら台一丁目", oaza="さくら台", chome=1))
    area, info = load_selection(store, "二町字")
    assert area == TownsArea((t1 + 100,))
    assert info.notes == ("保存したときの町字のうち1町字は現在の住所辞書にないため、範囲から外しました。",)
    with store.transaction() as s:
        s.query(Town).delete()
    with pytest.raises(UsageError, match="現在の住所辞書にありません"):
        load_selection(store, "二町字")
    store.close()


def test_names_are_unique_and_overwrite_is_explicit(ward: Store) -> None:
    a = CircleArea(35.5, 139.4, 100)
    b = CircleArea(35.5, 139.4, 200)
    sid = save_selection(ward, "  ＡＢ地区 ", a, user="u1", actor=SYSTEM)
    with pytest.raises(SelectionNameTaken, match="上書きしますか"):
        save_selection(ward, "AB地区", b, user="u2", actor=SYSTEM)
    assert load_selection(ward, "AB地区")[0] == a
    assert save_selection(ward, "AB地区", b, user="u2", overwrite=True, actor=SYSTEM) == sid
    area, info = load_selection(ward, "AB地区")
    assert area == b and info.created_by == "u2"
    assert [i.name for i in list_selections(ward)].count("AB地区") == 1
    delete_selection(ward, "AB地区", actor=SYSTEM)
    with pytest.raises(UsageError, match="見つかりません"):
        load_selection(ward, "AB地区")
    with pytest.raises(UsageError, match="見つかりません"):
        delete_selection(ward, sid, actor=SYSTEM)
    with pytest.raises(UsageError, match="名前を入力"):
        save_selection(ward, "　", a, user="u", actor=SYSTEM)


def test_list_is_newest_first(ward: Store) -> None:
    import time

    save_selection(ward, "古い", FloodArea(0.5), user="u", actor=SYSTEM)
    time.sleep(1.05)  # created_at has whole seconds
    save_selection(ward, "新しい", FloodArea(3.0), user="u", actor=SYSTEM)
    names = [i.name for i in list_selections(ward)]
    assert names.index("新しい") < names.index("古い")
    delete_selection(ward, "古い", actor=SYSTEM)
    delete_selection(ward, "新しい", actor=SYSTEM)


# --- bad input -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("obj", "message"), [
    ({"type": "Polygon", "coordinates": [[[139.40, 35.50], [139.41, 35.51], [139.41, 35.50], [139.40, 35.51],
                                          [139.40, 35.50]]]}, "辺が交差しています（経度 139.405000、緯度 35.505000 付近）"),
    ({"type": "Polygon", "coordinates": [[[139.40, 35.50], [139.41, 35.50], [139.40, 35.50]]]},
     "頂点が足りません（3点以上必要です。受け取った異なる点: 2）"),
    ({"type": "Polygon", "coordinates": [[[139.40, 35.50], [139.41, 35.50], [139.42, 35.50]]]}, "面積がありません"),
    ({"type": "Polygon", "coordinates": [SQUARE, [[139.5, 35.6], [139.6, 35.6], [139.6, 35.7], [139.5, 35.6]]]},
     "穴が外周の外にあります"),
    ({"type": "Polygon", "coordinates": [[[35.50, 139.40], [35.50, 139.41], [35.51, 139.41], [35.50, 139.40]]]},
     "［緯度, 経度］の順になっています"),
    ({"type": "Polygon", "coordinates": [[[2.35, 48.85], [2.36, 48.85], [2.36, 48.86], [2.35, 48.85]]]},
     "範囲が日本の外にあります"),
    ({"type": "Polygon", "coordinates": [[[139.4, "35.5"], [139.41, 35.5], [139.41, 35.51], [139.4, 35.5]]]},
     "外周の1番目の点の緯度が数値ではありません"),
    ({"type": "Polygon", "coordinates": []}, "座標がありません"),
    ({"type": "Circle", "center": [139.4, 35.5], "radius_m": 0}, "半径は0 mより大きく"),
    ({"type": "Circle", "center": [139.4, 35.5], "radius_m": -5}, "受け取った半径: -5 m"),
    ({"type": "Circle", "center": [9.4, 35.5], "radius_m": 50}, "日本の外"),
    ({"type": "Circle", "center": [139.4, 35.5]}, "円の半径が数値ではありません"),
    ({"type": "Circle", "center": [139.4, 35.5], "radius_m": float("nan")}, "有限の数値ではありません"),
    ({"type": "Point", "coordinates": [139.4, 35.5]}, "受け取った種類: Point"),
    ({"type": "LineString", "coordinates": [[139.4, 35.5], [139.41, 35.5]]}, "受け取った種類: LineString"),
    ({"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [139.4, 35.5]}},
     "円なら半径"),
    ({"type": "Feature", "properties": {}, "geometry": None}, "形（geometry）がありません"),
    ({"coordinates": []}, "種類（type）がありません"),
    ({"type": "Towns", "town_ids": []}, "町字を1つ以上"),
    ({"type": "Flood", "min_depth_m": -1}, "0 m以上"),
    ({"type": "FeatureCollection", "features": []}, "空です"),
    ("{not json", "JSON ではありません"),
    ([1, 2], "受け取ったもの: list"),
])
def test_bad_areas_say_what_is_wrong_in_japanese(obj: Any, message: str) -> None:
    with pytest.raises(InvalidArea) as e:
        area_from_geojson(obj)
    assert message in e.value.message_ja
    assert isinstance(e.value, UsageError) and e.value.exit_code == 2


def test_good_shapes_from_the_map() -> None:
    feature = {"type": "Feature", "properties": {"radius": 250}, "geometry": {"type": "Point",
                                                                               "coordinates": [139.4, 35.5]}}
    assert area_from_geojson(feature) == CircleArea(35.5, 139.4, 250.0)
    assert area_from_geojson('{"type": "Circle", "center": [139.4, 35.5], "radius_m": 300}') == CircleArea(
        35.5, 139.4, 300)
    open_ring = area_from_geojson({"type": "Polygon", "coordinates": [SQUARE[:-1]]})
    assert isinstance(open_ring, PolygonArea) and open_ring.geometry.equals(Polygon(SQUARE))
    assert area_from_geojson({"type": "Towns", "town_ids": [3, 1, 3]}) == TownsArea((1, 3))
    c = CircleArea(35.5, 139.4, 1000).to_polygon()
    d = distances_m(np.full(72, 139.4), np.full(72, 35.5), *np.asarray(c.exterior.coords)[:-1].T)
    assert np.allclose(d, 1000, atol=1e-6)


# --- search ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected", "matched"), [
    ("H01", ["H01"], "household_no"),
    ("ｈ０１", ["H01"], "household_no"),
    ("H0", ["H01", "H02", "H03", "H04", "H05", "H06", "H07", "H08", "H09"], "household_no"),
    ("かくう　えいち", [], None),
    ("やまだ", ["H11"], "name"),
    ("ﾔﾏﾀﾞ ﾊﾅｺ", ["H11"], "name"),
    ("ヤマダハナコ", ["H11"], "name"),
    ("山田花子", ["H11"], "name"),
    ("山田　花子", ["H11"], "name"),
    ("山花", [], None),                  # characters of a name in order, but not together
    ("H05郎", [], None),                 # text with digits is no name (names hold none)
    ("さくら台一丁目2-3", ["H02"], "address"),
    ("さくら台一丁目２ー３", ["H02"], "address"),
    ("みずほが丘", ["H06", "H07"], "address"),
    ("さくら台 一丁目 ９９番", ["H09"], "address"),
])
def test_search(ward: Store, text: str, expected: list[str], matched: str | None) -> None:
    hits = search_households(ward, text, actor=SYSTEM)
    assert [h.household_no for h in hits] == expected
    if matched:
        assert {h.matched for h in hits} == {matched}


def test_search_rows_say_where_to_fly(ward: Store) -> None:
    (hit,) = search_households(ward, "やまだ", actor=SYSTEM)
    assert hit.head_name == "架空　H11郎" and hit.matched_person == "山田　花子"
    assert hit.lat is None and hit.lon is None  # unmatched: nowhere to fly
    (hit,) = search_households(ward, "H06", actor=SYSTEM)
    assert (hit.lon, hit.lat) == (139.425, 35.505) and hit.address == ADDRESSES["H06"]
    assert len(search_households(ward, "架空", limit=3, actor=SYSTEM)) == 3
    assert search_households(ward, "   ", actor=SYSTEM) == []
    assert search_households(ward, "%", actor=SYSTEM) == [] and search_households(ward, "_", actor=SYSTEM) == []


def test_address_keys_equal_address_key() -> None:
    texts = list(ADDRESSES.values()) + ["さくら台1 - 2　コーポ ３０１", "緑ヶ丘の1ー2", "", "グリーンコーポ1ー2"]
    assert address_keys(texts) == [address_key(t) for t in texts]
