"""The analysis in a separate process, so it never competes with the UI for Python's GIL.

A worker *thread* shares the interpreter lock with the UI thread. Parts of
the pipeline run long stretches of C code while holding it (a regular
expression over the whole article, sorting and grouping every span found so
far); on a 100,000-word article the UI thread then waits 100–300 ms for the
lock. A process has its own interpreter: the UI thread only unpickles the
results (ReText's ``converterprocess`` does the same for Markdown).

``AnalysisProcess`` keeps one child process alive (the model is loaded once),
sends it jobs over a pipe (a ``Source`` to analyze, or a file to read and
then analyze: the HTML and Markdown parsers are pure Python too, up to a
few seconds on a big page, and in a thread they would hold the lock for
up to 0.4 s). The child runs each with ``job.run_job``, the same protocol
as a job on a thread. Every report comes back to a callback, on a reader
thread, which first turns a flattened analysis back into an ``Analysis``.
Cancelling is a shared number: the child stops a job as soon as the
generation it is running is no longer the wanted one. This module imports
no Qt, so the child starts without it.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator
from multiprocessing.process import BaseProcess
from typing import Any

from reader.analysis.recognizer import Recognizer
from reader.document import Analysis, Entity, Mention, Source
from reader.entity_types import TYPE_ORDER, EntityType
from reader.jobs.job import AnalysisUpdate, Job, JobFailed, Loaded, Report, run_job

# Parent → child: ("job", generation, Job), ("warm",), ("quit",).
# Child → parent: a Report, except an AnalysisUpdate, which travels as
# ("mentions", generation, flat mentions) pieces of at most PIECE mentions,
# then ("update", generation, fraction, final, new_from, flat analysis, stage)
# (see flatten). A partial result sends only the mentions it adds.
FlatMention = tuple[int, int, str, str, str, float | None]
FlatEntity = tuple[str, str, str, tuple[str, ...]]  # id, type, name, variants
FlatAnalysis = tuple[
    tuple[FlatMention, ...],
    tuple[FlatEntity, ...],
    str,
    tuple[str, ...],
]

#: Mentions per message: unpickling holds the GIL, and a message of 150,000
#: mentions held it for 0.16 s in the parent, a stall of the UI thread.
PIECE = 10_000


def flatten(analysis: Analysis, start: int = 0) -> FlatAnalysis:
    """The mentions of an Analysis from ``start`` on, as plain tuples, without its Source (the parent has it).

    Entities travel without their mention indices (each mention names its
    entity, in text order: the parent counts them again); with ``start``,
    only the entities of the mentions sent. Unpickling 10,000 dataclass
    instances runs in C for ~100 ms without letting go of the GIL, stalling
    the UI; tuples of numbers and strings unpickle in a few ms, and the
    objects are rebuilt in Python code, which the UI thread can interrupt.
    """
    sent = analysis.mentions[start:]
    mentions = tuple((m.start, m.end, m.type.value, m.text, m.entity, m.value) for m in sent)
    touched = {m.entity for m in sent} if start else None
    entities = tuple(
        (e.id, e.type.value, e.name, e.variants) for e in analysis.entities if touched is None or e.id in touched
    )
    return mentions, entities, analysis.recognizer, analysis.notes


_TYPES = {t.value: t for t in EntityType}


class Rebuilder:
    """Rebuilds one job's analyses in the parent from what ``flatten`` sent, a partial result's additions
    included: the mentions and entities of earlier results are kept and reused.

    ``known``: Mentions already rebuilt for earlier results of the same job,
    by their flat tuple. The final result repeats most mentions of the
    partial ones, and looking them up costs a tenth of building a frozen
    dataclass again (measured: 28 ms for 12,000 mentions, on a thread that
    shares the GIL with the UI).
    """

    def __init__(self, source: Source) -> None:
        self.source = source
        self.known: dict[FlatMention, Mention] = {}
        self._start()

    def _start(self) -> None:
        self._mentions: list[Mention] = []
        self._headers: dict[str, FlatEntity] = {}
        self._indices: dict[str, list[int]] = {}
        self._order: dict[EntityType, list[str]] = {t: [] for t in TYPE_ORDER}
        self._entities: dict[str, Entity] = {}

    @property
    def count(self) -> int:
        """Mentions of the last result rebuilt."""
        return len(self._mentions)

    def rebuild(self, flat: FlatAnalysis, start: int = 0) -> Analysis:
        """The Analysis whose mentions from ``start`` on (and their entities) ``flat`` holds; the mentions
        before ``start`` are the last result's. Costs what was sent, plus a copy of the mention list."""
        if start == 0:
            self._start()
        elif start != len(self._mentions):
            raise ValueError(f"a result adding to {start} mentions, after one of {len(self._mentions)}")
        mentions, entities, recognizer, notes = flat
        types, known = _TYPES, self.known
        touched: set[str] = set()
        for entity in entities:
            entity_id, type_value = entity[0], entity[1]
            if entity_id not in self._headers:
                self._order[types[type_value]].append(entity_id)
                self._indices[entity_id] = []
            self._headers[entity_id] = entity
            touched.add(entity_id)
        for item in mentions:
            mention = known.get(item)
            if mention is None:
                s, e, t, text, entity_id, value = item
                mention = known[item] = Mention(s, e, types[t], text, entity_id, value)
            self._indices[mention.entity].append(len(self._mentions))
            self._mentions.append(mention)
            touched.add(mention.entity)
        for entity_id in touched:
            _id, type_value, name, variants = self._headers[entity_id]
            self._entities[entity_id] = Entity(
                entity_id, types[type_value], name, variants, tuple(self._indices[entity_id])
            )
        every = tuple(self._entities[i] for t in TYPE_ORDER for i in self._order[t])
        return Analysis(self.source, tuple(self._mentions), every, recognizer, notes)


