"""Figure: generating the demo ward (issue: Foundation). Target: 40,000 persons ≤ 15 s.

Includes everything `wardapp demo --no-gui` does: generating the ward, writing its map pack as
official files (ABR, 位置参照情報, e-Stat, A31, shelters, facilities) and importing it through the
address and layer importers, the CP932 extract through the registry importer, the welfare CSV
through the welfare importer, and matching every household's address.

    .venv/bin/python benchmarks/bench_demo.py [--persons 40000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, run_child  # noqa: E402

DEMO = """
from pathlib import Path
from wardapp.demo import ensure_demo
r = ensure_demo(Path(sys.argv[1]), persons=int(sys.argv[2]))
print('persons', r.persons, 'households', r.households, 'towns', r.towns, 'reused', r.reused)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", type=int, default=40_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.sqlite3"
        wall, peak, out = run_child(DEMO, str(db), str(args.persons))
        again, _, out2 = run_child(DEMO, str(db), str(args.persons))
    print(f"machine: {machine()}")
    print(f"demo generation ({args.persons:,} persons): {wall:.2f} s wall (process), peak {peak:.0f} MiB  [{out.strip()}]")
    print(f"demo reopen (already generated):   {again:.2f} s wall  [{out2.strip()}]")


if __name__ == "__main__":
    main()
