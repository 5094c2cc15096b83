"""Indexing folders: what is analyzed, kept, removed, and reported (reader/library/indexer.py)."""

from __future__ import annotations

import os
import re

import pytest

from reader.library import Indexer, IndexSummary, Library, LibraryChanged
from reader.library.indexer import scan
from reader.library.schema import open_library

from .helpers import dump, index

SUMMARY = re.compile(
    r"indexed (\d+) articles \((\d+) analyzed, (\d+) unchanged, (\d+) failed\), (\d+) words in [\d.]+ s"
)


def test_a_folder_is_indexed_whole(indexed, corpus):
    library, summary = indexed
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    assert summary.analyzed == len(files) == summary.articles
    assert (summary.unchanged, summary.failed, summary.removed) == (0, 0, 0)
    assert SUMMARY.fullmatch(summary.line())
    with Library.open(library) as opened:
        articles = opened.articles()
        assert {a.path for a in articles} == {str(p) for p in files}
        assert sum(a.words for a in articles) == summary.words
        assert {a.format for a in articles} == {"text", "html", "markdown"}
        assert {"utf-8", "cp1256"} <= {a.encoding for a in articles}
        assert opened.count_entities() > 30


def test_titles_and_dates_come_from_the_articles(indexed, corpus):
    library, _ = indexed
    with Library.open(library) as opened:
        for article in opened.articles():
            assert article.title and "\n" not in article.title
            # The generator stamps each file with its article's date, so both ways agree.
            assert article.date == article.path.split(os.sep)[-2] + article.date[7:]
        stated = [a.date_stated for a in opened.articles()]
        assert any(stated) and not all(stated)  # a few articles only have their file's date


def test_reindexing_an_unchanged_folder_analyzes_nothing(articles, tmp_path):
    library = tmp_path / "l.sqlite3"
    first, _ = index([articles], library)
    before = dump(library)
    again, files = index([articles], library)
    assert (again.analyzed, again.unchanged, again.failed) == (0, first.analyzed, 0)
    assert {f.status for f in files} == {"unchanged"}
    assert again.words == first.words
    assert dump(library) == before


def test_changing_one_article_analyzes_exactly_that_one(articles, tmp_path):
    library = tmp_path / "l.sqlite3"
    first, _ = index([articles], library)
    changed = sorted(articles.rglob("*.txt"))[3]
    changed.write_text("بغداد - 3 آذار 2017: قال رئيس الوزراء حيدر العبادي إن القوات دخلت الموصل.\n", encoding="utf-8")
    again, files = index([articles], library)
    assert [f.path for f in files if f.status == "analyzed"] == [str(changed)]
    assert (again.analyzed, again.unchanged) == (1, first.analyzed - 1)
    with Library.open(library) as opened:
        [mosul] = opened.resolve("الموصل")
        found = {hits.article.path for hits in opened.find(mosul)}
        assert str(changed) in found
        assert opened.article(next(a.id for a in opened.articles() if a.path == str(changed))).date == "2017-03-03"


def test_touching_a_file_without_changing_it_is_unchanged(articles, tmp_path):
    library = tmp_path / "l.sqlite3"
    index([articles], library)
    touched = sorted(articles.rglob("*.md"))[0]
    os.utime(touched, (1e9, 1e9))
    again, _ = index([articles], library)
    assert again.analyzed == 0


def test_vanished_files_are_removed_and_their_entities_with_them(articles, tmp_path):
    library = tmp_path / "l.sqlite3"
    first, _ = index([articles], library)
    gone = sorted(articles.rglob("*.txt"))[:2]
    for path in gone:
        path.unlink()
    again, files = index([articles], library)
    assert sorted(f.path for f in files if f.status == "removed") == sorted(str(p) for p in gone)
    assert (again.articles, again.removed) == (first.articles - 2, 2)
    fresh = tmp_path / "fresh.sqlite3"
    index([articles], fresh)
    assert dump(library) == dump(fresh)


def test_indexing_another_folder_keeps_the_first(articles, tmp_path):
    library = tmp_path / "l.sqlite3"
    index([articles], library)
    other = tmp_path / "other"
    other.mkdir()
    (other / "note.txt").write_text("زار وزير الخارجية مدينة تطوان يوم الأحد.", encoding="utf-8")
    summary, _ = index([other], library)
    assert (summary.articles, summary.analyzed, summary.removed) == (1, 1, 0)
    with Library.open(library) as opened:
        assert opened.count_articles() == sum(1 for p in articles.rglob("*") if p.is_file()) + 1


