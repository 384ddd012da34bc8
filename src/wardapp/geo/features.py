"""Reading layer files into one shape: attribute columns, geometries, CRS, and where each row is.

Vector files (Shapefile, GeoPackage, GeoJSON, a bare .dbf attribute table) go through pyogrio
(GDAL); delimited text goes through :func:`wardapp.csvfile.read_table`.  Problems name the file
and the feature — ``地物 FID=12（桜台二丁目）`` for vector files, the physical line for CSV — so
staff can find it in QGIS or an editor.

Shapefile text encoding: GDAL honours a ``.cpg`` file and the dBASE language driver id (0x13 =
CP932, as e-Stat writes).  A Japanese ``.dbf`` with neither would be read as ISO-8859-1
mojibake, so the record bytes are checked: valid UTF-8 is read as UTF-8, else valid CP932 as
CP932, else the file is refused.
"""

from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyogrio
import pyproj
import shapely
from numpy.typing import NDArray
from pyogrio.errors import DataLayerError, DataSourceError
from pyogrio.raw import read as ogr_read

from wardapp.archive import extract_all
from wardapp.csvfile import read_table
from wardapp.errors import InputProblem, InputRejected, ProblemList
from wardapp.geo.crs import JAPAN_BOUNDS, describe_crs, is_tokyo_datum, parse_crs
from wardapp.geo.mapping import LayerMapping

VECTOR_FORMATS = {".shp": "Shapefile", ".dbf": "dBASE", ".gpkg": "GeoPackage", ".geojson": "GeoJSON",
                  ".json": "GeoJSON"}
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}

#: shapely type ids
_POINT, _POLYGON, _MULTIPOINT, _MULTIPOLYGON = 0, 3, 4, 6
_TYPE_NAMES = {0: "Point", 1: "LineString", 2: "LinearRing", 3: "Polygon", 4: "MultiPoint",
               5: "MultiLineString", 6: "MultiPolygon", 7: "GeometryCollection"}

#: GEOS validity reasons in Japanese (the GEOS text is kept beside it: it has the coordinates).
_REASONS = {
    "Ring Self-intersection": "リングが自分自身に接しています",
    "Self-intersection": "辺が交差しています（自己交差）",
    "Too few points": "点の数が足りません",
    "Hole lies outside shell": "穴が外周の外にあります",
    "Nested holes": "穴が入れ子になっています",
    "Interior is disconnected": "内部が分断されています",
    "Nested shells": "外周が入れ子になっています",
    "Duplicate Rings": "同じリングが重複しています",
    "Invalid Coordinate": "座標が不正です",
    "Ring is not closed": "リングが閉じていません",
}


def reason_ja(reason: str) -> str:
    for key, text in _REASONS.items():
        if reason.startswith(key):
            return f"{text}（{reason}）"
    return reason


def reject(file: str, message: str, *, column: str | None = None, value: str | None = None,
           line: int | None = None) -> InputRejected:
    """A whole-file refusal with one problem, its message shown as the headline."""
    return InputRejected(file, [InputProblem(line, column, value, message)],
                         message_ja=f"{file} を取り込めませんでした: {message}。データベースは変更されていません。")


