"""Index files and folders into the library: new and changed files analyzed, vanished ones removed.

``Indexer(paths, library).run()`` is an iterator of progress events, so a
command line can draw a progress bar and a window's job runner can forward
them; ``cancel()`` (from any thread) stops it at the next file, keeping
what is done. The run:

1. walks the paths (folders recursively; ``.txt .html .htm .md``; hidden
   files and folders skipped, folder symlinks not followed);
2. removes articles under those paths whose files are gone;
3. hashes every file and compares with the library: same bytes and same
   analyzer → unchanged, else analyzed (``reader.library.worker``), in a
   pool of ``jobs`` processes (spawned: no Qt or threads are inherited);
4. applies the user's data (``user_data``: lexicon and corrections, read
   once for the run) again where it changed since an unchanged article was
   indexed, from the model's stored mentions, without running the model:
   an article with other corrections, and, when the lexicon changed, the
   articles whose text holds a word of an entry added, removed or changed
   (found with the full-text index; the others only note the new lexicon);
5. writes results in batched transactions (``reader.library.store``),
   reporting each file once its rows are committed, and refreshes the
   entity statistics every few seconds and at the end.

A file that cannot be read or analyzed is reported as failed with its
one-line reason and the run goes on. Killed at any moment, the library
holds every article committed so far, whole; the next run analyzes the rest.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import one_line
from reader.io import LoadError
from reader.io.loader import read_bytes
from reader.library import store, userstate
from reader.library.schema import open_library
from reader.library.worker import (
    AnalyzedArticle,
    FailedFile,
    Readjusted,
    analyze_file,
    analyze_in_worker,
    analyzer_name,
    file_hash,
    init_worker,
    readjust,
    readjust_in_worker,
)
from reader.storage import StorageError, transaction

if TYPE_CHECKING:
    from reader.corrections import UserData

#: What a folder's articles are called.
ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm", ".md"})
#: A batch is committed when it holds this many articles or is this old.
BATCH_ARTICLES = 64
BATCH_SECONDS = 1.0
#: Entity statistics are refreshed at most this often while indexing (and at the end).
REFRESH_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class FileIndexed:
    """One file settled: ``status`` is analyzed, updated (the user's data applied again,
    the model not run), unchanged, failed or removed."""

    path: str
    status: str
    reason: str = ""
    words: int = 0
    done: int = 0  # files settled so far, this one included
    total: int = 0  # files found


@dataclass(frozen=True, slots=True)
class LibraryChanged:
    """Rows were committed; ``stats_fresh`` when entity statistics include them."""

    stats_fresh: bool


@dataclass(frozen=True, slots=True)
class IndexSummary:
    """The end of a run (always the last event)."""

    analyzed: int
    unchanged: int
    failed: int
    removed: int
    words: int  # in the articles analyzed, updated or unchanged
    words_analyzed: int  # in the articles the model analyzed
    seconds: float
    cancelled: bool = False
    updated: int = 0  # the user's data applied again (counted as analyzed in ``line``)

    @property
    def articles(self) -> int:
        return self.analyzed + self.updated + self.unchanged

    def line(self) -> str:
        """GUIDE.md's summary line: articles whose user data was applied again count as analyzed."""
        return (
            f"indexed {self.articles} articles ({self.analyzed + self.updated} analyzed, {self.unchanged} unchanged, "
            f"{self.failed} failed), {self.words} words in {self.seconds:.1f} s"
        )


IndexEvent = FileIndexed | LibraryChanged | IndexSummary


@dataclass(frozen=True, slots=True)
class _Task:
    """A file to analyze, or (``article`` set) a stored article to apply the user's data to again."""

    path: str
    article: int | None = None


@dataclass(frozen=True, slots=True)
class _Known:
    """What the library holds about an article's file."""

    id: int
    path: str
    hash: str
    analyzer: str
    words: int
    doc_key: str
    lexicon: str
    corrections: str


