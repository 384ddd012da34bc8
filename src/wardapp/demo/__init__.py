"""The embedded demo ward 「架空市みどり区」: a fictional ward generated from a seed.

``wardapp demo`` lets staff (and tests, and benchmarks) try everything without a single real
resident: the generator builds towns, address points, a river with flood zones, shelters and
local hubs, and about N residents in realistic households with welfare attributes.  Nothing
goes into the store directly: the demo writes what a ward downloads or exports — the map pack
of official files (アドレス・ベース・レジストリ, 位置参照情報, e-Stat 小地域, A31-style flood zones,
国土地理院-style shelters, plain facility CSVs; :mod:`wardapp.demo.official`), the residents as a
CP932 registry extract spelled the way real extracts are, the welfare attributes as the
canonical welfare CSV — and imports each through the importer a ward uses, in a ward's order:
map pack, registry, welfare, then address matching.  Everything is marked 架空.

Headless core: nothing here imports Qt.

Public API::

    ensure_demo(db_path, persons=40_000, seed=1, progress=None) -> DemoResult
    generate_ward(seed, persons) -> Ward          # pure, no I/O
    write_registry_csv(ward, path) -> Path        # the CP932 extract, no database needed
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from wardapp.demo import names
from wardapp.demo.extract import REGISTRY_HEADER, registry_frame, write_registry_csv
from wardapp.demo.mappack import write_map_pack
from wardapp.demo.ward import GENERATOR_VERSION, REFERENCE_DATE, WARD_NAME, Ward, generate_ward
from wardapp.demo.welfare import write_welfare_csv
from wardapp.errors import StoreError, UsageError
from wardapp.progress import Progress

__all__ = [
    "DemoResult", "Ward", "ensure_demo", "generate_ward", "write_registry_csv", "registry_frame",
    "default_demo_path", "GENERATOR_VERSION", "REFERENCE_DATE", "REGISTRY_HEADER", "WARD_NAME",
]

MAP_PACK_DIR = Path("maps") / "demo-ward"


def default_demo_path() -> Path:
    """The demo's own database file, apart from the ward's real one so a demo never clobbers it."""
    from wardapp.store.db import data_dir

    return data_dir() / "demo.sqlite3"


@dataclass
class DemoResult:
    """What ``ensure_demo`` made (or found): where, how big, and how long it took."""

    db_path: Path
    persons: int
    households: int
    towns: int
    facilities: int
    registry_csv: Path
    map_pack: Path
    reused: bool
    seconds: float
    seed: int = 1
    welfare_csv: Path | None = None
    welfare_attributes: int = 0
    address_points: int = 0
    #: Households joined to a point of the 住所辞書 by address matching (all of them in the demo).
    matched_households: int = 0

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        for k, v in d.items():
            if isinstance(v, Path):
                d[k] = str(v)
        d["seconds"] = round(self.seconds, 3)
        d["name"] = WARD_NAME
        d["fictional"] = True
        return d

    def summary_ja(self) -> str:
        how = "既存のデモを再利用しました" if self.reused else "デモを生成しました"
        return (
            f"{names.WARD_FULL}（架空の区で、実在しません）の{how}（乱数の種 {self.seed}）。"
            f"住民 {self.persons:,}人・{self.households:,}世帯、町丁目 {self.towns}、施設 {self.facilities}件、"
            f"住所照合済み {self.matched_households:,}世帯。"
            f"データベース: {self.db_path}。住基抽出（架空）: {self.registry_csv.name}。"
            f"地図パック: {self.map_pack}。所要 {self.seconds:.1f}秒。"
        )


def _paths(db_path: Path, seed: int, persons: int) -> tuple[Path, Path, Path]:
    d = db_path.parent
    return (d / f"demo-registry-{seed}-{persons}.csv", d / f"demo-welfare-{seed}-{persons}.csv", d / MAP_PACK_DIR)


def _remove_db(db_path: Path) -> None:
    """Delete an old demo database (with its WAL files) before building a new one."""
    for p in (db_path, db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")):
        try:
            p.unlink(missing_ok=True)
        except OSError as e:  # Windows: the file is open in another wardapp window
            raise StoreError(f"古いデモのデータベースを削除できません（別の画面で開いていませんか）: {p}",
                             detail=str(e)) from e


class _Stages:
    """Maps each stage's own progress onto one 0–100 bar; cancel propagates through ``report``."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress

    def at(self, pct: int, label: str) -> None:
        self.progress.report(pct, 100, label)

    def sub(self, lo: int, hi: int, prefix: str) -> Progress:
        def cb(done: int, total: int, label: str) -> None:
            frac = done / total if total else 0.0
            self.progress.report(lo + int((hi - lo) * frac), 100, f"{prefix}: {label}" if label else prefix)

        return Progress(cb)


