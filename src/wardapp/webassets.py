"""The map page's web assets (Leaflet and its plugins): fetched once, pinned, verified.

The map must never reach the network (architecture.md, "Map"), so Leaflet is not loaded from a
CDN: its npm tarball is downloaded at set-up time — by ``bootstrap.py`` on a developer's or
CI's machine, by the installer build for the ward's PCs — and only the files the page uses are
kept under ``resources/web/<name>@<version>/``.  Ward PCs have no Node.js, so this is plain
``urllib`` over HTTPS, not ``npm``.

Two checks make the copy trustworthy, both from ``resources/web-assets.toml`` (the lock):

* the tarball's ``integrity`` as the npm registry publishes it (Subresource-Integrity form,
  ``sha512-<base64>``), checked before anything is extracted;
* the SHA-256 of every kept file, checked after extraction and again by :func:`verify` (and
  so before the map page serves a byte of it).

A missing or altered file is a :class:`WebAssetError` naming the file, in Japanese, so staff can
tell the IT desk what to restore.  Command line::

    python -m wardapp.webassets fetch [--dest DIR]   # download what is missing, verify all
    python -m wardapp.webassets verify [--dest DIR]  # check only; exit 5 on a problem

Headless core: no Qt here.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import os
import shutil
import sys
import tarfile
import tempfile
import tomllib
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from wardapp.errors import WardError

RESOURCES_DIR = Path(__file__).resolve().parents[2] / "resources"
#: The lock: packages, versions, tarball URLs, integrity and the files to keep.
LOCK_FILE = RESOURCES_DIR / "web-assets.toml"
#: Where the verified files live (ignored by git, bundled by the installer).
WEB_DIR = RESOURCES_DIR / "web"
#: npm tarballs of the pinned packages are well under 2 MB; refuse anything absurd.
MAX_TARBALL_BYTES = 50 * 1024 * 1024
#: npm packs every file under this folder in the tarball.
_TAR_ROOT = "package"

Downloader = Callable[[str], bytes]


class WebAssetError(WardError):
    """The map page's pinned web assets are missing, altered, or could not be fetched."""

    exit_code = 5


@dataclass(frozen=True, slots=True)
class AssetFile:
    """One kept file: its path inside the package and its SHA-256 (hex)."""

    path: str
    sha256: str


@dataclass(frozen=True, slots=True)
class Package:
    """One npm package at a pinned version, as the lock describes it."""

    name: str
    version: str
    tarball: str
    integrity: str
    files: tuple[AssetFile, ...]
    license: str = ""

    @property
    def key(self) -> str:
        """``leaflet@1.9.4``: the folder under ``resources/web`` and the URL path prefix."""
        return f"{self.name}@{self.version}"


def _safe_relative(path: str) -> bool:
    p = PurePosixPath(path)
    return bool(path) and not p.is_absolute() and ".." not in p.parts and "\\" not in path and ":" not in path