class Indexer:
    """One indexing run over ``paths`` into the library at ``library`` (default: the data folder's).

    ``jobs`` worker processes analyze (default: the number of cores; 1
    analyzes in this process). ``user_data`` is the user's lexicon and
    corrections (``UserStore.snapshot()`` or ``read_user_data``), applied to
    every article with the user's accepted model, as ``analyze`` does; None
    gives the shipped model's bare output (``--no-user-data``). ``warn``
    receives one-line warnings (a damaged library set aside).
    """

    def __init__(
        self,
        paths: Sequence[str | os.PathLike[str]],
        library: str | os.PathLike[str] | None = None,
        *,
        jobs: int | None = None,
        user_data: UserData | None = None,
        warn: Callable[[str], None] = lambda message: None,
    ) -> None:
        self.paths = [os.fspath(p) for p in paths]
        self.library = library
        self.jobs = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
        self.user_data = user_data
        self.warn = warn
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Stop at the next file; what is done is kept (thread-safe)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> Iterator[IndexEvent]:
        """Index, yielding a FileIndexed per file, LibraryChanged per commit, and an IndexSummary last."""
        started = time.perf_counter()
        connection = open_library(self.library, warn=self.warn)
        try:
            yield from _Run(self, connection, started).events()
        finally:
            connection.close()