@dataclass
class FeatureTable:
    """A layer read into memory.  ``geometry`` is in the file's own CRS until transformed."""

    file: str
    path: Path
    format: str
    columns: dict[str, list[Any]]
    count: int
    geometry: NDArray[Any] | None = None
    crs: pyproj.CRS | None = None
    encoding: str | None = None
    fids: list[int] | None = None
    lines: list[int] | None = None
    header_line: int | None = None
    #: A name column whose value labels features in messages (``S_NAME``, ``施設・場所名``).
    label_field: str | None = None
    warnings: list[InputProblem] = field(default_factory=list)
    #: Feature index of each problem made by :meth:`problem` (to list problems in file order).
    _index: dict[int, int] = field(default_factory=dict, repr=False)

    @property
    def is_text(self) -> bool:
        return self.lines is not None

    def __len__(self) -> int:
        return self.count

    def has(self, name: str) -> bool:
        return name in self.columns

    def column(self, name: str) -> list[Any]:
        return self.columns[name]

    def where(self, i: int) -> str:
        """``地物 FID=3（桜台二丁目）`` for vector features, ``""`` for CSV rows (their line says it)."""
        if self.lines is not None:
            return ""
        fid = self.fids[i] if self.fids is not None else i
        label = ""
        if self.label_field and self.label_field in self.columns:
            v = self.columns[self.label_field][i]
            if v not in (None, ""):
                label = f"（{v}）"
        return f"地物 FID={fid}{label}"

    def problem(self, i: int, column: str | None, value: Any, message: str) -> InputProblem:
        line = self.lines[i] if self.lines is not None else None
        prefix = self.where(i)
        p = InputProblem(line, column, None if value is None else str(value),
                         f"{prefix}: {message}" if prefix else message)
        self._index[id(p)] = i
        return p

    def rejection(self, problems: ProblemList) -> InputRejected:
        """All problems, in the order of the features they concern (whole-file ones first)."""
        ordered = sorted(problems.problems, key=lambda p: self._index.get(id(p), -1))
        return InputRejected(self.file, ordered)

    def add(self, problems: ProblemList, i: int, column: str | None, value: Any, message: str) -> None:
        problems.problems.append(self.problem(i, column, value, message))

    def header_problem(self, message: str, column: str | None = None) -> InputProblem:
        return InputProblem(self.header_line, column, None, message)


def _sibling(path: Path, suffix: str) -> Path | None:
    """``a.shp`` → ``a.prj`` / ``a.PRJ`` (shapefile parts differ in case on Windows copies)."""
    for cand in (path.with_suffix(suffix), path.with_suffix(suffix.upper())):
        if cand.exists():
            return cand
    return None


def _dbf_encoding(path: Path, file: str, configured: str) -> tuple[str | None, str]:
    """``(encoding to pass to GDAL or None, encoding to report)`` for a shapefile's .dbf."""
    if configured not in ("auto", ""):
        enc = "cp932" if configured in ("shift_jis", "cp932") else configured
        return enc, enc
    cpg = _sibling(path, ".cpg")
    if cpg is not None:
        return None, f"{cpg.read_text(errors='replace').strip() or '?'}（.cpg）"
    dbf = path if path.suffix.lower() == ".dbf" else _sibling(path, ".dbf")
    if dbf is None:
        return None, "?"
    data = dbf.read_bytes()
    if len(data) < 32:
        return None, "?"
    ldid = data[29]
    if ldid == 0x13:
        return None, "cp932（.dbf の言語ドライバID）"
    if ldid not in (0x00,):
        return None, f"言語ドライバID 0x{ldid:02X}"
    header_len = int.from_bytes(data[8:10], "little")
    body = data[header_len:]
    if body.isascii():
        return None, "ASCII"
    try:
        body.decode("utf-8")
        return "UTF-8", "UTF-8（.cpg なし、判別）"
    except UnicodeDecodeError:
        pass
    try:
        body.decode("cp932")
        return "cp932", "cp932（.cpg なし、判別）"
    except UnicodeDecodeError as e:
        raise reject(file, "属性（.dbf）の文字コードを判別できません（.cpg がなく、UTF-8 でも Shift_JIS(CP932) でも"
                           f"ないバイト列があります: .dbf の {header_len + e.start} バイト目）。"
                           "マッピングの source.encoding で指定してください") from None


def _pylist(arr: Any) -> list[Any]:
    """A pyogrio field array as Python values, missing values as None."""
    values = arr.tolist() if hasattr(arr, "tolist") else list(arr)
    if getattr(arr, "dtype", None) is not None and arr.dtype.kind == "f":
        return [None if (v is None or math.isnan(v)) else v for v in values]
    return values


