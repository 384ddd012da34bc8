"""The residents page: filtering, sorting, the 基準日, and the household detail panel."""

from __future__ import annotations

import datetime as dt

import pytest
from gui_helpers import TIMEOUT, shown_column
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from sample_ward import ON, households

from wardapp.residents import COLUMNS, Column
from wardapp.wareki import age_on

NO = COLUMNS.index(Column.HOUSEHOLD_NO)


def _type(page, qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    page.text_edit.setText(text)
    qtbot.waitUntil(lambda: not page._text_timer.isActive(), timeout=TIMEOUT)


@pytest.mark.parametrize("query", ["やまだ", "ヤマダ", "ﾔﾏﾀﾞ", "山田", "やまだ　たろう", "0000001"])
def test_text_filter_finds_kana_variants(page, qtbot, query: str) -> None:  # type: ignore[no-untyped-def]
    _type(page, qtbot, query)
    assert shown_column(page, NO) == ["0000001"]
    assert page.count_label.text() == "30 世帯中 1 世帯"


def test_text_filter_by_typing_through_an_input_method(page, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Japanese arrives from the IME as committed strings (QTest.keyClicks is Latin-1 only)."""
    page.text_edit.setFocus()
    for chunk in ("さ", "とう"):
        event = QInputMethodEvent()
        event.setCommitString(chunk)
        QApplication.sendEvent(page.text_edit, event)
    assert page.text_edit.text() == "さとう"
    qtbot.waitUntil(lambda: shown_column(page, NO) == ["0000002"], timeout=TIMEOUT)


def test_town_filter(page) -> None:  # type: ignore[no-untyped-def]
    combo = page.town_combo
    names = [combo.itemText(i) for i in range(combo.count())]
    assert names == ["（すべての町字）", "桜台一丁目", "桜台二丁目", "緑町", "本町三丁目", "（町字未判定）"]
    combo.setCurrentIndex(names.index("緑町"))
    assert set(shown_column(page, COLUMNS.index(Column.TOWN))) == {"緑町"}
    expected = sorted(no for no, town, *_ in households() if town == "T003")
    assert shown_column(page, NO) == expected
    combo.setCurrentIndex(names.index("（町字未判定）"))
    assert shown_column(page, NO) == ["0000004", "0000005"]


def test_age_range(page) -> None:  # type: ignore[no-untyped-def]
    page.age_min.setValue(85)
    expected = sorted(no for no, _, _, _, members in households() if any(age_on(m.birth, ON) >= 85 for m in members))
    assert shown_column(page, NO) == expected
    page.age_min.setValue(0)
    page.age_max.setValue(0)
    assert shown_column(page, NO) == ["0000002"]
    assert page.age_min.text() == "0 歳"
    page.age_min.setValue(-1)
    assert page.age_min.text() == "指定なし"


def test_filters_combine_and_clear(page, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.town_combo.setCurrentIndex(1)  # 桜台一丁目
    _type(page, qtbot, "さとう")
    page.age_max.setValue(1)
    assert shown_column(page, NO) == ["0000002"]
    page.clear_button.click()
    assert page.model.rowCount() == 30
    assert page.text_edit.text() == "" and page.town_combo.currentIndex() == 0


def test_reference_date_moves_ages(page, qtbot) -> None:  # type: ignore[no-untyped-def]
    oldest = COLUMNS.index(Column.OLDEST_AGE)
    row = shown_column(page, NO).index("0000003")
    assert page.model.index(row, oldest).data() == "85"
    page.date_edit.setDate(QDate(2026, 4, 1))
    row = shown_column(page, NO).index("0000003")
    assert page.model.index(row, oldest).data() == "86"
    assert page.wareki_label.text() == "（令和8年4月1日）"


@pytest.mark.parametrize("column", list(Column))
def test_sorting_by_header(page, column: Column) -> None:  # type: ignore[no-untyped-def]
    c = COLUMNS.index(column)
    page.table.sortByColumn(c, Qt.SortOrder.DescendingOrder)
    values = shown_column(page, c)
    assert len(values) == 30
    if column in (Column.MEMBERS, Column.OLDEST_AGE, Column.AGED_65):
        numbers = [int(v) for v in values]
        assert numbers == sorted(numbers, reverse=True)
    elif column in (Column.HOUSEHOLD_NO, Column.ADDRESS, Column.BUILDING):
        assert values == sorted(values, reverse=True)
    page.table.sortByColumn(c, Qt.SortOrder.AscendingOrder)
    if column == Column.HOUSEHOLD_NO:
        assert shown_column(page, c) == sorted(values)


def test_sort_survives_filtering(page, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.table.sortByColumn(COLUMNS.index(Column.OLDEST_AGE), Qt.SortOrder.DescendingOrder)
    page.age_min.setValue(60)
    ages = [int(v) for v in shown_column(page, COLUMNS.index(Column.OLDEST_AGE))]
    assert ages == sorted(ages, reverse=True) and min(ages) >= 60


def test_selecting_a_household_shows_members_with_wareki(page, qtbot) -> None:  # type: ignore[no-untyped-def]
    row = shown_column(page, NO).index("0000002")
    with qtbot.waitSignal(page.members_shown, timeout=TIMEOUT):
        page.table.selectRow(row)
    m = page.members_model
    names = [m.index(r, 0).data() for r in range(m.rowCount())]
    assert names == ["佐藤 健", "佐藤 陽菜", "佐藤 美咲"]  # head first
    row0 = [m.index(0, c).data() for c in range(m.columnCount())]
    assert row0 == ["佐藤 健", "サトウ ケン", "1990/06/30", "平成2年6月30日", "34", "男", "世帯主", "さくらハイツ101", "日本人"]
    assert m.index(1, 3).data() == "令和6年12月1日" and m.index(1, 4).data() == "0"
    assert m.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert "0000002" in page.detail_label.text() and "3 人" in page.detail_label.text()
    headers = [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]
    assert headers == ["氏名", "カナ", "生年月日", "和暦", "年齢", "性別", "続柄", "方書", "住民区分"]


def test_enter_opens_the_household(page, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.window().activateWindow()
    page.table.setFocus()
    row = shown_column(page, NO).index("0000001")
    page.table.setCurrentIndex(page.model.index(row, 0))
    qtbot.waitUntil(lambda: page.members_model.rowCount() == 2, timeout=TIMEOUT)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.members_view, timeout=TIMEOUT)


def test_double_click_opens_the_household(page, qtbot) -> None:  # type: ignore[no-untyped-def]
    row = shown_column(page, NO).index("0000003")
    rect = page.table.visualRect(page.model.index(row, 1))
    with qtbot.waitSignal(page.members_shown, timeout=TIMEOUT) as blocker:
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [page.model.household_id(row)]
    assert page.members_model.members[0].name == "鈴木 一郎"


def test_selection_follows_the_household_when_sorting(page, qtbot) -> None:  # type: ignore[no-untyped-def]
    row = shown_column(page, NO).index("0000006")
    with qtbot.waitSignal(page.members_shown, timeout=TIMEOUT):
        page.table.selectRow(row)
    page.table.sortByColumn(COLUMNS.index(Column.HEAD_KANA), Qt.SortOrder.DescendingOrder)
    current = page.table.currentIndex()
    assert page.model.index(current.row(), NO).data() == "0000006"


def test_members_ages_follow_the_reference_date(page, qtbot) -> None:  # type: ignore[no-untyped-def]
    row = shown_column(page, NO).index("0000002")
    with qtbot.waitSignal(page.members_shown, timeout=TIMEOUT):
        page.table.selectRow(row)
    with qtbot.waitSignal(page.members_shown, timeout=TIMEOUT):
        page.date_edit.setDate(QDate(2030, 1, 1))
    baby = page.members_model.members[1]
    assert baby.age == age_on(dt.date(2024, 12, 1), dt.date(2030, 1, 1)) == 5


def test_filtering_out_the_shown_household_clears_the_detail(page, qtbot) -> None:  # type: ignore[no-untyped-def]
    row = shown_column(page, NO).index("0000002")
    with qtbot.waitSignal(page.members_shown, timeout=TIMEOUT):
        page.table.selectRow(row)
    _type(page, qtbot, "すずき")
    assert page.members_model.rowCount() == 0
    assert page.detail_label.text() == "世帯を選ぶと構成員が表示されます。"


def _views(page) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    from wardapp.security.audit import AuditFilter, entries
    from wardapp.security.access import SYSTEM

    return [(e.action, e.object, e.details.get("what", "")) for e in entries(page.ctx.store, SYSTEM, AuditFilter())
            if e.action == "view"]


def test_opening_a_household_is_one_view_in_the_audit_log(page, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue 9: every look at a household's personal data is logged — once per opening; a new
    基準日 recomputes the ages shown and is not another look."""
    row = shown_column(page, NO).index("0000002")
    with qtbot.waitSignal(page.members_shown, timeout=TIMEOUT):
        page.table.selectRow(row)
    assert _views(page) == [("view", "0000002", "household")]
    with qtbot.waitSignal(page.members_shown, timeout=TIMEOUT):
        page.date_edit.setDate(QDate(2030, 1, 1))
    assert _views(page) == [("view", "0000002", "household")]
    row = shown_column(page, NO).index("0000003")
    with qtbot.waitSignal(page.members_shown, timeout=TIMEOUT):
        page.table.selectRow(row)
    assert [v[1] for v in _views(page)] == ["0000002", "0000003"]
