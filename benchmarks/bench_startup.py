"""Figure: cold start to a usable main window (issue: Foundation). Target ≤ 3 s.

"Usable" = a fresh interpreter has imported the app, opened the store, built and shown the
main window, and the residents page has loaded its households into the table (the
``loaded`` signal) — i.e. the user can filter.  Measured from before the interpreter starts
(process spawn) to that moment, on the 40,000-person demo ward, offscreen.

    .venv/bin/python benchmarks/bench_startup.py [--persons 40000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import machine  # noqa: E402

CHILD = r"""
import sys
from PySide6.QtCore import QTimer
from wardapp.ui.app import build_main_window, create_application
from wardapp.settings import Settings
app = create_application([])
w = build_main_window(sys.argv[1], demo=True, settings=Settings.load())
page = w.pages[0]
def done():
    print("USABLE", page.model.rowCount(), flush=True)
    app.quit()
page.loaded.connect(lambda: QTimer.singleShot(0, done))
w.show()
app.exec()
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", type=int, default=40_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    from wardapp.demo import ensure_demo

    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.sqlite3"
        ensure_demo(db, persons=args.persons)
        env["WARDAPP_CONFIG_DIR"] = tmp
        times, rows = [], ""
        for _ in range(args.repeat):
            t = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", CHILD, str(db)],
                                 env=env, capture_output=True, text=True, check=True)
            times.append(time.perf_counter() - t)
            rows = out.stdout.strip()
    print(f"machine: {machine()}")
    print(f"cold start to usable window ({args.persons:,}-person demo, offscreen): "
          f"median {statistics.median(times):.2f} s, min {min(times):.2f} s, max {max(times):.2f} s "
          f"over {args.repeat} runs  [{rows}]")


if __name__ == "__main__":
    main()
