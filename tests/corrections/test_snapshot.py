"""The user's data read at one moment (reader/corrections/snapshot.py, UserStore.snapshot, read_user_data)."""

from __future__ import annotations

import pickle

from reader.corrections import LexiconEntry, Mark, Rename, Retype, UserData, UserStore, apply_user_data
from reader.corrections.snapshot import EMPTY_LEXICON_DIGEST
from reader.corrections.store import read_user_data
from reader.document import Analysis, Entity, Mention, Source, check_analysis, document_key
from reader.entity_types import EntityType

P, L, O = EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION
TEXT = "قالت رويترز إن الوزير زار بغداد ثم عاد إلى بغداد"
SOURCE = Source(TEXT, path="/tmp/a.txt")
KEY = document_key(TEXT)


def model_analysis() -> Analysis:
    """The model found رويترز as a person and بغداد twice."""
    first, last = TEXT.find("بغداد"), TEXT.rfind("بغداد")
    mentions = (
        Mention(5, 11, P, "رويترز", "person:رويترز"),
        Mention(first, first + 5, L, "بغداد", "place:بغداد"),
        Mention(last, last + 5, L, "بغداد", "place:بغداد"),
    )
    entities = (
        Entity("person:رويترز", P, "رويترز", ("رويترز",), (0,)),
        Entity("place:بغداد", L, "بغداد", ("بغداد",), (1, 2)),
    )
    return Analysis(SOURCE, mentions, entities, "model")


def spans(analysis: Analysis) -> list[tuple[int, int, str, str, str]]:
    return [(m.start, m.end, m.type.value, m.entity, m.source) for m in analysis.mentions]


def test_a_snapshot_applies_what_the_store_applies(tmp_path):
    with UserStore.open(tmp_path / "c.sqlite3") as store:
        store.set_lexicon_entry("الوزير", P)
        store.add_correction(SOURCE, Retype("person:رويترز", O))
        store.add_correction(SOURCE, Rename("place:بغداد", "مدينة بغداد"))
        store.add_correction(SOURCE, Mark(0, 4, P))
        store.undo(KEY)  # the mark is not applied
        snapshot = store.snapshot()
        by_store = apply_user_data(model_analysis(), store)
    check_analysis(model_analysis())
    by_snapshot = apply_user_data(model_analysis(), snapshot)
    check_analysis(by_snapshot)
    assert spans(by_snapshot) == spans(by_store)
    assert [(e.id, e.name) for e in by_snapshot.entities] == [(e.id, e.name) for e in by_store.entities]
    assert (15, 21, "person", "person:وزير", "lexicon") in spans(by_snapshot)
    assert ("organization:رويترز", "رويترز") in [(e.id, e.name) for e in by_snapshot.entities]
    assert snapshot.corrections[KEY] == (Retype("person:رويترز", O), Rename("place:بغداد", "مدينة بغداد"))


def test_a_snapshot_travels_to_another_process_whole():
    data = UserData([LexiconEntry("رويترز", O)], {KEY: [Retype("place:بغداد", O)]})
    copy = pickle.loads(pickle.dumps(data))
    assert copy.lexicon_entries == data.lexicon_entries and copy.corrections == data.corrections
    assert spans(copy.apply(model_analysis())) == spans(data.apply(model_analysis()))


def test_digests_name_the_state_of_the_data():
    empty = UserData()
    assert empty.lexicon_digest == EMPTY_LEXICON_DIGEST and empty.corrections_digest(KEY) == ""
    one = UserData([LexiconEntry("رويترز", O), LexiconEntry("ثاني", None)])
    same = UserData([LexiconEntry("ثاني", None), LexiconEntry("رويترز", O)])
    retyped = UserData([LexiconEntry("رويترز", P), LexiconEntry("ثاني", None)])
    assert one.lexicon_digest == same.lexicon_digest  # the order of entries does not matter
    assert len({EMPTY_LEXICON_DIGEST, one.lexicon_digest, retyped.lexicon_digest}) == 3
    first = UserData((), {KEY: [Retype("place:بغداد", O)]})
    second = UserData((), {KEY: [Retype("place:بغداد", O), Rename("place:بغداد", "x")]})
    assert first.corrections_digest(KEY) not in ("", second.corrections_digest(KEY))
    assert first.corrections_digest("another document") == ""


def test_without_data_an_analysis_is_returned_as_it_is():
    analysis = model_analysis()
    assert UserData().apply(analysis) is analysis


def test_reading_the_users_data_creates_nothing_and_survives_damage(tmp_path):
    warnings: list[str] = []
    missing = tmp_path / "none.sqlite3"
    assert read_user_data(missing, warn=warnings.append).lexicon_entries == ()
    assert not missing.exists() and warnings == []

    damaged = tmp_path / "corrections.sqlite3"
    damaged.write_bytes(b"this is not a database" * 100)
    data = read_user_data(damaged, warn=warnings.append)
    assert data.lexicon_entries == () and data.corrections == {}
    assert len(warnings) == 1 and "damaged" in warnings[0] and "\n" not in warnings[0]

    folder = tmp_path / "a-folder.sqlite3"
    folder.mkdir()
    warnings.clear()
    assert read_user_data(folder, warn=warnings.append).corrections == {}
    assert len(warnings) == 1 and warnings[0].startswith("cannot read your corrections and lexicon")
