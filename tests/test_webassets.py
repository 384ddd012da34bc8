"""Web assets of the map page: fetch checks the tarball's integrity and every kept file's hash.

No network: each test builds a small npm-style tarball in memory and hands ``fetch`` a
downloader that returns it.  The real lock is checked for shape, and — because CI runs
``bootstrap.py`` which fetches — the installed copy is verified against it.
"""

from __future__ import annotations

import hashlib
import io
import tarfile
from pathlib import Path

import pytest

from wardapp.webassets import (
    LOCK_FILE,
    WEB_DIR,
    AssetFile,
    Package,
    WebAssetError,
    fetch,
    integrity_of,
    load_lock,
    main,
    problems,
    verify,
)

FILES = {"dist/lib.js": b"window.lib = 1;\n", "dist/lib.css": b".lib{color:red}\n", "LICENSE": b"MIT\n"}
URL = "https://registry.example/lib/-/lib-1.0.0.tgz"


def _tarball(files: dict[str, bytes], extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in {**files, **(extra or {})}.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _package(data: bytes, files: dict[str, bytes] = FILES, integrity: str | None = None) -> Package:
    return Package(
        name="lib", version="1.0.0", tarball=URL, integrity=integrity or integrity_of(data),
        files=tuple(AssetFile(k, hashlib.sha256(v).hexdigest()) for k, v in files.items()))


def _downloader(data: bytes, calls: list[str]):  # type: ignore[no-untyped-def]
    def download(url: str) -> bytes:
        calls.append(url)
        return data
    return download


def test_fetch_extracts_only_listed_files_and_verifies(tmp_path: Path) -> None:
    data = _tarball(FILES, extra={"src/huge.js": b"not kept", "package.json": b"{}"})
    pkg = _package(data)
    calls: list[str] = []
    assert fetch(tmp_path, [pkg], download=_downloader(data, calls)) == ["lib@1.0.0"]
    assert calls == [URL]
    kept = sorted(str(p.relative_to(tmp_path / "lib@1.0.0")) for p in (tmp_path / "lib@1.0.0").rglob("*") if p.is_file())
    assert kept == sorted(FILES)
    assert (tmp_path / "lib@1.0.0" / "dist" / "lib.js").read_bytes() == FILES["dist/lib.js"]
    verify(tmp_path, [pkg])
    # Already verified: no second download.
    assert fetch(tmp_path, [pkg], download=_downloader(data, calls)) == []
    assert calls == [URL]
    # No temporary folders left behind.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lib@1.0.0"]


def test_wrong_integrity_is_refused_and_nothing_written(tmp_path: Path) -> None:
    data = _tarball(FILES)
    other = integrity_of(b"something else")
    with pytest.raises(WebAssetError) as e:
        fetch(tmp_path, [_package(data, integrity=other)], download=_downloader(data, []))
    assert "lib@1.0.0" in e.value.message_ja and "integrity" in e.value.message_ja
    assert not (tmp_path / "lib@1.0.0").exists()


def test_tampered_file_inside_a_matching_tarball_is_refused(tmp_path: Path) -> None:
    # The tarball's integrity matches (a lock updated carelessly), but a kept file differs
    # from its pinned SHA-256: extraction must stop and name the file.
    tampered = {**FILES, "dist/lib.js": b"fetch('https://evil.example')\n"}
    data = _tarball(tampered)
    pkg = _package(data, files=FILES)  # hashes of the genuine files
    with pytest.raises(WebAssetError) as e:
        fetch(tmp_path, [pkg], download=_downloader(data, []))
    assert "dist/lib.js" in e.value.message_ja
    assert not (tmp_path / "lib@1.0.0").exists()


def test_file_missing_from_tarball_is_named(tmp_path: Path) -> None:
    data = _tarball({k: v for k, v in FILES.items() if k != "LICENSE"})
    with pytest.raises(WebAssetError) as e:
        fetch(tmp_path, [_package(data)], download=_downloader(data, []))
    assert "LICENSE" in e.value.message_ja


def test_verify_names_altered_and_missing_files(tmp_path: Path) -> None:
    data = _tarball(FILES)
    pkg = _package(data)
    fetch(tmp_path, [pkg], download=_downloader(data, []))
    (tmp_path / "lib@1.0.0" / "dist" / "lib.css").write_bytes(b".lib{color:blue}\n")
    (tmp_path / "lib@1.0.0" / "LICENSE").unlink()
    with pytest.raises(WebAssetError) as e:
        verify(tmp_path, [pkg])
    assert "lib@1.0.0/dist/lib.css" in str(e.value) and "改変" in str(e.value)
    assert "lib@1.0.0/LICENSE" in str(e.value) and "ありません" in str(e.value)
    assert len(problems(tmp_path, [pkg])) == 2
    # fetch repairs it.
    fetch(tmp_path, [pkg], download=_downloader(data, []))
    verify(tmp_path, [pkg])


def test_lock_refuses_plain_http_and_unsafe_paths(tmp_path: Path) -> None:
    lock = tmp_path / "lock.toml"
    base = ('[[package]]\nname = "x"\nversion = "1"\ntarball = "{url}"\nintegrity = "sha512-AA=="\n'
            '[package.files]\n"{path}" = "' + "0" * 64 + '"\n')
    lock.write_text(base.format(url="http://registry.example/x.tgz", path="dist/x.js"), encoding="utf-8")
    with pytest.raises(WebAssetError, match="https"):
        load_lock(lock)
    lock.write_text(base.format(url="https://registry.example/x.tgz", path="../x.js"), encoding="utf-8")
    with pytest.raises(WebAssetError, match=r"\.\./x\.js"):
        load_lock(lock)


def test_cli_verify_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--dest", str(tmp_path)]) == WebAssetError.exit_code
    assert "leaflet@1.9.4/dist/leaflet.js がありません" in capsys.readouterr().err


def test_real_lock_pins_leaflet_and_draw() -> None:
    packages = {p.name: p for p in load_lock(LOCK_FILE)}
    assert packages["leaflet"].version == "1.9.4"
    assert packages["leaflet-draw"].version == "1.0.4"
    for p in packages.values():
        assert p.tarball.startswith("https://registry.npmjs.org/")
        assert p.integrity.startswith("sha512-")


def test_installed_assets_verify() -> None:
    """bootstrap.py fetched them (CI too): what the map page will serve is what the lock pins."""
    verify(WEB_DIR)
