"""Tests for reader/ui/app.py: the screenshot path the command line and the docs use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "mosul-offensive.txt"


def run_app(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    # A fresh process: run() makes its own QApplication, as the command line does.
    code = "import sys; from reader.ui.app import run; sys.exit(run(*sys.argv[1:2], **eval(sys.argv[2])))"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=240, env=env)


def test_screenshot_of_the_analyzed_window(tmp_path) -> None:
    out = tmp_path / "window.png"
    kwargs = {"screenshot": str(out), "size": (900, 600), "settings_path": str(tmp_path / "s.ini"), "lang": "en"}
    result = run_app(str(SAMPLE), repr(kwargs))
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 600)


def test_a_screenshot_leaves_nothing_behind(tmp_path) -> None:
    """Its throwaway settings (which name the opened file) are removed, not written again after removal."""
    import os

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    out = tmp_path / "window.png"
    result = run_app(
        str(SAMPLE), repr({"screenshot": str(out), "size": (600, 400)}), env={**os.environ, "TMPDIR": str(scratch)}
    )
    assert result.returncode == 0, result.stderr
    assert out.is_file() and list(scratch.iterdir()) == []


def test_screenshot_of_a_bad_file_fails_with_one_line(tmp_path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = tmp_path / "window.png"
    result = run_app(str(bad), repr({"screenshot": str(out)}))
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not out.exists()


def test_open_with_an_encoding_shows_the_file_decoded_with_it(tmp_path) -> None:
    """``open FILE --encoding X``: the window reads FILE with X, not with what detection would pick."""
    from reader.resources import resource_path

    article = resource_path("samples", "cairo-water-cp1256.txt")  # detected as cp1256
    code = (
        "import sys\n"
        "from reader.ui import app\n"
        "from reader.ui.window.main_window import MainWindow\n"
        "opened = MainWindow.open_file\n"
        "def open_file(self, path, encoding=None):\n"
        "    self.ready.connect(lambda: print('shown in', self.source.encoding, flush=True))\n"
        "    return opened(self, path, encoding)\n"
        "MainWindow.open_file = open_file\n"
        "sys.exit(app.run(sys.argv[1], encoding='mac-arabic', screenshot=sys.argv[2], settings_path=sys.argv[3]))\n"
    )
    out = tmp_path / "window.png"
    result = subprocess.run(
        [sys.executable, "-c", code, str(article), str(out), str(tmp_path / "s.ini")],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["shown in mac-arabic"]


def test_memory_is_settled_after_the_first_article_is_painted_not_before(qtbot, tmp_path, monkeypatch) -> None:
    """The full collection (30-100 ms) waits until the first article is painted: run when the window
    was made, it delayed the text and the highlights by as much."""
    import shiboken6
    from PySide6.QtWidgets import QApplication
    from tests.ui.conftest import GazetteerRecognizer

    import reader.ui.app as app_module
    from reader.ui.theme import ThemeFollower

    calls: list[str] = []

    class RecordingGc:
        def collect(self) -> None:
            calls.append("collect")

        def freeze(self) -> None:
            calls.append("freeze")

    monkeypatch.setattr(app_module, "gc", RecordingGc())
    followers = set(QApplication.instance().findChildren(ThemeFollower))
    article = tmp_path / "article.txt"
    article.write_text("وصل الوفد إلى الموصل ثم إلى بغداد.\n", encoding="utf-8")
    recognizer = GazetteerRecognizer()
    window = app_module.make_window(
        QApplication.instance(),
        settings_path=str(tmp_path / "settings.ini"),
        interactive=False,
        recognizer_factory=lambda: recognizer,
    )
    try:
        window.show()
        qtbot.waitExposed(window)
        assert calls == []
        with qtbot.waitSignal(window.ready, timeout=20_000):
            window.open_file(str(article))
        qtbot.waitUntil(lambda: calls == ["collect", "freeze"], timeout=5_000)
        qtbot.wait(50)
        assert calls == ["collect", "freeze"]  # once
    finally:
        window.close()
        window.deleteLater()
        # make_window's theme follower belongs to the app: destroyed now, it cannot
        # repaint the app when a later test switches the desktop's color scheme.
        for follower in set(QApplication.instance().findChildren(ThemeFollower)) - followers:
            shiboken6.delete(follower)
