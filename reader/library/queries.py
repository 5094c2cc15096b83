"""Reading the library: its entities, where one appears, who appears with it, full-text search.

    library = Library.open()                 # the data folder's library.sqlite3
    [mosul] = library.resolve("بالموصل")     # any spelling of any variant
    for hits in library.find(mosul):         # every article naming it, offsets into its shown text
        print(hits.article.path, [(m.start, m.end) for m in hits.mentions])
    library.related(mosul)                   # entities sharing a sentence with it, with counts
    library.search("الامم المتحدة")          # articles containing the words (folded, as Find does)

Entities are the library's canonical entities (``reader.library.aliases``):
a surname alone counts as the one full name ending in it, a name's minority
type as its majority type. Co-occurrence is **same sentence** (figures are
left out): two entities are related when a sentence of some article names
both; ``sentences`` counts such sentences, ``articles`` the articles.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from reader.document import Analysis, Source, entity_id
from reader.entity_types import TYPE_ORDER, EntityType
from reader.library import store
from reader.library.lines import lines_complete, rewrite_all_lines
from reader.library.schema import decompress_text, default_library_path, open_library
from reader.library.stored import analysis_from_rows
from reader.storage import StorageError, transaction

# Folding and name keys come from the analysis (camel-tools: about 0.6 s to
# import): imported by the questions that need them, so listing entities
# from the command line starts at once.

#: Characters of context on each side of a mention in a keyword-in-context line.
CONTEXT_CHARACTERS = 60


class LibraryMissing(StorageError):
    """There is no library at the path given (nothing was indexed yet)."""


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """An entity across the library. ``id`` is its stable id (``place:موصل``)."""

    id: str
    type: EntityType
    name: str
    articles: int
    mentions: int
    first_date: str
    last_date: str
    variants: tuple[str, ...]
    rowid: int  # the database's id, for further questions

    def to_dict(self) -> dict[str, Any]:
        """The ``entities --format json`` contract of GUIDE.md."""
        return {
            "id": self.id,
            "type": self.type.value,
            "name": self.name,
            "articles": self.articles,
            "mentions": self.mentions,
            "variants": list(self.variants),
        }


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """An article of the library. ``date_stated`` is False when ``date`` is the file's."""

    id: int
    path: str
    title: str
    date: str
    date_stated: bool
    words: int
    people: int
    places: int
    organizations: int
    figures: int
    encoding: str
    format: str

    @property
    def mentions(self) -> int:
        return self.people + self.places + self.organizations + self.figures


