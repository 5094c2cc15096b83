"""JSON equals the analyze contract; CSV parses back with Arabic and variants intact."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from reader.document import Analysis, Mention, Source
from reader.export import ExportError, iter_json, render_csv, render_json
from reader.export.data import CSV_HEADER, VARIANT_SEPARATOR

from .builders import F, L, O, P, annotate, build


def test_json_is_exactly_the_analysis_contract(sample):
    rendered = render_json(sample)
    assert json.loads(rendered) == sample.to_dict()
    assert rendered == json.dumps(sample.to_dict(), ensure_ascii=False, indent=2) + "\n"
    assert "الموصل" in rendered and "\\u" not in rendered


def test_json_has_the_keys_and_types_of_the_command_line_contract(sample):
    data = json.loads(render_json(sample))
    assert list(data) == ["source", "encoding", "text", "mentions", "entities"]
    assert set(data["mentions"][0]) == {"start", "end", "type", "text", "entity", "value", "source"}
    assert set(data["entities"][0]) == {"id", "type", "name", "count", "variants"}
    assert data["text"] == sample.source.text


def test_json_refuses_a_value_json_cannot_spell():
    text = "ألف"
    source = Source(text)
    analysis = Analysis(source, (Mention(0, 3, F, text, "E0", value=float("nan")),))
    with pytest.raises(ExportError, match="JSON"):
        render_json(analysis)


def rows(analysis: Analysis) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(render_csv(analysis), newline="")))


def test_csv_has_one_row_per_entity_in_index_order(sample):
    table = rows(sample)
    assert list(table[0]) == list(CSV_HEADER)
    assert len(table) == len(sample.entities)
    for row, entity in zip(table, sample.entities, strict=True):
        assert row["type"] == entity.type.value
        assert row["name"] == entity.name
        assert int(row["count"]) == entity.count
        assert row["variants"].split(VARIANT_SEPARATOR) == list(entity.variants)
        assert int(row["first_offset"]) == sample.mentions[entity.mentions[0]].start


def test_csv_keeps_arabic_commas_quotes_and_newlines_in_cells():
    text = 'قالت "منظمة الصحة، العالمية"\nو1,5 مليون'
    analysis = annotate(
        text, [('"منظمة الصحة، العالمية"', O, 'منظمة "الصحة"،\nالعالمية'), ("1,5 مليون", F, "1,5 مليون")]
    )
    organization, figure = rows(analysis)
    assert organization["name"] == 'منظمة "الصحة"،\nالعالمية'
    assert organization["variants"] == '"منظمة الصحة، العالمية"'
    assert figure["name"] == "1,5 مليون"
    assert render_csv(analysis).endswith("\r\n")


def test_csv_cells_that_a_spreadsheet_would_run_get_an_apostrophe():
    text = "=HYPERLINK(x) ثم -5 ثم بغداد"
    analysis = build(text, [(0, 13, O, "=HYPERLINK(x)"), (17, 19, F, "-5"), (23, 28, L, "بغداد")])
    names = [row["name"] for row in rows(analysis)]
    assert names == ["بغداد", "'=HYPERLINK(x)", "'-5"]


def test_csv_of_an_entity_without_mentions_has_an_empty_offset():
    from reader.document import Entity

    source = Source("نص")
    analysis = Analysis(source, (), (Entity("E0", L, "بغداد", ("بغداد",), ()),))
    assert rows(analysis) == [
        {
            "type": "place",
            "name": "بغداد",
            "count": "0",
            "variants": "بغداد",
            "first_offset": "",
            "id": "E0",
            "source": "model",
        }
    ]


@pytest.mark.parametrize("repeats", [0, 1, 2500])
def test_json_in_pieces_is_exactly_the_json_of_to_dict(repeats):
    # 5,000 mentions: more than one batch of iter_json.
    text = "زار سامي بغداد. " * repeats
    spans = [(m.start(), m.end(), L, "بغداد") for m in re.finditer("بغداد", text)]
    spans += [(m.start(), m.end(), P, "سامي") for m in re.finditer("سامي", text)]
    analysis = build(text, spans, path='/x/"mentions": [].txt')
    pieces = list(iter_json(analysis))
    assert "".join(pieces) == json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if repeats > 1000:  # never one big string: the mentions come in several pieces
        assert sum('"start"' in piece for piece in pieces) >= 3
