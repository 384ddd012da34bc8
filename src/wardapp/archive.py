"""Zip files as official data is published (位置参照情報, A31 浸水想定区域, ABR …).

Japanese Windows tools write member names in CP932 without the zip UTF-8 flag; Python reads
them as CP437, so names are re-decoded here.  Extraction keeps each member's folder structure
inside the destination but refuses names that would escape it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from wardapp.errors import InputProblem, InputRejected


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author wrote it (CP932 names without the UTF-8 flag decoded)."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("cp932")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def extract_all(path: Path, dest: Path, display: str) -> list[tuple[str, Path]]:
    """Extract every file member of ``path`` under ``dest``; return (member name, extracted path)."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise InputRejected(display, [InputProblem(None, None, None, f"zip ファイルとして開けません（{e}）")]) from None
    out: list[tuple[str, Path]] = []
    with zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            name = member_name(info)
            parts = PurePosixPath(name.replace("\\", "/")).parts
            if name.startswith("__MACOSX/") or any(p in ("..", "") or p.startswith(".") for p in parts) \
                    or PurePosixPath(name).is_absolute():
                continue
            target = dest.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                target.write_bytes(zf.read(info))
            except (zipfile.BadZipFile, OSError, RuntimeError) as e:
                raise InputRejected(f"{display}/{name}", [InputProblem(None, None, None,
                    f"zip から取り出せません（{e}）")]) from None
            out.append((name, target))
    return out