@dataclass(frozen=True, slots=True)
class Hit:
    """A stretch of an article's shown text: ``text == shown_text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class ArticleHits:
    """An article and where in it something was found, in text order."""

    article: ArticleSummary
    hits: tuple[Hit, ...]

    def to_dict(self) -> dict[str, Any]:
        """The ``find --format json`` contract of GUIDE.md."""
        return {
            "path": self.article.path,
            "title": self.article.title,
            "mentions": [{"start": h.start, "end": h.end, "text": h.text} for h in self.hits],
        }


@dataclass(frozen=True, slots=True)
class Related:
    """An entity that shares sentences with another: in how many sentences, and articles."""

    entity: EntitySummary
    sentences: int
    articles: int

    def to_dict(self) -> dict[str, Any]:
        """``related --format json``: the entity, and the sentences and articles it shares."""
        e = self.entity
        return {
            "id": e.id,
            "type": e.type.value,
            "name": e.name,
            "sentences": self.sentences,
            "articles": self.articles,
        }


#: The periods a timeline counts by.
PERIODS = ("day", "week", "month")

#: How much of a library file its questions read through a memory map (address space, not memory).
MAP_BYTES = 1 << 30

#: Where an article's date, and whether the article states it, are in its ``ArticleSummary`` fields.
_DATE_FIELD, _DATE_STATED_FIELD = ([f.name for f in fields(ArticleSummary)].index(n) for n in ("date", "date_stated"))

_ENTITY_COLUMNS = "e.key, s.type, s.name, s.articles, s.mentions, s.first_date, s.last_date, s.variants, s.entity"
_ARTICLE_COLUMNS = (
    "a.id, a.path, a.title, a.date, a.date_stated, a.words, a.people, a.places, a.organizations, a.figures,"
    " a.encoding, a.format"
)


class Library:
    """Questions to one library database (a read-mostly connection; see ``reader.library.store`` for writes)."""

    def __init__(self, connection: sqlite3.Connection, path: str | None = None) -> None:
        self.connection = connection
        self.path = path

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        create: bool = False,
        warn: Callable[[str], None] = lambda message: None,
    ) -> Library:
        """The library at ``path`` (default: the data folder's).

        Raises LibraryMissing when it does not exist (unless ``create``), and
        StorageError (one line) when it cannot be used.
        """
        where = Path(path) if path is not None else default_library_path()
        if not create and not where.exists():
            raise LibraryMissing(f"no library at {str(where)!r}: index articles first (arabic-reader index FOLDER)")
        connection = open_library(where, warn=warn)
        # Read pages straight from the system's file cache instead of copying each into
        # SQLite's own 2 MB cache, which the articles naming a frequent entity overflow:
        # the window's details of the most frequent entities of a 10,000-article library
        # took 31-39 ms (median) that way, 20-22 ms mapped.
        connection.execute(f"PRAGMA mmap_size = {MAP_BYTES:d}")
        return cls(connection, str(where))

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def refresh_if_stale(self) -> bool:
        """Bring entity statistics up to date if an indexing run stopped before doing so."""
        if store.is_stale(self.connection):
            store.refresh(self.connection)
            return True
        return False

    # --- entities -------------------------------------------------------------------

    def entities(
        self,
        entity_type: EntityType | str | None = None,
        *,
        query: str = "",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[EntitySummary]:
        """Entities, most articles first (then most mentions, then name).

        ``query`` keeps those with a name or variant containing it, folded
        (الامم matches الأمم المتحدة). ``limit`` and ``offset`` give one page
        of them: a page is read from an index in this order (a few
        milliseconds), the tens of thousands of a large library take longer.
        """
        where, parameters = [], []
        if entity_type is not None:
            where.append("s.type = ?")
            parameters.append(EntityType(entity_type).value)
        key = _fold(query.strip()) if query.strip() else ""
        if key:
            where.append("s.folded LIKE ? ESCAPE '\\'")
            parameters.append("%" + _like_escape(key) + "%")
        sql = f"SELECT {_ENTITY_COLUMNS} FROM entity_stats s JOIN entity e ON e.id = s.entity"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY s.articles DESC, s.mentions DESC, s.name"
        sql += _page(limit, offset)
        return _entities(self.connection.execute(sql, parameters).fetchall())

    def entity_lines(self, form: str, entity_type: EntityType | str | None = None) -> list[bytes]:
        """``entities(entity_type)``'s lines of the entity table in ``form`` (json, csv, text; UTF-8),
        as ``reader.library.tables`` prints them: kept ready in the table's order, read in one scan."""
        column = {"json": "json", "csv": "csv", "text": "text"}[form]
        if not lines_complete(self.connection):  # rows lost (a damaged file): made again, not left out
            with transaction(self.connection):
                rewrite_all_lines(self.connection)
        sql = f"SELECT CAST({column} AS BLOB) FROM entity_line"
        parameters: list[str] = []
        if entity_type is not None:
            sql += " WHERE type = ?"
            parameters.append(EntityType(entity_type).value)
        sql += " ORDER BY articles DESC, mentions DESC, name, entity"
        return [row[0] for row in self.connection.execute(sql, parameters)]

    def entity_search_keys(self) -> dict[str, str]:
        """Stable id → its name and spellings folded (``|الموصل|بالموصل|``): a filter's haystack."""
        return dict(
            self.connection.execute("SELECT e.key, s.folded FROM entity_stats s JOIN entity e ON e.id = s.entity")
        )

    def count_entities(self) -> int:
        return int(self.connection.execute("SELECT COUNT(*) FROM entity_stats").fetchone()[0])

    def entity(self, key: str) -> EntitySummary | None:
        """The entity with stable id ``key``, or the one it counts as (a surname → the full name)."""
        found = self._by_keys([key])
        return found[0] if found else None

    def resolve(self, name: str) -> list[EntitySummary]:
        """The entities ``name`` names: a stable id, a name in any spelling, or any variant seen.

        ``بالموصل``, ``الْمَوْصِل`` and ``place:موصل`` all give the place الموصل;
        ``العبادي`` gives حيدر العبادي when he is the only العبادي in the library.
        Several when the name is ambiguous across types; empty when unknown.
        """
        from reader.analysis.grouping import folded_name
        from reader.analysis.textmatch import fold

        name = " ".join(name.split())
        if not name:
            return []
        kind, _, rest = name.partition(":")
        if rest and kind in {t.value for t in EntityType}:
            return self._by_keys([name])
        keys = _candidate_keys(name)
        found = self._by_keys(keys)
        if found:
            return found
        rows = self.connection.execute(
            f"SELECT {_ENTITY_COLUMNS} FROM entity_stats s JOIN entity e ON e.id = s.entity"
            " WHERE s.folded LIKE ? ESCAPE '\\' ORDER BY s.articles DESC",
            ("%|" + _like_escape(fold(name)) + "|%",),
        ).fetchall()
        if rows:
            return _entities(rows)
        # A surname never seen alone: the one full name that ends in it.
        last = folded_name(name)
        if " " in last or not last:
            return []
        rows = self.connection.execute(
            f"SELECT {_ENTITY_COLUMNS} FROM entity e JOIN entity_stats s ON s.entity = e.id"
            " WHERE e.key LIKE ? ESCAPE '\\' AND s.type = 'person'",
            ("person:% " + _like_escape(last),),
        ).fetchall()
        return [_entity(rows[0])] if len(rows) == 1 else []

    def suggest(self, name: str, limit: int = 5) -> list[EntitySummary]:
        """Entities whose names contain ``name`` (folded), for a "did you mean" line."""
        return self.entities(query=name, limit=limit)

    def _by_keys(self, keys: Sequence[str]) -> list[EntitySummary]:
        rows = self.connection.execute(
            f"SELECT DISTINCT {_ENTITY_COLUMNS} FROM entity raw"
            " LEFT JOIN alias al ON al.entity = raw.id"
            " JOIN entity_stats s ON s.entity = COALESCE(al.canonical, raw.id)"
            " JOIN entity e ON e.id = s.entity"
            " WHERE raw.key IN (SELECT value FROM json_each(?)) ORDER BY s.articles DESC",
            (json.dumps(list(keys), ensure_ascii=False),),
        ).fetchall()
        return _entities(rows)

    def _members(self, entities: Iterable[EntitySummary]) -> list[int]:
        """Database ids of ``entities`` and of everything counted as them."""
        canonical = [e.rowid for e in entities]
        aliases = self.connection.execute(
            "SELECT entity FROM alias WHERE canonical IN (SELECT value FROM json_each(?))", (json.dumps(canonical),)
        ).fetchall()
        return canonical + [row[0] for row in aliases]

    # --- where an entity appears -----------------------------------------------------

    def find(self, entities: EntitySummary | Iterable[EntitySummary]) -> list[ArticleHits]:
        """Every article naming ``entities`` with the mentions, oldest article first."""
        articles, hits = self.find_rows(entities)
        found: list[list[Hit]] = [[] for _ in articles]
        for number, start, end, text in hits:
            found[number].append(Hit(start, end, text))
        return [ArticleHits(ArticleSummary(*a), tuple(h)) for a, h in zip(articles, found, strict=True)]

    def find_rows(
        self, entities: EntitySummary | Iterable[EntitySummary]
    ) -> tuple[list[tuple[Any, ...]], list[tuple[int, int, int, str]]]:
        """``find`` as plain rows, in one query: the articles (``ArticleSummary`` fields), oldest
        first, and the mentions as ``(article's index in that list, start, end, text)`` in text order.

        What the window's question process sends: no object is made for the
        thousands of mentions of a frequent entity.
        """
        if isinstance(entities, EntitySummary):
            entities = [entities]
        articles: list[tuple[Any, ...]] = []
        hits: list[tuple[int, int, int, str]] = []
        last = None
        for row in self.connection.execute(
            f"SELECT {_ARTICLE_COLUMNS}, m.start, m.end, m.text FROM mention m JOIN article a ON a.id = m.article"
            " WHERE m.entity IN (SELECT value FROM json_each(?)) ORDER BY a.date, a.path, m.start",
            (json.dumps(self._members(entities)),),
        ):
            if row[0] != last:
                last = row[0]
                articles.append(_article_fields(row))
            hits.append((len(articles) - 1, row[12], row[13], row[14]))
        return articles, hits

    def related(self, entities: EntitySummary | Iterable[EntitySummary], *, limit: int | None = None) -> list[Related]:
        """Entities sharing a sentence with ``entities``: most shared sentences first."""
        if isinstance(entities, EntitySummary):
            entities = [entities]
        members = self._members(entities)
        # From the totals over articles. An entity and its aliases never share an
        # article (grouping merged them there), so the members' article counts add up.
        sql = (
            "WITH pair AS ("
            " SELECT COALESCE(al.canonical, c.other) AS other, c.articles, c.sentences FROM cooccurrence_total c"
            " LEFT JOIN alias al ON al.entity = c.other"
            " WHERE c.entity IN (SELECT value FROM json_each(:members)))"
            f" SELECT {_ENTITY_COLUMNS}, SUM(pair.sentences) AS n, SUM(pair.articles) AS a"
            " FROM pair JOIN entity_stats s ON s.entity = pair.other JOIN entity e ON e.id = s.entity"
            " WHERE pair.other NOT IN (SELECT value FROM json_each(:members))"
            " GROUP BY pair.other ORDER BY n DESC, a DESC, s.articles DESC, s.name"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        rows = self.connection.execute(sql, {"members": json.dumps(members)}).fetchall()
        entities = _entities([row[:9] for row in rows])
        return [Related(entity, row[9], row[10]) for entity, row in zip(entities, rows, strict=True)]

    def shared_sentences(self, entities: Sequence[EntitySummary]) -> dict[tuple[str, str], int]:
        """Sentences shared by each pair of ``entities`` that share any: ``{(id, other id): n}``, both ways."""
        canonical = {e.rowid: e.id for e in entities}
        members = dict.fromkeys(self._members(entities))
        aliases = dict(
            self.connection.execute(
                "SELECT entity, canonical FROM alias WHERE entity IN (SELECT value FROM json_each(?))",
                (json.dumps(list(members)),),
            ).fetchall()
        )
        shared: Counter[tuple[str, str]] = Counter()
        for entity, other, sentences in self.connection.execute(
            "SELECT entity, other, sentences FROM cooccurrence_total"
            " WHERE entity IN (SELECT value FROM json_each(:m)) AND other IN (SELECT value FROM json_each(:m))",
            {"m": json.dumps(list(members))},
        ):
            a, b = canonical[aliases.get(entity, entity)], canonical[aliases.get(other, other)]
            if a != b:
                shared[a, b] += sentences
        return dict(shared)

    def timeline(
        self, entities: EntitySummary | Iterable[EntitySummary], period: str = "month"
    ) -> list[tuple[str, int]]:
        """Mentions per ``period`` (day, week, month) over the articles that state their date.

        Periods are ``2016-10-17``, ``2016-W42`` (ISO week) or ``2016-10``,
        in order; periods without mentions between the first and last are
        not listed.
        """
        return self.timelines(entities, (period,))[period]

    def timelines(
        self, entities: EntitySummary | Iterable[EntitySummary], periods: Sequence[str] = PERIODS
    ) -> dict[str, list[tuple[str, int]]]:
        """``timeline`` for each of ``periods``, from one query."""
        if isinstance(entities, EntitySummary):
            entities = [entities]
        by_day = self.connection.execute(
            "SELECT a.date, SUM(ae.mentions) FROM article_entity ae JOIN article a ON a.id = ae.article"
            " WHERE ae.entity IN (SELECT value FROM json_each(?)) AND a.date_stated GROUP BY a.date",
            (json.dumps(self._members(entities)),),
        ).fetchall()
        return _by_period(by_day, periods)

    # --- articles -------------------------------------------------------------------

    def articles(
        self, *, order: str = "date", query: str = "", limit: int | None = None, offset: int = 0
    ) -> list[ArticleSummary]:
        """All articles (``order``: date, title, path, words, mentions); ``query`` filters titles, folded.

        ``limit`` and ``offset`` give one page of them (without ``query``: by date, read from an index).
        """
        orders = {
            "date": "a.date, a.path",
            "title": "a.title, a.path",
            "path": "a.path",
            "words": "a.words DESC, a.path",
            "mentions": "(a.people + a.places + a.organizations + a.figures) DESC, a.path",
        }
        sql = f"SELECT {_ARTICLE_COLUMNS} FROM article a ORDER BY {orders[order]}"
        if not query.strip():
            return [_article(row) for row in self.connection.execute(sql + _page(limit, offset))]
        key = _fold(query.strip())
        found = [a for a in map(_article, self.connection.execute(sql)) if key in _fold(a.title)]
        return found[offset : None if limit is None else offset + limit]

    def folders(self) -> list[str]:
        """The folders indexed into this library so far."""
        return store.folders_of(self.connection)

    def count_articles(self) -> int:
        return int(self.connection.execute("SELECT COUNT(*) FROM article").fetchone()[0])

    def article(self, article: int) -> ArticleSummary | None:
        row = self.connection.execute(f"SELECT {_ARTICLE_COLUMNS} FROM article a WHERE a.id = ?", (article,)).fetchone()
        return None if row is None else _article(row)

    def article_text(self, article: int) -> str:
        """The article's shown text as it was analyzed (KeyError if there is no such article)."""
        row = self.connection.execute("SELECT text FROM article_content WHERE article = ?", (article,)).fetchone()
        if row is None:
            raise KeyError(article)
        return decompress_text(row[0])

    def article_analysis(self, article: int) -> Analysis:
        """The article's Analysis as stored: its text, mentions and entities (ids are stable ids).

        Mention sources are not stored (each is ``"model"``); figure values
        are those their ids name. Used to export an article without analyzing it again.
        """
        row = self.connection.execute(
            "SELECT a.path, a.title, a.title_stated, a.encoding, a.format, c.text, a.analyzer FROM article a"
            " JOIN article_content c ON c.article = a.id WHERE a.id = ?",
            (article,),
        ).fetchone()
        if row is None:
            raise KeyError(article)
        path, title, title_stated, encoding, kind, compressed, analyzer = row
        rows = self.connection.execute(
            "SELECT e.key, e.type, ae.name, m.start, m.end FROM article_entity ae"
            " JOIN entity e ON e.id = ae.entity"
            " JOIN mention m ON m.entity = ae.entity AND m.article = ae.article"
            " WHERE ae.article = ?",
            (article,),
        ).fetchall()
        source = Source(decompress_text(compressed), path, encoding, kind, title if title_stated else None)
        return analysis_from_rows(source, rows, analyzer.split(";")[0])

    def _articles(self, ids: Iterable[int]) -> list[ArticleSummary]:
        rows = self.connection.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM article a WHERE a.id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(ids)),),
        )
        return [_article(row) for row in rows]

    # --- full text ---------------------------------------------------------------------

    def search(self, query: str, *, limit: int = 100) -> list[ArticleHits]:
        """Articles whose text contains ``query``, newest first, with the hits' offsets.

        Folded as the Find bar folds (``reader.library.search``): الامم المتحده
        finds للأمم المتّحدة. A query needs three letters; shorter ones find nothing.
        """
        from reader.library.search import fts_query, locate, search_key

        key = search_key(query)
        expression = fts_query(key)
        if expression is None:
            return []
        candidates = self.connection.execute(
            "SELECT a.id, c.text FROM article a JOIN article_content c ON c.article = a.id"
            " WHERE a.id IN (SELECT rowid FROM article_search WHERE article_search MATCH ?)"
            " ORDER BY a.date DESC, a.path",
            (expression,),
        )
        found: dict[int, list[Hit]] = {}
        for article, compressed in candidates:
            text = decompress_text(compressed)
            spans = locate(text, key)
            if spans:
                found[article] = [Hit(s, e, text[s:e]) for s, e in spans]
                if len(found) >= limit:
                    break
        summaries = {a.id: a for a in self._articles(found)}
        return [ArticleHits(summaries[article], tuple(hits)) for article, hits in found.items()]


