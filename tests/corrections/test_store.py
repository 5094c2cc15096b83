"""The corrections database: migrations, undo/redo, damage, and two writers at once."""

from __future__ import annotations

import multiprocessing
import sqlite3

import pytest

from reader.corrections import LexiconEntry, Mark, Rename, Retype, Unmark, UserStore, apply_user_data
from reader.corrections.store import MIGRATIONS
from reader.document import Analysis, Source, document_key
from reader.entity_types import EntityType
from reader.storage import open_database, schema_version, transaction

P, L, O = EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION
ARTICLE = Source("زار الوزير بغداد ثم الموصل", path="/tmp/a.txt")
KEY = document_key(ARTICLE.text)


@pytest.fixture
def store(tmp_path):
    with UserStore.open(tmp_path / "c.sqlite3") as opened:
        yield opened


def test_a_new_database_has_the_latest_schema(tmp_path):
    with UserStore.open(tmp_path / "c.sqlite3") as store:
        assert schema_version(store.connection) == len(MIGRATIONS)


def test_the_default_database_is_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ARABIC_READER_DATA", str(tmp_path / "data"))
    with UserStore.open() as store:
        assert store.path == tmp_path / "data" / "corrections.sqlite3"


def test_a_version_1_database_migrates_and_keeps_everything(tmp_path):
    path = tmp_path / "c.sqlite3"
    old = open_database(path, MIGRATIONS[:1])
    with transaction(old):
        old.execute("INSERT INTO lexicon (key, text, type, made) VALUES ('رويتر', 'رويتر', 'organization', 1)")
        old.execute(
            "INSERT INTO document (key, text, path, title, seen) VALUES (?, ?, '/x', NULL, 1)", (KEY, ARTICLE.text)
        )
        old.execute(
            "INSERT INTO correction (document, kind, data, made) VALUES (1, 'mark', ?, 1)",
            ('{"end":16,"start":11,"type":"place"}',),
        )
    assert schema_version(old) == 1
    old.close()
    with UserStore.open(path) as store:
        assert schema_version(store.connection) == len(MIGRATIONS)
        assert store.lexicon_entries() == [LexiconEntry("رويتر", O)]
        assert store.corrections(KEY) == [Mark(11, 16, L)]
        # The revision counter of version 2 follows changes made after the migration.
        store.set_lexicon_entry("ثاني", None)
        assert len(store.lexicon()) == 2


def test_corrections_are_kept_in_order_and_undone_and_redone(store):
    store.add_correction(ARTICLE, Mark(11, 16, L))
    store.add_correction(ARTICLE, Unmark(20, 26))
    assert store.corrections(KEY) == [Mark(11, 16, L), Unmark(20, 26)]
    assert store.undo(KEY) == Unmark(20, 26)
    assert store.corrections(KEY) == [Mark(11, 16, L)]
    assert store.redo(KEY) == Unmark(20, 26)
    assert store.redo(KEY) is None
    store.undo(KEY)
    store.undo(KEY)
    assert store.undo(KEY) is None and store.corrections(KEY) == []
    # A new correction after undos drops what could have been redone.
    store.add_correction(ARTICLE, Retype("place:بغداد", O))
    assert store.redo(KEY) is None
    assert store.corrections(KEY) == [Retype("place:بغداد", O)]


def test_undo_is_persisted(tmp_path):
    path = tmp_path / "c.sqlite3"
    with UserStore.open(path) as store:
        store.add_correction(ARTICLE, Mark(11, 16, L))
        store.add_correction(ARTICLE, Rename("place:بغداد", "مدينة بغداد"))
        store.undo(KEY)
    with UserStore.open(path) as again:
        assert again.corrections(KEY) == [Mark(11, 16, L)]
        assert again.redo(KEY) == Rename("place:بغداد", "مدينة بغداد")


def test_corrections_follow_the_text_not_the_file(store):
    store.add_correction(ARTICLE, Mark(11, 16, L))
    copy = Source(ARTICLE.text, path="/elsewhere/copy.txt")
    assert store.corrections(document_key(copy.text)) == [Mark(11, 16, L)]
    assert store.corrections(document_key(ARTICLE.text + " ")) == []
    (document,) = store.documents()
    assert document.text == ARTICLE.text and document.path == "/tmp/a.txt"


