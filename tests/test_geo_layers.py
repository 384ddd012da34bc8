"""Layer imports (geo/): boundaries, flood zones, shelters and facilities; CRS; mappings; errors.

Sample files are written in code (tests/geo_samples.py); the real public samples under
/work/shared/realdata are used when present and the tests skip themselves otherwise.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyproj
import pytest
import shapely
from geo_samples import (
    FLOOD_BANDS,
    ESTAT_FEATURES,
    FACILITIES,
    FACILITY_HEADER,
    bowtie,
    cell,
    estat_boundaries,
    facility_csv,
    flood_layer,
    shift,
    strip_cpg,
    to_crs,
    write_csv,
    write_layer,
)
from sqlalchemy import select

from wardapp.errors import ConfigError, InputRejected, UsageError
from wardapp.geo import (
    import_layer,
    load_layer_mapping,
    local_metric_crs,
    plane_zone_for,
    split_town_name,
    to_jgd2011,
)
from wardapp.geo.boundaries import lg_code_of
from wardapp.geo.crs import parse_crs
from wardapp.geo.mapping import depth_label
from wardapp.security import SYSTEM
from wardapp.store import Facility, Store, Town
from wardapp.store.models import HazardZone, ImportRun

REAL = Path("/work/shared/realdata")
GSI = REAL / "gsi-shelters-geojson-sayama-yokohama"
ITABASHI = REAL / "digital-agency-std-opendata-public-facilities-itabashi" / "itabashi-public-facilities.rows1-53.csv"
ESTAT_DBF = REAL / "estat-r2ka11-saitama-dbf" / "r2ka11.dbf"

Dump = Callable[..., list[str]]


def mapping(tmp_path: Path, text: str, name: str = "m.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def towns_by_name(store: Store) -> dict[str, Town]:
    with store.session() as s:
        return {t.name: t for t in s.scalars(select(Town))}


def towns_by_key(store: Store) -> dict[tuple[str, int | None], Town]:
    with store.session() as s:
        return {(t.oaza, t.chome): t for t in s.scalars(select(Town))}


def facilities(store: Store) -> dict[tuple[str, str], Facility]:
    with store.session() as s:
        return {(f.name, f.kind): f for f in s.scalars(select(Facility))}


def zones(store: Store) -> list[HazardZone]:
    with store.session() as s:
        return list(s.scalars(select(HazardZone).order_by(HazardZone.id)))


def rejected(store: Store, dump: Dump, path: Path, **kw: Any) -> InputRejected:
    """Import ``path`` expecting a refusal; the database must be byte-for-byte unchanged."""
    before = dump()
    with pytest.raises(InputRejected) as e:
        import_layer(store, path, **kw, actor=SYSTEM)
    assert dump() == before
    return e.value


def max_vertex_distance_m(a: Any, b: Any) -> float:
    """Largest distance between corresponding vertices (rings normalised: shapefiles reorient them)."""
    ca, cb = shapely.get_coordinates(shapely.normalize(a)), shapely.get_coordinates(shapely.normalize(b))
    assert ca.shape == cb.shape
    _, _, d = pyproj.Geod(ellps="GRS80").inv(ca[:, 0], ca[:, 1], cb[:, 0], cb[:, 1])
    return float(np.max(d))


def text_of(e: InputRejected) -> str:
    return str(e)


# --- CRS -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("lon", "lat", "pref", "zone"), [
    (139.42, 35.86, None, 9),      # 狭山市
    (139.42, 35.86, "112151", 9),
    (139.60, 35.44, 14, 9),       # 横浜
    (135.50, 34.70, None, 6),      # 大阪
    (130.40, 33.59, None, 2),      # 福岡
    (132.46, 34.40, None, 3),      # 広島
    (132.77, 33.84, None, 4),      # 松山
    (134.69, 34.82, None, 5),      # 姫路
    (137.73, 34.71, None, 8),      # 浜松
    (136.91, 35.18, None, 7),      # 名古屋
    (129.87, 32.74, None, 1),      # 長崎
    (140.87, 38.27, None, 10),     # 仙台
    (141.35, 43.06, None, 12),     # 札幌
    (140.73, 41.77, None, 11),     # 函館
    (144.38, 42.98, None, 13),     # 釧路
    (127.68, 26.21, None, 15),     # 那覇
    (124.16, 24.34, None, 16),     # 石垣
    (131.23, 25.85, None, 17),     # 南大東
    (142.19, 27.09, None, 14),     # 父島
    (129.49, 28.38, None, 1),      # 奄美
    (153.98, 24.28, None, 19),     # 南鳥島
])
def test_plane_zone(lon: float, lat: float, pref: Any, zone: int) -> None:
    assert plane_zone_for(lon, lat, pref) == zone
    assert local_metric_crs(lon, lat, pref).to_epsg() == 6668 + zone


def test_to_jgd2011_store_crs_is_identity_and_others_match_pyproj() -> None:
    geoms = np.array([cell(0, 0), shapely.Point(139.6012345678901, 35.4412345678901)], dtype=object)
    assert to_jgd2011(geoms, 6668) is geoms
    assert to_jgd2011(geoms, "EPSG:4326") is geoms
    assert to_jgd2011(geoms, "OGC:CRS84") is geoms
    for epsg in (6677, 2451, 3857):
        src = to_crs(geoms, epsg)
        back = to_jgd2011(src, epsg)
        ref = pyproj.Transformer.from_crs(epsg, 6668, always_xy=True)
        x, y = ref.transform(shapely.get_coordinates(src)[:, 0], shapely.get_coordinates(src)[:, 1])
        assert np.array_equal(shapely.get_coordinates(back), np.column_stack([x, y]))
    xy = to_jgd2011(np.array([[-30000.0, 20000.0]]), 6677)
    assert xy.shape == (1, 2) and 139 < xy[0, 0] < 140


@pytest.mark.parametrize("bad", ["EPSG:999999", "nonsense", 'LOCAL_CS["engineering",UNIT["metre",1]]'])
def test_unknown_crs_is_refused_naming_the_file(bad: str) -> None:
    with pytest.raises(InputRejected) as e:
        parse_crs(bad, file="x.shp")
    assert "x.shp" in str(e.value) and "座標参照系" in str(e.value)


# --- names and codes -----------------------------------------------------------------------

@pytest.mark.parametrize(("name", "expected"), [
    ("桜台二丁目", ("桜台", 2)),
    ("中央十二丁目", ("中央", 12)),
    ("桜台２丁目", ("桜台", 2)),
    ("大字北入曽", ("北入曽", None)),
    ("沢", ("沢", None)),
    ("十日市場町", ("十日市場町", None)),
    ("大字", ("大字", None)),
])
def test_split_town_name(name: str, expected: tuple[str, int | None]) -> None:
    assert split_town_name(name) == expected


def test_lg_code_check_digit() -> None:
    assert lg_code_of("11", "215") == "112151"  # 狭山市
    assert lg_code_of("14", "100") == "141003"  # 横浜市
    assert lg_code_of("13", "101") == "131016"  # 千代田区
    assert lg_code_of("", "215") is None


def test_depth_labels() -> None:
    assert depth_label(0.0, 0.5) == "0.5m未満"
    assert depth_label(0.5, 3.0) == "0.5m以上3m未満"
    assert depth_label(20.0, None) == "20m以上"


# --- boundaries ----------------------------------------------------------------------------

def test_boundaries_match_towns_union_parts_skip_water_and_create_missing(
        store: Store, towns: dict[tuple[str, int | None], int], tmp_path: Path) -> None:
    path = estat_boundaries(tmp_path / "r2ka99.gpkg")
    report = import_layer(store, path, kind="boundary", actor=SYSTEM)
    by_key = towns_by_key(store)
    # 霞ヶ丘一丁目 (ヶ) is the store's 霞ケ丘 1; 大字新田 is 新田; 若葉町 is new.
    assert report.towns_created == ["若葉町"]
    assert report.added == 1 and report.changed == 8 and report.imported == 9
    assert [p.value for p in report.skipped] == ["8154"] and "水面調査区" in report.skipped[0].message
    for key in (("みどり", 1), ("桜台", 3), ("新田", None), ("霞ケ丘", 1), ("若葉町", None)):
        t = by_key[key]
        assert t.boundary_wkb is not None and t.lat is not None and t.lon is not None
        assert shapely.contains_xy(shapely.from_wkb(t.boundary_wkb), t.lon, t.lat)
    assert len(by_key) == len(towns) + 1
    # Two features (飛び地 E1/E2) unioned into one rectangle.
    sakura3 = shapely.from_wkb(by_key[("桜台", 3)].boundary_wkb)
    assert sakura3.equals(shapely.union(cell(0, 1), cell(1, 1)))
    wakaba = by_key[("若葉町", None)]
    assert (wakaba.name, wakaba.city, wakaba.lg_code, wakaba.code, wakaba.source) == (
        "若葉町", "架空市", lg_code_of("11", "999"), "estat:11999005000", "r2ka99.gpkg")
    # A single-feature town is stored exactly as written (EPSG:6668: no drift at all).
    assert by_key[("みどり", 1)].boundary_wkb == shapely.to_wkb(cell(0, 0))
    assert shapely.from_wkb(by_key[("みどり", 1)].boundary_wkb).equals_exact(cell(0, 0), 0.0)


def test_boundaries_same_file_twice_changes_nothing(store: Store, towns: Any, tmp_path: Path, dump: Dump) -> None:
    path = estat_boundaries(tmp_path / "r2ka99.shp")
    import_layer(store, path, kind="boundary", actor=SYSTEM)
    before = dump(exclude=("import_runs", "audit_log"))
    report = import_layer(store, path, kind="boundary", actor=SYSTEM)
    assert report.unchanged and report.towns_created == [] and report.changed == 0
    assert dump(exclude=("import_runs", "audit_log")) == before
    with store.session() as s:
        runs = s.scalars(select(ImportRun).order_by(ImportRun.id)).all()
    assert [r.kind for r in runs] == ["layer:boundary", "layer:boundary"]
    assert json.loads(runs[-1].counts_json)["unchanged"] is True


def test_boundaries_newer_release_reports_area_change(store: Store, towns: Any, tmp_path: Path) -> None:
    import_layer(store, estat_boundaries(tmp_path / "v1.gpkg"), kind="boundary", actor=SYSTEM)
    report = import_layer(store, estat_boundaries(tmp_path / "v2.gpkg", grow={"若葉町": 0.0005}), kind="boundary", actor=SYSTEM)
    assert report.changed == 1 and report.added == 0
    [change] = report.area_changes
    assert change.name == "若葉町" and change.percent == pytest.approx(10.0, abs=0.05)
    assert "若葉町" in report.summary_ja() and "+10.0" in report.summary_ja()


def test_boundaries_plane_rectangular_cp932_dbf_without_cpg(store: Store, towns: Any, tmp_path: Path) -> None:
    """A municipal export: zone IX metres, Shift_JIS attributes, no .cpg, no language id."""
    path = estat_boundaries(tmp_path / "kakuu.shp", epsg=6677, encoding="cp932")
    strip_cpg(path)
    assert not path.with_suffix(".cpg").exists()
    report = import_layer(store, path, kind="boundary", actor=SYSTEM)
    assert report.encoding is not None and report.encoding.startswith("cp932")
    assert report.towns_created == ["若葉町"]  # names decoded, not mojibake
    assert "6677" in report.crs
    got = shapely.from_wkb(towns_by_key(store)[("みどり", 1)].boundary_wkb)
    # Within 1 m of the pyproj-transformed source (here: of the original lon/lat).
    ref = to_jgd2011(to_crs(cell(0, 0), 6677), 6677)
    assert shapely.hausdorff_distance(got, ref) == 0.0
    assert max_vertex_distance_m(got, cell(0, 0)) < 1.0


def test_boundaries_jgd2000_geographic_within_a_metre(store: Store, towns: Any, tmp_path: Path) -> None:
    path = estat_boundaries(tmp_path / "jgd2000.shp", epsg=4612)
    import_layer(store, path, kind="boundary", actor=SYSTEM)
    got = shapely.from_wkb(towns_by_key(store)[("みどり", 2)].boundary_wkb)
    t = pyproj.Transformer.from_crs(4612, 6668, always_xy=True)
    ref = shapely.transform(to_crs(cell(1, 0), 4612), lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))
    assert max_vertex_distance_m(got, ref) < 1.0


def test_cpg_that_lies_is_refused(store: Store, towns: Any, tmp_path: Path, dump: Dump) -> None:
    path = estat_boundaries(tmp_path / "lie.shp", encoding="cp932")
    path.with_suffix(".cpg").write_text("UTF-8")
    e = rejected(store, dump, path, kind="boundary")
    assert "lie.shp" in text_of(e) and "文字コード" in text_of(e)


def test_missing_prj_is_refused_unless_the_mapping_says(store: Store, towns: Any, tmp_path: Path, dump: Dump) -> None:
    path = estat_boundaries(tmp_path / "noprj.shp")
    path.with_suffix(".prj").unlink()
    e = rejected(store, dump, path, kind="boundary")
    assert "noprj.shp" in text_of(e) and "座標参照系が分かりません（.prj がありません）" in text_of(e)
    m = mapping(tmp_path, '[source]\ncrs = "EPSG:6668"\n')
    assert import_layer(store, path, kind="boundary", mapping=m, actor=SYSTEM).imported == 9


def test_unreadable_prj_and_crs_conflict_are_refused(store: Store, towns: Any, tmp_path: Path, dump: Dump) -> None:
    path = estat_boundaries(tmp_path / "badprj.shp")
    path.with_suffix(".prj").write_text("this is not a projection")
    e = rejected(store, dump, path, kind="boundary")
    assert "badprj.shp" in text_of(e) and "座標参照系" in text_of(e)
    path2 = estat_boundaries(tmp_path / "declared.gpkg")
    e = rejected(store, dump, path2, kind="boundary", mapping=mapping(tmp_path, '[source]\ncrs = "EPSG:6677"\n'))
    assert "source.crs" in text_of(e)


def test_geopackage_without_crs_is_refused(store: Store, towns: Any, tmp_path: Path, dump: Dump) -> None:
    path = write_layer(tmp_path / "nocrs.gpkg", [cell(0, 0)], {"S_NAME": ["みどり一丁目"]}, crs=None)
    e = rejected(store, dump, path, kind="boundary")
    assert "nocrs.gpkg" in text_of(e) and "座標参照系が分かりません" in text_of(e)


def test_wrong_crs_lands_outside_japan_and_is_refused(store: Store, towns: Any, tmp_path: Path, dump: Dump) -> None:
    """Plane-rectangular metres declared as lon/lat: every feature is named."""
    geoms = to_crs(np.array([cell(0, 0), cell(1, 0)], dtype=object), 6677)
    path = write_layer(tmp_path / "liar.gpkg", geoms, {"S_NAME": ["みどり一丁目", "みどり二丁目"]}, crs="EPSG:6668")
    e = rejected(store, dump, path, kind="boundary")
    assert len(e.problems) == 2 and "日本の範囲外" in e.problems[0].message
    assert "FID=1（みどり一丁目）" in e.problems[0].message


def test_self_intersecting_polygon_rejected_then_repaired_and_reported(
        store: Store, towns: Any, tmp_path: Path, dump: Dump) -> None:
    feats = [("みどり一丁目", "001001", 8101, None, (0, 0)), ("みどり二丁目", "001002", 8101, None, (1, 0))]
    geoms = [cell(0, 0), bowtie(1, 0)]
    fields = {"KEY_CODE": ["11999" + a for _, a, _, _, _ in feats], "S_NAME": [f[0] for f in feats],
              "HCODE": [8101, 8101]}
    path = write_layer(tmp_path / "bow.gpkg", geoms, fields, crs="EPSG:6668")
    e = rejected(store, dump, path, kind="boundary")
    [p] = e.problems
    assert "FID=2（みどり二丁目）" in p.message and "自己交差" in p.message and "Self-intersection" in p.message
    assert "repair = true" in p.message
    report = import_layer(store, path, kind="boundary", mapping=mapping(tmp_path, "[geometry]\nrepair = true\n"), actor=SYSTEM)
    [r] = report.repairs
    assert "FID=2（みどり二丁目）" in r.message and "修復しました" in r.message
    g = shapely.from_wkb(towns_by_key(store)[("みどり", 2)].boundary_wkb)
    assert g.is_valid and g.geom_type == "MultiPolygon" and len(g.geoms) == 2
    assert "修復した図形 1件" in report.summary_ja()


def test_empty_and_wrong_geometry_types_are_problems(store: Store, towns: Any, tmp_path: Path, dump: Dump) -> None:
    path = write_layer(tmp_path / "mixed.geojson",
                       [cell(0, 0), shapely.LineString([(139.6, 35.44), (139.61, 35.45)]), None],
                       {"S_NAME": ["みどり一丁目", "みどり二丁目", "桜台一丁目"]}, crs="EPSG:4326")
    e = rejected(store, dump, path, kind="boundary")
    msgs = [p.message for p in e.problems]
    assert len(msgs) == 2
    assert "（みどり二丁目）" in msgs[0] and "LineString" in str(e.problems[0].value) and "Polygon" in msgs[0]
    assert "（桜台一丁目）" in msgs[1] and "図形がありません" in msgs[1]


def test_boundary_file_that_is_not_estat_is_refused(store: Store, tmp_path: Path, dump: Dump) -> None:
    path = write_layer(tmp_path / "other.gpkg", [cell(0, 0)], {"NAME": ["x"]}, crs="EPSG:6668")
    e = rejected(store, dump, path, kind="boundary")
    assert "S_NAME" in text_of(e) and "NAME" in text_of(e)
    csv = facility_csv(tmp_path / "f.csv")
    e = rejected(store, dump, csv, kind="boundary")
    assert "CSV" in text_of(e)


def test_ambiguous_town_name_is_an_error_not_a_guess(store: Store, tmp_path: Path, dump: Dump) -> None:
    with store.transaction() as s:
        s.add_all([Town(code="A1", name="本町一丁目", oaza="本町", chome=1, city="甲市"),
                   Town(code="B1", name="本町一丁目", oaza="本町", chome=1, city="乙市")])
    path = write_layer(tmp_path / "honcho.gpkg", [cell(0, 0)], {"S_NAME": ["本町一丁目"]}, crs="EPSG:6668")
    e = rejected(store, dump, path, kind="boundary")
    assert "A1" in e.problems[0].message and "B1" in e.problems[0].message
    m = mapping(tmp_path, '[boundary]\ncity = "乙市"\n')
    import_layer(store, path, kind="boundary", mapping=m, actor=SYSTEM)
    with store.session() as s:
        got = {t.code: t.boundary_wkb is not None for t in s.scalars(select(Town))}
    assert got == {"A1": False, "B1": True}


@pytest.mark.skipif(not ESTAT_DBF.exists(), reason="real e-Stat .dbf not available")
def test_estat_attribute_join_with_real_dbf(store: Store, tmp_path: Path) -> None:
    """Polygons carrying only KEY_CODE, names and codes joined from the real 埼玉県 attribute table."""
    codes = ["11215003101", "11215003201", "11215003202", "112150010", "11215003104"]
    # 大字北入曽 has several KEY_CODEs in the real table; take one.
    from pyogrio.raw import read as ogr_read
    meta, _, _, fields = ogr_read(ESTAT_DBF, read_geometry=False)
    cols = {n: f for n, f in zip(meta["fields"], fields)}
    kitairiso = next(k for k, s in zip(cols["KEY_CODE"], cols["S_NAME"]) if s == "大字北入曽")
    codes.append(kitairiso)
    geoms = [cell(i % 3, i // 3, lon0=139.40, lat0=35.84) for i in range(len(codes))]
    path = write_layer(tmp_path / "sayama.gpkg", geoms, {"KEY_CODE": codes}, crs="EPSG:6668")
    m = mapping(tmp_path, f'[boundary]\nattribute_table = "{ESTAT_DBF.as_posix()}"\n')
    report = import_layer(store, path, kind="boundary", mapping=m, actor=SYSTEM)
    by_name = towns_by_name(store)
    # 入間川 is two KEY_CODEs with one name: one town, both features unioned.
    assert sorted(report.towns_created) == sorted(["中央一丁目", "入間川", "沢", "中央四丁目", "大字北入曽"])
    assert by_name["中央一丁目"].oaza == "中央" and by_name["中央一丁目"].chome == 1
    assert by_name["大字北入曽"].oaza == "北入曽"
    assert all(t.city == "狭山市" and t.lg_code == "112151" for t in by_name.values())
    iruma = shapely.from_wkb(by_name["入間川"].boundary_wkb)
    assert iruma.area == pytest.approx(geoms[1].area + geoms[2].area)
    assert by_name["入間川"].code == "estat:11215003201"


@pytest.mark.skipif(not ESTAT_DBF.exists(), reason="real e-Stat .dbf not available")
def test_real_estat_dbf_alone_has_no_geometry(store: Store, dump: Dump) -> None:
    e = rejected(store, dump, ESTAT_DBF, kind="boundary")
    assert ".shp" in text_of(e)


# --- flood ---------------------------------------------------------------------------------

def test_flood_a31_ranks_default_field(store: Store, tmp_path: Path) -> None:
    report = import_layer(store, flood_layer(tmp_path / "A31-kakuu.gpkg"), kind="flood", actor=SYSTEM)
    got = zones(store)
    assert len(got) == 8 and report.added == 8
    assert [(z.rank, z.depth_min, z.depth_max, z.label) for z in got][:3] == [
        (1, 0.0, 0.5, "0.5m未満"), (1, 0.0, 0.5, "0.5m未満"), (2, 0.5, 3.0, "0.5m以上3m未満")]
    assert (got[-1].rank, got[-1].depth_min, got[-1].depth_max, got[-1].label) == (6, 20.0, None, "20m以上")
    assert {z.kind for z in got} == {"flood"} and {z.source for z in got} == {"A31-kakuu.gpkg"}
    assert got[0].geometry_wkb == shapely.to_wkb(cell(0, 0))  # EPSG:6668 stored exactly
    assert "A31_205" in report.notes[0]


def test_flood_rank_field_from_mapping_with_two_releases(store: Store, tmp_path: Path) -> None:
    """Two releases name the rank differently (and one writes it as text); the mapping says which."""
    old = flood_layer(tmp_path / "A31-2012.shp", rank_field="A31_001", as_text=True,
                      bands=[(1, (0, 0)), (2, (1, 0)), (3, (2, 0))])
    m_old = mapping(tmp_path, '[source]\nname = "架空川"\nrelease = "H24"\n[flood]\nrank_field = "A31_001"\n', "old.toml")
    r1 = import_layer(store, old, kind="flood", mapping=m_old, actor=SYSTEM)
    assert r1.added == 3 and {z.release for z in zones(store)} == {"H24"}
    new = flood_layer(tmp_path / "A31-2022.shp", rank_field="A31a_205",
                      bands=[(1, (0, 0)), (2, (1, 0)), (4, (2, 0)), (4, (3, 0))])
    m_new = mapping(tmp_path, '[source]\nname = "架空川"\nrelease = "R4"\n[flood]\nrank_field = "A31a_205"\n', "new.toml")
    r2 = import_layer(store, new, kind="flood", mapping=m_new, actor=SYSTEM)
    got = zones(store)
    assert [z.rank for z in got] == [1, 2, 4, 4] and {z.release for z in got} == {"R4"}
    assert r2.removed == 3 and r2.added == 4  # replaced wholesale (release differs)
    changed = {a.name: a for a in r2.area_changes}
    assert changed["ランク3（3m以上5m未満）"].new_m2 == 0.0
    assert changed["ランク4（5m以上10m未満）"].old_m2 == 0.0


def test_flood_custom_rank_table_and_unknown_rank(store: Store, tmp_path: Path, dump: Dump) -> None:
    """An older 5-class table (codes 11–15), and a code missing from the table."""
    path = flood_layer(tmp_path / "old.gpkg", rank_field="RANK", bands=[(11, (0, 0)), (13, (1, 0)), (15, (2, 0))])
    m = mapping(tmp_path, """
