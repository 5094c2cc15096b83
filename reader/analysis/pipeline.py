"""The analyze() pipeline: Source → Analysis.

    fold invisible characters → tokenize → split sentences
    → per chunk: names (recognizer) + figures → drop implausible spans
    → document-wide consistency → overlap resolution → entity grouping
    → offsets mapped back to the shown text

The analysis reads the text with its invisible characters (RLM, ZWJ, bidi
controls, soft hyphens) folded away (:mod:`reader.invisible`), so
``\u2067بغداد\u2069`` and ``بغ\u00adداد`` are found as بغداد is; every mention is
mapped back to the shown text and starts and ends on a visible character.

Long documents are processed in sentence-aligned chunks so a caller (the UI
worker) can show progress, drop the job between chunks, and paint partial
results. ``analyze()`` is the one-shot form used by the command line.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache

from reader.analysis.grouping import group_entities
from reader.analysis.partial import PartialAnalysis
from reader.analysis.recognizer import Recognizer, TokenizedText
from reader.analysis.tokens import Sentence, TokenTable, split_sentences
from reader.document import Analysis, Mention, Source, Span
from reader.entity_types import EntityType
from reader.invisible import FoldedText, fold_invisible

#: Tokens per chunk for the offline model: big enough that per-chunk overhead
#: vanishes, small enough that progress moves several times a second.
DEFAULT_CHUNK_TOKENS = 20_000

#: Sane bounds on a mention (docs/analysis.md). The longest names in the
#: training data and gazetteers are 9 words and 60 characters (العملية
#: المختلطة للاتحاد الأفريقي والأمم المتحدة في دارفور); a longer span, or a
#: name with a word longer than any Arabic word, is noise (a 1,000,000-letter
#: line is not an organization) and is dropped.
MAX_MENTION_WORDS = 12
MAX_MENTION_CHARS = 100
#: Longest word in a name: Arabic words with all their clitics stay under 20
#: letters (ANERcorp's longest name word has 14).
MAX_NAME_WORD_CHARS = 30


@dataclass(frozen=True, slots=True)
class AnalysisProgress:
    """One step of a running analysis.

    ``analysis`` holds what is known so far (mentions up to the chunk just
    done, already grouped); with ``final`` it is the finished result.
    """

    fraction: float
    analysis: Analysis
    final: bool


@cache
def default_recognizer() -> Recognizer:
    """The offline model, loaded once: the reader's own when they accepted one
    (``reader.analysis.usermodel``), else the shipped one."""
    from reader.analysis.ner import ModelError, OfflineRecognizer
    from reader.analysis.ner.model import model_label
    from reader.analysis.usermodel import active_user_model

    user_model = active_user_model()
    if user_model is not None:
        try:
            recognizer = OfflineRecognizer.load(user_model)
        except ModelError:
            pass  # a damaged user model: the shipped one still works
        else:
            recognizer.name = model_label(user_model, user=True)
            return recognizer
    return OfflineRecognizer.load()


def shipped_recognizer() -> Recognizer:
    """The offline model that ships with the app, whatever the reader trained."""
    from reader.analysis.ner import OfflineRecognizer

    return OfflineRecognizer.load()


@cache
def _figure_recognizer() -> Recognizer:
    from reader.analysis.figures import FigureRecognizer

    return FigureRecognizer()


def chunk_sentences(sentences: Sequence[Sentence], max_tokens: int) -> list[tuple[int, int]]:
    """Group consecutive sentences into ``(first_sentence, last_sentence)`` ranges
    of at most ``max_tokens`` tokens (a longer sentence is a chunk of its own)."""
    chunks: list[tuple[int, int]] = []
    first = 0
    size = 0
    for i, sentence in enumerate(sentences):
        length = sentence.last - sentence.first
        if size and size + length > max_tokens:
            chunks.append((first, i))
            first, size = i, 0
        size += length
    if first < len(sentences):
        chunks.append((first, len(sentences)))
    return chunks


def resolve_overlaps(spans: Sequence[Span]) -> list[Span]:
    """Sorted, non-overlapping spans: where two overlap the longer one wins
    (an organization named مجموعة العشرين keeps its number word); on equal
    length a name wins over a figure, then the earlier span."""
    ranked = sorted(
        spans,
        key=lambda s: (-(s.end - s.start), s.type is EntityType.FIGURE, s.start),
    )
    kept: list[Span] = []
    taken: list[tuple[int, int]] = []
    for span in ranked:
        if span.end <= span.start:
            continue
        i = bisect.bisect_left(taken, (span.start, span.start))
        # Neighbours in start order are the only possible overlaps.
        if i > 0 and taken[i - 1][1] > span.start:
            continue
        if i < len(taken) and taken[i][0] < span.end:
            continue
        taken.insert(i, (span.start, span.end))
        kept.append(span)
    kept.sort(key=lambda s: s.start)
    return kept


def plausible(text: str, span: Span) -> bool:
    """Whether ``span`` of ``text`` is within the sane bounds of a mention."""
    if span.end - span.start > MAX_MENTION_CHARS:
        return False
    words = text[span.start : span.end].split()
    if len(words) > MAX_MENTION_WORDS:
        return False
    return span.type is EntityType.FIGURE or all(len(w) <= MAX_NAME_WORD_CHARS for w in words)


def iter_analysis(
    source: Source,
    recognizer: Recognizer | None = None,
    *,
    chunk_tokens: int | None = None,
    partial: bool = True,
) -> Iterator[AnalysisProgress]:
    """Analyze ``source`` chunk by chunk.

    Yields an ``AnalysisProgress`` after each chunk (with a grouped partial
    Analysis when ``partial``) and a last one with ``final=True``. Stop
    iterating to cancel: no work is done past the chunk being processed.
    A partial result starts with the previous one's mentions, unchanged,
    and only adds mentions after them (``partial.PartialAnalysis``).
    """
    names = recognizer if recognizer is not None else default_recognizer()
    figures = _figure_recognizer()
    folded = fold_invisible(source.text)
    text = folded.text
    tokens = TokenTable.of(text)
    sentences = split_sentences(text, tokens)
    size = chunk_tokens or int(getattr(names, "chunk_tokens", DEFAULT_CHUNK_TOKENS))
    chunks = chunk_sentences(sentences, size)
    spans: list[Span] = []
    total = max(len(tokens), 1)
    so_far = PartialAnalysis(source, names.name)  # partial results: each chunk grouped alone, appended

    for first, last in chunks:
        t0, t1 = sentences[first].first, sentences[last - 1].last
        chunk_sentences_rebased = [Sentence(s.first - t0, s.last - t0) for s in sentences[first:last]]
        chunk = TokenizedText(text, tokens[t0:t1], chunk_sentences_rebased)
        found = [*names.recognize(chunk), *figures.recognize(chunk)]
        kept = [s for s in found if plausible(text, s)]
        spans.extend(kept)
        if partial and t1 < len(tokens):
            yield AnalysisProgress(t1 / total, so_far.add(_assemble(source, folded, kept, names.name)), final=False)

    doc = TokenizedText(text, tokens, sentences)
    spans = _consistent(doc, spans)
    yield AnalysisProgress(1.0, _assemble(source, folded, spans, names.name), final=True)


def analyze(source: Source, recognizer: Recognizer | None = None) -> Analysis:
    """The finished Analysis of ``source`` (people, places, organizations, figures)."""
    result = None
    for step in iter_analysis(source, recognizer, partial=False):
        result = step.analysis
    assert result is not None
    return result


def _consistent(doc: TokenizedText, spans: list[Span]) -> list[Span]:
    """Apply document-wide evidence: a name tagged once is tagged everywhere."""
    from reader.analysis.consistency import propagate

    names = [s for s in spans if s.type is not EntityType.FIGURE]
    figures = [s for s in spans if s.type is EntityType.FIGURE]
    return propagate(doc, names) + figures


def _assemble(source: Source, folded: FoldedText, spans: Sequence[Span], recognizer_name: str) -> Analysis:
    resolved = resolve_overlaps([s for s in spans if plausible(folded.text, s)])
    mentions, entities = group_entities(folded.text, resolved)
    if folded.text != source.text:
        # Characters removed (offsets move) or a zero-width space made a space
        # (offsets stay, but a mention's text must be the shown one).
        mentions = tuple(_shown(source.text, folded, m) for m in mentions)
    return Analysis(source, mentions, entities, recognizer_name)


def _shown(text: str, folded: FoldedText, mention: Mention) -> Mention:
    """``mention`` (found in the folded text) placed on the shown text."""
    start, end = folded.to_shown(mention.start, mention.end)
    return replace(mention, start=start, end=end, text=text[start:end])
