"""Coordinate reference systems: everything is stored in JGD2011 longitude/latitude (EPSG:6668).

Official Japanese layers come in many systems: JGD2011 or JGD2000 geographic (国土数値情報,
e-Stat), the 19 plane-rectangular zones (平面直角座標系 I–XIX, EPSG:6669–6687 for JGD2011 and
2443–2461 for JGD2000) in municipal GIS exports, web mercator (EPSG:3857) from web tools, WGS84
(GeoJSON by definition, RFC 7946).  Whatever a file declares is transformed with pyproj
(``always_xy``: x = longitude / easting).  A file that declares *nothing* is refused — never
assumed — except GeoJSON, whose specification fixes WGS84 longitude/latitude.

JGD2011 and WGS84 are both ITRF-based and differ by far less than the accuracy of any of these
layers; like GSI and e-Stat, WGS84 (and OGC:CRS84) coordinates are taken as JGD2011 unchanged,
so a point imported in EPSG:6668 or 4326 is stored bit for bit as it was written.

Distances and areas use the ward's plane-rectangular zone (architecture.md): see
:func:`plane_zone_for` and :func:`local_metric_crs`.
"""

from __future__ import annotations

import functools
import math
from typing import Any, overload

import numpy as np
import pyproj
import shapely
from numpy.typing import NDArray
from pyproj.exceptions import CRSError

from wardapp.errors import InputProblem, InputRejected

#: JGD2011 geographic (latitude/longitude), the store's system.
JGD2011 = 6668
#: Longitude/latitude systems stored as they are (JGD2011 ≈ WGS84, see the module docstring).
_SAME_AS_STORE = {JGD2011, 4326}
#: Where Japan is (with its remote islands), in longitude/latitude: a transformed coordinate
#: outside this box means the declared CRS does not fit the numbers.
JAPAN_BOUNDS = (122.0, 20.0, 154.5, 46.0)

GRS80 = pyproj.Geod(ellps="GRS80")


def _reject(file: str | None, message: str) -> InputRejected:
    name = file or "座標参照系"
    return InputRejected(name, [InputProblem(None, None, None, message)],
                         message_ja=f"{name}: {message}。データベースは変更されていません。")


@functools.lru_cache(maxsize=64)
def _crs_from(value: str) -> pyproj.CRS:
    return pyproj.CRS.from_user_input(value)


def parse_crs(value: Any, *, file: str | None = None) -> pyproj.CRS:
    """A :class:`pyproj.CRS` from an EPSG code, ``"EPSG:6677"``, WKT (also ESRI ``.prj``) or a CRS.

    An unparseable or local engineering system (no datum to transform from) raises
    :class:`InputRejected` naming ``file``.
    """
    if isinstance(value, pyproj.CRS):
        crs = value
    else:
        text = str(value).strip()
        if text.isdigit():
            text = f"EPSG:{text}"
        try:
            crs = _crs_from(text)
        except CRSError:
            raise _reject(file, f"座標参照系が分かりません（「{text[:60]}」を解釈できません）") from None
    if not (crs.is_geographic or crs.is_projected):
        raise _reject(file, f"座標参照系「{crs.name}」は地理座標系でも投影座標系でもないため変換できません")
    return crs


def describe_crs(crs: pyproj.CRS) -> str:
    """``EPSG:6677 JGD2011 / Japan Plane Rectangular CS IX`` (or the name alone)."""
    code = crs.to_authority(min_confidence=70)
    return f"{code[0]}:{code[1]} {crs.name}" if code else crs.name


def is_store_crs(crs: pyproj.CRS) -> bool:
    """True for systems whose coordinates are stored unchanged (JGD2011, WGS84, OGC:CRS84)."""
    if crs.to_authority() == ("OGC", "CRS84"):
        return True
    return crs.to_epsg() in _SAME_AS_STORE


def is_tokyo_datum(crs: pyproj.CRS) -> bool:
    """旧日本測地系 (Tokyo datum): its transformation to JGD2011 is only good to a few metres."""
    datum = crs.datum.name if crs.datum is not None else ""
    return "Tokyo" in datum


@functools.lru_cache(maxsize=64)
def _transformer(src_wkt: str, dst_epsg: int) -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(pyproj.CRS.from_wkt(src_wkt), pyproj.CRS.from_epsg(dst_epsg),
                                       always_xy=True)


def transformer(src: pyproj.CRS, dst_epsg: int = JGD2011) -> pyproj.Transformer:
    return _transformer(src.to_wkt(), dst_epsg)


