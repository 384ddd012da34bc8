"""Map packs: a folder of official geography files plus a ``manifest.toml`` that says what each is.

A ward collects what it downloads — アドレス・ベース・レジストリ and 位置参照情報 for the 住所辞書,
e-Stat 小地域 boundaries, 国土数値情報 A31 flood zones, the 国土地理院 shelter list, its own hub
list — into one folder and lists the files in ``manifest.toml`` (format: ``maps/README.md``).
:func:`import_map_pack` imports every listed file, in the manifest's order, through the same
importer the single-file commands use (``wardapp import addresses`` / ``wardapp import layer``);
the demo ward's pack goes through exactly this path.

- The whole manifest is checked first (keys, importers, kinds, that every file exists, that
  every mapping profile loads): a broken manifest raises :class:`ConfigError` and imports nothing.
- Each ``[[imports]]`` entry is one importer call, with that importer's own all-or-nothing
  transaction.  When an entry's file is refused, the entries before it stay imported and the
  error says which entry stopped the pack; importing the pack again after the fix changes
  nothing for the entries already in (every importer is idempotent).
- ``[[layers]]`` entries are drawn only (a river line, a ward outline): no importer reads them.

Headless core: nothing here imports Qt.
"""

from __future__ import annotations

import datetime as dt
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from wardapp.errors import ConfigError, InputRejected
from wardapp.progress import Progress
from wardapp.security.access import Actor, require, requires

if TYPE_CHECKING:
    from wardapp.address.dictionary import AddressImportReport
    from wardapp.geo.layers import LayerKind
    from wardapp.geo.mapping import LayerMapping
    from wardapp.geo.report import LayerImportReport
    from wardapp.store.db import Store

#: The manifest format this module reads (format 1 packs listed GeoJSON display layers only).
MANIFEST_FORMAT = 2
IMPORTERS = ("addresses", "layer")

_TOP_KEYS = {"format", "name", "description", "fictional", "crs", "bbox", "city", "lg_code", "generated_by",
             "generator_version", "seed", "persons", "reference_date", "imports", "layers"}
_IMPORT_KEYS = {"importer", "files", "title", "kind", "format", "mapping", "cities"}
_LAYER_KEYS = {"file", "kind", "title"}


@dataclass(frozen=True)
class PackImport:
    """One ``[[imports]]`` entry: files for one importer, imported in one call each."""

    importer: str
    files: tuple[Path, ...]
    title: str
    #: Layer kind (``boundary`` / ``flood`` / ``shelter`` / ``facility``) for the layer importer.
    kind: str | None = None
    #: ``auto`` / ``isj`` / ``abr`` for the address importer.
    format: str = "auto"
    mapping: Path | None = None
    cities: tuple[str, ...] = ()

    @property
    def what(self) -> str:
        return f"addresses ({self.format})" if self.importer == "addresses" else f"layer {self.kind}"


@dataclass(frozen=True)
class PackLayer:
    """One ``[[layers]]`` entry: a file that is drawn, not imported (a river, a ward outline)."""

    file: Path
    kind: str
    title: str


@dataclass
class MapPack:
    path: Path
    name: str
    imports: list[PackImport]
    layers: list[PackLayer]
    fictional: bool = False
    #: The manifest's other keys as written (description, bbox, seed …).
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def directory(self) -> Path:
        return self.path.parent


def _as_list(v: Any) -> list[Any]:
    return v if isinstance(v, list) else [v]


