"""Writing the library: one article's rows in, one article's rows out, derived tables refreshed.

Every function here runs inside the caller's transaction
(``reader.storage.transaction``) except ``refresh``, which is one of its own.
An article's rows (``article``, ``article_entity``, ``mention``,
``cooccurrence``, its full-text entry) are always written or deleted together,
and the entities they touch are marked ``dirty``; ``refresh`` then brings
``alias``, ``entity_stats`` and ``entity_line`` up to date for exactly those entities. A run
killed between the two leaves the dirty marks behind, and the next refresh
(the next run, or a query) finishes the job.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from reader.library.aliases import library_aliases
from reader.library.lines import write_lines
from reader.library.schema import decompress_text
from reader.library.stored import unpack_model
from reader.storage import compact, transaction

if TYPE_CHECKING:
    from reader.library.worker import AnalyzedArticle, EntityRows, StoredArticle

# The folding (camel-tools, about 0.6 s to import) is imported where it is used,
# so that asking whether the library is stale costs nothing.

#: Surface forms kept per entity in ``entity_stats.variants`` (all of them are searchable).
MAX_VARIANTS = 20


class EntityIds:
    """Entity key → row id, cached for the writer; unknown keys are added on demand."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.reload()

    def reload(self) -> None:
        """Forget what a rolled-back transaction added."""
        self._ids: dict[str, int] = dict(self.connection.execute("SELECT key, id FROM entity"))

    def __call__(self, key: str, kind: str) -> int:
        entity = self._ids.get(key)
        if entity is None:
            self.connection.execute("INSERT OR IGNORE INTO entity (key, type) VALUES (?, ?)", (key, kind))
            entity = self.connection.execute("SELECT id FROM entity WHERE key = ?", (key,)).fetchone()[0]
            self._ids[key] = entity
        return entity


def article_id(connection: sqlite3.Connection, path: str) -> int | None:
    row = connection.execute("SELECT id FROM article WHERE path = ?", (path,)).fetchone()
    return None if row is None else int(row[0])


def write_article(connection: sqlite3.Connection, record: AnalyzedArticle, entity_ids: EntityIds) -> int:
    """Store ``record``, replacing the article at the same path; its new id."""
    old = article_id(connection, record.path)
    if old is not None:
        delete_article(connection, old)
    rows = record.rows
    cursor = connection.execute(
        "INSERT INTO article (path, hash, size, mtime, analyzer, title, title_stated, date, date_stated,"
        " encoding, format, words, people, places, organizations, figures, doc_key, lexicon, corrections)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            record.path,
            record.hash,
            record.size,
            record.mtime,
            record.analyzer,
            record.title,
            record.title_stated,
            record.date,
            record.date_stated,
            record.encoding,
            record.format,
            record.words,
            *rows.counts,
            rows.doc_key,
            rows.lexicon,
            rows.corrections,
        ),
    )
    article = int(cursor.lastrowid or 0)
    connection.execute(
        "INSERT INTO article_content (article, text, model) VALUES (?, ?, ?)", (article, record.text, rows.model)
    )
    connection.execute("INSERT INTO article_search (rowid, body) VALUES (?, ?)", (article, record.search_text))
    _write_entities(connection, article, record.date, rows, entity_ids)
    return article


def replace_entities(connection: sqlite3.Connection, article: int, rows: EntityRows, entity_ids: EntityIds) -> None:
    """Give the stored ``article`` new entity rows (the user's data applied again); its text stays."""
    date = _delete_entities(connection, article)
    if date is None:
        return
    connection.execute(
        "UPDATE article SET people = ?, places = ?, organizations = ?, figures = ?, doc_key = ?, lexicon = ?,"
        " corrections = ? WHERE id = ?",
        (*rows.counts, rows.doc_key, rows.lexicon, rows.corrections, article),
    )
    connection.execute("UPDATE article_content SET model = ? WHERE article = ?", (rows.model, article))
    _write_entities(connection, article, date, rows, entity_ids)


