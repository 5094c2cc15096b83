"""The library's questions answered in a child process, so a window never waits for Python's GIL.

A window asks for the entity list, the article list, an entity's details.
Answered on a thread, the work (tens of thousands of rows, a network
layout) would share the interpreter lock with the UI thread, which then
waits for it on every call into Python while it paints: the window was
measured stalling 300–500 ms per selection. A child process has its own
interpreter (``reader.jobs.process`` does the same for the analysis).

``QuestionService(library, on_answer)`` keeps one child alive and sends it
the latest question of each kind (an older request of the same kind still
waiting is dropped), at most one of each kind on its way at once. Questions
of different kinds are sent as soon as they are asked, in that order: the
child answers an entity's details (and timeline), then goes straight on to its companions
(the window's network) without waiting for the details to be
delivered and a new request to come back (that round trip went through the
window's busy interpreter: 50–250 ms). Answers travel as plain tuples
(unpickling thousands of dataclass instances holds the GIL in C for tens of
milliseconds; tuples take a few). ``on_answer(kind, number, answer)`` and
``on_error(kind, message)`` are called on a reader thread; with
``flat_answers`` the answer is ``(question, flat answer)`` and the receiver
rebuilds the objects (``rebuild``) on its own thread: a window rebuilds on
its UI thread, because Python work on any other thread makes each of the
UI thread's many calls into Python (every cell painted) wait for the lock.

Questions are module-level functions of this module, named in the request
(``ask("details", "entity_details", key)``), so the child can run them.
Where no child process can be started, they run on a thread instead.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any, overload

from reader.errors import one_line
from reader.library.network import Network, entity_network
from reader.library.queries import (
    ArticleHits,
    ArticleSummary,
    EntitySummary,
    Hit,
    Library,
    Related,
    timelines_of_rows,
)

#: Companions drawn in the network picture.
NETWORK_SIZE = 16


@dataclass(frozen=True, slots=True)
class EntityDetails:
    """Where and when an entity appears: what a window shows first when it is selected.

    Kept flat, as it travelled: ``articles`` are ``ArticleSummary`` fields,
    ``hits`` are ``(index into articles, start, end, text)``, in order; a
    view makes objects only for the rows it paints (thousands of frozen
    dataclasses take the UI thread tens of milliseconds). ``found`` makes
    them all. The timelines are counted from the same rows (a query of
    their own took 15 ms for the most frequent names of a large library).
    """

    entities: tuple[EntitySummary, ...]
    articles: list[tuple[Any, ...]]
    hits: list[tuple[int, int, int, str]]
    timelines: dict[str, list[tuple[str, int]]]  # by period: day, week, month
    seconds: float  # how long the answer took in the child

    @property
    def found(self) -> list[ArticleHits]:
        by_article: dict[int, list[Hit]] = {}
        for article, start, end, text in self.hits:
            by_article.setdefault(article, []).append(Hit(start, end, text))
        return [ArticleHits(ArticleSummary(*self.articles[i]), tuple(hits)) for i, hits in by_article.items()]


@dataclass(frozen=True, slots=True)
class EntityCompanions:
    """With whom an entity appears: the network, asked for after the details."""

    key: str
    related: tuple[Related, ...]
    network: Network


# --- the questions (run in the child, with its own Library) ---------------------------


def entity_list(library: Library) -> tuple[list[tuple[Any, ...]], list[str]]:
    """Every entity (flat), most articles first, and each one's folded spellings (for filtering)."""
    library.refresh_if_stale()
    entities = library.entities()
    keys = library.entity_search_keys()
    return [_flat(e) for e in entities], [keys.get(e.id, "") for e in entities]


def article_list(library: Library) -> tuple[list[tuple[Any, ...]], list[str], list[str]]:
    """Every article by date (flat), its title folded (for filtering), and the library's folders."""
    from reader.analysis.textmatch import fold

    articles = library.articles()
    return [_flat(a) for a in articles], [fold(a.title) for a in articles], library.folders()


