"""Zip files as official data is published (位置参照情報, A31 浸水想定区域, ABR …).

Japanese Windows tools write member names in CP932 without the zip UTF-8 flag; Python reads
them as CP437, so names are re-decoded here.  Extraction keeps each member's folder structure
inside the destination but refuses names that would escape it.
"""

from __future__ import annotations

import zipfile
import zlib
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


#: What opening a damaged zip or reading a damaged member raises: a bad CRC, truncated or corrupt
#: deflate data, an encrypted member, an unsupported zip version or compression method (found by
#: tests/test_security_fuzz.py).
ZIP_ERRORS = (zipfile.BadZipFile, OSError, RuntimeError, EOFError, zlib.error, NotImplementedError, ValueError)


def open_zip(path: Path, display: str) -> zipfile.ZipFile:
    """``path`` opened as a zip, or :class:`InputRejected` naming ``display``."""
    try:
        return zipfile.ZipFile(path)
    except ZIP_ERRORS as e:
        raise InputRejected(display, [InputProblem(None, None, None, f"zip ファイルとして開けません（{e}）")]) from None


def file_members(zf: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The members that are files (folders and nameless members skipped: ``ZipInfo.is_dir``
    fails on an empty name)."""
    return [i for i in zf.infolist() if i.filename and not i.filename.endswith("/")]


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str) -> bytes:
    """The member's bytes, or :class:`InputRejected` naming ``shown`` (``zip/member``)."""
    try:
        return zf.read(info)
    except ZIP_ERRORS as e:
        raise InputRejected(shown, [InputProblem(None, None, None, f"zip から取り出せません（{e}）")]) from None


def extract_all(path: Path, dest: Path, display: str) -> list[tuple[str, Path]]:
    """Extract every file member of ``path`` under ``dest``; return (member name, extracted path)."""
    zf = open_zip(path, display)
    out: list[tuple[str, Path]] = []
    with zf:
        for info in file_members(zf):
            name = member_name(info)
            parts = PurePosixPath(name.replace("\\", "/")).parts
            if name.startswith("__MACOSX/") or any(p in ("..", "") or p.startswith(".") for p in parts) \
                    or PurePosixPath(name).is_absolute():
                continue
            target = dest.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(read_member(zf, info, f"{display}/{name}"))
            out.append((name, target))
    return out
