"""The library database: where it lives and its tables.

One SQLite file (``library.sqlite3`` in the data folder unless the user names
another), opened through ``reader.storage`` (WAL, foreign keys, migrations,
a damaged file set aside). The raw tables hold what analysis found in each
article; ``entity_stats``, ``entity_line``, ``alias`` and ``cooccurrence_total``
are derived from them and kept up to date by ``reader.library.store.refresh``
for the entities marked ``dirty``.
Every write is a transaction that leaves the raw tables consistent, so a run
killed half-way leaves a library that is right for every article it holds,
and the next run picks up where it stopped.

Sizes matter (10,000 articles): the article text is kept zlib-compressed,
the full-text index holds the trigrams of the folded text without a copy
of it (contentless FTS5), and mentions and co-occurrences are keyed by entity
first, so the common questions (who is this, where does it appear, who
appears with it) are prefix scans without extra indexes.
"""

from __future__ import annotations

import os
import sqlite3
import zlib
from collections.abc import Callable
from pathlib import Path

from reader.storage import Migration, data_dir, open_database

#: The default library's file name in the data folder.
LIBRARY_FILE = "library.sqlite3"
#: zlib level for the stored text: level 6 compresses Arabic news about 3.5 times.
COMPRESSION_LEVEL = 6

_V1 = """
CREATE TABLE article (                -- (version 2 moves the text to article_content)
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,          -- absolute path of the file
    hash TEXT NOT NULL,                 -- blake2b of the file's bytes: changed files are re-analyzed
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    analyzer TEXT NOT NULL,             -- the model (and user data) the mentions came from
    title TEXT NOT NULL,
    title_stated INTEGER NOT NULL,      -- 1: the file names its title (HTML, Markdown); 0: the first line
    date TEXT NOT NULL,                 -- YYYY-MM-DD
    date_stated INTEGER NOT NULL,       -- 1: the article states it; 0: the file's modification time
    encoding TEXT NOT NULL,
    format TEXT NOT NULL,               -- text, html, markdown
    words INTEGER NOT NULL,
    people INTEGER NOT NULL,            -- mentions per type
    places INTEGER NOT NULL,
    organizations INTEGER NOT NULL,
    figures INTEGER NOT NULL,
    text BLOB NOT NULL                  -- the shown text, UTF-8, zlib-compressed
);
CREATE INDEX article_by_date ON article(date);

CREATE TABLE entity (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,           -- the stable id, e.g. place:موصل
    type TEXT NOT NULL
);

-- An entity's presence in one article.
CREATE TABLE article_entity (
    article INTEGER NOT NULL REFERENCES article(id),
    entity INTEGER NOT NULL REFERENCES entity(id),
    name TEXT NOT NULL,                 -- its name in that article
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article, entity)
) WITHOUT ROWID;
CREATE INDEX article_entity_by_entity ON article_entity(entity, article);

-- Deleted through article_entity (entity, article): no index on article needed.
CREATE TABLE mention (
    entity INTEGER NOT NULL,
    article INTEGER NOT NULL,
    start INTEGER NOT NULL,             -- code points into the article's shown text, half-open
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (entity, article, start)
) WITHOUT ROWID;

-- Named entities (not figures) sharing a sentence: both directions stored.
CREATE TABLE cooccurrence (
    entity INTEGER NOT NULL,
    article INTEGER NOT NULL,
    other INTEGER NOT NULL,
    sentences INTEGER NOT NULL,
    PRIMARY KEY (entity, article, other)
) WITHOUT ROWID;

-- Which articles hold each trigram of their folded text (reader.library.search); rowid = article.id.
CREATE VIRTUAL TABLE article_search USING fts5(body, content='', detail=none, tokenize='trigram');

-- Derived, kept by every write (reader.library.store): each entity's totals, spellings and
-- names over the articles naming it, so statistics never re-read the mentions.
CREATE TABLE entity_total (
    entity INTEGER PRIMARY KEY,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    first_date TEXT NOT NULL,
    last_date TEXT NOT NULL
);
CREATE TABLE entity_variant (
    entity INTEGER NOT NULL,
    text TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (entity, text)
) WITHOUT ROWID;
CREATE TABLE entity_name (
    entity INTEGER NOT NULL,
    name TEXT NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (entity, name)
) WITHOUT ROWID;

-- Derived (reader.library.store.refresh): entities merged across articles.
CREATE TABLE alias (
    entity INTEGER PRIMARY KEY,         -- a surname alone, or a minority type of a name ...
    canonical INTEGER NOT NULL          -- ... counted as this entity
);
CREATE TABLE entity_stats (
    entity INTEGER PRIMARY KEY,         -- a canonical entity (never an alias)
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    first_date TEXT NOT NULL,
    last_date TEXT NOT NULL,
    variants TEXT NOT NULL,             -- JSON list of surface forms, most frequent first
    folded TEXT NOT NULL                -- |name|variant|... folded, to look an entity up by any spelling
);
CREATE INDEX entity_stats_by_articles ON entity_stats(articles DESC, mentions DESC, name);
CREATE TABLE dirty (entity INTEGER PRIMARY KEY);  -- entities whose entity_stats are stale

CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

# Version 2: the user's data (issue 11) in the index, and the article list without its text.
# An article remembers the document key its corrections are filed under and
# the state of the user's data it was adjusted with (digests, see
# reader.corrections.snapshot): a run re-applies them exactly where they
# changed. The text and the model's own mentions (kept only where the user's
# data changed them) move to a table of their own, so that listing 10,000
# articles, or those naming an entity, does not read megabytes of text.
_V2 = """
CREATE TABLE article_content (
    article INTEGER PRIMARY KEY REFERENCES article(id),
    text BLOB NOT NULL,                 -- the shown text, UTF-8, zlib-compressed
    model BLOB                          -- the model's mentions (reader.library.stored) when the user's data changed them
);
INSERT INTO article_content (article, text) SELECT id, text FROM article;
ALTER TABLE article DROP COLUMN text;
ALTER TABLE article ADD COLUMN doc_key TEXT NOT NULL DEFAULT '';      -- SHA-256 of the shown text
ALTER TABLE article ADD COLUMN lexicon TEXT NOT NULL DEFAULT '';      -- digest of the lexicon applied
ALTER TABLE article ADD COLUMN corrections TEXT NOT NULL DEFAULT '';  -- digest of its corrections applied, '' none
CREATE INDEX article_by_lexicon ON article(lexicon);
-- The lists answer from an index in their order, no sort: articles by date, entities of one type.
DROP INDEX article_by_date;
CREATE INDEX article_by_date ON article(date, path);
CREATE INDEX entity_stats_by_type ON entity_stats(type, articles DESC, mentions DESC, name);