def _transform_xy(t: pyproj.Transformer, xy: NDArray[np.float64], file: str | None) -> NDArray[np.float64]:
    x, y = t.transform(xy[:, 0], xy[:, 1], errcheck=False)
    out = np.column_stack([np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)])
    if not np.isfinite(out).all():
        raise _reject(file, "座標を変換できません（宣言された座標参照系と座標の値が合っていない可能性があります）")
    return out


@overload
def to_jgd2011(data: NDArray[Any], src_crs: Any, *, file: str | None = None) -> NDArray[Any]: ...
@overload
def to_jgd2011(data: shapely.Geometry, src_crs: Any, *, file: str | None = None) -> shapely.Geometry: ...


def to_jgd2011(data: Any, src_crs: Any, *, file: str | None = None) -> Any:
    """Transform geometries (a shapely geometry or an object array of them) or an ``(N, 2)``
    coordinate array (x/longitude first) from ``src_crs`` to JGD2011 longitude/latitude.

    Vectorised: all coordinates go through pyproj in one call.  Systems equal to the store's are
    returned unchanged (the same objects), so there is no floating-point drift.
    """
    crs = parse_crs(src_crs, file=file)
    if is_store_crs(crs):
        return data
    t = transformer(crs)
    if isinstance(data, shapely.Geometry):
        return shapely.transform(data, lambda xy: _transform_xy(t, xy, file))
    arr = np.asarray(data)
    if arr.dtype == object:
        return shapely.transform(arr, lambda xy: _transform_xy(t, xy, file))
    return _transform_xy(t, arr.astype(np.float64).reshape(-1, 2), file)


# --- plane-rectangular zones -------------------------------------------------------------

#: 平面直角座標系 zone of each prefecture's main part (告示 平成14年国土交通省告示第9号).
#: 北海道 (XI–XIII), 東京都 (IX, XIV, XVIII, XIX), 鹿児島県 (I, II) and 沖縄県 (XV–XVII) span
#: several zones; :func:`plane_zone_for` splits them by longitude/latitude.
PREF_ZONE: dict[int, int] = {
    2: 10, 3: 10, 4: 10, 5: 10, 6: 10, 7: 9, 8: 9, 9: 9, 10: 9, 11: 9, 12: 9, 13: 9, 14: 9,
    15: 8, 16: 7, 17: 7, 18: 6, 19: 8, 20: 8, 21: 7, 22: 8, 23: 7, 24: 6, 25: 6, 26: 6, 27: 6,
    28: 5, 29: 6, 30: 6, 31: 5, 32: 3, 33: 5, 34: 3, 35: 3, 36: 4, 37: 4, 38: 4, 39: 4,
    40: 2, 41: 2, 42: 1, 43: 2, 44: 2, 45: 2, 46: 2, 47: 15,
}

#: Prefectural offices (approximate lon, lat): without a prefecture code, a point takes the
#: zone of the nearest one.
_PREF_OFFICES: dict[int, tuple[float, float]] = {
    1: (141.35, 43.06), 2: (140.74, 40.82), 3: (141.15, 39.70), 4: (140.87, 38.27), 5: (140.10, 39.72),
    6: (140.36, 38.24), 7: (140.47, 37.75), 8: (140.45, 36.34), 9: (139.88, 36.57), 10: (139.06, 36.39),
    11: (139.65, 35.86), 12: (140.12, 35.61), 13: (139.69, 35.69), 14: (139.64, 35.45), 15: (139.02, 37.90),
    16: (137.21, 36.70), 17: (136.63, 36.59), 18: (136.22, 36.07), 19: (138.57, 35.66), 20: (138.18, 36.65),
    21: (136.72, 35.39), 22: (138.38, 34.98), 23: (136.91, 35.18), 24: (136.51, 34.73), 25: (135.87, 35.00),
    26: (135.76, 35.02), 27: (135.52, 34.69), 28: (135.18, 34.69), 29: (135.83, 34.69), 30: (135.17, 34.23),
    31: (134.24, 35.50), 32: (133.05, 35.47), 33: (133.93, 34.66), 34: (132.46, 34.40), 35: (131.47, 34.19),
    36: (134.56, 34.07), 37: (134.04, 34.34), 38: (132.77, 33.84), 39: (133.53, 33.56), 40: (130.42, 33.61),
    41: (130.30, 33.25), 42: (129.87, 32.74), 43: (130.74, 32.79), 44: (131.61, 33.24), 45: (131.42, 31.91),
    46: (130.56, 31.56), 47: (127.68, 26.21),
}


