"""File ▸ Open Recent: the files the cache remembers, most recent first.

The menu reads ``Cache.recent_files()`` each time it is refreshed (files
that no longer exist are left out) and says which one the reader chose with
``file_chosen(path)``; the window opens it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QMenu, QWidget

from reader.ui.actions import make_action, menu_only
from reader.ui.settings import Cache


class RecentFilesMenu(QMenu):
    """``&1 mosul.txt``, ``&2 …``, then "Clear List"; disabled when empty."""

    file_chosen = Signal(str)

    def __init__(self, cache: Cache, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.cache = cache
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the entries from the cache."""
        self.clear()
        files = self.cache.recent_files()
        for number, path in enumerate(files, start=1):
            text = f"&{number} {Path(path).name}" if number < 10 else Path(path).name
            self.addAction(menu_only(make_action(self, text, lambda p=path: self.file_chosen.emit(p), tip=path)))
        if files:
            self.addSeparator()
            clear = make_action(self, QCoreApplication.translate("MainWindow", "&Clear List"), self.clear_files)
            self.addAction(menu_only(clear))
        self.setEnabled(bool(files))

    def clear_files(self) -> None:
        self.cache.clear_recent_files()
        self.refresh()