def read_features(path: Path, mapping: LayerMapping, *, display_name: str | None = None,
                  need_geometry: bool = True) -> FeatureTable:
    """Read a vector layer or a delimited text file (text only when ``need_geometry`` is False)."""
    file = display_name or path.name
    if not path.exists():
        raise reject(file, "ファイルがありません")
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return _read_zip(path, file, mapping, need_geometry)
    if suffix in TEXT_SUFFIXES:
        if need_geometry:
            raise reject(file, "この種類の図形は CSV では取り込めません（Shapefile・GeoPackage・GeoJSON を使ってください）")
        return _read_text(path, file, mapping)
    if suffix not in VECTOR_FORMATS:
        raise reject(file, f"対応していないファイル形式です（{path.suffix or '拡張子なし'}）。"
                           "Shapefile (.shp)・GeoPackage (.gpkg)・GeoJSON (.geojson/.json)・CSV (.csv) を使えます")
    if suffix == ".dbf" and need_geometry:
        shp = _sibling(path, ".shp")
        if shp is None:
            raise reject(file, "属性表（.dbf）だけで図形（.shp）がありません")
        path, suffix = shp, ".shp"
    return _read_vector(path, file if display_name else path.name, mapping, suffix)


def _read_zip(path: Path, file: str, mapping: LayerMapping, need_geometry: bool) -> FeatureTable:
    """A zipped download (A31, e-Stat 小地域): read the one dataset inside it."""
    with tempfile.TemporaryDirectory(prefix="wardapp-layer-") as tmp:
        members = extract_all(path, Path(tmp), file)
        wanted = (".shp", ".gpkg", ".geojson", ".json") + (() if need_geometry else tuple(TEXT_SUFFIXES))
        found = [(name, p) for name, p in members if p.suffix.lower() in wanted]
        if len(found) != 1:
            listing = "、".join(name for name, _ in members[:20]) or "（空）"
            what = "地図データ（.shp・.gpkg・.geojson）がありません" if not found else \
                "地図データが複数あります。展開して1つを指定してください"
            raise reject(file, f"zip に{what}: {listing}")
        name, inner = found[0]
        return read_features(inner, mapping, display_name=f"{file}/{name}", need_geometry=need_geometry)


def _read_vector(path: Path, file: str, mapping: LayerMapping, suffix: str) -> FeatureTable:
    fmt = VECTOR_FORMATS[suffix]
    encoding: str | None = None
    reported_enc: str | None = "UTF-8"
    if suffix in (".shp", ".dbf"):
        encoding, reported_enc = _dbf_encoding(path, file, mapping.encoding)
        if suffix == ".shp" and _sibling(path, ".shx") is None:
            raise reject(file, "Shapefile の .shx がありません（.shp・.shx・.dbf・.prj を同じフォルダに置いてください）")
    layer = mapping.layer
    try:
        layers = pyogrio.list_layers(path)
    except (DataSourceError, DataLayerError, OSError) as e:
        raise reject(file, f"{fmt} として読めません（{e}）") from None
    names = [str(n) for n in layers[:, 0]] if len(layers) else []
    if layer is not None and layer not in names:
        raise reject(file, f"レイヤ「{layer}」がありません（{'、'.join(names) or 'なし'}）")
    if layer is None and len(names) > 1:
        raise reject(file, f"レイヤが複数あります（{'、'.join(names)}）。マッピングの source.layer で選んでください")
    try:
        meta, fids, geoms, fields = ogr_read(path, layer=layer, encoding=encoding, force_2d=True,
                                             return_fids=True, datetime_as_string=True,
                                             read_geometry=suffix != ".dbf")
    except UnicodeDecodeError as e:
        raise reject(file, f"属性の文字コードが {reported_enc} ではありません（{e.reason}）。"
                           ".cpg を確認するか、マッピングの source.encoding で指定してください") from None
    except (DataSourceError, DataLayerError, OSError, ValueError) as e:
        raise reject(file, f"{fmt} として読めません（{e}）") from None
    if encoding is None and reported_enc in ("?", None):
        reported_enc = meta.get("encoding")
    columns = {str(name): _pylist(values) for name, values in zip(meta["fields"], fields)}
    count = len(fids) if fids is not None else (len(fields[0]) if len(fields) else 0)
    table = FeatureTable(file=file, path=path, format=fmt, columns=columns, count=count,
                         encoding=reported_enc, fids=[int(f) for f in fids] if fids is not None else None)
    if suffix == ".dbf":
        return table
    table.geometry = shapely.from_wkb(np.asarray(geoms, dtype=object), on_invalid="ignore") \
        if geoms is not None else np.full(count, None, dtype=object)
    declared = meta.get("crs")
    if declared is None:
        if mapping.crs is None:
            if suffix == ".shp":
                why = "（.prj がありません）" if _sibling(path, ".prj") is None else "（.prj を解釈できません）"
            else:
                why = "（ファイルに定義されていません）"
            raise reject(file, f"座標参照系が分かりません{why}。正しい座標参照系が分かっている場合は、"
                               "マッピングの source.crs で指定してください（例: \"EPSG:6677\"）")
        table.crs = parse_crs(mapping.crs, file=file)
    else:
        table.crs = parse_crs(declared, file=file)
        if mapping.crs is not None and not table.crs.equals(parse_crs(mapping.crs, file=file)):
            raise reject(file, f"ファイルの座標参照系（{describe_crs(table.crs)}）とマッピングの source.crs"
                               f"（{mapping.crs}）が違います。source.crs は座標参照系のないファイルにだけ使います")
    if is_tokyo_datum(table.crs):
        table.warnings.append(InputProblem(None, None, describe_crs(table.crs),
            "旧日本測地系（Tokyo Datum）です。世界測地系への変換には数メートルの誤差があります"))
    return table


