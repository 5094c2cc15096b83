"""Shared by the packaging tests: the packaging scripts, clean runs of an installed app, screen pixels.

(Not a conftest: the tests import these by name. ``tests/packaging`` has no
``__init__.py`` on purpose: as a package it would be called ``packaging`` and
hide the library of that name.)
"""

from __future__ import annotations

import collections
import json
import os
import struct
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "resources" / "samples"
sys.path.insert(0, str(REPO / "packaging"))

import build_deb  # noqa: E402
import release  # noqa: E402
import system_libs  # noqa: E402

__all__ = ["REPO", "SAMPLES", "build_deb", "release", "system_libs"]

#: Seconds an installed app may take for one command (a loaded 2-core machine included).
RUN_TIMEOUT_S = 300


def clean_environment(home: Path, **extra: str) -> dict[str, str]:
    """What a user's fresh session has: no venv on PATH, no ARABIC_READER_* variables, a home of its own."""
    env = {"HOME": str(home), "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
    env.update(extra)
    return env


def run(command: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=RUN_TIMEOUT_S)


def articles(folder: Path) -> tuple[Path, Path, Path]:
    """Three Arabic articles copied into ``folder`` (outside the checkout).

    ``first.txt`` (UTF-8), ``second.txt`` (Windows-1256, CRLF: short enough
    that all four types show in a window's first screen) and ``third.md``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    copies = (
        ("first.txt", "mosul-offensive.txt"),
        ("second.txt", "cairo-water-cp1256.txt"),
        ("third.md", "tetouan-floods.md"),
    )
    for name, sample in copies:
        (folder / name).write_bytes((SAMPLES / sample).read_bytes())
    return folder / "first.txt", folder / "second.txt", folder / "third.md"


def expected_analysis(path: Path) -> dict:
    """The analysis of ``path`` by the checkout's own code (what every package must print too)."""
    from reader.analysis.pipeline import analyze
    from reader.io import load

    return json.loads(json.dumps(analyze(load(str(path))).to_dict(), ensure_ascii=False))


def same_analysis(printed: str, path: Path) -> bool:
    """Whether the JSON ``analyze`` printed is the checkout's analysis of ``path`` (the "source" aside)."""
    got, want = json.loads(printed), expected_analysis(path)
    got.pop("source"), want.pop("source")
    return bool(got == want)


def tint_pixels(xrgb32: bytes) -> dict[str, int]:
    """How many pixels of a 32-bit xRGB image (native byte order) show each type's light highlight tint."""
    from reader.entity_types import STYLES

    counts = collections.Counter(pixel & 0xFFFFFF for pixel in memoryview(xrgb32).cast("I"))
    return {t.value: counts[int(s.tint_light.lstrip("#"), 16)] for t, s in STYLES.items()}


def png_tints(path: Path) -> dict[str, int]:
    """``tint_pixels`` of a PNG (read with Qt, no display needed)."""
    from PySide6.QtGui import QImage

    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
    return tint_pixels(bytes(image.constBits()))


def xwd_tints(path: Path) -> dict[str, int]:
    """``tint_pixels`` of the screen an Xvfb started with ``-fbdir`` keeps in ``path`` (XWD, 32 bits a pixel)."""
    data = path.read_bytes()
    header = struct.unpack(">25I", data[:100])
    header_size, height, bits_per_pixel, bytes_per_line, colors = (
        header[0],
        header[5],
        header[11],
        header[12],
        header[19],
    )
    assert bits_per_pixel == 32, f"the Xvfb screen must be 24 bits deep (32 bits a pixel), not {bits_per_pixel}"
    start = header_size + 12 * colors
    return tint_pixels(data[start : start + bytes_per_line * height])


def environ_without_venv() -> dict[str, str]:
    """This process's environment minus the virtual environment and the app's overrides (for builds)."""
    return {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV" and not k.startswith("ARABIC_READER_")}
