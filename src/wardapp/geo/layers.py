"""Importing official map layers: town boundaries, flood zones, shelters and other facilities.

One entry point, :func:`import_layer`, for the CLI (``wardapp import layer FILE --kind …``) and
the GUI.  Every import follows the same steps:

1. read the file (Shapefile / GeoPackage / GeoJSON through pyogrio; CSV for point kinds),
   with its declared CRS — none declared is an error, except for GeoJSON (WGS84 by spec);
2. check every feature (geometry present, right type, valid; attributes) and collect *all*
   problems, each naming the file and the feature or line;
3. transform to JGD2011 longitude/latitude (EPSG:6668; unchanged when already JGD2011/WGS84);
4. in ONE transaction: compare with the store, replace what this source imported before,
   write only what changed, and add an ``ImportRun(kind="layer:<kind>")`` audit row.

Any problem raises :class:`~wardapp.errors.InputRejected` before the commit: the store is
unchanged.  The same file imported twice changes nothing but the audit row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from pathlib import Path
from typing import Literal, get_args

from sqlalchemy import Table

from wardapp.errors import UsageError
from wardapp.geo import boundaries, facilities, hazards
from wardapp.geo.crs import describe_crs
from wardapp.geo.features import read_features
from wardapp.geo.mapping import LayerMapping, load_layer_mapping
from wardapp.geo.report import LayerImportReport
from wardapp.progress import Progress
from wardapp.security import audit
from wardapp.security.access import Actor, requires
from wardapp.store.db import Store
from wardapp.store.models import ImportRun

LayerKind = Literal["boundary", "flood", "shelter", "facility"]
KINDS: tuple[str, ...] = get_args(LayerKind)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@requires("layers.import")
def import_layer(store: Store, path: Path, *, kind: LayerKind, actor: Actor,
                 mapping: Path | LayerMapping | None = None, progress: Progress | None = None,
                 user: str | None = None) -> LayerImportReport:
    """Import ``path`` as a layer of ``kind``; see the module docstring and docs/layers.md.

    ``actor`` must hold ``layers.import``; the import is written to the audit log
    (``import.layer``) in its transaction.  ``user`` (the import run's) defaults to ``actor.user``.

    ``mapping`` is a TOML profile (:mod:`wardapp.geo.mapping`) or an already loaded one.
    Raises :class:`InputRejected` (store unchanged) for any problem in the file,
    :class:`ConfigError` for a broken profile, :class:`Cancelled` when cancelled.
    """
    if kind not in KINDS:
        raise UsageError(f"--kind は {' / '.join(KINDS)} のどれかです（「{kind}」は使えません）")
    user = user or actor.user
    started = time.perf_counter()
    started_at = dt.datetime.now()
    progress = progress or Progress()
    path = Path(path)
    prof = load_layer_mapping(Path(mapping)) if isinstance(mapping, (str, Path)) else (mapping or LayerMapping())

    progress.report(0, 4, f"{path.name} を読んでいます")
    table = read_features(path, prof, need_geometry=kind in ("boundary", "flood"))
    report = LayerImportReport(file=table.file, kind=kind, source=prof.name or path.name, release=prof.release,
                               format=table.format, encoding=table.encoding, features=len(table),
                               crs=describe_crs(table.crs) if table.crs is not None
                               else "緯度経度（JGD2011 / 世界測地系）")
    report.warnings.extend(table.warnings)

    progress.report(1, 4, "図形と属性を検査しています")
    if kind == "boundary":
        towns = boundaries.prepare(table, prof, report)
    elif kind == "flood":
        zones = hazards.prepare(table, prof, report)
    else:
        rows = facilities.prepare(table, prof, kind, report)

    progress.report(2, 4, "データベースを更新しています")
    with store.engine.begin() as conn:
        if kind == "boundary":
            boundaries.apply(conn, table, towns, prof, report)
        elif kind == "flood":
            hazards.apply(conn, zones, report)
        else:
            facilities.apply(conn, rows, table, report)
        progress.check()
        report.seconds = time.perf_counter() - started
        runs = ImportRun.__table__
        assert isinstance(runs, Table)
        conn.execute(runs.insert(), [{
            "kind": f"layer:{kind}", "file_name": str(path), "sha256": _sha256(path),
            "started_at": started_at, "finished_at": dt.datetime.now(), "user": user,
            "counts_json": json.dumps(report.counts_json(), ensure_ascii=False),
        }])
        audit.record(conn, actor, "import.layer", path.name,
                     counts={"added": report.added, "changed": report.changed, "removed": report.removed,
                             "rejected": len(report.skipped)},
                     details={"kind": kind, "source": report.source})
        progress.check()  # last chance to cancel: the commit happens when the block ends
    progress.report(4, 4, "完了")
    return report
