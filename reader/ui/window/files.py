"""The reader window's files: open and reopen, recent files, reading positions, export.

``ArticleFiles`` asks the ``ArticleSession`` to read a file (never the loader
itself: a big HTML page takes seconds to parse), keeps File ▸ Open Recent
and the reading position of each article in the ``Cache``, and writes
exports on a thread of their own (``BackgroundTask``). It is given what it
needs (the session, the cache, where the reader is in the text, a parent
for its dialogs) and reports by signal: ``error(str)`` and ``message(str,
int)`` for the status bar, ``recent_changed()`` for Open Recent,
``exported(path)``.

Reading positions are the code point at the top of the view, remembered when
the reader leaves an article (another one opened, the window closed) and
restored when it is shown again, whatever the window size or zoom.

Texts are filed under the "MainWindow" context.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from reader.document import Source
from reader.ui.jobs.article_session import ArticleSession
from reader.ui.jobs.worker import BackgroundTask
from reader.ui.settings import Cache


class ReadingPosition(Protocol):
    """Where the reader is in the article shown (``ReadingArea``)."""

    def first_visible_offset(self) -> int: ...

    def scroll_to_offset(self, offset: int) -> None: ...


class ArticleFiles(QObject):
    """Signals: ``exported(path)``, ``error(message)``, ``message(text, timeout_ms)``, ``recent_changed()``."""

    exported = Signal(str)
    error = Signal(str)
    message = Signal(str, int)  # text, milliseconds to show it (0: until replaced)
    recent_changed = Signal()

    def __init__(self, session: ArticleSession, cache: Cache, position: ReadingPosition, dialogs: QWidget) -> None:
        super().__init__(dialogs)
        self._session = session
        self._cache = cache
        self._position = position
        self._dialogs = dialogs  # the parent of the file choosers
        self._shown_path: str | None = None  # the file whose reading position to remember
        self._export = BackgroundTask(self)
        self._export.finished.connect(self._on_exported)
        self._export.failed.connect(self.error)

    # --- opening

    def open_dialog(self) -> None:
        from reader.ui.window.qt_file_dialogs import ask_article_path

        path = ask_article_path(self._dialogs, self._session.source)
        if path:
            self._session.open(path)

    def reopen_with_encoding(self, codec: str) -> None:
        """Read the shown article again, decoding it with ``codec`` (the detector guessed wrong)."""
        source = self._session.source
        if source is None or not source.path:
            self.error.emit(QCoreApplication.translate("MainWindow", "No file is open."))
            return
        self._session.open(source.path, codec)

    def leaving(self) -> None:
        """The article shown is about to be replaced (or the window closes): remember where it was left."""
        if self._shown_path:
            self._cache.set_scroll_position(self._shown_path, self._position.first_visible_offset())

    def shown(self, source: Source) -> None:
        """``source`` is shown now: first in Open Recent; back where it was left."""
        self._shown_path = source.path
        if not source.path:
            return
        self._cache.add_recent_file(source.path)
        self.recent_changed.emit()
        position = self._cache.scroll_position(source.path)
        if position:
            # After the first layout pass, so the line's position is known.
            QTimer.singleShot(0, lambda: self._restore_position(source, position))

    def failed(self, path: str) -> None:
        """Opening ``path`` failed: a file that is gone leaves Open Recent."""
        if path and not Path(path).exists():
            self._cache.remove_recent_file(path)
            self.recent_changed.emit()

    def _restore_position(self, source: Source, position: int) -> None:
        if source is self._session.source:
            self._position.scroll_to_offset(min(position, len(source.text)))

    # --- export

    def export_dialog(self) -> None:
        """Ask where, then export the analysis shown (HTML, JSON or CSV by suffix)."""
        session = self._session
        if session.analysis is None or session.source is None or not session.offline_done:
            self.error.emit(
                QCoreApplication.translate("MainWindow", "Nothing to export yet: the analysis is not finished.")
            )
            return
        from reader.ui.window.qt_file_dialogs import ask_export_path

        path = ask_export_path(self._dialogs, session.source)
        if path:
            self.export_to(path)

    def export_to(self, path: str | Path) -> None:
        """Write the analysis shown to ``path`` off the UI thread; ``exported(path)`` or one line."""
        from reader.export import export

        analysis, target = self._session.analysis, str(path)
        if analysis is None:
            return

        def write() -> str:
            export(analysis, target)
            return target

        self.message.emit(QCoreApplication.translate("MainWindow", "Exporting to {path}…").format(path=target), 0)
        self._export.run(write)

    def _on_exported(self, path: str) -> None:
        self.message.emit(QCoreApplication.translate("MainWindow", "Exported to {path}").format(path=path), 5000)
        self.exported.emit(path)

    def close(self) -> None:
        """The window closes: remember the reading position; let a running export finish."""
        self.leaving()
        self._export.wait(10_000)  # a half-done export would leave only its temporary file
