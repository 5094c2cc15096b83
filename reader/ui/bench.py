"""Measure the window's speed budget (GUIDE.md) and print the numbers.

    python -m reader.ui.bench [--words 2000,100000] [--runs 3] [--platform offscreen]

1. cold start: from launching a fresh Python process to the window being shown;
2. a 2,000-word article in a running (warm) app: from ``open_file`` to every
   highlight painted;
3. a 100,000-word article, as text and as an HTML page (read off the UI
   thread): the longest the event loop stalled while it was read, analyzed
   and painted, measured with a 5 ms heartbeat timer, and how long the
   whole took;
4. in each text article, a correction: from marking a word as an
   organization (what keys 1–4 do) to its highlight painted, and the same
   for undoing it (budget 100 ms). The corrections go to a scratch data folder.

With ``--runs N`` each measurement is repeated and the median printed after
the runs. The machine's load average is printed too: on a busy machine the
UI thread waits for a core and every number grows.

Articles are made by repeating the shipped sample; the offline model does
the analysis, as in the app.
"""

from __future__ import annotations

import argparse
import html
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from reader.resources import resource_path

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from reader.ui.window.main_window import MainWindow

SAMPLE = resource_path("samples", "mosul-offensive.txt")
HEARTBEAT_MS = 5


def article(words: int, folder: Path) -> Path:
    """A text file of about ``words`` words: the sample repeated, paragraphs kept."""
    text = SAMPLE.read_text(encoding="utf-8").strip()
    copies = max(1, round(words / len(text.split())))
    path = folder / f"article-{words}.txt"
    path.write_text("\n\n".join([text] * copies) + "\n", encoding="utf-8")
    return path


def html_page(words: int, folder: Path) -> Path:
    """The same article as an HTML page, each paragraph with a link and bold text (parsing is the slow part)."""
    text = SAMPLE.read_text(encoding="utf-8").strip()
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    copies = max(1, round(words / len(text.split())))
    body = "".join(
        f"<p>{html.escape(p)} <a href='#n{i}'>المصدر</a> <b>عاجل</b></p>\n" for i in range(copies) for p in paragraphs
    )
    path = folder / f"page-{words}.html"
    path.write_text(
        f"<!doctype html><html><head><title>مقال</title></head><body>{body}</body></html>", encoding="utf-8"
    )
    return path


def cold_start() -> float:
    """Seconds from launching a new Python process to its window being shown."""
    code = (
        "import time, sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtCore import QTimer\n"
        "app = QApplication(sys.argv[:1])\n"
        "from reader.ui.app import make_window\n"
        "import tempfile, os\n"
        "window = make_window(app, settings_path=os.path.join(tempfile.mkdtemp(), 's.ini'))\n"
        "window.show()\n"
        "QTimer.singleShot(0, lambda: (print('shown', flush=True), app.quit()))\n"
        "app.exec()\n"
    )
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == "shown":
            elapsed = time.perf_counter() - started
            break
    else:
        raise RuntimeError("the window never appeared")
    process.wait()
    return elapsed


def load_average() -> str:
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:  # not on this system
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reader.ui.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", default="2000,100000", help="article sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=1, help="repeat each measurement; medians are printed")
    parser.add_argument("--platform", default="offscreen", help="Qt platform (default: offscreen)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", args.platform)
    sizes = [int(w) for w in args.words.split(",") if w.strip()]
    print(f"load average (1, 5, 15 min): {load_average()}")

    starts = []
    for _ in range(args.runs):
        starts.append(cold_start())
        print(f"cold start to window shown: {starts[-1]:.2f} s (budget 2 s)")

    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from reader.ui.app import make_window

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    results: dict[str, list[tuple[float, float, int]]] = {}
    corrections: dict[str, list[tuple[float, float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as scratch:
        folder = Path(scratch)
        os.environ["ARABIC_READER_DATA"] = str(folder / "data")  # never the reader's own corrections
        window = make_window(app, settings_path=str(folder / "s.ini"), interactive=False)
        window.resize(1400, 900)
        window.show()
        _open_and_wait(app, window, article(300, folder))  # warm-up: model loaded, caches filled

        files = [article(words, folder) for words in sizes] + [html_page(max(sizes), folder)]
        for _ in range(args.runs):
            for path in files:
                gaps: list[int] = []
                clock = QElapsedTimer()
                heartbeat = QTimer()
                heartbeat.setInterval(HEARTBEAT_MS)
                heartbeat.timeout.connect(lambda: gaps.append(clock.restart()))  # noqa: B023 (used within this run)
                clock.start()
                heartbeat.start()
                started = time.perf_counter()
                first_paint = _open_and_wait(app, window, path)
                total = time.perf_counter() - started
                heartbeat.stop()
                mentions = len(window.analysis.mentions) if window.analysis else 0
                stall = max(gaps) if gaps else 0
                words = len(window.source.text.split()) if window.source else 0
                label = f"{words:>7} words ({path.suffix[1:]})"
                results.setdefault(label, []).append((total, first_paint, stall))
                print(
                    f"{label}: highlights painted in {total:.2f} s "
                    f"(first highlights after {first_paint:.2f} s; {mentions} mentions); "
                    f"longest UI stall {stall} ms (budget 100 ms)"
                )
                if path.suffix == ".txt":
                    timings = _correction_latency(app, window)
                    corrections.setdefault(label, []).append(timings)
                    print(f"{label}: {_correction_line(*timings)}")
        window.close()
    if args.runs > 1:
        print(f"medians of {args.runs} runs:")
        print(f"  cold start to window shown: {statistics.median(starts):.2f} s")
        for label, runs in results.items():
            total, first, stall = (statistics.median(column) for column in zip(*runs, strict=True))
            print(f"  {label}: painted in {total:.2f} s, first highlights {first:.2f} s, longest stall {stall:.0f} ms")
        for label, correction_runs in corrections.items():
            shown, settled, undo = (statistics.median(column) for column in zip(*correction_runs, strict=True))
            print(f"  {label}: {_correction_line(shown, settled, undo)}")
    print(f"load average (1, 5, 15 min): {load_average()}")
    return 0


def _open_and_wait(app: QApplication, window: MainWindow, path: Path) -> float:
    """Open ``path`` and run the event loop until it is analyzed and painted.

    Returns the seconds until the first highlight was painted.
    """
    done: dict[str, float | bool | None] = {"ready": False, "first": None}
    started = time.perf_counter()

    def on_ready() -> None:
        done["ready"] = True

    def on_painted() -> None:
        if done["first"] is None and window.area.view.painter.painted_count():
            done["first"] = time.perf_counter() - started

    window.ready.connect(on_ready)
    window.area.painted.connect(on_painted)
    window.open_file(path)
    deadline = time.monotonic() + 600
    while not done["ready"] and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.001)
    window.ready.disconnect(on_ready)
    window.area.painted.disconnect(on_painted)
    return done["first"] if done["first"] is not None else time.perf_counter() - started


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