def keyword_in_context(text: str, start: int, end: int, width: int = CONTEXT_CHARACTERS) -> tuple[str, str, str]:
    """``(before, match, after)`` around ``text[start:end]``: up to ``width`` characters each side,
    within the line, cut at a space so no word is broken."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end == -1:
        line_end = len(text)
    left = max(line_start, start - width)
    if left > line_start:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    right = min(line_end, end + width)
    if right < line_end:
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    return text[left:start], text[start:end], text[end:right]


def timelines_of_rows(
    articles: Sequence[Sequence[Any]], hits: Iterable[tuple[int, int, int, str]], periods: Sequence[str] = PERIODS
) -> dict[str, list[tuple[str, int]]]:
    """``Library.timelines`` of the entities whose ``find_rows`` are ``articles`` and ``hits``, counted
    from them (a caller that has them saves the query)."""
    per_article = Counter(article for article, _, _, _ in hits)
    by_day: Counter[str] = Counter()
    for number, mentions in per_article.items():
        row = articles[number]
        if row[_DATE_STATED_FIELD]:
            by_day[row[_DATE_FIELD]] += mentions
    return _by_period(by_day.items(), periods)


def _by_period(by_day: Iterable[tuple[str, int]], periods: Sequence[str]) -> dict[str, list[tuple[str, int]]]:
    """Mentions per day (``YYYY-MM-DD``) added up per each of ``periods``, in order."""
    import datetime as dt

    days = list(by_day)
    result: dict[str, list[tuple[str, int]]] = {}
    for period in periods:
        counts: Counter[str] = Counter()
        for date, mentions in days:
            if period == "day":
                label = date
            elif period == "week":
                year, week, _ = dt.date.fromisoformat(date).isocalendar()
                label = f"{year}-W{week:02d}"
            else:
                label = date[:7]
            counts[label] += mentions
        result[period] = sorted(counts.items())
    return result


def _candidate_keys(name: str) -> list[str]:
    """Stable ids ``name`` may be: its key under each named type, a figure's value."""
    from reader.analysis.arabic import normalize_form
    from reader.analysis.grouping import folded_name, key_name

    keys = [folded_name(name)]
    if name[:1] in ("و", "ف") and len(name) > 3:  # وبغداد: a conjunction grouping keeps without context
        keys.append(folded_name(name[1:]))
    ids = [entity_id(t, k) for k in keys if k for t in TYPE_ORDER if t is not EntityType.FIGURE]
    value = _number(name)
    if value is not None:
        ids.append(entity_id(EntityType.FIGURE, key_name(("figure", value))))
    ids.append(entity_id(EntityType.FIGURE, normalize_form(name)))
    return ids


