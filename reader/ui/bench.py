"""Measure the window's speed budget (GUIDE.md) and print the numbers.

    python -m reader.ui.bench [--cases cold,warm,large,paragraphs] [--words 2000,100000] [--runs 3]

- ``cold``: a fresh ``arabic-reader ARTICLE`` process on a 2,000-word
  article: from launch to the window shown with its text, to the first
  highlights and to every highlight painted; and, as before, from launch
  to an empty window shown;
- ``warm``: articles of ``--words`` words (and the largest as an HTML page,
  read off the UI thread) opened in a running app: open → every highlight
  painted, the first highlights, and the longest UI stall; and in each text
  article, a correction: from marking a word as an organization (what keys
  1–4 do) to its highlight painted, and the same for undoing it (budget
  100 ms; the corrections go to a scratch data folder);
- ``large``: a 1,000,000-word article, the same numbers, against the time
  the command line takes to analyze it (``arabic-reader analyze FILE``);
- ``paragraphs``: one paragraph without line breaks of 50,000, 200,000 and
  2,000,000 characters, then the 2,000-word article opened after the
  largest (opening a file after a huge one must not freeze either).

A stall is the longest gap between beats of a 5 ms ``QTimer`` in the UI
thread. With ``--runs N`` each measurement is repeated and the medians are
printed after the runs. The machine's load average is printed too: on a
busy machine the UI thread waits for a core and every number grows.

Articles are made by repeating the shipped sample; the offline model does
the analysis, as in the app. Nothing is left behind: settings go to a
scratch folder that is removed at the end.
"""

from __future__ import annotations

import argparse
import functools
import html
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.resources import resource_path

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from reader.ui.window.main_window import MainWindow

SAMPLE = resource_path("samples", "mosul-offensive.txt")
HEARTBEAT_MS = 5
CASES = ("cold", "warm", "large", "paragraphs")
LARGE_WORDS = 1_000_000
PARAGRAPH_CHARS = (50_000, 200_000, 2_000_000)
COLD_WORDS = 2000

Row = tuple[float, float, float]  # seconds to every highlight, seconds to the first, longest stall (ms)


def _sample() -> str:
    return SAMPLE.read_text(encoding="utf-8").strip()


def article(words: int, folder: Path) -> Path:
    """A text file of about ``words`` words: the sample repeated, paragraphs kept."""
    text = _sample()
    copies = max(1, round(words / len(text.split())))
    path = folder / f"article-{words}.txt"
    path.write_text("\n\n".join([text] * copies) + "\n", encoding="utf-8")
    return path