def load_lock(path: Path = LOCK_FILE) -> list[Package]:
    """Read and check the lock; raises :class:`WebAssetError` naming what is wrong."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise WebAssetError(f"Web 部品の固定ファイル {path} がありません。") from e
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise WebAssetError(f"Web 部品の固定ファイル {path} を読めません。", detail=str(e)) from e
    packages: list[Package] = []
    for i, p in enumerate(raw.get("package", []), start=1):
        where = f"{path.name} の {i} 番目の [[package]]"
        try:
            name, version, tarball, integrity = (str(p[k]) for k in ("name", "version", "tarball", "integrity"))
            files_raw = p["files"]
        except (KeyError, TypeError) as e:
            raise WebAssetError(f"{where} に name・version・tarball・integrity・files のどれかがありません。") from e
        if not tarball.startswith("https://"):
            raise WebAssetError(f"{where}（{name}）: tarball は https:// の URL でなければなりません（{tarball}）。")
        if not integrity.startswith("sha512-"):
            raise WebAssetError(f"{where}（{name}）: integrity は npm の sha512-… の形でなければなりません。")
        files = []
        for rel, digest in dict(files_raw).items():
            if not _safe_relative(rel) or len(str(digest)) != 64:
                raise WebAssetError(f"{where}（{name}）: ファイル「{rel}」の指定が正しくありません。")
            files.append(AssetFile(rel, str(digest).lower()))
        if not files:
            raise WebAssetError(f"{where}（{name}）: 残すファイルが1つもありません。")
        packages.append(Package(name, version, tarball, integrity, tuple(files), str(p.get("license", ""))))
    if not packages:
        raise WebAssetError(f"{path} にパッケージが1つもありません。")
    return packages


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def problems(dest: Path = WEB_DIR, packages: Sequence[Package] | None = None) -> list[str]:
    """Every missing or altered file under ``dest``, as Japanese sentences (empty: all good)."""
    packages = load_lock() if packages is None else packages
    found = []
    for pkg in packages:
        for f in pkg.files:
            path = dest / pkg.key / f.path
            if not path.is_file():
                found.append(f"{pkg.key}/{f.path} がありません")
            elif _sha256(path) != f.sha256:
                found.append(f"{pkg.key}/{f.path} が改変されています（SHA-256 が固定値と一致しません）")
    return found


def verify(dest: Path = WEB_DIR, packages: Sequence[Package] | None = None) -> None:
    """Raise :class:`WebAssetError` unless every locked file is present and unaltered."""
    found = problems(dest, packages)
    if found:
        raise WebAssetError(
            f"地図画面の Web 部品に問題があります: {found[0]}"
            + (f"（ほか{len(found) - 1}件）" if len(found) > 1 else "")
            + "。`python -m wardapp.webassets fetch` で取り直してください。",
            detail="\n".join(found),
        )


def https_download(url: str) -> bytes:
    """GET ``url`` over HTTPS (certificate checked by urllib's default context)."""
    if not url.startswith("https://"):
        raise WebAssetError(f"https 以外からは取得しません: {url}")
    request = urllib.request.Request(url, headers={"User-Agent": "wardapp-webassets"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            data: bytes = response.read(MAX_TARBALL_BYTES + 1)
    except OSError as e:
        raise WebAssetError(f"{url} を取得できませんでした。ネットワーク接続を確認してください。", detail=str(e)) from e
    if len(data) > MAX_TARBALL_BYTES:
        raise WebAssetError(f"{url} が大きすぎます（{MAX_TARBALL_BYTES:,} バイト超）。")
    return data


def integrity_of(data: bytes) -> str:
    """The npm/SRI integrity string of ``data`` (``sha512-<base64>``)."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def _extract(pkg: Package, data: bytes, into: Path) -> None:
    """Write the locked files of ``pkg`` from tarball ``data`` into ``into`` and check them."""
    wanted = {f"{_TAR_ROOT}/{f.path}": f for f in pkg.files}
    written: set[str] = set()
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            for member in tar:
                f = wanted.get(member.name)
                if f is None or not member.isfile():
                    continue
                src = tar.extractfile(member)
                if src is None:
                    continue
                content = src.read()
                if hashlib.sha256(content).hexdigest() != f.sha256:
                    raise WebAssetError(
                        f"{pkg.key}/{f.path} の SHA-256 が固定値と一致しません（改変されたファイルです）。")
                out = into / f.path
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(content)
                written.add(member.name)
    except (tarfile.TarError, EOFError, OSError) as e:
        if isinstance(e, WebAssetError):
            raise
        raise WebAssetError(f"{pkg.key} の tarball を展開できません。", detail=str(e)) from e
    missing = [w.removeprefix(f"{_TAR_ROOT}/") for w in wanted if w not in written]
    if missing:
        raise WebAssetError(f"{pkg.key} の tarball に {missing[0]} がありません。", detail="\n".join(missing))


def fetch(dest: Path = WEB_DIR, packages: Sequence[Package] | None = None, *,
          download: Downloader = https_download, force: bool = False,
          log: Callable[[str], None] | None = None) -> list[str]:
    """Download and install every locked package not already verified under ``dest``.

    Returns the keys of the packages that were (re)installed.  A package is replaced whole:
    its files are extracted into a temporary folder beside ``dest`` and moved into place only
    after every check passed, so a failure never leaves a half-written package behind.
    """
    packages = load_lock() if packages is None else packages
    say = log or (lambda _msg: None)
    dest.mkdir(parents=True, exist_ok=True)
    installed = []
    for pkg in packages:
        if not force and not problems(dest, [pkg]):
            say(f"{pkg.key}: 検証済み（取得不要）")
            continue
        say(f"{pkg.key}: {pkg.tarball} を取得しています")
        data = download(pkg.tarball)
        got = integrity_of(data)
        if got != pkg.integrity:
            raise WebAssetError(
                f"{pkg.key} の tarball の integrity が固定値と一致しません（取得したファイルが改変されています）。",
                detail=f"固定値: {pkg.integrity}\n取得: {got}")
        tmp = Path(tempfile.mkdtemp(prefix=f".{pkg.name}-", dir=dest))
        try:
            _extract(pkg, data, tmp)
            target = dest / pkg.key
            if target.exists():
                shutil.rmtree(target)
            os.replace(tmp, target)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        installed.append(pkg.key)
        say(f"{pkg.key}: {len(pkg.files)} ファイルを検証して保存しました")
    verify(dest, packages)
    return installed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wardapp.webassets",
                                     description="地図画面の Web 部品（Leaflet ほか）の取得と検証")
    parser.add_argument("command", choices=("fetch", "verify"))
    parser.add_argument("--dest", type=Path, default=WEB_DIR, help=f"保存先（既定: {WEB_DIR}）")
    parser.add_argument("--lock", type=Path, default=LOCK_FILE, help="固定ファイル（web-assets.toml）")
    parser.add_argument("--force", action="store_true", help="検証済みでも取り直す")
    args = parser.parse_args(argv)
    try:
        packages = load_lock(args.lock)
        if args.command == "fetch":
            fetch(args.dest, packages, force=args.force, log=print)
        else:
            verify(args.dest, packages)
        print(f"Web 部品は検証済みです: {', '.join(p.key for p in packages)}（{args.dest}）")
    except WebAssetError as e:
        print(str(e), file=sys.stderr)
        return e.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
