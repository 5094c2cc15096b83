"""The user's data folder and its SQLite databases: opened safely, migrated, never lost.

Readers' corrections, their lexicon and their library of articles live in
SQLite databases in one per-user folder: ``$ARABIC_READER_DATA`` when set
(tests and scripts set it), else the platform's user data folder
(platformdirs: ``~/.local/share/arabic-reader`` on Linux).

``open_database`` gives a connection that is ready to use:

- WAL journal, foreign keys on, a busy timeout: a window and the command
  line (or two windows) can write at once without losing a change;
- the schema brought up to date by the caller's migrations, one
  transaction each, the version kept in SQLite's ``user_version``;
- a damaged or unreadable file (not a database, a malformed image) is moved
  aside as ``NAME.corrupt-<time>`` with a one-line warning, and a fresh
  database is started: the app keeps working, and the old file is kept
  for whoever wants to rescue it.

A database written by a newer version of the app is never touched: that is
a ``StorageError`` (one line) and the caller carries on without user data.

    migrations = ["CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"]
    connection = open_database(data_dir() / "notes.sqlite3", migrations, warn=print)
    with transaction(connection):
        connection.execute("INSERT INTO note (text) VALUES (?)", ("بغداد",))
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from reader.errors import one_line

#: The environment variable that overrides the data folder.
DATA_ENV = "ARABIC_READER_DATA"
APP_NAME = "arabic-reader"
#: How long a write waits for another process's transaction to end.
BUSY_TIMEOUT_S = 10.0

#: One migration: SQL statements (run as a script) or a function given the connection.
Migration = str | Callable[[sqlite3.Connection], None]


class StorageError(Exception):
    """A database cannot be used; ``str(error)`` is one line for the user."""


def data_dir(create: bool = True) -> Path:
    """The per-user data folder (``$ARABIC_READER_DATA``, else the platform's), made private if new."""
    override = os.environ.get(DATA_ENV)
    if override:
        folder = Path(override).expanduser()
    else:
        import platformdirs

        folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    if create:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(f"cannot create the data folder {str(folder)!r}: {one_line(error)}") from error
        if not folder.is_dir():
            raise StorageError(f"the data folder {str(folder)!r} is not a folder")
    return folder


def open_database(
    path: str | os.PathLike[str],
    migrations: Sequence[Migration],
    *,
    warn: Callable[[str], None] = lambda message: None,
    compact_below: int = 0,
) -> sqlite3.Connection:
    """A connection to the database at ``path`` with its schema at ``len(migrations)``.

    ``migrations[i]`` takes the schema from version ``i`` to ``i + 1``;
    a new file starts at version 0 and gets all of them. A file migrated
    from a version below ``compact_below`` is compacted afterwards (VACUUM:
    a migration that dropped a column leaves its table's pages part-empty).
    A damaged file is
    moved aside (``warn`` gets one line saying where) and a fresh one is
    started. Raises StorageError for a database from a newer version of the
    app, or a file that cannot be opened or created at all.
    """
    path = Path(path)
    try:
        return _open(path, migrations, compact_below)
    except sqlite3.DatabaseError as error:
        if not _is_damage(error):
            raise StorageError(f"cannot open {path.name!r}: {one_line(error)}") from error
        kept = set_aside(path)
        warn(f"{path.name} was damaged ({one_line(error)}); kept as {kept.name}, starting a fresh one")
    try:
        return _open(path, migrations, compact_below)
    except sqlite3.Error as error:
        raise StorageError(f"cannot create {path.name!r}: {one_line(error)}") from error


def set_aside(path: Path) -> Path:
    """Rename the database at ``path`` (and its WAL files) to ``NAME.corrupt-<time>``; the new name."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while kept.exists():
        n += 1
        kept = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            try:
                part.replace(kept.with_name(kept.name + suffix))
            except OSError as error:
                raise StorageError(f"cannot move the damaged {part.name!r} aside: {one_line(error)}") from error
    return kept


@contextlib.contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: everything in the block is committed together, or nothing is.

    ``BEGIN IMMEDIATE`` takes the write lock at once, so two processes
    never both read, then both try to write (which SQLite would refuse to
    one of them mid-way); the second waits up to ``BUSY_TIMEOUT_S``.
    """
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def _open(path: Path, migrations: Sequence[Migration], compact_below: int = 0) -> sqlite3.Connection:
    if path.exists() and not path.is_file():
        raise StorageError(f"cannot open {str(path)!r}: it is not a file")
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # isolation_level=None: no implicit transactions; ``transaction`` makes them explicit.
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        # Reading the schema is the first thing that fails on a file that is not a database.
        connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        if connection.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
            raise StorageError(f"cannot use {path.name!r}: its folder does not allow SQLite's write-ahead log")
        connection.execute("PRAGMA synchronous = NORMAL")  # WAL: durable at checkpoints, never corrupt
        if 0 < _migrate(connection, path, migrations) < compact_below:
            compact(connection)
    except BaseException:
        connection.close()
        raise
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)  # private: it holds what the user reads and writes
    return connection


def compact(connection: sqlite3.Connection) -> bool:
    """Rewrite the database without its empty and part-filled pages (VACUUM); whether it was done.

    Another process's reads do not stop it (write-ahead log); another
    writer does, until the busy timeout: then the file is left as it is.
    The log, which now holds a copy of the whole file, is folded back and
    emptied where no reader still needs it.
    """
    try:
        connection.execute("VACUUM")
    except sqlite3.OperationalError:
        return False
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    return True


def _migrate(connection: sqlite3.Connection, path: Path, migrations: Sequence[Migration]) -> int:
    """Bring the schema to ``len(migrations)``; the version this connection migrated it from (0: a new
    file; ``len(migrations)`` when it had nothing to do, another process having done it meanwhile)."""
    version = schema_version(connection)
    migrated_from = len(migrations)
    if version > len(migrations):
        raise StorageError(
            f"{path.name} was written by a newer version of arabic-reader (schema {version}, "
            f"this version knows {len(migrations)}); it is left untouched"
        )
    for target in range(version + 1, len(migrations) + 1):
        with transaction(connection):
            # Another process may have migrated it while this one waited for the lock.
            if schema_version(connection) >= target:
                continue
            migrated_from = min(migrated_from, target - 1)
            step = migrations[target - 1]
            if isinstance(step, str):
                for statement in statements(step):
                    connection.execute(statement)
            else:
                step(connection)
            connection.execute(f"PRAGMA user_version = {target:d}")
    return migrated_from


def statements(script: str) -> list[str]:
    """The statements of an SQL script (``executescript`` would commit the transaction it runs in)."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return [s for s in statements if s.rstrip(";").strip()]


def _is_damage(error: sqlite3.DatabaseError) -> bool:
    """Whether ``error`` says the file itself is broken (as opposed to locked, read-only, ...)."""
    if isinstance(error, sqlite3.OperationalError):
        return False
    message = str(error).lower()
    return any(
        phrase in message
        for phrase in ("file is not a database", "malformed", "disk image", "file is encrypted", "corrupt")
    )
