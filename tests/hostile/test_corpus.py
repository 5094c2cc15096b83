"""The hostile-input corpus: every bad file we know of, through ``analyze`` and ``export``.

Each case builds its file under ``tmp_path`` (nothing is committed) and says
what the command line must do with it: the exit status and, for a refusal,
the one line on stderr. Files that are odd but readable must give an
analysis that keeps the invariants (sorted, disjoint, exact mentions that
neither start nor end with an invisible character or a space).

To add a case, append a ``Case`` to ``INPUT_CASES`` (a file to read) or an
``OutputCase`` to ``OUTPUT_CASES`` (a place to export to). The commands run
in-process through ``reader.cli.main`` for speed; ``test_subprocess_*`` run a
few through a real process to prove there is no traceback and no hang.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import reader.analysis.pipeline as pipeline
from reader.analysis.pipeline import MAX_MENTION_CHARS
from reader.cli import main
from reader.invisible import CONTROLS, is_invisible

ARTICLE = (
    "قال رئيس الوزراء حيدر العبادي في بغداد إن القوات دخلت الموصل، "
    "وإن 3500 مقاتل شاركوا في العملية.\n\nوأكدت الأمم المتحدة أن خمسة آلاف أسرة نزحت.\n"
)
FRENCH = (
    "L'État a décidé à Paris que la fête serait célébrée. Il est sûr que la crêpe était prête; "
    "les pêcheurs de la côte ont reçu une aide après la tempête. À bientôt, Noël!\n"
)
MIB = 1024 * 1024


# --- the cases ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One hostile input.

    ``make`` writes the file under the given folder and returns the path to
    open. ``exit`` is the status both ``analyze`` and ``export`` must return;
    ``message`` is a regular expression the reason must match in full, after
    ``arabic-reader: cannot open 'PATH': `` (for exit 1). ``check`` receives the
    ``analyze`` JSON of a readable file. ``args`` go to both commands.
    """

    name: str
    make: Callable[[Path], Path]
    exit: int = 0
    message: str = ""
    check: Callable[[dict], None] | None = None
    args: tuple[str, ...] = ()
    skip: str | None = None
    prefix: str = "cannot open '{path}': "  # what precedes the reason on stderr


