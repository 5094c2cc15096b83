"""``arabic-reader entities``: the entity table as text, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json

from reader.cli import main
from reader.library.lines import ENTITY_CSV_HEADER


def run(capsys, *args) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_json_contract(library, capsys):
    status, out, _ = run(capsys, "entities", "--library", str(library), "--format", "json")
    assert status == 0
    entities = json.loads(out)
    assert entities and all(set(e) == {"id", "type", "name", "articles", "mentions", "variants"} for e in entities)
    assert [e["articles"] for e in entities] == sorted((e["articles"] for e in entities), reverse=True)
    assert {e["type"] for e in entities} == {"person", "place", "organization", "figure"}


def test_type_filter_and_csv(library, capsys):
    status, out, _ = run(capsys, "entities", "--library", str(library), "--type", "place", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert status == 0 and tuple(rows[0]) == ENTITY_CSV_HEADER
    assert rows[1:] and {r[1] for r in rows[1:]} == {"place"}


def test_the_table_can_be_written_to_a_file(library, tmp_path, capsys):
    target = tmp_path / "entities.csv"
    assert run(capsys, "entities", "--library", str(library), "-o", str(target))[0] == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfid,type,name")
    status, _, err = run(capsys, "entities", "--library", str(library), "-o", str(tmp_path / "e.xlsx"))
    assert status == 1 and err.count("\n") == 1 and "use .csv or .json" in err


def test_a_missing_library_is_one_line(tmp_path, capsys):
    status, out, err = run(capsys, "entities", "--library", str(tmp_path / "none.sqlite3"))
    assert (status, out) == (1, "") and err.count("\n") == 1 and "index articles first" in err


def test_listing_entities_does_not_load_the_analysis(library):
    import subprocess
    import sys

    code = (
        "import sys; from reader.cli import main;"
        f"status = main(['entities', '--library', {str(library)!r}, '--format', 'json']);"
        "print(status, 'camel_tools' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stderr.strip().splitlines()[-1] == "0 False"


def test_an_existing_file_is_replaced_only_with_force(library, tmp_path, capsys):
    target = tmp_path / "mine.csv"
    target.write_text("a file of the user's", encoding="utf-8")
    status, _, err = run(capsys, "entities", "--library", str(library), "-o", str(target))
    assert status == 1 and err.count("\n") == 1 and "use --force" in err
    assert target.read_text(encoding="utf-8") == "a file of the user's"
    assert run(capsys, "entities", "--library", str(library), "-o", str(target), "--force")[0] == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfid,")


def test_the_files_hold_what_is_printed(library, tmp_path, capsys):
    for form in ("json", "csv"):
        target = tmp_path / f"entities.{form}"
        assert run(capsys, "entities", "--library", str(library), "--type", "place", "-o", str(target))[0] == 0
        printed = run(capsys, "entities", "--library", str(library), "--type", "place", "--format", form)[1]
        assert target.read_bytes().decode("utf-8-sig") == printed