def _write_entities(
    connection: sqlite3.Connection, article: int, date: str, rows: EntityRows, entity_ids: EntityIds
) -> None:
    """The entity rows of ``article`` (none there yet), and the totals they add to."""
    entities = list(rows.entities)
    listed = {key for key, _, _, _ in entities}
    extra = Counter(key for key, _, _, _ in rows.mentions if key not in listed)
    for key, count in extra.items():  # every mention names a listed entity; be safe if one does not
        text = next(text for k, _, _, text in rows.mentions if k == key)
        entities.append((key, key.partition(":")[0], text, count))
    ids = {key: entity_ids(key, kind) for key, kind, _, _ in entities}
    connection.executemany(
        "INSERT INTO article_entity (article, entity, name, mentions) VALUES (?, ?, ?, ?)",
        [(article, ids[key], name, count) for key, _, name, count in entities],
    )
    connection.executemany(
        "INSERT INTO mention (entity, article, start, end, text) VALUES (?, ?, ?, ?, ?)",
        [(ids[key], article, start, end, text) for key, start, end, text in rows.mentions],
    )
    connection.executemany(
        "INSERT INTO cooccurrence (entity, article, other, sentences) VALUES (?, ?, ?, ?)",
        [(ids[a], article, ids[b], n) for a, b, n in rows.cooccurrences],
    )
    connection.executemany(
        "INSERT INTO entity_total (entity, articles, mentions, first_date, last_date) VALUES (?, 1, ?, ?, ?)"
        " ON CONFLICT (entity) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions,"
        " first_date = min(first_date, excluded.first_date), last_date = max(last_date, excluded.last_date)",
        [(ids[key], count, date, date) for key, _, _, count in entities],
    )
    connection.executemany(
        "INSERT INTO entity_name (entity, name, articles) VALUES (?, ?, 1)"
        " ON CONFLICT (entity, name) DO UPDATE SET articles = articles + 1",
        [(ids[key], name) for key, _, name, _ in entities],
    )
    spellings = Counter((ids[key], text) for key, _, _, text in rows.mentions)
    connection.executemany(
        "INSERT INTO entity_variant (entity, text, mentions) VALUES (?, ?, ?)"
        " ON CONFLICT (entity, text) DO UPDATE SET mentions = mentions + excluded.mentions",
        [(entity, text, n) for (entity, text), n in spellings.items()],
    )
    _mark_dirty(connection, ids.values())


def delete_article(connection: sqlite3.Connection, article: int) -> None:
    """Remove the article with id ``article`` and everything stored about it."""
    if _delete_entities(connection, article) is None:
        return
    from reader.library.search import indexed_text

    (compressed,) = connection.execute("SELECT text FROM article_content WHERE article = ?", (article,)).fetchone()
    # A contentless FTS5 table forgets a row given exactly the values it was given.
    connection.execute(
        "INSERT INTO article_search (article_search, rowid, body) VALUES ('delete', ?, ?)",
        (article, indexed_text(decompress_text(compressed))),
    )
    connection.execute("DELETE FROM article_content WHERE article = ?", (article,))
    connection.execute("DELETE FROM article WHERE id = ?", (article,))