def entity_details(library: Library, key: str) -> tuple[Any, ...] | None:
    """Where the entity with stable id ``key`` appears (flat; None if it has left the library)."""
    started = time.perf_counter()
    entity = library.entity(key)
    if entity is None:
        return None
    articles, hits = library.find_rows(entity)
    timelines = timelines_of_rows(articles, hits)
    return [_flat(entity)], articles, hits, timelines, time.perf_counter() - started


def entity_companions(library: Library, key: str) -> tuple[Any, ...] | None:
    """The entities sharing most sentences with ``key``'s (those in the network), as a list and a
    network (flat)."""
    entity = library.entity(key)
    if entity is None:
        return None
    related = library.related(entity, limit=NETWORK_SIZE)  # those drawn: not the thousands behind them
    network = entity_network(library, [entity], NETWORK_SIZE, related)
    return key, [(_flat(r.entity), r.sentences, r.articles) for r in related], network


def write_entity_table(library: Library, path: str) -> str:
    from reader.library.tables import write_table

    write_table(library, path)
    return path


def write_entity_dossier(library: Library, key: str, path: str) -> str:
    from reader.library.dossier import write_dossier

    entity = library.entity(key)
    if entity is None:
        raise ValueError(f"the entity {key!r} is no longer in the library")
    write_dossier(library, [entity], path)
    return path


QUESTIONS: dict[str, Callable[..., Any]] = {
    f.__name__: f
    for f in (entity_list, article_list, entity_details, entity_companions, write_entity_table, write_entity_dossier)
}


# --- answers back to objects (on the parent's reader thread) --------------------------


def rebuild(question: str, answer: Any) -> Any:
    """The objects a flat ``answer`` to ``question`` stands for (the lists stay flat: see ``FlatList``)."""
    if question == "entity_list":
        rows, keys = answer
        return FlatList(EntitySummary, rows), keys
    if question == "article_list":
        rows, titles, folders = answer
        return FlatList(ArticleSummary, rows), titles, folders
    if question == "entity_details" and answer is not None:
        entities, articles, hits, timelines, seconds = answer
        return EntityDetails(tuple(EntitySummary(*e) for e in entities), articles, hits, timelines, seconds)
    if question == "entity_companions" and answer is not None:
        key, related, network = answer
        return EntityCompanions(key, tuple(Related(EntitySummary(*e), n, a) for e, n, a in related), network)
    return answer


class FlatList(Sequence[Any]):
    """Objects of ``kind`` kept as the flat rows they travelled as, each made when first asked for.

    ``rows[i][field(name)]`` reads a field without making the object: a
    table sorts and filters 25,000 entities that way and makes objects only
    for the rows it paints.
    """

    def __init__(self, kind: type, rows: list[tuple[Any, ...]]) -> None:
        self.kind = kind
        self.rows = rows
        self._made: dict[int, Any] = {}
        self._fields = {f.name: i for i, f in enumerate(fields(kind))}

    def field(self, name: str) -> int:
        """The position of field ``name`` in each row."""
        return self._fields[name]

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.rows)))]
        if index < 0:
            index += len(self.rows)
        made = self._made.get(index)
        if made is None:
            made = self._made[index] = self.kind(*self.rows[index])
        return made


def _flat(item: Any) -> tuple[Any, ...]:
    kind = type(item)
    getter = _GETTERS.get(kind)
    if getter is None:
        getter = _GETTERS[kind] = _getter(kind)
    return getter(item)


#: Per dataclass, its fields in order as one tuple (``dataclasses.fields`` per item is slow).
_GETTERS: dict[type, Callable[[Any], tuple[Any, ...]]] = {}


def _getter(kind: type) -> Callable[[Any], tuple[Any, ...]]:
    names = [f.name for f in fields(kind)]
    get = attrgetter(*names)
    return get if len(names) > 1 else lambda item: (get(item),)


# --- the child process ---------------------------------------------------------------


