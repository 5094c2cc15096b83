"""The user's lexicon and corrections in the library: applied again exactly where they changed
(reader/library/userstate.py, the indexer's use of it)."""

from __future__ import annotations

import sqlite3

import pytest

from reader.analysis.pipeline import analyze, shipped_recognizer
from reader.corrections import Lexicon, LexiconEntry, Retype, Unmark, UserData
from reader.corrections.snapshot import lexicon_rows
from reader.document import document_key
from reader.entity_types import EntityType
from reader.io import load
from reader.library import Library
from reader.library.schema import decompress_text
from reader.library.userstate import _holding

from .helpers import dump, index

P, L, O = EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION


def updated(events) -> list[str]:
    return sorted(e.path for e in events if e.status == "updated")


def first_named_entity(path):
    analysis = analyze(load(str(path)), shipped_recognizer())
    entity = next(e for e in analysis.entities if e.type is not EntityType.FIGURE)
    return document_key(analysis.source.text), entity


def test_a_correction_is_applied_to_exactly_its_article_as_a_clean_index_would(articles, tmp_path):
    library = tmp_path / "l.sqlite3"
    index([articles], library, user_data=UserData())
    corrected = sorted(articles.rglob("*.txt"))[0]
    key, entity = first_named_entity(corrected)
    new_type = P if entity.type is not P else O
    data = UserData((), {key: [Retype(entity.id, new_type)]})

    summary, events = index([articles], library, user_data=data)
    assert (summary.analyzed, summary.updated, summary.unchanged) == (0, 1, 23)
    assert updated(events) == [str(corrected)] and summary.words_analyzed == 0
    assert "(1 analyzed, 23 unchanged, 0 failed)" in summary.line()
    clean = tmp_path / "clean.sqlite3"
    index([articles], clean, user_data=data)
    assert dump(library) == dump(clean)
    with Library.open(library) as opened:
        moved = f"{new_type.value}:{entity.id.partition(':')[2]}"
        [found] = opened.find(opened.entity(moved))
        assert found.article.path == str(corrected)

    # Nothing changed since: nothing is done; the correction undone: the model's rows again.
    summary, _ = index([articles], library, user_data=data)
    assert (summary.updated, summary.unchanged) == (0, 24)
    summary, events = index([articles], library, user_data=UserData())
    assert updated(events) == [str(corrected)]
    index([articles], clean := tmp_path / "clean-2.sqlite3", user_data=UserData())
    assert dump(library) == dump(clean)


def test_a_lexicon_entry_redoes_the_articles_holding_it_and_only_those(articles, tmp_path):
    library = tmp_path / "l.sqlite3"
    index([articles], library, user_data=UserData())
    with Library.open(library) as opened:
        organization = opened.entities("organization")[0]
    entry = LexiconEntry(organization.name, P)
    texts = {str(p): load(str(p)).text for p in articles.rglob("*") if p.is_file()}
    holding = sorted(path for path, text in texts.items() if Lexicon([entry]).find(text))
    assert 0 < len(holding) < len(texts)

    data = UserData([entry])
    summary, events = index([articles], library, user_data=data)
    assert set(updated(events)) >= set(holding)
    assert summary.updated + summary.unchanged == len(texts) and summary.analyzed == 0
    clean = tmp_path / "clean.sqlite3"
    index([articles], clean, user_data=data)
    assert dump(library) == dump(clean)
    with Library.open(library) as opened:
        [person] = [e for e in opened.resolve(organization.name) if e.type is P]
        assert person.articles == len(holding)

    # Removed again: the model's rows come back from what was kept of them.
    index([articles], library, user_data=UserData())
    index([articles], clean := tmp_path / "clean-2.sqlite3", user_data=UserData())
    assert dump(library) == dump(clean)


def test_without_user_data_the_rows_are_the_models(articles, tmp_path):
    library = tmp_path / "l.sqlite3"
    first = analyze(load(str(sorted(articles.rglob("*.txt"))[0])), shipped_recognizer())
    key, start, end = document_key(first.source.text), first.mentions[0].start, first.mentions[0].end
    data = UserData([LexiconEntry("ثلاثة", None)], {key: [Unmark(start, end)]})
    index([articles], library, user_data=data)
    summary, _ = index([articles], library, user_data=None)
    assert summary.analyzed == 0 and summary.updated > 0
    index([articles], bare := tmp_path / "bare.sqlite3", user_data=None)
    assert dump(library) == dump(bare)


def test_an_interrupted_change_of_lexicon_is_finished_by_the_next_run(articles, tmp_path, monkeypatch):
    from reader.library import Indexer, IndexSummary, indexer

    library = tmp_path / "l.sqlite3"
    index([articles], library, user_data=UserData())
    data = UserData([LexiconEntry("الأمم المتحدة", P)])
    monkeypatch.setattr(indexer, "BATCH_ARTICLES", 1)  # each article committed on its own
    run = Indexer([str(articles)], library, jobs=1, user_data=data)
    events = []
    for event in run.run():
        events.append(event)
        if getattr(event, "status", "") == "updated":
            run.cancel()
    assert isinstance(events[-1], IndexSummary) and events[-1].cancelled and events[-1].updated == 1
    summary, _ = index([articles], library, user_data=data)
    assert summary.updated > 0
    index([articles], clean := tmp_path / "clean.sqlite3", user_data=data)
    assert dump(library) == dump(clean)


@pytest.mark.parametrize(
    "text", ["الموصل", "بالموصل", "الأمم المتحدة", "للأمم المتحدة", "وزير الخارجية", "ثلاثة", "البنك الدولي"]
)
def test_the_full_text_index_finds_every_article_an_entry_matches(indexed, text):
    library, _ = indexed
    entry = LexiconEntry(text, L)
    holding = _holding(sqlite3.connect(library), set(lexicon_rows([entry])))
    assert holding is not None
    connection = sqlite3.connect(library)
    lexicon = Lexicon([entry])
    matched = {
        article
        for article, compressed in connection.execute("SELECT article, text FROM article_content")
        if lexicon.find(decompress_text(compressed))
    }
    assert matched <= holding


def test_an_entry_too_short_to_search_redoes_every_article_of_its_lexicon(indexed):
    library, _ = indexed
    assert _holding(sqlite3.connect(library), {("في", "place")}) is None