def unflatten(source: Source, flat: FlatAnalysis, known: dict[FlatMention, Mention] | None = None) -> Analysis:
    """The Analysis of ``source`` that ``flatten`` made ``flat`` (``known``: see ``Rebuilder``)."""
    rebuilder = Rebuilder(source)
    if known is not None:
        rebuilder.known = known
    return rebuilder.rebuild(flat)


class _Model:
    """The offline model in the child, loaded once; ``warm_up`` loads it on a thread.

    On a thread, so that a file sent while the model loads (the app was
    started with one) is read and shown at once instead of after the model.
    """

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None

    def warm_up(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._load_quietly, name="model-warm-up", daemon=True)
            self._thread.start()

    def get(self) -> Recognizer:
        if self._thread is not None:
            self._thread.join()
        return self._load()  # cached; raises here if loading failed

    @classmethod
    def _load_quietly(cls) -> None:
        with contextlib.suppress(Exception):
            cls._load()

    @staticmethod
    def _load() -> Recognizer:
        """The model, loaded with the garbage collector paused, then out of its sight.

        Loading makes a few hundred thousand objects that live as long as the
        process: the collector walked them 80 times while they were made (40 ms
        of a launch) and again at every full collection during an analysis.
        """
        from reader.analysis.pipeline import default_recognizer

        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return default_recognizer()
        finally:
            gc.freeze()
            if was_enabled:
                gc.enable()


def serve(connection: Any, wanted: Any) -> None:
    """The child's loop: run each job it is sent, report back, until "quit" or the pipe closes.

    ``wanted`` is the shared number: the generation the parent wants run.
    """
    _one_math_thread()
    model = _Model()
    send = _sender(connection)

    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message[0] == "quit":
            return
        if message[0] == "warm":
            model.warm_up()
            continue
        _kind, generation, job = message
        run_job(job, generation, model.get, functools.partial(_is_wanted, wanted, generation), send)


#: Thread counts of the math libraries NumPy may load (OpenBLAS, MKL, OpenMP).
MATH_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS")


