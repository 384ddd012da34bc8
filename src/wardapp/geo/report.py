"""What a layer import did: counts, what moved, repairs, skipped features and warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wardapp.errors import InputProblem


@dataclass
class Moved:
    """A facility whose point moved more than 1 m since the previous import."""

    name: str
    kind: str
    distance_m: float

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "distance_m": round(self.distance_m, 2)}


@dataclass
class AreaChange:
    """A town boundary (or a flood rank's total) whose area changed."""

    name: str
    old_m2: float
    new_m2: float

    @property
    def percent(self) -> float:
        return 100.0 * (self.new_m2 - self.old_m2) / self.old_m2 if self.old_m2 else 100.0

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "old_m2": round(self.old_m2, 1), "new_m2": round(self.new_m2, 1),
                "percent": round(self.percent, 3)}


@dataclass
class LayerImportReport:
    file: str
    kind: str
    source: str
    release: str | None = None
    format: str = ""
    crs: str = ""
    encoding: str | None = None
    #: Features (or CSV rows) read from the file.
    features: int = 0
    #: Rows written or confirmed: towns with a boundary, flood zones, facilities.
    imported: int = 0
    added: int = 0
    changed: int = 0
    removed: int = 0
    towns_created: list[str] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)
    area_changes: list[AreaChange] = field(default_factory=list)
    #: Features deliberately left out (水面調査区, a repeated name …), each with the reason.
    skipped: list[InputProblem] = field(default_factory=list)
    #: Invalid polygons made valid (only with ``repair = true``), each with what was wrong.
    repairs: list[InputProblem] = field(default_factory=list)
    warnings: list[InputProblem] = field(default_factory=list)
    #: How the importer decided what the file did not say (kind, rank attribute …).
    notes: list[str] = field(default_factory=list)
    #: Flood zones per rank, or facilities per kind, after the import.
    by_class: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.changed or self.removed or self.towns_created)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "kind": self.kind,
            "source": self.source,
            "release": self.release,
            "format": self.format,
            "crs": self.crs,
            "encoding": self.encoding,
            "features": self.features,
            "imported": self.imported,
            "added": self.added,
            "changed": self.changed,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "towns_created": list(self.towns_created),
            "moved": [m.to_json() for m in self.moved],
            "area_changes": [a.to_json() for a in self.area_changes],
            "by_class": dict(self.by_class),
            "skipped": [p.to_json() for p in self.skipped],
            "repairs": [p.to_json() for p in self.repairs],
            "warnings": [p.to_json() for p in self.warnings],
            "notes": list(self.notes),
            "seconds": round(self.seconds, 3),
        }

    def counts_json(self) -> dict[str, Any]:
        """The audit row's counts (ImportRun.counts_json): no per-feature lists."""
        out = self.to_json()
        for key in ("skipped", "repairs", "warnings", "moved", "area_changes", "towns_created", "notes"):
            out[key] = len(out[key])
        return out

    def summary_ja(self) -> str:
        what = {"boundary": "町字境界", "flood": "浸水想定区域", "shelter": "避難所・避難場所",
                "facility": "施設"}.get(self.kind, self.kind)
        rel = f"、{self.release}" if self.release else ""
        lines = [f"{self.file}（{self.format}、{self.crs}{rel}）から{what}を取り込みました: "
                 f"{self.features}件を読み、{self.imported}件。出典名「{self.source}」。"]
        lines += self.notes
        if self.unchanged:
            lines.append("前回の取り込みから変更はありません。")
        else:
            lines.append(f"追加 {self.added}、変更 {self.changed}、削除 {self.removed}。")
        if self.by_class:
            lines.append("内訳: " + "、".join(f"{k} {v}" for k, v in self.by_class.items()))
        if self.towns_created:
            lines.append(f"新しく作成した町字 {len(self.towns_created)}件: " + "、".join(self.towns_created[:30])
                         + ("…" if len(self.towns_created) > 30 else ""))
        if self.moved:
            lines.append(f"位置が変わった施設 {len(self.moved)}件:")
            lines += [f"  {m.name}（{m.kind}）{m.distance_m:,.1f}m" for m in self.moved[:50]]
        if self.area_changes:
            lines.append(f"面積が変わったもの {len(self.area_changes)}件:")
            lines += [f"  {a.name}: {a.old_m2:,.0f}㎡ → {a.new_m2:,.0f}㎡（{a.percent:+.2f}%）"
                      for a in self.area_changes[:50]]
        for title, items in (("修復した図形", self.repairs), ("取り込まなかった地物", self.skipped),
                             ("注意", self.warnings)):
            if items:
                lines.append(f"{title} {len(items)}件:")
                lines += [f"  {p.describe()}" for p in items[:50]]
                if len(items) > 50:
                    lines.append(f"  …ほか{len(items) - 50}件")
        return "\n".join(lines)
