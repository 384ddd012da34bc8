"""Render the README screenshots offscreen from a generated demo ward (not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/make_screenshots.py OUT_DIR [--scale 1.5]

Builds the 架空 demo ward in a temporary folder (``wardapp.demo.ensure_demo``), saves one score
run with the standard profile (as ``wardapp score`` does), opens the main window at 1400×900, and
saves ``residents.png`` (window, with 世帯スコア and 区分), ``household.png`` (detail panel),
``scores.png`` (the スコア page with one rule edited, its bands and a breakdown),
``import-report.png`` (a re-import with changes, movements and a 外字) and
``import-rejected.png`` (a file refused with every problem listed).  With ``--scale`` the same
window is drawn at that device-pixel ratio, to check legibility at 125–150 % display scaling.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from shot_tools import screenshot_args, settle, wait  # noqa: E402 — run as a script from tests/ui
from wardapp.security import SYSTEM


def _modified_extract(src: Path, dst: Path) -> None:
    """The demo extract a month later: some moved out, some moved, a birth, a 外字 name."""
    with src.open(encoding="cp932", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    col = {h: i for i, h in enumerate(header)}
    kept = body[12:]  # the first twelve persons moved away without a 消除 row
    for r in kept[:5]:  # 転居 within the ward
        r[col["住所"]] = r[col["住所"]].replace("番", "番の2", 1) if "番" in r[col["住所"]] else r[col["住所"]] + "の2"
    head = kept[20]
    baby = list(head)
    baby[col["宛名番号"]] = "0999999991"
    baby[col["氏名"]] = head[col["氏名"]].split("　")[0] + "　\ue000太"
    baby[col["氏名カナ"]] = head[col["氏名カナ"]].split("　")[0] + "　ケンタ"
    baby[col["生年月日"]] = "2025/03/01"
    baby[col["続柄"]] = "子"
    baby[col["異動事由"]] = "出生"
    baby[col["異動日"]] = "2025/03/01"
    kept.insert(21, baby)
    with dst.open("w", encoding="cp932", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows([header, *kept])


def _bad_extract(src: Path, dst: Path) -> None:
    with src.open(encoding="cp932", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:40]
    col = {h: i for i, h in enumerate(header)}
    body[3][col["生年月日"]] = "1970/13/45"
    body[7][col["性別"]] = "不明"
    body[11][col["氏名"]] = ""
    body[15][col["生年月日"]] = "昭和99年1月1日"
    body[22][col["続柄"]] = ""
    body[30][col["宛名番号"]] = body[29][col["宛名番号"]]
    with dst.open("w", encoding="cp932", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows([header, *body])


def main() -> int:
    args = screenshot_args()

    from PySide6.QtCore import QDate, Qt
    from PySide6.QtWidgets import QApplication

    from wardapp.demo import ensure_demo
    from wardapp.scoring import default_profile, save_scores, score
    from wardapp.store import open_store
    from wardapp.settings import Settings
    from wardapp.ui.app import build_main_window, create_application
    from wardapp.ui.import_dialog import ImportRequest
    from wardapp.ui.pages.residents import ResidentsPage
    from wardapp.ui.pages.scores import ScoresPage

    tmp = Path(tempfile.mkdtemp(prefix="wardapp-shots-"))
    demo = ensure_demo(tmp / "demo.sqlite3", persons=args.persons, seed=1)
    on = dt.date(2025, 4, 1)
    os.environ["WARDAPP_PROFILES_DIR"] = str(tmp / "profiles")
    store = open_store(demo.db_path)
    try:
        save_scores(store, score(store, default_profile(), on), user="demo", actor=SYSTEM)
    finally:
        store.close()
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.scale == 1.0 else f"-{int(args.scale * 100)}"

    app = create_application([sys.argv[0]])

    window = build_main_window(demo.db_path, demo=True, settings=Settings.load(tmp / "config"))
    # Scaled: a 1920×1080 screen at 150 % is 1280×720 logical pixels, minus the taskbar.
    size = (1400, 900) if args.scale == 1.0 else (round(1920 / args.scale), round(1040 / args.scale))
    window.resize(*size)
    window.show()
    page = next(p for p in window.pages if isinstance(p, ResidentsPage))
    wait(lambda: page.model.residents is not None and not window.ctx.tasks.busy)
    page.date_edit.setDate(QDate(on.year, on.month, on.day))
    # Most in need first (世帯スコア, as the saved run ranked them), and the largest household
    # on the first screen, to show the detail panel.
    from wardapp.residents import COLUMNS, Column

    page.table.sortByColumn(COLUMNS.index(Column.SCORE), Qt.SortOrder.DescendingOrder)
    r = page.model.residents
    assert r is not None
    top = max(page.model.rows[:11].tolist(), key=lambda i: (int(r.members[i]), -i))
    page.select_household(int(r.household_id[top]))
    wait(lambda: page.members_model.rowCount() >= 1 and not window.ctx.tasks.busy)
    settle()
    window.grab().save(str(args.out / f"residents{suffix}.png"), "PNG", 0)
    page.detail.grab().save(str(args.out / f"household{suffix}.png"), "PNG", 0)
    if args.scale != 1.0:
        return 0

    # スコア: 医療的ケア raised from 5 to 8 points — the bands show the change at once.
    scores = next(p for p in window.pages if isinstance(p, ScoresPage))
    window.show_page(window.pages.index(scores))
    wait(lambda: scores._input is not None and not window.ctx.tasks.busy)
    scores.date_edit.setDate(QDate(on.year, on.month, on.day))
    rules = scores.editor.person_model
    row = next(i for i, r in enumerate(rules.rules()) if r.id == "medical_care")
    rules.setData(rules.index(row, rules.column_of("points")), 8)
    scores.validate_now()
    scores.editor.person_view.selectRow(row)
    scores.editor.person_view.scrollTo(rules.index(row, 0))
    scores.select_household(scores.ranking_model.rows[0].household_id)
    settle()
    window.grab().save(str(args.out / "scores.png"), "PNG", 0)
    window.show_page(0)

    modified = tmp / "registry-2025-04.csv"
    _modified_extract(demo.registry_csv, modified)
    window.import_flow.run(ImportRequest(modified, None, False))
    wait(lambda: window.import_flow.report_dialog is not None and window.import_flow.report_dialog.isVisible())
    dlg = window.import_flow.report_dialog
    if dlg.tables.get("gaiji") is not None:
        dlg.tabs.setCurrentWidget(dlg.tables["gaiji"])
    settle()
    dlg.grab().save(str(args.out / "import-report.png"), "PNG", 0)
    dlg.close()

    bad = tmp / "registry-broken.csv"
    _bad_extract(demo.registry_csv, bad)
    window.import_flow.report_dialog = None
    window.import_flow.run(ImportRequest(bad, None, False))
    wait(lambda: window.import_flow.report_dialog is not None and window.import_flow.report_dialog.isVisible())
    settle()
    window.import_flow.report_dialog.grab().save(str(args.out / "import-rejected.png"), "PNG", 0)
    window.import_flow.report_dialog.close()
    window.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
