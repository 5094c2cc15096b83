"""Benchmark the analysis pipeline: ``python -m reader.bench [--words N]``.

Prints words/s end to end (tokenize + names + figures + consistency +
grouping) on one core, a per-stage breakdown, and peak memory. The text is
built from real news sentences: ANERcorp's test split when
``../shared/data/anercorp`` is present (its vocabulary is realistic, so the
per-word caches get no unfair help), else the bundled sample articles;
``--text FILE`` benchmarks any article. GUIDE.md's budget: ≥ 20,000 words/s,
1,000,000 words in < 60 s with < 2 GB peak memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

from reader.document import Source

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "anercorp"


def corpus_text(words: int, text_file: str | None = None) -> tuple[str, str]:
    """About ``words`` words of news text, and where it came from."""
    if text_file:
        from reader.io import load

        base, origin = load(text_file).text, text_file
    elif (DATA_DIR / "ANERCorp_CamelLab_test.txt").is_file():
        base, origin = _conll_text(DATA_DIR / "ANERCorp_CamelLab_test.txt"), "ANERcorp test split"
    else:
        from reader.resources import resource_path

        samples = sorted(resource_path("samples").glob("*.txt"))
        base = "\n\n".join(p.read_text(encoding="utf-8", errors="replace") for p in samples)
        origin = "bundled samples"
    have = len(base.split())
    repeats = max(1, -(-words // max(have, 1)))
    text = "\n\n".join([base] * repeats)
    # Trim to the requested size at a word boundary.
    pieces = text.split(" ")
    return " ".join(pieces[: max(words, 1)]), origin


def _conll_text(path: Path) -> str:
    sentences: list[str] = []
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if words:
                sentences.append(" ".join(words))
                words = []
        else:
            words.append(parts[0])
    if words:
        sentences.append(" ".join(words))
    # Paragraphs of five sentences, as in an article.
    return "\n\n".join(" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5))


def _timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def run(words: int, text_file: str | None, model: str) -> None:
    from reader.analysis.figures import FigureRecognizer
    from reader.analysis.pipeline import analyze, default_recognizer
    from reader.analysis.recognizer import TokenizedText
    from reader.analysis.tokens import split_sentences, tokenize

    text, origin = corpus_text(words, text_file)
    n_words = len(text.split())
    print(f"text: {n_words:,} words from {origin}")

    recognizer, load_s = _timed(default_recognizer)
    if model == "bert":
        from reader.analysis.bert import find_bert_model

        recognizer, load_s = _timed(find_bert_model)
    _, warm_s = _timed(lambda: analyze(Source(text[:2000]), recognizer))  # caches, lazy imports
    print(f"model: {recognizer.name} (load {load_s:.2f} s, warm-up {warm_s:.2f} s)")

    tokens, tok_s = _timed(tokenize, text)
    sentences = split_sentences(text, tokens)
    doc = TokenizedText(text, tokens, sentences)
    _, names_s = _timed(recognizer.recognize, doc)
    _, fig_s = _timed(FigureRecognizer().recognize, doc)
    analysis, total_s = _timed(analyze, Source(text), recognizer)

    def rate(seconds: float) -> str:
        return f"{n_words / seconds:>12,.0f} words/s  ({seconds:6.2f} s)"

    print(f"  tokenize        {rate(tok_s)}")
    print(f"  names           {rate(names_s)}")
    print(f"  figures         {rate(fig_s)}")
    print(f"end to end        {rate(total_s)}")
    print(f"mentions: {len(analysis.mentions):,}  entities: {len(analysis.entities):,}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak_mb:,.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reader.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000, help="words of text (default 100,000)")
    parser.add_argument("--text", help="benchmark this article file instead")
    parser.add_argument("--model", choices=("offline", "bert"), default="offline")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the budget says
    run(args.words, args.text, args.model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
