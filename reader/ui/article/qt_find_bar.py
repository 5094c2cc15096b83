"""Find (Ctrl+F): the bar under the article, with "2 / 7" and next/previous, and the search it runs.

``FindBar`` is the widget; ``TextFinder`` connects it to the reading view:
it runs the Arabic-insensitive search (``reader.analysis.textmatch``: typing
الموصل finds بالموصل and المَوْصِل), keeps the current match
(``navigation.MatchCursor``) and has the view outline the matches. Enter and
F3 go to the next match, Shift+Enter and Shift+F3 to the previous one,
Escape closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from reader.ui.actions import set_icon
from reader.ui.article.navigation import MatchCursor

if TYPE_CHECKING:
    from reader.analysis.textmatch import FoldedText
    from reader.ui.article.qt_reading_view import ReadingView

# Typing pauses this long before searching: a 100,000-word article takes a few ms per search.
DEBOUNCE_MS = 120


class FindBar(QWidget):
    """Signals: ``query_changed(str)``, ``next_requested()``, ``previous_requested()``, ``closed()``."""

    query_changed = Signal(str)
    next_requested = Signal()
    previous_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.field = QLineEdit(self)
        self.field.setClearButtonEnabled(True)
        self.field.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # queries are Arabic
        self.field.installEventFilter(self)
        self.count_label = QLabel(self)
        self.count_label.setMinimumWidth(64)
        self.previous_button = QToolButton(self)
        set_icon(self.previous_button, "fa6s.chevron-up", "go-up")
        self.previous_button.clicked.connect(self.previous_requested)
        self.next_button = QToolButton(self)
        set_icon(self.next_button, "fa6s.chevron-down", "go-down")
        self.next_button.clicked.connect(self.next_requested)
        self.close_button = QToolButton(self)
        set_icon(self.close_button, "fa6s.xmark", "window-close")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.close_bar)
        self._label = QLabel(self)
        for widget in (self._label, self.field, self.count_label, self.previous_button, self.next_button):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.close_button)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(lambda: self.query_changed.emit(self.field.text()))
        self.field.textChanged.connect(lambda _text: self._debounce.start())
        self.retranslate()

    def retranslate(self) -> None:
        self._label.setText(self.tr("Find:"))
        self.field.setPlaceholderText(self.tr("Word or name (diacritics and letter variants ignored)"))
        self.previous_button.setToolTip(self.tr("Previous match (Shift+F3)"))
        self.next_button.setToolTip(self.tr("Next match (F3)"))
        self.close_button.setToolTip(self.tr("Close (Esc)"))

    def open_bar(self, text: str = "") -> None:
        """Show the bar and focus the query (prefilled with ``text`` when given)."""
        if text:
            self.field.setText(text)
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def flush(self) -> None:
        """Search now instead of after the typing pause (tests, Enter)."""
        if self._debounce.isActive():
            self._debounce.stop()
            self.query_changed.emit(self.field.text())

    def set_position(self, current: int, total: int) -> None:
        """Show "current / total" (1-based), "no matches", or nothing for an empty query."""
        if not self.field.text().strip():
            self.count_label.setText("")
        elif total == 0:
            self.count_label.setText(self.tr("no matches"))
        else:
            self.count_label.setText(f"{current} / {total}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.field
            and event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            event.accept()  # Esc closes the bar here, not the window's Esc shortcut (Stop Analysis)
            return False
        if watched is self.field and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.flush()
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.previous_requested.emit()
                else:
                    self.next_requested.emit()
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)


class TextFinder(QObject):
    """Find in the article the ``view`` shows, driven by ``bar``."""

    def __init__(self, bar: FindBar, view: ReadingView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bar = bar
        self.view = view
        self.matches = MatchCursor()
        self._folded: FoldedText | None = None  # textmatch.FoldedText of the view's text, made on the first search
        # Where this Find starts: the selected word when the bar was opened
        # on one, else the start of the text. It stays while the query is
        # typed: each refinement starts there again, not after the match
        # the previous keystroke went to.
        self._origin = 0
        bar.query_changed.connect(self.find)
        bar.next_requested.connect(self.find_next)
        bar.previous_requested.connect(self.find_previous)
        bar.closed.connect(self._on_closed)

    def reset(self) -> None:
        """A new text: forget the matches and close the bar."""
        self._folded = None
        if self.bar.isVisible():
            self.bar.close_bar()

    def open_find(self) -> None:
        """Show the bar, prefilled with the selection when it is on one line.

        The first match shown is the first in the text, or the selected one.
        """
        start, end = self.view.selection_offsets()
        source = self.view.source
        selected = source.text[start:end] if source is not None and end > start else ""
        selected = "" if "\n" in selected else selected
        self._origin = start if selected else 0
        self.bar.open_bar(selected)
        if selected:
            self.bar.flush()

    def find(self, query: str) -> list[tuple[int, int]]:
        """Show the matches of ``query`` and go to the first one from where this Find started."""
        source = self.view.source
        if source is None:
            return []
        if self._folded is None or self._folded.text is not source.text:
            from reader.analysis.textmatch import FoldedText  # camel-tools is slow to import: on first use

            self._folded = FoldedText(source.text)
        self.matches.set_matches(self._folded.find_all(query), self._origin)
        self._show()
        return self.matches.spans

    def find_next(self) -> None:
        self._step(+1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if not self.bar.isVisible():
            self.open_find()
            return
        self.bar.flush()
        if self.matches.spans:
            self.matches.step(step)
            self._show()

    def _show(self) -> None:
        self.view.set_find_matches(self.matches.spans, self.matches.index)
        self.bar.set_position(*self.matches.position())

    def _on_closed(self) -> None:
        self.matches.clear()
        self.view.set_find_matches([])
        self.view.setFocus()
