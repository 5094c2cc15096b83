"""The analyze() pipeline: chunks, overlaps, progress and cancellation."""

from __future__ import annotations

import re

from reader.analysis.pipeline import analyze, chunk_sentences, iter_analysis, resolve_overlaps
from reader.analysis.recognizer import TokenizedText
from reader.analysis.tokens import Sentence
from reader.document import Source, Span
from reader.entity_types import EntityType

P, L, O, F = EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION, EntityType.FIGURE


class WordListRecognizer:
    """Tags listed words, and counts the chunks it was given."""

    name = "word list"

    def __init__(self, words: dict[str, EntityType]):
        self.words = words
        self.calls = 0

    def recognize(self, doc: TokenizedText) -> list[Span]:
        self.calls += 1
        return [Span(t.start, t.end, self.words[t.text]) for t in doc.tokens if t.text in self.words]


def test_chunks_follow_sentences():
    sentences = [Sentence(0, 4), Sentence(4, 10), Sentence(10, 30), Sentence(30, 31)]
    assert chunk_sentences(sentences, 10) == [(0, 2), (2, 3), (3, 4)]
    assert chunk_sentences(sentences, 100) == [(0, 4)]
    assert chunk_sentences([], 10) == []


def test_overlaps_longer_wins_and_names_beat_figures():
    spans = [Span(0, 5, F, 5), Span(0, 12, O), Span(20, 25, F, 1), Span(20, 25, L), Span(24, 30, P)]
    assert resolve_overlaps(spans) == [Span(0, 12, O), Span(24, 30, P)]
    adjacent = [Span(0, 3, P), Span(3, 6, L)]
    assert resolve_overlaps(adjacent) == adjacent


def test_emoji_before_a_mention_does_not_shift_it():
    text = "😀👍🏽 وصل الوفد إلى 北京 ثم بغداد"
    recognizer = WordListRecognizer({"بغداد": L})
    analysis = analyze(Source(text), recognizer)
    (mention,) = [m for m in analysis.mentions if m.type is L]
    assert text[mention.start : mention.end] == "بغداد"


def test_progress_is_chunked_and_final_matches_analyze():
    sentence = "زار سامي بغداد مع ثلاثة آلاف زائر. "
    text = sentence * 300
    recognizer = WordListRecognizer({"سامي": P, "بغداد": L})
    steps = list(iter_analysis(Source(text), recognizer, chunk_tokens=100))
    assert len(steps) > 5 and steps[-1].final and not any(s.final for s in steps[:-1])
    fractions = [s.fraction for s in steps]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    counts = [len(s.analysis.mentions) for s in steps]
    assert counts == sorted(counts)
    final = analyze(Source(text), recognizer)
    assert steps[-1].analysis.mentions == final.mentions
    assert final.counts() == {P: 300, L: 300, O: 0, F: 300}


def test_stopping_the_iteration_cancels_the_work():
    text = "زار سامي بغداد. " * 500
    recognizer = WordListRecognizer({"سامي": P})
    steps = iter_analysis(Source(text), recognizer, chunk_tokens=40)
    next(steps)
    next(steps)
    steps.close()
    assert recognizer.calls == 2


def test_empty_and_whitespace_sources():
    for text in ("", "   \n\n  "):
        analysis = analyze(Source(text), WordListRecognizer({}))
        assert analysis.mentions == () and analysis.entities == ()


def test_mentions_are_sorted_and_exact():
    text = "قال حيدر العبادي في بغداد إن 3500 جندي و٨٥٪ من السكان."
    recognizer = WordListRecognizer({"بغداد": L})
    analysis = analyze(Source(text), recognizer)
    starts = [m.start for m in analysis.mentions]
    assert starts == sorted(starts)
    for m in analysis.mentions:
        assert text[m.start : m.end] == m.text
    assert [m.text for m in analysis.mentions if m.type is F] == ["3500", re.search("٨٥٪", text).group()]


def test_entity_ids_survive_a_paragraph_inserted_above():
    """Identities are names, not positions: new names at the top change no old entity's id."""
    from pathlib import Path

    article = (Path(__file__).resolve().parents[2] / "resources" / "samples" / "mosul-offensive.txt").read_text(
        encoding="utf-8"
    )
    paragraph = "استقبل الرئيس الفرنسي إيمانويل ماكرون في باريس وفدا من شركة إيرباص يضم 40 مهندسا.\n\n"
    before = analyze(Source(article))
    after = analyze(Source(paragraph + article))
    shift = len(paragraph)
    moved = {(m.start - shift, m.end - shift, m.type): m.entity for m in after.mentions if m.start >= shift}
    kept = [(m.entity, moved[(m.start, m.end, m.type)]) for m in before.mentions if (m.start, m.end, m.type) in moved]
    assert len(kept) >= 0.9 * len(before.mentions)
    assert all(old == new for old, new in kept), [pair for pair in kept if pair[0] != pair[1]]
    new_names = {m.entity for m in after.mentions if m.start < shift}
    assert new_names and not new_names & {m.entity for m in before.mentions}
