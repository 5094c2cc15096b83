"""The article the window shows and the background jobs that load and analyze it.

One ``ArticleSession`` per window. ``open(path)`` reads the file off the UI
thread (``AnalysisWorker.open``) and, once it is read, analyzes it; the
window only listens:

- ``opened(Source)``: show the text (the previous article stays until then);
- ``open_failed(path, message)``: one line; the previous article stays, and
  its analysis resumes if opening interrupted it;
- ``analyzed(Analysis, final)``: results to show, partial ones first;
- ``progressed(fraction)``, ``stage_started(stage)``, ``failed(message)``,
  ``stopped()``.

Stages: the offline model first; then, if ``second_stage()`` gives a
recognizer factory (camel-tools' BERT when the reader asked for it), a
second job over the same text. The second stage's partial results are not
shown (they cover only the start of the text and would hide the offline
results of the rest); its final result replaces the offline one, and
stopping it keeps the offline one.

Every job has a generation number (``AnalysisWorker`` gives it); whatever a
job other than the last one started reports is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from reader.document import Analysis, Source
from reader.jobs import OFFLINE_STAGE, AnalysisUpdate, HighlightSpan, RecognizerFactory, SpanChanges
from reader.ui.jobs.worker import AnalysisWorker

OFFLINE, SECOND = OFFLINE_STAGE, "bert"


class ArticleSession(QObject):
    """The shown ``source`` and ``analysis``; ``complete`` once the last stage has reported."""

    opening = Signal(str)  # path being read
    opened = Signal(object)  # Source
    open_failed = Signal(str, str)  # path, one-line message
    analyzed = Signal(object, bool)  # Analysis, final (of its stage)
    progressed = Signal(float)  # fraction of the running job
    stage_started = Signal(str)  # OFFLINE or SECOND
    failed = Signal(str)  # one-line message
    stopped = Signal()  # a job was stopped; what was shown stays

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        recognizer_factory: RecognizerFactory | None = None,
        second_stage: Callable[[], RecognizerFactory | None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self._recognizer_factory = recognizer_factory
        self._second_stage = second_stage
        # The default recognizer runs in a child process (no GIL shared with the UI).
        self.worker = AnalysisWorker(self, use_process=recognizer_factory is None)
        self.worker.loaded.connect(self._on_loaded)
        self.worker.load_failed.connect(self._on_load_failed)
        self.worker.progressed.connect(self._on_update)
        self.worker.failed.connect(self._on_failed)
        self.worker.stopped.connect(self._on_stopped)
        self.generation = 0  # the job started last
        self.source: Source | None = None
        self.analysis: Analysis | None = None
        self.spans: frozenset[HighlightSpan] = frozenset()  # the analysis' highlights (reader.jobs.highlight_spans)
        # What the analysis changes in the highlights of the one shown before it (None: not known).
        self.changes: SpanChanges | None = None
        self._shown_generation = -1  # the job whose every update so far was shown
        self.offline_done = False  # the offline stage's final result is shown
        self.complete = False  # the last stage has reported (or failed, or was stopped after the first)
        self.stage = ""  # the stage running now, "" when none
        self.opening_path: str | None = None  # a file being read

    # --- requests

    def open(self, path: str | Path, encoding: str | None = None) -> None:
        """Read ``path`` (``encoding`` forces a codec) in the background, then analyze it."""
        self.opening_path = str(path)
        self.stage = OFFLINE
        self.generation = self.worker.open(self.opening_path, encoding, self._recognizer_factory, OFFLINE)
        self.opening.emit(self.opening_path)

    def show(self, source: Source) -> None:
        """Show ``source`` (text already loaded) and analyze it."""
        self.opening_path = None
        self._adopt(source)
        self._start(self._recognizer_factory, OFFLINE)

    def run_second_stage(self) -> bool:
        """Run the second stage now on the article shown (the reader just asked for it).

        Only when the offline results are complete and nothing else runs;
        True when it started.
        """
        if self.source is None or not self.offline_done or self.stage or self.opening_path is not None:
            return False
        factory = self._second_stage()
        if factory is None:
            return False
        self.complete = False
        self._start(factory, SECOND)
        return True

    def show_corrected(self, analysis: Analysis, spans: frozenset[HighlightSpan]) -> None:
        """The analysis shown from now on: the model's as the reader corrected it (what exports write)."""
        self.analysis = analysis
        self.spans = spans
        self.changes = None
        self._shown_generation = -1  # a job's next result changes its own last one, not this

    def reload_model(self) -> None:
        """The model in use changed (the reader's own, or back to the shipped one): load it
        and analyze the article shown again."""
        self.worker.restart()
        if self.source is not None and self.opening_path is None:
            self.show(self.source)

    def cancel(self) -> bool:
        """Stop the running job (reading or analyzing); True when one was running."""
        if not self.worker.is_busy():
            return False
        self.worker.cancel()
        return True

    def is_busy(self) -> bool:
        return self.worker.is_busy()

    def warm_up(self) -> None:
        """Start the analysis process and load the model while the reader looks around."""
        self.worker.warm_up()

    def close(self) -> None:
        self.worker.close()

    # --- the worker's reports

    def _adopt(self, source: Source) -> None:
        self.source = source
        self.analysis = None
        self.spans = frozenset()
        self.changes = None
        self.offline_done = False
        self.complete = False
        self.opened.emit(source)

    def _start(self, factory: RecognizerFactory | None, stage: str) -> None:
        assert self.source is not None
        self.stage = stage
        self.generation = self.worker.start(self.source, factory, stage)
        self.stage_started.emit(stage)

    def _on_loaded(self, generation: int, source: Source) -> None:
        if generation != self.generation:
            return
        self.opening_path = None
        self._adopt(source)
        self.stage_started.emit(OFFLINE)  # the worker goes on to analyze it

    def _on_load_failed(self, generation: int, message: str) -> None:
        if generation != self.generation:
            return
        self._open_ended()
        self.open_failed.emit(self.opening_path or "", message)
        self.opening_path = None

    def _open_ended(self) -> None:
        """Opening failed or was stopped: the shown article carries on where it was."""
        self.stage = ""
        if self.source is not None and not self.offline_done:
            self._start(self._recognizer_factory, OFFLINE)  # reading the new file interrupted it
        elif self.source is not None:
            self.complete = True  # a second stage, if any, was interrupted: the offline results stand

    def _on_update(self, update: AnalysisUpdate) -> None:
        if update.generation != self.generation:
            return  # a result for an article no longer shown
        self.progressed.emit(update.fraction)
        if update.stage == SECOND and not update.final:
            self._shown_generation = -1  # its changes are against a result not shown
            return  # kept back: it covers only the start of the text
        follows = self._shown_generation == update.generation and self.analysis is not None
        self.changes = update.changes if follows else None
        self._shown_generation = update.generation
        self.analysis = update.analysis
        self.spans = update.spans
        if update.final and update.stage == OFFLINE:
            self.offline_done = True
            factory = self._second_stage()
            if factory is not None:
                self.analyzed.emit(update.analysis, True)
                self._start(factory, SECOND)
                return
        if update.final:
            self.complete = True
            self.stage = ""
        self.analyzed.emit(update.analysis, update.final)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation != self.generation:
            return
        if self.opening_path is not None:  # the process died while reading
            self._on_load_failed(generation, message)
            return
        self.stage = ""
        self.complete = True
        self.failed.emit(message)

    def _on_stopped(self, generation: int) -> None:
        if generation != self.generation:
            return
        stage, self.stage = self.stage, ""
        if stage == SECOND:
            self.complete = True  # the offline results stand
        was_opening, self.opening_path = self.opening_path is not None, None
        self.stopped.emit()
        if was_opening:  # the reader stopped the reading: the article shown carries on
            self._open_ended()
