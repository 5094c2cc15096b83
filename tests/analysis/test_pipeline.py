"""The analyze() pipeline: chunks, overlaps, progress and cancellation."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.analysis.pipeline import (
    MAX_MENTION_CHARS,
    MAX_MENTION_WORDS,
    MAX_NAME_WORD_CHARS,
    analyze,
    chunk_sentences,
    iter_analysis,
    plausible,
    resolve_overlaps,
)
from reader.analysis.recognizer import TokenizedText
from reader.analysis.tokens import Sentence
from reader.document import Source, Span
from reader.entity_types import EntityType
from reader.invisible import fold_invisible, is_invisible
from reader.resources import resource_path

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


def test_partial_results_only_add_mentions_and_keep_the_contract():
    """Each partial result starts with the previous one's mentions, unchanged (the window sends and
    paints only the new ones), keeps every promise of an Analysis, and merges entities across chunks."""
    from reader.document import check_analysis

    sentence = "زار سامي بغداد مع ثلاثة آلاف زائر، ثم عاد سامي إلى البصرة. "
    text = sentence * 200
    recognizer = WordListRecognizer({"سامي": P, "بغداد": L, "البصرة": L})
    steps = list(iter_analysis(Source(text), recognizer, chunk_tokens=60))
    partials = [s.analysis for s in steps if not s.final]
    assert len(partials) > 10
    for before, after in itertools.pairwise(partials):
        assert after.mentions[: len(before.mentions)] == before.mentions
        assert len(after.mentions) > len(before.mentions)
    for analysis in (*partials, steps[-1].analysis):
        check_analysis(analysis)
    last = partials[-1]
    sami = [e for e in last.entities if e.type is P]
    assert len(sami) == 1 and sami[0].count == sum(m.type is P for m in last.mentions)  # one entity, all chunks


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


# Invisible characters: the analysis sees through them (reader/invisible.py).
RLM, ZWJ, ZWNJ, SHY, ZWSP = "\u200f", "\u200d", "\u200c", "\u00ad", "\u200b"
LRI, RLI, FSI, PDI, RLO, LRO, PDF = "\u2066", "\u2067", "\u2068", "\u2069", "\u202e", "\u202d", "\u202c"


def test_names_wrapped_in_bidi_controls_are_found_without_them():
    recognizer = WordListRecognizer({"بغداد": L, "الموصل": L})
    for before, after in ((LRI, PDI), (RLI, PDI), (FSI, PDI), (RLO, PDF), (LRO, PDF), (RLM, RLM)):
        text = f"وصل الوفد إلى {before}بغداد{after} ثم {before}الموصل{after}."
        analysis = analyze(Source(text), recognizer)
        assert [(m.text, m.type) for m in analysis.mentions] == [("بغداد", L), ("الموصل", L)], repr(before)
        for m in analysis.mentions:
            assert text[m.start : m.end] == m.text


@pytest.mark.parametrize("mark", [RLM, ZWJ, ZWNJ, SHY])
def test_marks_inside_or_beside_a_word_do_not_lose_the_name(mark):
    recognizer = WordListRecognizer({"بغداد": L, "الموصل": L})
    text = f"من بغ{mark}داد{mark} إلى {mark}المو{mark}صل"
    analysis = analyze(Source(text), recognizer)
    assert [m.text for m in analysis.mentions] == [f"بغ{mark}داد", f"المو{mark}صل"]
    assert [e.name for e in analysis.entities] == ["بغداد", "الموصل"]


def test_zero_width_space_separates_two_names():
    recognizer = WordListRecognizer({"بغداد": L, "الموصل": L})
    analysis = analyze(Source(f"من بغداد{ZWSP}الموصل"), recognizer)
    assert [m.text for m in analysis.mentions] == ["بغداد", "الموصل"]


def test_a_giant_token_is_not_a_name():
    class TagsEverything:
        name = "tags every word"

        def recognize(self, doc):
            return [Span(t.start, t.end, O) for t in doc.tokens]

    giant = "ب" * 1_000_000
    analysis = analyze(Source(f"قال {giant} في بغداد"), TagsEverything())
    assert [m.text for m in analysis.mentions] == ["قال", "في", "بغداد"]
    assert all(m.end - m.start <= MAX_MENTION_CHARS for m in analysis.mentions)


def test_mention_bounds():
    text = " ".join(["كلمة"] * 20)
    words = [m.span() for m in re.finditer(r"\S+", text)]
    twelve = Span(0, words[MAX_MENTION_WORDS - 1][1], O)
    thirteen = Span(0, words[MAX_MENTION_WORDS][1], O)
    assert plausible(text, twelve) and not plausible(text, thirteen)
    long_word = "ب" * (MAX_NAME_WORD_CHARS + 1)
    assert not plausible(long_word, Span(0, len(long_word), P))
    assert plausible(long_word, Span(0, len(long_word), F))  # a long number is still a number
    digits = "1" * (MAX_MENTION_CHARS + 1)
    assert not plausible(digits, Span(0, len(digits), F))


@pytest.fixture(scope="module")
def sample_article() -> str:
    return resource_path("samples", "mosul-offensive.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sample_types(sample_article):
    return [(m.text, m.type) for m in analyze(Source(sample_article)).mentions]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_invisible_characters_at_word_boundaries_change_no_mention(sample_article, sample_types, data):
    """The real model: marks and controls inserted at random word boundaries of
    the bundled article give the same mentions, each spanning its visible text."""
    boundaries = sorted({m.start() for m in re.finditer(r"\b", sample_article)})
    picks = data.draw(st.lists(st.sampled_from(boundaries), min_size=1, max_size=40, unique=True))
    inserted = data.draw(
        st.lists(
            st.sampled_from([RLM, ZWJ, ZWNJ, SHY, LRI, RLI, FSI, PDI, RLO, LRO, PDF, "\u061c", "\ufeff"]),
            min_size=len(picks),
            max_size=len(picks),
        )
    )
    text = sample_article
    for at, char in sorted(zip(picks, inserted, strict=True), reverse=True):
        text = text[:at] + char + text[at:]
    analysis = analyze(Source(text))
    assert [(fold_invisible(m.text).text, m.type) for m in analysis.mentions] == sample_types
    for m in analysis.mentions:
        assert text[m.start : m.end] == m.text
        assert not is_invisible(m.text[0]) and not is_invisible(m.text[-1])
