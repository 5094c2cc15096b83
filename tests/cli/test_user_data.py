"""The user-data contract of GUIDE.md, run as a reader would: lexicon, correct, analyze, export."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from reader.cli import main
from reader.corrections import UserStore

ARTICLE = (
    "بغداد (رويتر) - قال رئيس الوزراء العراقي حيدر العبادي إن القوات دخلت مدينة الموصل للمرة الثانية، "
    "وإن 3500 مقاتل يشاركون في العملية.\n"
    "وذكرت رويتر أن الاتحاد الأوروبي أرسل مساعدات إلى الموصل في اليوم الثاني من الهجوم.\n"
)


@pytest.fixture
def data(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("ARABIC_READER_DATA", str(folder))
    return folder


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def analysis(capsys, path, *options: str) -> dict:
    status, out, err = run(capsys, "analyze", str(path), "--model", "offline", *options)
    assert status == 0, err
    return json.loads(out)


def span(text: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = ARTICLE.index(text, start + 1)
    return start, start + len(text)


def by_span(result: dict) -> dict[tuple[int, int], dict]:
    return {(m["start"], m["end"]): m for m in result["mentions"]}


def test_lexicon_and_corrections_show_with_their_source(capsys, data, article):
    bare = analysis(capsys, article)
    assert {m["source"] for m in bare["mentions"]} == {"model"}
    assert by_span(bare)[span("رويتر")]["type"] == "person"  # the model's mistake

    assert run(capsys, "lexicon", "add", "رويتر", "organization")[0] == 0
    assert run(capsys, "lexicon", "ignore", "ثاني")[0] == 0
    status, out, _ = run(capsys, "correct", str(article), "--mark", *map(str, span("القوات")), "organization")
    assert status == 0 and out.startswith("marked")
    assert run(capsys, "correct", str(article), "--unmark", *map(str, span("الثانية")))[0] == 0

    result = by_span(analysis(capsys, article))
    for agency in (span("رويتر"), span("رويتر", 1)):
        assert (result[agency]["type"], result[agency]["source"]) == ("organization", "lexicon")
    assert span("الثاني", 1) not in result  # never tagged
    assert span("الثانية") not in result  # unmarked
    assert (result[span("القوات")]["type"], result[span("القوات")]["source"]) == ("organization", "correction")
    assert result[span("حيدر العبادي")]["source"] == "model"

    assert analysis(capsys, article, "--no-user-data") == bare


def test_corrections_follow_the_text_to_a_copy(capsys, data, article, tmp_path):
    run(capsys, "correct", str(article), "--mark", *map(str, span("القوات")), "organization")
    copy = tmp_path / "elsewhere" / "copy.txt"
    copy.parent.mkdir()
    copy.write_bytes(article.read_bytes())
    assert by_span(analysis(capsys, copy))[span("القوات")]["source"] == "correction"


def test_entity_corrections_by_id(capsys, data, article):
    assert run(capsys, "correct", str(article), "--retype", "person:رويتر", "organization")[0] == 0
    assert run(capsys, "correct", str(article), "--rename", "organization:رويتر", "وكالة رويترز")[0] == 0
    assert run(capsys, "correct", str(article), "--merge", "place:بغداد", "place:موصل")[0] == 0
    entities = {e["id"]: e for e in analysis(capsys, article)["entities"]}
    assert entities["organization:رويتر"]["name"] == "وكالة رويترز"
    assert "place:بغداد" not in entities and entities["place:موصل"]["count"] == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--retype", "person:nobody", "place"], "no entity 'person:nobody'"),
        (["--mark", "10", "5", "place"], "is not a stretch of the text"),
        (["--mark", "0", "99999", "place"], "is not a stretch of the text"),
        (["--mark", "0", "5", "city"], "unknown type 'city'"),
        (["--mark", "x", "5", "place"], "expected an offset"),
        (["--unmark", "15", "18"], "nothing is highlighted"),
        (["--rename", "place:بغداد", "\u202eبغداد"], "invisible direction mark"),
        (["--rename", "place:بغداد", ""], "the name is empty"),
    ],
)
def test_a_bad_correction_is_one_line_and_records_nothing(capsys, data, article, args, message):
    status, _, err = run(capsys, "correct", str(article), *args)
    assert status == 1 and message in err and err.count("\n") == 1
    with UserStore.open() as store:
        assert store.documents() == []


def test_correct_needs_exactly_one_action(capsys, data, article):
    with pytest.raises(SystemExit) as raised:
        main(["correct", str(article)])
    assert raised.value.code == 2


def test_lexicon_export_round_trips_through_import(capsys, data, tmp_path):
    run(capsys, "lexicon", "add", "رويتر", "organization")
    run(capsys, "lexicon", "ignore", "ثاني")
    run(capsys, "lexicon", "add", "=الموصل", "place")
    exported = tmp_path / "lexicon.csv"
    assert run(capsys, "lexicon", "export", str(exported))[0] == 0
    listed = run(capsys, "lexicon", "list", "--format", "json")[1]
    run(capsys, "lexicon", "remove", "رويتر")
    run(capsys, "lexicon", "remove", "ثاني")
    run(capsys, "lexicon", "remove", "=الموصل")
    assert json.loads(run(capsys, "lexicon", "list", "--format", "json")[1]) == []
    assert run(capsys, "lexicon", "import", str(exported))[0] == 0
    assert run(capsys, "lexicon", "list", "--format", "json")[1] == listed
    rows = list(csv.reader(io.StringIO(run(capsys, "lexicon", "list", "--format", "csv")[1])))
    assert rows[0] == ["text", "type"] and ["ثاني", "none"] in rows


def test_a_broken_import_is_one_line_and_imports_nothing(capsys, data, tmp_path):
    broken = tmp_path / "broken.csv"
    broken.write_text("text,type\nبغداد,place\nالموصل,city\n", encoding="utf-8")
    status, _, err = run(capsys, "lexicon", "import", str(broken))
    assert status == 1 and "line 3" in err and err.count("\n") == 1
    assert run(capsys, "lexicon", "list")[1] == ""


def test_exports_mark_what_the_reader_corrected(capsys, data, article, tmp_path):
    run(capsys, "lexicon", "add", "رويتر", "organization")
    run(capsys, "correct", str(article), "--mark", *map(str, span("القوات")), "organization")
    page = tmp_path / "out.html"
    table = tmp_path / "out.csv"
    assert run(capsys, "export", str(article), "-o", str(page), "--model", "offline")[0] == 0
    assert run(capsys, "export", str(article), "-o", str(table), "--model", "offline")[0] == 0
    html = page.read_text(encoding="utf-8")
    assert 'data-source="correction"' in html and 'data-source="lexicon"' in html
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig")))}
    assert rows["organization:قوات"]["source"] == "correction"
    assert rows["organization:رويتر"]["source"] == "lexicon"
    assert rows["person:حيدر عبادي"]["source"] == "model"
    bare = tmp_path / "bare.html"
    assert run(capsys, "export", str(article), "-o", str(bare), "--no-user-data", "--model", "offline")[0] == 0
    assert 'data-source="' not in bare.read_text(encoding="utf-8")


@pytest.mark.parametrize("garbage", [b"\x00\x01garbage" * 500, b"SQLite format 3\x00" + b"\xee" * 8192])
def test_a_database_overwritten_with_garbage_leaves_analyze_working(data, article, garbage):
    env = dict(os.environ, ARABIC_READER_DATA=str(data))

    def analyze() -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "reader", "analyze", str(article), "--model", "offline"]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)

    subprocess.run([sys.executable, "-m", "reader", "lexicon", "add", "رويتر", "organization"], env=env, check=True)
    for path in data.glob("corrections.sqlite3*"):
        path.write_bytes(garbage)
    result = analyze()
    assert result.returncode == 0
    assert result.stderr.count("\n") == 1 and "corrupt-" in result.stderr
    assert {m["source"] for m in json.loads(result.stdout)["mentions"]} == {"model"}
    again = analyze()  # the fresh database works, silently
    assert again.returncode == 0 and again.stderr == ""


def test_analyzing_leaves_no_trace_in_an_empty_data_folder(capsys, data, article):
    analysis(capsys, article)
    assert list(data.iterdir()) == []
