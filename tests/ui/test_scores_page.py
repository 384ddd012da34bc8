"""The スコア page: a profile edited as you type, the bands and ranking that follow it, saving a
profile version and a score run, and the residents page showing the saved scores."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from gui_helpers import TIMEOUT, residents_page, wait_idle
from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QAbstractItemModelTester, QTest
from PySide6.QtWidgets import QLineEdit, QSpinBox, QStyle, QStyleOptionViewItem
from sample_ward import ON
from test_i18n import _visible_texts, english_texts

from wardapp.palette import category
from wardapp.residents import COLUMNS, Column
from wardapp.scoring import (
    ProfileError,
    ScoringInput,
    band_counts,
    compile_profile,
    default_profile,
    explain_household,
    load_profile,
    save_scores,
    score,
    score_runs,
)
from wardapp.scoring.profile_files import PROFILES_DIR_ENV
from wardapp.security import SYSTEM
from wardapp.store import open_store
from wardapp.ui.main_window import MainWindow
from wardapp.ui.models.scores import PROBLEM_BACKGROUND, BandModel, ProblemModel, RankingModel, RuleTableModel
from wardapp.ui.pages import scores as scores_module
from wardapp.ui.pages.scores import ScoresPage


@pytest.fixture(autouse=True)
def profiles_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Saved profile versions go to the test's folder, never the user's data folder."""
    d = tmp_path / "profiles"
    monkeypatch.setenv(PROFILES_DIR_ENV, str(d))
    return d


def scores_page(window: MainWindow) -> ScoresPage:
    return next(p for p in window.pages if isinstance(p, ScoresPage))


@pytest.fixture
def sp(window: MainWindow, qtbot) -> ScoresPage:  # type: ignore[no-untyped-def]
    """The スコア page shown, its data read, the 基準日 set to the sample ward's :data:`ON`."""
    page = scores_page(window)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        window.show_page(window.pages.index(page))
    with qtbot.waitSignal(page.rescored, timeout=TIMEOUT):
        page.date_edit.setDate(QDate(ON.year, ON.month, ON.day))
    wait_idle(qtbot, window)
    return page


def _input(window: MainWindow) -> ScoringInput:
    return ScoringInput.load(window.ctx.store)


def _bands(page: ScoresPage) -> dict[str, int]:
    return {line.band.name: line.band.households for line in page.band_model.rows}


def _row(model: RuleTableModel, rule_id: str) -> int:
    return next(i for i, r in enumerate(model.rules()) if r.id == rule_id)


def _with_points(rule_id: str, points: int):  # type: ignore[no-untyped-def]
    p = default_profile()
    return dataclasses.replace(p, person_rules=tuple(
        dataclasses.replace(r, points=points) if r.id == rule_id else r for r in p.person_rules))


def _open_editor(page: ScoresPage, qtbot, rule_id: str, field: str):  # type: ignore[no-untyped-def]
    """Open the cell editor of ``rule_id``'s ``field`` the way a double-click does."""
    view, model = page.editor.person_view, page.editor.person_model
    index = model.index(_row(model, rule_id), model.column_of(field))
    view.setCurrentIndex(index)
    view.edit(index)
    qtbot.waitUntil(lambda: isinstance(view.focusWidget(), (QLineEdit, QSpinBox)), timeout=TIMEOUT)
    return view.focusWidget(), index


# --- loading ---------------------------------------------------------------------------------


