"""Tests for reader/ui/settings.py: typed preferences and the bounded cache over an INI store."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from reader.entity_types import EntityType
from reader.ui.settings import (
    CACHE_LIMITS,
    PREFERENCE_DEFAULTS,
    Cache,
    Preferences,
    open_settings,
)


def reopened(settings: QSettings) -> QSettings:
    """The same INI file read back by a new QSettings: what the next session sees."""
    settings.sync()
    return open_settings(settings.fileName())


def test_open_settings_with_a_path_is_an_ini_file(tmp_path: Path) -> None:
    settings = open_settings(str(tmp_path / "x.ini"))
    assert settings.format() == QSettings.Format.IniFormat
    assert settings.fileName() == str(tmp_path / "x.ini")


def test_open_settings_without_a_path_is_the_per_user_native_store() -> None:
    settings = open_settings(None)
    assert settings.organizationName() == "arabic-reader"
    assert settings.applicationName() == "arabic-reader"
    assert settings.scope() == QSettings.Scope.UserScope


def test_every_preference_reads_its_default_when_unset(settings: QSettings) -> None:
    prefs = Preferences(settings)
    for key, default in PREFERENCE_DEFAULTS.items():
        assert getattr(prefs, key) == default, key


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("language", "ar"),
        ("language", "en"),
        ("theme", "dark"),
        ("font_family", "Noto Naskh Arabic"),
        ("font_size", 19.5),
        ("zoom", -3),
        ("enabled_types", frozenset({EntityType.PLACE, EntityType.FIGURE})),
        ("enabled_types", frozenset()),
        ("enabled_types", frozenset({EntityType.PERSON})),
        ("panel_sort", "first"),
        ("use_bert", True),
        ("bert_model_dir", "/opt/مجلد النماذج"),
    ],
)
def test_preferences_survive_a_restart_with_their_types(settings: QSettings, key: str, value: object) -> None:
    setattr(Preferences(settings), key, value)
    read_back = getattr(Preferences(reopened(settings)), key)
    assert read_back == value
    assert type(read_back) is type(value)


def test_entity_types_can_be_set_from_contract_strings(settings: QSettings) -> None:
    prefs = Preferences(settings)
    prefs.enabled_types = {"person", "organization"}  # type: ignore[assignment]
    assert prefs.enabled_types == {EntityType.PERSON, EntityType.ORGANIZATION}


@pytest.mark.parametrize(
    ("key", "bad"),
    [("theme", "blue"), ("language", "fr"), ("panel_sort", "size"), ("zoom", "big"), ("use_bert", "maybe")],
)
def test_setting_a_bad_value_raises_and_stores_nothing(settings: QSettings, key: str, bad: object) -> None:
    prefs = Preferences(settings)
    with pytest.raises(ValueError):
        setattr(prefs, key, bad)
    assert getattr(prefs, key) == PREFERENCE_DEFAULTS[key]


@pytest.mark.parametrize(
    ("key", "stored"),
    [
        ("theme", "purple"),
        ("font_size", "large"),
        ("font_size", "nan"),
        ("zoom", "2.5"),
        ("use_bert", "perhaps"),
        ("enabled_types", "person,alien"),
    ],
)
def test_a_bad_value_in_the_file_reads_as_the_default(tmp_path: Path, key: str, stored: str) -> None:
    ini = tmp_path / "hand-edited.ini"
    ini.write_text(f"[preferences]\n{key}={stored}\n", encoding="utf-8")
    assert getattr(Preferences(open_settings(str(ini))), key) == PREFERENCE_DEFAULTS[key]


def test_ini_strings_are_converted(tmp_path: Path) -> None:
    ini = tmp_path / "typed.ini"
    ini.write_text("[preferences]\nfont_size=21\nzoom=2\nuse_bert=true\n", encoding="utf-8")
    prefs = Preferences(open_settings(str(ini)))
    assert (prefs.font_size, prefs.zoom, prefs.use_bert) == (21.0, 2, True)


def test_reset_returns_a_preference_to_its_default(settings: QSettings) -> None:
    prefs = Preferences(settings)
    prefs.theme = "light"
    prefs.reset("theme")
    assert prefs.theme == "system"


def test_window_geometry_and_state_round_trip(settings: QSettings) -> None:
    cache = Cache(settings)
    assert cache.window_geometry is None and cache.window_state is None
    cache.window_geometry = QByteArray(b"\x01\x02geometry\x00")
    cache.window_state = QByteArray(b"state")
    again = Cache(reopened(settings))
    assert bytes(again.window_geometry) == b"\x01\x02geometry\x00"  # type: ignore[arg-type]
    assert bytes(again.window_state) == b"state"  # type: ignore[arg-type]


def make_files(folder: Path, count: int) -> list[Path]:
    files = []
    for i in range(count):
        path = folder / f"مقال {i}, نسخة.txt"  # Arabic and a comma: must survive the INI file
        path.write_text("نص", encoding="utf-8")
        files.append(path)
    return files


def test_recent_files_most_recent_first_and_deduplicated_by_resolved_path(settings: QSettings, tmp_path: Path) -> None:
    a, b = make_files(tmp_path, 2)
    cache = Cache(settings)
    cache.add_recent_file(a)
    cache.add_recent_file(b)
    cache.add_recent_file(tmp_path / "sub" / ".." / a.name)  # the same file by another spelling
    assert Cache(reopened(settings)).recent_files() == [str(a.resolve()), str(b.resolve())]


def test_recent_files_keep_at_most_ten(settings: QSettings, tmp_path: Path) -> None:
    files = make_files(tmp_path, 13)
    cache = Cache(settings)
    for path in files:
        cache.add_recent_file(path)
    recent = cache.recent_files()
    assert len(recent) == CACHE_LIMITS["recent_files"] == 10
    assert recent[0] == str(files[-1].resolve())
    assert str(files[2].resolve()) not in recent


def test_recent_files_list_only_files_that_still_exist(settings: QSettings, tmp_path: Path) -> None:
    a, b = make_files(tmp_path, 2)
    cache = Cache(settings)
    cache.add_recent_file(a)
    cache.add_recent_file(b)
    b.unlink()
    assert cache.recent_files() == [str(a.resolve())]


def test_remove_and_clear_recent_files(settings: QSettings, tmp_path: Path) -> None:
    a, b = make_files(tmp_path, 2)
    cache = Cache(settings)
    cache.add_recent_file(a)
    cache.add_recent_file(b)
    cache.remove_recent_file(b)
    assert cache.recent_files() == [str(a.resolve())]
    cache.set_scroll_position(a, 120)
    cache.clear_recent_files()
    assert cache.recent_files() == []
    assert cache.scroll_position(a) == 0  # the reading positions go too
    settings.sync()
    stored = Path(settings.fileName())
    assert not stored.exists() or str(tmp_path) not in stored.read_text(encoding="utf-8")  # no opened path left


@pytest.mark.skipif(os.name != "posix", reason="file permissions are POSIX")
def test_the_settings_file_is_private(tmp_path: Path) -> None:
    from reader.ui.settings import keep_private

    fresh = open_settings(str(tmp_path / "new" / "fresh.ini"))
    keep_private(fresh)
    Cache(fresh).set_scroll_position(tmp_path / "secret.txt", 5)
    fresh.sync()
    assert stat.S_IMODE(Path(fresh.fileName()).stat().st_mode) == 0o600

    old = tmp_path / "old.ini"
    old.write_text("[cache]\n", encoding="utf-8")
    old.chmod(0o644)  # as earlier versions left it
    keep_private(open_settings(str(old)))
    assert stat.S_IMODE(old.stat().st_mode) == 0o600


def test_scroll_position_per_file(settings: QSettings, tmp_path: Path) -> None:
    a, b = make_files(tmp_path, 2)
    cache = Cache(settings)
    assert cache.scroll_position(a) == 0
    cache.set_scroll_position(a, 1234)
    cache.set_scroll_position(b, 7)
    again = Cache(reopened(settings))
    assert again.scroll_position(str(a)) == 1234
    assert again.scroll_position(b) == 7


def test_scroll_positions_forget_the_least_recently_set_beyond_the_limit(
    settings: QSettings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(CACHE_LIMITS, "scroll_positions", 3)
    cache = Cache(settings)
    paths = [tmp_path / f"{i}.txt" for i in range(4)]
    for i, path in enumerate(paths[:3]):
        cache.set_scroll_position(path, i + 1)
    cache.set_scroll_position(paths[0], 10)  # touched again: now the most recent
    cache.set_scroll_position(paths[3], 4)  # pushes out paths[1], the least recently set
    assert [cache.scroll_position(p) for p in paths] == [10, 0, 3, 4]


def test_a_corrupt_cache_reads_as_empty(tmp_path: Path) -> None:
    ini = tmp_path / "corrupt.ini"
    ini.write_text("[cache]\nrecent_files={not json\nscroll_positions=[1, 2]\n", encoding="utf-8")
    cache = Cache(open_settings(str(ini)))
    assert cache.recent_files() == []
    assert cache.scroll_position(tmp_path / "x.txt") == 0
