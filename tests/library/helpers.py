"""Building libraries for tests: generate articles, index a folder in this process, dump a
library to compare two. The session fixtures of tests/library, tests/commands and
tests/ui/library are built with these (imported there as ``library.helpers``)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from reader.library import FileIndexed, Indexer, IndexSummary
from reader.library.corpus import generate


def generated_articles(factory: pytest.TempPathFactory, count: int, *, seed: int, words: int) -> Path:
    """A fresh folder of ``count`` generated articles (text, Windows-1256, HTML, Markdown)."""
    folder = factory.mktemp("articles")
    generate(folder, count, seed=seed, words=words)
    return folder


def indexed_library(factory: pytest.TempPathFactory, folder: Path, user_data=None) -> tuple[Path, IndexSummary]:
    """``folder`` indexed into a fresh library (see ``index``): its path and the summary."""
    library = factory.mktemp("library") / "library.sqlite3"
    summary, _ = index([folder], library, user_data=user_data)
    return library, summary


def private_copy(folder: Path, tmp_path: Path) -> Path:
    """A copy of ``folder`` under ``tmp_path``, for a test that changes its articles."""
    return Path(shutil.copytree(folder, tmp_path / "articles"))


def index(paths, library, jobs: int = 1, user_data=None) -> tuple[IndexSummary, list[FileIndexed]]:
    """Run one indexing (``user_data``: a ``UserData``, None for the bare model); its summary and per-file events."""
    files, summary = [], None
    for event in Indexer([str(p) for p in paths], library, jobs=jobs, user_data=user_data).run():
        if isinstance(event, FileIndexed):
            files.append(event)
        elif isinstance(event, IndexSummary):
            summary = event
    assert summary is not None
    return summary, files


def dump(library: Path | str) -> dict[str, list[tuple]]:
    """Everything a library says, by stable keys (not row ids), sorted: equal dumps are equal libraries."""
    connection = sqlite3.connect(library)
    try:
        queries = {
            "articles": "SELECT path, hash, title, date, date_stated, encoding, format, words, people, places,"
            " organizations, figures, doc_key, lexicon, corrections, c.text, c.model FROM article"
            " JOIN article_content c ON c.article = article.id",
            "article_entities": "SELECT a.path, e.key, ae.name, ae.mentions FROM article_entity ae"
            " JOIN article a ON a.id = ae.article JOIN entity e ON e.id = ae.entity",
            "mentions": "SELECT a.path, e.key, m.start, m.end, m.text FROM mention m"
            " JOIN article a ON a.id = m.article JOIN entity e ON e.id = m.entity",
            "cooccurrences": "SELECT a.path, e.key, o.key, c.sentences FROM cooccurrence c"
            " JOIN article a ON a.id = c.article JOIN entity e ON e.id = c.entity JOIN entity o ON o.id = c.other",
            "stats": "SELECT e.key, s.type, s.name, s.articles, s.mentions, s.first_date, s.last_date, s.variants,"
            " s.folded FROM entity_stats s JOIN entity e ON e.id = s.entity",
            "aliases": "SELECT a.key, c.key FROM alias JOIN entity a ON a.id = alias.entity"
            " JOIN entity c ON c.id = alias.canonical",
            "dirty": "SELECT entity FROM dirty",
            "totals": "SELECT e.key, t.articles, t.mentions, t.first_date, t.last_date FROM entity_total t"
            " JOIN entity e ON e.id = t.entity",
            "names": "SELECT e.key, n.name, n.articles FROM entity_name n JOIN entity e ON e.id = n.entity",
            "variants": "SELECT e.key, v.text, v.mentions FROM entity_variant v JOIN entity e ON e.id = v.entity",
            "lines": "SELECT e.key, l.articles, l.mentions, l.name, l.type, l.json, l.csv, l.text FROM entity_line l"
            " JOIN entity e ON e.id = l.entity",
            "cooccurrence_totals": "SELECT e.key, o.key, c.articles, c.sentences FROM cooccurrence_total c"
            " JOIN entity e ON e.id = c.entity JOIN entity o ON o.id = c.other",
        }
        return {name: sorted(connection.execute(sql).fetchall()) for name, sql in queries.items()}
    finally:
        connection.close()


def record(path: str, text: str, mentions=(), date: str = "2017-01-01"):
    """An AnalyzedArticle for ``text`` with hand-placed mentions ``(start, end, type, key)``: no model involved."""
    from collections import Counter

    from reader.corrections.snapshot import EMPTY_LEXICON_DIGEST
    from reader.document import Mention, document_key
    from reader.entity_types import EntityType
    from reader.library.schema import compress_text
    from reader.library.search import indexed_text
    from reader.library.worker import AnalyzedArticle, EntityRows, file_hash, sentence_cooccurrences

    placed = [Mention(s, e, EntityType(t), text[s:e], f"{t}:{k}") for s, e, t, k in sorted(mentions)]
    counts = Counter(m.entity for m in placed)
    names = {m.entity: m.text for m in placed}
    types = Counter(m.type for m in placed)
    starts = [0] + [i + 1 for i, c in enumerate(text) if c in ".\n"]
    return AnalyzedArticle(
        path=path,
        hash=file_hash(text.encode()),
        size=len(text.encode()),
        mtime=0.0,
        analyzer="test",
        title=text.split("\n")[0][:40],
        title_stated=False,
        date=date,
        date_stated=True,
        encoding="utf-8",
        format="text",
        words=len(text.split()),
        text=compress_text(text),
        search_text=indexed_text(text),
        rows=EntityRows(
            doc_key=document_key(text),
            lexicon=EMPTY_LEXICON_DIGEST,
            corrections="",
            model=None,
            counts=tuple(types[t] for t in EntityType),
            entities=tuple((k, k.partition(":")[0], names[k], n) for k, n in counts.items()),
            mentions=tuple((m.entity, m.start, m.end, m.text) for m in placed),
            cooccurrences=sentence_cooccurrences(placed, starts),
        ),
    )


def write(library, *records) -> None:
    """Store ``records`` as the indexer would, one transaction, then refresh."""
    from reader.library import store
    from reader.library.schema import open_library
    from reader.storage import transaction

    connection = open_library(library)
    try:
        ids = store.EntityIds(connection)
        with transaction(connection):
            for r in records:
                store.write_article(connection, r, ids)
        store.refresh(connection)
    finally:
        connection.close()
