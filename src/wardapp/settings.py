"""Settings, declared once with types and defaults: user preferences apart from window state.

Two kinds of remembered things behave differently and live in two files in the per-user
config directory (``%LOCALAPPDATA%\\wardapp`` on Windows, ``~/.config/wardapp`` on Linux):

* ``preferences.json`` — choices a user makes on purpose (font size, folders).  Kept across
  versions and upgraded when a name or meaning changes (:data:`UPGRADES`).
* ``window-state.json`` — what the window looked like when it closed (geometry, splitter and
  header layouts, last page).  Disposable: deleting it restores the default layout, and a bad
  or old one is simply ignored.

Nothing here is global: the app loads one :class:`Settings` and hands it to the window, and a
test passes its own ``config_dir``.  The ``WARDAPP_CONFIG_DIR`` environment variable moves the
directory (portable installs, tests of the launcher).  Reading never fails: unknown keys are
dropped, values of the wrong type fall back to their default, a corrupt file is set aside as
``*.bad`` and defaults are used.
"""

from __future__ import annotations

import dataclasses
import json
import os
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import platformdirs

if TYPE_CHECKING:
    from wardapp.site import SiteConfig

APP_NAME = "wardapp"
PREFERENCES_FILE = "preferences.json"
WINDOW_STATE_FILE = "window-state.json"


@dataclass
class Preferences:
    """What the user chose.  Add a field here (with a default) to add a preference."""

    #: Base font size in points.  11 pt rather than the platform's 9 pt: many staff and most
    #: participants of the outreach classes are older, and the UI must stay legible at 125–150 %
    #: display scaling without clipping (layouts size to the font, never to fixed pixels).
    font_point_size: float = 11.0
    #: Folder last used for registry CSV files and for mapping profiles (TOML).
    import_dir: str = ""
    mapping_dir: str = ""
    #: Last mapping profile chosen in the import dialog ("" = the built-in column names).
    mapping_file: str = ""
    #: Last roster layout chosen on the 名簿 page: a layout file (TOML, docs/rosters.md); "" = the
    #: shipped default of the document kind.
    roster_layout_file: str = ""
    #: Minutes without input after which the window locks and asks for the password again
    #: (0 = never; wardapp.security.session).
    idle_lock_minutes: int = 15
    #: Automatic backups (wardapp.security.backup.rotating_backup), taken by the GUI at start and
    #: at exit: the folder ("" = ``backups`` beside the database) and how many of them to keep
    #: (0 = no automatic backups).  Set on the 管理 page.
    backup_dir: str = ""
    backup_count: int = 7
    #: The ward's base-map tile pack for the map page: an ``.mbtiles`` file or a folder of
    #: z/x/y tiles ("" = the layers on a plain background).  Read locally: never a download.
    map_tiles_path: str = ""
    #: An online tile URL (``https://…/{z}/{x}/{y}.png``) the map may fetch from.  Empty — the
    #: default — means the map never leaves the machine; a ward sets it only where its network
    #: policy and the tile provider's terms allow, with the attribution those terms require.
    map_online_tiles_url: str = ""
    map_online_tiles_attribution: str = ""


@dataclass
class WindowState:
    """How the window looked.  Qt's opaque state blobs are stored base64-encoded."""

    geometry: str = ""
    state: str = ""
    residents_splitter: str = ""
    residents_header: str = ""
    map_splitter: str = ""
    #: Key of the page shown last (``residents``, later ``map`` …).
    page: str = "residents"


#: Version of the preferences layout; bump it and add an upgrade when a field is renamed.
PREFERENCES_VERSION = 1
#: ``UPGRADES[n]`` turns a version-n preferences dict into version n+1 (Picard's config_upgrade).
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}

T = TypeVar("T")


def config_dir() -> Path:
    env = os.environ.get("WARDAPP_CONFIG_DIR")
    if env:
        return Path(env)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False, roaming=False))


def _accepts(tp: Any, value: Any) -> bool:
    """Whether ``value`` (decoded JSON) fits the declared field type ``tp``."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return any(_accepts(a, value) for a in typing.get_args(tp))
    if tp is type(None):
        return value is None
    if tp is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if origin is list:
        (item,) = typing.get_args(tp) or (Any,)
        return isinstance(value, list) and all(item is Any or _accepts(item, v) for v in value)
    if origin is dict:
        return isinstance(value, dict)
    return isinstance(value, tp)


def _from_dict(cls: type[T], data: dict[str, Any]) -> T:
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data and _accepts(hints[f.name], data[f.name]):
            value = data[f.name]
            kwargs[f.name] = float(value) if hints[f.name] is float else value
    return cls(**kwargs)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        try:
            path.replace(path.with_suffix(path.suffix + ".bad"))
        except OSError:
            pass
        return {}
    return data if isinstance(data, dict) else {}


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)  # atomic: a crash never leaves half a file


@dataclass
class Settings:
    """Preferences plus window state, and where they are kept."""

    directory: Path
    preferences: Preferences = field(default_factory=Preferences)
    window: WindowState = field(default_factory=WindowState)
    #: The defaults under the user's choices: :class:`Preferences` with the installer's site
    #: configuration (:mod:`wardapp.site`) applied.
    defaults: Preferences = field(default_factory=Preferences)
    #: Preference names the user's file set: kept in the file even when equal to a default.
    explicit: frozenset[str] = frozenset()

    @classmethod
    def load(cls, directory: Path | None = None, *, site: SiteConfig | None = None) -> Settings:
        """Read the user's files over the site's defaults (``site`` None: the installed one,
        or the built-in defaults when that file is bad — the start of the app reports it)."""
        from wardapp.site import site_config_or_default

        directory = directory if directory is not None else config_dir()
        site = site if site is not None else site_config_or_default()
        raw = _read_json(directory / PREFERENCES_FILE)
        version = raw.pop("version", PREFERENCES_VERSION)
        if not isinstance(version, int):
            version = PREFERENCES_VERSION
        while version < PREFERENCES_VERSION:
            raw = UPGRADES[version](raw)
            version += 1
        defaults = _from_dict(Preferences, site.preference_defaults())
        prefs = _from_dict(Preferences, {**dataclasses.asdict(defaults), **raw})
        hints = typing.get_type_hints(Preferences)
        explicit = frozenset(k for k, v in raw.items() if k in hints and _accepts(hints[k], v))
        return cls(
            directory=directory,
            preferences=prefs,
            window=_from_dict(WindowState, _read_json(directory / WINDOW_STATE_FILE)),
            defaults=defaults,
            explicit=explicit,
        )

    def save(self) -> None:
        """Write both files.  Raises OSError when the folder is not writable.

        Only what the user set is written (what differs from the defaults, or was in the file):
        a preference left at the site's default follows the installer's next configuration.
        """
        base = dataclasses.asdict(self.defaults)
        chosen = {k: v for k, v in dataclasses.asdict(self.preferences).items() if k in self.explicit or v != base[k]}
        prefs = {"version": PREFERENCES_VERSION, **chosen}
        _write_json(self.directory / PREFERENCES_FILE, prefs)
        _write_json(self.directory / WINDOW_STATE_FILE, dataclasses.asdict(self.window))

    def reset_window_state(self) -> None:
        self.window = WindowState()
        try:
            (self.directory / WINDOW_STATE_FILE).unlink()
        except FileNotFoundError:
            pass