-- Each lexicon articles were adjusted with: what changed since is what a run looks for.
CREATE TABLE lexicon_state (
    digest TEXT PRIMARY KEY,
    entries TEXT NOT NULL               -- JSON [[text, type or ""], ...]
);
"""


def _v2(connection: sqlite3.Connection) -> None:
    """Version 2, and the document key of every article indexed so far (their rows are the model's)."""
    from reader.corrections.snapshot import EMPTY_LEXICON_DIGEST
    from reader.document import document_key
    from reader.storage import statements

    for statement in statements(_V2):
        connection.execute(statement)
    keys = [
        (document_key(decompress_text(text)), EMPTY_LEXICON_DIGEST, article)
        for article, text in connection.execute("SELECT article, text FROM article_content")
    ]
    connection.executemany("UPDATE article SET doc_key = ?, lexicon = ? WHERE id = ?", keys)
    connection.execute("INSERT INTO lexicon_state (digest, entries) VALUES (?, '[]')", (EMPTY_LEXICON_DIGEST,))


# Version 3: the entity table ready to print. Listing every entity of a large library
# read each one's statistics through an index and its key through another
# (two random lookups a row), then made Python objects of them: 150–300 ms for
# 21,000 entities. Each canonical entity's line of the table in each output
# format is kept, in the table's order, beside ``entity_stats`` (written with
# it by ``reader.library.store.refresh``): `entities` is one scan.
_V3 = """
CREATE TABLE entity_line (
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    name TEXT NOT NULL,
    entity INTEGER NOT NULL,            -- a canonical entity, as in entity_stats
    type TEXT NOT NULL,
    json TEXT NOT NULL,                 -- its object of `entities --format json`
    csv TEXT NOT NULL,                  -- its row of `entities --format csv`, without the line end
    text TEXT NOT NULL,                 -- its line of `entities`
    PRIMARY KEY (articles DESC, mentions DESC, name, entity)
) WITHOUT ROWID;
"""


def _v3(connection: sqlite3.Connection) -> None:
    """Version 3, its lines written from the statistics there are."""
    from reader.library.lines import rewrite_all_lines
    from reader.storage import statements

    for statement in statements(_V3):
        connection.execute(statement)
    rewrite_all_lines(connection)


# Version 4: who appears with whom, summed over the articles. Finding an entity's
# companions summed its rows of ``cooccurrence`` (one per article and other
# entity: 50,000 for the most frequent name of a 10,000-article library) at
# every click, and the sentences shared among the network's seventeen
# entities scanned those of all seventeen: 10-40 ms of the window's answer.
# Each entity's totals with each other entity are kept instead (written by
# ``reader.library.store.refresh`` for the entities marked dirty): the
# companions are one short prefix scan, the network's pairs direct lookups.
_V4 = """
CREATE TABLE cooccurrence_total (
    entity INTEGER NOT NULL,            -- as in cooccurrence: an entity's own id, aliases unresolved
    other INTEGER NOT NULL,
    articles INTEGER NOT NULL,          -- articles where they share a sentence
    sentences INTEGER NOT NULL,         -- sentences they share, over those articles
    PRIMARY KEY (entity, other)
) WITHOUT ROWID;
INSERT INTO cooccurrence_total (entity, other, articles, sentences)
    SELECT entity, other, COUNT(*), SUM(sentences) FROM cooccurrence GROUP BY entity, other;
"""

#: The library's schema, one migration per version (reader.storage runs them).
MIGRATIONS: list[Migration] = [_V1, _v2, _v3, _V4]
#: A library from before version 4 is compacted once: version 2 dropped the
#: text from the article table, which kept its pages three-quarters empty
#: (21.6 MB for 3.6 MB of rows in a 10,000-article library), and listing the
#: articles naming a frequent entity read three times the pages (``find_rows``
#: 24-43 ms, 13-21 ms compacted).
COMPACT_BELOW = 4


def default_library_path() -> Path:
    """``library.sqlite3`` in the user's data folder."""
    return data_dir() / LIBRARY_FILE


def open_library(
    path: str | os.PathLike[str] | None = None, *, warn: Callable[[str], None] = lambda message: None
) -> sqlite3.Connection:
    """A connection to the library at ``path`` (default: the data folder's), created if new.

    Raises ``reader.storage.StorageError`` (one line) when it cannot be used.
    """
    connection = open_database(
        path if path is not None else default_library_path(), MIGRATIONS, warn=warn, compact_below=COMPACT_BELOW
    )
    connection.execute("PRAGMA temp_store = MEMORY")
    return connection


def compress_text(text: str) -> bytes:
    """An article's shown text as ``article.text`` stores it."""
    return zlib.compress(text.encode("utf-8"), COMPRESSION_LEVEL)


def decompress_text(data: bytes) -> str:
    return zlib.decompress(data).decode("utf-8")
