"""Typed stores over QSettings: what the user chose, and what the app remembers.

Two stores, as in ReText: ``Preferences`` holds choices the user makes on
purpose (language, theme, font, which entity types are shown, the BERT
recognizer); ``Cache`` holds what the app remembers for convenience (window
geometry, recent files, where each article was left). Both read and write one
``QSettings`` they are given: the QSettings itself is created in the app's
``main()`` by ``open_settings`` (an INI file under ``tmp_path`` in tests, or
``--settings FILE``), never at import.

Every default lives in ``PREFERENCE_DEFAULTS`` / ``CACHE_LIMITS`` below. Reads
are type-safe: an INI file gives back strings ("16", "true"), a hand-edited or
older file may hold anything, so each value is converted and falls back to
its default when it cannot be.

    >>> import tempfile, pathlib
    >>> folder = tempfile.TemporaryDirectory()
    >>> prefs = Preferences(open_settings(str(pathlib.Path(folder.name) / "reader.ini")))
    >>> prefs.theme
    'system'
    >>> prefs.theme = "dark"
    >>> prefs.theme
    'dark'
    >>> folder.cleanup()
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Final, Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QSettings

from reader.entity_types import TYPE_ORDER, EntityType

ORGANIZATION: Final = "arabic-reader"
APPLICATION: Final = "arabic-reader"

LANGUAGES: Final = ("system", "ar", "en")
THEMES: Final = ("system", "light", "dark")  # "system" follows the desktop (theme.py)
PANEL_SORTS: Final = ("count", "name", "first")  # entity panel: by mentions, by name, by first appearance

#: The one table of defaults. Keys are the QSettings keys under "preferences/".
PREFERENCE_DEFAULTS: Final[dict[str, Any]] = {
    "language": "system",  # "system" follows QLocale.system()
    "theme": "system",  # "system" follows the desktop's color scheme
    "font_family": "",  # "" = the best Arabic font installed (chosen by the reading view)
    "font_size": 16.0,  # points, before zoom
    "zoom": 0,  # zoom steps from font_size: Ctrl + adds one, Ctrl - removes one, Ctrl 0 resets
    "enabled_types": frozenset(TYPE_ORDER),  # entity types whose highlights are shown
    "panel_sort": "count",
    "use_bert": False,  # also run camel-tools' BERT recognizer, after the offline model
    "bert_model_dir": "",  # "" = camel-tools' default data folder
}

#: Bounds of the cache: how many recent files and remembered positions are kept.
CACHE_LIMITS: Final[dict[str, int]] = {
    "recent_files": 10,
    "scroll_positions": 200,
}

T = TypeVar("T")


def open_settings(path: str | None = None) -> QSettings:
    """The settings store: an INI file at ``path`` when given, else the user's native store.

    The native store is per user, named by ``ORGANIZATION``/``APPLICATION``
    (``~/.config/arabic-reader/arabic-reader.conf`` on Linux, the registry on
    Windows, a plist on macOS).
    """
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def keep_private(settings: QSettings) -> None:
    """Make the file behind ``settings`` readable by its owner only (0600).

    The cache holds the paths of the articles the reader opened (recent files,
    up to 200 reading positions): nobody else on the machine should read
    them. The file is created empty, private, before Qt first writes it (Qt
    replaces it atomically and keeps the permissions it finds); an existing
    one is made private. A store that is not a file (the Windows registry)
    is left alone, and a failure only leaves the permissions as they were.
    """
    if os.name != "posix" or settings.format() not in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        return
    path = Path(settings.fileName())
    with contextlib.suppress(OSError):
        if path.exists():
            path.chmod(0o600)
        else:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


# --- converters: raw QSettings value -> typed value; raise ValueError/TypeError when impossible


def _to_str(raw: object) -> str:
    if not isinstance(raw, str):
        raise TypeError(f"expected text, got {type(raw).__name__}")
    return raw


def _to_bool(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("true", "1", "yes", "on"):
        return True
    if text in ("false", "0", "no", "off"):
        return False
    raise ValueError(f"not a boolean: {raw!r}")


def _to_int(raw: object) -> int:
    if isinstance(raw, bool):  # bool is an int subclass; True is not a size
        raise TypeError("expected a number, got a boolean")
    return int(str(raw).strip()) if not isinstance(raw, int) else raw


def _to_float(raw: object) -> float:
    if isinstance(raw, bool):
        raise TypeError("expected a number, got a boolean")
    value = float(raw) if isinstance(raw, int | float) else float(str(raw).strip())
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("not a finite number")
    return value


def _one_of(choices: tuple[str, ...]) -> Callable[[object], str]:
    def convert(raw: object) -> str:
        text = _to_str(raw)
        if text not in choices:
            raise ValueError(f"{text!r} is not one of {choices}")
        return text

    return convert


def _to_types(raw: object) -> frozenset[EntityType]:
    # Stored as one comma-separated string: an INI list of one item reads back
    # as a plain string and an empty list as nothing, so lists are ambiguous.
    if isinstance(raw, list | tuple | set | frozenset):  # a value being set, or an old list
        return frozenset(EntityType(item) for item in raw)
    text = _to_str(raw)
    return frozenset(EntityType(name.strip()) for name in text.split(",") if name.strip())


def _types_to_stored(types: Iterable[EntityType | str]) -> str:
    chosen = {EntityType(t) for t in types}
    return ",".join(t.value for t in TYPE_ORDER if t in chosen)


class _Preference(Generic[T]):
    """One typed key of ``Preferences``: its default comes from ``PREFERENCE_DEFAULTS``."""

    def __init__(self, convert: Callable[[object], T], to_stored: Callable[[T], object] | None = None):
        self._convert = convert
        self._to_stored = to_stored
        self.key = ""

    def __set_name__(self, owner: type, name: str) -> None:
        if name not in PREFERENCE_DEFAULTS:
            raise KeyError(f"preference {name!r} has no default in PREFERENCE_DEFAULTS")
        self.key = name

    @overload
    def __get__(self, store: None, owner: type) -> _Preference[T]: ...
    @overload
    def __get__(self, store: Preferences, owner: type) -> T: ...
    def __get__(self, store: Preferences | None, owner: type) -> T | _Preference[T]:
        if store is None:
            return self
        default: T = PREFERENCE_DEFAULTS[self.key]
        raw = store.settings.value(f"{Preferences.GROUP}/{self.key}")
        if raw is None:
            return default
        try:
            return self._convert(raw)
        except (TypeError, ValueError):
            return default  # a stale or hand-edited value: behave as if unset

    def __set__(self, store: Preferences, value: T) -> None:
        value = self._convert(value)  # refuse a bad value now rather than store it
        stored = self._to_stored(value) if self._to_stored else value
        store.settings.setValue(f"{Preferences.GROUP}/{self.key}", stored)


class Preferences:
    """What the user chose. Each attribute reads and writes the store directly.

    Setting a bad value (``prefs.theme = "blue"``) raises ValueError; a bad
    value already in the file reads as the default.
    """

    GROUP: Final = "preferences"

    language = _Preference(_one_of(LANGUAGES))
    theme = _Preference(_one_of(THEMES))
    font_family = _Preference(_to_str)
    font_size = _Preference(_to_float)
    zoom = _Preference(_to_int)
    enabled_types = _Preference(_to_types, _types_to_stored)
    panel_sort = _Preference(_one_of(PANEL_SORTS))
    use_bert = _Preference(_to_bool)
    bert_model_dir = _Preference(_to_str)

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def reset(self, key: str) -> None:
        """Forget the user's choice for ``key``: it reads as its default again."""
        if key not in PREFERENCE_DEFAULTS:
            raise KeyError(key)
        self.settings.remove(f"{self.GROUP}/{key}")


