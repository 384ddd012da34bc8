"""Scores as staff read them: a Japanese summary, a JSON object for scripts, a CSV for Excel.

The CSV has one row per household in rank order, UTF-8 with BOM (Excel opens it correctly)
and CRLF line ends.  Text cells that Excel would read as a formula (starting with = + - @,
tab or CR) are prefixed with ``'`` (:func:`wardapp.exports.safe_cell`) — 町字 names and band
names are data, never formulas.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from wardapp.errors import UsageError
from wardapp.exports import safe_cell
from wardapp.scoring.engine import ScoreResult, band_counts, category_string
from wardapp.scoring.profile import CATEGORIES, CATEGORY_LETTERS
from wardapp.wareki import to_wareki

CSV_HEADER = ("順位", "世帯番号", "世帯スコア", "最高個人スコア", "人数", "区分", *CATEGORIES, "浸水深", "地点なし",
              "町字", "帯")


def _depth(v: float) -> str:
    return f"{v:g}"


def write_households_csv(result: ScoreResult, path: str | Path) -> Path:
    """One row per household, most in need first (see :data:`CSV_HEADER`)."""
    path = Path(path)
    inp = result.input
    counts = result.category_counts()
    bands = result.band_names
    cats = [category_string(m) for m in range(32)]
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow(CSV_HEADER)
            for row in result.order.tolist():
                w.writerow((
                    int(result.rank[row]), safe_cell(str(inp.household_no[row])), int(result.household_score[row]),
                    int(result.household_max_person_score[row]), int(inp.groups.sizes[row]),
                    cats[int(result.household_categories[row])], *(int(counts[i, row]) for i in range(len(CATEGORIES))),
                    _depth(float(inp.flood_depth[row])), "1" if inp.no_point[row] else "",
                    safe_cell(str(inp.town[row])), safe_cell(bands[int(result.household_band[row])]),
                ))
    except OSError as e:
        raise UsageError(f"CSV を書き出せません: {path}", detail=e.strerror or str(e)) from None
    return path


@dataclass(frozen=True)
class BandRow:
    """One score band: its name, its range of 世帯スコア as text, and how many households are in it."""

    name: str
    minimum: int
    #: e.g. 「5〜9点」, 「15点以上」.
    range_ja: str
    households: int
    share: float


def band_rows(result: ScoreResult) -> list[BandRow]:
    """Every band of the profile from the lowest up, also the empty ones."""
    bands = sorted(result.profile.bands, key=lambda b: b.minimum)
    counts = band_counts(result)
    total = result.n_households
    out = []
    for i, b in enumerate(bands):
        upper = f"〜{bands[i + 1].minimum - 1}点" if i + 1 < len(bands) else "点以上"
        n = counts[b.name]
        out.append(BandRow(b.name, b.minimum, f"{b.minimum}{upper}", n, n / total if total else 0.0))
    return out


def top_households(result: ScoreResult, n: int = 10) -> list[dict[str, Any]]:
    inp = result.input
    out = []
    for row in result.order[:n].tolist():
        out.append({
            "rank": int(result.rank[row]), "household_no": str(inp.household_no[row]),
            "score": int(result.household_score[row]),
            "max_person_score": int(result.household_max_person_score[row]),
            "members": int(inp.groups.sizes[row]),
            "categories": category_string(int(result.household_categories[row])), "town": str(inp.town[row]),
        })
    return out


def to_json(result: ScoreResult, run_id: int | None = None) -> dict[str, Any]:
    """The ``--json`` object of ``wardapp score``."""
    inp = result.input
    return {
        "persons": result.n_persons,
        "households": result.n_households,
        "bands": band_counts(result),
        "profile": {"name": result.profile.name, "version": result.profile.version,
                    "sha256": result.profile.sha256},
        "date": result.on.isoformat(),
        "run_id": run_id,
        "categories": {c: int(((result.household_categories >> i) & 1).sum()) for i, c in enumerate(CATEGORIES)},
        "no_point": int(inp.no_point.sum()),
        "top": top_households(result),
        "warnings": list(inp.warnings),
        "seconds": round(result.seconds, 3),
    }


def summary_ja(result: ScoreResult, run_id: int | None = None, *, top: int = 10) -> str:
    inp = result.input
    p = result.profile
    lines = [
        f"援護度を計算しました: プロファイル「{p.name}」第{p.version}版、基準日 {to_wareki(result.on)}"
        f"（{result.on.isoformat()}）",
        f"住民 {result.n_persons:,}人・{result.n_households:,}世帯"
        + (f"、記録番号 {run_id}" if run_id is not None else ""),
        "",
        "帯ごとの世帯数:",
    ]
    for b in band_rows(result):
        lines.append(f"  {b.name}（{b.range_ja}）: {b.households:,}世帯")
    cat_counts = [int(((result.household_categories >> i) & 1).sum()) for i in range(len(CATEGORIES))]
    lines.append("区分のある世帯: " + "、".join(
        f"{c}（{CATEGORY_LETTERS[i]}）{cat_counts[i]:,}" for i, c in enumerate(CATEGORIES)))
    n_np = int(np.count_nonzero(inp.no_point))
    if n_np:
        lines.append(f"地点が未確定の世帯: {n_np:,}（浸水深は0として計算。住所照合で地点を決めてください）")
    if top and result.n_households:
        lines += ["", f"上位{min(top, result.n_households)}世帯（世帯スコア順、同点は最高個人スコア順）:"]
        for h in top_households(result, top):
            lines.append(f"  {h['rank']:>3}位 世帯番号 {h['household_no']}  {h['score']}点（最高個人 {h['max_person_score']}点）"
                         f"  {h['members']}人  {h['categories'] or '－'}  {h['town']}")
    for w in inp.warnings:
        lines.append(f"注意: {w}")
    return "\n".join(lines)
