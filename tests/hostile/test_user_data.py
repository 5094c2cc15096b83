"""Hostile input to the reader's own data: every file of the corpus as a lexicon to import,
odd lexicon texts and names, and a damaged database.

Whatever the file, ``lexicon import`` ends with exit status 0 or 1 and, for
1, one line on stderr, and imports nothing then; no odd text gets into the
lexicon; a database overwritten with garbage leaves the commands working.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main

from .test_corpus import INPUT_CASES, Case


@pytest.fixture
def data(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("ARABIC_READER_DATA", str(folder))
    return folder


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def entries(capsys) -> list[dict]:
    status, out, _ = run(capsys, "lexicon", "list", "--format", "json")
    assert status == 0
    return json.loads(out)


@pytest.mark.parametrize("case", INPUT_CASES, ids=lambda c: c.name)
def test_any_file_imported_as_a_lexicon_is_refused_in_one_line_or_read(case: Case, tmp_path, data, capsys) -> None:
    if case.skip:
        pytest.skip(case.skip)
    scratch = tmp_path / "files"
    scratch.mkdir()
    path = case.make(scratch)
    run(capsys, "lexicon", "add", "بغداد", "place")
    status, _, err = run(capsys, "lexicon", "import", str(path))
    assert status in (0, 1), err
    if status == 1:
        assert err.count("\n") == 1 and err.startswith("arabic-reader: ") and "Traceback" not in err
        assert entries(capsys) == [{"text": "بغداد", "type": "place"}]


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\u202eرويترز", "رويترز\u200f", "ب" * 10_000, "سطر\nآخر", "\x00", "...", "\u064b\u064c", "\ufeff"],
    ids=["empty", "spaces", "rlo", "rlm", "10k", "newline", "nul", "punctuation", "diacritics", "bom"],
)
def test_odd_lexicon_texts_are_one_line_and_change_nothing(text: str, data, capsys) -> None:
    for args in (("add", text, "organization"), ("ignore", text), ("remove", text)):
        status, _, err = run(capsys, "lexicon", *args)
        assert status == 1 and err.count("\n") == 1, (args, err)
    assert entries(capsys) == []


def test_a_huge_lexicon_file_is_refused_before_it_is_read(tmp_path, data, capsys) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as f:
        f.truncate(200 * 1024 * 1024)
    status, _, err = run(capsys, "lexicon", "import", str(path))
    assert status == 1 and "MB" in err and err.count("\n") == 1


@pytest.mark.parametrize("garbage", [b"\x00" * 5000, b"SQLite format 3\x00" + b"\xff" * 4096, "نص عربي".encode()])
def test_the_lexicon_commands_work_over_a_damaged_database(garbage: bytes, data: Path, capsys) -> None:
    run(capsys, "lexicon", "add", "رويترز", "organization")
    (data / "corrections.sqlite3").write_bytes(garbage)
    status, _, err = run(capsys, "lexicon", "add", "بغداد", "place")
    assert status == 0 and err.count("\n") == 1 and "corrupt-" in err
    assert entries(capsys) == [{"text": "بغداد", "type": "place"}]


@pytest.mark.parametrize("garbage", [b"\x00" * 5000, b"SQLite format 3\x00" + b"\xff" * 4096, "نص عربي".encode()])
def test_indexing_goes_on_over_a_damaged_corrections_database(garbage: bytes, data: Path, tmp_path, capsys) -> None:
    # The library reads the reader's corrections and lexicon (issue 12): damage
    # costs one warning line, never the run.
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "one.txt").write_text("قال حيدر العبادي في بغداد إن القوات دخلت الموصل.", encoding="utf-8")
    (articles / "two.txt").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)  # a binary among the articles
    run(capsys, "lexicon", "add", "رويترز", "organization")
    (data / "corrections.sqlite3").write_bytes(garbage)
    library = str(tmp_path / "library.sqlite3")
    status, out, err = run(capsys, "index", str(articles), "--library", library, "--jobs", "1")
    assert status == 0, err
    assert "(1 analyzed, 0 unchanged, 1 failed)" in out and "damaged" in err
    assert "Traceback" not in err
    status, out, _ = run(capsys, "entities", "--library", library, "--format", "json")
    assert status == 0 and "بغداد" in out


def _indexed_library(capsys, tmp_path: Path) -> Path:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "one.txt").write_text("قال حيدر العبادي في بغداد إن القوات دخلت الموصل.", encoding="utf-8")
    (articles / "two.txt").write_text("وصل وفد الأمم المتحدة إلى أربيل ثم إلى بغداد.", encoding="utf-8")
    library = tmp_path / "library.sqlite3"
    status, _, err = run(capsys, "index", str(articles), "--library", str(library), "--jobs", "1")
    assert status == 0, err
    return library


@pytest.mark.parametrize("garbage", [b"\x00" * 5000, b"SQLite format 3\x00" + b"\xff" * 4096, "نص عربي".encode()])
def test_the_entity_table_of_a_damaged_library_is_one_warning_and_an_empty_table(garbage, data, tmp_path, capsys):
    library = _indexed_library(capsys, tmp_path)
    library.write_bytes(garbage)
    for form in ("csv", "json", "text"):
        status, out, err = run(capsys, "entities", "--library", str(library), "--format", form)
        assert status == 0 and "Traceback" not in err
        assert err.count("\n") <= 1
        assert form != "csv" or out.splitlines() == ["id,type,name,articles,mentions,first_date,last_date,variants"]
    assert list(tmp_path.glob("library.sqlite3.corrupt-*"))  # set aside, never overwritten


def test_lost_lines_of_the_entity_table_are_made_again(data, tmp_path, capsys):
    """The table is printed from lines kept in the library: rows lost (a damaged file, a hand edit)
    are made again from the statistics, never silently left out."""
    import sqlite3

    library = _indexed_library(capsys, tmp_path)
    expected = {
        form: run(capsys, "entities", "--library", str(library), "--format", form)[1] for form in ("csv", "json")
    }
    with sqlite3.connect(library) as connection:
        connection.execute("DELETE FROM entity_line WHERE entity IN (SELECT entity FROM entity_line LIMIT 2)")
    for form in ("csv", "json"):
        assert run(capsys, "entities", "--library", str(library), "--format", form)[1] == expected[form]


@pytest.mark.parametrize("garbage", [b"\x00" * 5000, b"SQLite format 3\x00" + b"\xff" * 4096])
def test_find_and_related_over_a_damaged_library_say_one_line(garbage, data, tmp_path, capsys):
    library = _indexed_library(capsys, tmp_path)
    library.write_bytes(garbage)
    for command in ("related", "find"):
        status, _, err = run(capsys, command, "بغداد", "--library", str(library), "--format", "json")
        assert status in (0, 1) and "Traceback" not in err
        assert len(err.splitlines()) <= 2  # the library set aside, then (exit 1) the name not found


@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_an_older_library_cut_short_is_migrated_or_set_aside_in_one_line(keep, data, tmp_path, capsys):
    """Schema 3 (before the summed co-occurrences), its file cut short by a full disk or a copy that
    stopped: opening it migrates and compacts what can be read, or sets the file aside; never a traceback."""
    import sqlite3

    library = _indexed_library(capsys, tmp_path)
    with sqlite3.connect(library) as connection:
        connection.execute("DROP TABLE cooccurrence_total")
        connection.execute("PRAGMA user_version = 3")
    with sqlite3.connect(library) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data_bytes = library.read_bytes()
    library.write_bytes(data_bytes[: int(len(data_bytes) * keep) // 4096 * 4096])
    for args in (("entities", "--format", "csv"), ("related", "بغداد")):
        status, _, err = run(capsys, *args, "--library", str(library))
        assert status in (0, 1) and "Traceback" not in err
        assert len(err.splitlines()) <= 2
