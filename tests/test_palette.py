"""要配慮者 category colours and marks (wardapp.palette), shared by screen, map legend and paper."""

from __future__ import annotations

import pytest

from wardapp.palette import CARE_CATEGORIES, FILL_PRIORITY, category, letters, row_fill


def _grey(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


def test_every_category_has_a_distinct_letter_symbol_and_colour() -> None:
    for attr in ("letter", "symbol", "fill", "strong"):
        values = [getattr(c, attr) for c in CARE_CATEGORIES]
        assert len(set(values)) == len(values), attr
    assert sorted(FILL_PRIORITY) == sorted(c.name for c in CARE_CATEGORIES)


def test_fills_are_light_enough_for_black_text() -> None:
    assert all(_grey(c.fill) > 190 for c in CARE_CATEGORIES)


def test_letters_and_row_fill() -> None:
    assert letters(["障害者", "高齢者", "未知"]) == "高障"
    assert row_fill(["高齢者", "医療的ケア"]) == category("医療的ケア").fill
    assert row_fill([]) is None
    assert category("妊婦").mark == "◆妊"
    with pytest.raises(KeyError, match="未知の区分"):
        category("外国人")


def test_same_categories_and_letters_as_the_scoring_profile() -> None:
    profile = pytest.importorskip("wardapp.scoring.profile")
    assert tuple(c.name for c in CARE_CATEGORIES) == tuple(profile.CATEGORIES)
    assert "".join(c.letter for c in CARE_CATEGORIES) == profile.CATEGORY_LETTERS
