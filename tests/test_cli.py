"""The ``wardapp`` command's contract (docs/cli.md): exit codes, ``--json``, messages on stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from data_factory import base_extract, person, write_csv

from wardapp.cli import main

REPORT_KEYS = {"file", "encoding", "profile", "rows", "persons", "households", "added", "changed",
               "removed", "households_added", "households_changed", "households_removed", "movements",
               "unchanged", "skipped_rows", "errors", "warnings", "gaiji", "seconds"}
CONTRACT_KEYS = {"persons", "households", "added", "changed", "removed", "errors"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_json(out: str) -> dict[str, Any]:
    """stdout must hold exactly one JSON object and nothing else."""
    obj, end = json.JSONDecoder().raw_decode(out.strip())
    assert end == len(out.strip()), f"more than one JSON value on stdout: {out!r}"
    assert isinstance(obj, dict)
    return obj


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "住基.csv", base_extract(), encoding="cp932")


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    rows = base_extract()
    rows[1] = {**rows[1], "生年月日": "平成1年1月7日"}
    rows[3] = {**rows[3], "性別": "?"}
    return write_csv(tmp_path / "bad.csv", rows, encoding="cp932")


def test_import_json_success(capsys: pytest.CaptureFixture[str], good: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.sqlite3"
    code, out, err = run(capsys, "import", "registry", str(good), "--db", str(db), "--json")
    assert code == 0, err
    report = one_json(out)
    assert set(report) == REPORT_KEYS
    assert (report["persons"], report["households"]) == (7, 4)
    assert (report["added"], report["changed"], report["removed"]) == (7, 0, 0)
    assert report["errors"] == [] and report["unchanged"] is False
    assert report["movements"]["転入"] == 7
    assert report["file"] == "住基.csv" and report["encoding"] == "cp932"
    assert err == ""

    code, out, _ = run(capsys, "import", "registry", str(good), "--db", str(db), "--json")
    again = one_json(out)
    assert code == 0 and again["unchanged"] is True and again["added"] == 0


def test_import_plain_prints_the_japanese_summary(capsys: pytest.CaptureFixture[str], good: Path,
                                                  tmp_path: Path) -> None:
    code, out, err = run(capsys, "import", "registry", str(good), "--db", str(tmp_path / "w.sqlite3"))
    assert code == 0
    assert "取り込みました" in out and "現在 7人・4世帯" in out
    assert err == ""


def test_db_option_creates_the_database_there(capsys: pytest.CaptureFixture[str], good: Path,
                                              tmp_path: Path) -> None:
    db = tmp_path / "新しい フォルダ" / "区.sqlite3"
    assert not db.parent.exists()
    code, _, _ = run(capsys, "import", "registry", str(good), "--db", str(db), "--json")
    assert code == 0
    assert db.is_file()
    import sqlite3
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT count(*) FROM persons").fetchone()[0] == 7
    finally:
        con.close()


def test_rejected_input_exit_3_with_json_errors(capsys: pytest.CaptureFixture[str], good: Path, bad: Path,
                                                tmp_path: Path) -> None:
    db = tmp_path / "w.sqlite3"
    assert run(capsys, "import", "registry", str(good), "--db", str(db), "--json")[0] == 0
    code, out, err = run(capsys, "import", "registry", str(bad), "--db", str(db), "--json")
    assert code == 3
    obj = one_json(out)
    assert CONTRACT_KEYS <= set(obj)
    assert (obj["persons"], obj["households"]) == (7, 4)  # what the store holds, unchanged
    assert (obj["added"], obj["changed"], obj["removed"]) == (0, 0, 0)
    assert obj["errors"] == [
        {"line": 3, "column": "生年月日", "value": "平成1年1月7日", "message": obj["errors"][0]["message"]},
        {"line": 5, "column": "性別", "value": "?", "message": obj["errors"][1]["message"]},
    ]
    assert "期間外" in obj["errors"][0]["message"]
    assert all(set(e) == {"line", "column", "value", "message"} for e in obj["errors"])
    # the same Japanese message as the GUI, on stderr
    assert err.startswith("エラー: bad.csv を取り込めませんでした（2件の問題）")
    assert "データベースは変更されていません" in err
    assert "3行目" in err and "列「生年月日」" in err and "5行目" in err


def test_rejected_input_on_an_empty_store(capsys: pytest.CaptureFixture[str], bad: Path, tmp_path: Path) -> None:
    code, out, err = run(capsys, "import", "registry", str(bad), "--db", str(tmp_path / "w.sqlite3"), "--json")
    assert code == 3
    obj = one_json(out)
    assert (obj["persons"], obj["households"], obj["added"]) == (0, 0, 0)
    assert len(obj["errors"]) == 2


def test_rejected_without_json_prints_nothing_on_stdout(capsys: pytest.CaptureFixture[str], bad: Path,
                                                        tmp_path: Path) -> None:
    code, out, err = run(capsys, "import", "registry", str(bad), "--db", str(tmp_path / "w.sqlite3"))
    assert code == 3 and out == "" and "エラー:" in err


def test_lenient_imports_the_rest_and_lists_errors(capsys: pytest.CaptureFixture[str], bad: Path,
                                                   tmp_path: Path) -> None:
    code, out, _ = run(capsys, "import", "registry", str(bad), "--db", str(tmp_path / "w.sqlite3"),
                       "--lenient", "--json")
    assert code == 0
    obj = one_json(out)
    assert obj["persons"] == 5 and obj["skipped_rows"] == 2
    assert [(e["line"], e["column"]) for e in obj["errors"]] == [(3, "生年月日"), (5, "性別")]


def test_missing_input_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "import", "registry", str(tmp_path / "ない.csv"), "--db",
                         str(tmp_path / "w.sqlite3"), "--json")
    assert code == 3
    assert one_json(out)["errors"][0]["message"].startswith("ファイルを読めません")
    assert "ない.csv" in err


@pytest.mark.parametrize("profile", [
    "[columns\n",                       # broken TOML
    '[columns]\n"氏名X" = "氏"\n',       # unknown canonical column
    '[source]\nencoding = "latin-1"\n',  # unusable encoding
])
def test_broken_mapping_profile_exit_3(capsys: pytest.CaptureFixture[str], good: Path, tmp_path: Path,
                                       profile: str) -> None:
    prof = tmp_path / "当区.toml"
    prof.write_text(profile, encoding="utf-8")
    code, out, err = run(capsys, "import", "registry", str(good), "--db", str(tmp_path / "w.sqlite3"),
                         "--mapping", str(prof), "--json")
    assert code == 3
    obj = one_json(out)
    assert (obj["persons"], obj["added"]) == (0, 0)
    assert len(obj["errors"]) == 1 and obj["errors"][0]["message"].startswith("当区.toml: ")
    assert err.startswith("エラー: 当区.toml: ")


def test_mapping_profile_header_missing(capsys: pytest.CaptureFixture[str], good: Path, tmp_path: Path) -> None:
    prof = tmp_path / "p.toml"
    prof.write_text('[columns]\n"宛名番号" = "宛名ｺｰﾄﾞ"\n', encoding="utf-8")
    code, out, _ = run(capsys, "import", "registry", str(good), "--db", str(tmp_path / "w.sqlite3"),
                       "--mapping", str(prof), "--json")
    assert code == 3
    assert [(e["line"], e["column"], e["value"]) for e in one_json(out)["errors"]] == [(1, "宛名番号", "宛名ｺｰﾄﾞ")]


@pytest.mark.parametrize("args", [
    ["import", "registry"],                                   # missing FILE
    ["import", "registry", "x.csv", "--no-such-option"],      # unknown option
    ["import"],                                               # missing WHAT
    ["import", "frobnicate", "x.csv"],                        # unknown WHAT
    ["frobnicate"],                                           # unknown command
    ["demo", "--persons", "many"],                            # not a number
])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(args)
    assert e.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and "usage:" in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert capsys.readouterr().out.startswith("wardapp ")


def _module(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "wardapp", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def test_entry_point_as_a_real_process(good: Path, tmp_path: Path) -> None:
    db = tmp_path / "sub" / "w.sqlite3"
    r = _module("import", "registry", str(good), "--db", str(db), "--json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    obj = one_json(r.stdout)
    assert (obj["persons"], obj["households"]) == (7, 4)
    assert db.is_file()

    bad = write_csv(tmp_path / "bad.csv", [person(1, 1, sex="?")])
    r = _module("import", "registry", str(bad), "--db", str(db), "--json", cwd=tmp_path)
    assert r.returncode == 3
    obj = one_json(r.stdout)
    assert obj["persons"] == 7 and [(e["line"], e["column"]) for e in obj["errors"]] == [(2, "性別")]
    assert "エラー: bad.csv を取り込めませんでした" in r.stderr

    r = _module("import", "registry", "--bogus", cwd=tmp_path)
    assert r.returncode == 2 and r.stdout == ""
