"""Score the offline recognizer on a CoNLL file: ``python -m reader.analysis.evaluate FILE``.

Prints precision, recall and F1 per type (PERS, LOC, ORG) and their micro
average, span-level exact match (conlleval-style). The file's sentences go
through the same path as an article in the app — ``OfflineRecognizer`` then
``consistency.propagate`` — so the score is the product's, not just the CRF's.
A CoNLL file has no article boundaries, so every ``--doc-sentences``
consecutive sentences are treated as one article (about 600 words at the
default 20, the length of a news story).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from reader.analysis.ner.conll import ConllError, Scores, Sentence, read_conll, read_wojood, score
from reader.analysis.recognizer import Recognizer, TokenizedText
from reader.analysis.tokens import Sentence as SentenceRange
from reader.analysis.tokens import Token
from reader.document import Span
from reader.entity_types import EntityType

DOC_SENTENCES = 20

_CONLL_TYPES = {EntityType.PERSON: "PERS", EntityType.PLACE: "LOC", EntityType.ORGANIZATION: "ORG"}


def as_document(sentences: Sequence[Sentence]) -> TokenizedText:
    """The tokens of ``sentences`` laid out as text: one sentence a line, tokens space-separated."""
    pieces: list[str] = []
    tokens: list[Token] = []
    ranges: list[SentenceRange] = []
    offset = 0
    for sentence in sentences:
        first = len(tokens)
        for k, (word, _) in enumerate(sentence):
            separator = " " if k else ("\n" if tokens else "")
            pieces.append(separator + word)
            offset += len(separator)
            tokens.append(Token(offset, offset + len(word), word))
            offset += len(word)
        ranges.append(SentenceRange(first, len(tokens)))
    return TokenizedText("".join(pieces), tokens, ranges)


def spans_to_tags(doc: TokenizedText, spans: Sequence[Span]) -> list[list[str]]:
    """Per-sentence BIO tags of the tokens ``spans`` cover (person/place/organization only)."""
    tags = ["O"] * len(doc.tokens)
    starts = {t.start: i for i, t in enumerate(doc.tokens)}
    ends = {t.end: i for i, t in enumerate(doc.tokens)}
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        kind = _CONLL_TYPES.get(span.type)
        first, last = starts.get(span.start), ends.get(span.end)
        if kind is None or first is None or last is None or tags[first] != "O":
            continue
        tags[first] = "B-" + kind
        for i in range(first + 1, last + 1):
            tags[i] = "I-" + kind
    return [tags[s.first : s.last] for s in doc.sentences]


def evaluate(
    recognizer: Recognizer,
    sentences: Sequence[Sentence],
    *,
    propagate: bool = True,
    doc_sentences: int = DOC_SENTENCES,
) -> Scores:
    """Scores of ``recognizer`` (+ consistency pass) against the gold tags of ``sentences``."""
    from reader.analysis import consistency

    # The recognizer's own common-word lexicon (a dev model's, not the shipped one's).
    common_words = recognizer.common_words() if hasattr(recognizer, "common_words") else None
    predicted: list[list[str]] = []
    for i in range(0, len(sentences), doc_sentences):
        doc = as_document(sentences[i : i + doc_sentences])
        spans = recognizer.recognize(doc)
        if propagate:
            spans = consistency.propagate(doc, spans, common_words=common_words)
        predicted += spans_to_tags(doc, spans)
    return score([[tag for _, tag in s] for s in sentences], predicted)


def main(argv: Sequence[str] | None = None) -> int:
    from reader.analysis.ner.crf import ModelError, OfflineRecognizer

    parser = argparse.ArgumentParser(prog="python -m reader.analysis.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("file", type=Path, help="CoNLL file: token and BIO tag per line")
    parser.add_argument("--model", type=Path, default=None, help="model file (.crfsuite); default: the shipped one")
    parser.add_argument("--no-propagate", action="store_true", help="score the CRF alone, without the consistency pass")
    parser.add_argument("--doc-sentences", type=int, default=DOC_SENTENCES, help="sentences per pseudo-article")
    parser.add_argument(
        "--wojood", action="store_true", help="the file is Wojood's nested format: map its types to PERS/LOC/ORG"
    )
    args = parser.parse_args(argv)
    try:
        sentences = read_wojood(args.file) if args.wojood else read_conll(args.file)
        recognizer = OfflineRecognizer.load(args.model)
    except (OSError, UnicodeDecodeError, ConllError, ModelError) as error:
        print(f"cannot evaluate: {error}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    scores = evaluate(recognizer, sentences, propagate=not args.no_propagate, doc_sentences=args.doc_sentences)
    elapsed = time.perf_counter() - started
    tokens = sum(len(s) for s in sentences)
    print(scores.table())
    print(f"{tokens:,} tokens in {elapsed:.1f} s ({tokens / max(elapsed, 1e-9):,.0f} tokens/s, one core)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
