"""The per-user cache folder: tables built once from installed packages, kept between runs.

What goes there can always be built again (the word-usage table from
wordfreq, camel-tools' character sets): a missing, stale or damaged file is
rebuilt, and a folder that cannot be written only costs the time.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def default_cache_dir() -> Path:
    """The per-user cache folder: XDG on Linux, Caches on macOS, LOCALAPPDATA on Windows."""
    if sys.platform == "win32":
        root = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Caches"
    else:
        root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "arabic-reader"


def installed_stamp(module: str, *files: str) -> tuple[str, str] | None:
    """Where the installed ``module`` is and which state it is in, as two short keys (None when it
    is not installed).

    The first names its folder: another installation of the app (another
    virtual environment) keeps its own tables instead of replacing these
    (two of them would otherwise rebuild each other's at every start). The
    second is made from the size and modification time of ``files`` (paths
    inside the package's folder; its ``__init__.py`` when none are given), and
    changes when the package does. Asking ``importlib.metadata`` for the
    version instead imports ``email`` and friends: 0.05–0.1 s at every start
    of the analysis process.
    """
    import hashlib
    import importlib.util

    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or spec.origin is None:
        return None
    origin = Path(spec.origin)
    stamps = []
    for path in [origin.parent / name for name in files] or [origin]:
        try:
            stat = path.stat()
        except OSError:
            stamps.append(f"{path.name}:missing")
        else:
            stamps.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    where = hashlib.sha1(str(origin.parent).encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return where, hashlib.sha1("\n".join(stamps).encode()).hexdigest()[:10]


def write_quietly(path: Path, data: bytes, replacing: str | None = None) -> None:
    """Write ``data`` atomically; a read-only or full disk only loses the cache.

    ``replacing``: a pattern of the files in the same folder this one takes
    the place of (older versions of the same table), removed first.
    """
    from reader.io.errors import WriteError
    from reader.io.write import write_atomic

    if replacing is not None:
        for old in path.parent.glob(replacing):
            with contextlib.suppress(OSError):
                old.unlink()
    with contextlib.suppress(OSError, WriteError):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)


def derived(
    source: Path,
    name: str,
    make: Callable[[], bytes],
    read: Callable[[bytes], T],
    folder: Path | None = None,
) -> T:
    """``read`` of a fast form of ``source`` kept in the cache: ``make()`` builds it when missing or damaged.

    The model's files stay what training wrote; what the analysis process
    would otherwise rebuild from them at every start (a table of 78,000
    words) is built once and kept under a name made of ``name``, the file's
    path and its size and time. A changed file (a retrained model) gets a new
    entry, and the one it replaces is removed. ``read`` raises ``ValueError``
    (or ``EOFError``, ``TypeError``) for bytes it does not recognize.
    """
    import hashlib

    where = hashlib.sha1(str(source.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:10]
    stat = source.stat()  # OSError: the source itself is missing, as its reader would say
    version = hashlib.sha1(f"{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:10]
    cache_dir = folder or default_cache_dir()
    path = cache_dir / f"{name}-{where}-{version}.bin"
    try:
        return read(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = make()
    write_quietly(path, data, replacing=f"{name}-{where}-*.bin")
    return read(data)
