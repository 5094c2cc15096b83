"""``arabic-reader index``: the contract of GUIDE.md, run as a user would."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

from reader.cli import main

SUMMARY = re.compile(
    r"indexed (\d+) articles \((\d+) analyzed, (\d+) unchanged, (\d+) failed\), (\d+) words in \d+\.\d s\n"
)


def test_a_folder_with_a_binary_file_exits_0_and_lists_it_failed(folder, tmp_path):
    articles = tmp_path / "articles"
    shutil.copytree(folder, articles)
    (articles / "scan.txt").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    env = dict(os.environ, ARABIC_READER_DATA=str(tmp_path / "data"))
    result = subprocess.run(
        [sys.executable, "-m", "reader", "index", str(articles), "--jobs", "2"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    match = SUMMARY.fullmatch(result.stdout)
    assert match, result.stdout
    n, analyzed, unchanged, failed, words = map(int, match.groups())
    assert (n, analyzed, unchanged, failed) == (12, 12, 0, 1) and words > 2000
    assert f"skipped '{articles / 'scan.txt'}': it is a binary file (a PDF document), not text" in result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "data" / "library.sqlite3").is_file()  # the default library, in the data folder


def test_reindexing_reports_unchanged_and_one_changed_article(folder, tmp_path, capsys):
    articles = tmp_path / "articles"
    shutil.copytree(folder, articles)
    library = str(tmp_path / "l.sqlite3")
    assert main(["index", str(articles), "--library", library, "--jobs", "1"]) == 0
    capsys.readouterr()
    changed = sorted(articles.rglob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8", errors="replace") + "\nسطر جديد.\n", encoding="utf-8")
    assert main(["index", str(articles), "--library", library, "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert SUMMARY.fullmatch(out) and " (1 analyzed, 11 unchanged, 0 failed)" in out


def test_a_path_that_does_not_exist_is_one_line_and_exit_1(tmp_path, capsys):
    assert main(["index", str(tmp_path / "nowhere"), "--library", str(tmp_path / "l.sqlite3")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file or folder" in err
    assert not (tmp_path / "l.sqlite3").exists()


def test_jobs_must_be_a_positive_number(tmp_path, capsys):
    for bad in ("0", "many"):
        try:
            main(["index", str(tmp_path), "--jobs", bad])
        except SystemExit as exit:
            assert exit.code == 2
        else:
            raise AssertionError("--jobs " + bad + " was accepted")
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "--jobs" in err


def test_without_a_terminal_progress_is_plain_lines(folder, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("reader.commands.index.PLAIN_PROGRESS_SECONDS", 0.0)
    assert main(["index", str(folder), "--library", str(tmp_path / "l.sqlite3"), "--jobs", "1"]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert lines and all(
        re.fullmatch(r"indexing: \d+/12 files \(\d+ analyzed, \d+ updated, \d+ unchanged, \d+ failed\)", x)
        for x in lines
    )


def _entities(library: str, capsys) -> dict[str, dict]:
    capsys.readouterr()
    assert main(["entities", "--library", library, "--format", "json"]) == 0
    return {e["id"]: e for e in json.loads(capsys.readouterr().out)}


def test_a_correction_and_a_lexicon_entry_reach_the_library(folder, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ARABIC_READER_DATA", str(tmp_path / "data"))
    articles = tmp_path / "articles"
    shutil.copytree(folder, articles)
    library = str(tmp_path / "l.sqlite3")
    assert main(["index", str(articles), "--library", library, "--jobs", "1"]) == 0

    # Correct one article as a reader does: analyze, then correct an entity it names.
    article = sorted(articles.rglob("*.txt"))[0]
    capsys.readouterr()
    assert main(["analyze", str(article)]) == 0
    analysis = json.loads(capsys.readouterr().out)
    entity = next(e for e in analysis["entities"] if e["type"] == "organization")
    assert main(["correct", str(article), "--retype", entity["id"], "person"]) == 0
    capsys.readouterr()
    assert main(["index", str(articles), "--library", library, "--jobs", "1"]) == 0
    captured = capsys.readouterr()
    assert SUMMARY.fullmatch(captured.out) and " (1 analyzed, 11 unchanged, 0 failed)" in captured.out
    assert "applied your corrections and lexicon again to 1 unchanged articles" in captured.err
    person = "person:" + entity["id"].partition(":")[2]
    assert person in _entities(library, capsys)
    assert main(["find", person, "--library", library, "--format", "json"]) == 0
    [found] = json.loads(capsys.readouterr().out)
    assert found["path"] == str(article)
    text = analysis["text"]
    assert all(text[m["start"] : m["end"]] == m["text"] for m in found["mentions"])

    # A lexicon entry: every article naming it follows.
    name = next(e for e in _entities(library, capsys).values() if e["type"] == "place")["name"]
    assert main(["lexicon", "add", name, "organization"]) == 0
    assert main(["index", str(articles), "--library", library, "--jobs", "1"]) == 0
    capsys.readouterr()
    entities = _entities(library, capsys)
    assert [e["type"] for e in entities.values() if e["name"] == name] == ["organization"]

    # --no-user-data: the bare model again.
    assert main(["index", str(articles), "--library", library, "--jobs", "1", "--no-user-data"]) == 0
    entities = _entities(library, capsys)
    assert person not in entities and "place" in {e["type"] for e in entities.values() if e["name"] == name}


def test_a_damaged_corrections_database_costs_one_line_and_indexing_goes_on(folder, tmp_path, capsys, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    (data / "corrections.sqlite3").write_bytes(b"not a database at all" * 200)
    monkeypatch.setenv("ARABIC_READER_DATA", str(data))
    assert main(["index", str(folder), "--library", str(tmp_path / "l.sqlite3"), "--jobs", "1"]) == 0
    captured = capsys.readouterr()
    assert SUMMARY.fullmatch(captured.out) and " (12 analyzed, 0 unchanged, 0 failed)" in captured.out
    damaged = [line for line in captured.err.splitlines() if "corrections.sqlite3" in line]
    assert len(damaged) == 1 and "damaged" in damaged[0] and "Traceback" not in captured.err