def _number(text: str) -> float | None:
    digits = text.translate({**{0x0660 + i: str(i) for i in range(10)}, **{0x06F0 + i: str(i) for i in range(10)}})
    digits = digits.replace("٬", "").replace(",", "").replace("٫", ".")
    try:
        return float(digits)
    except ValueError:
        return None


def _fold(text: str) -> str:
    from reader.analysis.textmatch import fold

    return fold(text)


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_TYPES = {t.value: t for t in EntityType}


def _page(limit: int | None, offset: int) -> str:
    """The LIMIT clause of one page (none: every row from ``offset``)."""
    if limit is None and not offset:
        return ""
    return f" LIMIT {-1 if limit is None else max(0, int(limit))} OFFSET {max(0, int(offset))}"


def _entity(row: Sequence[Any]) -> EntitySummary:
    return _entities([row])[0]


def _entities(rows: Sequence[Sequence[Any]]) -> list[EntitySummary]:
    """Entity rows (``_ENTITY_COLUMNS``) → summaries, the variants of all parsed in one call
    (the listing of every entity is the long one: tens of thousands of rows)."""
    if not rows:
        return []
    variants = json.loads("[" + ",".join(row[7] for row in rows) + "]")
    return [
        EntitySummary(r[0], _TYPES[r[1]], r[2], r[3], r[4], r[5], r[6], tuple(v), r[8])
        for r, v in zip(rows, variants, strict=True)
    ]


def _article(row: Sequence[Any]) -> ArticleSummary:
    return ArticleSummary(*_article_fields(row))


def _article_fields(row: Sequence[Any]) -> tuple[Any, ...]:
    """An ``_ARTICLE_COLUMNS`` row (and whatever follows it) as ``ArticleSummary``'s fields."""
    return (row[0], row[1], row[2], row[3], bool(row[4]), *row[5:12])
