"""The command-line contract of GUIDE.md, run as a user would."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.resources import resource_path

SAMPLE = resource_path("samples", "mosul-offensive.txt")
TYPES = {"person", "place", "organization", "figure"}


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


@pytest.fixture(scope="module")
def sample_json():
    result = run_cli("analyze", str(SAMPLE), "--format", "json", "--model", "offline")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_analyze_json_contract(sample_json):
    data = sample_json
    assert set(data) == {"source", "encoding", "text", "mentions", "entities"}
    assert data["encoding"] == "utf-8"
    assert data["text"] == SAMPLE.read_text(encoding="utf-8")
    text = data["text"]
    previous_end = 0
    for m in data["mentions"]:
        assert set(m) == {"start", "end", "type", "text", "entity", "value", "source"}
        assert m["type"] in TYPES
        assert text[m["start"] : m["end"]] == m["text"]
        assert m["start"] >= previous_end  # sorted, never overlapping
        previous_end = m["end"]
        assert m["value"] is None or isinstance(m["value"], (int, float))
    ids = {e["id"] for e in data["entities"]}
    assert {m["entity"] for m in data["mentions"]} == ids
    for e in data["entities"]:
        assert set(e) == {"id", "type", "name", "count", "variants"}
        assert e["count"] == sum(m["entity"] == e["id"] for m in data["mentions"])
    assert {m["type"] for m in data["mentions"]} == TYPES


def test_sample_article_finds_what_a_reader_expects(sample_json):
    by_name = {(e["type"], e["name"]): e for e in sample_json["entities"]}
    assert ("place", "الموصل") in by_name
    mosul = by_name[("place", "الموصل")]
    assert "بالموصل" in mosul["variants"] and mosul["count"] >= 4
    assert ("person", "آشتون كارتر") in by_name
    assert by_name[("person", "آشتون كارتر")]["count"] == 2  # كارتر alone is linked
    values = {m["text"]: m["value"] for m in sample_json["mentions"] if m["type"] == "figure"}
    assert values["3500"] == 3500
    assert values["خمسة آلاف"] == 5000
    assert values["1,5 مليون"] == 1_500_000
    assert values["ثلاثة وعشرون"] == 23


def test_windows_1256_and_utf16_give_identical_output(tmp_path):
    # The bundled Windows-1256 article (CRLF line endings), saved again in
    # other encodings: every copy must give the same analysis, byte for byte.
    text = resource_path("samples", "cairo-water-cp1256.txt").read_bytes().decode("cp1256")
    outputs = {}
    for codec in ("cp1256", "utf-8", "utf-16", "iso-8859-6"):
        path = tmp_path / f"article-{codec}.txt"
        try:
            path.write_bytes(text.encode(codec))
        except UnicodeEncodeError:
            continue  # ISO-8859-6 lacks some characters Windows-1256 has
        result = run_cli("analyze", str(path), "--model", "offline")
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        assert data["encoding"].replace("-le", "").replace("-be", "") in (codec, "utf-8-sig", "utf-16"), data[
            "encoding"
        ]
        outputs[codec] = {k: data[k] for k in ("text", "mentions", "entities")}
    assert {"cp1256", "utf-8", "utf-16"} <= set(outputs)
    reference = outputs["cp1256"]
    assert reference["text"] == text.replace("\r\n", "\n")
    assert {t for m in reference["mentions"] for t in [m["type"]]} >= {"place", "figure"}
    for codec, output in outputs.items():
        assert output == reference, codec


def test_tsv(capsys):
    assert main(["analyze", str(SAMPLE), "--format", "tsv", "--model", "offline"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out), delimiter="\t"))
    assert rows[0] == ["start", "end", "type", "text", "entity", "name", "value", "source"]
    assert len(rows) > 10 and all(len(r) == 8 for r in rows)


@pytest.mark.parametrize("suffix", [".json", ".csv", ".html"])
def test_export_by_suffix(tmp_path, suffix):
    out = tmp_path / f"out{suffix}"
    before = SAMPLE.read_bytes()
    assert main(["export", str(SAMPLE), "-o", str(out), "--model", "offline"]) == 0
    assert out.stat().st_size > 0
    assert SAMPLE.read_bytes() == before
    if suffix == ".json":
        assert set(json.loads(out.read_text(encoding="utf-8"))) == {
            "source",
            "encoding",
            "text",
            "mentions",
            "entities",
        }


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def one_line_error(result: subprocess.CompletedProcess, status: int = 1) -> str:
    assert result.returncode == status, (result.returncode, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda d: d / "missing.txt", id="missing"),
        pytest.param(lambda d: d, id="directory"),
        pytest.param(lambda d: write(d / "empty.txt", b""), id="empty"),
        pytest.param(lambda d: write(d / "image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20), id="binary"),
    ],
)
def test_bad_input_gives_one_line_and_status_1(tmp_path, make):
    path = make(tmp_path)
    line = one_line_error(run_cli("analyze", str(path)))
    assert str(path.name) in line or "empty" in line or "director" in line


def test_version_is_printed_on_stdout_and_looked_up_only_when_asked(capsys):
    from reader.version import app_version

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"arabic-reader {app_version()}\n"
    code = "import sys; from reader.cli import build_parser; build_parser(None); print('importlib.metadata' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"  # 25-50 ms every launch of the window would pay


def test_bad_usage_is_status_2():
    result = run_cli("analyze")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    result = run_cli("analyze", str(SAMPLE), "--format", "xml")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    result = run_cli("export", str(SAMPLE))
    assert result.returncode == 2


def test_export_unknown_suffix_and_unwritable(tmp_path):
    line = one_line_error(run_cli("export", str(SAMPLE), "-o", str(tmp_path / "out.docx"), "--model", "offline"))
    assert ".html" in line
    one_line_error(
        run_cli("export", str(SAMPLE), "-o", str(tmp_path / "no" / "such" / "dir" / "out.html"), "--model", "offline")
    )


def test_export_never_overwrites_the_source(tmp_path):
    article = tmp_path / "article.html"
    article.write_text("<html><body><p>زار الرئيس بغداد.</p></body></html>", encoding="utf-8")
    before = article.read_bytes()
    one_line_error(run_cli("export", str(article), "-o", str(article)))
    assert article.read_bytes() == before


def test_export_over_the_source_is_refused_before_the_analysis(tmp_path, monkeypatch, capsys):
    import reader.analysis.pipeline as pipeline

    article = tmp_path / "article.txt"
    article.write_text("زار الرئيس بغداد.", encoding="utf-8")
    monkeypatch.setattr(pipeline, "analyze", lambda *args: pytest.fail("analyzed before refusing"))
    assert main(["export", str(article), "-o", str(tmp_path / "." / "article.txt")]) == 1
    assert capsys.readouterr().err == "arabic-reader: refusing to export over the source file 'article.txt'\n"


def test_open_hands_the_encoding_to_the_window(monkeypatch):
    """``open FILE --encoding X`` checks FILE with X, and the window must read it with X too."""
    import reader.ui.app

    calls = []
    monkeypatch.setattr(reader.ui.app, "run", lambda file, **options: calls.append((file, options)) or 0)
    article = str(resource_path("samples", "cairo-water-cp1256.txt"))
    assert main(["open", article, "--encoding", "mac-arabic"]) == 0
    assert calls == [
        (article, {"encoding": "mac-arabic", "screenshot": None, "size": None, "lang": None, "theme": None})
    ]


def test_bert_requested_but_missing_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("ARABIC_READER_BERT_DIR", str(tmp_path / "nowhere"))
    result = run_cli("analyze", str(SAMPLE), "--model", "bert")
    if result.returncode == 0:
        pytest.skip("camel-tools' BERT model is installed here")
    one_line_error(result)


@pytest.mark.parametrize("command", ["analyze", "export"])
def test_a_missing_model_is_one_line_saying_what_and_how_to_fix_it(tmp_path, monkeypatch, command):
    monkeypatch.setenv("ARABIC_READER_RESOURCES", str(tmp_path))  # a resources folder without the model
    extra = ["-o", str(tmp_path / "out.json")] if command == "export" else []
    line = one_line_error(run_cli(command, str(SAMPLE), "--model", "offline", *extra))
    assert "internal error" not in line
    assert "model was not found" in line and "anercorp-crf.crfsuite" in line and "ARABIC_READER_RESOURCES" in line


def test_subcommands_in_modules_of_their_own_are_dispatched(monkeypatch, capsys):
    """reader.commands.MODULES: a module's add_arguments and run, its UserError one line."""
    import sys
    import types

    from reader import cli, commands

    module = types.ModuleType("reader.commands.echo")

    def add_arguments(parser):
        parser.add_argument("word")

    def run(args):
        if args.word == "bad":
            raise commands.UserError("a bad word\nwith a second line")
        print(args.word)
        return 0

    module.add_arguments, module.run = add_arguments, run
    monkeypatch.setitem(sys.modules, "reader.commands.echo", module)
    monkeypatch.setitem(commands.MODULES, "echo", "echo")
    monkeypatch.setattr(cli, "SUBCOMMANDS", (*cli.SUBCOMMANDS, "echo"))
    assert cli.main(["echo", "الموصل"]) == 0
    assert capsys.readouterr().out == "الموصل\n"
    assert cli.main(["echo", "bad"]) == 1
    assert capsys.readouterr().err == "arabic-reader: a bad word with a second line\n"
    with pytest.raises(SystemExit) as exited:
        cli.main(["echo"])
    assert exited.value.code == 2
