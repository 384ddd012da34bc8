"""Where scoring profiles live: the shipped 標準プロファイル and the versions a ward saves.

Staff edit the profile on the スコア page and save each change as a *new version* — a new file,
never an overwrite — because a printed roster names the profile and version its scores were
made with (``ScoreRunInfo.caption_ja``), and that version must still be readable later.  The
saved files go to the per-user data folder (``%LOCALAPPDATA%\\wardapp\\profiles`` on Windows,
next to the database); ``WARDAPP_PROFILES_DIR`` moves it (a shared folder for the whole office,
tests).  Headless: no Qt.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from wardapp.errors import ConfigError
from wardapp.scoring.profile import DEFAULT_PROFILE_PATH, Profile, load_profile, save_profile
from wardapp.security import audit
from wardapp.security.access import Actor, requires

if TYPE_CHECKING:
    from wardapp.store.db import Store

PROFILES_DIR_ENV = "WARDAPP_PROFILES_DIR"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\s]+')


def user_profiles_dir() -> Path:
    """The folder of the ward's own profile versions (not created here)."""
    env = os.environ.get(PROFILES_DIR_ENV)
    if env:
        return Path(env)
    from wardapp.store.db import data_dir

    return data_dir() / "profiles"


@dataclass(frozen=True)
class ProfileFile:
    """A profile file as listed for choosing: its name and version, or why it cannot be read."""

    path: Path
    name: str
    version: int
    builtin: bool = False
    #: The Japanese message when the file does not load (listed, so staff see it is broken).
    error: str | None = None

    @property
    def label_ja(self) -> str:
        if self.error is not None:
            return f"{self.path.name}（読めません）"
        suffix = "（標準・同梱）" if self.builtin else ""
        return f"{self.name} 第{self.version}版{suffix}"


def _entry(path: Path, builtin: bool = False) -> ProfileFile:
    try:
        p = load_profile(path)
    except ConfigError as e:
        return ProfileFile(path, path.stem, 0, builtin, e.message_ja)
    return ProfileFile(path, p.name, p.version, builtin)


def list_profiles(directory: Path | None = None) -> list[ProfileFile]:
    """The shipped default first, then the saved ones by name and newest version first."""
    directory = user_profiles_dir() if directory is None else directory
    saved = [_entry(p) for p in sorted(directory.glob("*.toml"))] if directory.is_dir() else []
    saved.sort(key=lambda f: (f.error is not None, f.name, -f.version, f.path.name))
    return [_entry(DEFAULT_PROFILE_PATH, builtin=True), *saved]


def next_version(name: str, directory: Path | None = None) -> int:
    """One more than the highest version of a profile called ``name`` (shipped or saved)."""
    versions = [f.version for f in list_profiles(directory) if f.error is None and f.name == name]
    return max(versions, default=0) + 1


def file_name(name: str, version: int) -> str:
    """``標準プロファイル-v3.toml``: readable in Explorer, safe on Windows."""
    stem = _UNSAFE.sub("_", unicodedata.normalize("NFKC", name)).strip("._") or "profile"
    return f"{stem[:60]}-v{version}.toml"


@requires("scores.profile_edit")
def save_new_version(profile: Profile, directory: Path | None = None, *, actor: Actor,
                     store: Store) -> tuple[Profile, Path]:
    """Write ``profile`` as the next version of its name into the profiles folder.

    Needs ``scores.profile_edit``.  The change is recorded in ``store``'s audit log
    (``profile.change``: name, version, file, rules); when the entry cannot be written the new
    file is removed again, so no version exists that the log does not know.

    The version is one above every version of that name already there (so saving an edit of an
    older version never collides with a newer one); an existing file is never replaced.
    Raises :class:`~wardapp.scoring.profile.ProfileError` for a profile that does not check
    and :class:`ConfigError` when the folder cannot be written.
    """
    directory = user_profiles_dir() if directory is None else directory
    version = next_version(profile.name, directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ConfigError(str(directory), f"フォルダを作れません: {e.strerror or e}") from None
    path = directory / file_name(profile.name, version)
    n = 2
    while path.exists():
        path = directory / f"{path.stem.split('~')[0]}~{n}.toml"
        n += 1
    with store.engine.begin() as conn:
        saved = save_profile(profile, path, version=version)
        try:
            audit.record(conn, actor, "profile.change", saved.name,
                         counts={"person_rules": len(saved.person_rules),
                                 "household_rules": len(saved.household_rules)},
                         details={"version": saved.version, "file": path.name, "kind": "援護度プロファイル"})
        except BaseException:
            path.unlink(missing_ok=True)
            raise
    return saved, path
