"""Sample layer files written in code (fictional 架空市; no real data is copied into the project).

Everything is built in JGD2011 longitude/latitude around the demo ward's centre and written
with pyogrio in whatever CRS, format and encoding a test needs.
"""

from __future__ import annotations

import csv
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyproj
import shapely
from pyogrio.raw import write as ogr_write
from shapely.geometry import Polygon, box

LON0, LAT0 = 139.60, 35.44
STEP = 0.005  # about 450 m × 550 m cells

#: e-Stat-like 小地域 features of 架空市 (PREF 11, CITY 999): S_NAME, S_AREA, HCODE, KIGO_E, cell.
#: 桜台三丁目 is two features (飛び地 E1/E2, adjacent cells); one feature is 水面調査区.
ESTAT_FEATURES: tuple[tuple[str | None, str, int, str | None, tuple[int, int]], ...] = (
    ("みどり一丁目", "001001", 8101, None, (0, 0)),
    ("みどり二丁目", "001002", 8101, None, (1, 0)),
    ("桜台一丁目", "002001", 8101, None, (2, 0)),
    ("桜台二丁目", "002002", 8101, None, (3, 0)),
    ("桜台三丁目", "002003", 8101, "E1", (0, 1)),
    ("桜台三丁目", "002003", 8101, "E2", (1, 1)),
    ("大字新田", "003000", 8101, None, (2, 1)),
    ("霞ヶ丘一丁目", "004001", 8101, None, (3, 1)),
    ("霞ケ丘二丁目", "004002", 8101, None, (0, 2)),
    ("若葉町", "005000", 8101, None, (1, 2)),
    (None, "900000", 8154, None, (2, 2)),
)


def cell(col: int, row: int, *, lon0: float = LON0, lat0: float = LAT0, grow: float = 0.0) -> Polygon:
    """A grid cell in lon/lat with awkward (non-round) coordinates; ``grow`` widens it eastwards."""
    x = lon0 + col * STEP + 1.234567e-7 * (col + 1)
    y = lat0 + row * STEP + 7.654321e-8 * (row + 1)
    return box(x, y, x + STEP + grow, y + STEP)


def to_crs(geoms: Any, epsg: int) -> Any:
    """Lon/lat (EPSG:6668) geometries into ``epsg`` with pyproj (the reference transformation)."""
    if epsg in (6668, 4326):
        return geoms
    t = pyproj.Transformer.from_crs(6668, epsg, always_xy=True)

    def f(xy: np.ndarray) -> np.ndarray:
        x, y = t.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geoms, f)


def write_layer(path: Path, geoms: Sequence[Any], fields: dict[str, Sequence[Any]], *, crs: str | None,
                encoding: str | None = None, geometry_type: str | None = None) -> Path:
    """Write a Shapefile / GeoPackage / GeoJSON (by suffix) with pyogrio."""
    driver = {".shp": "ESRI Shapefile", ".gpkg": "GPKG", ".geojson": "GeoJSON", ".json": "GeoJSON"}[path.suffix]
    arr = np.array(list(geoms), dtype=object)
    if geometry_type is None:
        kinds = {g.geom_type for g in arr if g is not None}
        geometry_type = kinds.pop() if len(kinds) == 1 else "Unknown"
    field_data = []
    for values in fields.values():
        vals = list(values)
        if all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in vals):
            field_data.append(np.array(vals, dtype=np.int64))
        elif all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals):
            field_data.append(np.array(vals, dtype=np.float64))
        else:
            field_data.append(np.array(vals, dtype=object))
    wkb = np.array([None if g is None else shapely.to_wkb(g) for g in arr], dtype=object)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "'crs' was not provided", UserWarning)  # on purpose when crs=None
        ogr_write(str(path), wkb, field_data, list(fields), driver=driver, geometry_type=geometry_type,
                  crs=crs, encoding=encoding)
    return path


