"""地図パック manifest.toml: what is wrong in [[imports]] and [[layers]] is reported for each entry,
all at once, before anything is imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from wardapp.errors import ConfigError
from wardapp.mappack import MANIFEST_FORMAT, load_manifest


def test_entries_that_are_not_tables_or_have_unknown_keys_are_named(tmp_path: Path) -> None:
    path = tmp_path / "manifest.toml"
    path.write_text(f"""
format = {MANIFEST_FORMAT}
name = "見本区"
imports = ["addresses.zip", {{ importer = "addresses", files = ["a.zip"], colour = "red" }}]
layers = [{{ file = "flood.geojson", kind = "flood", size = 3 }}, 7]
""", encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_manifest(path)
    text = str(e.value)
    assert "[[imports]] 1件目: 表ではありません" in text
    assert "[[imports]] 2件目: 知らないキーがあります: colour" in text
    assert "[[layers]] 1件目: 知らないキーがあります: size" in text
    assert "[[layers]] 2件目: 表ではありません" in text
    assert "何も取り込んでいません" in text
