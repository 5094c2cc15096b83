"""Which stored articles need the user's data applied again, and the lexicons they were adjusted with.

Every article remembers the digest of the lexicon and of its own
corrections it was adjusted with (``reader.corrections.snapshot``). When a
run's user data differs from an unchanged article's:

- other corrections (made, undone, or a document key the user corrected):
  the article is adjusted again;
- another lexicon: only the entries added, removed or changed since can
  change its mentions, and an entry matches only where the text holds each
  of its words (clitics and letter variants fold into them, as a substring
  of the folded text). The full-text index finds the articles holding every
  word of three letters or more of such an entry; those are adjusted again,
  the others only note the new lexicon (a write of a few bytes).

The lexicons articles were adjusted with are kept in ``lexicon_state`` (by
digest) until no article names one. One limit: a text written with Arabic
presentation forms (ﻻ for لا, from old PDFs) folds differently for search
than for the lexicon, so such a word is not found by its entry's probe.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar

from reader.storage import transaction

if TYPE_CHECKING:
    from reader.corrections import UserData

#: Probes asked of the full-text index in one query.
PROBES_PER_QUERY = 64
#: More changed entries than this: every article of that lexicon is adjusted again (a new lexicon imported).
MAX_PROBES = 2000


class StoredState(Protocol):
    """What the indexer knows of a stored article (``indexer._Known``)."""

    @property
    def id(self) -> int: ...
    @property
    def doc_key(self) -> str: ...
    @property
    def lexicon(self) -> str: ...
    @property
    def corrections(self) -> str: ...


T = TypeVar("T", bound=StoredState)


def lexicon_state(connection: sqlite3.Connection, user_data: UserData | None) -> str:
    """The digest of ``user_data``'s lexicon (the empty one without user data), kept in ``lexicon_state``."""
    from reader.corrections.snapshot import EMPTY_LEXICON_DIGEST, lexicon_rows

    if user_data is None:
        return EMPTY_LEXICON_DIGEST
    digest = user_data.lexicon_digest
    entries = json.dumps(lexicon_rows(user_data.lexicon_entries), ensure_ascii=False)
    with transaction(connection):
        connection.execute("INSERT OR IGNORE INTO lexicon_state (digest, entries) VALUES (?, ?)", (digest, entries))
    return digest


def affected(
    connection: sqlite3.Connection,
    user_data: UserData | None,
    stale: Sequence[T],
    corrections: Callable[[str], str],
) -> tuple[list[T], list[T]]:
    """``stale`` articles split into those to adjust again and those the change of lexicon leaves alone.

    ``corrections(doc_key)`` is the digest an article's corrections should have now.
    """
    from reader.corrections.snapshot import lexicon_rows

    current = set(lexicon_rows(user_data.lexicon_entries)) if user_data is not None else set()
    redo: list[T] = []
    by_lexicon: dict[str, list[T]] = defaultdict(list)
    for article in stale:
        if article.corrections != corrections(article.doc_key):
            redo.append(article)
        else:
            by_lexicon[article.lexicon].append(article)
    kept: list[T] = []
    for digest, articles in by_lexicon.items():
        old = _entries(connection, digest)
        holding = None if old is None else _holding(connection, old ^ current)
        if holding is None:
            redo.extend(articles)
            continue
        for article in articles:
            (redo if article.id in holding else kept).append(article)
    return redo, kept


def note_lexicon(connection: sqlite3.Connection, articles: Iterable[int], digest: str) -> None:
    """Record that ``articles`` are as the lexicon ``digest`` makes them (it matches nothing new there)."""
    with transaction(connection):
        connection.executemany("UPDATE article SET lexicon = ? WHERE id = ?", [(digest, a) for a in articles])


def forget_unused_lexicons(connection: sqlite3.Connection) -> None:
    with transaction(connection):
        connection.execute("DELETE FROM lexicon_state WHERE digest NOT IN (SELECT DISTINCT lexicon FROM article)")


def _entries(connection: sqlite3.Connection, digest: str) -> set[tuple[str, str]] | None:
    row = connection.execute("SELECT entries FROM lexicon_state WHERE digest = ?", (digest,)).fetchone()
    return None if row is None else {(text, kind) for text, kind in json.loads(row[0])}


def _holding(connection: sqlite3.Connection, changed: set[tuple[str, str]]) -> set[int] | None:
    """The articles whose text holds every word of some entry in ``changed`` (words of three letters
    or more); None when that cannot narrow them down (an entry without such a word, too many entries)."""
    from reader.analysis.textmatch import fold
    from reader.corrections import CorrectionError
    from reader.corrections.lexicon import entry_words
    from reader.library.search import fts_query

    if len(changed) > MAX_PROBES:
        return None
    probes: set[str] = set()
    for text, _ in changed:
        try:
            words = [fts_query(fold(word)) for word in entry_words(text)]
        except CorrectionError:
            return None
        searchable = sorted({f"({query})" for query in words if query is not None})
        if not searchable:
            return None
        probes.add(" AND ".join(searchable))
    found: set[int] = set()
    ordered = sorted(probes)
    for first in range(0, len(ordered), PROBES_PER_QUERY):
        expression = " OR ".join(f"({probe})" for probe in ordered[first : first + PROBES_PER_QUERY])
        found.update(
            row[0]
            for row in connection.execute(
                "SELECT rowid FROM article_search WHERE article_search MATCH ?", (expression,)
            )
        )
    return found