class Cache:
    """What the app remembers: window geometry and state, recent files, reading positions.

    Paths are stored resolved (``~/a/../a/x.txt`` and ``/home/u/a/x.txt`` are
    one file). Lists are stored as JSON text so that paths containing commas
    survive an INI file.
    """

    GROUP: Final = "cache"

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    # window

    @property
    def window_geometry(self) -> QByteArray | None:
        """``QMainWindow.saveGeometry()`` from the last session, or None."""
        return self._bytes("window_geometry")

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self.settings.setValue(f"{self.GROUP}/window_geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        """``QMainWindow.saveState()`` (docks, toolbars) from the last session, or None."""
        return self._bytes("window_state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self.settings.setValue(f"{self.GROUP}/window_state", value)

    # recent files

    def recent_files(self) -> list[str]:
        """Recently opened files, most recent first, only those that still exist."""
        return [path for path in self._json_list("recent_files") if Path(path).is_file()]

    def add_recent_file(self, path: str | Path) -> None:
        """Put ``path`` first in the recent files, dropping duplicates and the oldest beyond the limit."""
        resolved = _resolved(path)
        kept = [p for p in self._json_list("recent_files") if p != resolved and Path(p).is_file()]
        self._set_json("recent_files", [resolved, *kept][: CACHE_LIMITS["recent_files"]])

    def remove_recent_file(self, path: str | Path) -> None:
        """Drop ``path`` from the recent files (e.g. it failed to open)."""
        resolved = _resolved(path)
        self._set_json("recent_files", [p for p in self._json_list("recent_files") if p != resolved])

    def clear_recent_files(self) -> None:
        """Forget the recent files and where each article was left: no opened path stays behind."""
        self.settings.remove(f"{self.GROUP}/recent_files")
        self.settings.remove(f"{self.GROUP}/scroll_positions")

    # reading positions

    def scroll_position(self, path: str | Path) -> int:
        """Where ``path`` was left, 0 if unknown.

        The number is whatever the reading view stores; the code-point offset
        of the first visible character is a good choice, since it survives a
        different window size or zoom.
        """
        value = self._json_dict("scroll_positions").get(_resolved(path), 0)
        return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0

    def set_scroll_position(self, path: str | Path, position: int) -> None:
        """Remember ``position`` for ``path``, forgetting the least recently set beyond the limit."""
        positions = self._json_dict("scroll_positions")
        resolved = _resolved(path)
        positions.pop(resolved, None)  # re-insert last: dict order is the recency order
        positions[resolved] = max(0, int(position))
        excess = len(positions) - CACHE_LIMITS["scroll_positions"]
        for old in list(positions)[: max(0, excess)]:
            del positions[old]
        self._set_json("scroll_positions", positions)

    # storage helpers

    def _bytes(self, key: str) -> QByteArray | None:
        raw = self.settings.value(f"{self.GROUP}/{key}")
        if isinstance(raw, QByteArray) and not raw.isEmpty():
            return raw
        if isinstance(raw, bytes) and raw:
            return QByteArray(raw)
        return None

    def _json(self, key: str) -> object:
        raw = self.settings.value(f"{self.GROUP}/{key}")
        if not isinstance(raw, str):
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return None

    def _json_list(self, key: str) -> list[str]:
        value = self._json(key)
        return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []

    def _json_dict(self, key: str) -> dict[str, object]:
        value = self._json(key)
        return {k: v for k, v in value.items() if isinstance(k, str)} if isinstance(value, dict) else {}

    def _set_json(self, key: str, value: object) -> None:
        # ensure_ascii: the file stays plain ASCII whatever the paths' script
        self.settings.setValue(f"{self.GROUP}/{key}", json.dumps(value, ensure_ascii=True))


def _resolved(path: str | Path) -> str:
    try:
        return str(Path(path).expanduser().resolve())
    except (OSError, RuntimeError):  # a symlink loop (RuntimeError before Python 3.13): as given
        return str(Path(path).expanduser().absolute())
