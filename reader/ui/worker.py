"""Analysis off the UI thread: one job at a time, progress by signal, stale results dropped.

The window asks ``AnalysisWorker.start(source, generation)`` and listens to
``progressed``; it never calls the pipeline itself. A job runs
``reader.analysis.pipeline.iter_analysis`` on a pool thread and reports each
``AnalysisProgress`` as an ``AnalysisUpdate`` carrying the job's generation
number; the window drops any update whose generation is not the document it
shows now (ReText's converter process works the same way).

Cancelling sets a flag the job reads between chunks: the pipeline does no
work past the chunk in progress, so a cancelled job ends within one chunk.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from reader.analysis.recognizer import Recognizer
from reader.document import Analysis, Source
from reader.ui.analysis_process import PARTIAL_INTERVAL_S  # one throttle for both kinds of job

#: Builds the recognizer for a job, on the worker thread (loading a model is slow).
#: Returning None means the pipeline's default (offline) recognizer.
RecognizerFactory = Callable[[], Recognizer | None]



@dataclass(frozen=True, slots=True)
class AnalysisUpdate:
    """One step of a job: ``analysis`` covers the text analyzed so far."""

    generation: int
    fraction: float
    analysis: Analysis
    final: bool
    stage: str = ""  # what the job was started for, e.g. "offline" or "bert"


class _Signals(QObject):
    # Lives in the UI thread; emitting from the pool thread queues to receivers there.
    progressed = Signal(object)  # AnalysisUpdate
    failed = Signal(int, str)  # generation, one-line message
    stopped = Signal(int)  # generation: the job ended after being cancelled


def _emit(signal, *args) -> None:
    # The window may be gone (app quitting while a chunk finishes): nobody to tell.
    try:
        signal.emit(*args)
    except RuntimeError:
        pass


class _Job(QRunnable):
    def __init__(
        self,
        signals: _Signals,
        source: Source,
        generation: int,
        factory: RecognizerFactory | None,
        stage: str,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the worker keeps a reference to cancel it
        self.signals = signals
        self.source = source
        self.generation = generation
        self.factory = factory
        self.stage = stage
        self.cancelled = threading.Event()
        self.done = threading.Event()
        self.thread_id: int | None = None

    def run(self) -> None:
        self.thread_id = threading.get_ident()
        try:
            self._analyze()
        except Exception as error:  # noqa: BLE001 - any failure becomes one line for the status bar
            if not self.cancelled.is_set():
                message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
                _emit(self.signals.failed, self.generation, message)
        finally:
            self.done.set()

    def _analyze(self) -> None:
        # Imported here, on the pool thread: the pipeline pulls in camel-tools
        # and the model, which must not delay the window's first paint.
        from reader.analysis.pipeline import iter_analysis

        if self.cancelled.is_set():
            _emit(self.signals.stopped, self.generation)
            return
        recognizer = self.factory() if self.factory is not None else None
        last_report = 0.0
        for step in iter_analysis(self.source, recognizer):
            if self.cancelled.is_set():
                _emit(self.signals.stopped, self.generation)
                return  # leaving the generator stops the pipeline
            now = time.monotonic()
            if step.final or now - last_report >= PARTIAL_INTERVAL_S:
                last_report = now
                update = AnalysisUpdate(self.generation, step.fraction, step.analysis, step.final, self.stage)
                _emit(self.signals.progressed, update)


class AnalysisWorker(QObject):
    """Runs one analysis job at a time on its own thread pool.

    Signals: ``progressed(AnalysisUpdate)``, ``failed(generation, message)``,
    ``stopped(generation)`` (a cancelled job has ended).
    """

    def __init__(self, parent: QObject | None = None, *, use_process: bool = False) -> None:
        super().__init__(parent)
        # use_process: jobs with the default recognizer run in a child process
        # (analysis_process.py: no GIL shared with the UI); jobs with a
        # recognizer factory (tests, BERT) run on the thread pool.
        self._use_process = use_process
        self._process = None
        self._process_busy: int | None = None  # generation the child is working on
        self._signals = _Signals(self)
        self.progressed = self._signals.progressed
        self.failed = self._signals.failed
        self.stopped = self._signals.stopped
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one job at a time; a new one waits for the cancelled one's chunk
        self._job: _Job | None = None

    def start(
        self,
        source: Source,
        generation: int,
        recognizer_factory: RecognizerFactory | None = None,
        stage: str = "offline",
    ) -> None:
        """Cancel the running job (if any) and analyze ``source``."""
        self.cancel()
        if self._use_process and recognizer_factory is None:
            try:
                if self._process is None or not self._process.is_alive():
                    from reader.ui.analysis_process import AnalysisProcess

                    self._process = AnalysisProcess(self._on_process_message)
                self._process_busy = generation
                self._process.submit(generation, source, stage)
                return
            except (OSError, ValueError, RuntimeError):
                # No child process here (a sandbox, a broken pipe): the thread pool still works.
                self._use_process = False
                self._process_busy = None
        self._job = _Job(self._signals, source, generation, recognizer_factory, stage)
        self._pool.start(self._job)

    def cancel(self) -> None:
        """Ask the running job to stop after its current chunk; its results are not reported."""
        if self._job is not None:
            self._job.cancelled.set()
        if self._process is not None:
            self._process.cancel()

    def is_busy(self) -> bool:
        thread_busy = self._job is not None and not self._job.done.is_set()
        return thread_busy or self._process_busy is not None

    @property
    def process_id(self) -> int | None:
        """The analysis child process, when jobs run in one."""
        return self._process.pid if self._process is not None else None

    def close(self) -> None:
        """Stop every job and the child process (the window is closing)."""
        self.cancel()
        self._pool.waitForDone(5000)
        if self._process is not None:
            self._process.close()
            self._process = None

    def _on_process_message(self, message: tuple) -> None:
        # On the reader thread: emitting queues the signal to the UI thread.
        kind, generation = message[0], message[1]
        if kind == "progress":
            _kind, _generation, fraction, final, analysis, stage = message
            if final and generation == self._process_busy:
                self._process_busy = None
            _emit(self.progressed, AnalysisUpdate(generation, fraction, analysis, final, stage))
        else:
            if generation == self._process_busy:
                self._process_busy = None
            if kind == "failed":
                _emit(self.failed, generation, message[2])
            else:
                _emit(self.stopped, generation)

    @property
    def job_thread_id(self) -> int | None:
        """The thread the current (or last) job ran on: never the UI thread."""
        return self._job.thread_id if self._job is not None else None

    def wait(self, msecs: int = -1) -> bool:
        """Block until no job runs (used when the window closes); True when idle."""
        return self._pool.waitForDone(msecs)