class _Run:
    """The state of one run (counters, the open batch); ``events`` drives it."""

    def __init__(self, indexer: Indexer, connection: sqlite3.Connection, started: float) -> None:
        self.indexer = indexer
        self.connection = connection
        self.started = started
        self.analyzer = analyzer_name(user_data=indexer.user_data is not None)
        self.user_data = indexer.user_data
        self.entity_ids = store.EntityIds(connection)
        self.analyzed = self.updated = self.unchanged = self.failed = self.removed = 0
        self.words = self.words_analyzed = 0
        self.done = self.total = 0
        self.batch: list[AnalyzedArticle | Readjusted | FailedFile] = []
        self.batch_started = time.perf_counter()
        self.refreshed_at = time.perf_counter()
        self.refresh_cost = 0.0

    def events(self) -> Iterator[IndexEvent]:
        store.check_search_index(self.connection)
        if store.is_stale(self.connection):  # a run was stopped before its last refresh
            store.refresh(self.connection)
        lexicon = userstate.lexicon_state(self.connection, self.user_data)
        files, roots, failures = scan(self.indexer.paths)
        self.total = len(files) + len(failures)
        known = {
            row[1]: _Known(*row)
            for row in self.connection.execute(
                "SELECT id, path, hash, analyzer, words, doc_key, lexicon, corrections FROM article"
            )
        }
        yield from self._remove_vanished(known, set(files), roots)
        if roots:
            store.remember_folders(self.connection, roots)
        for path, reason in failures:
            self.batch.append(FailedFile(path, reason))
        todo: list[str] = []
        stale: list[_Known] = []  # unchanged files whose user data changed
        for path in files:
            if self.indexer.cancelled:
                break
            try:
                digest = file_hash(read_bytes(path))
            except LoadError as error:
                self.batch.append(FailedFile(path, error.reason))
                continue
            old = known.get(path)
            if old is None or old.hash != digest or old.analyzer != self.analyzer:
                todo.append(path)
            elif old.lexicon != lexicon or old.corrections != self._corrections(old.doc_key):
                stale.append(old)
            else:
                yield self._unchanged(old, path)
        redo, kept = userstate.affected(self.connection, self.user_data, stale, self._corrections)
        if kept:
            userstate.note_lexicon(self.connection, [old.id for old in kept], lexicon)
            for old in kept:
                yield self._unchanged(old, old.path)
        yield from self._flush()
        tasks = [_Task(path) for path in todo] + [_Task(old.path, old.id) for old in redo]
        if not self.indexer.cancelled:
            # Applying user data again takes milliseconds: worth a pool (whose workers load
            # the model first) only when there are files to analyze.
            if self.indexer.jobs == 1 or len(todo) <= 1:
                yield from self._work_here(tasks)
            else:
                yield from self._work_in_pool(tasks)
        yield from self._flush(final=True)
        if not self.indexer.cancelled:
            userstate.forget_unused_lexicons(self.connection)
            store.compact_after(self.connection, self.analyzed + self.updated + self.removed)
        yield IndexSummary(
            self.analyzed,
            self.unchanged,
            self.failed,
            self.removed,
            self.words,
            self.words_analyzed,
            time.perf_counter() - self.started,
            self.indexer.cancelled,
            self.updated,
        )

    def _corrections(self, doc_key: str) -> str:
        """The digest of the corrections the document ``doc_key`` should have applied now."""
        return self.user_data.corrections_digest(doc_key) if self.user_data is not None else ""

    def _unchanged(self, old: _Known, path: str) -> FileIndexed:
        self.unchanged += 1
        self.words += old.words
        return self._settled(FileIndexed(path, "unchanged", words=old.words))

    def _settled(self, event: FileIndexed) -> FileIndexed:
        self.done += 1
        return FileIndexed(event.path, event.status, event.reason, event.words, self.done, self.total)

    def _remove_vanished(self, known: dict[str, _Known], found: set[str], roots: list[str]) -> Iterator[IndexEvent]:
        given = {os.path.abspath(p) for p in self.indexer.paths}
        gone = [
            path
            for path in known
            if path not in found
            and (path in given or any(_is_under(path, root) for root in roots))
            and not os.path.isfile(path)
        ]
        if not gone:
            return
        with transaction(self.connection):
            for path in gone:
                store.delete_article(self.connection, known.pop(path).id)
        self.removed += len(gone)
        for path in gone:
            yield FileIndexed(path, "removed", done=self.done, total=self.total)
        yield LibraryChanged(stats_fresh=False)

    # --- analysis ---------------------------------------------------------------

    def _work_here(self, tasks: list[_Task]) -> Iterator[IndexEvent]:
        user_data = self.indexer.user_data
        queue = deque(tasks)
        while queue and not self.indexer.cancelled:
            task = queue.popleft()
            if task.article is None:
                self._settle(task, analyze_file(task.path, user_data), queue)
            else:
                stored = store.stored_article(self.connection, task.article)
                if stored is not None:
                    self._settle(task, readjust(stored, user_data), queue)
            yield from self._flush_if_due()

    def _work_in_pool(self, tasks: list[_Task]) -> Iterator[IndexEvent]:
        queue = deque(tasks)
        in_flight = 2 * self.indexer.jobs + 2
        pending: dict[Future[AnalyzedArticle | Readjusted | FailedFile], _Task] = {}
        executor: ProcessPoolExecutor | None = None
        try:
            while True:
                while queue and not self.indexer.cancelled and len(pending) < in_flight:
                    task = queue.popleft()
                    if executor is None:
                        executor = self._executor(len(tasks))
                    if task.article is None:
                        pending[executor.submit(analyze_in_worker, task.path)] = task
                    else:
                        stored = store.stored_article(self.connection, task.article)
                        if stored is not None:
                            pending[executor.submit(readjust_in_worker, stored)] = task
                if not pending or self.indexer.cancelled:
                    break
                finished, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in finished:
                    task = pending.pop(future)
                    try:
                        self._settle(task, future.result(), queue)
                    except BrokenProcessPool:
                        # A worker died (killed, out of memory): its file and the others in
                        # flight are listed failed and retried on the next run.
                        self.batch.append(FailedFile(task.path, "the analysis process stopped unexpectedly"))
                        if executor is not None:
                            _stop(executor)
                            executor = None
                yield from self._flush_if_due()
        finally:
            if executor is not None:
                _stop(executor)

    def _settle(self, task: _Task, result: AnalyzedArticle | Readjusted | FailedFile, queue: deque[_Task]) -> None:
        """Batch ``result``; when applying the user's data to a stored article failed, analyze its file instead."""
        if isinstance(result, FailedFile) and task.article is not None:
            queue.append(_Task(task.path))
        else:
            self.batch.append(result)

    def _executor(self, files: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=min(self.indexer.jobs, files),
            mp_context=get_context("spawn"),
            initializer=init_worker,
            initargs=(self.indexer.user_data,),
        )

    # --- writing ----------------------------------------------------------------

    def _flush_if_due(self) -> Iterator[IndexEvent]:
        if len(self.batch) >= BATCH_ARTICLES or time.perf_counter() - self.batch_started >= BATCH_SECONDS:
            yield from self._flush()

    def _flush(self, final: bool = False) -> Iterator[IndexEvent]:
        """Commit the batch, report its files, and refresh statistics when it is time."""
        batch, self.batch = self.batch, []
        self.batch_started = time.perf_counter()
        settled: list[FileIndexed] = []
        if batch:
            try:
                with transaction(self.connection):
                    settled = [self._write(item) for item in batch]
            except sqlite3.OperationalError as error:  # the disk is full, the file went read-only ...
                self.entity_ids.reload()
                raise StorageError(f"cannot write to the library: {one_line(error)}") from error
            except BaseException:
                self.entity_ids.reload()
                raise
        for event in settled:
            if event.status == "analyzed":
                self.analyzed += 1
                self.words += event.words
                self.words_analyzed += event.words
            elif event.status == "updated":
                self.updated += 1
                self.words += event.words
            else:
                self.failed += 1
            yield self._settled(event)
        now = time.perf_counter()
        due = now - self.refreshed_at >= max(REFRESH_SECONDS, 10 * self.refresh_cost)  # at most a tenth of the time
        if final or (settled and due):
            store.refresh(self.connection)
            self.refresh_cost = time.perf_counter() - now
            self.refreshed_at = time.perf_counter()
            yield LibraryChanged(stats_fresh=True)
        elif settled:
            yield LibraryChanged(stats_fresh=False)

    def _write(self, item: AnalyzedArticle | Readjusted | FailedFile) -> FileIndexed:
        """Write one result inside the batch's transaction; a row SQLite refuses fails that file only."""
        if isinstance(item, Readjusted):
            return self._write_rows(
                item.path, lambda: store.replace_entities(self.connection, item.article, item.rows, self.entity_ids)
            ) or FileIndexed(item.path, "updated", words=item.words)
        if isinstance(item, FailedFile):
            old = store.article_id(self.connection, item.path)
            if old is not None:  # it was an article; now it cannot be read
                store.delete_article(self.connection, old)
                self.removed += 1
            return FileIndexed(item.path, "failed", item.reason)
        return self._write_rows(
            item.path, lambda: store.write_article(self.connection, item, self.entity_ids)
        ) or FileIndexed(item.path, "analyzed", words=item.words)

    def _write_rows(self, path: str, write: Callable[[], object]) -> FileIndexed | None:
        """Run ``write`` in a savepoint: None when done, the file failed when SQLite refuses a row."""
        self.connection.execute("SAVEPOINT article")
        try:
            write()
        except sqlite3.IntegrityError as error:
            self.connection.execute("ROLLBACK TO article")
            self.connection.execute("RELEASE article")
            self.entity_ids.reload()
            return FileIndexed(path, "failed", f"cannot store its analysis: {error}")
        self.connection.execute("RELEASE article")
        return None


