"""Figure: importing a city's MLIT 位置参照情報 街区レベル file into the 住所辞書 (issue 3).

Target: a 30,000-row city file (Shift_JIS CSV in a zip, as MLIT publishes it) ≤ 5 s end to end;
150,000 points in reasonable time.  Also printed: the re-import of the same file (no changes) and
a newer release in which every 7th point moved 15 m.  Each import runs in a fresh interpreter so
that its time includes start-up and imports, and its peak memory is its own.

    .venv/bin/python benchmarks/bench_isj_import.py [--rows 30000 150000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from _common import machine, run_child  # noqa: E402

IMPORT = """
from pathlib import Path
from wardapp.store import open_store
from wardapp.address.dictionary import import_addresses
store = open_store(sys.argv[2])
r = import_addresses(store, [Path(sys.argv[1])])
print('towns', r.towns, 'points', r.points, 'added', r.points_added, 'moved', r.points_moved,
      'unchanged', r.unchanged, 'in-process', round(r.seconds, 2))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, nargs="+", default=[30_000, 150_000])
    args = ap.parse_args()

    from address_samples import generated_isj_city, write_isj_block

    print(f"machine: {machine()}")
    for rows in args.rows:
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            first_zip = write_isj_block(Path(tmp) / "11999-24.0a.zip", generated_isj_city(rows), member="11_2025.csv")
            newer_zip = write_isj_block(Path(tmp) / "11999-25.0a.zip", generated_isj_city(rows, shift_m=15.0),
                                        member="11_2026.csv")
            gen = time.perf_counter() - t
            size = first_zip.stat().st_size / 2**20
            db = Path(tmp) / "bench.sqlite3"
            first, peak1, out1 = run_child(IMPORT, str(first_zip), str(db))
            again, peak2, out2 = run_child(IMPORT, str(first_zip), str(db))
            newer, peak3, out3 = run_child(IMPORT, str(newer_zip), str(db))
        print(f"ISJ 街区 city file: {rows:,} rows, {size:.1f} MiB zipped (generated in {gen:.1f} s)")
        print(f"  first import:   {first:6.2f} s wall, peak {peak1:5.0f} MiB  [{out1.strip()}]")
        print(f"  re-import same: {again:6.2f} s wall, peak {peak2:5.0f} MiB  [{out2.strip()}]")
        print(f"  newer release:  {newer:6.2f} s wall, peak {peak3:5.0f} MiB  [{out3.strip()}]")


if __name__ == "__main__":
    main()