def test_a_binary_file_is_listed_failed_and_the_run_goes_on(articles, tmp_path):
    (articles / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (articles / "empty.md").write_bytes(b"")
    summary, files = index([articles], tmp_path / "l.sqlite3")
    failed = {os.path.basename(f.path): f.reason for f in files if f.status == "failed"}
    assert failed == {"photo.txt": "it is a binary file (a PNG image), not text", "empty.md": "it is empty"}
    assert summary.failed == 2 and summary.analyzed == sum(1 for p in articles.rglob("*") if p.is_file()) - 2


def test_an_article_that_becomes_unreadable_leaves_the_library(articles, tmp_path):
    library = tmp_path / "l.sqlite3"
    first, _ = index([articles], library)
    broken = sorted(articles.rglob("*.txt"))[0]
    broken.write_bytes(b"\x00\x01\x02" * 100)
    summary, _ = index([articles], library)
    assert (summary.articles, summary.failed) == (first.articles - 1, 1)
    with Library.open(library) as opened:
        assert str(broken) not in {a.path for a in opened.articles()}


def test_scan_takes_article_suffixes_skips_hidden_files_and_lists_missing_paths(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.HTML").write_text("x")
    (tmp_path / "c.pdf").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "e.md").write_text("x")
    files, roots, failures = scan([str(tmp_path), str(tmp_path / "c.pdf"), str(tmp_path / "missing")])
    names = [os.path.relpath(f, tmp_path) for f in files]
    assert names == ["a.txt", "b.HTML", "c.pdf", os.path.join("sub", "e.md")]
    assert roots == [str(tmp_path)]
    assert failures == [(str(tmp_path / "missing"), "no such file or folder")]


def test_two_processes_give_the_same_library_as_one(corpus, indexed, tmp_path):
    library, _ = indexed
    pooled = tmp_path / "pooled.sqlite3"
    summary, _ = index([corpus], pooled, jobs=2)
    assert summary.analyzed == summary.articles
    assert dump(pooled) == dump(library)


def test_cancel_keeps_what_is_done_and_the_next_run_finishes(articles, tmp_path, monkeypatch):
    monkeypatch.setattr("reader.library.indexer.BATCH_ARTICLES", 2)
    library = tmp_path / "l.sqlite3"
    indexer = Indexer([str(articles)], library, jobs=1)
    analyzed = 0
    for event in indexer.run():
        if getattr(event, "status", "") == "analyzed":
            analyzed += 1
        if isinstance(event, LibraryChanged) and analyzed >= 4:
            indexer.cancel()
        if isinstance(event, IndexSummary):
            summary = event
    assert summary.cancelled and 4 <= summary.analyzed < sum(1 for p in articles.rglob("*") if p.is_file())
    rest, _ = index([articles], library)
    assert rest.unchanged == summary.analyzed and rest.articles == rest.analyzed + rest.unchanged
    fresh = tmp_path / "fresh.sqlite3"
    index([articles], fresh)
    assert dump(library) == dump(fresh)


def test_a_damaged_library_is_set_aside_with_a_warning(articles, tmp_path):
    library = tmp_path / "l.sqlite3"
    library.write_bytes(b"this is not a database" * 100)
    warnings = []
    for _ in Indexer([str(sorted(articles.rglob("*.md"))[0])], library, warn=warnings.append).run():
        pass
    assert len(warnings) == 1 and "damaged" in warnings[0]
    assert list(tmp_path.glob("l.sqlite3.corrupt-*"))
    with Library.open(library) as opened:
        assert opened.count_articles() == 1


def test_a_library_from_a_newer_version_is_left_alone(tmp_path):
    from reader.storage import StorageError

    library = tmp_path / "l.sqlite3"
    open_library(library).execute("PRAGMA user_version = 99")
    with pytest.raises(StorageError, match="newer version"):
        list(Indexer([str(tmp_path)], library).run())


def test_a_file_name_that_is_not_utf8_is_listed_failed(articles, tmp_path):
    odd = os.path.join(os.fsencode(articles), b"caf\xe9.txt")
    with open(odd, "wb") as file:
        file.write("زار الوزير بغداد.".encode())
    summary, files = index([articles], tmp_path / "l.sqlite3")
    [failed] = [f for f in files if f.status == "failed"]
    assert failed.reason == "its name is not valid UTF-8: rename it" and "caf\\udce9.txt" in failed.path
    failed.path.encode("utf-8")  # printable as it is
    assert summary.failed == 1 and summary.analyzed == summary.articles


def test_the_library_remembers_its_folders(articles, tmp_path):
    library = tmp_path / "l.sqlite3"
    index([sorted(articles.rglob("*.md"))[0]], library)
    with Library.open(library) as opened:
        assert opened.folders() == []  # a file alone is no folder
    index([articles], library)
    index([articles / sorted(os.listdir(articles))[0]], library)
    with Library.open(library) as opened:
        assert opened.folders() == sorted([str(articles), str(articles / sorted(os.listdir(articles))[0])])


def test_a_run_that_writes_much_of_the_library_leaves_it_compacted(articles, tmp_path, monkeypatch):
    from reader.library import store

    monkeypatch.setattr(store, "COMPACT_MIN_ARTICLES", 10)  # the corpus has 24 articles
    library = tmp_path / "l.sqlite3"
    index([articles], library)
    before = dump(library)
    compacted = tmp_path / "compacted.sqlite3"
    connection = open_library(library)
    try:
        connection.execute("VACUUM INTO ?", (str(compacted),))
        pages = [connection.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "freelist_count")]
        fresh = open_library(compacted)
        assert pages == [fresh.execute("PRAGMA page_count").fetchone()[0], 0]
        fresh.close()
        # One changed article of 24 is a small run: the library is left as it is.
        assert not store.compact_after(connection, 1)
    finally:
        connection.close()
    assert dump(library) == before
    assert not os.path.exists(str(library) + "-wal") or os.path.getsize(str(library) + "-wal") == 0