def _delete_entities(connection: sqlite3.Connection, article: int) -> str | None:
    """Remove the entity rows of ``article`` and what they added to the totals; its date (None: no such article)."""
    row = connection.execute("SELECT date FROM article WHERE id = ?", (article,)).fetchone()
    if row is None:
        return None
    (date,) = row
    present = connection.execute(
        "SELECT entity, name, mentions FROM article_entity WHERE article = ?", (article,)
    ).fetchall()
    entities = [entity for entity, _, _ in present]
    pairs = [(entity, article) for entity in entities]
    spellings = connection.execute(
        "SELECT m.entity, m.text, COUNT(*) FROM article_entity ae"
        " JOIN mention m ON m.entity = ae.entity AND m.article = ae.article"
        " WHERE ae.article = ? GROUP BY m.entity, m.text",
        (article,),
    ).fetchall()
    connection.executemany("DELETE FROM mention WHERE entity = ? AND article = ?", pairs)
    connection.executemany("DELETE FROM cooccurrence WHERE entity = ? AND article = ?", pairs)
    connection.execute("DELETE FROM article_entity WHERE article = ?", (article,))
    connection.executemany(
        "UPDATE entity_total SET articles = articles - 1, mentions = mentions - ? WHERE entity = ?",
        [(count, entity) for entity, _, count in present],
    )
    # The first or last date may have left with the article: read them again (rare).
    connection.executemany(
        "UPDATE entity_total SET"
        " first_date = (SELECT MIN(a.date) FROM article_entity ae JOIN article a ON a.id = ae.article"
        "  WHERE ae.entity = entity_total.entity),"
        " last_date = (SELECT MAX(a.date) FROM article_entity ae JOIN article a ON a.id = ae.article"
        "  WHERE ae.entity = entity_total.entity)"
        " WHERE entity = ? AND articles > 0 AND ? IN (first_date, last_date)",
        [(entity, date) for entity in entities],
    )
    connection.executemany(
        "UPDATE entity_name SET articles = articles - 1 WHERE entity = ? AND name = ?",
        [(entity, name) for entity, name, _ in present],
    )
    connection.executemany(
        "UPDATE entity_variant SET mentions = mentions - ? WHERE entity = ? AND text = ?",
        [(n, entity, text) for entity, text, n in spellings],
    )
    for table, count in (("entity_total", "articles"), ("entity_name", "articles"), ("entity_variant", "mentions")):
        connection.executemany(f"DELETE FROM {table} WHERE entity = ? AND {count} <= 0", [(e,) for e in entities])
    _mark_dirty(connection, entities)
    return str(date)


def stored_article(connection: sqlite3.Connection, article: int) -> StoredArticle | None:
    """What ``readjust`` needs of a stored article: its text and the model's mentions."""
    from reader.library.worker import StoredArticle

    row = connection.execute(
        "SELECT a.path, a.words, a.analyzer, c.text, c.model FROM article a"
        " JOIN article_content c ON c.article = a.id WHERE a.id = ?",
        (article,),
    ).fetchone()
    if row is None:
        return None
    path, words, analyzer, text, model = row
    if model is not None:
        rows = unpack_model(model)
    else:  # the stored rows are the model's
        rows = connection.execute(
            "SELECT e.key, e.type, ae.name, m.start, m.end FROM article_entity ae"
            " JOIN entity e ON e.id = ae.entity JOIN mention m ON m.entity = ae.entity AND m.article = ae.article"
            " WHERE ae.article = ?",
            (article,),
        ).fetchall()
    return StoredArticle(article, path, words, decompress_text(text), analyzer.split(";")[0], tuple(rows))


def _mark_dirty(connection: sqlite3.Connection, entities: Iterable[int]) -> None:
    connection.executemany("INSERT OR IGNORE INTO dirty (entity) VALUES (?)", [(e,) for e in entities])


def check_search_index(connection: sqlite3.Connection) -> bool:
    """Rebuild the full-text index if it was built another way; whether it was rebuilt."""
    from reader.library.search import SEARCH_INDEX_VERSION, indexed_text

    with transaction(connection):
        row = connection.execute("SELECT value FROM meta WHERE key = 'search_index'").fetchone()
        if row is not None and row[0] == SEARCH_INDEX_VERSION:
            return False
        rebuilt = row is not None
        if rebuilt:
            connection.execute("INSERT INTO article_search (article_search) VALUES ('delete-all')")
            for article, text in connection.execute("SELECT article, text FROM article_content").fetchall():
                connection.execute(
                    "INSERT INTO article_search (rowid, body) VALUES (?, ?)",
                    (article, indexed_text(decompress_text(text))),
                )
        connection.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('search_index', ?)", (SEARCH_INDEX_VERSION,)
        )
        return rebuilt


#: A run that wrote or removed at least this many articles, and at least this share of the
#: library's, compacts the library after it (``compact_after``).
COMPACT_MIN_ARTICLES = 100
COMPACT_SHARE = 0.25


