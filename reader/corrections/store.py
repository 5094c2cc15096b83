"""Where the lexicon and the corrections live: ``corrections.sqlite3`` in the data folder.

One SQLite database (``reader.storage``: WAL, foreign keys, migrations, a
damaged file set aside) holds

- ``lexicon``: one row per entry, keyed by its folded key (``entry_key``);
- ``document``: each corrected article, keyed by the hash of its shown text
  (``document_key``), with that text (learning from corrections needs it);
- ``correction``: each document's corrections in the order they were made;
  an undone one stays (``undone = 1``) until redone or replaced by a new one;
- ``learn_run``: each run of "learn from my corrections" and its scores.

Every change is one transaction, so a window and the command line (or two
windows) can write at once without losing a change.

    store = UserStore.open()                     # StorageError: carry on without
    store.set_lexicon_entry("رويترز", EntityType.ORGANIZATION)
    store.add_correction(source, Mark(10, 16, EntityType.PLACE))
    analysis = store.apply(model_analysis)       # = apply_user_data(...)
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.corrections.engine import apply
from reader.corrections.kinds import Correction, CorrectionError, from_record, to_record
from reader.corrections.lexicon import Lexicon, LexiconEntry, entry_key
from reader.corrections.snapshot import UserData
from reader.document import Analysis, Source, document_key
from reader.entity_types import EntityType
from reader.errors import one_line
from reader.storage import Migration, StorageError, data_dir, open_database, transaction

FILE_NAME = "corrections.sqlite3"

_TYPES = ", ".join(f"'{t.value}'" for t in EntityType)

#: The schema, one migration per version (``reader.storage.open_database``). Never edit a
#: released step: add one.
MIGRATIONS: list[Migration] = [
    # 1: the lexicon, corrected documents and their corrections.
    f"""
    CREATE TABLE lexicon (
        key TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        type TEXT CHECK (type IS NULL OR type IN ({_TYPES})),
        made REAL NOT NULL
    );
    CREATE TABLE document (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        path TEXT,
        title TEXT,
        seen REAL NOT NULL
    );
    CREATE TABLE correction (
        id INTEGER PRIMARY KEY,
        document INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        data TEXT NOT NULL,
        undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
        made REAL NOT NULL
    );
    CREATE INDEX correction_by_document ON correction (document, id);
    """,
    # 2: a lexicon revision (readers cache the compiled lexicon until another
    # process changes it) and the history of "learn from my corrections".
    """
    CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    INSERT INTO meta (name, value) VALUES ('lexicon_revision', 0);
    CREATE TRIGGER lexicon_insert AFTER INSERT ON lexicon
        BEGIN UPDATE meta SET value = value + 1 WHERE name = 'lexicon_revision'; END;
    CREATE TRIGGER lexicon_update AFTER UPDATE ON lexicon
        BEGIN UPDATE meta SET value = value + 1 WHERE name = 'lexicon_revision'; END;
    CREATE TRIGGER lexicon_delete AFTER DELETE ON lexicon
        BEGIN UPDATE meta SET value = value + 1 WHERE name = 'lexicon_revision'; END;
    CREATE TABLE learn_run (
        id INTEGER PRIMARY KEY,
        made REAL NOT NULL,
        seconds REAL NOT NULL,
        sentences INTEGER NOT NULL,
        held_out TEXT NOT NULL,
        old_f1 REAL,
        new_f1 REAL,
        accepted INTEGER NOT NULL DEFAULT 0
    );
    """,
]


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document with corrections: its key, shown text, last path and title, active corrections."""

    key: str
    text: str
    path: str | None
    title: str | None
    corrections: tuple[Correction, ...]


