"""Render every roster document kind from the demo ward and save one PNG per kind (not a test).

    .venv/bin/python tests/make_roster_screenshots.py docs/screenshots [--db /tmp/ro/demo.sqlite3]

Builds (or reuses) the 架空 demo ward and its scores, then writes through
:func:`wardapp.rosters.service.make_roster` — exactly what ``wardapp roster`` does — and renders
pages with ``pdftoppm`` (75 dpi), reduced to 256 colours (< 300 KB each):

* ``roster-map.png`` — first page: the vector map of a drawn polygon, summary and legend;
* ``roster-list.png`` — a page of the 地域名簿 (災害時);
* ``roster-normal.png`` — the first page in 平常時 (consent only, who was left out);
* ``roster-check.png`` — a page of the 安否確認チェックリスト;
* ``roster-by-town.png`` — the start of the second section of a per-town roster;
* ``roster-by-shelter.png`` — the start of a per-shelter section;
* ``roster-gaiji.png`` — the closing 外字一覧.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from wardapp.geo.selection import SelectionIndex, TownsArea, area_from_geojson, select_area
from wardapp.rosters.layout_files import LAYOUTS_DIR
from wardapp.rosters.service import make_roster, town_ids
from wardapp.security.access import SYSTEM
from wardapp.store import open_store


def png(pdf: Path, page: int, out: Path, dpi: int = 75) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf),
                        f"{tmp}/p"], check=True)
        src = next(Path(tmp).glob("p-*.png"))
        Image.open(src).convert("RGB").quantize(256, dither=Image.Dither.NONE).save(out, optimize=True)
    print(f"{out} ({out.stat().st_size // 1024} KB)")


def section_start(pdf: Path, n: int) -> int:
    """Page number (1-based) where the n-th section (1-based) starts."""
    pages = int(next(ln.split()[-1] for ln in subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                             check=True).stdout.splitlines() if ln.startswith("Pages:")))
    seen = 0
    for p in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        if " 1 / " in text.replace("通し 1 / ", ""):
            seen += 1
            if seen == n:
                return p
    raise ValueError(n)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--db", type=Path, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="roster-shots-") as tmp:
        shoot(Path(tmp), args.db or Path(tmp) / "demo.sqlite3", args.out)
    return 0


def shoot(work: Path, db: Path, shots: Path) -> None:
    if not db.exists():
        subprocess.run([sys.executable, "-m", "wardapp", "demo", "--db", str(db), "--no-gui"], check=True)
        subprocess.run([sys.executable, "-m", "wardapp", "score", "--db", str(db)], check=True)
    shots.mkdir(parents=True, exist_ok=True)
    store = open_store(db)
    at = dt.datetime.now().replace(second=0, microsecond=0)
    try:
        a = town_ids(store, ["見本町一丁目", "見本町二丁目"])
        index = SelectionIndex.build(store)
        sel = select_area(store, TownsArea(a), on=index.on, index=index, actor=SYSTEM)
        lons = [h.lon for h in sel.households if h.lon is not None]
        lats = [h.lat for h in sel.households if h.lat is not None]
        x0, x1, y0, y1 = min(lons), max(lons), min(lats), max(lats)
        cx, cy, w, h = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) * 0.22, (y1 - y0) * 0.3
        polygon = area_from_geojson({"type": "Polygon", "coordinates": [[
            [cx - w, cy - h], [cx + w * 0.6, cy - h * 1.2], [cx + w, cy + h * 0.2], [cx + w * 0.2, cy + h],
            [cx - w * 0.9, cy + h * 0.7], [cx - w, cy - h]]]})
        kw = {"actor": SYSTEM, "printed_at": at, "index": index}
        r = make_roster(store, polygon, out=work / "roster.pdf", mode="disaster", reason="出水期の訓練（デモ）", **kw)
        png(r.path, 1, shots / "roster-map.png")
        png(r.path, 2, shots / "roster-list.png")
        r = make_roster(store, polygon, out=work / "normal.pdf", **kw)
        png(r.path, 1, shots / "roster-normal.png")
        r = make_roster(store, polygon, out=work / "check.pdf", kind="check", mode="disaster", reason="安否確認（デモ）",
                        **kw)
        png(r.path, 2, shots / "roster-check.png")
        r = make_roster(store, polygon, out=work / "portrait.pdf", mode="disaster", reason="電話での安否確認（デモ）",
                        layout=LAYOUTS_DIR / "roster-portrait-phone.toml", **kw)  # a ward's own layout file
        png(r.path, 1, shots / "roster-layout-portrait.png")
        r = make_roster(store, TownsArea(a), out=work / "by-town.pdf", kind="by-town", mode="disaster",
                        reason="訓練（デモ）", min_score=10, **kw)
        png(r.path, section_start(r.path, 2), shots / "roster-by-town.png")
        r = make_roster(store, TownsArea(a), out=work / "by-shelter.pdf", kind="by-shelter", mode="disaster",
                        reason="訓練（デモ）", min_score=10, **kw)
        png(r.path, 1, shots / "roster-by-shelter.png")
        gaiji = make_roster(store, TownsArea(town_ids(store, ["見本町一丁目", "模型台一丁目", "大字架空原", "試作町二丁目"])),
                            out=work / "gaiji.pdf", mode="disaster", reason="訓練（デモ）", **kw)
        assert gaiji.gaiji, "the demo ward has 外字 in these towns"
        png(gaiji.path, gaiji.pages or 1, shots / "roster-gaiji.png")
    finally:
        store.close()


if __name__ == "__main__":
    raise SystemExit(main())