def _pref_of(pref_code: int | str | None) -> int | None:
    if pref_code is None:
        return None
    s = str(pref_code).strip()
    if not s.isdigit():
        return None
    # A prefecture code (1–47, "11") or a 全国地方公共団体コード (5 or 6 digits, "112151").
    n = int(s[:2]) if len(s) >= 5 else int(s)
    return n if 1 <= n <= 47 else None


def _island_zone(lon: float, lat: float) -> int | None:
    if lon > 150.0:
        return 19  # 南鳥島
    if lat < 21.0:
        return 18  # 沖ノ鳥島
    if lat < 30.0 and lon >= 140.0:
        return 14  # 小笠原諸島
    if 27.0 <= lat < 30.0 and 128.3 <= lon < 130.25:
        return 1  # 奄美群島 (鹿児島県のうち東経130度13分まで)
    if lat < 27.9:
        return 16 if lon < 126.0 else 15 if lon < 130.0 else 17  # 先島 / 沖縄本島 / 大東
    return None


def plane_zone_for(lon: float, lat: float, pref_code: int | str | None = None) -> int:
    """The 平面直角座標系 zone (1–19) for a place, for metric distances and areas.

    With a prefecture code (or a 全国地方公共団体コード) the prefecture's zone is used; without
    one, the nearest prefectural office decides.  北海道 is split at 141.05°E / 143.0°E and the
    southern islands by longitude/latitude.  This is an approximation of the legal zone
    boundaries (which follow municipalities): near a zone boundary the neighbouring zone may be
    chosen, which changes distances by well under 0.1 % — irrelevant for ward-scale work.
    """
    pref = _pref_of(pref_code)
    island = _island_zone(lon, lat)
    if island is not None and pref in (None, 13, 46, 47):
        return island
    if pref is None and (lat >= 41.6 or (lat >= 41.35 and lon < 140.6)):
        pref = 1  # 北海道 (north of the 津軽海峡; 下北半島 reaches 41.55°N east of 140.6°E)
    if pref is None:
        coslat = math.cos(math.radians(lat))
        pref = min(_PREF_OFFICES, key=lambda p: ((_PREF_OFFICES[p][0] - lon) * coslat) ** 2
                   + (_PREF_OFFICES[p][1] - lat) ** 2)
    if pref == 1:
        return 11 if lon < 141.05 else 12 if lon < 143.0 else 13
    return PREF_ZONE[pref]


def local_metric_crs(lon: float, lat: float, pref_code: int | str | None = None) -> pyproj.CRS:
    """JGD2011 / Japan Plane Rectangular CS of :func:`plane_zone_for` (EPSG:6669–6687)."""
    return pyproj.CRS.from_epsg(6668 + plane_zone_for(lon, lat, pref_code))


def to_metric(geoms: NDArray[Any], crs: pyproj.CRS) -> NDArray[Any]:
    """JGD2011 lon/lat geometries into the metric ``crs`` (vectorised)."""
    t = pyproj.Transformer.from_crs(JGD2011, crs, always_xy=True)

    def f(xy: NDArray[np.float64]) -> NDArray[np.float64]:
        x, y = t.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(np.asarray(geoms, dtype=object), f)


def metric_crs_for(geoms: NDArray[Any], pref_code: int | str | None = None) -> pyproj.CRS:
    """The zone for the centre of a set of lon/lat geometries."""
    xmin, ymin, xmax, ymax = shapely.total_bounds(np.asarray(geoms, dtype=object))
    if not np.isfinite([xmin, ymin, xmax, ymax]).all():
        return pyproj.CRS.from_epsg(6677)
    return local_metric_crs((xmin + xmax) / 2, (ymin + ymax) / 2, pref_code)


def areas_m2(geoms: NDArray[Any], crs: pyproj.CRS | None = None) -> NDArray[np.float64]:
    """Areas in square metres of lon/lat polygons (in the plane zone of their centre)."""
    arr = np.asarray(geoms, dtype=object)
    if len(arr) == 0:
        return np.zeros(0)
    crs = crs or metric_crs_for(arr)
    return np.asarray(shapely.area(to_metric(arr, crs)), dtype=np.float64)


def distances_m(lon1: NDArray[Any], lat1: NDArray[Any], lon2: NDArray[Any], lat2: NDArray[Any]) -> NDArray[np.float64]:
    """Geodesic distances in metres on the GRS80 ellipsoid (JGD2011's), vectorised."""
    if len(lon1) == 0:
        return np.zeros(0)
    _, _, d = GRS80.inv(np.asarray(lon1, float), np.asarray(lat1, float),
                        np.asarray(lon2, float), np.asarray(lat2, float))
    return np.asarray(d, dtype=np.float64)
