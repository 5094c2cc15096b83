"""Tests for reader/ui/app.py: the screenshot path the command line and the docs use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "mosul-offensive.txt"


def run_app(*args: str) -> subprocess.CompletedProcess[str]:
    # A fresh process: run() makes its own QApplication, as the command line does.
    code = "import sys; from reader.ui.app import run; sys.exit(run(*sys.argv[1:2], **eval(sys.argv[2])))"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=240)


def test_screenshot_of_the_analyzed_window(tmp_path) -> None:
    out = tmp_path / "window.png"
    kwargs = {"screenshot": str(out), "size": (900, 600), "settings_path": str(tmp_path / "s.ini"), "lang": "en"}
    result = run_app(str(SAMPLE), repr(kwargs))
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 600)


def test_screenshot_of_a_bad_file_fails_with_one_line(tmp_path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = tmp_path / "window.png"
    result = run_app(str(bad), repr({"screenshot": str(out)}))
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not out.exists()
