"""An open article's corrections: correct, undo, redo, the lexicon; the store follows every step."""

from __future__ import annotations

import sqlite3

import pytest

from reader.analysis.grouping import group_entities
from reader.corrections import LexiconEntry, Mark, Retype, Unmark, UserStore
from reader.corrections.session import DocumentSession, SessionError
from reader.document import Analysis, Source, Span, check_analysis, document_key
from reader.entity_types import EntityType

P, L, O = EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION
TEXT = "قالت رويترز إن الوفد وصل إلى بغداد ثم الموصل، وأضافت رويترز أن الوفد غادر بغداد."


def model() -> Analysis:
    spans = []
    for surface, kind in (("رويترز", P), ("بغداد", L)):
        at = -1
        while (at := TEXT.find(surface, at + 1)) >= 0:
            spans.append(Span(at, at + len(surface), kind))
    spans.sort(key=lambda s: s.start)
    mentions, entities = group_entities(TEXT, spans)
    return Analysis(Source(TEXT, path="/news/a.txt"), mentions, entities)


def where(surface: str) -> tuple[int, int]:
    at = TEXT.index(surface)
    return at, at + len(surface)


@pytest.fixture
def store(tmp_path):
    with UserStore.open(tmp_path / "c.sqlite3") as opened:
        yield opened


def test_a_correction_is_shown_and_stored(store):
    session = DocumentSession(model(), store)
    assert session.correct(Mark(*where("الموصل"), L))
    assert [m.text for m in session.analysis.mentions if m.source == "correction"] == ["الموصل"]
    assert store.corrections(document_key(TEXT)) == [Mark(*where("الموصل"), L)]


def test_a_correction_that_changes_nothing_is_not_stored(store):
    session = DocumentSession(model(), store)
    assert not session.correct(Unmark(*where("الوفد")))
    assert store.corrections(document_key(TEXT)) == []


def test_undo_and_redo_follow_each_other_in_the_store(store):
    session = DocumentSession(model(), store)
    bare = session.analysis
    session.correct(Retype("person:رويترز", O))
    corrected = session.analysis
    assert session.undo() == Retype("person:رويترز", O)
    assert session.analysis == bare and store.corrections(document_key(TEXT)) == []
    assert session.redo() == Retype("person:رويترز", O)
    assert session.analysis == corrected
    assert store.corrections(document_key(TEXT)) == [Retype("person:رويترز", O)]
    assert session.redo() is None


def test_reopening_shows_what_was_stored(store):
    DocumentSession(model(), store).correct(Mark(*where("الموصل"), L))
    again = DocumentSession(model(), store)
    assert "الموصل" in {m.text for m in again.analysis.mentions}
    assert again.undo() == Mark(*where("الموصل"), L)  # and it can be taken back


def test_a_lexicon_change_applies_at_once_and_keeps_the_corrections(store):
    session = DocumentSession(model(), store)
    session.correct(Mark(*where("الموصل"), L))
    assert session.set_lexicon_entry("رويترز", O) is None
    result = session.analysis
    check_analysis(result)
    assert {(m.text, m.type, m.source) for m in result.mentions if m.text in ("رويترز", "الموصل")} == {
        ("رويترز", O, "lexicon"),
        ("الموصل", L, "correction"),
    }
    assert store.lexicon_entries() == [LexiconEntry("رويترز", O)]
    # Undoing the lexicon change: put the old entry (none) back.
    session.replace_lexicon_entry(LexiconEntry("رويترز", O), None)
    assert {m.type for m in session.analysis.mentions if m.text == "رويترز"} == {P}
    assert store.lexicon_entries() == []
    assert session.undo() == Mark(*where("الموصل"), L)


def test_without_a_store_corrections_still_show(tmp_path):
    session = DocumentSession(model(), None)
    assert session.correct(Mark(*where("الموصل"), L))
    assert session.undo() is not None and session.redo() is not None


def test_a_store_that_fails_is_one_line_and_the_change_still_shows(tmp_path):
    store = UserStore.open(tmp_path / "c.sqlite3")
    session = DocumentSession(model(), store)
    store.close()  # any write now fails
    with pytest.raises(SessionError) as raised:
        session.correct(Mark(*where("الموصل"), L))
    assert "\n" not in str(raised.value)
    assert "الموصل" in {m.text for m in session.analysis.mentions}
    assert isinstance(raised.value.__context__, sqlite3.Error) or raised.value.__suppress_context__
