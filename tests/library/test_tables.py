"""The entity table as CSV, JSON and text (reader/library/tables.py, reader/library/lines.py)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.entity_types import EntityType
from reader.library import EntitySummary, Library, store
from reader.library.lines import ENTITY_CSV_HEADER, entity_lines
from reader.library.schema import open_library
from reader.library.tables import entity_table, render_entities_csv, write_table
from reader.storage import transaction

from .helpers import record

ENTITIES = [
    EntitySummary("place:موصل", EntityType.PLACE, "الموصل", 3, 9, "2016-01-02", "2017-05-06", ("الموصل", "بالموصل"), 1),
    EntitySummary("person:=cmd", EntityType.PERSON, "=HYPERLINK(1)", 1, 1, "2016-01-02", "2016-01-02", ("-x",), 2),
]

# Text SQLite stores (no lone surrogates), with what CSV and JSON must quote or escape.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)) | st.sampled_from(',"\r\n\t\\=+-@ |'), max_size=12)


def _fields(e: EntitySummary) -> tuple:
    return e.id, e.type.value, e.name, e.articles, e.mentions, e.first_date, e.last_date, e.variants


def test_csv_rows_guard_against_formulas():
    rows = list(csv.reader(io.StringIO(render_entities_csv(ENTITIES))))
    assert tuple(rows[0]) == ENTITY_CSV_HEADER
    assert rows[1] == ["place:موصل", "place", "الموصل", "3", "9", "2016-01-02", "2017-05-06", "الموصل | بالموصل"]
    assert rows[2][0] == "person:=cmd" and rows[2][2] == "'=HYPERLINK(1)" and rows[2][7] == "'-x"


@settings(max_examples=200, deadline=None)
@given(TEXT, TEXT, st.integers(0, 10**7), st.integers(0, 10**7), st.lists(TEXT, max_size=4))
def test_an_entitys_lines_are_what_the_table_writers_write(key, name, articles, mentions, variants):
    entity = EntitySummary(
        key, EntityType.PLACE, name, articles, mentions, "2016-01-02", "2017-05-06", tuple(variants), 1
    )
    as_json, as_csv, as_text = entity_lines(*_fields(entity))
    # JSON: the contract's object, written as SQLite's json_object writes it (what `entities` printed before).
    assert json.loads(as_json) == entity.to_dict()
    by_sqlite = sqlite3.connect(":memory:").execute(
        "SELECT json_object('id', ?, 'type', ?, 'name', ?, 'articles', ?, 'mentions', ?, 'variants', json(?))",
        (key, "place", name, articles, mentions, json.dumps(variants, ensure_ascii=False)),  # as stored
    )
    assert as_json == by_sqlite.fetchone()[0]
    # CSV: the row csv.writer writes, without its line end.
    assert as_csv + "\r\n" == render_entities_csv([entity]).split("\r\n", 1)[1]
    assert as_text == f"{articles:>6} {mentions:>7}  place         {name}"


@pytest.fixture
def tricky(tmp_path):
    """A library whose names need quoting, escaping and the formula guard."""
    path = tmp_path / "l.sqlite3"
    connection = open_library(path)
    ids = store.EntityIds(connection)
    texts = ['قال =1+2 ثم "بغداد" و,الموصل', 'ثم "بغداد" هنا']
    names = [[("person", "=1+2"), ("place", '"بغداد"'), ("place", ",الموصل")], [("place", '"بغداد"')]]
    placed = [
        [(text.index(n), text.index(n) + len(n), kind, n) for kind, n in article]
        for text, article in zip(texts, names, strict=True)
    ]
    with transaction(connection):
        for number, (text, mentions) in enumerate(zip(texts, placed, strict=True)):
            store.write_article(connection, record(f"/{number}.txt", text, mentions), ids)
    store.refresh(connection)
    connection.close()
    return path


def test_the_table_is_what_the_entities_say(tricky):
    with Library.open(tricky) as library:
        for kind in (None, "place"):
            entities = library.entities(kind)
            assert json.loads(entity_table(library, "json", kind)) == [e.to_dict() for e in entities]
            assert entity_table(library, "csv", kind).decode() == render_entities_csv(entities)
            assert entity_table(library, "text", kind).decode() == "".join(
                f"{e.articles:>6} {e.mentions:>7}  {e.type.value:<12}  {e.name}\n" for e in entities
            )
        assert library.entities()[0].name == '"بغداد"'
        assert entity_table(library, "text", "organization") == b""
        assert entity_table(library, "json", "organization") == b"[]\n"
        assert entity_table(library, "csv", "organization") == ",".join(ENTITY_CSV_HEADER).encode() + b"\r\n"


def test_the_table_prints_as_sqlite_wrote_it_before(indexed):
    """The JSON of `entities --format json` is byte for byte what SQLite's json_object wrote."""
    path, _ = indexed
    with Library.open(path) as library:
        before = library.connection.execute(
            "SELECT json_object('id', e.key, 'type', s.type, 'name', s.name, 'articles', s.articles,"
            " 'mentions', s.mentions, 'variants', json(s.variants))"
            " FROM entity_stats s JOIN entity e ON e.id = s.entity ORDER BY s.articles DESC, s.mentions DESC, s.name"
        ).fetchall()
        assert entity_table(library, "json") == ("[\n" + ",\n".join(row[0] for row in before) + "\n]\n").encode()


def test_write_table_by_suffix(tricky, tmp_path):
    with Library.open(tricky) as library:
        write_table(library, tmp_path / "e.json")
        assert (tmp_path / "e.json").read_bytes() == entity_table(library, "json")
        write_table(library, tmp_path / "e.csv", entity_type="place")
        assert (tmp_path / "e.csv").read_bytes() == b"\xef\xbb\xbf" + entity_table(library, "csv", "place")
        with pytest.raises(ValueError, match=r"use \.csv or \.json"):
            write_table(library, tmp_path / "e.txt")