def scan(paths: Sequence[str]) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """The article files under ``paths`` (absolute, sorted, each once), the folders walked,
    and ``(path, reason)`` for what cannot be walked or does not exist.

    A file named explicitly is taken whatever its suffix; in folders only
    ``ARTICLE_SUFFIXES`` count.
    """
    files: set[str] = set()
    roots: list[str] = []
    failures: list[tuple[str, str]] = []
    for given in paths:
        path = os.path.abspath(given)
        if os.path.isdir(path):
            roots.append(path)

            for folder, subfolders, names in os.walk(path, onerror=lambda e: failures.append(_unwalkable(e))):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                files.update(
                    os.path.join(folder, name)
                    for name in names
                    if not name.startswith(".") and Path(name).suffix.lower() in ARTICLE_SUFFIXES
                )
        elif os.path.lexists(path):
            files.add(path)
        else:
            failures.append((path, "no such file or folder"))
    # A name that is not valid text (bytes another system wrote) cannot be stored or shown.
    named = {path for path in files if _is_text(path)}
    failures.extend((repr(path)[1:-1], "its name is not valid UTF-8: rename it") for path in sorted(files - named))
    return sorted(named), roots, failures


def _is_text(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _unwalkable(error: OSError) -> tuple[str, str]:
    return str(error.filename), "cannot read the folder: " + _reason(error)


def _is_under(path: str, root: str) -> bool:
    return path.startswith(root.rstrip(os.sep) + os.sep)


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _stop(executor: ProcessPoolExecutor) -> None:
    """Shut the pool down now: queued files are dropped, running analyses killed."""
    executor.shutdown(wait=False, cancel_futures=True)
    # ProcessPoolExecutor has no public way to stop a running task (terminate_workers
    # arrives in Python 3.14); a long analysis must not hold up a cancel.
    processes = getattr(executor, "_processes", None) or {}
    for process in list(processes.values()):
        with contextlib.suppress(Exception):
            process.terminate()
    for process in list(processes.values()):
        with contextlib.suppress(Exception):
            process.join(timeout=5)
