"""Layer mapping profiles: which attribute means what in a boundary, flood or facility file.

Official layers change their attribute names between releases (国土数値情報 A31 has used
``A31_001``, ``A31_205`` and ``A31a_205`` for the depth rank), so the importers read names from
a TOML profile that staff can edit.  Every table is optional; a profile may hold the settings
of several kinds.  Unknown keys are errors (a misspelt key must not be silently ignored).
docs/layers.md describes every key with an example per kind::

    [source]
    name = "入間川 洪水浸水想定区域（想定最大規模）"   # replacement identity (default: file name)
    release = "令和4年度"
    crs = "EPSG:6677"        # only for a file that declares no CRS at all

    [geometry]
    repair = true            # make invalid polygons valid, and list each repair

    [flood]
    rank_field = "A31_205"
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wardapp.csvfile import ENCODINGS
from wardapp.errors import ConfigError
from wardapp.textfile import read_config_text

#: 国土数値情報 A31 浸水深ランク (想定最大規模, 2020年度以降の区分): rank → (min, max) metres.
A31_RANKS: dict[str, tuple[int, float, float | None]] = {
    "1": (1, 0.0, 0.5),
    "2": (2, 0.5, 3.0),
    "3": (3, 3.0, 5.0),
    "4": (4, 5.0, 10.0),
    "5": (5, 10.0, 20.0),
    "6": (6, 20.0, None),
}

#: Canonical facility columns (the plain CSV's headers) and their names in the official formats.
FACILITY_COLUMNS: dict[str, tuple[str, ...]] = {
    "名称": ("名称", "施設・場所名", "施設名", "施設名称", "避難所名", "避難場所名", "名前", "name"),
    "種別": ("種別", "施設種別", "種類", "分類", "kind"),
    "住所": ("住所", "所在地_連結表記", "所在地", "address"),
    "緯度": ("緯度", "lat", "latitude"),
    "経度": ("経度", "lon", "lng", "longitude"),
    "収容人数": ("収容人数", "想定収容人数", "収容可能人数", "収容者数", "capacity"),
    "電話番号": ("電話番号", "phone", "tel"),
    "ID": ("共通ID", "ID", "NO", "id"),
}

#: Hazards as 国土地理院 labels them in 指定緊急避難場所 data, in their order.
HAZARDS: tuple[str, ...] = ("洪水", "崖崩れ、土石流及び地滑り", "高潮", "地震", "津波", "大規模な火事",
                            "内水氾濫", "火山現象")


def hazard_key(text: str) -> str:
    """Header comparison key for hazard columns: NFKC, no spaces, 「・」 = 「、」 = 「,」."""
    s = unicodedata.normalize("NFKC", text)
    s = re.sub(r"\s+", "", s).replace("・", "、").replace(",", "、")
    return s.removeprefix("災害種別_").removeprefix("災害種別")


@dataclass
class BoundaryOptions:
    name_field: str = "S_NAME"
    code_field: str = "KEY_CODE"
    city_field: str = "CITY_NAME"
    pref_code_field: str = "PREF"
    city_code_field: str = "CITY"
    class_field: str = "HCODE"
    #: e-Stat 境界の種類 codes to skip: 8154 = 水面調査区 (water surface, no town).
    skip_classes: list[str] = field(default_factory=lambda: ["8154"])
    city: str | None = None
    lg_code: str | None = None
    create_missing: bool = True
    #: A separate attribute table (.dbf/.csv) joined on ``code_field``, relative to the layer file.
    attribute_table: str | None = None


@dataclass
class RankClass:
    rank: int
    depth_min: float
    depth_max: float | None
    label: str


@dataclass
class FloodOptions:
    rank_field: str | None = None
    depth_field: str | None = None
    #: The file's rank code (normalised text) → class.
    ranks: dict[str, RankClass] = field(default_factory=dict)


@dataclass
class FacilityOptions:
    kind: str | None = None
    kind_field: str | None = None
    #: canonical column (FACILITY_COLUMNS) → the file's column.
    columns: dict[str, str] = field(default_factory=dict)
    #: the file's kind value → stored kind.
    kinds: dict[str, str] = field(default_factory=dict)
    #: canonical hazard (HAZARDS) → the file's flag column.
    hazards: dict[str, str] = field(default_factory=dict)


@dataclass
class LayerMapping:
    name: str | None = None
    release: str | None = None
    encoding: str = "auto"
    layer: str | None = None
    crs: str | None = None
    delimiter: str | None = None
    skip_lines: int = 0
    repair: bool = False
    boundary: BoundaryOptions = field(default_factory=BoundaryOptions)
    flood: FloodOptions = field(default_factory=FloodOptions)
    facility: FacilityOptions = field(default_factory=FacilityOptions)
    file: str | None = None
    #: Folder of the profile (relative paths in it are relative to the layer file, not this).
    folder: Path | None = None

    def __post_init__(self) -> None:
        if not self.flood.ranks:
            self.flood.ranks = default_ranks()


def depth_label(depth_min: float, depth_max: float | None) -> str:
    """「0.5m未満」「0.5m以上3m未満」「20m以上」 as hazard maps write depth classes."""
    def m(v: float) -> str:
        return f"{v:g}m"
    if depth_max is None:
        return f"{m(depth_min)}以上"
    if depth_min <= 0:
        return f"{m(depth_max)}未満"
    return f"{m(depth_min)}以上{m(depth_max)}未満"


def default_ranks() -> dict[str, RankClass]:
    return {k: RankClass(r, lo, hi, depth_label(lo, hi)) for k, (r, lo, hi) in A31_RANKS.items()}


def rank_code(value: Any) -> str | None:
    """A rank value as the key of the rank table: ``2``, ``2.0``, ``"２"`` → ``"2"``."""
    if value is None:
        return None
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        if value.is_integer():
            return str(int(value))
        return repr(value)
    s = unicodedata.normalize("NFKC", str(value)).strip()
    if not s:
        return None
    if re.fullmatch(r"-?\d+\.0*", s):
        s = s.split(".")[0]
    return s


_TABLES = {"source", "geometry", "boundary", "flood", "facility"}
_KEYS: dict[str, set[str]] = {
    "source": {"name", "release", "encoding", "layer", "crs", "delimiter", "skip_lines"},
    "geometry": {"repair"},
    "boundary": {"name_field", "code_field", "city_field", "pref_code_field", "city_code_field",
                 "class_field", "skip_classes", "city", "lg_code", "create_missing", "attribute_table"},
    "flood": {"rank_field", "depth_field", "ranks"},
    "facility": {"kind", "kind_field", "columns", "kinds", "hazards"},
}


def _str(file: str, table: str, key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(file, f"{table}.{key} は空でない文字列で指定してください")
    return value.strip()


def _ranks(file: str, raw: Any) -> dict[str, RankClass]:
    if not isinstance(raw, dict) or not raw:
        raise ConfigError(file, "flood.ranks は「ランクの値 = [下限m, 上限m]」の表です")
    out: dict[str, RankClass] = {}
    for key, spec in raw.items():
        code = rank_code(key)
        where = f"flood.ranks.\"{key}\""
        if code is None:
            raise ConfigError(file, f"{where}: ランクの値が空です")
        rank: Any = None
        label: Any = None
        if isinstance(spec, list):
            bounds = spec
        elif isinstance(spec, dict):
            extra = set(spec) - {"rank", "min", "max", "label"}
            if extra:
                raise ConfigError(file, f"{where}: 不明なキー {', '.join(sorted(extra))}（rank, min, max, label）")
            bounds = [spec.get("min", 0.0)] + ([spec["max"]] if "max" in spec else [])
            rank, label = spec.get("rank"), spec.get("label")
        else:
            raise ConfigError(file, f"{where} は [下限m, 上限m] か {{ rank = 2, min = 0.5, max = 3.0 }} です")
        if not 1 <= len(bounds) <= 2 or not all(isinstance(b, (int, float)) and not isinstance(b, bool)
                                               for b in bounds):
            raise ConfigError(file, f"{where}: 深さは [下限m, 上限m]（上限なしは [下限m]）の数値です")
        lo = float(bounds[0])
        hi = float(bounds[1]) if len(bounds) == 2 else None
        if lo < 0 or (hi is not None and hi <= lo):
            raise ConfigError(file, f"{where}: 下限は0以上、上限は下限より大きくしてください")
        if rank is None:
            if not code.isdigit():
                raise ConfigError(file, f"{where}: ランクの値が数字でないときは rank = … を指定してください")
            rank = int(code)
        if not isinstance(rank, int) or isinstance(rank, bool) or rank < 0:
            raise ConfigError(file, f"{where}: rank は0以上の整数です")
        if label is not None and not isinstance(label, str):
            raise ConfigError(file, f"{where}: label は文字列です")
        out[code] = RankClass(rank, lo, hi, label or depth_label(lo, hi))
    return out


def _str_table(file: str, name: str, raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise ConfigError(file, f"{name} は「キー = \"文字列\"」の表です")
    return {str(k): v for k, v in raw.items()}


def parse_mapping(raw: dict[str, Any], file: str) -> LayerMapping:
    unknown = set(raw) - _TABLES
    if unknown:
        raise ConfigError(file, f"不明な表です: {', '.join(sorted(unknown))}（{', '.join(sorted(_TABLES))} のみ）")
    for table in _TABLES & set(raw):
        if not isinstance(raw[table], dict):
            raise ConfigError(file, f"[{table}] は表でなければなりません")
        bad = set(raw[table]) - _KEYS[table]
        if bad:
            raise ConfigError(file, f"[{table}] の不明なキー: {', '.join(sorted(bad))}"
                                    f"（使えるキー: {', '.join(sorted(_KEYS[table]))}）")
    m = LayerMapping(file=file)
    src = raw.get("source", {})
    for key in ("name", "release", "layer", "crs"):
        if key in src:
            setattr(m, key, _str(file, "source", key, src[key]))
    if "encoding" in src:
        enc = str(src["encoding"]).lower()
        if enc not in ENCODINGS:
            raise ConfigError(file, f"source.encoding「{enc}」は使えません（{', '.join(ENCODINGS)}）")
        m.encoding = enc
    if "delimiter" in src:
        delim = {"\\t": "\t", "tab": "\t"}.get(str(src["delimiter"]), str(src["delimiter"]))
        if len(delim) != 1:
            raise ConfigError(file, "source.delimiter は1文字で指定してください")
        m.delimiter = delim
    if "skip_lines" in src:
        if not isinstance(src["skip_lines"], int) or isinstance(src["skip_lines"], bool) or src["skip_lines"] < 0:
            raise ConfigError(file, "source.skip_lines は0以上の整数です")
        m.skip_lines = src["skip_lines"]
    geo = raw.get("geometry", {})
    if "repair" in geo:
        if not isinstance(geo["repair"], bool):
            raise ConfigError(file, "geometry.repair は true か false です")
        m.repair = geo["repair"]

    b = raw.get("boundary", {})
    for key in ("name_field", "code_field", "city_field", "pref_code_field", "city_code_field", "class_field",
                "city", "attribute_table"):
        if key in b:
            setattr(m.boundary, key, _str(file, "boundary", key, b[key]))
    if "lg_code" in b:
        code = str(b["lg_code"]).strip()
        if not re.fullmatch(r"\d{6}", code):
            raise ConfigError(file, "boundary.lg_code は6桁の全国地方公共団体コードです（例: \"112151\"）")
        m.boundary.lg_code = code
    if "skip_classes" in b:
        sk = b["skip_classes"]
        if not isinstance(sk, list) or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in sk):
            raise ConfigError(file, "boundary.skip_classes は境界の種類コードのリストです（例: [\"8154\"]）")
        m.boundary.skip_classes = [str(v) for v in sk]
    if "create_missing" in b:
        if not isinstance(b["create_missing"], bool):
            raise ConfigError(file, "boundary.create_missing は true か false です")
        m.boundary.create_missing = b["create_missing"]

    f = raw.get("flood", {})
    for key in ("rank_field", "depth_field"):
        if key in f:
            setattr(m.flood, key, _str(file, "flood", key, f[key]))
    if m.flood.rank_field and m.flood.depth_field:
        raise ConfigError(file, "flood.rank_field と flood.depth_field はどちらか一方を指定してください")
    if "ranks" in f:
        m.flood.ranks = _ranks(file, f["ranks"])

    fc = raw.get("facility", {})
    for key in ("kind", "kind_field"):
        if key in fc:
            setattr(m.facility, key, _str(file, "facility", key, fc[key]))
    if "columns" in fc:
        cols = _str_table(file, "facility.columns", fc["columns"])
        bad = set(cols) - set(FACILITY_COLUMNS)
        if bad:
            raise ConfigError(file, f"facility.columns の「{'、'.join(sorted(bad))}」は標準の列名ではありません"
                                    f"（{'、'.join(FACILITY_COLUMNS)}）")
        m.facility.columns = cols
    if "kinds" in fc:
        m.facility.kinds = _str_table(file, "facility.kinds", fc["kinds"])
    if "hazards" in fc:
        hz = _str_table(file, "facility.hazards", fc["hazards"])
        canon = {hazard_key(h): h for h in HAZARDS}
        out = {}
        for k, v in hz.items():
            if hazard_key(k) not in canon:
                raise ConfigError(file, f"facility.hazards の「{k}」は災害種別ではありません（{'、'.join(HAZARDS)}）")
            out[canon[hazard_key(k)]] = v
        m.facility.hazards = out
    return m


def load_layer_mapping(path: Path) -> LayerMapping:
    """Read and validate a layer profile; errors name the key and say what is wrong."""
    file = path.name
    text = read_config_text(path, "マッピングファイル")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        hint = ""
        if re.search(r"[^\x00-\x7f]", text):
            hint = "（日本語のキーは \"名称\" = … のように引用符 \" で囲んでください）"
        raise ConfigError(file, f"TOML の書式が誤っています: {e}{hint}") from None
    m = parse_mapping(raw, file)
    m.folder = path.parent
    return m
