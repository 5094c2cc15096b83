"""An article's analysis as the library keeps it, and back (reader/library/stored.py)."""

from __future__ import annotations

from reader.analysis.pipeline import analyze, shipped_recognizer
from reader.document import Source
from reader.io import load
from reader.library.stored import analysis_from_rows, figure_value, pack_model, rows_of, unpack_model
from reader.resources import resource_path


def sample():
    return analyze(load(str(resource_path("samples", "mosul-reconstruction.html"))), shipped_recognizer())


def test_rows_give_back_the_analysis_they_came_from():
    analysis = sample()
    rebuilt = analysis_from_rows(analysis.source, reversed(rows_of(analysis)), analysis.recognizer)
    assert rebuilt.mentions == analysis.mentions  # figure values included: their ids hold them
    assert [(e.id, e.type, e.name, e.mentions) for e in rebuilt.entities] == [
        (e.id, e.type, e.name, e.mentions) for e in analysis.entities
    ]
    assert {e.id: set(e.variants) for e in rebuilt.entities} == {e.id: set(e.variants) for e in analysis.entities}


def test_the_models_mentions_pack_small_and_unpack_whole():
    analysis = sample()
    packed = pack_model(analysis)
    assert unpack_model(packed) == rows_of(analysis)
    assert len(packed) < 24 * len(analysis.mentions)  # bytes per mention, names included


def test_an_empty_analysis_packs_too():
    empty = analysis_from_rows(Source("لا شيء هنا"), [])
    assert unpack_model(pack_model(empty)) == [] and empty.entities == ()


def test_figure_values_come_from_their_ids():
    assert figure_value("figure:3500") == 3500 and figure_value("figure:1.5") == 1.5
    assert figure_value("figure:-20") == -20
    assert figure_value("figure:عشرات") is None and figure_value("figure:nan") is None
    assert figure_value("figure:") is None
