"""The library's schema and its migrations (reader/library/schema.py)."""

from __future__ import annotations

from reader.corrections.snapshot import EMPTY_LEXICON_DIGEST
from reader.document import document_key
from reader.library import Library
from reader.library.schema import MIGRATIONS, compress_text, open_library
from reader.storage import open_database, schema_version, transaction

TEXT = "زار الوزير بغداد.\nثم عاد."


def test_a_version_1_library_keeps_its_articles_and_learns_their_document_keys(tmp_path):
    path = tmp_path / "l.sqlite3"
    old = open_database(path, MIGRATIONS[:1])
    with transaction(old):
        old.execute(
            "INSERT INTO article (path, hash, size, mtime, analyzer, title, title_stated, date, date_stated,"
            " encoding, format, words, people, places, organizations, figures, text)"
            " VALUES ('/a.txt', 'h', 1, 0, 'model', 't', 0, '2017-01-01', 1, 'utf-8', 'text', 5, 0, 1, 0, 0, ?)",
            (compress_text(TEXT),),
        )
        old.execute("INSERT INTO entity (key, type) VALUES ('place:بغداد', 'place')")
        old.execute("INSERT INTO article_entity VALUES (1, 1, 'بغداد', 1)")
        old.execute("INSERT INTO mention VALUES (1, 1, 11, 16, 'بغداد')")
    old.close()

    connection = open_library(path)
    assert schema_version(connection) == len(MIGRATIONS)
    row = connection.execute("SELECT doc_key, lexicon, corrections FROM article").fetchone()
    assert row == (document_key(TEXT), EMPTY_LEXICON_DIGEST, "")
    assert "text" not in {r[1] for r in connection.execute("PRAGMA table_info(article)")}
    connection.close()
    with Library.open(path) as library:
        assert library.article_text(1) == TEXT
        analysis = library.article_analysis(1)
        assert [(m.start, m.end, m.entity) for m in analysis.mentions] == [(11, 16, "place:بغداد")]


def test_a_version_2_library_gets_its_entity_table_lines(tmp_path):
    from reader.library.lines import entity_lines
    from reader.library.tables import entity_table

    path = tmp_path / "l.sqlite3"
    old = open_database(path, MIGRATIONS[:2])
    with transaction(old):
        for key, name, articles in (("place:بغداد", "بغداد", 2), ("person:=x", "=x", 5)):
            old.execute("INSERT INTO entity (key, type) VALUES (?, ?)", (key, key.partition(":")[0]))
            old.execute(
                "INSERT INTO entity_stats SELECT id, type, ?, ?, 3, '2016-01-01', '2017-01-01', ?, '' FROM entity"
                " WHERE key = ?",
                (name, articles, f'["{name}"]', key),
            )
    old.close()

    connection = open_library(path)
    assert schema_version(connection) == len(MIGRATIONS)
    connection.close()
    with Library.open(path) as library:
        assert [e.name for e in library.entities()] == ["=x", "بغداد"]
        assert entity_table(library, "csv").decode().splitlines()[1:] == [
            entity_lines("person:=x", "person", "=x", 5, 3, "2016-01-01", "2017-01-01", ["=x"])[1],
            entity_lines("place:بغداد", "place", "بغداد", 2, 3, "2016-01-01", "2017-01-01", ["بغداد"])[1],
        ]


def test_a_version_3_library_sums_its_cooccurrences_and_is_compacted(tmp_path):
    path = tmp_path / "l.sqlite3"
    old = open_database(path, MIGRATIONS[:3])
    with transaction(old):
        for key in ("person:حيدر عبادي", "place:بغداد"):
            old.execute("INSERT INTO entity (key, type) VALUES (?, ?)", (key, key.partition(":")[0]))
        for article in (1, 2, 3):
            old.execute(
                "INSERT INTO article (path, hash, size, mtime, analyzer, title, title_stated, date, date_stated,"
                " encoding, format, words, people, places, organizations, figures)"
                " VALUES (?, 'h', 1, 0, 'model', ?, 0, '2017-01-01', 1, 'utf-8', 'text', 5, 1, 1, 0, 0)",
                (f"/{article}.txt", "عنوان " * 2000),  # rows that fill pages, then leave them
            )
            old.executemany(
                "INSERT INTO cooccurrence (entity, article, other, sentences) VALUES (?, ?, ?, ?)",
                [(1, article, 2, article), (2, article, 1, article)],
            )
        old.execute("UPDATE article SET title = 't'")
    pages, free = (old.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "freelist_count"))
    assert free > 10
    old.close()

    connection = open_library(path)
    assert schema_version(connection) == len(MIGRATIONS)
    summed = connection.execute("SELECT * FROM cooccurrence_total ORDER BY entity").fetchall()
    assert summed == [(1, 2, 3, 6), (2, 1, 3, 6)]  # entity, other, articles, sentences
    # The emptied pages are gone.
    assert connection.execute("PRAGMA freelist_count").fetchone()[0] == 0
    assert connection.execute("PRAGMA page_count").fetchone()[0] <= pages - free
    connection.close()