def compact_after(connection: sqlite3.Connection, changed: int) -> bool:
    """Compact the library (VACUUM) after a run that wrote or removed ``changed`` articles, when that
    is a large share of it; whether it was compacted.

    Rows arrive in the order files are analyzed, not in their tables' key
    order, so B-tree pages split and stay part-filled: a fresh index of the
    benchmark's 10,000 articles took 115.5 MB (2.02 × the text), 105.5 MB
    (1.85 ×) once compacted, in 1.2 s. A small run leaves the library as it
    is (``reader.storage.compact``).
    """
    articles = connection.execute("SELECT COUNT(*) FROM article").fetchone()[0]
    if changed < max(COMPACT_MIN_ARTICLES, COMPACT_SHARE * articles):
        return False
    return compact(connection)


def remember_folders(connection: sqlite3.Connection, folders: Iterable[str]) -> None:
    """Add ``folders`` to the folders the library was built from (``meta.folders``, JSON)."""
    with transaction(connection):
        known = set(folders_of(connection))
        if not known.issuperset(folders):
            connection.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('folders', ?)",
                (json.dumps(sorted(known.union(folders)), ensure_ascii=False),),
            )


def folders_of(connection: sqlite3.Connection) -> list[str]:
    """The folders indexed into the library so far, sorted (a window's Update indexes them again)."""
    row = connection.execute("SELECT value FROM meta WHERE key = 'folders'").fetchone()
    return list(json.loads(row[0])) if row else []


def is_stale(connection: sqlite3.Connection) -> bool:
    """Whether some entities' statistics wait for ``refresh``."""
    return bool(connection.execute("SELECT EXISTS (SELECT 1 FROM dirty)").fetchone()[0])


def refresh(connection: sqlite3.Connection, *, everything: bool = False) -> int:
    """Recompute aliases, and the statistics of the dirty entities from their totals.

    ``everything`` first rebuilds the totals from the articles' rows and
    recomputes every entity (what the incremental upkeep must agree with).
    One transaction; returns how many canonical entities were recomputed.
    """
    with transaction(connection):
        if everything:
            _rebuild_totals(connection)
            connection.execute("INSERT OR IGNORE INTO dirty (entity) SELECT id FROM entity")
        dirty = {row[0] for row in connection.execute("SELECT entity FROM dirty")}
        if not dirty:
            return 0
        live = connection.execute(
            "SELECT t.entity, e.key, t.articles FROM entity_total t JOIN entity e ON e.id = t.entity"
        ).fetchall()
        old_alias: dict[int, int] = dict(connection.execute("SELECT entity, canonical FROM alias"))
        new_alias = library_aliases(live)
        changed = {e for e in old_alias.keys() | new_alias.keys() if old_alias.get(e) != new_alias.get(e)}
        todo: set[int] = set()
        for entity in dirty | changed:
            todo.update((entity, new_alias.get(entity, entity), old_alias.get(entity, entity)))
        connection.executemany("DELETE FROM alias WHERE entity = ?", [(e,) for e in changed if e not in new_alias])
        connection.executemany(
            "INSERT OR REPLACE INTO alias (entity, canonical) VALUES (?, ?)",
            [(e, new_alias[e]) for e in changed if e in new_alias],
        )
        members: dict[int, list[int]] = defaultdict(list)
        for entity, canonical in new_alias.items():
            members[canonical].append(entity)
        canonicals = [c for c in todo if c not in new_alias]
        _delete_lines(connection, todo)
        connection.executemany("DELETE FROM entity_stats WHERE entity = ?", [(c,) for c in todo])
        connection.execute(
            "CREATE TEMP TABLE IF NOT EXISTS refresh_member (entity INTEGER PRIMARY KEY, canonical INTEGER NOT NULL)"
        )
        connection.execute("DELETE FROM refresh_member")
        connection.executemany(
            "INSERT INTO refresh_member (entity, canonical) VALUES (?, ?)",
            [(m, c) for c in canonicals for m in (c, *members.get(c, ()))],
        )
        connection.executemany("INSERT INTO entity_stats VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", _stats(connection))
        write_lines(connection, canonicals)
        _sum_cooccurrences(connection)
        connection.execute("DELETE FROM dirty")
        return len(canonicals)


