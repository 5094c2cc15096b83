"""The entity table as CSV and JSON (reader/library/tables.py)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from reader.entity_types import EntityType
from reader.library import EntitySummary
from reader.library.tables import ENTITY_CSV_HEADER, render_entities_csv, render_entities_json, write_table

ENTITIES = [
    EntitySummary("place:موصل", EntityType.PLACE, "الموصل", 3, 9, "2016-01-02", "2017-05-06", ("الموصل", "بالموصل"), 1),
    EntitySummary("person:=cmd", EntityType.PERSON, "=HYPERLINK(1)", 1, 1, "2016-01-02", "2016-01-02", ("-x",), 2),
]


def test_csv_rows_guard_against_formulas():
    rows = list(csv.reader(io.StringIO(render_entities_csv(ENTITIES))))
    assert tuple(rows[0]) == ENTITY_CSV_HEADER
    assert rows[1] == ["place:موصل", "place", "الموصل", "3", "9", "2016-01-02", "2017-05-06", "الموصل | بالموصل"]
    assert rows[2][0] == "person:=cmd" and rows[2][2] == "'=HYPERLINK(1)" and rows[2][7] == "'-x"


def test_json_is_the_contract():
    assert json.loads(render_entities_json(ENTITIES))[0] == {
        "id": "place:موصل",
        "type": "place",
        "name": "الموصل",
        "articles": 3,
        "mentions": 9,
        "variants": ["الموصل", "بالموصل"],
    }


def test_write_table_by_suffix(tmp_path):
    write_table(ENTITIES, tmp_path / "e.json")
    assert json.loads((tmp_path / "e.json").read_text(encoding="utf-8"))[1]["name"] == "=HYPERLINK(1)"
    with pytest.raises(ValueError, match=r"use \.csv or \.json"):
        write_table(ENTITIES, tmp_path / "e.txt")


def test_the_library_writes_the_same_json_as_the_summaries(indexed):
    from reader.library import Library
    from reader.library.tables import json_lines

    path, _ = indexed
    with Library.open(path) as library:
        for kind in (None, "place"):
            by_sqlite = json.loads(json_lines(library.entities_as_json(kind)))
            assert by_sqlite == json.loads(render_entities_json(library.entities(kind)))
