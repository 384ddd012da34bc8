"""The 受付名簿 printed from a stored session (wardapp attendance-sheet)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from outreach_helpers import STAFF

from wardapp.cli import main
from wardapp.demo import ensure_demo
from wardapp.outreach.printing import mask_phone, sign_in_sheet_data
from wardapp.outreach.queries import list_sessions
from wardapp.store import open_store


@pytest.mark.parametrize(("phone", "masked"), [
    ("090-1234-5678", "090-****-5678"),
    ("045-123-4567", "045-***-4567"),
    ("09012345678", "090****5678"),
    ("123", "***"),
    (None, None),
])
def test_mask_phone(phone: str | None, masked: str | None) -> None:
    assert mask_phone(phone) == masked


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ensure_demo(tmp_path_factory.mktemp("demo") / "d.sqlite3", persons=3000).db_path


def test_sheet_lists_those_signed_up_with_masked_phones(demo_db: Path) -> None:
    store = open_store(demo_db)
    try:
        session = next(r for r in list_sessions(store, actor=STAFF) if r.enrolled > 0)
        data = sign_in_sheet_data(store, session.id, actor=STAFF)
    finally:
        store.close()
    assert len(data.participants) == session.enrolled
    assert data.blank_rows >= 4
    assert all(p.phone_masked is None or "*" in p.phone_masked for p in data.participants)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_cli_prints_the_sheet(demo_db: Path, tmp_path: Path) -> None:
    store = open_store(demo_db)
    try:
        session = next(r for r in list_sessions(store, actor=STAFF) if r.enrolled > 0)
        data = sign_in_sheet_data(store, session.id, actor=STAFF)
    finally:
        store.close()
    out = tmp_path / "sheet.pdf"
    assert main(["attendance-sheet", "--session", str(session.id), "--db", str(demo_db), "--out", str(out)]) == 0
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "受付名簿" in text and "取扱注意（個人情報）" in text
    first = data.participants[0].name.replace("\u3000", " ")
    assert first.split()[0] in text


def test_cli_unknown_session_is_a_clear_error(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["attendance-sheet", "--session", "999999", "--db", str(demo_db), "--out", str(tmp_path / "x.pdf")])
    assert code != 0
    assert "エラー" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
