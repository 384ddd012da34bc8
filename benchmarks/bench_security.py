"""Figures: what security costs (issue 9).

On the demo ward (``--persons``, default 40,000; generated into a temporary folder):

- sign-in: one argon2id check at the production cost;
- audit log: entries per second written one transaction each, the cost of one entry inside
  another transaction, and :func:`verify` over ``--entries`` entries;
- backup of the store (plain and encrypted), and a backup taken while another thread commits;
- restore of that backup (checks included);
- SQLCipher: the registry import of the demo extract into a fresh store and loading the
  residents table, plain versus encrypted.

    .venv/bin/python benchmarks/bench_security.py [--persons 40000] [--entries 100000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, median_seconds  # noqa: E402
from wardapp.security import SYSTEM  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=40_000)
    ap.add_argument("--entries", type=int, default=100_000)
    args = ap.parse_args()

    from wardapp.demo import ensure_demo
    from wardapp.registry.importer import import_registry
    from wardapp.residents import load_residents
    from wardapp.security import audit, backup, encryption, users
    from wardapp.security.access import Actor
    from wardapp.security.roles import Role
    from wardapp.store import open_store
    from wardapp.store.models import Town

    print(machine())
    tmp = Path(tempfile.mkdtemp(prefix="wardapp-bench-security-"))
    demo = ensure_demo(tmp / "demo.sqlite3", persons=args.persons, seed=1)
    store = open_store(demo.db_path)

    admin = users.create_admin(store, "kanri", "admin-pass-1")
    t = median_seconds(lambda: users.authenticate(store, "kanri", "admin-pass-1"), 5)
    print(f"sign-in (argon2id m=64MiB t=3 p=4): {t * 1000:.0f} ms")

    actor = Actor("suzuki", Role.DISASTER, 2)
    n = 2000
    t0 = time.perf_counter()
    for i in range(n):
        audit.record_view(store, actor, f"{i:07d}", persons=2)
    dt_ = time.perf_counter() - t0
    print(f"audit entries, one transaction each: {n / dt_:,.0f}/s ({dt_ / n * 1000:.2f} ms each)")

    with store.engine.begin() as conn:
        t0 = time.perf_counter()
        for i in range(n):
            audit.record(conn, actor, "view", f"{i:07d}", counts={"persons": 2})
        dt_ = time.perf_counter() - t0
    print(f"audit entry inside another transaction: {dt_ / n * 1000:.3f} ms each")

    rest = args.entries - audit.verify(store).entries
    with store.engine.begin() as conn:
        for i in range(max(rest, 0)):
            audit.record(conn, actor, "view", f"{i:07d}", counts={"persons": 2})
    t0 = time.perf_counter()
    rep = audit.verify(store)
    print(f"verify {rep.entries:,} entries: {time.perf_counter() - t0:.2f} s (ok={rep.ok})")

    size = demo.db_path.stat().st_size / 1e6
    t0 = time.perf_counter()
    info = backup.backup(store, tmp / "b" / "plain.sqlite3")
    print(f"backup ({size:.0f} MB store, plain): {time.perf_counter() - t0:.2f} s, {info.bytes / 1e6:.0f} MB")

    stop = threading.Event()
    writes = [0]

    def writer() -> None:
        i = 0
        while not stop.is_set():
            with store.transaction() as s:
                s.add(Town(code=f"BENCH{i}", name="x", oaza="x"))
            i += 1
            writes[0] = i

    th = threading.Thread(target=writer)
    th.start()
    t0 = time.perf_counter()
    backup.backup(store, tmp / "b" / "busy.sqlite3")
    dt_ = time.perf_counter() - t0
    stop.set()
    th.join()
    print(f"backup while another thread commits: {dt_:.2f} s ({writes[0]} commits meanwhile)")
    store.close()

    t0 = time.perf_counter()
    backup.restore(demo.db_path, info.path)
    print(f"restore (copy, integrity_check, replace, .bak kept): {time.perf_counter() - t0:.2f} s")

    key = encryption.new_data_key()
    for label, k in (("plain", None), ("encrypted", key)):
        db = tmp / f"{label}.sqlite3"
        s = open_store(db, key=k)
        t0 = time.perf_counter()
        import_registry(s, Path(demo.registry_csv), actor=SYSTEM)
        imp = time.perf_counter() - t0
        t = median_seconds(lambda: load_residents(s, actor=SYSTEM), 3)  # noqa: B023
        t0 = time.perf_counter()
        b = backup.backup(s, tmp / "b" / f"{label}-reg.sqlite3")
        bk = time.perf_counter() - t0
        s.close()
        print(f"{label:9s}: registry import {imp:.2f} s, residents load {t:.2f} s, backup {bk:.2f} s "
              f"({b.bytes / 1e6:.0f} MB)")
    _ = admin


if __name__ == "__main__":
    main()