def _one_math_thread() -> None:
    """Let NumPy's math library start no threads of its own in this process.

    The network runs on the calling thread (``neural._one_blas_thread``), but
    OpenBLAS starts a thread per core when NumPy is imported, and they spin:
    0.1 s of CPU while the model loads, taken from the window being built on
    the other core. Set before NumPy is imported (never by the window's
    process), unless the user set them.
    """
    for name in MATH_THREAD_VARIABLES:
        os.environ.setdefault(name, "1")


def _sender(connection: Any) -> Callable[[Report], None]:
    """How the child sends a report: an update as pieces of its mentions, then the rest (see the top)."""

    def send(report: Report) -> None:
        if isinstance(report, AnalysisUpdate):
            mentions, *rest = flatten(report.analysis, report.new_from)
            for at in range(0, len(mentions), PIECE):
                connection.send(("mentions", report.generation, mentions[at : at + PIECE]))
            flat = ((), *rest)
            update = ("update", report.generation, report.fraction, report.final, report.new_from, flat, report.stage)
            connection.send(update)
        else:
            connection.send(report)

    return send


def _is_wanted(wanted: Any, generation: int) -> bool:
    return bool(wanted.value == generation)


@contextlib.contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Start a spawned child without re-running the parent's main script.

    ``spawn`` normally imports the parent's ``__main__`` in the child; a
    script that opens the window without an ``if __name__ == "__main__"``
    guard would open a second window there. The child needs nothing from
    it (``serve`` lives here), so the main module's file and spec are hidden
    while the child starts.
    """
    main = sys.modules["__main__"]
    saved: dict[str, object] = {
        name: main.__dict__.pop(name) for name in ("__file__", "__spec__") if name in main.__dict__
    }
    if "__spec__" in saved:
        main.__spec__ = None  # spawn reads the attribute; None means "no module name"
    try:
        yield
    finally:
        main.__dict__.update(saved)


class AnalysisProcess:
    """One analysis child process; ``on_report`` is called on a reader thread.

    Without ``on_report`` (a process started before anyone listens:
    ``prestart``), reports wait until ``attach`` gives one.
    """

    def __init__(self, on_report: Callable[[Report], None] | None, *, start_method: str = "spawn") -> None:
        """``start_method``: "spawn" (a fresh interpreter), or "fork" where ``fork_is_safe`` says so."""
        context = multiprocessing.get_context(start_method)
        self._connection, child_end = context.Pipe()
        self._wanted = context.Value("q", -1, lock=False)
        # typeshed's BaseContext (what get_context returns) declares no Process; every real context has one.
        self._process: BaseProcess = context.Process(  # type: ignore[attr-defined]
            target=serve, args=(child_end, self._wanted), name="arabic-reader-analysis", daemon=True
        )
        with _main_module_hidden():
            self._process.start()
        child_end.close()
        self._on_report = on_report
        self._waiting: list[Report] = []  # reports that came before anyone listened
        self._listening = threading.Lock()
        self._delivering = threading.Lock()
        self.early_job: Job | None = None  # the job prestart sent, until a runner takes it over
        self._current = -1
        self._sources: dict[int, Source] = {}  # generation → Source, to rebuild analyses
        self._rebuilder: Rebuilder | None = None  # the job running's (see Rebuilder)
        self._rebuilt_generation = -1
        self._pieces: list[FlatMention] = []  # mentions of the update on its way
        self._reader = threading.Thread(target=self._read, name="analysis-results", daemon=True)
        self._reader.start()

    def submit(self, generation: int, job: Job) -> None:
        """Run ``job`` as ``generation`` (the running one, if any, stops at its next chunk)."""
        self._current = generation
        # Older jobs' results are dropped anyway; an open job's Source comes with "Loaded".
        self._sources = {generation: job.source} if job.source is not None else {}
        self._wanted.value = generation
        self._connection.send(("job", generation, job))

    def attach(self, on_report: Callable[[Report], None]) -> None:
        """Listen from now on: the reports that waited come first, in order, on another thread
        (never the caller's: it is still submitting the job they answer)."""
        with self._listening:
            self._on_report = on_report
        threading.Thread(target=self._report, args=(None,), name="analysis-waiting", daemon=True).start()

    def _report(self, report: Report | None) -> None:
        """Hand ``report`` (None: only those waiting) on, after any still waiting, one thread at a time."""
        with self._delivering:
            with self._listening:
                on_report = self._on_report
                if on_report is None:
                    if report is not None:
                        self._waiting.append(report)
                    return
                waiting, self._waiting = self._waiting, []
            for earlier in waiting:
                on_report(earlier)
            if report is not None:
                on_report(report)

    def warm_up(self) -> None:
        """Load the model now (the child is idle): the first article is analyzed sooner."""
        self._connection.send(("warm",))

    def cancel(self) -> None:
        self._wanted.value = -1

    def is_alive(self) -> bool:
        return self._process.is_alive()

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def close(self, timeout_s: float = 2.0) -> None:
        """Stop the child: ask, then insist."""
        self._wanted.value = -1
        with contextlib.suppress(OSError, ValueError):
            self._connection.send(("quit",))
        self._process.join(timeout_s)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout_s)
        self._connection.close()

    def _read(self) -> None:
        while True:
            try:
                message = self._connection.recv()
            except (EOFError, OSError):
                if self._current >= 0 and self._wanted.value == self._current:
                    self._report(JobFailed(self._current, "the analysis process stopped unexpectedly"))
                return
            if isinstance(message, Loaded) and message.generation == self._current:
                self._sources = {message.generation: message.source}
            elif isinstance(message, tuple) and message[0] == "mentions":
                if message[1] == self._current:
                    self._pieces.extend(message[2])
                continue
            elif isinstance(message, tuple):  # ("update", ...): rebuilt here, not in the UI thread
                _kind, generation, fraction, final, new_from, (_none, *rest), stage = message
                pieces, self._pieces = self._pieces, []
                source = self._sources.get(generation)
                if source is None:
                    continue  # a job no longer wanted
                if generation != self._rebuilt_generation or self._rebuilder is None:
                    self._rebuilder, self._rebuilt_generation = Rebuilder(source), generation
                try:
                    analysis = self._rebuilder.rebuild((tuple(pieces), *rest), new_from)
                except ValueError:  # a result missed: never expected, but the next full one mends it
                    continue
                message = AnalysisUpdate(generation, fraction, analysis, final, stage, new_from=new_from)
            self._report(message)


