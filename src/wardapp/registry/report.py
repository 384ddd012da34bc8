"""What an import did: counts, movements (異動), warnings, 外字, and the problems found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wardapp.errors import InputProblem

#: Movement kinds in report order.  消除（事由不明） are persons absent from a newer extract
#: with no 消除 row saying why.
MOVEMENTS = ("転入", "出生", "転出", "死亡", "職権消除", "消除（事由不明）", "転居", "世帯変更", "記載事項変更")


@dataclass
class GaijiOccurrence:
    """A 外字 (private-use character) kept as it is and listed for staff to check."""

    line: int
    column: str
    char: str
    value: str

    @property
    def codepoint(self) -> str:
        return f"U+{ord(self.char):04X}"

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "codepoint": self.codepoint, "value": self.value}


@dataclass
class ImportReport:
    file: str
    encoding: str = ""
    profile: str = "標準形式"
    rows: int = 0
    persons: int = 0
    households: int = 0
    added: int = 0
    changed: int = 0
    removed: int = 0
    households_added: int = 0
    households_changed: int = 0
    households_removed: int = 0
    movements: dict[str, int] = field(default_factory=lambda: {k: 0 for k in MOVEMENTS})
    skipped_rows: int = 0
    errors: list[InputProblem] = field(default_factory=list)
    warnings: list[InputProblem] = field(default_factory=list)
    gaiji: list[GaijiOccurrence] = field(default_factory=list)
    seconds: float = 0.0
    #: Address matching run right after the import (:func:`import_registry_and_match`), if any.
    match: dict[str, Any] | None = None

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.changed or self.removed or self.households_added
                    or self.households_changed or self.households_removed)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "encoding": self.encoding,
            "profile": self.profile,
            "rows": self.rows,
            "persons": self.persons,
            "households": self.households,
            "added": self.added,
            "changed": self.changed,
            "removed": self.removed,
            "households_added": self.households_added,
            "households_changed": self.households_changed,
            "households_removed": self.households_removed,
            "movements": dict(self.movements),
            "unchanged": self.unchanged,
            "skipped_rows": self.skipped_rows,
            "errors": [p.to_json() for p in self.errors],
            "warnings": [p.to_json() for p in self.warnings],
            "gaiji": [g.to_json() for g in self.gaiji],
            "seconds": round(self.seconds, 3),
            **({"match": self.match} if self.match is not None else {}),
        }

    def summary_ja(self) -> str:
        lines = [
            f"{self.file}（{self.encoding}、{self.profile}）を取り込みました: {self.rows}行。",
            f"現在 {self.persons}人・{self.households}世帯。",
        ]
        if self.unchanged:
            lines.append("前回の取り込みから変更はありません。")
        else:
            lines.append(f"追加 {self.added}人、変更 {self.changed}人、削除 {self.removed}人"
                         f"（世帯: 追加 {self.households_added}、変更 {self.households_changed}、"
                         f"削除 {self.households_removed}）。")
            moved = "、".join(f"{k} {v}" for k, v in self.movements.items() if v)
            if moved:
                lines.append(f"異動: {moved}。")
        if self.skipped_rows:
            lines.append(f"誤りのため飛ばした行: {self.skipped_rows}行。")
            lines += [f"  {p.describe()}" for p in self.errors[:50]]
        if self.gaiji:
            lines.append(f"外字 {len(self.gaiji)}件（そのまま保存しました。確認してください）:")
            lines += [f"  {g.line}行目 {g.column} {g.codepoint}「{g.value}」" for g in self.gaiji[:50]]
        if self.warnings:
            lines.append(f"注意 {len(self.warnings)}件:")
            lines += [f"  {p.describe()}" for p in self.warnings[:50]]
            if len(self.warnings) > 50:
                lines.append(f"  …ほか{len(self.warnings) - 50}件")
        if self.match is not None:
            lv = self.match.get("levels", {})
            lines.append(f"住所の照合: 号 {lv.get('residence', 0)}、街区 {lv.get('block', 0)}、町字 {lv.get('town', 0)}、"
                         f"候補が複数 {self.match.get('ambiguous', 0)}、照合できず {lv.get('unmatched', 0)}。")
        return "\n".join(lines)
