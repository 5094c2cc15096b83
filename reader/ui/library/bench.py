"""Time the library window: ``python -m reader.ui.library.bench [--library DB] [--index-articles 300]``.

Prints, for the library given (``python -m reader.library.bench --dir D``
leaves one with 10,000 articles in D), how long the window takes to list
its entities and articles, how long selecting an entity takes until its
mentions, network and timeline are painted, how long each keystroke of the
entity filter takes, and the longest the event loop stalled meanwhile
(a 5 ms heartbeat; the budget is 100 ms). Then it indexes ``--index-articles``
new generated articles in the background, in a fresh library, and reports
the longest stall while results arrive.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time


class _Heartbeat:
    """The longest gap between ticks of a 5 ms timer: how long the event loop was busy."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.longest = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def start(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0
        self.timer.start()

    def stall_ms(self) -> float:
        return max(0.0, self.longest * 1000 - 5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reader.ui.library.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--library", help="a library to open (default: one made from 1,000 generated articles)")
    parser.add_argument("--index-articles", type=int, default=300, help="articles indexed in the background")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="library-ui-bench-") as scratch:
        library = args.library or _made_library(scratch, 1000)
        run(library, scratch, args.index_articles)
    return 0


#: The pause before each click on an entity. Clicked at once, a selection was
#: timed from a window still painting the last one's mention list (20-30 ms
#: for the most frequent entities), which no person clicks that fast.
CLICK_PAUSE_S = 0.3


def _made_library(scratch: str, articles: int) -> str:
    from reader.library import Indexer
    from reader.library.corpus import generate

    folder = os.path.join(scratch, "articles")
    generate(folder, articles)
    path = os.path.join(scratch, "library.sqlite3")
    for _ in Indexer([folder], path).run():
        pass
    return path


def run(library: str, scratch: str, index_articles: int) -> None:
    from PySide6.QtWidgets import QApplication

    from reader.ui.library.qt_library_window import LibraryWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from reader.ui.actions import icon

    icon("fa6s.book")  # the reader window has loaded the icon fonts before the library is opened
    heart = _Heartbeat()

    def wait_for(signal: object, timeout_s: float = 120.0) -> None:
        done = {"yes": False}
        signal.connect(lambda *_: done.update(yes=True))  # type: ignore[attr-defined]
        deadline = time.monotonic() + timeout_s
        while not done["yes"] and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.001)

    def idle(seconds: float) -> None:
        until = time.perf_counter() + seconds
        while time.perf_counter() < until:
            app.processEvents()
            time.sleep(0.001)

    # What the machine itself does to a 5 ms timer (other processes on the cores): the baseline.
    heart.start()
    idle(3)
    print(f"baseline, an idle event loop for 3 s: longest stall {heart.stall_ms():.0f} ms (load average {_load()})")

    heart.start()
    started = time.perf_counter()
    window = LibraryWindow(library)
    window.resize(1400, 900)
    window.show()
    wait_for(window.details_shown)
    print(
        f"open: {len(window.entity_model.items):,} entities, {len(window.article_model.items):,} articles listed,"
        f" top entity shown in {(time.perf_counter() - started) * 1000:.0f} ms; longest stall {heart.stall_ms():.0f} ms"
    )

    heart.start()
    window.answer_ms.clear()
    window.companions_ms.clear()
    chosen = [e.id for e in window.entity_model.items[:30:3]]
    for key in chosen:
        idle(CLICK_PAUSE_S)  # a person clicks a window that has painted the last answer
        window.select_entity(key)
        wait_for(window.details_shown)
    answers, companions = window.answer_ms, window.companions_ms
    print(
        f"selecting an entity (10 of the most frequent): its mentions and timeline in median"
        f" {statistics.median(answers):.0f} ms, longest {max(answers):.0f} ms; everything, its network too, in median"
        f" {statistics.median(companions):.0f} ms,"
        f" longest {max(companions):.0f} ms; longest stall {heart.stall_ms():.0f} ms"
    )

    heart.start()
    typed = []
    for text in ("ا", "ال", "الم", "الموص", "الموصل", "", "و", "وزا", "وزارة"):
        began = time.perf_counter()
        window.entity_filter.setText(text)
        window._apply_filters()  # what the debounce timer runs
        typed.append((time.perf_counter() - began) * 1000)
        app.processEvents()
    print(f"filter keystroke: median {statistics.median(typed):.1f} ms, longest {max(typed):.1f} ms")

    from reader.library.corpus import generate

    folder = os.path.join(scratch, "new-articles")
    generate(folder, index_articles, seed=99)
    fresh = LibraryWindow(os.path.join(scratch, "fresh.sqlite3"))
    fresh.show()
    idle(CLICK_PAUSE_S)  # the new window painted once, as a person sees it before clicking Index
    heart.start()
    began = time.perf_counter()
    fresh.index([folder])
    wait_for(fresh.indexing.finished, 1800)
    print(
        f"background indexing of {index_articles} articles: {time.perf_counter() - began:.1f} s,"
        f" {fresh.article_model.rowCount()} articles listed; longest stall {heart.stall_ms():.0f} ms"
    )
    fresh.shut_down()
    window.shut_down()


def _load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
