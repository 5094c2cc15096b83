"""The analysis in a separate process, so it never competes with the UI for Python's GIL.

A worker *thread* shares the interpreter lock with the UI thread. Parts of
the pipeline run long stretches of C code while holding it (a regular
expression over the whole article, sorting and grouping every span found so
far); on a 100,000-word article the UI thread then waits 100–300 ms for the
lock. A process has its own interpreter: the UI thread only unpickles the
results (ReText's ``converterprocess`` does the same for Markdown).

``AnalysisProcess`` keeps one child process alive (the model is loaded once),
sends it jobs over a pipe (a ``Source`` to analyze, or a file to load and
then analyze: the HTML and Markdown parsers are pure Python too, up to a
few seconds on a big page, and in a thread they would hold the lock for
up to 0.4 s) and hands every message it gets back to a callback, on a
reader thread. Cancelling is a shared number: the child stops a job as soon
as the generation it is running is no longer the wanted one. This module
imports no Qt, so the child starts without it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from reader.errors import one_line

#: Partial results are sent at most this often; the final one always is.
PARTIAL_INTERVAL_S = 0.15

Message = tuple[Any, ...]
# Parent → child: ("analyze", generation, Source, stage), ("open", generation,
# path, encoding or None, stage), ("warm",), ("quit",).
# Child → parent: ("loaded", generation, Source), ("load_failed", generation,
# one-line message), ("progress", generation, fraction, final, flat analysis,
# stage), ("failed", generation, one-line message), ("stopped", generation).
# The reader thread turns the flat analysis back into an Analysis (and adds
# its highlight spans) before the callback sees it.


def flatten(analysis) -> tuple:
    """An Analysis as plain tuples, without its Source (the parent has it).

    Unpickling 10,000 dataclass instances runs in C for ~100 ms without
    letting go of the GIL, stalling the UI; tuples of numbers and strings
    unpickle in a few ms, and the objects are rebuilt in Python code, which
    the UI thread can interrupt.
    """
    mentions = tuple((m.start, m.end, m.type.value, m.text, m.entity, m.value) for m in analysis.mentions)
    entities = tuple((e.id, e.type.value, e.name, e.variants, e.mentions) for e in analysis.entities)
    return mentions, entities, analysis.recognizer, analysis.notes


def flat_spans(flat: tuple) -> frozenset[tuple[int, int, str]]:
    """The highlights of a flattened analysis: (start, end, type value) of each mention."""
    return frozenset((start, end, type_value) for start, end, type_value, *_rest in flat[0])


def unflatten(source, flat: tuple, known: dict | None = None):
    """The Analysis of ``source`` that ``flatten`` made ``flat``.

    ``known``: Mentions already rebuilt for earlier results of the same job,
    by their flat tuple. Each partial result repeats the mentions of the one
    before, and looking them up costs a tenth of building a frozen
    dataclass again (measured: 28 ms for 12,000 mentions, on a thread that
    shares the GIL with the UI).
    """
    from reader.document import Analysis, Entity, Mention
    from reader.entity_types import EntityType

    types = {t.value: t for t in EntityType}
    mentions, entities, recognizer, notes = flat
    if known is None:
        known = {}
    rebuilt = []
    for item in mentions:
        mention = known.get(item)
        if mention is None:
            s, e, t, text, entity, value = item
            mention = known[item] = Mention(s, e, types[t], text, entity, value)
        rebuilt.append(mention)
    return Analysis(
        source,
        tuple(rebuilt),
        tuple(Entity(i, types[t], name, variants, indices) for i, t, name, variants, indices in entities),
        recognizer,
        notes,
    )


def load_article(path: str, encoding: str | None):
    """``(Source, "")`` for the article at ``path``, or ``(None, one-line message)``.

    Used by both kinds of job (process and thread), so a file reads the same
    way whichever runs it.
    """
    from reader.io import LoadError, load

    try:
        return load(path, encoding), ""
    except LoadError as error:
        return None, str(error)
    except Exception as error:
        return None, f"cannot open '{path}': {one_line(error)}"


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

    def get(self):
        if self._thread is not None:
            self._thread.join()
        from reader.analysis.pipeline import default_recognizer

        return default_recognizer()  # cached; raises here if loading failed

    @staticmethod
    def _load_quietly() -> None:
        try:
            from reader.analysis.pipeline import default_recognizer

            default_recognizer()
        except Exception:
            pass


def serve(connection, wanted) -> None:
    """The child's loop: run each job it is sent, report back, until "quit" or the pipe closes."""
    model = _Model()
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
        try:
            if message[0] == "open":
                _kind, generation, path, encoding, stage = message
                if wanted.value != generation:
                    connection.send(("stopped", generation))
                    continue
                source, error = load_article(path, encoding)
                if wanted.value != generation:  # cancelled, or another file asked for, while reading
                    connection.send(("stopped", generation))
                    continue
                if source is None:
                    connection.send(("load_failed", generation, error))
                    continue
                connection.send(("loaded", generation, source))
            else:
                _kind, generation, source, stage = message
                if wanted.value != generation:
                    connection.send(("stopped", generation))
                    continue
            from reader.analysis.pipeline import iter_analysis

            recognizer = model.get()
            last = 0.0
            for step in iter_analysis(source, recognizer):
                if wanted.value != generation:
                    connection.send(("stopped", generation))
                    break  # leaving the generator stops the pipeline
                now = time.monotonic()
                if step.final or now - last >= PARTIAL_INTERVAL_S:
                    last = now
                    flat = flatten(step.analysis)
                    connection.send(("progress", generation, step.fraction, step.final, flat, stage))
        except Exception as error:
            connection.send(("failed", message[1], one_line(error)))


