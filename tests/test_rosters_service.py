"""make_roster (issue 6): permissions, the disaster-mode reason, the audit log, cancel, the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from roster_ward import ON, build_roster_ward, town_id
from sqlalchemy import func, select

from wardapp.cli import main
from wardapp.errors import Cancelled, PermissionDenied, UsageError
from wardapp.geo.selection import FloodArea, TownsArea, save_selection
from wardapp.progress import Progress
from wardapp.rosters.service import make_roster, prepare_roster, town_ids
from wardapp.security import audit
from wardapp.security.access import SYSTEM, Actor
from wardapp.security.roles import Role
from wardapp.store import Store
from wardapp.store.models import AuditEntry


@pytest.fixture
def ward(tmp_path: Path) -> Iterator[Store]:
    s = build_roster_ward(tmp_path / "ward.sqlite3")
    yield s
    s.close()


def log(store: Store) -> list[AuditEntry]:
    with store.session() as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


def n_log(store: Store) -> int:
    with store.session() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


DISASTER = Actor(user="bousai", role=Role.DISASTER, display_name="防災 太郎")


def test_print_is_recorded_with_document_area_mode_reason_and_counts(ward: Store, tmp_path: Path) -> None:
    area = TownsArea((town_id(ward, "見本町一丁目"),))
    r = make_roster(ward, area, actor=DISASTER, out=tmp_path / "r.pdf", kind="check", mode="disaster",
                    reason="台風 避難指示 発令中", on=ON)
    e = log(ward)[-1]
    assert e.seq == r.audit_seq and e.action == "print" and e.object_ == "安否確認チェックリスト"
    assert (e.user, e.role) == ("bousai", "disaster")
    assert json.loads(e.counts_json) == {"persons": 36, "households": 15, "left_out_persons": 0,
                                         "left_out_households": 0, "pages": r.pages}
    d = json.loads(e.details_json)
    assert d["document"] == "安否確認チェックリスト" and d["kind"] == "check" and d["format"] == "pdf"
    assert d["mode"] == "disaster" and d["reason"] == "台風 避難指示 発令中"
    assert d["area"] == "町字: 見本町一丁目" and d["file"] == "r.pdf" and d["reference_date"] == ON.isoformat()
    assert audit.verify(ward).ok
    assert r.user == "防災 太郎" and f"記録 {r.audit_seq}、防災 太郎" in r.summary_ja()


def test_normal_mode_records_who_was_left_out(ward: Store, tmp_path: Path) -> None:
    make_roster(ward, TownsArea((town_id(ward, "見本町一丁目"),)), actor=DISASTER, out=tmp_path / "r.csv", on=ON)
    e = log(ward)[-1]
    assert e.action == "export"
    assert json.loads(e.counts_json)["left_out_persons"] == 30
    d = json.loads(e.details_json)
    assert d["mode"] == "normal" and d["reason"] is None and d["format"] == "csv"
    assert d["left_out"] == {"不同意": 1, "未回答": 1, "名簿に未登録": 28}


def test_disaster_mode_without_reason_is_refused_before_anything_is_written(ward: Store, tmp_path: Path) -> None:
    before = n_log(ward)
    out = tmp_path / "r.pdf"
    with pytest.raises(UsageError, match="理由"):
        make_roster(ward, FloodArea(0.5), actor=DISASTER, out=out, mode="disaster", reason=" ", on=ON)
    assert not out.exists() and n_log(ward) == before


@pytest.mark.parametrize(("role", "suffix"), [(Role.VIEWER, ".pdf"), (Role.OUTREACH, ".xlsx"), (Role.REGISTRY, ".csv"),
                                              (Role.ADMIN, ".pdf")])
def test_roles_without_the_permission_are_refused(ward: Store, tmp_path: Path, role: Role, suffix: str) -> None:
    before = n_log(ward)
    out = tmp_path / f"r{suffix}"
    with pytest.raises(PermissionDenied, match="名簿の"):
        make_roster(ward, FloodArea(0.5), actor=Actor(user="x", role=role), out=out, on=ON)
    assert not out.exists() and n_log(ward) == before


def test_cancel_writes_nothing_and_logs_nothing(ward: Store, tmp_path: Path) -> None:
    before = n_log(ward)
    progress = Progress(lambda done, total, label: progress.cancel() if done == 3 else None)
    out = tmp_path / "r.pdf"
    with pytest.raises(Cancelled):
        make_roster(ward, FloodArea(0.5), actor=SYSTEM, out=out, on=ON, progress=progress)
    assert not out.exists() and n_log(ward) == before
    assert not list(tmp_path.glob(".*tmp*"))


def test_saved_selection_and_preview(ward: Store, tmp_path: Path) -> None:
    save_selection(ward, "川沿い", FloodArea(0.5), user="test", actor=SYSTEM)
    preview = prepare_roster(ward, "川沿い", mode="disaster", on=ON)
    r = make_roster(ward, "川沿い", actor=SYSTEM, out=tmp_path / "r.pdf", mode="disaster", reason="訓練", on=ON)
    assert (r.persons, r.households) == (preview.persons, len(preview.households))
    assert r.area == "浸水想定区域 0.5 m以上"


def test_bad_requests(ward: Store, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=".pdf"):
        make_roster(ward, FloodArea(0.5), actor=SYSTEM, out=tmp_path / "r.docx", on=ON)
    with pytest.raises(UsageError, match="roster"):
        make_roster(ward, FloodArea(0.5), actor=SYSTEM, out=tmp_path / "r.pdf", kind="poster", on=ON)
    with pytest.raises(UsageError, match="世帯がありません"):
        make_roster(ward, FloodArea(50.0), actor=SYSTEM, out=tmp_path / "r.pdf", on=ON)
    with pytest.raises(UsageError, match="候補: 見本町一丁目、見本町二丁目"):
        town_ids(ward, ["見本町"])
    assert town_ids(ward, ["見本町 一丁目"]) == (town_id(ward, "見本町一丁目"),)


# --- the CLI --------------------------------------------------------------------------------------------------


def test_cli_writes_a_roster_and_prints_json(ward: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.pdf"
    rc = main(["roster", "--db", ward.location, "--town", "見本町一丁目", "見本町二丁目", "--kind", "by-town",
               "--mode", "disaster", "--reason", "訓練", "--date", "2026-04-01", "--out", str(out), "--json"])
    assert rc == 0
    got = json.loads(capsys.readouterr().out)
    assert got["path"] == str(out) and got["sections"] == ["見本町一丁目", "見本町二丁目"]
    assert got["mode"] == "disaster" and got["reason"] == "訓練" and got["user"].startswith("システム")
    assert out.exists() and log(ward)[-1].user == "system"


@pytest.mark.parametrize(("args", "message"), [
    (["--town", "見本町一丁目", "--mode", "disaster"], "理由"),
    (["--town", "見本町"], "見つかりません"),
    (["--min-score", "5"], None),            # no area given: argparse refuses
])
def test_cli_refusals(ward: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                      message: str | None) -> None:
    argv = ["roster", "--db", ward.location, "--out", str(tmp_path / "r.pdf"), *args]
    if message is None:
        with pytest.raises(SystemExit):
            main(argv)
        return
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_cli_signs_in_once_the_store_has_users(ward: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from wardapp.security import users

    admin = users.create_admin(ward, "kanri", "kanri-pass-2026")
    users.add_user(ward, admin, "etsuran", Role.VIEWER, "etsuran-pass-2026")
    users.add_user(ward, admin, "bousai", Role.DISASTER, "bousai-pass-2026")
    argv = ["roster", "--db", ward.location, "--flood-depth", "0.5", "--out", str(tmp_path / "r.pdf")]
    monkeypatch.setenv("WARDAPP_USER", "etsuran")
    monkeypatch.setenv("WARDAPP_PASSWORD", "etsuran-pass-2026")
    assert main(argv) == 5
    assert "名簿の印刷" in capsys.readouterr().err
    monkeypatch.setenv("WARDAPP_PASSWORD", "bousai-pass-2026")
    assert main([*argv, "--as", "bousai"]) == 0
    assert log(ward)[-1].user == "bousai" and log(ward)[-1].action == "print"


def test_cli_area_file_to_cp932_csv_reports_gaiji(ward: Store, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from roster_ward import LAT0, LON0, STEP

    area = tmp_path / "area.geojson"
    ring = [[LON0, LAT0], [LON0 + STEP, LAT0], [LON0 + STEP, LAT0 + STEP], [LON0, LAT0 + STEP], [LON0, LAT0]]
    area.write_text(json.dumps({"type": "Feature", "properties": {},
                                "geometry": {"type": "Polygon", "coordinates": [ring]}}), encoding="utf-8")
    out = tmp_path / "r.csv"
    rc = main(["roster", "--db", ward.location, "--area", str(area), "--mode", "disaster", "--reason", "訓練",
               "--date", "R8.4.1", "--encoding", "cp932", "--out", str(out)])
    assert rc == 0
    text = capsys.readouterr().out
    assert "範囲: 多角形" in text and "U+20BB7（「〓」に置き換え）" in text and "U+E000（外字のまま出力）" in text
    assert out.read_bytes().decode("cp932").count("\r\n") == 1 + 34          # header + town 0's located persons
