"""The errors the I/O layer raises, each readable as one line.

``str(error)`` is what the command line prints and the UI shows, e.g.
``cannot open 'x.bin': it is a binary file (a PNG image), not text``.
"""

from __future__ import annotations

import os


class LoadError(Exception):
    """An article could not be loaded. ``path`` and ``reason`` are kept apart
    so the UI can show the file name and the reason in different places."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = os.fspath(path)
        self.reason = reason
        super().__init__(f"cannot open '{self.path}': {reason}")


class WriteError(Exception):
    """A file (an export, settings) could not be written; the target, if it
    existed, is unchanged."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = os.fspath(path)
        self.reason = reason
        super().__init__(f"cannot write '{self.path}': {reason}")


class TargetExistsError(WriteError):
    """The file exists and the caller asked not to replace it (``overwrite=False``)."""