def ensure_demo(db_path: Path | None, *, persons: int = 40_000, seed: int = 1,
                progress: Progress | None = None) -> DemoResult:
    """Open the demo database, building it first unless it already holds this seed and size.

    A file that holds anything but a demo is never deleted: that raises :class:`UsageError`,
    so ``--db`` pointed at a ward's real database by mistake cannot destroy it.
    """
    from wardapp.demo import storage
    from wardapp.store.db import open_store

    if persons < 1:
        raise UsageError("住民数（--persons）は1以上を指定してください。")
    started = time.perf_counter()
    progress = progress or Progress()
    progress.check()
    stages = _Stages(progress)
    db_path = Path(db_path) if db_path is not None else default_demo_path()
    db_path = db_path.expanduser().resolve()
    csv_path, welfare_path, map_dir = _paths(db_path, seed, persons)

    if db_path.exists():
        store = open_store(db_path)
        try:
            run = storage.latest_demo_run(store)
            count = storage.person_count(store)
        finally:
            store.close()
        if run is None and count > 0:
            raise UsageError(
                f"{db_path} はデモ用ではないデータベース（住民 {count:,}人）です。"
                "デモは別のファイルに作成してください（--db で別の場所を指定）。")
        if (run is not None and run.get("state") == "complete"
                and all(run.get(k) == v for k, v in storage.demo_key(seed, persons).items())
                and run.get("persons") == count and (map_dir / "manifest.toml").exists() and csv_path.exists()):
            stages.at(100, "既存のデモを使います")
            return DemoResult(
                db_path=db_path, persons=count, households=int(run.get("households", 0)),
                towns=int(run.get("towns", 0)), facilities=int(run.get("facilities", 0)), registry_csv=csv_path,
                map_pack=map_dir, reused=True, seconds=time.perf_counter() - started, seed=seed,
                welfare_csv=welfare_path if welfare_path.exists() else None,
                welfare_attributes=int(run.get("welfare_attributes", 0)),
                address_points=int(run.get("address_points", 0)),
                matched_households=int(run.get("matched_households", 0)))
        _remove_db(db_path)

    from wardapp.address.matcher import match_households
    from wardapp.demo.outreach import add_demo_classes
    from wardapp.demo.visits import add_demo_visits
    from wardapp.mappack import import_map_pack
    from wardapp.registry.importer import import_registry
    from wardapp.security import SYSTEM  # the demo ward is built by the app itself
    from wardapp.welfare.importer import import_welfare

    stages.at(0, "架空の区を生成しています")
    ward = generate_ward(seed, persons)
    stages.at(8, "地図パック（公式データの形式）を書き出しています")
    write_map_pack(ward, map_dir)
    write_registry_csv(ward, csv_path)
    write_welfare_csv(ward.welfare, ward.persons, welfare_path)
    store = open_store(db_path)
    try:
        run_id = storage.start_run(store, seed, persons, csv_path)
        stages.at(15, "地図パックを取り込んでいます")
        pack = import_map_pack(store, map_dir / "manifest.toml", stages.sub(15, 35, "地図パック取込"),
                               today=ward.reference_date, actor=SYSTEM)
        stages.at(35, "住基抽出を取り込んでいます")
        report = import_registry(store, csv_path, progress=stages.sub(35, 75, "住基取込"),
                                 today=ward.reference_date, actor=SYSTEM)
        stages.at(75, "福祉情報（架空）を取り込んでいます")
        welfare = import_welfare(store, welfare_path, progress=stages.sub(75, 85, "福祉情報取込"),
                                 today=ward.reference_date, actor=SYSTEM)
        stages.at(85, "住所を照合しています")
        matched = match_households(store, progress=stages.sub(85, 98, "住所照合"), on=ward.reference_date,
                                   actor=SYSTEM)
        n_matched = int(matched.households - matched.levels["unmatched"] - matched.ambiguous)
        counts: dict[str, Any] = {
            **storage.demo_key(seed, persons),
            "persons": int(report.persons), "households": int(report.households),
            "towns": pack.towns, "facilities": pack.facilities, "address_points": pack.address_points,
            "hazard_zones": pack.hazard_zones, "welfare_attributes": int(welfare.attributes),
            "matched_households": n_matched, "match_levels": dict(matched.levels),
            "reference_date": ward.reference_date.isoformat(), "registry_csv": csv_path.name,
            "welfare_csv": welfare_path.name, "map_pack": str(MAP_PACK_DIR),
            "classes": add_demo_classes(store, seed=seed, persons=persons, on=ward.reference_date).to_json(),
            # after the classes: a visit may not take a venue a class holds
            "visits": add_demo_visits(store, seed=seed, persons=persons, on=ward.reference_date).to_json(),
        }
        storage.finish_run(store, run_id, csv_path, counts)
    finally:
        store.close()
    stages.at(100, "完了")
    return DemoResult(
        db_path=db_path, persons=int(report.persons), households=int(report.households),
        towns=pack.towns, facilities=pack.facilities, registry_csv=csv_path, map_pack=map_dir,
        reused=False, seconds=time.perf_counter() - started, seed=seed, welfare_csv=welfare_path,
        welfare_attributes=int(welfare.attributes), address_points=pack.address_points,
        matched_households=n_matched)