def estat_boundaries(path: Path, *, epsg: int = 6668, encoding: str | None = None,
                     features: Sequence[tuple[str | None, str, int, str | None, tuple[int, int]]] = ESTAT_FEATURES,
                     grow: dict[str, float] | None = None) -> Path:
    """An e-Stat 小地域-like boundary layer of 架空市 in ``epsg``."""
    grow = grow or {}
    geoms = [cell(*c, grow=grow.get(name or "", 0.0)) for name, _, _, _, c in features]
    fields = {
        "KEY_CODE": ["11999" + area for _, area, _, _, _ in features],
        "PREF": ["11"] * len(features),
        "CITY": ["999"] * len(features),
        "S_AREA": [area for _, area, _, _, _ in features],
        "PREF_NAME": ["埼玉県"] * len(features),
        "CITY_NAME": ["架空市"] * len(features),
        "S_NAME": [name for name, _, _, _, _ in features],
        "KIGO_E": [k for _, _, _, k, _ in features],
        "HCODE": [h for _, _, h, _, _ in features],
        "JINKO": [100 * (i + 1) for i in range(len(features))],
    }
    return write_layer(path, to_crs(np.array(geoms, dtype=object), epsg), fields, crs=f"EPSG:{epsg}",
                       encoding=encoding, geometry_type="Polygon")


def strip_cpg(shp: Path) -> None:
    """Make a CP932 .dbf look like an old export: no .cpg and no language driver id."""
    shp.with_suffix(".cpg").unlink(missing_ok=True)
    dbf = shp.with_suffix(".dbf")
    data = bytearray(dbf.read_bytes())
    data[29] = 0
    dbf.write_bytes(bytes(data))


def bowtie(col: int, row: int) -> Polygon:
    """A self-intersecting (figure-eight) polygon in a grid cell."""
    c = cell(col, row)
    x0, y0, x1, y1 = c.bounds
    return Polygon([(x0, y0), (x1, y1), (x1, y0), (x0, y1), (x0, y0)])


#: A31-like flood bands: (rank, cells).  Nested bands are simplified to disjoint cells.
FLOOD_BANDS: tuple[tuple[int, tuple[int, int]], ...] = (
    (1, (0, 0)), (1, (1, 0)), (2, (2, 0)), (2, (0, 1)), (3, (1, 1)), (4, (2, 1)), (5, (3, 1)), (6, (3, 2)),
)


def flood_layer(path: Path, *, rank_field: str = "A31_205", as_text: bool = False, epsg: int = 6668,
                bands: Sequence[tuple[Any, tuple[int, int]]] = FLOOD_BANDS, extra: dict[str, Sequence[Any]] | None = None) -> Path:
    geoms = np.array([cell(*c) for _, c in bands], dtype=object)
    ranks = [str(r) if as_text else r for r, _ in bands]
    fields: dict[str, Sequence[Any]] = {"A31_101": ["架空川"] * len(bands), rank_field: ranks}
    fields.update(extra or {})
    return write_layer(path, to_crs(geoms, epsg), fields, crs=f"EPSG:{epsg}", geometry_type="Polygon")


FACILITY_HEADER = ["名称", "種別", "住所", "緯度", "経度", "収容人数", "電話番号"]
FACILITIES: list[list[str]] = [
    ["みどり小学校", "指定避難所", "架空市みどり一丁目2番3号", "35.4425", "139.6025", "800", "000-111-2222"],
    ["桜台中学校", "指定避難所", "架空市桜台二丁目5番1号", "35.4425", "139.6175", "1,200", ""],
    ["新田公園", "指定緊急避難場所", "架空市新田100番地", "35.4475", "139.6125", "", ""],
    ["若葉地区センター", "地区センター", "架空市若葉町1番1号", "35.4525", "139.6075", "50人", "000-333-4444"],
]


def write_csv(path: Path, header: list[str], rows: list[list[str]], *, encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def facility_csv(path: Path, rows: list[list[str]] | None = None, *, encoding: str = "utf-8") -> Path:
    return write_csv(path, FACILITY_HEADER, FACILITIES if rows is None else rows, encoding=encoding)


def shift(lat: str, lon: str, *, north_m: float = 0.0) -> tuple[str, str]:
    """A point moved ``north_m`` metres north (GRS80)."""
    lon2, lat2, _ = pyproj.Geod(ellps="GRS80").fwd(float(lon), float(lat), 0.0, north_m)
    return f"{lat2:.7f}", f"{lon2:.7f}"
