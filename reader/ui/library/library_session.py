"""The library's work off the UI thread: indexing, and the questions the view asks.

``LibraryIndexing`` runs the Qt-free ``reader.library.Indexer`` in a child
process (``reader.library.service.IndexingRun``: a thread would share the
interpreter lock with the UI) and reports by signal: the files settled (in
batches, so re-indexing 10,000 unchanged files does not flood the event
loop), that the library changed (the view reloads), and the summary.
``cancel()`` stops it at the next file; what is done is kept.

``LibraryQuestions`` adapts ``reader.library.service`` (the questions
answered in a child process, which shares no interpreter lock with the UI)
to signals: the entity list, the article list, an entity's details, the
exports. Each kind of question keeps only its latest request, and each
answer carries the number of the request it answers, so a slow old answer
never replaces a newer one.

Long-lived objects are moved out of the garbage collector's sight
(``gc.freeze``) when the questions start and when a list arrives: the
lists of a large library are tens of thousands of rows, and a full
collection walking them and every module's objects stalled the window
for 150–250 ms while it reloaded them.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

from reader.library.service import IndexingRun, QuestionService, rebuild

#: The answers that are whole lists (of entities, of articles).
_LISTS = frozenset({"entity_list", "article_list"})


def _emit(signal: SignalInstance, *args: Any) -> None:
    with contextlib.suppress(RuntimeError):  # the receiver is gone (the app is closing)
        signal.emit(*args)


class LibraryIndexing(QObject):
    """Indexes folders into the library at ``library`` off the UI process (``reader.library.service``).

    Signals: ``files_indexed(list[FileIndexed])``, ``changed(bool)`` (rows
    committed; True when entity statistics include them), ``warning(str)``
    (one line: e.g. the user's corrections could not be read, indexing goes
    on without them), ``finished(IndexSummary)``, ``failed(str)`` (one line:
    the library cannot be used). Articles are indexed with the user's
    lexicon, corrections and model, as the reader shows them.
    """

    files_indexed = Signal(list)
    changed = Signal(bool)
    warning = Signal(str)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(
        self, library: str | None, parent: QObject | None = None, *, jobs: int | None = None, use_process: bool = True
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.jobs = jobs
        self.use_process = use_process
        self._run: IndexingRun | None = None

    def is_running(self) -> bool:
        return self._run is not None and self._run.is_running()

    def start(self, paths: Sequence[str]) -> bool:
        """Index ``paths`` (files and folders); False if a run is already going."""
        if self.is_running() or not paths:
            return False
        self._run = IndexingRun(list(paths), self.library, self._report, jobs=self.jobs, use_process=self.use_process)
        return True

    def cancel(self) -> None:
        """Stop at the next file; ``finished`` follows with what was done."""
        if self._run is not None:
            self._run.cancel()

    def close(self, timeout_s: float = 10.0) -> None:
        if self._run is not None:
            self._run.cancel()
            self._run.wait(timeout_s)

    def _report(self, report: tuple[str, object]) -> None:
        # On the reader thread: each report becomes a signal, queued to the UI thread.
        kind, value = report
        signal = {
            "files": self.files_indexed,
            "changed": self.changed,
            "warning": self.warning,
            "finished": self.finished,
            "failed": self.failed,
        }[kind]
        _emit(signal, value)


class LibraryQuestions(QObject):
    """The library's questions, answered off the UI thread (``reader.library.service``: in a child
    process), reported by signal.

    ``ask(kind, question, *args)`` returns the request's number;
    ``answered(kind, number, answer)`` brings the answer back (the objects,
    rebuilt on the UI thread), or ``failed(kind, message)``. Only the latest request of each
    kind is answered.
    """

    answered = Signal(str, int, object)
    failed = Signal(str, str)
    _flat = Signal(str, int, object)  # from the reader thread: (question, flat answer)

    def __init__(self, library: str | None, parent: QObject | None = None, *, use_process: bool = True) -> None:
        super().__init__(parent)
        self._flat.connect(self._rebuilt)
        self.service = QuestionService(
            library,
            lambda kind, number, answer: _emit(self._flat, kind, number, answer),
            lambda kind, message: _emit(self.failed, kind, message),
            use_process=use_process,
            flat_answers=True,  # rebuilt on the UI thread (see reader.library.service)
        )
        gc.freeze()  # the modules, the model, the window: never garbage, no use walking them

    def ask(self, kind: str, question: str, *args: object) -> int:
        return self.service.ask(kind, question, *args)

    def _rebuilt(self, kind: str, number: int, flat: tuple[str, object]) -> None:
        if self.service.is_latest(kind, number):
            question, answer = flat
            if question in _LISTS:
                gc.freeze()  # before the models sort them: no full collection walks the rows
            self.answered.emit(kind, number, rebuild(question, answer))

    def is_latest(self, kind: str, number: int) -> bool:
        return self.service.is_latest(kind, number)

    def close(self, timeout_s: float = 5.0) -> None:
        self.service.close(timeout_s)