#: The generation of the job ``prestart`` sends: the first a ``JobRunner`` gives.
FIRST_GENERATION = 1
_prestarted: AnalysisProcess | None = None


def prestart(job: Job) -> None:
    """Start the analysis process now and send it ``job``, before anyone listens.

    The app calls it first thing when launched on a file, before Qt is even
    imported: the child reads the file and loads the model while the window
    is built (half a second), instead of after. It is forked when that is
    safe (``fork_is_safe``): started from the launcher's own imports. The window's ``JobRunner``
    takes the process over (``take_prestarted``); when its first job is this
    one, it is not sent again.
    """
    global _prestarted
    process = AnalysisProcess(None, start_method="fork" if fork_is_safe() else "spawn")
    process.submit(FIRST_GENERATION, job)
    process.early_job = job
    _prestarted = process


def fork_is_safe() -> bool:
    """Whether this process may be forked: on Linux, before Qt is imported and any other thread started.

    A forked child starts in 10 ms with the modules already imported here,
    where a spawned one starts a new interpreter and imports them again
    (60–90 ms before it can load the model). A running Qt app, or any
    thread, must never be forked (a lock held by another thread stays held
    in the child forever), and macOS forbids it for its system frameworks.
    """
    return (
        sys.platform.startswith("linux")
        and threading.active_count() == 1
        and not any(name == "PySide6" or name.startswith(("PySide6.", "shiboken6")) for name in sys.modules)
    )


def take_prestarted() -> AnalysisProcess | None:
    """The process ``prestart`` started, once (None if none, or if it died)."""
    global _prestarted
    process, _prestarted = _prestarted, None
    return process if process is not None and process.is_alive() else None