[flood]
rank_field = "RANK"
[flood.ranks]
"11" = { rank = 1, min = 0.0, max = 0.5 }
"12" = { rank = 2, min = 0.5, max = 1.0 }
"13" = { rank = 3, min = 1.0, max = 2.0 }
"14" = { rank = 4, min = 2.0, max = 5.0 }
"15" = { rank = 5, min = 5.0, label = "5.0m以上" }
""")
    import_layer(store, path, kind="flood", mapping=m, actor=SYSTEM)
    assert [(z.rank, z.depth_min, z.depth_max, z.label) for z in zones(store)] == [
        (1, 0.0, 0.5, "0.5m未満"), (3, 1.0, 2.0, "1m以上2m未満"), (5, 5.0, None, "5.0m以上")]
    bad = flood_layer(tmp_path / "bad.gpkg", rank_field="RANK", bands=[(11, (0, 0)), (17, (1, 0)), (None, (2, 0))])
    e = rejected(store, dump, bad, kind="flood", mapping=m)
    assert len(e.problems) == 2
    assert e.problems[0].column == "RANK" and e.problems[0].value == "17" and "FID=2" in e.problems[0].message
    assert "空" in e.problems[1].message


def test_flood_depth_in_metres(store: Store, tmp_path: Path) -> None:
    path = flood_layer(tmp_path / "depth.geojson", rank_field="浸水深",
                       bands=[(0.3, (0, 0)), (2.5, (1, 0)), (0.5, (2, 0)), (25.0, (3, 0))])
    import_layer(store, path, kind="flood", mapping=mapping(tmp_path, '[flood]\ndepth_field = "浸水深"\n'), actor=SYSTEM)
    assert [(z.rank, z.depth_min, z.depth_max) for z in zones(store)] == [
        (1, 0.3, 0.3), (2, 2.5, 2.5), (2, 0.5, 0.5), (6, 25.0, 25.0)]


def test_flood_without_known_rank_field_asks_for_mapping(store: Store, tmp_path: Path, dump: Dump) -> None:
    path = flood_layer(tmp_path / "x.gpkg", rank_field="DEPTH_CLS")
    e = rejected(store, dump, path, kind="flood")
    assert "rank_field" in text_of(e) and "DEPTH_CLS" in text_of(e)


def test_flood_same_file_twice_and_other_source_untouched(store: Store, tmp_path: Path, dump: Dump) -> None:
    a = flood_layer(tmp_path / "a.gpkg")
    b = flood_layer(tmp_path / "b.gpkg", bands=[(2, (5, 5))])
    import_layer(store, a, kind="flood", actor=SYSTEM)
    import_layer(store, b, kind="flood", actor=SYSTEM)
    before = dump(exclude=("import_runs", "audit_log"))
    report = import_layer(store, a, kind="flood", actor=SYSTEM)
    assert report.unchanged and dump(exclude=("import_runs", "audit_log")) == before
    assert sorted({z.source for z in zones(store)}) == ["a.gpkg", "b.gpkg"]


# --- shelters and facilities ---------------------------------------------------------------

def test_plain_facility_csv(store: Store, towns: Any, tmp_path: Path) -> None:
    import_layer(store, estat_boundaries(tmp_path / "b.gpkg"), kind="boundary", actor=SYSTEM)
    report = import_layer(store, facility_csv(tmp_path / "fac.csv", encoding="cp932"), kind="facility", actor=SYSTEM)
    assert report.encoding == "cp932" and report.added == 4
    got = facilities(store)
    by_key = towns_by_key(store)
    f = got[("みどり小学校", "指定避難所")]
    assert (f.lat, f.lon, f.capacity, f.phone, f.hazards) == (35.4425, 139.6025, 800, "000-111-2222", None)
    assert f.town_id == by_key[("みどり", 1)].id  # point in polygon
    assert got[("桜台中学校", "指定避難所")].capacity == 1200
    assert got[("若葉地区センター", "地区センター")].capacity == 50
    assert got[("新田公園", "指定緊急避難場所")].town_id == by_key[("新田", None)].id
    assert report.by_class == {"指定避難所": 2, "指定緊急避難場所": 1, "地区センター": 1}


def test_facility_town_by_address_without_boundaries(store: Store, towns: dict[tuple[str, int | None], int],
                                                     tmp_path: Path) -> None:
    rows = [["みどり会館", "地区センター", "架空市みどり二丁目3番4号", "", "", "", ""]]
    report = import_layer(store, facility_csv(tmp_path / "f.csv", rows), kind="facility", actor=SYSTEM)
    f = facilities(store)[("みどり会館", "地区センター")]
    assert f.town_id == towns[("みどり", 2)] and f.lat is None
    assert "緯度・経度がありません" in report.warnings[0].message


def test_facility_point_layer_in_epsg6668_round_trips_exactly(store: Store, tmp_path: Path) -> None:
    pts = [shapely.Point(139.6012345678901, 35.4412345678901), shapely.Point(139.6198765432101, 35.4487654321012)]
    path = write_layer(tmp_path / "pts.gpkg", pts, {"名称": ["甲集会所", "乙集会所"], "種別": ["集会所", "集会所"]},
                       crs="EPSG:6668")
    import_layer(store, path, kind="facility", actor=SYSTEM)
    got = facilities(store)
    assert (got[("甲集会所", "集会所")].lon, got[("甲集会所", "集会所")].lat) == (139.6012345678901, 35.4412345678901)
    assert (got[("乙集会所", "集会所")].lon, got[("乙集会所", "集会所")].lat) == (139.6198765432101, 35.4487654321012)


def test_facility_points_in_plane_zone_within_a_metre(store: Store, tmp_path: Path) -> None:
    src = shapely.Point(139.6012345, 35.4412345)
    path = write_layer(tmp_path / "pts.shp", [to_crs(src, 6677)], {"名称": ["丙会館"], "種別": ["集会所"]},
                       crs="EPSG:6677", encoding="UTF-8")
    import_layer(store, path, kind="facility", actor=SYSTEM)
    f = facilities(store)[("丙会館", "集会所")]
    _, _, d = pyproj.Geod(ellps="GRS80").inv(f.lon, f.lat, src.x, src.y)
    assert d < 1.0


def test_facilities_same_file_twice_then_newer_release(store: Store, towns: Any, tmp_path: Path, dump: Dump) -> None:
    v1 = facility_csv(tmp_path / "shelters.csv")
    import_layer(store, v1, kind="shelter", actor=SYSTEM)
    before = dump(exclude=("import_runs", "audit_log"))
    assert import_layer(store, v1, kind="shelter", actor=SYSTEM).unchanged
    assert dump(exclude=("import_runs", "audit_log")) == before

    rows = [list(r) for r in FACILITIES]
    rows[0][3], rows[0][4] = shift(rows[0][3], rows[0][4], north_m=30.0)  # moved 30 m
    rows[1][5] = "1300"  # capacity changed, not moved
    del rows[2]  # 新田公園 closed
    rows.append(["霞ケ丘会館", "地区センター", "架空市霞ケ丘一丁目1番", "35.4475", "139.6175", "", ""])
    (tmp_path / "v2").mkdir()
    v2 = facility_csv(tmp_path / "v2" / "shelters.csv", rows)  # same file name: same source
    report = import_layer(store, v2, kind="shelter", actor=SYSTEM)
    assert (report.added, report.changed, report.removed) == (1, 2, 1)
    [m] = report.moved
    assert m.name == "みどり小学校" and m.distance_m == pytest.approx(30.0, abs=0.1)
    assert ("新田公園", "指定緊急避難場所") not in facilities(store)
    assert "位置が変わった施設 1件" in report.summary_ja()


def test_facility_from_another_source_is_not_removed(store: Store, tmp_path: Path) -> None:
    import_layer(store, facility_csv(tmp_path / "a.csv", FACILITIES[:2]), kind="facility", actor=SYSTEM)
    import_layer(store, facility_csv(tmp_path / "b.csv", FACILITIES[2:]), kind="facility", actor=SYSTEM)
    import_layer(store, facility_csv(tmp_path / "a.csv", FACILITIES[:1]), kind="facility", actor=SYSTEM)
    assert sorted(n for n, _ in facilities(store)) == ["みどり小学校", "新田公園", "若葉地区センター"]


def test_facility_bad_rows_all_reported_store_unchanged(store: Store, tmp_path: Path, dump: Dump) -> None:
    import_layer(store, facility_csv(tmp_path / "ok.csv"), kind="facility", actor=SYSTEM)
    rows = [
        ["", "指定避難所", "架空市", "35.44", "139.60", "", ""],                 # line 2: no name
        ["甲", "指定避難所", "架空市", "北緯35度", "139.60", "", ""],            # line 3: not a number
        ["乙", "指定避難所", "架空市", "139.60", "35.44", "", ""],              # line 4: swapped
        ["丙", "指定避難所", "架空市", "35.44", "139.60", "たくさん", ""],       # line 5: capacity
        ["丁", "", "架空市", "35.44", "139.60", "", ""],                         # line 6: no kind
        ["戊", "指定避難所", "", "", "", "", ""],                                # line 7: nowhere
    ]
    e = rejected(store, dump, facility_csv(tmp_path / "bad.csv", rows), kind="facility")
    assert [(p.line, p.column) for p in e.problems] == [
        (2, "名称"), (3, "緯度"), (4, "緯度"), (5, "収容人数"), (6, "種別"), (7, "緯度")]
    assert "入れ替わって" in e.problems[2].message
    assert "bad.csv" in text_of(e) and "3行目" in text_of(e)


def test_csv_that_is_not_a_facility_list_is_refused(store: Store, tmp_path: Path, dump: Dump) -> None:
    path = write_csv(tmp_path / "jyuki.csv", ["宛名番号", "氏名", "住所"], [["1", "山田　太郎", "架空市"]])
    e = rejected(store, dump, path, kind="shelter")
    assert "名称の列がありません" in text_of(e) and e.problems[0].line == 1


def test_wrong_encoding_is_refused_naming_the_line(store: Store, tmp_path: Path, dump: Dump) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(",".join(FACILITY_HEADER).encode("utf-8") + b"\n\xff\xfe\xfa,x,y,35,139,,\n")
    e = rejected(store, dump, path, kind="facility")
    assert e.problems[0].line == 2 and "文字コード" in text_of(e)


def test_unknown_kind_without_kind_column_is_refused(store: Store, tmp_path: Path, dump: Dump) -> None:
    path = write_csv(tmp_path / "nokind.csv", ["名称", "住所", "緯度", "経度"], [["甲", "架空市", "35.44", "139.6"]])
    e = rejected(store, dump, path, kind="shelter")
    assert "[facility] kind" in text_of(e)
    report = import_layer(store, path, kind="shelter", mapping=mapping(tmp_path, '[facility]\nkind = "指定避難所"\n'), actor=SYSTEM)
    assert report.by_class == {"指定避難所": 1}


def test_standard_dataset_emergency_columns_and_mapping_columns(store: Store, tmp_path: Path) -> None:
    """自治体標準オープンデータセット 指定緊急避難場所一覧: 災害種別_… flags, 想定収容人数."""
    header = ["全国地方公共団体コード", "ID", "名称", "所在地_連結表記", "緯度", "経度", "災害種別_洪水",
              "災害種別_崖崩れ、土石流及び地滑り", "災害種別_地震", "災害種別_内水氾濫", "指定避難所との重複", "想定収容人数"]
    rows = [["119991", "1", "甲公園", "架空市みどり一丁目", "35.4425", "139.6025", "1", "", "1", "〇", "", "300"]]
    import_layer(store, write_csv(tmp_path / "std.csv", header, rows), kind="shelter", actor=SYSTEM)
    f = facilities(store)[("甲公園", "指定緊急避難場所")]
    assert f.hazards == "洪水,地震,内水氾濫" and f.capacity == 300
    # A ward's own headers through [facility.columns] / [facility.hazards] / [facility.kinds].
    header2 = ["施設", "区分", "所在", "北緯", "東経", "水害"]
    rows2 = [["乙小学校", "1", "架空市", "35.443", "139.603", "○"]]
    m = mapping(tmp_path, """
