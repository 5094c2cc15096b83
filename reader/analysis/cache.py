"""The per-user cache folder: tables built once from installed packages, kept between runs.

What goes there can always be built again (the word-usage table from
wordfreq, camel-tools' character sets): a missing, stale or damaged file is
rebuilt, and a folder that cannot be written only costs the time.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path


def default_cache_dir() -> Path:
    """The per-user cache folder: XDG on Linux, Caches on macOS, LOCALAPPDATA on Windows."""
    if sys.platform == "win32":
        root = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Caches"
    else:
        root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "arabic-reader"


def write_quietly(path: Path, data: bytes) -> None:
    """Write ``data`` atomically; a read-only or full disk only loses the cache."""
    from reader.io.errors import WriteError
    from reader.io.write import write_atomic

    with contextlib.suppress(OSError, WriteError):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