def _read_text(path: Path, file: str, mapping: LayerMapping) -> FeatureTable:
    t = read_table(path, encoding=mapping.encoding, delimiter=mapping.delimiter,
                   skip_lines=mapping.skip_lines, display_name=file)
    width = len(t.header)
    columns: dict[str, list[Any]] = {h: [] for h in t.header}
    bad: list[InputProblem] = []
    for row, line in zip(t.rows, t.lines):
        if len(row) != width:
            bad.append(InputProblem(line, None, None, f"列の数（{len(row)}）が見出し（{width}）と違います"))
        for j, h in enumerate(t.header):
            columns[h].append(row[j].strip() if j < len(row) else "")
    if bad:
        raise InputRejected(file, bad)
    table = FeatureTable(file=file, path=path, format="CSV", columns=columns, count=len(t.rows),
                         encoding=t.encoding, lines=list(t.lines), header_line=t.header_line)
    table.crs = parse_crs(mapping.crs, file=file) if mapping.crs else None
    return table


def validate_geometries(table: FeatureTable, geoms: NDArray[Any], *, polygons: bool, repair: bool,
                        problems: ProblemList, repairs: list[InputProblem],
                        skip: NDArray[np.bool_] | None = None) -> NDArray[Any]:
    """Check every geometry at once (shapely arrays): present, not empty, the right type, finite,
    valid.  Invalid polygons are problems, or with ``repair`` are made valid (``make_valid``,
    method ``structure``) and each repair is listed in ``repairs``.  Returns the geometries,
    repaired ones replaced; ``skip`` marks features that are left out anyway (not checked).
    """
    geoms = np.array(geoms, dtype=object)
    n = len(geoms)
    todo = np.ones(n, dtype=bool) if skip is None else ~skip
    missing = shapely.is_missing(geoms)
    for i in np.flatnonzero(todo & missing):
        table.add(problems, int(i), None, None, "図形がありません（または読めません）")
    todo &= ~missing
    empty = np.zeros(n, dtype=bool)
    empty[todo] = shapely.is_empty(geoms[todo])
    for i in np.flatnonzero(empty):
        table.add(problems, int(i), None, None, "図形が空です")
    todo &= ~empty
    types = np.full(n, -1, dtype=np.int64)
    types[todo] = shapely.get_type_id(geoms[todo])
    allowed = (_POLYGON, _MULTIPOLYGON) if polygons else (_POINT, _MULTIPOINT)
    wrong = todo & ~np.isin(types, allowed)
    want = "Polygon / MultiPolygon" if polygons else "Point"
    for i in np.flatnonzero(wrong):
        table.add(problems, int(i), None, _TYPE_NAMES.get(int(types[i]), "?"),
                  f"図形の種類が違います（{want} が必要です）")
    todo &= ~wrong
    if not polygons:
        multi = todo & (types == _MULTIPOINT)
        if multi.any():
            parts = shapely.get_num_geometries(geoms[multi])
            idx = np.flatnonzero(multi)
            for i in idx[parts != 1]:
                table.add(problems, int(i), None, "MultiPoint", "複数の点からなる図形です（1点が必要です）")
                todo[i] = False
            single = idx[parts == 1]
            geoms[single] = shapely.get_geometry(geoms[single], 0)
    bounds = np.full((n, 4), np.nan)
    bounds[todo] = shapely.bounds(geoms[todo])
    nonfinite = todo & ~np.isfinite(bounds).all(axis=1)
    for i in np.flatnonzero(nonfinite):
        table.add(problems, int(i), None, None, "座標に数値でない値（NaN・無限大）があります")
    todo &= ~nonfinite
    if polygons:
        valid = np.ones(n, dtype=bool)
        valid[todo] = shapely.is_valid(geoms[todo])
        bad = np.flatnonzero(todo & ~valid)
        if len(bad):
            reasons = shapely.is_valid_reason(geoms[bad])
            if repair:
                fixed = shapely.make_valid(geoms[bad], method="structure", keep_collapsed=False)
                fixed_empty = shapely.is_empty(fixed) | ~np.isin(shapely.get_type_id(fixed), allowed)
                for k, i in enumerate(bad):
                    if fixed_empty[k]:
                        table.add(problems, int(i), None, None,
                                  f"図形が不正で、修復すると面がなくなります: {reason_ja(str(reasons[k]))}")
                    else:
                        repairs.append(table.problem(int(i), None, None,
                                                     f"不正な図形を修復しました: {reason_ja(str(reasons[k]))}"))
                        geoms[i] = fixed[k]
            else:
                for k, i in enumerate(bad):
                    table.add(problems, int(i), None, None,
                              f"図形が不正です: {reason_ja(str(reasons[k]))}。"
                              "マッピングで [geometry] repair = true とすると、修復して（修復内容を報告して）取り込みます")
    return geoms