[facility.columns]
"名称" = "施設"
"種別" = "区分"
"住所" = "所在"
"緯度" = "北緯"
"経度" = "東経"
[facility.kinds]
"1" = "指定避難所"
[facility.hazards]
"洪水" = "水害"
""")
    import_layer(store, write_csv(tmp_path / "own.csv", header2, rows2), kind="shelter", mapping=m, actor=SYSTEM)
    assert facilities(store)[("乙小学校", "指定避難所")].hazards == "洪水"


@pytest.mark.skipif(not GSI.exists(), reason="real GSI GeoJSON not available")
def test_real_gsi_sayama_shelters(store: Store, tmp_path: Path, dump: Dump) -> None:
    r1 = import_layer(store, GSI / "emergency_112151.json", kind="shelter", actor=SYSTEM)
    r2 = import_layer(store, GSI / "evacuation_112151.json", kind="shelter", actor=SYSTEM)
    assert (r1.features, r1.added, r2.features, r2.added) == (51, 51, 52, 52)
    got = facilities(store)
    site = got[("狭山経済高等学校", "指定緊急避難場所")]
    assert site.hazards == "洪水,崖崩れ、土石流及び地滑り,地震,大規模な火事,内水氾濫"
    assert (site.lon, site.lat, site.address) == (139.39487, 35.841708, "埼玉県狭山市稲荷山2-6-1")
    assert got[("入間川小学校", "指定緊急避難場所")].hazards == "地震,大規模な火事"
    assert got[("入間川小学校", "指定避難所")].hazards is None
    before = dump(exclude=("import_runs", "audit_log"))
    assert import_layer(store, GSI / "emergency_112151.json", kind="shelter", actor=SYSTEM).unchanged
    assert dump(exclude=("import_runs", "audit_log")) == before


@pytest.mark.skipif(not GSI.exists(), reason="real GSI GeoJSON not available")
def test_real_gsi_yokohama_repeated_names_are_reported(store: Store) -> None:
    report = import_layer(store, GSI / "emergency_141003.json", kind="shelter", actor=SYSTEM)
    assert report.features == 1796 and report.added == 1794
    assert len(report.skipped) == 2 and all("同じ名称・種別" in p.message for p in report.skipped)


@pytest.mark.skipif(not ITABASHI.exists(), reason="real Itabashi CSV not available")
def test_real_itabashi_public_facilities(store: Store) -> None:
    with store.transaction() as s:
        for i, (oaza, chome) in enumerate([("板橋", 2), ("板橋", 3), ("赤塚", 6), ("舟渡", 4), ("常盤台", 3)]):
            s.add(Town(code=f"I{i}", name=f"{oaza}{chome}丁目", oaza=oaza, chome=chome, city="板橋区"))
    report = import_layer(store, ITABASHI, kind="facility", actor=SYSTEM)
    assert report.features == 53 and report.added == 53 and report.by_class == {"公共施設": 53}
    got = facilities(store)
    by_name = towns_by_name(store)
    office = got[("板橋区役所", "公共施設")]
    assert (office.lat, office.lon, office.phone) == (35.751126, 139.709251, "(03)3964-1111")
    assert office.town_id == by_name["板橋2丁目"].id
    assert got[("リサイクルプラザ", "公共施設")].town_id == by_name["舟渡4丁目"].id  # full-width ４
    assert got[("こども動物園", "公共施設")].town_id == by_name["板橋3丁目"].id  # （東板橋公園内）
    assert got[("南部土木サービスセンター", "公共施設")].town_id == by_name["常盤台3丁目"].id  # 住所 wins
    nagano = got[("少年自然の家八ケ岳荘", "公共施設")]
    assert nagano.town_id is None and nagano.lat == 35.95633
    assert any(p.line == 46 and "町字が決まりません" in p.message for p in report.warnings)


# --- mapping profiles and misc -------------------------------------------------------------

@pytest.mark.parametrize(("text", "needle"), [
    ("[flod]\nrank_field = \"A\"\n", "不明な表"),
    ("[flood]\nrank_feild = \"A\"\n", "rank_feild"),
    ("[flood]\nrank_field = \"A\"\ndepth_field = \"B\"\n", "どちらか一方"),
    ("[flood.ranks]\n\"1\" = [3.0, 1.0]\n", "上限"),
    ("[flood.ranks]\n\"A\" = [0.0, 1.0]\n", "rank = …"),
    ("[facility.columns]\n\"なまえ\" = \"x\"\n", "標準の列名"),
    ("[facility.hazards]\n\"雷\" = \"x\"\n", "災害種別"),
    ("[boundary]\nlg_code = \"11215\"\n", "6桁"),
    ("[geometry]\nrepair = \"yes\"\n", "true か false"),
    ("[facility]\n名称 = \"x\"\n", "引用符"),
])
def test_mapping_errors_name_the_key(tmp_path: Path, text: str, needle: str) -> None:
    with pytest.raises(ConfigError) as e:
        load_layer_mapping(mapping(tmp_path, text))
    assert needle in str(e.value) and "m.toml" in str(e.value)


@pytest.mark.parametrize("name", sorted(p.name for p in (Path(__file__).parents[1] / "resources" / "mappings")
                                        .glob("layer-*.toml")))
def test_shipped_layer_mappings_load(name: str) -> None:
    m = load_layer_mapping(Path(__file__).parents[1] / "resources" / "mappings" / name)
    assert m.file == name


def test_unknown_kind_and_format(store: Store, tmp_path: Path, dump: Dump) -> None:
    with pytest.raises(UsageError):
        import_layer(store, tmp_path / "x.gpkg", kind="river", actor=SYSTEM)  # type: ignore[arg-type]
    (tmp_path / "x.kml").write_text("<kml/>")
    e = rejected(store, dump, tmp_path / "x.kml", kind="flood")
    assert ".kml" in text_of(e)
    e = rejected(store, dump, tmp_path / "missing.gpkg", kind="flood")
    assert "ファイルがありません" in text_of(e)


def test_report_json_is_serialisable(store: Store, towns: Any, tmp_path: Path) -> None:
    report = import_layer(store, estat_boundaries(tmp_path / "b.gpkg"), kind="boundary", actor=SYSTEM)
    data = json.loads(json.dumps(report.to_json(), ensure_ascii=False))
    assert data["kind"] == "boundary" and data["towns_created"] == ["若葉町"] and data["skipped"][0]["value"] == "8154"


def test_import_is_one_transaction(store: Store, towns: Any, tmp_path: Path, db_path: Path) -> None:
    """A failure while writing (here: cancelling at the last safe point) leaves nothing behind."""
    from wardapp.errors import Cancelled
    from wardapp.progress import Progress

    seen: list[str] = []
    progress = Progress(lambda d, t, label: seen.append(label))
    path = estat_boundaries(tmp_path / "b.gpkg")
    con = sqlite3.connect(db_path)
    before = list(con.iterdump())
    con.close()

    def cancel_when_writing(done: int, total: int, label: str) -> None:
        if label.startswith("データベース"):
            progress.cancel()
    progress._callback = cancel_when_writing  # noqa: SLF001 — test hook
    with pytest.raises(Cancelled):
        import_layer(store, path, kind="boundary", progress=progress, actor=SYSTEM)
    con = sqlite3.connect(db_path)
    assert list(con.iterdump()) == before
    con.close()
    assert len(ESTAT_FEATURES) == 11


def test_one_code_for_two_new_town_names_is_an_error(store: Store, tmp_path: Path, dump: Dump) -> None:
    path = write_layer(tmp_path / "dup.gpkg", [cell(0, 0), cell(1, 0)],
                       {"S_NAME": ["甲町", "乙町"], "KEY_CODE": ["11999001000", "11999001000"]}, crs="EPSG:6668")
    e = rejected(store, dump, path, kind="boundary")
    assert "甲町" in e.problems[0].message and e.problems[0].column == "KEY_CODE"


def test_geopackage_with_several_layers_needs_the_layer_named(store: Store, tmp_path: Path, dump: Dump) -> None:
    path = tmp_path / "multi.gpkg"
    wkb = np.array([shapely.to_wkb(cell(0, 0))], dtype=object)
    from pyogrio.raw import write as ogr_write
    for layer, rank in (("flood_l1", 1), ("flood_l2", 3)):
        ogr_write(str(path), wkb, [np.array([rank])], ["rank"], layer=layer, driver="GPKG",
                  geometry_type="Polygon", crs="EPSG:6668", append=path.exists())
    e = rejected(store, dump, path, kind="flood")
    assert "flood_l1" in text_of(e) and "source.layer" in text_of(e)
    import_layer(store, path, kind="flood", mapping=mapping(tmp_path, '[source]\nlayer = "flood_l2"\n'), actor=SYSTEM)
    assert [z.rank for z in zones(store)] == [3]


def test_flood_shapefile_zipped_as_published(store: Store, tmp_path: Path) -> None:
    """A31 is downloaded as a zip of a shapefile (with CP932 member names): read it as is."""
    import zipfile

    (tmp_path / "src").mkdir()
    shp = flood_layer(tmp_path / "src" / "A31-12_11.shp")
    archive = tmp_path / "A31-12_11_SHP.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for part in sorted(shp.parent.iterdir()):
            info = zipfile.ZipInfo(f"A31-12_11_SHP/浸水想定区域{part.suffix}".encode("cp932").decode("cp437"))
            zf.writestr(info, part.read_bytes())
    report = import_layer(store, archive, kind="flood", actor=SYSTEM)
    assert report.added == len(FLOOD_BANDS)
    assert [z.rank for z in zones(store)] == [r for r, _ in FLOOD_BANDS]


def test_zip_without_or_with_several_datasets_is_refused(store: Store, tmp_path: Path, dump: Dump) -> None:
    import zipfile

    before = dump()
    empty = tmp_path / "readme-only.zip"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("README.txt", "no data")
    with pytest.raises(InputRejected) as e:
        import_layer(store, empty, kind="flood", actor=SYSTEM)
    assert "地図データ" in str(e.value) and "README.txt" in str(e.value)
    two = tmp_path / "two.zip"
    a = flood_layer(tmp_path / "a.gpkg")
    with zipfile.ZipFile(two, "w") as zf:
        zf.writestr("a.gpkg", a.read_bytes())
        zf.writestr("b.gpkg", a.read_bytes())
    with pytest.raises(InputRejected) as e:
        import_layer(store, two, kind="flood", actor=SYSTEM)
    assert "複数" in str(e.value)
    assert dump() == before
