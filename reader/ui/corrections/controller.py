"""The reader's corrections in the window: one controller, an undo stack, every step stored.

``CorrectionController`` holds the open article's ``DocumentSession``
(``reader.corrections.session``: the model's analysis with the lexicon and
the article's corrections applied) and a ``QUndoStack``. The window hands it
each final analysis of the model (``set_model_analysis``); the menus hand it
what the reader asks for (``mark``, ``retype``, ``always``…); it pushes one
undo command per request and reports the corrected analysis with
``changed(Analysis, spans)`` — ``spans`` being the stretches of text whose
highlights differ, so only those are repainted.

Undo and redo (Edit menu, Ctrl+Z / Ctrl+Shift+Z) last until another article
is opened; each one is stored as it happens (an undone correction is kept
as undone, so the command line and a later session agree). The store is
opened on first use; when it cannot be, corrections still work for the
session and ``message`` says in one line why they will not be kept.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.corrections.kinds import Correction, CorrectionError, Mark, Merge, Rename, Retype, Split, Unmark
from reader.document import Analysis
from reader.entity_types import EntityType
from reader.errors import one_line
from reader.storage import StorageError

if TYPE_CHECKING:  # imported on first use: they pull in camel-tools, seconds at start
    from reader.corrections.lexicon import LexiconEntry
    from reader.corrections.session import DocumentSession
    from reader.corrections.store import UserStore


def type_name(entity_type: EntityType) -> str:
    """One of a type, in the UI language: "Person" (the legend's labels are plural: "People")."""
    names = {
        EntityType.PERSON: QCoreApplication.translate("Corrections", "Person"),
        EntityType.PLACE: QCoreApplication.translate("Corrections", "Place"),
        EntityType.ORGANIZATION: QCoreApplication.translate("Corrections", "Organization"),
        EntityType.FIGURE: QCoreApplication.translate("Corrections", "Figure"),
    }
    return names[entity_type]


class CorrectionController(QObject):
    """Corrections of the article shown. Signals: ``changed(Analysis)`` (the analysis to
    show), ``message(str)`` (one line), ``lexicon_changed()``."""

    changed = Signal(object)
    message = Signal(str)
    lexicon_changed = Signal()

    def __init__(self, parent: QObject | None = None, *, open_store: Callable[[], UserStore] | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._open_store = open_store or self._open_default_store
        self._store: UserStore | None = None
        self._store_tried = False
        self.session: DocumentSession | None = None
        self._pending: Analysis | None = None  # a model analysis whose corrections are being applied
        #: Seconds the last change took, from the request to the corrected analysis (for the UI bench).
        self.last_change_s = 0.0

    def _open_default_store(self) -> UserStore:
        from reader.corrections.store import UserStore

        return UserStore.open(warn=self._warn)

    # -- the article ------------------------------------------------------------------------

    @property
    def analysis(self) -> Analysis | None:
        """The corrected analysis of the article shown, or None before its analysis is final."""
        return self.session.analysis if self.session is not None else None

    @property
    def settled(self) -> bool:
        """Whether the analysis shown has the reader's corrections (none is being applied)."""
        return self._pending is None

    def expect(self, analysis: Analysis) -> None:
        """The model's final analysis of the article shown: its corrections are being applied
        (``build_session`` off the UI thread, then ``adopt``).

        A new article (another text) starts a new undo history; a second
        stage over the same text (BERT) keeps it.
        """
        if self.session is None or self.session.key != _key(analysis):
            self.undo_stack.clear()
            self.session = None
        self._pending = analysis

    @staticmethod
    def warm_up() -> None:
        """Import what ``build_session`` needs (the engine, camel-tools' normalizers: about 30 ms)
        now, while the model works, rather than on the worker thread that would then hold the
        interpreter lock against the painting of the first highlights."""
        import reader.corrections.session  # noqa: F401

    def build_session(self, analysis: Analysis) -> DocumentSession:
        """The lexicon and corrections applied to ``analysis`` (any thread: it reads the
        store through a connection of its own, closed before returning)."""
        from reader.corrections.session import DocumentSession

        try:
            store: UserStore | None = self._open_store()
        except StorageError:
            store = None  # ``adopt`` says so, once, from the UI thread
        try:
            return DocumentSession(analysis, store, warn=self._warn)
        finally:
            if store is not None:
                store.close()

    def adopt(self, session: DocumentSession) -> bool:
        """Show ``session`` (made by ``build_session``) unless another analysis came since; whether shown."""
        if session.model is not self._pending:
            return False
        self._pending = None
        session.store = self.store()
        self.session = session
        self.changed.emit(session.analysis)
        return True

    def set_model_analysis(self, analysis: Analysis) -> Analysis:
        """``expect``, ``build_session`` and ``adopt`` in one go, on this thread; the corrected analysis."""
        self.expect(analysis)
        self.adopt(self.build_session(analysis))
        assert self.session is not None
        return self.session.analysis

    def clear(self) -> None:
        """Another article is being shown: no session, no undo history."""
        self.undo_stack.clear()
        self.session = None
        self._pending = None

    def store(self) -> UserStore | None:
        """The user's store, opened on first use (None, after one message, if it cannot be)."""
        if not self._store_tried:
            self._store_tried = True
            try:
                self._store = self._open_store()
            except StorageError as error:
                self._warn(
                    QCoreApplication.translate("Corrections", "Your corrections cannot be saved: {reason}").format(
                        reason=one_line(error)
                    )
                )
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    # -- what the reader asks for ----------------------------------------------------------

    def trimmed(self, start: int, end: int) -> tuple[int, int] | None:
        """``[start, end)`` without the white space at its edges; None if nothing is left (or no article)."""
        if self.session is None:
            return None
        text = self.session.model.source.text
        start, end = max(start, 0), min(end, len(text))
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if start < end else None

    def mark(self, start: int, end: int, entity_type: EntityType) -> bool:
        """The text ``[start, end)`` (white space at its edges left out) is a ``entity_type``."""
        span = self.trimmed(start, end)
        if span is None or self.session is None:
            return False
        start, end = span
        text = self.session.model.source.text
        label = QCoreApplication.translate("Corrections", "Mark “{text}” as {type}").format(
            text=_short(text[start:end]), type=type_name(entity_type)
        )
        return self._push([Mark(start, end, entity_type)], label)

    def unmark(self, start: int, end: int) -> bool:
        return self._push([Unmark(start, end)], QCoreApplication.translate("Corrections", "Remove highlight"))

    def split(self, start: int, end: int) -> bool:
        return self._push([Split(start, end)], QCoreApplication.translate("Corrections", "Split off"))

    def retype(self, entity_ids: Sequence[str], entity_type: EntityType) -> bool:
        label = QCoreApplication.translate("Corrections", "Change type to {type}").format(type=type_name(entity_type))
        return self._push([Retype(e, entity_type) for e in entity_ids], label)

    def rename(self, entity_id: str, name: str) -> bool:
        return self._push(
            [Rename(entity_id, name)],
            QCoreApplication.translate("Corrections", "Rename to “{name}”").format(name=_short(name)),
        )

    def merge(self, entity_ids: Sequence[str], into: str) -> bool:
        merged = [Merge(e, into) for e in entity_ids if e != into]
        return self._push(merged, QCoreApplication.translate("Corrections", "Merge"))

    def always(self, text: str, entity_type: EntityType) -> bool:
        """Always tag ``text`` as ``entity_type``, in every article (the lexicon)."""
        from reader.corrections.lexicon import LexiconEntry

        label = QCoreApplication.translate("Corrections", "Always tag “{text}” as {type}").format(
            text=_short(text), type=type_name(entity_type)
        )
        return self._push_lexicon(LexiconEntry(text.strip(), entity_type), label)

    def never(self, text: str) -> bool:
        """Never tag ``text``, in any article (the lexicon)."""
        from reader.corrections.lexicon import LexiconEntry

        return self._push_lexicon(
            LexiconEntry(text.strip(), None),
            QCoreApplication.translate("Corrections", "Never tag “{text}”").format(text=_short(text)),
        )

    def reload_lexicon(self) -> None:
        """The lexicon changed elsewhere (the Lexicon dialog): show it applied."""
        if self.session is not None:
            before = self.session.analysis
            self.session.reload_lexicon()
            self._changed(before, time.perf_counter())

    # -- inside -------------------------------------------------------------------------------

    def _push(self, corrections: Sequence[Correction], label: str) -> bool:
        if self.session is None or not corrections:
            return False
        command = _CorrectionCommand(self, corrections, label)
        self.undo_stack.push(command)  # deleted at once if it changed nothing (obsolete)
        return command.applied > 0

    def _push_lexicon(self, entry: LexiconEntry, label: str) -> bool:
        if self.session is None:
            return False
        try:
            entry.key  # noqa: B018 - a text that cannot be an entry says so now, in one line
        except CorrectionError as error:
            self.message.emit(one_line(error))
            return False
        previous = self.session.lexicon.by_key.get(entry.key)
        if previous == entry:
            return False
        self.undo_stack.push(_LexiconCommand(self, previous, entry, label))
        return True

    def _changed(self, before: Analysis, started: float) -> None:
        assert self.session is not None
        after = self.session.analysis
        self.last_change_s = time.perf_counter() - started
        if after is not before:
            self.changed.emit(after)

    def _stored(self, action: Callable[[], object]) -> object:
        """Run ``action``; a failure to store is one line (the change is shown all the same)."""
        from reader.corrections.session import SessionError

        try:
            return action()
        except SessionError as error:
            self.message.emit(one_line(error))
            return None

    def _warn(self, text: str) -> None:
        self.message.emit(one_line(text))


class _CorrectionCommand(QUndoCommand):
    """One request of the reader: one or more corrections (merging several entities is one step)."""

    def __init__(self, controller: CorrectionController, corrections: Sequence[Correction], label: str) -> None:
        super().__init__(label)
        self.controller = controller
        self.corrections = corrections
        self.applied = 0  # how many changed something (only those are undone)
        self.first = True

    def redo(self) -> None:
        session, started = self.controller.session, time.perf_counter()
        if session is None:
            return
        before = session.analysis
        if self.first:
            self.first = False
            depth = session.depth
            for correction in self.corrections:
                self.controller._stored(partial(session.correct, correction))
            self.applied = session.depth - depth
            if not self.applied:
                self.setObsolete(True)  # nothing changed: no empty step on the stack
                return
        else:
            for _ in range(self.applied):
                self.controller._stored(session.redo)
        self.controller._changed(before, started)

    def undo(self) -> None:
        session, started = self.controller.session, time.perf_counter()
        if session is None:
            return
        before = session.analysis
        for _ in range(self.applied):
            self.controller._stored(session.undo)
        self.controller._changed(before, started)


class _LexiconCommand(QUndoCommand):
    """A lexicon entry put in (or replaced); undo puts the old one back."""

    def __init__(
        self, controller: CorrectionController, old: LexiconEntry | None, new: LexiconEntry | None, label: str
    ) -> None:
        super().__init__(label)
        self.controller, self.old, self.new = controller, old, new

    def redo(self) -> None:
        self._replace(self.old, self.new)

    def undo(self) -> None:
        self._replace(self.new, self.old)

    def _replace(self, old: LexiconEntry | None, new: LexiconEntry | None) -> None:
        session, started = self.controller.session, time.perf_counter()
        if session is None:
            return
        before = session.analysis
        self.controller._stored(lambda: session.replace_lexicon_entry(old, new))
        self.controller._changed(before, started)
        self.controller.lexicon_changed.emit()


def _key(analysis: Analysis) -> str:
    from reader.document import document_key

    return document_key(analysis.source.text)


def _short(text: str, limit: int = 30) -> str:
    """``text`` on one line, cut to ``limit`` characters for a menu or an undo step."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
