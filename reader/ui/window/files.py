"""The reader window's files: open and reopen, recent files, reading positions, export.

``ArticleFiles`` asks the window's ``ArticleSession`` to read a file (never
the loader itself: a big HTML page takes seconds to parse), keeps File ▸
Open Recent and the reading position of each article in the ``Cache``, and
writes exports on a thread of their own (``BackgroundTask``).

Reading positions are the code point at the top of the view, remembered when
the reader leaves an article (another one opened, the window closed) and
restored when it is shown again, whatever the window size or zoom.

Texts are filed under the "MainWindow" context.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from reader.document import Source
from reader.ui.jobs.worker import BackgroundTask

if TYPE_CHECKING:
    from reader.ui.window.main_window import MainWindow


class ArticleFiles(QObject):
    """Signal ``exported(path)``: an export was written."""

    exported = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._shown_path: str | None = None  # the file whose reading position to remember
        self._export = BackgroundTask(self)
        self._export.finished.connect(self._on_exported)
        self._export.failed.connect(window.show_error)

    # --- opening

    def open_dialog(self) -> None:
        from reader.ui.window.qt_file_dialogs import ask_article_path

        path = ask_article_path(self.window, self.window.source)
        if path:
            self.window.open_file(path)

    def reopen_with_encoding(self, codec: str) -> None:
        """Read the shown article again, decoding it with ``codec`` (the detector guessed wrong)."""
        source = self.window.source
        if source is None or not source.path:
            self.window.show_error(QCoreApplication.translate("MainWindow", "No file is open."))
            return
        self.window.open_file(source.path, codec)

    def leaving(self) -> None:
        """The article shown is about to be replaced (or the window closes): remember where it was left."""
        view = self.window.view
        if self._shown_path and view.source is not None:
            self.window.cache.set_scroll_position(self._shown_path, view.first_visible_offset())

    def shown(self, source: Source) -> None:
        """``source`` is shown now: first in Open Recent; back where it was left."""
        self._shown_path = source.path
        if not source.path:
            return
        cache = self.window.cache
        cache.add_recent_file(source.path)
        if self.window.menus.recent_menu is not None:
            self.window.menus.recent_menu.refresh()
        position = cache.scroll_position(source.path)
        if position:
            # After the first layout pass, so the line's position is known.
            QTimer.singleShot(0, lambda: self._restore_position(source, position))

    def failed(self, path: str) -> None:
        """Opening ``path`` failed: a file that is gone leaves Open Recent."""
        if path and not Path(path).exists():
            self.window.cache.remove_recent_file(path)
            if self.window.menus.recent_menu is not None:
                self.window.menus.recent_menu.refresh()

    def _restore_position(self, source: Source, position: int) -> None:
        if source is self.window.source:
            self.window.view.scroll_to_offset(min(position, len(source.text)))

    # --- export

    def export_dialog(self) -> None:
        """Ask where, then export the analysis shown (HTML, JSON or CSV by suffix)."""
        window = self.window
        if window.analysis is None or window.source is None or not window.session.offline_done:
            window.show_error(
                QCoreApplication.translate("MainWindow", "Nothing to export yet: the analysis is not finished.")
            )
            return
        from reader.ui.window.qt_file_dialogs import ask_export_path

        path = ask_export_path(window, window.source)
        if path:
            self.export_to(path)

    def export_to(self, path: str | Path) -> None:
        """Write the analysis shown to ``path`` off the UI thread; ``exported(path)`` or one line."""
        from reader.export import export

        analysis, target = self.window.analysis, str(path)
        if analysis is None:
            return

        def write() -> str:
            export(analysis, target)
            return target

        self.window.status.showMessage(
            QCoreApplication.translate("MainWindow", "Exporting to {path}…").format(path=target)
        )
        self._export.run(write)

    def _on_exported(self, path: str) -> None:
        self.window.status.showMessage(
            QCoreApplication.translate("MainWindow", "Exported to {path}").format(path=path), 5000
        )
        self.exported.emit(path)

    def close(self) -> None:
        """The window closes: remember the reading position; let a running export finish."""
        self.leaving()
        self._export.wait(10_000)  # a half-done export would leave only its temporary file
