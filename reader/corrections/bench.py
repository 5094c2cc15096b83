"""Benchmark the user's data: ``python -m reader.corrections.bench [--entries 1000]``.

Prints, for a 2,000-word and a 100,000-word article (news text, as
``reader.bench`` builds it):

- the time to apply a lexicon of ``--entries`` entries (compile once, then
  match and regroup: what opening an article costs on top of the analysis);
- the time of one correction in an open article (apply + regroup: the core
  of the window's latency when the reader marks a name);
- the time to apply 100 stored corrections of every kind (reopening an
  article the reader corrected a lot);

and the size of the corrections database after 1,000 corrections (in one
article, and spread over 50 articles). One core, as the rest of the budget.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from reader.corrections.engine import Corrector
from reader.corrections.kinds import Correction, Mark, Merge, Rename, Retype, Split, Unmark
from reader.corrections.lexicon import Lexicon, LexiconEntry
from reader.corrections.store import UserStore
from reader.document import Analysis, Source
from reader.entity_types import EntityType

T = TypeVar("T")


def _timed(fn: Callable[[], T], repeat: int = 3) -> tuple[T, Timing]:
    """The result of ``fn`` and its best wall-clock and CPU times of ``repeat`` runs.

    The machine is shared: CPU time is what the work costs, wall time what a
    reader waits on a busy machine; both are printed.
    """
    best = Timing(float("inf"), float("inf"))
    result = None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        best = Timing(min(best.wall, time.perf_counter() - wall), min(best.cpu, time.process_time() - cpu))
    assert result is not None
    return result, best


@dataclass(frozen=True, slots=True)
class Timing:
    wall: float
    cpu: float

    def __str__(self) -> str:
        return f"{self.cpu * 1000:7.1f} ms CPU ({self.wall * 1000:.0f} ms wall)"


def lexicon_of(analysis: Analysis, size: int, seed: int = 11) -> Lexicon:
    """``size`` entries as a reader would make them: names the model found (always, some
    retyped) and words of the text (never), shuffled; at most half the names come from the text."""
    rng = random.Random(seed)
    names = [e.name for e in analysis.entities if e.type is not EntityType.FIGURE]
    words = sorted({w for w in analysis.source.text.split() if len(w) > 3 and w.isalpha()})
    rng.shuffle(names)
    rng.shuffle(words)
    entries: list[LexiconEntry] = []
    types = [EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION]
    for name in names[: size // 2]:
        entries.append(LexiconEntry(name, rng.choice(types)))
    for word in words[: size - len(entries)]:
        entries.append(LexiconEntry(word, None if rng.random() < 0.5 else rng.choice(types)))
    return Lexicon(entries)


def some_corrections(analysis: Analysis, count: int, seed: int = 5) -> list[Correction]:
    """``count`` corrections of every kind on ``analysis``'s mentions and entities."""
    rng = random.Random(seed)
    mentions, entities = analysis.mentions, [e for e in analysis.entities if e.count > 1]
    out: list[Correction] = []
    types = list(EntityType)
    for i in range(count):
        kind = i % 6
        m = rng.choice(mentions)
        if kind == 0:
            out.append(Mark(m.start, m.end, rng.choice(types)))
        elif kind == 1:
            out.append(Unmark(m.start, m.end))
        elif kind == 2:
            out.append(Split(m.start, m.end))
        else:
            e = rng.choice(entities)
            if kind == 3:
                out.append(Retype(e.id, rng.choice(types)))
            elif kind == 4:
                out.append(Rename(e.id, e.name + " *"))
            else:
                out.append(Merge(e.id, rng.choice(entities).id))
    return out


def run(entries: int) -> None:
    from reader.analysis.pipeline import analyze
    from reader.bench import corpus_text

    analyses = {}
    for words in (2_000, 100_000):
        text, origin = corpus_text(words)
        analyses[words] = analyze(Source(text))
    # One lexicon for both, made from the long text (the short one has too few names and words).
    lexicon, compile_s = _timed(lambda: lexicon_of(analyses[100_000], entries))
    print(f"lexicon of {len(lexicon):,} entries ({origin}): compiled in {compile_s}")
    for analysis in analyses.values():
        bench_article(analysis, lexicon)
    bench_database(analyses[2_000])


def bench_article(analysis: Analysis, lexicon: Lexicon) -> None:
    """Lexicon, one correction and a reopening with 100 corrections, on one article."""
    text = analysis.source.text
    print(f"{len(text.split()):,} words: {len(analysis.mentions):,} mentions, {len(analysis.entities):,} entities")
    matches, find_s = _timed(lambda: lexicon.find(text))
    result, apply_s = _timed(lambda: Corrector(analysis, lexicon).analysis())
    changed = sum(m.source == "lexicon" for m in result.mentions)
    print(
        f"  lexicon: match {find_s} ({len(matches):,} matches); "
        f"match, apply and regroup {apply_s} ({changed:,} mentions from the lexicon)"
    )
    corrector = Corrector(analysis, lexicon)
    corrector.analysis()
    base = corrector.state
    target = analysis.mentions[len(analysis.mentions) // 2]

    def one_mark() -> Analysis:
        corrector.state = base
        corrector.apply(Mark(target.start, target.end, EntityType.ORGANIZATION))
        return corrector.analysis()

    _, mark_s = _timed(one_mark, repeat=5)
    print(f"  one correction in the open article (mark + regroup): {mark_s}")
    for count in (20, 100):
        stored = some_corrections(analysis, count)

        def reopen(stored: list[Correction] = stored) -> Analysis:
            fresh = Corrector(analysis, lexicon)
            for c in stored:
                fresh.apply(c)
            return fresh.analysis()

        _, reopen_s = _timed(reopen, repeat=1)
        print(f"  reopening with {count} stored corrections of every kind: {reopen_s}")


def bench_database(analysis: Analysis) -> None:
    """The database's size after 1,000 corrections, in one article and in 50."""
    text = analysis.source.text
    for articles in (1, 50):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "corrections.sqlite3"
            started = time.perf_counter()
            with UserStore.open(path) as store:
                per = 1000 // articles
                for a in range(articles):
                    source = Source(f"{a}\n{text}", path=f"/news/{a}.txt")
                    for c in some_corrections(analysis, per, seed=a):
                        store.add_correction(source, c)
                store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            elapsed = time.perf_counter() - started
            size = sum(p.stat().st_size for p in Path(folder).iterdir())
            print(
                f"database after 1,000 corrections in {articles} article(s) of {len(text.split()):,} words: "
                f"{size / 1e6:.2f} MB ({elapsed:.2f} ms per correction, one transaction each)"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reader.corrections.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000, help="lexicon entries (default 1,000)")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the budget says
    run(args.entries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
