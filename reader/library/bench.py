"""Benchmark the library: ``python -m reader.library.bench [--articles 10000] [--dir DIR]``.

Generates ``--articles`` news articles (``reader.library.corpus``: about 500
words each, 10,000 make about 5 million words), then, each time through the
command line as a user runs it:

1. indexes them with ``--jobs 1`` and ``--jobs 2`` into fresh libraries:
   wall time, words/s, the speed-up, peak memory of all the processes
   (the indexer and its workers, sampled), CPU time, the library's size
   against the text's;
2. indexes the unchanged folder again;
3. times the questions (in one process, warm: the median of 5): the entity
   table, ``find`` and ``related`` for the most and a middling frequent
   entity, resolving a name, full-text search; and the same commands as
   separate processes, start-up included.

Targets (issue 12): ``--jobs 2`` at least 1.6 times the single-process
words/s, library under 2 times the text, unchanged re-index under 5 s,
questions under 100 ms. The machine's load average is printed: other
processes on the cores change the speed-up.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

#: The command line, as a user runs it.
_CLI = [sys.executable, "-m", "reader"]
SUMMARY = re.compile(
    r"indexed (\d+) articles \((\d+) analyzed, (\d+) unchanged, (\d+) failed\), (\d+) words in ([\d.]+) s"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reader.library.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles to generate (default 10,000)")
    parser.add_argument("--dir", help="folder for the articles and libraries (default: a temporary folder)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="process counts to compare (default 1 2)")
    parser.add_argument("--questions", metavar="DB", help="only time the questions, on the library DB")
    args = parser.parse_args(argv)
    if args.questions:
        print(f"load average {_load()}")
        _questions(Path(args.questions))
        return 0
    if args.dir:
        run(Path(args.dir), args.articles, args.jobs)
    else:
        with tempfile.TemporaryDirectory(prefix="library-bench-") as folder:
            run(Path(folder), args.articles, args.jobs)
    return 0


def run(work: Path, articles: int, jobs_list: list[int]) -> None:
    from reader.library.corpus import generate

    folder = work / f"articles-{articles}"
    marker = folder / ".generated"
    started = time.perf_counter()
    if not marker.exists():
        corpus = generate(folder, articles)
        marker.write_text(f"{corpus.bytes} {corpus.words}\n")
    text_bytes, words = (int(x) for x in marker.read_text().split())
    print(f"corpus: {articles:,} articles, {words:,} words, {text_bytes / 1e6:.1f} MB of files ({folder})")
    print(f"        generated in {time.perf_counter() - started:.1f} s; load average {_load()}")
    print(f"cores: {os.cpu_count()}")

    rates: dict[int, float] = {}
    library = work / "library-1.sqlite3"
    for jobs in jobs_list:
        library = work / f"library-{jobs}.sqlite3"
        for stale in work.glob(library.name + "*"):
            stale.unlink()
        result = _timed_process([*_CLI, "index", str(folder), "--library", str(library), "--jobs", str(jobs)])
        summary = _summary(result.stdout)
        size = _library_size(library)
        rate = summary.words / result.wall
        rates[jobs] = rate
        print(f"\nindex --jobs {jobs}: {summary.line}")
        print(f"  wall {result.wall:.1f} s, {rate:,.0f} words/s, CPU {result.cpu:.1f} s, load average {_load()}")
        print(f"  peak memory of all processes {result.peak_mb:,.0f} MB")
        print(f"  library {size / 1e6:.1f} MB = {size / text_bytes:.2f} x the text ({_tables(library)})")
        assert summary.analyzed == articles, "every article must be written"
    if len(rates) > 1:
        base = rates[min(rates)]
        for jobs, rate in sorted(rates.items()):
            print(f"speed-up --jobs {jobs}: {rate / base:.2f} x")

    result = _timed_process([*_CLI, "index", str(folder), "--library", str(library), "--jobs", str(max(jobs_list))])
    summary = _summary(result.stdout)
    print(f"\nre-index unchanged: {summary.line}")
    print(f"  wall {result.wall:.2f} s (process start included)")

    _questions(library)


def _questions(library: Path) -> None:
    from reader.library import Library
    from reader.library.lines import TABLE_FORMATS
    from reader.library.tables import entity_table

    with Library.open(library) as opened:
        entities = opened.entities()
        top = entities[0]
        named = [e for e in entities if e.type.value != "figure"]
        top_named = named[0]
        middle = named[len(named) // 20]
        print(f"\nquestions ({len(entities):,} entities, {opened.count_articles():,} articles), median of 5, warm:")
        _latency("entities (all)", lambda: opened.entities())
        for form in TABLE_FORMATS:
            _latency(f"entities --format {form} (all: the table printed)", entity_table, opened, form)
        _latency("entities --type person --format json", entity_table, opened, "json", "person")
        _latency("entities --format json, as the command does it (open, print)", _entities_command, library)
        _latency("entities, a page (200 of all, from 1,000)", lambda: opened.entities(limit=200, offset=1000))
        _latency("entities --type person", lambda: opened.entities("person"))
        _latency("entities --type person, a page (200)", lambda: opened.entities("person", limit=200))
        _latency("entities filter 'امم'", lambda: opened.entities(query="امم"))
        _latency(f"resolve {top_named.name!r}", lambda: opened.resolve(top_named.name))
        for entity in (top, top_named, middle):
            label = f"{entity.name!r} ({entity.articles} articles, {entity.mentions} mentions)"
            _latency(f"find {label}", opened.find, entity)
        for entity in (top_named, middle):
            _latency(f"related {entity.name!r}", opened.related, entity)
        _latency("timeline by month", lambda: opened.timeline(top_named, "month"))
        _latency("articles (all, by date)", lambda: opened.articles())
        _latency("articles by date, a page (200, from 5,000)", lambda: opened.articles(limit=200, offset=5000))
        for query in ("الامم المتحده", "وزير الخارجية", "سعودي"):
            _latency(f"search {query!r} (first 100)", opened.search, query)
        _latency("stored analysis of one article", lambda: opened.article_analysis(1))

        print("\nthe same as commands (a new process each, start-up included), median of 3:")
        for args in (
            ["entities", "--format", "json"],
            ["find", top_named.name, "--format", "json"],
            ["related", top_named.name, "--format", "json"],
        ):
            walls = [_timed_process([*_CLI, *args, "--library", str(library)], sample=False).wall for _ in range(3)]
            print(f"  {' '.join(args[:2]):<28} {statistics.median(walls) * 1000:8.0f} ms")
        walls = [_timed_process([sys.executable, "-c", "pass"], sample=False).wall for _ in range(3)]
        print(f"  {'(python -c pass)':<28} {statistics.median(walls) * 1000:8.0f} ms")


def _entities_command(library: Path) -> None:
    """What ``entities --format json`` does, in this process (its imports done): open the library,
    print the table (to nowhere), close it."""
    from reader.library import Library
    from reader.library.tables import entity_table

    with Library.open(library) as opened, open(os.devnull, "wb") as nowhere:
        opened.refresh_if_stale()
        nowhere.write(entity_table(opened, "json"))


def _latency(label: str, question: Callable[..., object], *args: object) -> None:
    """Median wall and CPU time of 5 runs: with other processes on the cores the two differ."""
    walls, cpus = [], []
    for _ in range(5):
        started, cpu = time.perf_counter(), time.process_time()
        question(*args)
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    print(f"  {label:<60} {statistics.median(walls) * 1000:8.1f} ms (CPU {statistics.median(cpus) * 1000:6.1f} ms)")


class _Result:
    def __init__(self, stdout: str, wall: float, cpu: float, peak_mb: float) -> None:
        self.stdout, self.wall, self.cpu, self.peak_mb = stdout, wall, cpu, peak_mb


def _timed_process(command: list[str], sample: bool = True) -> _Result:
    """Run ``command``; its wall time, CPU time (children included) and the peak of its tree's memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = [0]
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(process.pid))
            done.wait(0.5)  # scanning /proc costs CPU the indexer needs

    watcher = threading.Thread(target=watch, daemon=True)
    if sample:
        watcher.start()
    stdout, _ = process.communicate()
    wall = time.perf_counter() - started
    done.set()
    if sample:
        watcher.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed with status {process.returncode}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return _Result(stdout, wall, cpu, peak[0] / 1e6)


def _tree_rss(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, in bytes (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm") as statm:
                rss[int(entry)] = int(statm.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return total


class _Summary(NamedTuple):
    line: str
    articles: int
    analyzed: int
    unchanged: int
    failed: int
    words: int


def _summary(stdout: str) -> _Summary:
    match = SUMMARY.search(stdout)
    if not match:
        raise SystemExit(f"no summary line in {stdout!r}")
    return _Summary(match.group(), *(int(x) for x in match.groups()[:5]))


def _library_size(library: Path) -> int:
    connection = sqlite3.connect(library)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return sum(p.stat().st_size for p in library.parent.glob(library.name + "*"))


def _tables(library: Path) -> str:
    """The biggest tables' share of the file (SQLite's dbstat, when compiled in)."""
    connection = sqlite3.connect(library)
    try:
        rows = connection.execute(
            "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 6"
        ).fetchall()
    except sqlite3.Error:
        return "no dbstat"
    finally:
        connection.close()
    return ", ".join(f"{name} {size / 1e6:.1f}" for name, size in rows)


def _load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
