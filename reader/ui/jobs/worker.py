"""Work off the UI thread: loading and analysis one job at a time, stale results dropped; short tasks.

The window asks ``AnalysisWorker.open(path, encoding, generation)`` (load the
file, then analyze it) or ``start(source, generation)`` (analyze a Source it
has), and listens to ``loaded``, ``load_failed`` and ``progressed``; it never
calls the loader or the pipeline itself. A job with the default recognizer
runs in the analysis child process (``analysis_process.py``); a job with a
recognizer of its own (BERT, tests) runs ``iter_analysis`` on a pool thread.
Either way each ``AnalysisProgress`` comes back as an ``AnalysisUpdate``
carrying the job's generation number; the window drops any update whose
generation is not the document it shows now (ReText's converter process
works the same way).

Cancelling sets a flag the job reads between chunks: the pipeline does no
work past the chunk in progress, so a cancelled job ends within one chunk.

``BackgroundTask`` runs one short call (an export) on a thread and reports
its result or a one-line error.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from reader.analysis.recognizer import Recognizer
from reader.document import Analysis, Source
from reader.errors import one_line
from reader.ui.analysis_process import PARTIAL_INTERVAL_S, AnalysisProcess, load_article  # shared by both kinds of job
from reader.ui.article.qt_highlighter import highlight_spans

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
    spans: frozenset = frozenset()  # qt_highlighter.highlight_spans of the mentions, made off the UI thread


class _Signals(QObject):
    # Lives in the UI thread; emitting from the pool thread queues to receivers there.
    loaded = Signal(int, object)  # generation, Source: the file of an open() job was read
    load_failed = Signal(int, str)  # generation, one-line message: the file could not be read
    progressed = Signal(object)  # AnalysisUpdate
    failed = Signal(int, str)  # generation, one-line message
    stopped = Signal(int)  # generation: the job ended after being cancelled


def _emit(signal, *args) -> None:
    # The window may be gone (app quitting while a chunk finishes): nobody to tell.
    with contextlib.suppress(RuntimeError):
        signal.emit(*args)


class _Job(QRunnable):
    def __init__(
        self,
        signals: _Signals,
        source: Source | tuple[str, str | None],
        generation: int,
        factory: RecognizerFactory | None,
        stage: str,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the worker keeps a reference to cancel it
        self.signals = signals
        self.source = source  # a Source, or (path, encoding) to load first
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
        except Exception as error:
            if not self.cancelled.is_set():
                _emit(self.signals.failed, self.generation, one_line(error))
        finally:
            self.done.set()

    def _analyze(self) -> None:
        if self.cancelled.is_set():
            _emit(self.signals.stopped, self.generation)
            return
        if not isinstance(self.source, Source):
            source, error = load_article(*self.source)
            if self.cancelled.is_set():  # cancelled, or another file asked for, while reading
                _emit(self.signals.stopped, self.generation)
                return
            if source is None:
                _emit(self.signals.load_failed, self.generation, error)
                return
            self.source = source
            _emit(self.signals.loaded, self.generation, source)
        # Imported here, on the pool thread and after the file is shown: the
        # pipeline pulls in camel-tools and the model (seconds, the first time).
        from reader.analysis.pipeline import iter_analysis

        recognizer = self.factory() if self.factory is not None else None
        last_report = 0.0
        assert isinstance(self.source, Source)  # loaded above
        for step in iter_analysis(self.source, recognizer):
            if self.cancelled.is_set():
                _emit(self.signals.stopped, self.generation)
                return  # leaving the generator stops the pipeline
            now = time.monotonic()
            if step.final or now - last_report >= PARTIAL_INTERVAL_S:
                last_report = now
                spans = highlight_spans(step.analysis.mentions)
                update = AnalysisUpdate(self.generation, step.fraction, step.analysis, step.final, self.stage, spans)
                _emit(self.signals.progressed, update)


class AnalysisWorker(QObject):
    """Runs one analysis job at a time on its own thread pool.

    Signals: ``loaded(generation, Source)`` and ``load_failed(generation,
    message)`` for ``open`` jobs, then ``progressed(AnalysisUpdate)``,
    ``failed(generation, message)``, ``stopped(generation)`` (a cancelled job
    has ended).
    """

    def __init__(self, parent: QObject | None = None, *, use_process: bool = False) -> None:
        super().__init__(parent)
        # use_process: jobs with the default recognizer run in a child process
        # (analysis_process.py: no GIL shared with the UI); jobs with a
        # recognizer factory (tests, BERT) run on the thread pool.
        self._use_process = use_process
        self._process: AnalysisProcess | None = None
        self._process_busy: int | None = None  # generation the child is working on
        self._signals = _Signals(self)
        self.loaded = self._signals.loaded
        self.load_failed = self._signals.load_failed
        self.progressed = self._signals.progressed
        self.failed = self._signals.failed
        self.stopped = self._signals.stopped
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one job at a time; a new one waits for the cancelled one's chunk
        self._job: _Job | None = None

    def open(
        self,
        path: str,
        encoding: str | None,
        generation: int,
        recognizer_factory: RecognizerFactory | None = None,
        stage: str = "offline",
    ) -> None:
        """Cancel the running job (if any), read ``path`` (``encoding``: forced codec), then analyze it.

        The loader parses HTML and Markdown in pure Python (about a second
        for a 1 MB page), so it runs where the analysis does: ``loaded`` or
        ``load_failed`` comes first, then the analysis signals.
        """
        self._submit((str(path), encoding), generation, recognizer_factory, stage)

    def start(
        self,
        source: Source,
        generation: int,
        recognizer_factory: RecognizerFactory | None = None,
        stage: str = "offline",
    ) -> None:
        """Cancel the running job (if any) and analyze ``source``."""
        self._submit(source, generation, recognizer_factory, stage)

    def warm_up(self) -> None:
        """Start the child process and load the model while nothing else runs (no-op for threads)."""
        if not self._use_process or self._process is not None:
            return
        try:
            self._ensure_process().warm_up()
        except (OSError, ValueError, RuntimeError):
            self._use_process = False

    def _ensure_process(self):
        if self._process is None or not self._process.is_alive():
            self._process = AnalysisProcess(self._on_process_message)
        return self._process

    def _submit(
        self,
        job: Source | tuple[str, str | None],
        generation: int,
        recognizer_factory: RecognizerFactory | None,
        stage: str,
    ) -> None:
        self.cancel()
        if self._use_process and recognizer_factory is None:
            try:
                process = self._ensure_process()
                self._process_busy = generation
                if isinstance(job, Source):
                    process.submit(generation, job, stage)
                else:
                    process.open(generation, job[0], job[1], stage)
                return
            except (OSError, ValueError, RuntimeError):
                # No child process here (a sandbox, a broken pipe): the thread pool still works.
                self._use_process = False
                self._process_busy = None
        self._job = _Job(self._signals, job, generation, recognizer_factory, stage)
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
        if kind == "loaded":
            _emit(self.loaded, generation, message[2])
        elif kind == "progress":
            _kind, _generation, fraction, final, analysis, stage, spans = message
            if final and generation == self._process_busy:
                self._process_busy = None
            _emit(self.progressed, AnalysisUpdate(generation, fraction, analysis, final, stage, spans))
        else:
            if generation == self._process_busy:
                self._process_busy = None
            if kind == "failed":
                _emit(self.failed, generation, message[2])
            elif kind == "load_failed":
                _emit(self.load_failed, generation, message[2])
            else:
                _emit(self.stopped, generation)

    @property
    def job_thread_id(self) -> int | None:
        """The thread the current (or last) job ran on: never the UI thread."""
        return self._job.thread_id if self._job is not None else None

    def wait(self, msecs: int = -1) -> bool:
        """Block until no job runs (used when the window closes); True when idle."""
        return self._pool.waitForDone(msecs)


class BackgroundTask(QObject):
    """One call at a time on a thread of its own: ``finished(result)`` or ``failed(message)``.

    For work that is quick on a news article but grows with the text (an
    export of a 100,000-word article renders for 0.15 s): in the UI thread
    it would freeze the window for that long.
    """

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._running = threading.Event()

    def run(self, function: Callable[..., object], *args: object) -> None:
        """Call ``function(*args)`` off the UI thread (after the running call, if any)."""

        def call() -> None:
            self._running.set()
            try:
                result = function(*args)
            except Exception as error:
                _emit(self.failed, one_line(error))
            else:
                _emit(self.finished, result)
            finally:
                self._running.clear()

        self._running.set()
        self._pool.start(call)

    def is_busy(self) -> bool:
        return self._running.is_set()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the call ends (the window is closing); True when idle."""
        return self._pool.waitForDone(msecs)
