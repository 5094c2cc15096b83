"""The icons saved between runs: drawn as qtawesome draws them, and a launch that finds them never imports qtawesome."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from reader.ui.icon_cache import MODES, SIZES, IconCache

NAMES = ("fa6s.folder-open", "fa6s.magnifying-glass")


@pytest.fixture
def app(qapp: QApplication) -> QApplication:
    return qapp


def _image(icon: QIcon, size: int, mode: QIcon.Mode):
    return icon.pixmap(QSize(size, size), mode, QIcon.State.Off).toImage()


def test_a_saved_icon_draws_exactly_as_qtawesome_at_every_size_and_mode(app, tmp_path: Path) -> None:
    import qtawesome

    cache = IconCache(tmp_path)
    for name in NAMES:
        assert cache.load(name) is None
        drawn = qtawesome.icon(name)
        cache.store(name, drawn)
        saved = IconCache(tmp_path).load(name)  # a new run: read from the file
        assert saved is not None
        for mode in MODES:
            for size in SIZES:
                assert _image(saved, size, mode) == _image(drawn, size, mode), (name, mode, size)


def test_the_saved_pictures_follow_the_text_color(app, tmp_path: Path) -> None:
    cache = IconCache(tmp_path)
    before = cache.key_folder()
    palette = QGuiApplication.palette()
    changed = QPalette(palette)
    changed.setColor(QPalette.ColorGroup.Active, QPalette.ColorRole.Text, QColor("#f5f5f7"))
    QApplication.setPalette(changed)
    try:
        after = cache.key_folder()
    finally:
        QApplication.setPalette(palette)
    assert before is not None and after is not None
    assert before != after and before.parent == after.parent == tmp_path


def test_a_damaged_or_wrong_sized_strip_is_not_used(app, tmp_path: Path) -> None:
    import qtawesome

    cache = IconCache(tmp_path)
    cache.store(NAMES[0], qtawesome.icon(NAMES[0]))
    strip = cache.key_folder() / f"{NAMES[0]}.png"  # type: ignore[operator]
    strip.write_bytes(strip.read_bytes()[:40])  # truncated by a full disk
    assert IconCache(tmp_path).load(NAMES[0]) is None
    strip.write_bytes(b"not a picture")
    assert IconCache(tmp_path).load(NAMES[0]) is None


def test_an_unwritable_cache_only_costs_the_time(app, tmp_path: Path) -> None:
    import qtawesome

    blocked = tmp_path / "a-file"
    blocked.write_text("in the way")
    cache = IconCache(blocked)
    cache.store(NAMES[0], qtawesome.icon(NAMES[0]))  # no exception
    assert cache.load(NAMES[0]) is None
    assert IconCache(None).load(NAMES[0]) is None


def test_names_that_are_not_plain_file_names_are_never_saved(app, tmp_path: Path) -> None:
    import qtawesome

    cache = IconCache(tmp_path)
    cache.store("../escape", qtawesome.icon(NAMES[0]))
    assert not (tmp_path / "escape.png").exists()
    assert not list(tmp_path.rglob("*.png"))


_LAUNCH = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
app.setApplicationName("arabic-reader")
from reader.ui.actions import icon
icons = [icon(name) for name in {names!r}]
print("imported" if "qtawesome" in sys.modules else "not imported", all(not i.isNull() for i in icons))
"""


def test_a_launch_that_finds_the_saved_icons_never_imports_qtawesome(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": str(tmp_path)}
    script = _LAUNCH.format(names=NAMES)

    def launch() -> str:
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert launch() == "imported True"  # the first run draws them and saves them
    assert launch() == "not imported True"
    assert len(list(tmp_path.rglob("*.png"))) == len(NAMES)
