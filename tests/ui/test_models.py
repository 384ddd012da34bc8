"""Every custom item model runs under Qt's QAbstractItemModelTester, through its changes."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QTableView
from sample_ward import ON

from wardapp.errors import InputProblem
from wardapp.residents import COLUMNS, Column, Member, load_residents
from wardapp.security import SYSTEM
from wardapp.store import open_store
from wardapp.ui.models.households import HouseholdIdRole, HouseholdTableModel
from wardapp.ui.models.members import MemberTableModel
from wardapp.ui.models.records import gaiji_model, problem_model


@pytest.fixture
def residents(sample_db):  # type: ignore[no-untyped-def]
    store = open_store(sample_db)
    try:
        yield load_residents(store, ON, actor=SYSTEM)
    finally:
        store.close()


def _tester(model) -> QAbstractItemModelTester:  # type: ignore[no-untyped-def]
    """Stays attached while the test changes the model; in Warning mode every "FAIL!" it logs
    fails the test through pytest-qt (see test_the_tester_does_report_a_broken_model)."""
    return QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)


def test_household_model(residents, qtmodeltester, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = HouseholdTableModel()
    qtmodeltester.check(model)  # empty
    tester = _tester(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)

    model.set_data(residents)
    assert model.rowCount() == 30 and model.columnCount() == len(COLUMNS)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "世帯番号"
    assert model.index(0, 0).data(HouseholdIdRole) == model.household_id(0)

    # Select a household, then sort: a layout change that must move the persistent indexes.
    target = model.household_id(5)
    view.selectionModel().setCurrentIndex(
        model.index(5, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    for c in range(len(COLUMNS)):
        for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
            model.sort(c, order)
            assert model.household_id(view.currentIndex().row()) == target
    model.set_rows(residents.filter(text="さとう"))
    assert model.rowCount() == 1
    model.set_rows(residents.filter(text="存在しない"))
    assert model.rowCount() == 0
    model.sort(0, Qt.SortOrder.DescendingOrder)
    model.set_data(None)
    assert model.rowCount() == 0
    qtmodeltester.check(model)
    del tester


def test_household_model_with_scores(sample_db, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from wardapp.scoring import default_profile, save_scores, score

    store = open_store(sample_db)
    try:
        save_scores(store, score(store, default_profile(), ON), actor=SYSTEM)
        scored = load_residents(store, ON, actor=SYSTEM)
    finally:
        store.close()
    model = HouseholdTableModel()
    tester = _tester(model)
    model.set_data(scored)
    qtmodeltester.check(model)
    for column in (Column.SCORE, Column.CATEGORIES):
        model.sort(COLUMNS.index(column), Qt.SortOrder.DescendingOrder)
    assert model.index(0, COLUMNS.index(Column.CATEGORIES)).data(Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(COLUMNS.index(Column.SCORE), Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) \
        .startswith("援護度: プロファイル「標準プロファイル」第1版")
    qtmodeltester.check(model)
    del tester


def test_household_model_cells(residents) -> None:  # type: ignore[no-untyped-def]
    model = HouseholdTableModel()
    model.set_data(residents, residents.filter(text="やまだ"))
    row = [model.index(0, c).data() for c in range(len(COLUMNS))]
    # 太郎 turns 75 on 4月2日; no score run yet: 世帯スコア and 区分 are empty.
    assert row == ["0000001", "山田 太郎", "ヤマダ タロウ", "桜台一丁目1番1号", "", "桜台一丁目", "2", "74", "2", "", ""]
    numeric = COLUMNS.index(Column.MEMBERS)
    assert model.index(0, numeric).data(Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignRight)
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None


def _member(name: str, head: bool) -> Member:
    birth = dt.date(1960, 4, 1)
    return Member(person_id=1, person_no="P1", name=name, kana="カナ", birth_date=birth,  # type: ignore[arg-type]
                  birth_wareki="昭和35年4月1日", age=65, sex="女", relationship="世帯主" if head else "子",
                  building="", resident_kind="日本人", is_head=head)


def test_member_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = MemberTableModel()
    qtmodeltester.check(model)
    tester = _tester(model)
    model.set_members([_member("甲", True), _member("乙", False)])
    assert model.rowCount() == 2
    assert model.index(0, 2).data() == "1960/04/01" and model.index(0, 3).data() == "昭和35年4月1日"
    # the head in bold, the others not; the age right-aligned; no tooltip repeating a cell
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, 0).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(0, 4).data(Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignRight)
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) is None
    assert [m.name for m in model.members] == ["甲", "乙"]
    model.set_members([])
    qtmodeltester.check(model)
    del tester


def test_record_models(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    problems = problem_model([InputProblem(3, "性別", "X", "性別は 男/女 または 1/2 で指定してください"),
                              {"line": None, "column": None, "value": None, "message": "行がありません"}])
    qtmodeltester.check(problems)
    assert problems.rowCount() == 2
    assert [problems.index(0, c).data() for c in range(4)] == ["3", "性別", "X", "性別は 男/女 または 1/2 で指定してください"]
    assert [problems.index(1, c).data() for c in range(4)] == ["", "", "", "行がありません"]
    assert problems.as_text().splitlines()[0] == "行\t列\t値\t内容"
    gaiji = gaiji_model([{"line": 4, "column": "氏名", "codepoint": "U+E000", "value": "見本\ue000"}])
    qtmodeltester.check(gaiji)
    assert [gaiji.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == ["行", "列", "文字コード", "値"]


def test_the_tester_does_report_a_broken_model(qtlog) -> None:  # type: ignore[no-untyped-def]
    """Guard for the tests above: a table model that claims every cell has children is caught.

    pytest-qt fails a test when a ``qt.modeltest`` warning is logged; here the warnings are
    expected, so they are checked and then dropped from the capture.
    """
    from PySide6.QtCore import QAbstractTableModel, QModelIndex

    class Broken(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 — wrong on purpose
            return 3  # also for valid parents: a table that claims to be a tree

        def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
            return 2

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
            return "x" if role == Qt.ItemDataRole.DisplayRole else None

    tester = _tester(Broken())
    fails = [r for r in qtlog.records if r.context is not None and r.context.category == "qt.modeltest"]
    assert fails and all("FAIL" in r.message for r in fails)
    qtlog._records.clear()  # (no public way to drop expected messages)
    del tester
