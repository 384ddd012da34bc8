"""Figure: importing a 400,000-person CP932 registry extract (issue: Foundation).

Target: ≤ 20 s wall on a 2-core machine, peak memory ≤ 2 GB; also printed: the ratio to a
bare ``pandas.read_csv`` of the same file, and the re-import of the same file (no changes).
Each import runs in a fresh interpreter so its peak memory is its own.

    .venv/bin/python benchmarks/bench_registry_import.py [--persons 400000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, run_child  # noqa: E402

IMPORT = """
from pathlib import Path
from wardapp.store import open_store
from wardapp.registry.importer import import_registry
store = open_store(sys.argv[2])
r = import_registry(store, Path(sys.argv[1]))
print('persons', r.persons, 'households', r.households, 'added', r.added, 'unchanged', r.unchanged)
"""

READ_CSV = """
import pandas as pd
df = pd.read_csv(sys.argv[1], encoding='cp932', dtype=str, keep_default_na=False)
print('rows', len(df))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", type=int, default=400_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    from wardapp.demo import generate_ward, write_registry_csv

    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "registry.csv"
        t = time.perf_counter()
        write_registry_csv(generate_ward(args.seed, args.persons), csv)
        gen = time.perf_counter() - t
        size = csv.stat().st_size / 2**20
        db = Path(tmp) / "bench.sqlite3"
        first, peak1, out1 = run_child(IMPORT, str(csv), str(db))
        again, peak2, out2 = run_child(IMPORT, str(csv), str(db))
        bare, peak_pd, _ = run_child(READ_CSV, str(csv))
    print(f"machine: {machine()}")
    print(f"extract: {args.persons:,} persons, {size:.1f} MiB CP932 (generated in {gen:.1f} s)")
    print(f"first import:   {first:6.2f} s wall, peak {peak1:6.0f} MiB  [{out1.strip()}]")
    print(f"re-import same: {again:6.2f} s wall, peak {peak2:6.0f} MiB  [{out2.strip()}]")
    print(f"pandas.read_csv:{bare:6.2f} s wall, peak {peak_pd:6.0f} MiB")
    print(f"ratio import / read_csv: {first / bare:.1f}x")


if __name__ == "__main__":
    main()