def test_an_unreadable_record_is_skipped(store):
    store.add_correction(ARTICLE, Mark(11, 16, L))
    with transaction(store.connection):
        store.connection.execute("INSERT INTO correction (document, kind, data, made) VALUES (1, 'fold', '{}', 2)")
        store.connection.execute("INSERT INTO correction (document, kind, data, made) VALUES (1, 'mark', '{', 3)")
    assert store.corrections(KEY) == [Mark(11, 16, L)]


def test_lexicon_entries_are_one_per_folded_key(store):
    assert store.set_lexicon_entry("الموصل", L) is None
    assert store.set_lexicon_entry("بالمَوْصِل", O) == LexiconEntry("الموصل", L)
    assert store.lexicon_entries() == [LexiconEntry("بالمَوْصِل", O)]
    assert store.lexicon_entry("موصل") == LexiconEntry("بالمَوْصِل", O)
    assert store.remove_lexicon_entry("والموصل") == LexiconEntry("بالمَوْصِل", O)
    assert store.lexicon_entries() == []


def test_the_compiled_lexicon_follows_changes_made_by_another_connection(tmp_path):
    path = tmp_path / "c.sqlite3"
    with UserStore.open(path) as window, UserStore.open(path) as cli:
        assert len(window.lexicon()) == 0
        cli.set_lexicon_entry("رويتر", O)
        assert [e.text for e in window.lexicon().entries] == ["رويتر"]


def test_a_failed_import_changes_nothing(store):
    store.set_lexicon_entry("بغداد", L)
    with pytest.raises(ValueError):
        store.import_lexicon([LexiconEntry("رويتر", O), LexiconEntry("", P)])
    assert store.lexicon_entries() == [LexiconEntry("بغداد", L)]


def test_apply_user_data_uses_the_lexicon_and_the_documents_corrections(store):
    model = Analysis(ARTICLE)
    store.set_lexicon_entry("الموصل", L)
    store.add_correction(ARTICLE, Mark(11, 16, P))
    result = apply_user_data(model, store)
    assert [(m.text, m.type, m.source) for m in result.mentions] == [
        ("بغداد", P, "correction"),
        ("الموصل", L, "lexicon"),
    ]
    assert apply_user_data(model, None) is model


@pytest.mark.parametrize("garbage", [b"\x00\xff" * 4096, b"SQLite format 3\x00" + b"\x13" * 9000])
def test_a_damaged_database_is_set_aside_with_one_line(tmp_path, garbage):
    path = tmp_path / "c.sqlite3"
    with UserStore.open(path) as store:
        store.set_lexicon_entry("بغداد", L)
    path.write_bytes(garbage)
    warnings: list[str] = []
    with UserStore.open(path, warn=warnings.append) as store:
        assert store.lexicon_entries() == []
        store.set_lexicon_entry("رويتر", O)  # and it works
    assert len(warnings) == 1 and "\n" not in warnings[0]
    assert list(tmp_path.glob("c.sqlite3.corrupt-*"))


def _correct_many(path: str, who: str, count: int) -> None:
    with UserStore.open(path) as store:
        for i in range(count):
            store.add_correction(ARTICLE, Rename(f"person:{who}", f"{who} {i}"))
            store.set_lexicon_entry(f"{who}{i}", P)


def test_two_processes_correcting_at_once_lose_nothing(tmp_path):
    path = str(tmp_path / "c.sqlite3")
    UserStore.open(path).close()
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_correct_many, args=(path, who, 60)) for who in ("نافذة", "سطر")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(120)
        assert writer.exitcode == 0
    with UserStore.open(path) as store:
        made = store.corrections(KEY)
        assert len(made) == 120
        for who in ("نافذة", "سطر"):
            assert [c.name for c in made if isinstance(c, Rename) and c.entity == f"person:{who}"] == [
                f"{who} {i}" for i in range(60)
            ]
        assert len(store.lexicon_entries()) == 120


def test_a_database_from_a_newer_version_is_refused_in_one_line(tmp_path):
    from reader.storage import StorageError

    path = tmp_path / "c.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    connection.close()
    with pytest.raises(StorageError, match="newer version"):
        UserStore.open(path)