def _sum_cooccurrences(connection: sqlite3.Connection) -> None:
    """``cooccurrence_total`` made again for the dirty entities from their rows of ``cooccurrence``.

    Both directions of a pair are stored, and an article written or deleted
    marks each of its entities dirty: every row whose sum changed belongs to
    a dirty entity.
    """
    connection.execute("DELETE FROM cooccurrence_total WHERE entity IN (SELECT entity FROM dirty)")
    connection.execute(
        "INSERT INTO cooccurrence_total (entity, other, articles, sentences)"
        " SELECT entity, other, COUNT(*), SUM(sentences) FROM cooccurrence"
        " WHERE entity IN (SELECT entity FROM dirty) GROUP BY entity, other"
    )


def _delete_lines(connection: sqlite3.Connection, entities: Iterable[int]) -> None:
    """Remove the ``entity_line`` rows of ``entities``, found by their statistics (the rows' order)."""
    old = connection.execute(
        "SELECT articles, mentions, name, entity FROM entity_stats WHERE entity IN (SELECT value FROM json_each(?))",
        (json.dumps(list(entities)),),
    ).fetchall()
    connection.executemany(
        "DELETE FROM entity_line WHERE articles = ? AND mentions = ? AND name = ? AND entity = ?", old
    )


def _stats(connection: sqlite3.Connection) -> list[tuple[object, ...]]:
    """entity_stats rows of the canonical entities in ``refresh_member``."""
    from reader.analysis.textmatch import fold

    # An entity and its aliases never share an article (grouping merged them there),
    # so the members' article counts add up.
    totals = connection.execute(
        "SELECT rm.canonical, SUM(t.articles), SUM(t.mentions), MIN(t.first_date), MAX(t.last_date)"
        " FROM refresh_member rm JOIN entity_total t ON t.entity = rm.entity GROUP BY rm.canonical"
    ).fetchall()
    names: dict[int, Counter[str]] = defaultdict(Counter)
    for canonical, name, count in connection.execute(
        "SELECT rm.canonical, n.name, n.articles FROM refresh_member rm JOIN entity_name n ON n.entity = rm.entity"
        " WHERE rm.entity = rm.canonical"
    ):
        names[canonical][name] = count
    variants: dict[int, Counter[str]] = defaultdict(Counter)
    for canonical, text, count in connection.execute(
        "SELECT rm.canonical, v.text, v.mentions FROM refresh_member rm JOIN entity_variant v ON v.entity = rm.entity"
    ):
        variants[canonical][text] += count
    kinds = dict(connection.execute("SELECT e.id, e.type FROM refresh_member rm JOIN entity e ON e.id = rm.canonical"))
    rows: list[tuple[object, ...]] = []
    for canonical, articles, mentions, first, last in totals:
        forms = variants[canonical]
        name = _best_name(names[canonical] or forms)
        ranked = sorted(forms, key=lambda v: (-forms[v], v))
        folded = "|" + "|".join(sorted({fold(name), *(fold(v) for v in forms)})) + "|"
        rows.append(
            (
                canonical,
                kinds[canonical],
                name,
                articles,
                mentions,
                first,
                last,
                json.dumps(ranked[:MAX_VARIANTS], ensure_ascii=False),
                folded,
            )
        )
    return rows


def _rebuild_totals(connection: sqlite3.Connection) -> None:
    """``entity_total``, ``entity_name`` and ``entity_variant`` computed afresh from the articles' rows."""
    for statement in (
        "DELETE FROM entity_total",
        "INSERT INTO entity_total (entity, articles, mentions, first_date, last_date)"
        " SELECT ae.entity, COUNT(*), SUM(ae.mentions), MIN(a.date), MAX(a.date)"
        " FROM article_entity ae JOIN article a ON a.id = ae.article GROUP BY ae.entity",
        "DELETE FROM entity_name",
        "INSERT INTO entity_name (entity, name, articles) SELECT entity, name, COUNT(*) FROM article_entity"
        " GROUP BY entity, name",
        "DELETE FROM entity_variant",
        "INSERT INTO entity_variant (entity, text, mentions) SELECT entity, text, COUNT(*) FROM mention"
        " GROUP BY entity, text",
    ):
        connection.execute(statement)


def _best_name(names: Counter[str]) -> str:
    """The name most articles use; among equals the fullest (the full name, not the surname)."""
    return min(names, key=lambda n: (-names[n], -len(n.split()), -len(n), n))