def _serve(connection: Any, library_path: str | None) -> None:
    """The child's loop: a question in, its answer (or one line) out, until the pipe closes."""
    library: Library | None = None
    try:
        while True:
            try:
                request = connection.recv()
            except (EOFError, OSError):
                return
            if request is None:
                return
            kind, number, question, args = request
            try:
                if library is None:
                    library = Library.open(library_path, create=True)
                reply = (kind, number, question, True, QUESTIONS[question](library, *args))
            except Exception as error:
                reply = (kind, number, question, False, one_line(error))
            try:
                connection.send(reply)
            except (OSError, ValueError):  # the parent is gone
                return
    finally:
        if library is not None:
            library.close()


class QuestionService:
    """Questions to the library at ``library``, answered in a child process (see the module docstring)."""

    def __init__(
        self,
        library: str | None,
        on_answer: Callable[[str, int, Any], None],
        on_error: Callable[[str, str], None],
        *,
        use_process: bool = True,
        flat_answers: bool = False,
    ) -> None:
        self.library = library
        self.flat_answers = flat_answers  # hand on (question, flat answer): the receiver calls ``rebuild``
        self.on_answer = on_answer
        self.on_error = on_error
        self.use_process = use_process
        self._lock = threading.Lock()
        self._number = 0
        self._latest: dict[str, int] = {}
        self._waiting: dict[str, tuple[int, str, tuple[Any, ...]]] = {}  # kind → the latest request not sent
        self._in_flight: set[str] = set()  # kinds sent and not answered yet
        self._outbox: queue.SimpleQueue[tuple[str, int, str, tuple[Any, ...]] | None] = queue.SimpleQueue()
        self._sender: threading.Thread | None = None
        self._connection: Any = None
        self._process: Any = None
        self._reader: threading.Thread | None = None
        self._closed = False

    def ask(self, kind: str, question: str, *args: Any) -> int:
        """Ask ``question(library, *args)``; its number. A newer request of the same ``kind`` replaces it."""
        if question not in QUESTIONS:
            raise ValueError(f"unknown question {question!r}")
        with self._lock:
            self._number += 1
            number = self._latest[kind] = self._number
            self._waiting.pop(kind, None)
            self._waiting[kind] = (number, question, args)
        self._send_next()
        return number

    def is_latest(self, kind: str, number: int) -> bool:
        return self._latest.get(kind) == number

    def close(self, timeout_s: float = 5.0) -> None:
        self._closed = True
        with self._lock:
            self._waiting.clear()
        self._outbox.put(None)  # the sender ends
        if self._sender is not None:
            self._sender.join(timeout_s)
        if self._connection is not None:
            with contextlib.suppress(OSError, ValueError):
                self._connection.send(None)  # the child ends its loop, then the pipe closes
        if self._process is not None:
            self._process.join(timeout_s)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join(timeout_s)
        if self._reader is not None:
            self._reader.join(timeout_s)
        if self._connection is not None:
            with contextlib.suppress(OSError):
                self._connection.close()

    # --- sending and receiving

    def _send_next(self) -> None:
        with self._lock:
            if self._closed:
                return
            ready = [kind for kind in self._waiting if kind not in self._in_flight]
            for kind in ready:
                self._in_flight.add(kind)
                self._outbox.put((kind, *self._waiting.pop(kind)))
            if ready and self._sender is None:
                # Off the caller's thread: starting the child (and multiprocessing's resource
                # tracker, the first time) takes tens of milliseconds a window must not wait.
                self._sender = threading.Thread(target=self._send_all, name="library-questions-out", daemon=True)
                self._sender.start()

    def _send_all(self) -> None:
        """The sender thread: requests in the order they were asked, until ``close``."""
        while True:
            request = self._outbox.get()
            if request is None or self._closed:
                return
            self._send(*request)

    def _send(self, kind: str, number: int, question: str, args: tuple[Any, ...]) -> None:
        if self.use_process:
            try:
                self._ensure_process()
                self._connection.send((kind, number, question, args))
                return
            except (OSError, ValueError, RuntimeError):
                self.use_process = False  # no child process here: this thread does the work
        self._answer_here(kind, number, question, args)

    def _ensure_process(self) -> None:
        if self._process is not None and self._process.is_alive():
            return
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(child, self.library), name="library-questions", daemon=True
        )
        self._process.start()
        child.close()
        self._connection = parent
        self._reader = threading.Thread(target=self._read, args=(parent,), name="library-answers", daemon=True)
        self._reader.start()

    def _read(self, connection: Any) -> None:
        while True:
            try:
                kind, number, question, ok, answer = connection.recv()
            except Exception:  # EOF, a closed pipe (closing: the handle goes away under recv)
                if not self._closed:
                    with self._lock:
                        self._in_flight.clear()
                    self.on_error("library", "the library's question process stopped")
                return
            self._deliver(kind, number, question, ok, answer)

    def _answer_here(self, kind: str, number: int, question: str, args: tuple[Any, ...]) -> None:
        try:
            with Library.open(self.library, create=True) as library:
                answer, ok = QUESTIONS[question](library, *args), True
        except Exception as error:
            answer, ok = one_line(error), False
        self._deliver(kind, number, question, ok, answer)

    def _deliver(self, kind: str, number: int, question: str, ok: bool, answer: Any) -> None:
        with self._lock:
            self._in_flight.discard(kind)
        try:
            if not self.is_latest(kind, number) or self._closed:
                return
            if ok:
                self.on_answer(kind, number, (question, answer) if self.flat_answers else rebuild(question, answer))
            else:
                self.on_error(kind, str(answer))
        finally:
            self._send_next()


