"""The audit log: atomic with the work it records, hash-chained, tampering found and named."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from security_helpers import fast_argon2  # noqa: F401 — fixture
from sqlalchemy import func, select

from wardapp.cli import main
from wardapp.errors import PermissionDenied, UsageError
from wardapp.security import audit, users
from wardapp.security.access import SYSTEM, Actor
from wardapp.security.roles import Role
from wardapp.store import Store, Town, open_store
from wardapp.store.models import AuditEntry

pytestmark = pytest.mark.usefixtures("fast_argon2")

DISASTER = Actor(user="suzuki", role=Role.DISASTER, user_id=7)


def fill(store: Store, n: int = 8) -> None:
    for i in range(1, n + 1):
        audit.record_view(store, DISASTER, f"800{i:04d}", persons=i)


def sql(db: Path, statement: str, *params: object) -> None:
    con = sqlite3.connect(db)
    try:
        con.execute(statement, params)
        con.commit()
    finally:
        con.close()


def problems(store: Store) -> list[tuple[int, str]]:
    return [(p.seq, p.kind) for p in audit.verify(store).problems]


# ---------------------------------------------------------------------------------- writing


def test_entries_chain_from_genesis(store: Store, db_path: Path) -> None:
    fill(store, 3)
    with store.session() as s:
        rows = s.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all()
    assert [r.seq for r in rows] == [1, 2, 3]
    assert rows[0].prev_hash == audit.GENESIS and rows[1].prev_hash == rows[0].hash
    assert (rows[2].user, rows[2].role, rows[2].action, rows[2].object_) == ("suzuki", "disaster", "view", "8000003")
    assert json.loads(rows[2].counts_json) == {"persons": 3}
    assert audit.read_head(db_path) == (3, rows[2].hash)
    report = audit.verify(store)
    assert report.ok and report.entries == 3 and report.head_checked


def test_an_entry_commits_with_the_work_it_records(store: Store, db_path: Path) -> None:
    with store.transaction() as s:
        s.add(Town(code="T1", name="桜台一丁目", oaza="桜台", chome=1))
        audit.record(s, DISASTER, "profile.change", "援護度プロファイル", details={"version": 2})
    assert audit.read_head(db_path) is not None and audit.read_head(db_path)[0] == 1  # type: ignore[index]
    with pytest.raises(RuntimeError):
        with store.transaction() as s:
            s.add(Town(code="T2", name="桜台二丁目", oaza="桜台", chome=2))
            audit.record(s, DISASTER, "profile.change", "援護度プロファイル", details={"version": 3})
            raise RuntimeError("the work failed")
    with store.engine.begin() as conn:  # a Connection inside a Core transaction works alike
        audit.record(conn, SYSTEM, "import.registry", "住基.csv", counts={"persons": 7})
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Town)) == 1
        assert s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)).all() == [
            "profile.change", "import.registry"]
    assert audit.read_head(db_path) is not None and audit.read_head(db_path)[0] == 2  # type: ignore[index]
    assert audit.verify(store).ok


def test_system_entries_name_the_operating_system_user(store: Store) -> None:
    audit.record(store, SYSTEM, "backup", "b.sqlite3")
    with store.session() as s:
        e = s.scalars(select(AuditEntry)).one()
    assert (e.user, e.role) == ("system", "system")
    assert json.loads(e.details_json).get("os_user") == SYSTEM.os_user


def test_prints_and_exports_need_a_reason(store: Store) -> None:
    with pytest.raises(UsageError, match="理由"):
        audit.record_output(store, DISASTER, kind="print", document="避難行動要支援者名簿", area="桜台一丁目",
                            mode="一覧", reason="  ", persons=12)
    seq = audit.record_output(store, DISASTER, kind="export", document="避難行動要支援者名簿", area="桜台一丁目",
                              mode="CSV", reason="防災訓練（自治会へ提供）", persons=12, households=5, file="名簿.csv")
    with store.session() as s:
        e = s.get(AuditEntry, seq)
        assert e is not None
        assert json.loads(e.counts_json) == {"persons": 12, "households": 5}
        assert json.loads(e.details_json) == {"document": "避難行動要支援者名簿", "area": "桜台一丁目", "mode": "CSV",
                                              "reason": "防災訓練（自治会へ提供）", "file": "名簿.csv"}


# ---------------------------------------------------------------------------------- tampering


def test_an_edited_field_is_named(store: Store, db_path: Path) -> None:
    fill(store)
    sql(db_path, "UPDATE audit_log SET object = '8009999' WHERE seq = 3")
    assert problems(store) == [(3, "edited")]
    report = audit.verify(store)
    assert report.first_bad == 3 and "記録 3" in report.summary_ja()


@pytest.mark.parametrize("column", ["at", "user", "role", "action", "counts_json", "details_json"])
def test_any_column_edit_is_found(store: Store, db_path: Path, column: str) -> None:
    fill(store)
    sql(db_path, f"UPDATE audit_log SET {column} = {column} || ' ' WHERE seq = 5")
    assert problems(store) == [(5, "edited")]


def test_an_edit_with_a_recomputed_hash_breaks_the_chain(store: Store, db_path: Path) -> None:
    fill(store)
    with store.session() as s:
        e = s.get(AuditEntry, 4)
        assert e is not None
        new = audit.entry_hash(e.prev_hash, 4, e.at, "someone", e.role, e.action, e.object_, e.counts_json,
                               e.details_json)
    sql(db_path, "UPDATE audit_log SET user = 'someone', hash = ? WHERE seq = 4", new)
    assert problems(store) == [(4, "chain")]


def test_a_deleted_entry_is_named(store: Store, db_path: Path) -> None:
    fill(store)
    sql(db_path, "DELETE FROM audit_log WHERE seq = 4")
    assert problems(store) == [(4, "missing")]
    sql(db_path, "DELETE FROM audit_log WHERE seq IN (6, 7)")
    assert problems(store) == [(4, "missing"), (6, "missing")]
    assert "記録 6〜7 が削除" in audit.verify(store).summary_ja()


def test_deleted_last_entries_are_found_through_the_head_file(store: Store, db_path: Path) -> None:
    fill(store)
    sql(db_path, "DELETE FROM audit_log WHERE seq >= 7")
    assert problems(store) == [(7, "tail")]
    assert "7〜8" in audit.verify(store).summary_ja()


def test_without_the_head_file_the_report_says_what_it_cannot_check(store: Store, db_path: Path) -> None:
    fill(store)
    Path(str(db_path) + audit.HEAD_SUFFIX).unlink()
    report = audit.verify(store)
    assert report.ok and report.head_checked is False and "末尾" in report.summary_ja()


def test_two_swapped_entries_are_named_as_reordered(store: Store, db_path: Path) -> None:
    fill(store)
    sql(db_path, "UPDATE audit_log SET seq = -1 WHERE seq = 3")
    sql(db_path, "UPDATE audit_log SET seq = 3 WHERE seq = 5")
    sql(db_path, "UPDATE audit_log SET seq = 5 WHERE seq = -1")
    assert problems(store) == [(3, "reordered"), (5, "reordered")]
    text = audit.verify(store).summary_ja()
    assert "この位置の記録は本来、記録 5 です" in text and "本来、記録 3 です" in text


def test_a_replaced_head_entry_is_found(store: Store, db_path: Path) -> None:
    """The newest entry rewritten with a consistent hash: only the head file can tell."""
    fill(store, 3)
    with store.session() as s:
        e = s.get(AuditEntry, 3)
        assert e is not None
        new = audit.entry_hash(e.prev_hash, 3, e.at, e.user, e.role, "view", "8009999", e.counts_json, e.details_json)
    sql(db_path, "UPDATE audit_log SET object = '8009999', hash = ? WHERE seq = 3", new)
    assert problems(store) == [(3, "head")]


def test_cli_verify_exit_status_and_json(store: Store, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(store)
    assert main(["audit", "verify", "--db", str(db_path)]) == 0
    assert "正常" in capsys.readouterr().out
    sql(db_path, "DELETE FROM audit_log WHERE seq = 2")
    assert main(["audit", "verify", "--db", str(db_path), "--json"]) == 6
    out = json.loads(capsys.readouterr().out)
    assert (out["ok"], out["first_bad"], out["problems"][0]["kind"]) == (False, 2, "missing")


# ---------------------------------------------------------------------------------- reading


def test_filter_and_export_neutralise_cells(store: Store, tmp_path: Path) -> None:
    admin = users.create_admin(store, "kanri", "admin-pass-1")
    fill(store, 3)
    audit.record_output(store, DISASTER, kind="print", document='=HYPERLINK("http://example.invalid","x")',
                        area="桜台", mode="一覧", reason="訓練", persons=4)
    got = audit.entries(store, admin, audit.AuditFilter(user="suzuki", action="view", object_contains="0002"))
    assert [(e.seq, e.object, e.counts) for e in got] == [(4, "8000002", {"persons": 2})]
    assert [e.action for e in audit.entries(store, admin, audit.AuditFilter(action="login"))] == ["login"]
    out = tmp_path / "log.csv"
    n = audit.export_csv(store, admin, out, audit.AuditFilter(user="suzuki"))
    assert n == 4
    rows = list(csv.reader(out.open(encoding="utf-8-sig", newline="")))
    assert rows[0] == list(audit.EXPORT_HEADER)
    assert rows[-1][5] == "'" + '=HYPERLINK("http://example.invalid","x")'
    with pytest.raises(PermissionDenied):
        audit.entries(store, DISASTER)
    last = audit.entries(store, admin)[-1]
    assert (last.action, last.object, last.counts) == ("audit.export", "log.csv", {"entries": 4})
    assert audit.verify(store).ok


def test_dates_filter_by_local_day(store: Store) -> None:
    admin = users.create_admin(store, "kanri", "admin-pass-1")
    fill(store, 2)
    import datetime as dt

    today = dt.date.today()
    assert len(audit.entries(store, admin, audit.AuditFilter(since=today, until=today))) >= 2
    assert audit.entries(store, admin, audit.AuditFilter(until=today - dt.timedelta(days=1))) == []


def test_entries_survive_reopening(db_path: Path) -> None:
    s = open_store(db_path)
    fill(s, 2)
    s.close()
    s = open_store(db_path)
    try:
        fill(s, 1)
        assert audit.verify(s).ok and audit.verify(s).entries == 3
    finally:
        s.close()


def test_every_recorded_action_has_a_japanese_name() -> None:
    """The 管理 page names actions in Japanese: an action recorded anywhere in wardapp without a name
    in ACTION_NAMES_JA would show as a bare key."""
    import re

    import wardapp
    from wardapp.security.audit import ACTION_NAMES_JA

    src = Path(wardapp.__file__).parent
    found = set()
    for f in src.rglob("*.py"):
        for m in re.finditer(r"(?:audit\.)?record\(\s*\w+,\s*\w+,\s*\"([a-z_.]+)\"", f.read_text(encoding="utf-8")):
            found.add(m.group(1))
    found |= {"view", "print", "export", "session.unlock"}  # written through record_view/record_output/_authenticate
    assert len(found) > 25
    assert sorted(found - ACTION_NAMES_JA.keys()) == []
