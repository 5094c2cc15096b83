"""The reading view's document for one text: prepared off the UI thread, filled in slices.

``ShownDocument.show(text)`` returns an empty ``QTextDocument`` at once and
fills it:

1. ``shown_text(text)`` works out what the document holds (controls as
   labels, long paragraphs in pieces) and the ``Utf16Index``: on a thread
   when the text is long (a 1,000,000-word article is 6 MB: 50 ms of
   regular expressions here), at once when it is short;
2. the text goes into the document in slices of at most ``FILL_SLICE_MS``,
   the event loop running between them, each slice one edit block ending
   at a line break where it can (``setPlainText`` of 6 MB froze the window
   for 0.3–0.5 s); the labels' formats follow each slice.

Signals: ``prepared()`` (``index`` and ``shown`` are known), ``grown(units)``
(the document now holds that many units), ``completed()``. A text shown
after another one makes the older one's reports stale: they are dropped.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor, QTextDocument

from reader.ui.article.offsets import Utf16Index
from reader.ui.article.qt_control_labels import ControlLabels, control_format
from reader.ui.article.shown_text import ShownText, shown_text

#: Texts up to this long are prepared and filled at once (a few ms); longer ones in the background.
AT_ONCE_CHARS = 150_000
#: Characters inserted per step (one edit block); steps run until FILL_SLICE_MS is used.
FILL_CHUNK = 100_000
FILL_SLICE_MS = 12


class ShownDocument(QObject):
    """The document the view shows, and how far it is filled."""

    prepared = Signal()
    grown = Signal(int)  # units now in the document
    completed = Signal()
    _ready = Signal(int, object)  # generation, ShownText: from the preparing thread

    def __init__(self, new_document: Callable[[], QTextDocument], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._new_document = new_document
        self._generation = 0
        self.document = new_document()
        self.shown: ShownText | None = None
        self.index = Utf16Index("")
        self._text = ""  # the text to show, until start()
        self._completed = False  # completed was emitted
        self._chars = 0  # characters of shown.text in the document
        self._units = 0  # units in the document
        self._control = 0  # the next control whose label format is due
        self._ready.connect(self._on_ready)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._fill_slice)

    def show(self, text: str) -> QTextDocument:
        """A new, empty document that will hold ``text``; ``start()`` fills it (see the module docstring)."""
        self._generation += 1
        self._timer.stop()
        self.document = self._new_document()
        ControlLabels.install(self.document)
        self.shown = None
        self.index = Utf16Index("")
        self._text = text
        self._chars = self._units = self._control = 0
        self._completed = False
        return self.document

    def start(self) -> None:
        """Fill the document: a short text now, a long one in the background and in slices."""
        text, self._text = self._text, ""
        if len(text) <= AT_ONCE_CHARS:
            self._adopt(shown_text(text))
            self._fill(deadline=None)
        else:
            generation = self._generation
            threading.Thread(target=self._prepare, args=(generation, text), name="shown-text", daemon=True).start()

    @property
    def units(self) -> int:
        """Units of the text in the document so far."""
        return self._units

    def is_complete(self) -> bool:
        return (
            self.shown is not None and self._chars >= len(self.shown.text) and self._control >= len(self.shown.controls)
        )

    def finish(self) -> None:
        """Fill the rest now (screenshots, tests); waits for the preparation if needed."""
        from PySide6.QtCore import QCoreApplication

        while self.shown is None and self._generation and not self._text:
            QCoreApplication.processEvents()
            time.sleep(0.001)
        self._timer.stop()
        self._fill(deadline=None)

    # --- preparing and filling

    def _prepare(self, generation: int, text: str) -> None:
        try:
            shown = shown_text(text)
        except Exception:  # never expected; the view must not stay empty
            shown = ShownText(text, Utf16Index(text), ())
        with contextlib.suppress(RuntimeError):  # the view is gone
            self._ready.emit(generation, shown)

    def _on_ready(self, generation: int, shown: ShownText) -> None:
        if generation == self._generation and self.shown is None:
            self._adopt(shown)
            self._fill_slice()

    def _adopt(self, shown: ShownText) -> None:
        self.shown = shown
        self.index = shown.index
        self.prepared.emit()

    def _fill_slice(self) -> None:
        self._fill(deadline=time.perf_counter() + FILL_SLICE_MS / 1000)
        if not self.is_complete():
            self._timer.start()

    def _fill(self, deadline: float | None) -> None:
        shown = self.shown
        if shown is None:
            return
        text, controls = shown.text, shown.controls
        grew = False
        cursor = QTextCursor(self.document)
        while not self.is_complete():
            if self._control < len(controls) and controls[self._control][0] < self._units:
                # Labels of the text already in: merged, so a highlight painted meanwhile stays.
                position, control = controls[self._control]
                cursor.setPosition(position)
                cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(control_format(control))
                self._control += 1
            else:
                end = min(len(text), self._chars + FILL_CHUNK)
                if end < len(text):
                    line_end = text.rfind("\n", self._chars + FILL_CHUNK // 2, end)
                    end = line_end + 1 if line_end >= 0 else end
                cursor.movePosition(QTextCursor.MoveOperation.End)
                cursor.beginEditBlock()
                cursor.insertText(text[self._chars : end])
                cursor.endEditBlock()
                self._chars = end
                self._units = self.document.characterCount() - 1
                grew = True
            if deadline is not None and (self._control % 64 == 0 or grew) and time.perf_counter() > deadline:
                break
        if grew:
            self.grown.emit(self._units)
        if self.is_complete() and not self._completed:
            self._completed = True
            self.completed.emit()
