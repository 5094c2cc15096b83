"""The data folder and its databases: migrations, damage, newer versions, two writers."""

from __future__ import annotations

import multiprocessing
import sqlite3
import stat

import pytest

from reader.storage import (
    DATA_ENV,
    StorageError,
    data_dir,
    open_database,
    schema_version,
    transaction,
)

V1 = "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL);"
V2 = """
CREATE TABLE tag (note INTEGER NOT NULL REFERENCES note(id) ON DELETE CASCADE, tag TEXT NOT NULL);
CREATE INDEX tag_by_note ON tag(note);
"""


def add_source(connection: sqlite3.Connection) -> None:
    connection.execute("ALTER TABLE note ADD COLUMN source TEXT NOT NULL DEFAULT 'user'")


def test_the_data_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "data"))
    folder = data_dir()
    assert folder == tmp_path / "data" and folder.is_dir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_data_folder_that_is_a_file_is_one_line(tmp_path, monkeypatch):
    (tmp_path / "data").write_text("not a folder")
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "data"))
    with pytest.raises(StorageError, match="data folder") as raised:
        data_dir()
    assert "\n" not in str(raised.value)


def test_a_new_database_gets_every_migration(tmp_path):
    connection = open_database(tmp_path / "n.sqlite3", [V1, V2, add_source])
    assert schema_version(connection) == 3
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert stat.S_IMODE((tmp_path / "n.sqlite3").stat().st_mode) == 0o600


def test_migrations_run_from_version_one_and_keep_the_data(tmp_path):
    path = tmp_path / "n.sqlite3"
    old = open_database(path, [V1])
    with transaction(old):
        old.execute("INSERT INTO note (text) VALUES ('الموصل')")
    old.close()
    new = open_database(path, [V1, V2, add_source])
    assert schema_version(new) == 3
    assert new.execute("SELECT text, source FROM note").fetchall() == [("الموصل", "user")]
    with transaction(new):
        new.execute("INSERT INTO tag VALUES (1, 'مكان')")
        new.execute("DELETE FROM note")  # foreign keys are on: the tag goes with it
    assert new.execute("SELECT count(*) FROM tag").fetchone()[0] == 0


def test_a_failed_migration_leaves_the_old_version(tmp_path):
    path = tmp_path / "n.sqlite3"
    open_database(path, [V1]).close()

    def broken(connection: sqlite3.Connection) -> None:
        connection.execute("CREATE TABLE half (x)")
        raise RuntimeError("bug in a migration")

    with pytest.raises(RuntimeError):
        open_database(path, [V1, broken])
    again = open_database(path, [V1])
    assert schema_version(again) == 1
    assert again.execute("SELECT name FROM sqlite_schema WHERE name = 'half'").fetchone() is None


def test_a_transaction_is_all_or_nothing(tmp_path):
    connection = open_database(tmp_path / "n.sqlite3", [V1])
    with pytest.raises(ValueError), transaction(connection):
        connection.execute("INSERT INTO note (text) VALUES ('a')")
        raise ValueError("stop")
    assert connection.execute("SELECT count(*) FROM note").fetchone()[0] == 0


@pytest.mark.parametrize(
    "garbage",
    [b"\x00garbage" * 1000, b"SQLite format 3\x00" + b"\xff" * 5000, b"Hello, not a database\n"],
    ids=["binary", "broken-header", "text"],
)
def test_a_damaged_database_is_set_aside_and_a_fresh_one_started(tmp_path, garbage):
    path = tmp_path / "n.sqlite3"
    first = open_database(path, [V1])
    with transaction(first):
        first.execute("INSERT INTO note (text) VALUES ('x')")
    first.close()
    path.write_bytes(garbage)
    warnings: list[str] = []
    connection = open_database(path, [V1], warn=warnings.append)
    assert connection.execute("SELECT count(*) FROM note").fetchone()[0] == 0
    (warning,) = warnings
    assert "\n" not in warning and "n.sqlite3" in warning and "corrupt-" in warning
    (kept,) = tmp_path.glob("n.sqlite3.corrupt-*")
    assert kept.read_bytes() == garbage  # kept as it was, for rescue


def test_a_database_from_a_newer_version_is_left_untouched(tmp_path):
    path = tmp_path / "n.sqlite3"
    open_database(path, [V1, V2, add_source]).close()
    before = path.read_bytes()
    with pytest.raises(StorageError, match="newer version") as raised:
        open_database(path, [V1])
    assert "\n" not in str(raised.value)
    assert path.read_bytes() == before and not list(tmp_path.glob("*.corrupt-*"))


def test_a_folder_where_the_database_should_be_is_one_line(tmp_path):
    (tmp_path / "n.sqlite3").mkdir()
    with pytest.raises(StorageError, match="not a file"):
        open_database(tmp_path / "n.sqlite3", [V1])


def _write_notes(path: str, who: str, count: int) -> None:
    connection = open_database(path, [V1])
    for i in range(count):
        with transaction(connection):
            (n,) = connection.execute("SELECT count(*) FROM note").fetchone()
            connection.execute("INSERT INTO note (text) VALUES (?)", (f"{who}-{i}-{n}",))
    connection.close()


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = str(tmp_path / "n.sqlite3")
    open_database(path, [V1]).close()
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_write_notes, args=(path, who, 150)) for who in ("window", "cli")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(60)
        assert writer.exitcode == 0
    connection = open_database(path, [V1])
    texts = [row[0] for row in connection.execute("SELECT text FROM note ORDER BY id")]
    assert len(texts) == 300
    # Each write saw every write before it: the count inside a transaction is its row number.
    assert [int(t.rsplit("-", 1)[1]) for t in texts] == list(range(300))