@contextlib.contextmanager
def _main_module_hidden():
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
    """One analysis child process; ``on_message`` is called on a reader thread."""

    def __init__(self, on_message: Callable[[Message], None]) -> None:
        context = multiprocessing.get_context("spawn")  # no fork of a running Qt app
        self._connection, child_end = context.Pipe()
        self._wanted = context.Value("q", -1, lock=False)
        self._process = context.Process(
            target=serve, args=(child_end, self._wanted), name="arabic-reader-analysis", daemon=True
        )
        with _main_module_hidden():
            self._process.start()
        child_end.close()
        self._on_message = on_message
        self._current = -1
        self._sources: dict[int, Any] = {}  # generation → Source, to rebuild analyses
        self._known: dict = {}  # flat mention → Mention, for the job running (see unflatten)
        self._known_generation = -1
        self._reader = threading.Thread(target=self._read, name="analysis-results", daemon=True)
        self._reader.start()

    def submit(self, generation: int, source, stage: str) -> None:
        """Run a job (the running one, if any, stops at its next chunk)."""
        self._current = generation
        self._sources = {generation: source}  # older jobs' results are dropped anyway
        self._wanted.value = generation
        self._connection.send(("analyze", generation, source, stage))

    def open(self, generation: int, path: str, encoding: str | None, stage: str) -> None:
        """Load ``path`` in the child, send the Source back, then analyze it."""
        self._current = generation
        self._sources = {}  # filled when the child reports "loaded"
        self._wanted.value = generation
        self._connection.send(("open", generation, str(path), encoding, stage))

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
                    self._on_message(("failed", self._current, "the analysis process stopped unexpectedly"))
                return
            if message[0] == "loaded":
                if message[1] != self._current:
                    continue
                self._sources = {message[1]: message[2]}
            elif message[0] == "progress":
                source = self._sources.get(message[1])
                if source is None:
                    continue  # a job no longer wanted
                # Both made here, on the reader thread, not in the UI thread:
                # the Analysis, and the highlights the reading view paints.
                if message[1] != self._known_generation:
                    self._known, self._known_generation = {}, message[1]
                analysis = unflatten(source, message[4], self._known)
                message = (*message[:4], analysis, message[5], flat_spans(message[4]))
            self._on_message(message)