def paragraph(chars: int, folder: Path) -> Path:
    """One paragraph of about ``chars`` characters: the sample's words, no line break."""
    words = " ".join(_sample().split())
    text = " ".join([words] * (chars // len(words) + 1))[:chars]
    path = folder / f"paragraph-{chars}.txt"
    path.write_text(text.rsplit(" ", 1)[0] + "\n", encoding="utf-8")
    return path


def html_page(words: int, folder: Path) -> Path:
    """The same article as an HTML page, each paragraph with a link and bold text (parsing is the slow part)."""
    paragraphs = [p for p in _sample().split("\n\n") if p.strip()]
    copies = max(1, round(words / len(_sample().split())))
    body = "".join(
        f"<p>{html.escape(p)} <a href='#n{i}'>المصدر</a> <b>عاجل</b></p>\n" for i in range(copies) for p in paragraphs
    )
    path = folder / f"page-{words}.html"
    path.write_text(
        f"<!doctype html><html><head><title>مقال</title></head><body>{body}</body></html>", encoding="utf-8"
    )
    return path


# --- cold start: fresh processes


def _scratch_env(folder: Path) -> dict[str, str]:
    """The environment of a launched app: its settings in ``folder``, not the user's.

    Python's compiled bytecode is kept, as in an installed app (pip compiles
    it, the bundle ships it): without it (``PYTHONDONTWRITEBYTECODE`` set) a
    launch compiles every module again, 0.13–0.18 s of it.
    """
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = str(folder / "config")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def cold_start(folder: Path) -> float:
    """Seconds from launching a new Python process to its (empty) window being shown."""
    code = (
        "import time, sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtCore import QTimer\n"
        "app = QApplication(sys.argv[:1])\n"
        "from reader.ui.app import make_window\n"
        "window = make_window(app, settings_path=sys.argv[1])\n"
        "window.show()\n"
        "QTimer.singleShot(0, lambda: (print('shown', flush=True), window.close(), app.quit()))\n"
        "app.exec()\n"
    )
    started = time.perf_counter()
    args = [sys.executable, "-c", code, str(folder / "cold.ini")]
    with subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=_scratch_env(folder)) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if line.strip() == "shown":
                elapsed = time.perf_counter() - started
                break
        else:
            raise RuntimeError("the window never appeared")
    return elapsed


# Runs the command line (``arabic-reader FILE``) with a probe on the window:
# prints the seconds since LAUNCHED (the epoch time given by the bench just
# before starting the process) when the text is shown, when the first
# highlights are painted, and when every highlight is.
_LAUNCH_PROBE = """
import sys, time
launched = float(sys.argv[2])
import reader.ui.app as app_module
made = app_module.make_window

def since():
    return time.time() - launched

def make_window(app, **kwargs):
    from PySide6.QtCore import QTimer
    window = made(app, **kwargs)
    seen = set()
    def report(name):
        if name not in seen:
            seen.add(name)
            print(name, f"{since():.3f}", flush=True)
    def opened(_source):
        QTimer.singleShot(0, lambda: report("text"))  # after the paint that shows it
    def poll():
        if window.area.view.painter.painted_count():
            report("first")
            watch.stop()
    watch = QTimer(window)
    watch.setInterval(2)
    watch.timeout.connect(poll)
    watch.start()
    def ready():
        poll()  # the first highlights came with the last ones
        report("all")
        window.close()
        app.quit()
    window.session.opened.connect(opened)
    window.ready.connect(lambda: QTimer.singleShot(0, ready))
    return window

app_module.make_window = make_window
from reader.cli import main
sys.exit(main([sys.argv[1]]))
"""


def launch_to_highlights(path: Path, folder: Path) -> dict[str, float]:
    """Seconds from launching ``arabic-reader PATH`` to: ``text`` shown, ``first`` and ``all`` highlights."""
    env = _scratch_env(folder)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    launched = time.time()
    result = subprocess.run(
        [sys.executable, "-c", _LAUNCH_PROBE, str(path), repr(launched)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    times = {}
    for line in result.stdout.splitlines():
        name, _, seconds = line.partition(" ")
        if name in ("text", "first", "all"):
            times[name] = float(seconds)
    if "all" not in times:
        raise RuntimeError(f"the launched app did not finish: {result.stderr.strip()[-300:]}")
    return times


def cli_analysis(path: Path) -> float:
    """Seconds ``arabic-reader analyze PATH --format json`` takes, launch to exit."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "reader", "analyze", str(path), "--format", "json", "--model", "offline"],
        stdout=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - started


# --- a running app


def load_average() -> str:
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:  # not on this system
        return "unknown"


def timed_open(app: QApplication, window: MainWindow, path: Path) -> Row:
    """Open ``path`` in ``window``: seconds to every highlight, to the first, and the longest stall in ms."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    gaps: list[int] = []
    clock = QElapsedTimer()
    heartbeat = QTimer()
    heartbeat.setInterval(HEARTBEAT_MS)
    heartbeat.timeout.connect(lambda: gaps.append(clock.restart()))
    clock.start()
    heartbeat.start()
    started = time.perf_counter()
    first_paint = _open_and_wait(app, window, path)
    total = time.perf_counter() - started
    heartbeat.stop()
    gaps.append(clock.elapsed())
    return total, first_paint, float(max(gaps))


def _open_and_wait(app: QApplication, window: MainWindow, path: Path) -> float:
    """Open ``path`` and run the event loop until it is analyzed and painted.

    Returns the seconds until the first highlight was painted.
    """
    done = {"ready": False}
    first: float | None = None
    painter = window.area.view.painter
    before = window.source
    started = time.perf_counter()

    def on_ready() -> None:
        done["ready"] = True

    window.ready.connect(on_ready)
    window.open_file(path)
    deadline = time.monotonic() + 900
    while not done["ready"] and time.monotonic() < deadline:
        app.processEvents()
        if first is None and window.source is not before and painter.painted_count():
            first = time.perf_counter() - started
        time.sleep(0.001)
    window.ready.disconnect(on_ready)
    if not done["ready"]:
        raise RuntimeError(f"{path.name} was not analyzed and painted in 900 s")
    return first if first is not None else time.perf_counter() - started


def _describe(window: MainWindow, path: Path) -> str:
    words = len(window.source.text.split()) if window.source else 0
    chars = len(window.source.text) if window.source else 0
    mentions = len(window.analysis.mentions) if window.analysis else 0
    if path.name.startswith("paragraph-"):
        return f"one paragraph of {chars:,} characters ({mentions:,} mentions)"
    return f"{words:,} words ({path.suffix[1:]}, {mentions:,} mentions)"


def _row(label: str, row: Row) -> str:
    total, first, stall = row
    return f"{label}: every highlight in {total:.2f} s, first after {first:.2f} s, longest UI stall {stall:.0f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reader.ui.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--cases", default=",".join(CASES), help=f"what to measure, comma-separated ({', '.join(CASES)})"
    )
    parser.add_argument("--words", default="2000,100000", help="warm case: article sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=1, help="repeat each measurement; medians are printed")
    parser.add_argument("--platform", default="offscreen", help="Qt platform (default: offscreen)")
    args = parser.parse_args(argv)
    cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = set(cases) - set(CASES)
    if unknown:
        parser.error(f"unknown case(s): {', '.join(sorted(unknown))}")
    os.environ.setdefault("QT_QPA_PLATFORM", args.platform)
    print(f"load average (1, 5, 15 min): {load_average()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as scratch:
        _run(cases, [int(w) for w in args.words.split(",") if w.strip()], args.runs, Path(scratch))
    print(f"load average (1, 5, 15 min): {load_average()}")
    return 0


def _run(cases: list[str], sizes: list[int], runs: int, folder: Path) -> None:
    results: dict[str, list[Row]] = {}
    corrections: dict[str, list[tuple[float, float, float]]] = {}
    medians: list[Callable[[], str]] = []

    def median(values: list[float]) -> float:
        return statistics.median(values)

    if "cold" in cases:
        shown: list[float] = []
        launches: list[dict[str, float]] = []
        cold_article = article(COLD_WORDS, folder)
        for _ in range(runs):
            shown.append(cold_start(folder))
            launches.append(launch_to_highlights(cold_article, folder))
            t = launches[-1]
            print(f"cold start to an empty window shown: {shown[-1]:.2f} s (budget 2 s)", flush=True)
            print(
                f"cold launch of a {COLD_WORDS:,}-word article: text shown after {t.get('text', 0):.2f} s, "
                f"first highlights {t.get('first', 0):.2f} s, every highlight {t['all']:.2f} s (target 0.6 s)",
                flush=True,
            )
        medians.append(lambda: f"cold start to an empty window shown: {median(shown):.2f} s")
        medians.append(
            lambda: (
                f"cold launch, {COLD_WORDS:,} words: text {median([t.get('text', 0) for t in launches]):.2f} s, "
                f"first highlights {median([t.get('first', 0) for t in launches]):.2f} s, "
                f"every highlight {median([t['all'] for t in launches]):.2f} s"
            )
        )

    cli_times: list[float] = []
    large = article(LARGE_WORDS, folder) if "large" in cases else None
    if large is not None:
        for _ in range(runs):
            cli_times.append(cli_analysis(large))
            print(f"command line: {LARGE_WORDS:,} words analyzed in {cli_times[-1]:.2f} s", flush=True)
        medians.append(lambda: f"command line, {LARGE_WORDS:,} words analyzed in {median(cli_times):.2f} s")

    if not set(cases) & {"warm", "large", "paragraphs"}:
        _print_medians(runs, medians, results)
        return

    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from reader.ui.app import _quiet_platform_notes, make_window

    qInstallMessageHandler(_quiet_platform_notes)
    os.environ["ARABIC_READER_DATA"] = str(folder / "data")  # never the reader's own corrections
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    window = make_window(app, settings_path=str(folder / "warm.ini"), interactive=False)
    window.resize(1400, 900)
    window.show()
    _open_and_wait(app, window, article(300, folder))  # warm-up: model loaded, caches filled

    files: list[Path] = []
    if "warm" in cases:
        files += [article(words, folder) for words in sizes] + [html_page(max(sizes), folder)]
    if large is not None:
        files.append(large)
    if "paragraphs" in cases:
        files += [paragraph(chars, folder) for chars in PARAGRAPH_CHARS] + [article(COLD_WORDS, folder)]
    for _ in range(runs):
        for path in files:
            row = timed_open(app, window, path)
            label = _describe(window, path)
            if path.name == f"article-{COLD_WORDS}.txt" and "paragraphs" in cases and path is files[-1]:
                label += ", opened after the longest paragraph"
            results.setdefault(label, []).append(row)
            line = _row(label, row)
            if path is large and cli_times:
                line += f"; {row[0] / cli_times[-1]:.2f}× the command line"
            print(line, flush=True)
            if "warm" in cases and path.suffix == ".txt" and path.name.startswith("article-") and path is not large:
                timings = _correction_latency(app, window)
                corrections.setdefault(label, []).append(timings)
                print(f"{label}: {_correction_line(*timings)}", flush=True)
    window.close()
    window.preferences.settings.sync()
    for label, correction_runs in corrections.items():
        medians.append(functools.partial(str, f"{label}: {_correction_line(*_medians(correction_runs))}"))
    _print_medians(runs, medians, results)


def _medians(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    shown, settled, undo = (statistics.median(column) for column in zip(*rows, strict=True))
    return shown, settled, undo


def _print_medians(runs: int, medians: list[Callable[[], str]], results: dict[str, list[Row]]) -> None:
    if runs < 2:
        return
    print(f"medians of {runs} runs:")
    for line in medians:
        print(f"  {line()}")
    for label, rows in results.items():
        total, first, stall = (statistics.median(column) for column in zip(*rows, strict=True))
        print(f"  {_row(label, (total, first, stall))}")


def _correction_line(shown: float, settled: float, undo: float) -> str:
    return (
        f"a marked word shown in {shown * 1000:.0f} ms (budget 100 ms), regrouped with the panel updated "
        f"in {settled * 1000:.0f} ms; its undo shown in {undo * 1000:.0f} ms"
    )


def _correction_latency(app: QApplication, window: MainWindow) -> tuple[float, float, float]:
    """Seconds from the key that marks a word in the middle of the article to its highlight painted,
    to the corrected analysis shown (regrouped, panel too), and for undoing it."""
    from PySide6.QtGui import QTextCursor

    from reader.entity_types import EntityType

    assert window.source is not None and window.analysis is not None
    text, mentions = window.source.text, window.analysis.mentions
    covered = {i for m in mentions for i in range(m.start, m.end)}
    start = text.index(" ", len(text) // 2) + 1
    while not text[start].isalpha() or start in covered:
        start = text.index(" ", start) + 1
    end = text.index(" ", start)
    view, painter = window.area.view, window.area.view.painter
    s16, e16 = view.index.span_to_utf16(start, end)
    cursor = QTextCursor(view.document())
    cursor.setPosition(s16)
    cursor.setPosition(e16, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    wanted = (start, end, f"{EntityType.ORGANIZATION.value}:correction")

    started = time.perf_counter()
    window.mark_selection(EntityType.ORGANIZATION)  # what key 3 does
    while wanted not in painter._painted:
        app.processEvents()
    shown = time.perf_counter() - started
    while (
        window.corrections.analysis is None
        or not any((m.start, m.end) == (start, end) for m in window.corrections.analysis.mentions)
        or not painter.is_idle()
    ):
        app.processEvents()
    settled = time.perf_counter() - started
    started = time.perf_counter()
    window.corrections.undo_stack.undo()
    while not painter.is_idle():
        app.processEvents()
    return shown, settled, time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