# --- indexing off the UI process ------------------------------------------------------

#: Settled files are reported in batches at most this often.
REPORT_INTERVAL_S = 0.1

#: What an indexing run reports: ("files", [FileIndexed]), ("changed", stats_fresh),
#: ("warning", one-line message), ("finished", IndexSummary), ("failed", one-line message).
Report = tuple[str, Any]
_LAST = ("finished", "failed")


def batched_reports(indexer: Any, interval_s: float = REPORT_INTERVAL_S) -> Any:
    """``indexer.run()``'s events as reports, settled files gathered at most every ``interval_s``
    (re-indexing 10,000 unchanged files must not send 10,000 messages)."""
    from reader.library.indexer import FileIndexed, IndexSummary, LibraryChanged
    from reader.storage import StorageError

    pending: list[Any] = []
    last = time.monotonic()
    try:
        for event in indexer.run():
            if isinstance(event, FileIndexed):
                pending.append(event)
                if time.monotonic() - last >= interval_s:
                    yield "files", pending
                    pending, last = [], time.monotonic()
                continue
            if pending:
                yield "files", pending
                pending, last = [], time.monotonic()
            if isinstance(event, LibraryChanged):
                yield "changed", event.stats_fresh
            elif isinstance(event, IndexSummary):
                yield "finished", event
    except StorageError as error:
        yield "failed", str(error)
    except Exception as error:  # a bug: one line, and the window goes on
        yield "failed", one_line(error, named=True)


def make_indexer(
    paths: list[str], library: str | None, jobs: int | None, user_data: bool, warn: Callable[[str], None]
) -> Any:
    """The Indexer a window runs: with the user's lexicon, corrections and model (read now) when ``user_data``."""
    from reader.corrections.store import read_user_data
    from reader.library.indexer import Indexer

    data = read_user_data(warn=warn) if user_data else None
    return Indexer(paths, library, jobs=jobs, user_data=data, warn=warn)


#: How much lower than the window the indexing processes run (Unix niceness; 19 is the lowest).
INDEXING_NICENESS = 10


