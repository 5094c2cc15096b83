"""One open article's corrections: correct, undo, redo, change the lexicon; every step persisted.

The window keeps one ``DocumentSession`` per open article and drives it from
its undo stack (one command per call); the session keeps the store and what
the reader sees in step:

    session = DocumentSession(model_analysis, store)
    session.correct(Mark(10, 16, EntityType.PLACE))    # shown and stored
    session.undo()                                      # the store marks it undone
    session.redo()
    session.set_lexicon_entry("رويترز", EntityType.ORGANIZATION)

Each of them returns quickly: a correction costs one regrouping, an undo
restores the state kept from before it, a lexicon change matches the
lexicon again and replays the article's corrections (``docs/corrections.md``
has the timings). A view repaints only the highlights that differ (the
reading view's painter compares them).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TypeVar

from reader.corrections.engine import CorrectedState, Corrector
from reader.corrections.kinds import Correction
from reader.corrections.lexicon import Lexicon, LexiconEntry
from reader.corrections.store import UserStore
from reader.document import Analysis, document_key
from reader.entity_types import EntityType

T = TypeVar("T")


class SessionError(Exception):
    """A change was shown but could not be stored; ``str(error)`` is one line for the status bar."""


class DocumentSession:
    """The lexicon and corrections of one open article (``store`` None: nothing is stored)."""

    def __init__(
        self, model: Analysis, store: UserStore | None, *, warn: Callable[[str], None] = lambda message: None
    ) -> None:
        self.model = model
        self.store = store
        self.key = document_key(model.source.text)
        self._warn = warn
        no_corrections: list[Correction] = []
        corrections = self._read(lambda s: s.corrections(self.key), no_corrections)
        self._applied: list[Correction] = []
        self._states: list[CorrectedState] = []  # _states[i]: the state before _applied[i]
        self._undone: list[Correction] = []  # most recently undone last
        self._rebuild(corrections)

    @property
    def analysis(self) -> Analysis:
        """What the reader sees now."""
        return self._corrector.analysis()

    @property
    def lexicon(self) -> Lexicon:
        return self._corrector_lexicon

    @property
    def depth(self) -> int:
        """How many corrections are applied (stored and not undone)."""
        return len(self._applied)

    @property
    def can_undo(self) -> bool:
        return bool(self._applied)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    # -- corrections ----------------------------------------------------------------------

    def correct(self, correction: Correction) -> bool:
        """Apply ``correction`` and store it; False if it changes nothing (then nothing is stored).

        Raises SessionError when it could not be stored (it is shown all the same).
        """
        before = self._corrector.state
        if not self._corrector.apply(correction):
            return False
        self._states.append(before)
        self._applied.append(correction)
        self._undone.clear()
        self._write(lambda s: s.add_correction(self.model.source, correction))
        return True

    def undo(self) -> Correction | None:
        """Take back the last correction (stored as undone); the one taken back, or None."""
        if not self._applied:
            return None
        correction = self._applied.pop()
        self._corrector.state = self._states.pop()
        self._undone.append(correction)
        self._write(lambda s: s.undo(self.key))
        return correction

    def redo(self) -> Correction | None:
        """Apply again the correction undone last; the one redone, or None."""
        if not self._undone:
            return None
        correction = self._undone.pop()
        before = self._corrector.state
        self._corrector.apply(correction)  # it applied before, in this same state
        self._states.append(before)
        self._applied.append(correction)
        self._write(lambda s: s.redo(self.key))
        return correction

    # -- the lexicon -----------------------------------------------------------------------

    def set_lexicon_entry(self, text: str, entity_type: EntityType | None) -> LexiconEntry | None:
        """Always tag ``text`` as ``entity_type`` (None: never), in this and every article;
        the entry it replaced (for undo). CorrectionError for a text that cannot be an entry."""
        new = LexiconEntry(text.strip(), entity_type)
        previous = self._corrector_lexicon.by_key.get(new.key)
        self.replace_lexicon_entry(previous, new)
        return previous

    def replace_lexicon_entry(self, old: LexiconEntry | None, new: LexiconEntry | None) -> None:
        """Put ``new`` where ``old`` was (either may be None: an addition, a removal) and show the result."""
        entries = {e.key: e for e in self._corrector_lexicon.entries}
        if old is not None:
            entries.pop(old.key, None)
        if new is not None:
            entries[new.key] = new
        try:
            self._write(lambda s: s.replace_lexicon_entry(old, new))
        finally:
            self._rebuild(self._applied, Lexicon(entries.values()))

    def reload_lexicon(self) -> None:
        """Read the lexicon again (another window or the Lexicon dialog changed it)."""
        self._rebuild(self._applied)

    # -- inside --------------------------------------------------------------------------

    def _rebuild(self, corrections: list[Correction], lexicon: Lexicon | None = None) -> None:
        """Start again from the model: ``lexicon`` (default: the stored one), then ``corrections``."""
        if lexicon is None:
            lexicon = self._read(lambda s: s.lexicon(), Lexicon())
        self._corrector_lexicon = lexicon
        self._corrector = Corrector(self.model, lexicon)
        # Every stored correction keeps its place, applying or not, so that undo
        # here and in the store take back the same one.
        self._applied, self._states = list(corrections), []
        for correction in self._applied:
            self._states.append(self._corrector.state)
            self._corrector.apply(correction)

    def _read(self, read: Callable[[UserStore], T], default: T) -> T:
        if self.store is None:
            return default
        try:
            return read(self.store)
        except sqlite3.Error as error:
            self._warn(f"cannot read your corrections: {' '.join(str(error).split())}")
            return default

    def _write(self, write: Callable[[UserStore], object]) -> None:
        if self.store is None:
            return
        try:
            write(self.store)
        except sqlite3.Error as error:
            raise SessionError(f"cannot save the change: {' '.join(str(error).split())}") from None