def check_in_japan(table: FeatureTable, geoms: NDArray[Any], problems: ProblemList,
                   skip: NDArray[np.bool_] | None = None) -> None:
    """After transformation: a coordinate outside Japan means the declared CRS is wrong."""
    ok = ~shapely.is_missing(geoms)
    if skip is not None:
        ok &= ~skip
    if not ok.any():
        return
    b = np.full((len(geoms), 4), np.nan)
    b[ok] = shapely.bounds(geoms[ok])
    xmin, ymin, xmax, ymax = JAPAN_BOUNDS
    outside = ok & ~((b[:, 0] >= xmin) & (b[:, 2] <= xmax) & (b[:, 1] >= ymin) & (b[:, 3] <= ymax))
    crs = describe_crs(table.crs) if table.crs is not None else "経緯度"
    for i in np.flatnonzero(outside)[:50]:
        table.add(problems, int(i), None, f"{b[i, 0]:.6g}, {b[i, 1]:.6g}",
                  f"日本の範囲外の位置になります（座標参照系 {crs} が実際の座標と合っていない可能性があります）")
    extra = int(outside.sum()) - 50
    if extra > 0:
        problems.add(None, None, None, f"ほかに日本の範囲外の地物が{extra}件あります")


def revalidate_after_transform(table: FeatureTable, geoms: NDArray[Any], repairs: list[InputProblem],
                               skip: NDArray[np.bool_] | None = None) -> NDArray[Any]:
    """A polygon valid in its own CRS can become (barely) invalid after reprojection; such
    geometries are made valid and the repair is reported, never stored invalid."""
    ok = ~shapely.is_missing(geoms)
    if skip is not None:
        ok &= ~skip
    idx = np.flatnonzero(ok)
    if not len(idx):
        return geoms
    valid = shapely.is_valid(geoms[idx])
    bad = idx[~valid]
    if len(bad):
        reasons = shapely.is_valid_reason(geoms[bad])
        geoms = geoms.copy()
        geoms[bad] = shapely.make_valid(geoms[bad], method="structure", keep_collapsed=False)
        for k, i in enumerate(bad):
            repairs.append(table.problem(int(i), None, None,
                                         f"座標変換後に不正になった図形を修復しました: {reason_ja(str(reasons[k]))}"))
    return geoms
