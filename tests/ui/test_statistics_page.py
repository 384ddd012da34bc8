"""集計 page (issue 8 GUI): the report of the chosen 年度 in tables and QtCharts with the counting rule
under the table, rule changes, exports through the task layer, and the earlier-years dialog."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import TIMEOUT
from outreach_ward import model_tester
from PySide6.QtCharts import QBarSeries
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from yearly_ward import PERSONAL, build_year

from wardapp.outreach import yearly
from wardapp.security.access import Actor
from wardapp.security.roles import Role
from wardapp.settings import Settings
from wardapp.store import Store, open_store
from wardapp.ui.context import AppContext
from wardapp.ui.pages.statistics import PastFiguresDialog, StatisticsPage
from wardapp.ui.tasks import TaskManager


@pytest.fixture
def year_store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "year.sqlite3")
    build_year(store)
    yield store
    store.close()


def make_page(store: Store, settings: Settings, qtbot, actor: Actor | None = None) -> StatisticsPage:  # type: ignore[no-untyped-def]
    ctx = AppContext(store=store, tasks=TaskManager(), settings=settings, user="tester", actor=actor)
    page = StatisticsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    qtbot.waitUntil(lambda: page.report is not None, timeout=TIMEOUT)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        page.select_year(2025)
    return page


@pytest.fixture
def page(year_store: Store, settings: Settings, qtbot) -> Iterator[StatisticsPage]:  # type: ignore[no-untyped-def]
    p = make_page(year_store, settings, qtbot)
    try:
        yield p
    finally:
        p.ctx.tasks.shutdown()
        QApplication.processEvents()


def bar_values(view) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    (series,) = view.chart().series()
    assert isinstance(series, QBarSeries)
    return {s.label(): [s.at(i) for i in range(s.count())] for s in series.barSets()}


def categories(view) -> list[str]:  # type: ignore[no-untyped-def]
    axis = view.chart().axes()[0]
    return list(axis.categories())


def test_tables_show_the_report(page: StatisticsPage) -> None:
    assert page.report is not None and page.report.label == "R7年度"
    assert page.headline.text() == "R7年度　6回 約26名（対面4回・オンライン2回）"
    m = page.summary_model
    rows = {m.value(r, 0): m.value(r, 1) for r in range(m.rowCount())}
    assert rows["情報格差是正に向けた取組数"] == "4件"
    assert rows["実受講者数"] == "4名" and rows["体験参加によりデジタルへの関心が上がった者の割合"] == "75.0%"
    assert page.rule_label.text() == "※ " + yearly.ReportRules().sentence
    assert page.month_model.rowCount() == 13 and page.month_model.value(0, 0) == "4月"
    assert [page.month_model.value(12, c) for c in range(9)] == ["計", 2, 1, 1, 2, 4, 2, 6, 20]
    venues = {page.venue_model.value(r, 0): page.venue_model.value(r, 1) for r in range(page.venue_model.rowCount())}
    assert venues["みどり地区センター"] == 2
    assert page.town_model.value(page.town_model.rowCount() - 1, 0) == "不明"
    assert page.comparison_model.headerData(page.comparison_model.columnCount() - 1, Qt.Orientation.Horizontal) == "R7年度"
    for model in (page.summary_model, page.month_model, page.venue_model, page.town_model, page.comparison_model):
        model_tester(model)
    shown = " ".join(str(m.value(r, c)) for m in (page.summary_model, page.venue_model, page.town_model)
                     for r in range(m.rowCount()) for c in range(m.columnCount()))
    for word in PERSONAL:
        assert word not in shown


def test_charts_have_the_report_values(page: StatisticsPage) -> None:
    months = bar_values(page.month_chart)
    assert categories(page.month_chart)[:2] == ["4月", "5月"]
    assert months["対面"][0] == 3 and months["対面"][-1] == 1
    assert months["オンライン"][3] == 1 and months["オンライン"][-1] == 1
    assert sum(months["対面"]) + sum(months["オンライン"]) == 6
    assert bar_values(page.age_chart) == {"人数": [0, 1, 1, 1, 0, 1]}
    assert categories(page.age_chart)[-1] == "不明"
    assert bar_values(page.device_chart) == {"人数": [1, 1, 1, 1, 0]}
    assert categories(page.years_chart) == ["R6年度", "R7年度"]
    assert bar_values(page.years_chart) == {"取組数": [2, 4]}


def test_rule_changes_recount(page: StatisticsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        page.unit_combo.setCurrentIndex(page.unit_combo.findData("回"))
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        page.visits_check.setChecked(False)
    assert page.report is not None and page.report.value("initiatives") == 4
    assert "回の数" in page.rule_label.text() and "含めない" in page.rule_label.text()
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        page.grants_check.setChecked(True)
    assert page.report.value("initiatives") == 5  # type: ignore[union-attr]


def test_exports_run_in_the_background(page: StatisticsPage, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    for name in ("r.xlsx", "r.pdf"):
        with qtbot.waitSignal(page.exported, timeout=TIMEOUT * 3) as sig:
            page.export_to(tmp_path / name)
        assert sig.args[0] == tmp_path / name and (tmp_path / name).stat().st_size > 1000
    assert openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames == ["概要", "月別", "会場別", "町別", "経年比較"]


def test_earlier_years_dialog(page: StatisticsPage, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = PastFiguresDialog(page.ctx, page)
    qtbot.addWidget(dialog)
    dialog.changed.connect(page._refresh)
    qtbot.waitUntil(lambda: dialog.model.columnCount() > 0, timeout=TIMEOUT)  # the first list
    dialog.year_combo.setCurrentIndex(dialog.year_combo.findData(2018))
    dialog.indicator_combo.setCurrentIndex(dialog.indicator_combo.findData("initiatives"))
    dialog.value_edit.setText("abc")
    dialog.save()
    assert "数ではありません" in dialog.error_label.text()
    dialog.value_edit.setText("９件")
    with qtbot.waitSignal(dialog.loaded, timeout=TIMEOUT):
        dialog.save()
    assert dialog.model.rowCount() == 1 and dialog.model.value(0, 2) == "9件"
    qtbot.waitUntil(lambda: page.report is not None and page.report.comparison.labels[0] == "H30年度", timeout=TIMEOUT)
    bad = tmp_path / "bad.csv"
    bad.write_text("年度,指標,値\nH99,initiatives,3\n", encoding="utf-8")
    dialog.import_file(bad)
    qtbot.waitUntil(lambda: "2行目" in dialog.error_label.text(), timeout=TIMEOUT)
    dialog.view.selectRow(0)
    with qtbot.waitSignal(dialog.loaded, timeout=TIMEOUT):
        dialog.remove_selected()
    assert dialog.model.rowCount() == 0


def test_a_viewer_sees_figures_but_cannot_enter_them(year_store: Store, settings: Settings, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = make_page(year_store, settings, qtbot, actor=Actor(user="etsuran", role=Role.VIEWER))
    try:
        assert page.report is not None and page.report.value("sessions") == 4
        dialog = PastFiguresDialog(page.ctx, page)
        qtbot.addWidget(dialog)
        assert not dialog.save_button.isEnabled() and not dialog.import_button.isEnabled()
        assert StatisticsPage.permission == "figures.view"
    finally:
        page.ctx.tasks.shutdown()
