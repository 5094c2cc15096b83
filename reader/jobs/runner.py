"""Jobs run one at a time, off the caller's thread; stale reports dropped (Qt-free).

``JobRunner`` is what the window (through ``reader.ui.jobs``), a batch
indexer or a command can drive::

    runner = JobRunner(on_report)                 # on_report(report), on a background thread
    generation = runner.submit(Job(path="mosul.html"))
    runner.cancel()                               # the job ends within one chunk: JobStopped
    runner.close()

Each submitted job gets the next generation number; submitting stops the
job running, and the reports of any job but the last one submitted are
dropped, so a slow old job can never paint over a newer document. (A
report handed on just before a newer job is submitted may still be on its
way to a receiver on another thread: such a receiver compares the report's
generation with the one ``submit`` returned last.) A job
with the default recognizer runs in the analysis process (``process.py``:
no GIL shared with a UI); a job with a recognizer factory of its own (BERT,
tests), or any job where no child process can be started, runs on the
runner's thread. Either way it runs ``job.run_job``, and the runner adds
the highlight spans to each ``AnalysisUpdate`` before handing it on, so
they too are made off the caller's thread.
"""

from __future__ import annotations

import dataclasses
import functools
import queue
import threading
from collections.abc import Callable

from reader.analysis.recognizer import Recognizer
from reader.jobs.job import AnalysisUpdate, HighlightSpan, Job, Report, ends_job, highlight_spans, run_job
from reader.jobs.process import FIRST_GENERATION, AnalysisProcess, take_prestarted

#: Builds the recognizer for a job, on the runner's thread (loading a model is slow).
#: Returning None means the pipeline's default (offline) recognizer.
RecognizerFactory = Callable[[], Recognizer | None]

_Queued = tuple[int, Job, RecognizerFactory] | None  # None: the thread ends


class JobRunner:
    """One job at a time; ``on_report`` gets the current job's reports, on a background thread."""

    def __init__(self, on_report: Callable[[Report], None], *, use_process: bool = True) -> None:
        self._on_report = on_report
        self._use_process = use_process
        self._process: AnalysisProcess | None = None
        self._lock = threading.Lock()
        self._generation = 0  # the last job submitted
        self._wanted = -1  # the generation the thread's job may go on with (-1: none)
        self._busy = False  # the last job submitted has not ended
        self._queue: queue.Queue[_Queued] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._job_thread_id: int | None = None
        # The last update's highlights: (generation, mentions, spans), to extend with a partial result's.
        self._last_spans: tuple[int, int, frozenset[HighlightSpan]] = (-1, 0, frozenset())

    # --- requests

    def submit(self, job: Job, recognizer_factory: RecognizerFactory | None = None) -> int:
        """Stop the running job (if any) and run ``job``; its generation number."""
        with self._lock:
            self._generation += 1
            generation = self._generation
            self._busy = True
        self._wanted = -1
        if self._use_process and recognizer_factory is None:
            try:
                process = self._ensure_process()
                early, process.early_job = process.early_job, None
                if early is not None and early == job and generation == FIRST_GENERATION:
                    return generation  # prestarted with this very job: it runs already
                if early is not None and generation == FIRST_GENERATION:
                    with self._lock:  # the child runs another job as that generation: skip past it
                        self._generation = generation = FIRST_GENERATION + 1
                process.submit(generation, job)
                return generation
            except (OSError, ValueError, RuntimeError):
                # No child process here (a sandbox, a broken pipe): the thread still works.
                self._use_process = False
        if self._process is not None:
            self._process.cancel()
        self._wanted = generation
        self._ensure_thread()
        self._queue.put((generation, job, recognizer_factory or _default_recognizer))
        return generation

    def cancel(self) -> None:
        """Ask the running job to stop after its current chunk (it reports ``JobStopped``)."""
        self._wanted = -1
        if self._process is not None:
            self._process.cancel()

    def is_busy(self) -> bool:
        """Whether the last job submitted has not ended yet."""
        return self._busy

    def warm_up(self) -> None:
        """Start the analysis process and load the model while nothing else runs (no-op without a process)."""
        if not self._use_process or self._process is not None:
            return
        try:
            self._ensure_process().warm_up()
        except (OSError, ValueError, RuntimeError):
            self._use_process = False

    def close(self, timeout_s: float = 5.0) -> None:
        """Stop every job, the thread and the child process (the app is closing)."""
        self.cancel()
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout_s)
            self._thread = None
        if self._process is not None:
            self._process.close()
            self._process = None

    @property
    def process_id(self) -> int | None:
        """The analysis child process, when jobs run in one."""
        return self._process.pid if self._process is not None else None

    @property
    def job_thread_id(self) -> int | None:
        """The thread the last job without a process ran on: never the caller's."""
        return self._job_thread_id

    # --- running

    def _ensure_process(self) -> AnalysisProcess:
        if self._process is None or not self._process.is_alive():
            early = take_prestarted() if self._process is None else None
            if early is not None:
                early.attach(self._deliver)
            self._process = early or AnalysisProcess(self._deliver)
        return self._process

    def _ensure_thread(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="analysis-jobs", daemon=True)
            self._thread.start()

    def _work(self) -> None:
        while (item := self._queue.get()) is not None:
            generation, job, factory = item
            self._job_thread_id = threading.get_ident()
            run_job(job, generation, factory, functools.partial(self._is_wanted, generation), self._deliver)

    def _with_spans(self, update: AnalysisUpdate) -> AnalysisUpdate:
        """``update`` with its highlights, and what changed since the job's previous update.

        A partial result only adds mentions: only theirs are made. The final
        one is compared with the previous update here (sets of 150,000
        highlights: 20 ms of C), not in the UI thread.
        """
        mentions = update.analysis.mentions
        previous, count, before = self._last_spans
        same_job = previous == update.generation
        if same_job and update.new_from and count == update.new_from:
            added = highlight_spans(mentions[update.new_from :])
            update = dataclasses.replace(update, spans=before | added, changes=(added, frozenset()))
        else:
            spans = highlight_spans(mentions)
            changes = (spans - before, before - spans) if same_job else None
            update = dataclasses.replace(update, spans=spans, new_from=0, changes=changes)
        self._last_spans = (update.generation, len(mentions), update.spans)
        update.analysis.counts()  # counted here, once, not in the UI thread
        return update

    def _is_wanted(self, generation: int) -> bool:
        return self._wanted == generation

    def _deliver(self, report: Report) -> None:
        # On the reader thread (process) or the runner's thread.
        if report.generation != self._generation:
            return  # an older job's: stale
        if isinstance(report, AnalysisUpdate):
            report = self._with_spans(report)
        if ends_job(report):
            with self._lock:
                if report.generation == self._generation:
                    self._busy = False
        self._on_report(report)


def _default_recognizer() -> None:
    return None  # the pipeline's default (offline) model