class UserStore:
    """The user's lexicon and corrections (one connection; open one per process or thread)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path
        self._lexicon: tuple[int, Lexicon] | None = None

    @classmethod
    def open(cls, path: str | Path | None = None, *, warn: Callable[[str], None] = lambda message: None) -> UserStore:
        """The store at ``path`` (default: ``corrections.sqlite3`` in the data folder).

        A damaged file is set aside (``warn`` gets one line) and a fresh one
        started; StorageError (one line) when there is no usable database at all.
        """
        where = Path(path) if path is not None else cls.default_path()
        return cls(open_database(where, MIGRATIONS, warn=warn), where)

    @staticmethod
    def default_path(create: bool = True) -> Path:
        """``corrections.sqlite3`` in the data folder (StorageError if the folder is unusable)."""
        return data_dir(create=create) / FILE_NAME

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> UserStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- applying --------------------------------------------------------------------

    def apply(self, analysis: Analysis) -> Analysis:
        """``analysis`` (the model's) with the lexicon and this document's corrections applied."""
        return apply(analysis, self.corrections(document_key(analysis.source.text)), self.lexicon())

    # -- the lexicon -------------------------------------------------------------------

    def lexicon(self) -> Lexicon:
        """The lexicon, compiled; compiled again only after a change (by any process)."""
        revision = self._lexicon_revision()
        if self._lexicon is None or self._lexicon[0] != revision:
            self._lexicon = (revision, Lexicon(self.lexicon_entries()))
        return self._lexicon[1]

    def lexicon_entries(self) -> list[LexiconEntry]:
        """Every entry, in the order they were made."""
        rows = self.connection.execute("SELECT text, type FROM lexicon ORDER BY made, key").fetchall()
        return [LexiconEntry(text, None if kind is None else EntityType(kind)) for text, kind in rows]

    def lexicon_entry(self, text: str) -> LexiconEntry | None:
        """The entry ``text`` matches (الموصل finds the entry موصل), or None."""
        row = self.connection.execute("SELECT text, type FROM lexicon WHERE key = ?", (entry_key(text),)).fetchone()
        return None if row is None else LexiconEntry(row[0], None if row[1] is None else EntityType(row[1]))

    def set_lexicon_entry(self, text: str, entity_type: EntityType | None) -> LexiconEntry | None:
        """Always tag ``text`` as ``entity_type`` (None: never tag it); the entry it replaced, if any."""
        entry = LexiconEntry(text.strip(), entity_type)
        key = entry.key  # CorrectionError for text that cannot be an entry
        with transaction(self.connection):
            previous = self._entry_by_key(key)
            self._put(key, entry)
        return previous

    def remove_lexicon_entry(self, text: str) -> LexiconEntry | None:
        """Forget the entry ``text`` matches; the entry removed, or None if there was none."""
        key = entry_key(text)
        with transaction(self.connection):
            previous = self._entry_by_key(key)
            self.connection.execute("DELETE FROM lexicon WHERE key = ?", (key,))
        return previous

    def replace_lexicon_entry(self, old: LexiconEntry | None, new: LexiconEntry | None) -> None:
        """Put ``new`` where ``old`` was, in one transaction (undo of an edit; either may be None)."""
        with transaction(self.connection):
            if old is not None:
                self.connection.execute("DELETE FROM lexicon WHERE key = ?", (old.key,))
            if new is not None:
                self._put(new.key, new)

    def import_lexicon(self, entries: Iterable[LexiconEntry]) -> int:
        """Add or replace all ``entries`` in one transaction (all or nothing); how many."""
        keyed = [(entry.key, entry) for entry in entries]
        with transaction(self.connection):
            for key, entry in keyed:
                self._put(key, entry)
        return len(keyed)

    def _put(self, key: str, entry: LexiconEntry) -> None:
        self.connection.execute(
            "INSERT INTO lexicon (key, text, type, made) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET text = excluded.text, type = excluded.type, made = excluded.made",
            (key, entry.text, None if entry.type is None else entry.type.value, time.time()),
        )

    def _entry_by_key(self, key: str) -> LexiconEntry | None:
        row = self.connection.execute("SELECT text, type FROM lexicon WHERE key = ?", (key,)).fetchone()
        return None if row is None else LexiconEntry(row[0], None if row[1] is None else EntityType(row[1]))

    def _lexicon_revision(self) -> int:
        row = self.connection.execute("SELECT value FROM meta WHERE name = 'lexicon_revision'").fetchone()
        return int(row[0]) if row else 0

    # -- corrections --------------------------------------------------------------------

    def corrections(self, key: str) -> list[Correction]:
        """The active corrections of the document ``key``, in the order they were made.

        A stored record this version cannot read is skipped (a newer version
        may add kinds), never an error.
        """
        rows = self.connection.execute(
            "SELECT c.kind, c.data FROM correction c JOIN document d ON d.id = c.document "
            "WHERE d.key = ? AND c.undone = 0 ORDER BY c.id",
            (key,),
        ).fetchall()
        return _readable(rows)

    def add_correction(self, source: Source, correction: Correction) -> None:
        """Record ``correction`` of the document ``source`` shows; undone corrections are dropped (no redo)."""
        kind, data = to_record(correction)
        now = time.time()
        with transaction(self.connection):
            document = self._document_id(source, now)
            self.connection.execute("DELETE FROM correction WHERE document = ? AND undone = 1", (document,))
            self.connection.execute(
                "INSERT INTO correction (document, kind, data, made) VALUES (?, ?, ?, ?)", (document, kind, data, now)
            )

    def undo(self, key: str) -> Correction | None:
        """Undo the document's last active correction; the one undone, or None."""
        with transaction(self.connection):
            row = self.connection.execute(
                "SELECT c.id, c.kind, c.data FROM correction c JOIN document d ON d.id = c.document "
                "WHERE d.key = ? AND c.undone = 0 ORDER BY c.id DESC LIMIT 1",
                (key,),
            ).fetchone()
            if row is None:
                return None
            self.connection.execute("UPDATE correction SET undone = 1 WHERE id = ?", (row[0],))
        readable = _readable([row[1:]])
        return readable[0] if readable else None

    def redo(self, key: str) -> Correction | None:
        """Redo the document's first undone correction; the one redone, or None."""
        with transaction(self.connection):
            row = self.connection.execute(
                "SELECT c.id, c.kind, c.data FROM correction c JOIN document d ON d.id = c.document "
                "WHERE d.key = ? AND c.undone = 1 ORDER BY c.id LIMIT 1",
                (key,),
            ).fetchone()
            if row is None:
                return None
            self.connection.execute("UPDATE correction SET undone = 0 WHERE id = ?", (row[0],))
        readable = _readable([row[1:]])
        return readable[0] if readable else None

    def snapshot(self) -> UserData:
        """The lexicon and every document's active corrections, read in one transaction."""
        with transaction(self.connection):
            entries = self.lexicon_entries()
            rows = self.connection.execute(
                "SELECT d.key, c.kind, c.data FROM correction c JOIN document d ON d.id = c.document "
                "WHERE c.undone = 0 ORDER BY d.id, c.id"
            ).fetchall()
        records: dict[str, list[tuple[str, str]]] = {}
        for key, kind, data in rows:
            records.setdefault(key, []).append((kind, data))
        return UserData(entries, {key: _readable(found) for key, found in records.items()})

    def documents(self) -> list[StoredDocument]:
        """Every document with at least one active correction, most recently corrected first."""
        out = []
        rows = self.connection.execute("SELECT id, key, text, path, title FROM document ORDER BY seen DESC").fetchall()
        for document, key, text, path, title in rows:
            records = self.connection.execute(
                "SELECT kind, data FROM correction WHERE document = ? AND undone = 0 ORDER BY id", (document,)
            ).fetchall()
            corrections = _readable(records)
            if corrections:
                out.append(StoredDocument(key, text, path, title, tuple(corrections)))
        return out

    def _document_id(self, source: Source, now: float) -> int:
        key = document_key(source.text)
        self.connection.execute(
            "INSERT INTO document (key, text, path, title, seen) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET path = excluded.path, title = excluded.title, seen = excluded.seen",
            (key, source.text, source.path, source.title, now),
        )
        row = self.connection.execute("SELECT id FROM document WHERE key = ?", (key,)).fetchone()
        return int(row[0])

    # -- learning ---------------------------------------------------------------------

    def record_learn_run(
        self, seconds: float, sentences: int, held_out: str, old_f1: float | None, new_f1: float | None
    ) -> int:
        """Remember a run of "learn from my corrections"; its id (``accept_learn_run`` marks it accepted)."""
        with transaction(self.connection):
            cursor = self.connection.execute(
                "INSERT INTO learn_run (made, seconds, sentences, held_out, old_f1, new_f1) VALUES (?, ?, ?, ?, ?, ?)",
                (time.time(), seconds, sentences, held_out, old_f1, new_f1),
            )
        return int(cursor.lastrowid or 0)

    def accept_learn_run(self, run: int) -> None:
        with transaction(self.connection):
            self.connection.execute("UPDATE learn_run SET accepted = 1 WHERE id = ?", (run,))


def read_user_data(path: str | Path | None = None, *, warn: Callable[[str], None]) -> UserData:
    """The user's data now (``UserStore.snapshot``), for work that must go on whatever happens to it.

    No store yet: empty data, and none is created. A damaged store is set
    aside and a fresh one started (``warn`` gets one line); a store that
    cannot be read at all costs one line and gives empty data: the caller
    carries on with the model's analysis, as ``analyze`` does.
    """
    try:
        where = Path(path) if path is not None else UserStore.default_path(create=False)
        if not where.exists():
            return UserData()
        with UserStore.open(where, warn=warn) as store:
            return store.snapshot()
    except (StorageError, sqlite3.Error) as error:
        warn(f"cannot read your corrections and lexicon ({one_line(error)}); going on without them")
        return UserData()


def _readable(rows: Iterable[tuple[str, str]]) -> list[Correction]:
    out = []
    for kind, data in rows:
        try:
            out.append(from_record(kind, data))
        except CorrectionError:
            continue
    return out