def lower_priority(niceness: int = INDEXING_NICENESS) -> None:
    """Make this process (and the processes it starts) yield the CPU to the window; where it can."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(niceness)


def _index_in_child(
    connection: Any, paths: list[str], library: str | None, jobs: int | None, user_data: bool = True
) -> None:
    """The indexing child: runs the Indexer, sends its reports; "cancel" (or the parent going away) stops it.

    It and its analysis processes run at a lower priority (``INDEXING_NICENESS``):
    on a laptop's few cores, the window is served first and never waits for them.
    """
    lower_priority()

    def warn(message: str) -> None:
        with contextlib.suppress(OSError, ValueError):
            connection.send(("warning", one_line(message)))

    indexer = make_indexer(paths, library, jobs, user_data, warn)

    def listen() -> None:
        try:
            while connection.recv() != "cancel":
                pass
        except Exception:  # the pipe closed: nobody wants the rest
            pass
        indexer.cancel()

    threading.Thread(target=listen, name="cancel", daemon=True).start()
    for report in batched_reports(indexer):
        try:
            connection.send(report)
        except (OSError, ValueError):
            indexer.cancel()


class IndexingRun:
    """One indexing run off the caller's process (a child; a thread where none can start).

    ``on_report(report)`` gets each report (see ``Report``) on a reader
    thread; the run is over after "finished" or "failed". ``cancel()``
    stops it at the next file; what is done is kept. With ``user_data`` the
    user's lexicon, corrections and model apply, as in the reading window.
    """

    def __init__(
        self,
        paths: list[str],
        library: str | None,
        on_report: Callable[[Report], None],
        *,
        jobs: int | None = None,
        user_data: bool = True,
        use_process: bool = True,
    ) -> None:
        self.on_report = on_report
        self._user_data = user_data
        self._done = threading.Event()
        self._connection: Any = None
        self._process: Any = None
        self._indexer: Any = None
        self._cancelled = False
        # Started off the caller's thread: launching a process takes a window tens of milliseconds.
        threading.Thread(
            target=self._start, args=(paths, library, jobs, use_process), name="library-index", daemon=True
        ).start()

    def _start(self, paths: list[str], library: str | None, jobs: int | None, use_process: bool) -> None:
        if use_process:
            try:
                context = multiprocessing.get_context("spawn")
                parent, child = context.Pipe()
                # Not a daemon: the child starts the analysis processes of its own pool.
                self._process = context.Process(
                    target=_index_in_child, args=(child, paths, library, jobs, self._user_data), name="library-index"
                )
                self._process.start()
                child.close()
                self._connection = parent
                if self._cancelled:
                    self.cancel()
                self._read()
                return
            except (OSError, ValueError, RuntimeError):
                self._process = None
        self._indexer = make_indexer(
            paths, library, jobs, self._user_data, lambda message: self.on_report(("warning", one_line(message)))
        )
        if self._cancelled:
            self._indexer.cancel()
        self._run_here()

    def is_running(self) -> bool:
        return not self._done.is_set()

    def cancel(self) -> None:
        self._cancelled = True  # remembered if the run has not started yet
        if self._indexer is not None:
            self._indexer.cancel()
        if self._connection is not None:
            with contextlib.suppress(OSError, ValueError):
                self._connection.send("cancel")

    def wait(self, timeout_s: float | None = None) -> bool:
        """Wait for the run to end; whether it did."""
        return self._done.wait(timeout_s)

    def _read(self) -> None:
        try:
            while True:
                try:
                    report = self._connection.recv()
                except Exception:
                    report = ("failed", "the indexing process stopped unexpectedly")
                self._deliver(report)
                if report[0] in _LAST:
                    return
        finally:
            with contextlib.suppress(Exception):
                self._process.join(10)
            with contextlib.suppress(OSError):
                self._connection.close()
            self._done.set()

    def _run_here(self) -> None:
        try:
            for report in batched_reports(self._indexer):
                self._deliver(report)
        finally:
            self._done.set()

    def _deliver(self, report: Report) -> None:
        if report[0] in _LAST:
            self._done.set()  # over before it is told: whoever hears "finished" may start the next run
        self.on_report(report)
