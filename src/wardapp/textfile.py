"""Reading a settings file the staff write by hand (列対応プロファイル, レイヤのマッピング, 援護度プロファイル)."""

from __future__ import annotations

from pathlib import Path

from wardapp.errors import ConfigError


def read_config_text(path: Path, what: str) -> str:
    """The text of ``path`` (UTF-8, with or without BOM); otherwise a ConfigError naming the file:
    unreadable, or 「{what}は UTF-8 で保存してください」 (Notepad's ANSI is the usual cause)."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise ConfigError(path.name, f"読めません: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise ConfigError(path.name, f"{what}は UTF-8 で保存してください") from None