def _tables(entries: list[Any], section: str, keys: set[str],
            problems: list[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The entries of ``[[section]]`` that are tables, each with 「[[section]] n件目」 for its problems;
    an entry that is not a table, or unknown keys, go to ``problems``."""
    for n, e in enumerate(entries, start=1):
        where = f"[[{section}]] {n}件目"
        if not isinstance(e, dict):
            problems.append(f"{where}: 表ではありません")
            continue
        bad = sorted(set(e) - keys)
        if bad:
            problems.append(f"{where}: 知らないキーがあります: {'、'.join(bad)}")
        yield where, e


def load_manifest(path: Path) -> MapPack:
    """Read and check ``manifest.toml``; every problem is reported at once as a :class:`ConfigError`."""
    from wardapp.address.official import FORMATS as ADDRESS_FORMATS
    from wardapp.geo.layers import KINDS as LAYER_KINDS
    from wardapp.geo.mapping import load_layer_mapping

    path = Path(path)
    shown = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(shown, "地図パックの manifest.toml がありません") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(shown, f"読めません（{err}）") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(shown, f"TOML として読めません（{err}）") from None
    problems: list[str] = []
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        problems.append(f"知らないキーがあります: {'、'.join(unknown)}")
    fmt = data.get("format")
    if fmt != MANIFEST_FORMAT:
        problems.append(f"format は {MANIFEST_FORMAT} です（書かれているのは {fmt!r}）。"
                        "format 1 の地図パックは表示用の GeoJSON だけで、取り込むファイルを書いていません")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append("name（地図パックの名前）がありません")
    base = path.parent
    imports: list[PackImport] = []
    raw_imports = data.get("imports", [])
    if not isinstance(raw_imports, list) or not raw_imports:
        problems.append("取り込むファイル（[[imports]]）がありません")
        raw_imports = []
    for where, e in _tables(raw_imports, "imports", _IMPORT_KEYS, problems):
        importer = e.get("importer")
        if importer not in IMPORTERS:
            problems.append(f"{where}: importer は {' / '.join(IMPORTERS)} のどれかです（{importer!r}）")
        files = _as_list(e.get("files", []))
        if not files or not all(isinstance(f, str) and f for f in files):
            problems.append(f"{where}: files（ファイルのパスの一覧）がありません")
            files = []
        paths = tuple(base / f for f in files)
        for f, p in zip(files, paths):
            if not p.is_file():
                problems.append(f"{where}: ファイル {f} がありません（{p}）")
        title = e.get("title") or ", ".join(files)
        kind = e.get("kind")
        fmt_e = e.get("format", "auto")
        mapping = e.get("mapping")
        cities = _as_list(e.get("cities", []))
        if importer == "layer":
            if kind not in LAYER_KINDS:
                problems.append(f"{where}: kind は {' / '.join(LAYER_KINDS)} のどれかです（{kind!r}）")
            if "format" in e or "cities" in e:
                problems.append(f"{where}: format・cities は importer = \"addresses\" のキーです")
        elif importer == "addresses":
            if fmt_e not in ADDRESS_FORMATS:
                problems.append(f"{where}: format は {' / '.join(ADDRESS_FORMATS)} のどれかです（{fmt_e!r}）")
            if "kind" in e or "mapping" in e:
                problems.append(f"{where}: kind・mapping は importer = \"layer\" のキーです")
            if not all(isinstance(c, str) and c for c in cities):
                problems.append(f"{where}: cities は市区町村名かコードの一覧です")
        mapping_path = None
        if mapping is not None:
            if not isinstance(mapping, str) or not mapping:
                problems.append(f"{where}: mapping はマッピングファイルのパスです")
            else:
                mapping_path = base / mapping
                if not mapping_path.is_file():
                    problems.append(f"{where}: マッピングファイル {mapping} がありません（{mapping_path}）")
                else:
                    try:
                        load_layer_mapping(mapping_path)
                    except ConfigError as bad_mapping:
                        problems.append(f"{where}: {bad_mapping.message_ja}")
        imports.append(PackImport(str(importer), paths, str(title), kind if isinstance(kind, str) else None,
                                  str(fmt_e), mapping_path, tuple(str(c) for c in cities)))
    layers: list[PackLayer] = []
    raw_layers = data.get("layers", [])
    if not isinstance(raw_layers, list):
        problems.append("[[layers]] は表の配列です")
        raw_layers = []
    for where, e in _tables(raw_layers, "layers", _LAYER_KEYS, problems):
        file = e.get("file")
        if not isinstance(file, str) or not file:
            problems.append(f"{where}: file がありません")
            continue
        if not (base / file).is_file():
            problems.append(f"{where}: ファイル {file} がありません（{base / file}）")
        layers.append(PackLayer(base / file, str(e.get("kind", "")), str(e.get("title") or file)))
    if problems:
        raise ConfigError(shown, "地図パックの manifest に誤りがあります（何も取り込んでいません）:\n"
                          + "\n".join(f"  {p}" for p in problems))
    meta = {k: v for k, v in data.items() if k not in ("imports", "layers")}
    return MapPack(path, str(name), imports, layers, bool(data.get("fictional", False)), meta)


# ---------------------------------------------------------------------------------- report


@dataclass
class PackStep:
    """What one manifest entry's importer call did."""

    title: str
    importer: str
    files: list[str]
    report: AddressImportReport | LayerImportReport
    kind: str | None = None
    format: str | None = None

    @property
    def unchanged(self) -> bool:
        return self.report.unchanged

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "importer": self.importer, "kind": self.kind, "format": self.format,
                "files": self.files, "unchanged": self.unchanged, "report": self.report.to_json()}


@dataclass
class MapPackReport:
    """``import_map_pack``'s result: one step per importer call, and the store's totals after."""

    manifest: str
    name: str
    fictional: bool = False
    steps: list[PackStep] = field(default_factory=list)
    towns: int = 0
    address_points: int = 0
    hazard_zones: int = 0
    facilities: int = 0
    seconds: float = 0.0

    @property
    def unchanged(self) -> bool:
        return all(s.unchanged for s in self.steps)

    def to_json(self) -> dict[str, Any]:
        return {"manifest": self.manifest, "name": self.name, "fictional": self.fictional,
                "steps": [s.to_json() for s in self.steps], "unchanged": self.unchanged, "towns": self.towns,
                "address_points": self.address_points, "hazard_zones": self.hazard_zones,
                "facilities": self.facilities, "seconds": round(self.seconds, 3)}

    def summary_ja(self) -> str:
        from wardapp.address.dictionary import AddressImportReport

        lines = [f"地図パック「{self.name}」を取り込みました（{self.manifest}、{len(self.steps)}件、"
                 f"{self.seconds:.1f}秒）。" + ("架空のデータです。" if self.fictional else "")]
        for n, s in enumerate(self.steps, start=1):
            r = s.report
            if isinstance(r, AddressImportReport):
                what = (f"町字 追加 {r.towns_added:,}・更新 {r.towns_updated:,}、地点 追加 {r.points_added:,}・"
                        f"削除 {r.points_removed:,}・移動 {r.points_moved:,}")
            else:
                what = f"{r.imported:,}件（追加 {r.added:,}、変更 {r.changed:,}、削除 {r.removed:,}）"
            state = "変更なし" if s.unchanged else what
            notes = len(r.warnings)
            files = "、".join(s.files) if len(s.files) <= 2 else f"{s.files[0]} ほか{len(s.files) - 1}ファイル"
            lines.append(f"  {n}. {s.title}（{files}）: {state}" + (f"、注意 {notes}件" if notes else ""))
        lines.append(f"データベースは現在 町字 {self.towns:,}・住所辞書の地点 {self.address_points:,}・"
                     f"浸水想定区域 {self.hazard_zones:,}・施設 {self.facilities:,}。")
        if self.unchanged:
            lines.append("前回の取り込みから変更はありません。")
        return "\n".join(lines)


# ---------------------------------------------------------------------------------- import


def _sub(progress: Progress, i: int, n: int, title: str) -> Progress:
    """Progress of entry ``i`` of ``n`` as a share of one 0–1000 bar (cancel goes through)."""
    def cb(done: int, total: int, label: str) -> None:
        frac = done / total if total else 0.0
        progress.report(int(1000 * (i + frac) / n), 1000, f"{title}: {label}" if label else title)

    return Progress(cb)


@requires("layers.import")
def import_map_pack(store: Store, manifest_path: Path, progress: Progress | None = None, *, actor: Actor,
                    today: dt.date | None = None, user: str | None = None) -> MapPackReport:
    """Import every file ``manifest_path`` lists, in order, through its importer.

    ``actor`` must hold ``layers.import``, and ``address.import`` too when the pack holds
    address files — both checked before the first file is imported, so a refused pack leaves the
    store as it was.  Each importer call writes its own audit-log entry (``import.addresses`` /
    ``import.layer``).

    Raises :class:`ConfigError` (nothing imported) for a broken manifest; an importer's
    :class:`InputRejected` names the manifest entry that stopped (the entries before it are
    imported); :class:`~wardapp.errors.Cancelled` leaves the current entry unimported.
    """
    from sqlalchemy import func, select

    from wardapp.address.dictionary import import_addresses
    from wardapp.geo.layers import import_layer
    from wardapp.geo.mapping import load_layer_mapping
    from wardapp.store.models import AddressPoint, Facility, HazardZone, Town

    started = time.perf_counter()
    progress = progress or Progress()
    pack = load_manifest(Path(manifest_path))
    if any(entry.importer == "addresses" for entry in pack.imports):
        require(actor, "address.import")
    report = MapPackReport(manifest=str(pack.path), name=pack.name, fictional=pack.fictional)
    calls: list[tuple[PackImport, list[Path]]] = []
    for entry in pack.imports:
        if entry.importer == "addresses":
            calls.append((entry, list(entry.files)))
        else:
            calls += [(entry, [f]) for f in entry.files]
    profiles: dict[Path, LayerMapping] = {}
    for i, (entry, files) in enumerate(calls):
        sub = _sub(progress, i, len(calls), entry.title)
        sub.check()
        try:
            step: AddressImportReport | LayerImportReport
            if entry.importer == "addresses":
                step = import_addresses(store, files, format=entry.format, cities=list(entry.cities) or None,
                                        progress=sub, today=today, actor=actor)
            else:
                mapping = None
                if entry.mapping is not None:
                    mapping = profiles.get(entry.mapping) or load_layer_mapping(entry.mapping)
                    profiles[entry.mapping] = mapping
                step = import_layer(store, files[0], kind=cast("LayerKind", entry.kind), mapping=mapping,
                                    progress=sub, user=user, actor=actor)
        except InputRejected as err:
            done = "、".join(s.title for s in report.steps) or "なし"
            raise InputRejected(err.file, err.problems, message_ja=(
                f"地図パック {pack.path.name} の「{entry.title}」（{'、'.join(f.name for f in files)}）を取り込めません"
                f"でした: {err.message_ja}（この前までの取り込みは済んでいます: {done}）")) from err
        report.steps.append(PackStep(entry.title, entry.importer, [_rel(f, pack.directory) for f in files], step,
                                     kind=entry.kind, format=entry.format if entry.importer == "addresses" else None))
    with store.engine.connect() as conn:
        def count(model: Any) -> int:
            return int(conn.execute(select(func.count()).select_from(model)).scalar_one())

        report.towns = count(Town)
        report.address_points = count(AddressPoint)
        report.hazard_zones = count(HazardZone)
        report.facilities = count(Facility)
    report.seconds = time.perf_counter() - started
    progress.report(1000, 1000, "完了")
    return report


def _rel(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return str(path)