def file(name: str, data: bytes | str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    return make


def fifo(folder: Path) -> Path:
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def folder_itself(folder: Path) -> Path:
    path = folder / "articles.txt"
    path.mkdir()
    return path


def symlink_loop(folder: Path) -> Path:
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    return folder / "a.txt"


def sparse(size: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "huge.txt"
        with path.open("wb") as f:
            f.truncate(size)  # a sparse file: no disk used, the size is what counts
        return path

    return make


def docx(folder: Path) -> Path:
    path = folder / "article.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:t>" + ARTICLE + "</w:t>")
    return path


def existing(path: str) -> Callable[[Path], Path]:
    return lambda folder: Path(path)


def finds(*names: str) -> Callable[[dict], None]:
    def check(data: dict) -> None:
        found = {(e["type"], e["name"]) for e in data["entities"]}
        for name in names:
            kind, _, text = name.partition(":")
            assert (kind, text) in found, f"{name} not found in {sorted(found)}"

    return check


def text_is(expected: str, encoding: str | None = None) -> Callable[[dict], None]:
    def check(data: dict) -> None:
        assert data["text"] == expected
        if encoding:
            assert data["encoding"] == encoding

    return check


def lacks(*words: str) -> Callable[[dict], None]:
    def check(data: dict) -> None:
        for word in words:
            assert word not in data["text"]

    return check


def bounded(data: dict) -> None:
    assert all(m["end"] - m["start"] <= MAX_MENTION_CHARS for m in data["mentions"])


RLM, ZWJ, ZWNJ, SHY, RLO, PDF, LRI, RLI, PDI = (
    "\u200f",
    "\u200d",
    "\u200c",
    "\u00ad",
    "\u202e",
    "\u202c",
    "\u2066",
    "\u2067",
    "\u2069",
)
SPOOF = f"وصلت صورة {RLO}gnp.exe{PDF} من {LRI}بغداد{PDI} و{RLO}الموصل{PDF} وعددهم {RLO}3500 شخص.\n"
MARKS = f"زار الوفد بغ{SHY}داد{RLM} ثم المو{ZWJ}صل و{ZWNJ}أربيل{RLM}.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4

INPUT_CASES: list[Case] = [
    # Not text at all.
    Case("png", file("photo.txt", PNG), 1, r"it is a binary file \(a PNG image\), not text"),
    Case("docx", docx, 1, r"it is a binary file \(a ZIP archive .*\), not text"),
    Case("nul bytes", file("nul.txt", ARTICLE.encode() + b"\x00\x00\x01" * 20), 1, "it is a binary file, not text"),
    Case("random bytes", file("noise.txt", bytes(range(256)) * 64), 1, "it is a binary file, not text"),
    Case("binary read as utf-16", file("gibberish.txt", b"\x00\x01\xff" * 500), 1, "it is a binary file, not text"),
    Case("bom then nuls", file("nuls.txt", codecs.BOM_UTF32_LE + bytes(400)), 1, "it is a binary file, not text"),
    Case("binary without controls", file("high.txt", bytes(range(128, 256)) * 16), 1, "it is a binary file, not text"),
    Case("empty", file("empty.txt", b""), 1, "it is empty"),
    Case("whitespace", file("blank.txt", " \n\t\r\n\u00a0"), 1, "it contains only whitespace"),
    Case("only a BOM", file("bom.txt", codecs.BOM_UTF8), 1, "it contains only whitespace"),
    # Not a regular file.
    Case("missing", lambda d: d / "nope.txt", 1, "no such file"),
    Case("folder", folder_itself, 1, "it is a folder, not a file"),
    Case("symlink loop", symlink_loop, 1, "too many levels of symbolic links"),
    Case(
        "fifo",
        fifo,
        1,
        r"it is not a regular file \(a device, pipe or socket\)",
        skip=None if hasattr(os, "mkfifo") else "no named pipes here",
    ),
    Case("device", existing("/dev/zero"), 1, r"it is not a regular file \(a device, pipe or socket\)"),
    Case(
        "kernel log",
        existing("/proc/kmsg"),
        1,
        r"it is a special file that never ends \(reading it would wait forever\)",
        skip=None if os.access("/proc/kmsg", os.R_OK) else "/proc/kmsg is readable by root on Linux only",
    ),
    Case("over 64 MB", sparse(65 * MIB), 1, r"it is 65\.0 MB, over the 64 MB limit"),
    Case(
        "huge markdown",
        lambda d: _rename(sparse(5 * MIB)(d), "huge.md"),
        1,
        r"it is 5\.0 MB of Markdown, over the 4 MB limit for Markdown",
    ),
    # Wrong or odd encodings.
    Case("latin-1 french", file("fr.txt", FRENCH.encode("latin-1")), check=text_is(FRENCH, "cp1252")),
    Case("cp1252 french", file("fr.txt", FRENCH.encode("cp1252")), check=text_is(FRENCH, "cp1252")),
    Case("cp1256 arabic", file("ar.txt", ARTICLE.encode("cp1256")), check=finds("place:بغداد", "place:الموصل")),
    Case("utf-16 without BOM", file("ar16.txt", ARTICLE.encode("utf-16-le")), check=finds("place:بغداد")),
    Case("damaged utf-8", file("cut.txt", ARTICLE.encode() * 3 + b"\xd8"), check=finds("place:بغداد")),
    Case(
        "forced wrong encoding",
        file("ar.txt", ARTICLE.encode("cp1256")),
        1,
        r"it is not valid UTF-8 text \(byte 0x[0-9A-F]{2} at offset \d+\)",
        args=("--encoding", "utf-8"),
    ),
    Case(
        "unknown encoding",
        file("ar.txt", ARTICLE),
        1,
        "'klingon' is not a text encoding this program knows",
        args=("--encoding", "klingon"),
    ),
    # Invisible characters and spoofing.
    Case("bidi overrides", file("spoof.txt", SPOOF), check=finds("place:بغداد", "place:الموصل", "figure:3500")),
    Case("invisible marks", file("marks.txt", MARKS), check=finds("place:بغداد", "place:الموصل")),
    Case("only invisible characters", file("ghost.txt", RLO + RLM + ZWJ + PDI * 3), check=lambda d: None),
    Case("terminal escapes", file("esc.txt", "\x1b[31m" + ARTICLE + "\x07\x1b[0m"), check=finds("place:بغداد")),
    # Huge or endless shapes.
    Case("one endless line", file("line.txt", "ب" * 1_000_000), check=bounded),
    Case("endless line of digits", file("digits.txt", "7" * 1_000_000), check=bounded),
    Case("one endless line between words", file("mix.txt", f"في بغداد {'ك' * 300_000} في الموصل"), check=bounded),
    # Markup that tries to run or hide.
    Case(
        "markdown with script",
        file("x.md", "# عاجل <script>alert(1)</script> من بغداد\n\nزار [الوزير](javascript:alert(2)) الموصل\n"),
        check=lambda d: (lacks("alert", "javascript", "[")(d), finds("place:بغداد")(d)),
    ),
    Case(
        "malformed html",
        file("bad.html", "<html><body><p>قال <b>العبادي في <i>بغداد</p><div><p>و" + "<span>" * 5000 + "الموصل"),
        check=finds("place:بغداد"),
    ),
    Case(
        "html with only script", file("js.html", "<html><script>alert(1)</script></html>"), 1, "it has no readable text"
    ),
    Case(
        "html with script in the article",
        file("a.html", f"<article><p>{ARTICLE}</p><script>alert(1)</script><style>p{{}}</style></article>"),
        check=lacks("alert"),
    ),
]


def _rename(path: Path, name: str) -> Path:
    return path.rename(path.with_name(name))


@dataclass(frozen=True)
class OutputCase:
    """A place ``export`` is told to write to: ``make`` prepares it (and may
    create files) and returns the ``-o`` value; nothing but the export itself
    may change, and a refusal comes before any analysis."""

    name: str
    make: Callable[[Path, Path], Path]  # (folder, source file) → output path
    exit: int
    message: str = ""  # regex for the whole line after "arabic-reader: "
    args: tuple[str, ...] = ()
    skip: str | None = None
    unchanged: bool = field(default=True)  # an existing output must keep its bytes (exit 1)


def _existing_output(folder: Path, source: Path, mode: int = 0o644) -> Path:
    path = folder / "out.html"
    path.write_text("the user's own file")
    path.chmod(mode)
    return path


OUTPUT_CASES: list[OutputCase] = [
    OutputCase("new file", lambda d, s: d / "out.html", 0),
    OutputCase(
        "existing file",
        _existing_output,
        1,
        r"cannot write '.*out\.html': it already exists; use --force to replace it",
    ),
    OutputCase("existing file with --force", _existing_output, 0, args=("--force",), unchanged=False),
    OutputCase(
        "read-only file with --force",
        lambda d, s: _existing_output(d, s, 0o444),
        1,
        r"cannot write '.*out\.html': it is read-only",
        args=("--force",),
    ),
    OutputCase(
        "unknown suffix", lambda d, s: d / "out.pdf", 1, r"cannot export to 'out\.pdf': unsupported format \.pdf; .*"
    ),
    OutputCase(
        "no suffix", lambda d, s: d / "report", 1, r"cannot export to 'report': unsupported format \(no suffix\); .*"
    ),
    OutputCase(
        "a folder",
        lambda d, s: _mkdir(d / "exports"),
        1,
        r"cannot export to '.*exports': it is a folder; give a file name ending in \.html, \.json or \.csv",
    ),
    OutputCase(
        "a folder named like a file",
        lambda d, s: _mkdir(d / "x.html"),
        1,
        r"cannot export to '.*x\.html': it is a folder; .*",
    ),
    OutputCase(
        "missing folder",
        lambda d, s: d / "no" / "out.html",
        1,
        r"cannot write '.*out\.html': the folder '.*no' does not exist",
    ),
    OutputCase("inside a file", lambda d, s: s / "out.html", 1, r"cannot write '.*out\.html': '.*' is not a folder"),
    OutputCase(
        "over its own source",
        lambda d, s: s,
        1,
        r"refusing to export over the source file 'article\.html'",
        args=("--force",),
    ),
    OutputCase(
        "unwritable folder",
        lambda d, s: _read_only_folder(d) / "out.html",
        1,
        r"cannot write '.*out\.html': permission denied: cannot create files in '.*'",
        skip="root writes anywhere" if os.name != "posix" or os.geteuid() == 0 else None,
    ),
    OutputCase("json", lambda d, s: d / "out.json", 0),
    OutputCase("csv", lambda d, s: d / "out.CSV", 0),
]


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def _read_only_folder(folder: Path) -> Path:
    locked = folder / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    return locked


# --- running them ---------------------------------------------------------------------------


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main([*args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def assert_one_line(err: str, expected: str) -> None:
    assert err.endswith("\n") and err.count("\n") == 1, f"not one line: {err!r}"
    assert "Traceback" not in err
    line = err[:-1]
    assert line.startswith("arabic-reader: ")
    assert re.fullmatch(expected, line.removeprefix("arabic-reader: ")), f"{line!r} !~ {expected!r}"


def assert_invariants(data: dict) -> None:
    """GUIDE.md's contract, plus: no mention starts or ends with an invisible character or a space."""
    text = data["text"]
    previous_end = 0
    for m in data["mentions"]:
        assert previous_end <= m["start"] < m["end"] <= len(text)
        assert text[m["start"] : m["end"]] == m["text"]
        for edge in (m["text"][0], m["text"][-1]):
            assert not edge.isspace() and not is_invisible(edge), m
        previous_end = m["end"]
    ids = {e["id"] for e in data["entities"]}
    assert {m["entity"] for m in data["mentions"]} <= ids


def prepare(case, tmp_path: Path) -> Path:
    if case.skip:
        pytest.skip(case.skip)
    return case.make(tmp_path)


def _snapshot(path: Path) -> bytes | None:
    """The bytes of a regular file made by the test (None for anything else)."""
    try:
        return path.read_bytes() if path.is_file() and not path.is_symlink() else None
    except OSError:
        return None


@pytest.mark.parametrize("case", INPUT_CASES, ids=lambda c: c.name)
def test_analyze(case: Case, tmp_path: Path, capsys) -> None:
    path = prepare(case, tmp_path)
    ours = tmp_path in path.parents  # never read /dev/zero or /proc/kmsg in the test itself
    before = _snapshot(path) if ours else None
    status, out, err = run(capsys, "analyze", str(path), "--model", "offline", *case.args)
    assert status == case.exit, err
    if case.exit == 0:
        assert err == ""
        data = json.loads(out)
        assert_invariants(data)
        if case.check:
            case.check(data)
    else:
        assert out == ""
        assert_one_line(err, re.escape(case.prefix.format(path=path)) + case.message)
    if ours:
        assert _snapshot(path) == before  # the source is never written


@pytest.mark.parametrize("case", [c for c in INPUT_CASES if not c.args], ids=lambda c: c.name)
def test_index(case: Case, tmp_path: Path, capsys) -> None:
    """``index FILE``: a file that cannot be read is skipped with its one line and the run ends well."""
    path = prepare(case, tmp_path)
    ours = tmp_path in path.parents
    before = _snapshot(path) if ours else None
    library = tmp_path / "library" / "library.sqlite3"
    status, out, err = run(capsys, "index", str(path), "--library", str(library), "--jobs", "1")
    if not os.path.lexists(path):  # a PATH that does not exist is a usage problem: nothing is done
        assert status == 1 and out == ""
        assert_one_line(err, re.escape(f"cannot index '{path}': ") + "no such file or folder")
        return
    assert status == 0, err
    if path.is_dir():  # a folder is walked: this one holds no article
        assert out == "indexed 0 articles (0 analyzed, 0 unchanged, 0 failed), 0 words in " + out.split(" in ")[1]
        return
    assert "Traceback" not in err
    if case.exit == 0:
        assert re.fullmatch(r"indexed 1 articles \(1 analyzed, 0 unchanged, 0 failed\), \d+ words in [\d.]+ s\n", out)
        status, found, _ = run(capsys, "entities", "--library", str(library), "--format", "json")
        assert status == 0 and json.loads(found) is not None
    else:
        assert re.fullmatch(r"indexed 0 articles \(0 analyzed, 0 unchanged, 1 failed\), 0 words in [\d.]+ s\n", out)
        skipped = [line for line in err.splitlines() if line.startswith("skipped ")]
        assert len(skipped) == 1
        assert re.fullmatch(re.escape(f"skipped {str(path)!r}: ") + case.message, skipped[0]), skipped[0]
    if ours:
        assert _snapshot(path) == before  # the source is never written


@pytest.mark.parametrize("case", INPUT_CASES, ids=lambda c: c.name)
def test_export(case: Case, tmp_path: Path, capsys) -> None:
    path = prepare(case, tmp_path)
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    output = out_dir / "out.html"
    status, _, err = run(capsys, "export", str(path), "-o", str(output), "--model", "offline", *case.args)
    assert status == case.exit, err
    if case.exit == 0:
        assert err == ""
        page = output.read_text(encoding="utf-8")
        assert not any(c in page for c in CONTROLS), "a raw bidi control reached the page"
        assert "<script" not in page.lower()
    else:
        assert_one_line(err, re.escape(case.prefix.format(path=path)) + case.message)
        assert list(out_dir.iterdir()) == []  # nothing written, not even a temporary file


@pytest.mark.parametrize("case", OUTPUT_CASES, ids=lambda c: c.name)
def test_export_output(case: OutputCase, tmp_path: Path, capsys, monkeypatch) -> None:
    if case.skip:
        pytest.skip(case.skip)
    source = tmp_path / "article.html"
    source.write_text(f"<p>{ARTICLE}</p>", encoding="utf-8")
    output = case.make(tmp_path, source)
    before = {p: _snapshot(p) for p in tmp_path.rglob("*") if p.is_file()}
    if case.exit:
        # Output problems are found before any analysis (minutes, on a big file).
        monkeypatch.setattr(pipeline, "analyze", lambda *a, **k: pytest.fail("analysis ran"))
    status, _, err = run(capsys, "export", str(source), "-o", str(output), "--model", "offline", *case.args)
    assert status == case.exit, err
    after = {p: _snapshot(p) for p in tmp_path.rglob("*") if p.is_file()}
    if case.exit == 0:
        assert err == ""
        assert output.stat().st_size > 0 and after[output] != b"the user's own file"
        assert {p: b for p, b in after.items() if p != output} == {p: b for p, b in before.items() if p != output}
    else:
        assert_one_line(err, case.message)
        assert after == before  # nothing changed, nothing added


# --- a few through a real process: no traceback, no hang -----------------------------------


def run_process(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("ARABIC_READER_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.parametrize("name", ["png", "fifo", "kernel log", "symlink loop"])
def test_subprocess_refuses_in_one_line_without_hanging(name: str, tmp_path: Path) -> None:
    case = next(c for c in INPUT_CASES if c.name == name)
    path = prepare(case, tmp_path)
    result = run_process("analyze", str(path), "--model", "offline")
    assert result.returncode == case.exit and result.stdout == ""
    assert_one_line(result.stderr, re.escape(case.prefix.format(path=path)) + case.message)


def test_subprocess_export_keeps_an_existing_file(tmp_path: Path) -> None:
    source = file("a.txt", ARTICLE)(tmp_path)
    output = tmp_path / "out.html"
    output.write_text("mine")
    result = run_process("export", str(source), "-o", str(output), "--model", "offline")
    assert result.returncode == 1
    assert_one_line(result.stderr, r"cannot write '.*out\.html': it already exists; use --force to replace it")
    assert output.read_text() == "mine"
