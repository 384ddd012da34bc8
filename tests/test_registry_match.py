"""A registry update re-joins the households to the 住所辞書 (import_registry_and_match, the CLI default)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from core_helpers import add_towns
from data_factory import TODAY, TOWNS, base_extract, write_csv

from wardapp.cli import main
from wardapp.registry.importer import import_registry_and_match
from wardapp.security import SYSTEM
from wardapp.store import Store
from wardapp.store.models import AddressPoint, Household


def _dictionary(store: Store) -> None:
    ids = add_towns(store, TOWNS)
    with store.transaction() as s:
        s.add_all([
            AddressPoint(town_id=ids[("みどり", 2)], level="residence", block="3", residence="4",
                         lat=35.44, lon=139.60, source="test", dataset="abr-residence"),
            AddressPoint(town_id=ids[("桜台", 1)], level="block", block="2", lat=35.45, lon=139.61,
                         source="test", dataset="abr-block"),
        ])


def _levels(store: Store) -> dict[str, tuple[str | None, str | None]]:
    with store.session() as s:
        return {h.household_no: (h.match_status, h.match_level) for h in s.query(Household)}


def test_import_then_match_when_a_dictionary_exists(store: Store, tmp_path: Path) -> None:
    _dictionary(store)
    report = import_registry_and_match(store, write_csv(tmp_path / "r.csv", base_extract()), today=TODAY, actor=SYSTEM)
    assert report.match is not None and report.match["households"] == 4
    assert report.match["levels"]["residence"] == 1 and report.match["levels"]["block"] == 1
    assert "住所の照合" in report.summary_ja()
    got = _levels(store)
    assert got["8000001"] == ("matched", "residence") and got["8000002"] == ("matched", "block")
    # The same file again changes nothing, so matching is not run again.
    again = import_registry_and_match(store, tmp_path / "r.csv", today=TODAY, actor=SYSTEM)
    assert again.unchanged and again.match is None and _levels(store) == got


def test_no_dictionary_no_matching(store: Store, tmp_path: Path) -> None:
    report = import_registry_and_match(store, write_csv(tmp_path / "r.csv", base_extract()), today=TODAY, actor=SYSTEM)
    assert report.match is None
    assert set(_levels(store).values()) == {(None, None)}


@pytest.mark.parametrize("no_match", [False, True])
def test_cli_matches_unless_told_not_to(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       no_match: bool) -> None:
    from wardapp.store import open_store

    store = open_store(db_path)
    _dictionary(store)
    store.close()
    # Birth dates in base_extract are all before the real today, so the CLI's own "today" is fine.
    args = ["import", "registry", str(write_csv(tmp_path / "r.csv", base_extract())), "--db", str(db_path), "--json"]
    assert main(args + (["--no-match"] if no_match else [])) == 0
    out = json.loads(capsys.readouterr().out)
    assert ("match" in out) is (not no_match)
    if not no_match:
        assert out["match"]["levels"]["residence"] == 1
