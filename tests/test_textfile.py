"""Settings files written by hand: a file saved as Shift_JIS (Notepad's ANSI) or one that cannot be
read is refused with the file's name and what to do, by each loader that reads one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wardapp.errors import ConfigError
from wardapp.geo.mapping import load_layer_mapping
from wardapp.registry.mapping import load_mapping
from wardapp.scoring.profile import load_profile
from wardapp.textfile import read_config_text


def test_utf8_with_or_without_bom_is_read(tmp_path: Path) -> None:
    plain, bom = tmp_path / "a.toml", tmp_path / "b.toml"
    plain.write_text('name = "標準"\n', encoding="utf-8")
    bom.write_text('name = "標準"\n', encoding="utf-8-sig")
    assert read_config_text(plain, "設定") == read_config_text(bom, "設定") == 'name = "標準"\n'


@pytest.mark.parametrize(("load", "what"), [
    (load_mapping, "列対応プロファイル"), (load_layer_mapping, "マッピングファイル"), (load_profile, "プロファイル"),
])
def test_each_loader_names_the_file_and_asks_for_utf8(tmp_path: Path, load: Callable[[Path], Any],
                                                      what: str) -> None:
    path = tmp_path / "設定.toml"
    path.write_bytes('name = "標準プロファイル"\n'.encode("cp932"))
    with pytest.raises(ConfigError) as e:
        load(path)
    assert e.value.file == "設定.toml"
    assert e.value.message_ja.endswith(f"{what}は UTF-8 で保存してください")


def test_a_missing_file_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="読めません") as e:
        read_config_text(tmp_path / "ない.toml", "設定")
    assert e.value.file == "ない.toml"