def test_page_is_listed_and_reads_the_ward_only_when_shown(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "スコア" in titles
    page = scores_page(window)
    assert page._input is None  # the residents page is shown: nothing read yet
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        window.show_page(window.pages.index(page))
    assert page._input is not None and page._result is not None
    assert sum(_bands(page).values()) == 30
    assert page.ranking_model.rowCount() == 30
    assert page.profile_combo.currentText() == "標準プロファイル 第1版（標準・同梱）"
    assert "まだ保存されていません" in page.run_label.text()


def test_bands_and_ranking_are_the_cores(sp: ScoresPage, window: MainWindow) -> None:
    expected = score(_input(window), default_profile(), ON)
    assert _bands(sp) == band_counts(expected)
    headers = [sp.ranking_model.headerData(c, Qt.Orientation.Horizontal) for c in range(9)]
    assert headers == ["順位", "世帯番号", "世帯主", "世帯スコア", "最高個人スコア", "人数", "区分", "町字", "照合レベル"]
    top = sp.ranking_model.rows
    assert [h.household_no for h in top] == [str(expected.input.household_no[i]) for i in expected.order]
    suzuki = next(h for h in top if h.household_no == "0000003")
    # 85 and alone: 75歳以上 3 + 独居で65歳以上 3 + 全員75歳以上 3 + 支え手なし 2
    assert (suzuki.score, suzuki.head_name, suzuki.categories, suzuki.town, suzuki.match) == \
        (11, "鈴木 一郎", "高", "桜台二丁目", "未照合")
    assert [sp.band_model.index(r, 4).data() for r in range(4)] == ["", "", "", ""]  # nothing edited yet


# --- editing ---------------------------------------------------------------------------------


def test_editing_points_changes_bands_and_ranking_immediately(sp: ScoresPage, window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    before = _bands(sp)
    editor, _index = _open_editor(sp, qtbot, "age75", "points")
    assert isinstance(editor, QSpinBox)
    with qtbot.waitSignal(sp.rescored, timeout=TIMEOUT):
        editor.setValue(20)  # committed while the editor is still open
    expected = score(_input(window), _with_points("age75", 20), ON)
    assert _bands(sp) == band_counts(expected) != before
    changes = {line.band.name: line.change for line in sp.band_model.rows}
    assert changes == {name: n - before[name] for name, n in band_counts(expected).items()}
    assert sp.band_model.index(3, 4).data() == f"{changes['最優先']:+,}"
    suzuki = next(h for h in sp.ranking_model.rows if h.household_no == "0000003")
    assert suzuki.score == 11 - 3 + 20
    assert [h.household_no for h in sp.ranking_model.rows] == [str(expected.input.household_no[i])
                                                               for i in expected.order]
    # Edited and not saved: another profile cannot be chosen, scores cannot be saved with it.
    assert sp.modified_label.text() == "（変更あり・未保存）"
    assert not sp.profile_combo.isEnabled() and not sp.calculate_button.isEnabled()
    assert sp.save_version_button.isEnabled() and sp.editor.revert_button.isEnabled()
    with qtbot.waitSignal(sp.rescored, timeout=TIMEOUT):
        sp.editor.revert_button.click()
    assert _bands(sp) == before and sp.calculate_button.isEnabled()


def test_a_syntax_error_names_the_rule_and_disables_saving(sp: ScoresPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    editor, index = _open_editor(sp, qtbot, "age75", "when")
    assert isinstance(editor, QLineEdit) and editor.text() == "年齢 >= 75"
    editor.end(False)
    with qtbot.waitSignal(sp.validated, timeout=TIMEOUT) as signal:
        QTest.keyClicks(editor, " 75")  # typed, not yet confirmed with Enter
    assert signal.args == [False]
    problems = sp.editor.problem_model.rows
    assert len(problems) == 1
    assert problems[0].rule_id == "age75" and problems[0].field == "when"
    assert sp.editor.problem_model.index(0, 0).data() == "個人の規則「age75」"
    assert "余分な「75」" in sp.editor.problem_model.index(0, 1).data()
    assert sp.editor.problems_view.isVisible()
    assert sp.editor.problems_label.text().startswith("1件の誤り")
    model = sp.editor.person_model
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) == PROBLEM_BACKGROUND
    assert "余分な「75」" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(index.row(), model.column_of("points")), Qt.ItemDataRole.BackgroundRole) is None
    assert not sp.save_version_button.isEnabled() and not sp.calculate_button.isEnabled()
    assert sp.save_as_new_version() is None  # refused while there are problems
    assert "誤り" in sp.status_label.text()
    # Deleting what was typed makes it valid again, still without leaving the cell.
    with qtbot.waitSignal(sp.validated, timeout=TIMEOUT) as signal:
        for _ in range(3):
            QTest.keyClick(editor, Qt.Key.Key_Backspace)
    assert signal.args == [True]
    assert sp.editor.problem_model.rowCount() == 0 and not sp.editor.problems_view.isVisible()
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is None
    assert sp.save_version_button.isEnabled()


def test_going_to_a_problem_shows_its_cell(sp: ScoresPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = sp.editor.household_model
    model.setData(model.index(_row(model, "all75"), model.column_of("when")), "全員(年令 >= 75)")
    with qtbot.waitSignal(sp.validated, timeout=TIMEOUT):
        pass
    problem = sp.editor.problem_model.rows[0]
    assert problem.where == "世帯の規則「all75」" and "もしかして「年齢」" in problem.message
    sp.editor._go_to_problem(sp.editor.problem_model.index(0, 0))
    assert sp.editor.tabs.currentWidget() is sp.editor.household_view
    current = sp.editor.household_view.currentIndex()
    assert (current.row(), current.column()) == (_row(model, "all75"), model.column_of("when"))


def test_disabling_a_rule_removes_its_points(sp: ScoresPage, window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    hid = next(h.household_id for h in sp.ranking_model.rows if h.household_no == "0000003")
    assert sp.select_household(hid)
    assert "個人スコア 3: 75歳以上 +3" in sp.breakdown.toPlainText()
    model = sp.editor.person_model
    index = model.index(_row(model, "age75"), model.column_of("enabled"))
    # A click on the checkbox, as the user does it.
    view = sp.editor.person_view
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, view)
    with qtbot.waitSignal(sp.rescored, timeout=TIMEOUT):
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, box.center())
    assert model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.data(model.index(index.row(), 2), Qt.ItemDataRole.ForegroundRole) is not None  # greyed out
    suzuki = next(h for h in sp.ranking_model.rows if h.household_no == "0000003")
    assert suzuki.score == 11 - 3
    text = sp.breakdown.toPlainText()
    assert "個人スコア 0: 該当なし" in text and "世帯スコア 8" in text  # the breakdown follows the edit
    off = dataclasses.replace(default_profile(), person_rules=tuple(
        dataclasses.replace(r, enabled=False) if r.id == "age75" else r for r in default_profile().person_rules))
    assert _bands(sp) == band_counts(score(_input(window), off, ON))


def test_adding_and_removing_a_rule(sp: ScoresPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = sp.editor.household_model
    sp.editor.tabs.setCurrentWidget(sp.editor.household_view)
    n = model.rowCount()
    with qtbot.waitSignal(sp.validated, timeout=TIMEOUT) as signal:
        row = sp.editor.add_rule()
    assert signal.args == [False]  # a new rule has no condition yet
    assert model.rowCount() == n + 1 and sp.editor.tabs.tabText(1) == f"世帯の規則（{n + 1}）"
    assert sp.editor.problem_model.rows[0].rule_id == "rule1"
    editor = sp.editor.household_view.focusWidget()
    assert isinstance(editor, QLineEdit)  # the condition cell is open for typing
    with qtbot.waitSignal(sp.rescored, timeout=TIMEOUT):
        editor.setText("人数 >= 4")
        editor.textEdited.emit("人数 >= 4")
    assert model.rule(row).when == "人数 >= 4"
    sp.editor.household_view.selectRow(row)
    with qtbot.waitSignal(sp.rescored, timeout=TIMEOUT):
        sp.editor.remove_button.click()
    assert model.rowCount() == n and not sp.editor.modified()


def test_changing_the_reference_date_rescores(sp: ScoresPage, window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(sp.rescored, timeout=TIMEOUT):
        sp.date_edit.setDate(QDate(2045, 4, 1))
    assert sp._result is not None and sp._result.on.year == 2045
    assert _bands(sp) == band_counts(score(_input(window), default_profile(), sp._result.on))
    assert sp.wareki_label.text() == "（令和27年4月1日）"


def test_slow_rescoring_moves_to_the_background(sp: ScoresPage, window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scores_module, "LIVE_RESCORE_BUDGET_S", -1.0)
    model = sp.editor.person_model
    model.setData(model.index(_row(model, "age75"), model.column_of("points")), 9)
    with qtbot.waitSignal(sp.rescored, timeout=TIMEOUT):
        pass
    assert sp._rescoring is False
    assert _bands(sp) == band_counts(score(_input(window), _with_points("age75", 9), ON))


# --- saving ----------------------------------------------------------------------------------


def test_save_as_new_version_writes_a_loadable_profile(sp: ScoresPage, profiles_dir: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = sp.editor.person_model
    model.setData(model.index(_row(model, "infant"), model.column_of("points")), 6)
    with qtbot.waitSignal(sp.rescored, timeout=TIMEOUT):
        pass
    dlg = sp.save_as_new_version()
    assert dlg is not None and dlg.isVisible()
    assert dlg.windowTitle() == "新しい版として保存"
    assert dlg.version_label.text() == f"第2版として保存します: {profiles_dir / '標準プロファイル-v2.toml'}"
    dlg.name_edit.setText("")
    assert not dlg.save_button.isEnabled()
    dlg.name_edit.setText("みどり区の設定")
    dlg.description_edit.setText("乳児を重く")
    assert "第1版" in dlg.version_label.text()  # a new name starts again
    dlg.name_edit.setText("標準プロファイル")
    with qtbot.waitSignal(sp.profile_saved, timeout=TIMEOUT) as signal:
        dlg.save_button.click()
    path = signal.args[0]
    assert path == profiles_dir / "標準プロファイル-v2.toml"
    saved = load_profile(path)
    assert saved.version == 2 and saved.description == "乳児を重く"
    assert saved.rule("infant").points == 6  # type: ignore[union-attr]
    assert sp.profile_combo.currentText() == "標準プロファイル 第2版"
    assert [sp.profile_combo.itemText(i) for i in range(sp.profile_combo.count())] == [
        "標準プロファイル 第1版（標準・同梱）", "標準プロファイル 第2版"]
    assert not sp.editor.modified() and sp.calculate_button.isEnabled()
    # Saving again (an edit of version 1 this time) never overwrites: version 3.
    sp.profile_combo.setCurrentIndex(0)
    assert sp.editor.base.version == 1  # type: ignore[union-attr]
    dlg = sp.save_as_new_version()
    assert dlg is not None
    with qtbot.waitSignal(sp.profile_saved, timeout=TIMEOUT) as signal:
        dlg.save_button.click()
    assert signal.args[0].name == "標準プロファイル-v3.toml" and load_profile(signal.args[0]).version == 3


def test_a_broken_saved_profile_is_listed_but_cannot_be_chosen(window: MainWindow, profiles_dir: Path) -> None:
    profiles_dir.mkdir()
    (profiles_dir / "壊れた.toml").write_text("[profile\nname = 1", encoding="utf-8")
    page = scores_page(window)
    page._fill_profiles()
    assert page.profile_combo.itemText(1) == "壊れた.toml（読めません）"
    assert "TOML の書式" in page.profile_combo.itemData(1, Qt.ItemDataRole.ToolTipRole)
    item = page.profile_combo.model().item(1)
    assert not item.isEnabled()


def test_calculate_and_save_creates_a_score_run_the_residents_page_shows(  # type: ignore[no-untyped-def]
        sp: ScoresPage, window: MainWindow, qtbot) -> None:
    residents = residents_page(window)
    with qtbot.waitSignal(residents.loaded, timeout=TIMEOUT):  # the other pages read the store again
        with qtbot.waitSignal(sp.saved, timeout=TIMEOUT) as signal:
            sp.calculate_button.click()
    wait_idle(qtbot, window)
    runs = score_runs(window.ctx.store)
    assert [r.id for r in runs] == [signal.args[0]]
    run = runs[0]
    assert (run.profile_name, run.profile_version, run.reference_date, run.user, run.households) == \
        ("標準プロファイル", 1, ON, window.ctx.user, 30)
    assert run.caption_ja() in sp.run_label.text() and "古い結果" not in sp.run_label.text()
    assert window.statusBar().currentMessage() == f"援護度を保存しました（記録番号 {run.id}）"

    # 住民: every household row has its score and marks, and sorts by score.
    model = residents.model
    assert model.headerData(COLUMNS.index(Column.SCORE), Qt.Orientation.Horizontal) == "世帯スコア"
    assert model.headerData(COLUMNS.index(Column.CATEGORIES), Qt.Orientation.Horizontal) == "区分"
    expected = score(_input(window), default_profile(), ON)
    residents.table.sortByColumn(COLUMNS.index(Column.SCORE), Qt.SortOrder.DescendingOrder)
    nos = [model.index(r, COLUMNS.index(Column.HOUSEHOLD_NO)).data() for r in range(model.rowCount())]
    assert nos == [str(expected.input.household_no[i]) for i in expected.order]
    row = nos.index("0000003")
    assert model.index(row, COLUMNS.index(Column.SCORE)).data() == "11"
    cell = model.index(row, COLUMNS.index(Column.CATEGORIES))
    assert cell.data() == "高" and cell.data(Qt.ItemDataRole.ToolTipRole) == "高齢者"
    assert "第1版" in residents.score_label.text() and "2025-04-01" in residents.score_label.text()
    assert model.headerData(COLUMNS.index(Column.SCORE), Qt.Orientation.Horizontal,
                            Qt.ItemDataRole.ToolTipRole) == run.caption_ja()


def test_category_marks_are_drawn_in_the_palette_colours(sp: ScoresPage, window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    residents = residents_page(window)
    with qtbot.waitSignal(residents.loaded, timeout=TIMEOUT):
        sp.calculate_button.click()
    window.show_page(0)
    view = residents.table
    row = residents.model.view_row_of(
        next(h.household_id for h in sp.ranking_model.rows if h.household_no == "0000002"))
    assert row is not None
    view.scrollTo(residents.model.index(row, 0))
    cell = view.visualRect(residents.model.index(row, COLUMNS.index(Column.CATEGORIES)))
    image = view.viewport().grab(cell).toImage()
    colours = {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())}
    assert QColor(category("乳幼児").fill).name() in colours  # 佐藤 家 has a baby: 乳


def test_calculate_is_refused_while_the_profile_is_edited(sp: ScoresPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = sp.editor.person_model
    model.setData(model.index(0, model.column_of("label")), "75歳以上（編集）")
    with qtbot.waitSignal(sp.validated, timeout=TIMEOUT):
        pass
    assert not sp.calculate_button.isEnabled()
    assert "新しい版として保存" in sp.calculate_button.toolTip()
    sp.calculate_and_save()  # does nothing
    assert score_runs(sp.ctx.store) == []


def test_stale_scores_are_marked(open_window, sample_db: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from wardapp.store.models import ImportRun

    import datetime as dt

    store = open_store(sample_db)
    try:
        save_scores(store, score(store, default_profile(), ON), actor=SYSTEM)
        with store.transaction() as tx:
            later = dt.datetime.now() + dt.timedelta(seconds=1)
            tx.add(ImportRun(kind="welfare", file_name="w.csv", sha256="0" * 64, started_at=later,
                             finished_at=later, counts_json="{}"))
    finally:
        store.close()
    window = open_window(sample_db)
    page = scores_page(window)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        window.show_page(window.pages.index(page))
    assert "古い結果です" in page.run_label.text()
    assert "古い結果です" in residents_page(window).score_label.text()


# --- Japanese --------------------------------------------------------------------------------


def test_page_speaks_japanese(sp: ScoresPage, window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    sp.select_household(sp.ranking_model.rows[0].household_id)
    allowed = (window.ctx.store.location, Path(window.ctx.store.location).name, "wardapp")
    assert english_texts(window, allowed) == []
    texts = _visible_texts(window)
    for expected in ("スコア", "規則を追加(&A)", "新しい版として保存(&V)…", "この設定で計算して保存(&S)", "帯ごとの世帯数",
                     "福祉データの取り込み(&W)…"):
        assert expected in texts, expected


# --- models ----------------------------------------------------------------------------------


def _tester(model) -> QAbstractItemModelTester:  # type: ignore[no-untyped-def]
    return QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)


def test_models_pass_the_model_tester(sample_db: Path, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    store = open_store(sample_db)
    try:
        inp = ScoringInput.load(store)
        from wardapp.scoring import HouseholdLabels, band_rows, top_households

        labels = HouseholdLabels.load(store, inp, actor=SYSTEM)
    finally:
        store.close()
    profile = default_profile()
    result = score(inp, profile, ON)

    rules = RuleTableModel("person")
    qtmodeltester.check(rules)
    tester = _tester(rules)
    rules.set_rules(profile.person_rules)
    qtmodeltester.check(rules)
    rules.setData(rules.index(0, rules.column_of("points")), 7)
    rules.setData(rules.index(1, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    rules.setData(rules.index(2, rules.column_of("category")), "")
    assert rules.rule(0).points == 7 and not rules.rule(1).enabled and rules.rule(2).category is None  # type: ignore[union-attr]
    broken = dataclasses.replace(profile, person_rules=rules.rules()[:1] + (dataclasses.replace(
        rules.rules()[1], when="年齢 >>= 3"),))
    with pytest.raises(ProfileError) as e:
        compile_profile(broken)
    rules.set_problems(e.value.problems)
    assert rules.problem_at(1, "when") is not None
    rules.add_rule(dataclasses.replace(profile.person_rules[0], id="x"))
    rules.remove_rules([0, 3])
    rules.set_problems([])
    qtmodeltester.check(rules)
    del tester

    for model, rows in ((BandModel(), None), (RankingModel(), top_households(result, labels, 10)),
                        (ProblemModel(), None)):
        qtmodeltester.check(model)
        tester = _tester(model)
        if isinstance(model, BandModel):
            from wardapp.ui.models.scores import BandLine

            model.set_rows([BandLine(b, None) for b in band_rows(result)])
        elif isinstance(model, ProblemModel):
            model.set_rows(e.value.problems)
        else:
            model.set_rows(rows)  # type: ignore[arg-type]
        qtmodeltester.check(model)
        model.sort(0, Qt.SortOrder.DescendingOrder)
        model.set_rows([])
        del tester


def test_ranking_selection_shows_the_breakdown(sp: ScoresPage) -> None:
    first = sp.ranking_model.rows[0]
    sp.ranking_view.selectionModel().setCurrentIndex(
        sp.ranking_model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert sp.breakdown.toPlainText() == "\n".join(explain_household(sp._result, first.household_id).lines_ja())  # type: ignore[arg-type]


def test_a_role_that_may_not_edit_profiles_cannot_save_a_version(sp: ScoresPage) -> None:
    """住基担当 may score (scores.run) but not edit the profile: the button is off and says why in
    the core's words; the core refuses anyway (test_security_matrix)."""
    from wardapp.security.access import Actor
    from wardapp.security.roles import Role

    assert sp.save_version_button.isEnabled()
    sp.ctx.actor = Actor("juki", Role.REGISTRY, display_name="住基 太郎")
    sp._update_buttons()
    assert not sp.save_version_button.isEnabled()
    assert sp.save_version_button.toolTip().startswith("住基担当（住基 太郎）には「援護度プロファイルの編集」の権限がありません")
    assert sp.calculate_button.isEnabled()
    # Names beside categories and rule hits would be welfare details: 住基担当 gets none.
    inp = ScoringInput.load(sp.ctx.store)
    registry = scores_module._labels(sp.ctx.store, inp, sp.ctx.actor)
    assert registry is not None and not any(registry.head_name) and len(registry.match) == 30
    labels = scores_module._labels(sp.ctx.store, inp, Actor("bosai", Role.DISASTER))
    assert labels is not None and any(labels.head_name) and list(labels.match) == list(registry.match)  # kept
