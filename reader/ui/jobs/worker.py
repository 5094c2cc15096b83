"""Work off the UI thread, reported by Qt signals: analysis jobs, and short tasks.

``AnalysisWorker`` adapts the Qt-free ``reader.jobs.JobRunner`` to signals.
``open(path, encoding)`` reads a file and then analyzes it, ``start(source)``
analyzes a Source already read; both return the job's generation number.
The runner reports on a background thread; each report is re-emitted as a
signal, which Qt queues to receivers in the UI thread. A receiver (the
``ArticleSession``) drops whatever is not about the job it started last.
Nothing here calls the loader or the pipeline: the runner does, in the
analysis process or on its thread (see ``reader.jobs``).

``BackgroundTask`` runs one short call (an export) on a thread and reports
its result or a one-line error.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, SignalInstance

from reader.document import Source
from reader.errors import one_line
from reader.jobs import (
    AnalysisUpdate,
    Job,
    JobFailed,
    JobRunner,
    JobStopped,
    Loaded,
    LoadFailed,
    RecognizerFactory,
    Report,
)


def _emit(signal: SignalInstance, *args: Any) -> None:
    # The receiver may be gone (app quitting while a chunk finishes): nobody to tell.
    with contextlib.suppress(RuntimeError):
        signal.emit(*args)


class AnalysisWorker(QObject):
    """Runs one analysis job at a time off the UI thread and reports by signal.

    Signals: ``loaded(generation, Source)`` and ``load_failed(generation,
    message)`` for ``open`` jobs, then ``progressed(AnalysisUpdate)``,
    ``failed(generation, message)``, ``stopped(generation)`` (a cancelled
    job has ended). With ``use_process`` jobs with the default recognizer
    run in the analysis child process.
    """

    loaded = Signal(int, object)  # generation, Source: the file of an open() job was read
    load_failed = Signal(int, str)  # generation, one-line message: the file could not be read
    progressed = Signal(object)  # AnalysisUpdate
    failed = Signal(int, str)  # generation, one-line message
    stopped = Signal(int)  # generation: the job ended after being cancelled

    def __init__(self, parent: QObject | None = None, *, use_process: bool = False) -> None:
        super().__init__(parent)
        self._runner = JobRunner(self._on_report, use_process=use_process)

    def open(
        self,
        path: str,
        encoding: str | None = None,
        recognizer_factory: RecognizerFactory | None = None,
        stage: str = "offline",
    ) -> int:
        """Stop the running job (if any), read ``path`` (``encoding``: forced codec), then analyze it.

        The loader parses HTML and Markdown in pure Python (about a second
        for a 1 MB page), so it runs where the analysis does: ``loaded`` or
        ``load_failed`` comes first, then the analysis signals.
        """
        return self._runner.submit(Job(path=str(path), encoding=encoding, stage=stage), recognizer_factory)

    def start(self, source: Source, recognizer_factory: RecognizerFactory | None = None, stage: str = "offline") -> int:
        """Stop the running job (if any) and analyze ``source``."""
        return self._runner.submit(Job(source, stage=stage), recognizer_factory)

    def warm_up(self) -> None:
        """Start the child process and load the model while nothing else runs (no-op for threads)."""
        self._runner.warm_up()

    def cancel(self) -> None:
        """Ask the running job to stop after its current chunk; ``stopped`` follows."""
        self._runner.cancel()

    def is_busy(self) -> bool:
        return self._runner.is_busy()

    def close(self) -> None:
        """Stop every job and the child process (the app is closing)."""
        self._runner.close()

    def restart(self) -> None:
        """Stop every job and the child process, and start afresh (the model in use changed)."""
        from reader.analysis.pipeline import default_recognizer

        self._runner.close()
        default_recognizer.cache_clear()  # jobs without a process load it in this one
        self._runner.warm_up()

    @property
    def process_id(self) -> int | None:
        """The analysis child process, when jobs run in one."""
        return self._runner.process_id

    @property
    def job_thread_id(self) -> int | None:
        """The thread the last job without a process ran on: never the UI thread."""
        return self._runner.job_thread_id

    def _on_report(self, report: Report) -> None:
        # On the runner's or the reader thread: emitting queues the signal to the UI thread.
        if isinstance(report, AnalysisUpdate):
            _emit(self.progressed, report)
        elif isinstance(report, Loaded):
            _emit(self.loaded, report.generation, report.source)
        elif isinstance(report, LoadFailed):
            _emit(self.load_failed, report.generation, report.message)
        elif isinstance(report, JobFailed):
            _emit(self.failed, report.generation, report.message)
        elif isinstance(report, JobStopped):
            _emit(self.stopped, report.generation)


class BackgroundTask(QObject):
    """One call at a time on a thread of its own: ``finished(result)`` or ``failed(message)``.

    For work that is quick on a news article but grows with the text (an
    export of a 100,000-word article renders for 0.15 s): in the UI thread
    it would freeze the UI for that long.
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
        """Block until the call ends (before quitting: a half-written export must finish); True when idle."""
        return self._pool.waitForDone(msecs)
