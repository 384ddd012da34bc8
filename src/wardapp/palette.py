"""Colours and marks of the 要配慮者 categories, shared by the screen, the map legend and paper.

domain.md: 「高齢者、乳幼児、妊婦、障害者は、背景色で分かりやすく」 (Sayama's roster) — and always
a letter or symbol as well as the colour, so that a black-and-white print or a colour-blind
reader still tells them apart.  The fills are light enough for black text on top and differ in
grey value; ``strong`` is the saturated colour for map markers and legend chips.

The letters are the ones the scoring profile prints (``wardapp.scoring.profile.CATEGORY_LETTERS``:
高乳妊障医); the symbols are all in JIS X 0208, so every Japanese font draws them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class CareCategory:
    name: str
    letter: str
    symbol: str
    fill: str      # light background (#RRGGBB) for table rows and cells
    strong: str    # saturated colour for markers, legend chips, borders
    description: str

    @property
    def mark(self) -> str:
        """Symbol and letter together, e.g. ``▲高`` (legends)."""
        return f"{self.symbol}{self.letter}"


#: In the fixed display order of the scoring profile's categories.
CARE_CATEGORIES: tuple[CareCategory, ...] = (
    CareCategory("高齢者", "高", "▲", "#FFE0B2", "#E07B00", "65歳以上（プロファイルの定義による）"),
    CareCategory("乳幼児", "乳", "●", "#D5EFC8", "#2E7D32", "0〜5歳"),
    CareCategory("妊婦", "妊", "◆", "#F8CFE0", "#C2185B", "出産予定日の8週後まで"),
    CareCategory("障害者", "障", "■", "#CDE1F7", "#1F5FA8", "身体・療育・精神の手帳、難病"),
    CareCategory("医療的ケア", "医", "★", "#E2D2F2", "#6A3D9A", "人工呼吸器・在宅酸素・透析（停電時に命に関わる）"),
)
BY_NAME: dict[str, CareCategory] = {c.name: c for c in CARE_CATEGORIES}
#: Which colour a row takes when a person is in several categories: the most urgent one.
FILL_PRIORITY: tuple[str, ...] = ("医療的ケア", "障害者", "妊婦", "乳幼児", "高齢者")


def category(name: str) -> CareCategory:
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"未知の区分です: {name}（{', '.join(BY_NAME)}）") from None


def letters(names: Iterable[str]) -> str:
    """The letters of the given categories in display order, e.g. ``高障`` (unknown names skipped)."""
    wanted = set(names)
    return "".join(c.letter for c in CARE_CATEGORIES if c.name in wanted)


def row_fill(names: Iterable[str]) -> str | None:
    """Background colour for a row of a person in these categories (``None`` when in none)."""
    wanted = set(names)
    for name in FILL_PRIORITY:
        if name in wanted:
            return BY_NAME[name].fill
    return None
