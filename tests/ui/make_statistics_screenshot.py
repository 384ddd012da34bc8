"""Render the 集計 page of the demo ward offscreen, and the report PDF's first pages (not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/make_statistics_screenshot.py /tmp/st docs/screenshots

Builds a 2,000-person demo ward in the work folder (if not there yet), enters invented figures for
H30–R3年度 (the demo ward is 架空), opens the page at 1400×900 on R7年度 and saves
``statistics.png`` (グラフ tab) and ``statistics-summary.png`` (概要 tab, work folder only), then
writes the PDF and saves its first two pages as ``statistics-pdf.png`` (needs pdftoppm).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import shot_tools  # noqa: E402
from shot_tools import save_png  # noqa: E402


def main() -> int:
    args = shot_tools.work_out_args()

    from wardapp.demo import ensure_demo
    from wardapp.outreach import yearly
    from wardapp.security.access import SYSTEM
    from wardapp.store import open_store

    args.work.mkdir(parents=True, exist_ok=True)
    db = args.work / "demo.sqlite3"
    ensure_demo(db, persons=2000)
    store = open_store(db)
    for fy, n in ((2018, 6), (2019, 8), (2020, 7), (2021, 12)):  # invented, like the ward
        yearly.set_past_figure(store, fy, "initiatives", n, actor=SYSTEM)
    yearly.set_past_figure(store, 2021, "attendances", 1480, cumulative=True, actor=SYSTEM)
    yearly.set_past_figure(store, 2021, "interest_rate", 0.91, actor=SYSTEM)

    from wardapp.settings import Settings
    from wardapp.ui.app import create_application
    from wardapp.ui.context import AppContext
    from wardapp.ui.pages.statistics import StatisticsPage
    from wardapp.ui.tasks import TaskManager

    app = create_application(["wardapp"])
    ctx = AppContext(store=store, tasks=TaskManager(), settings=Settings.load(args.work / "config"), demo=True,
                     actor=SYSTEM)
    page = StatisticsPage(ctx)
    page.resize(1400, 900)
    page.show()

    def wait(cond) -> None:  # type: ignore[no-untyped-def]
        shot_tools.wait(cond, seconds=120.0, step_ms=5)

    wait(lambda: page.report is not None and not ctx.tasks.busy)
    page.select_year(2025)
    wait(lambda: page.report is not None and page.report.fiscal_year == 2025 and not ctx.tasks.busy)

    def settle() -> None:
        for _ in range(30):
            app.processEvents()
            time.sleep(0.02)

    args.out.mkdir(parents=True, exist_ok=True)
    page.tabs.setCurrentIndex(1)
    settle()
    path = args.out / "statistics.png"
    save_png(page.grab().toImage(), path)
    print(f"{path}: {path.stat().st_size / 1024:.0f} KiB")
    page.tabs.setCurrentIndex(0)
    settle()
    save_png(page.grab().toImage(), args.work / "statistics-summary.png")
    page.tabs.setCurrentIndex(5)
    settle()
    save_png(page.grab().toImage(), args.work / "statistics-years.png")

    from wardapp.outreach.yearly_export import export_report

    assert page.report is not None
    pdf = export_report(page.report, args.work / "statistics.pdf", exported_by="screenshot")
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), str(args.work / "pdf")],
                   check=True)
    from PIL import Image

    pages = sorted(args.work.glob("pdf-*.png"))
    images = [Image.open(p).convert("RGB") for p in pages]
    w = sum(i.width for i in images) + 10 * (len(images) - 1)
    sheet = Image.new("RGB", (w, max(i.height for i in images)), "white")
    x = 0
    for i in images:
        sheet.paste(i, (x, 0))
        x += i.width + 10
    out = args.out / "statistics-pdf.png"
    sheet.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(out, optimize=True)
    print(f"{out}: {out.stat().st_size / 1024:.0f} KiB")
    ctx.tasks.shutdown()
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
