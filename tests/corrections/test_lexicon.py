"""Lexicon matching: folded like grouping, whole words, the longest entry first."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.corrections import CorrectionError, Lexicon, LexiconEntry
from reader.corrections.lexicon import entry_key
from reader.entity_types import EntityType

P, L, O, F = EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION, EntityType.FIGURE


def found(entries, text):
    return [(text[m.start : m.end], m.type) for m in Lexicon(entries).find(text)]


@pytest.mark.parametrize(
    ("entry", "text", "match"),
    [
        ("الموصل", "قاتلوا بالموصل أمس", "بالموصل"),  # a clitic in the text: the whole word
        ("الموصل", "ووصلوا والموصل هادئة", "والموصل"),
        ("الموصل", "في المَوْصِلِ اليوم", "المَوْصِلِ"),  # diacritics, kept in the highlight
        ("موصل", "مدينة الموصل", "الموصل"),  # the article folds both ways
        ("بالموصل", "مدينة الموصل", "الموصل"),  # and so do an entry's clitics
        ("الأمم المتحدة", "قال متحدث للأمم المتحدة", "للأمم المتحدة"),  # لل = ل + ال
        ("الأمم المتحدة", "قال متحدث الامم المتحده", "الامم المتحده"),  # hamza, ta marbuta
        ("بغداد", "وصل إلى وبغداد", "وبغداد"),  # و before a name the lexicon knows
        ("بغداد", "وصل لبغداد", "لبغداد"),
        ("مدرسة", "أمام المدرسه", "المدرسه"),
        ("رويتر", "وكالة رويتر،", "رويتر"),  # punctuation is not part of the word
    ],
)
def test_an_entry_matches_its_forms(entry, text, match):
    assert found([LexiconEntry(entry, O)], text) == [(match, O)]


@pytest.mark.parametrize(
    ("entry", "text"),
    [
        ("وليد", "قال ليد"),
        ("الموصل", "الموصلي"),  # another word
        ("الأمم المتحدة", "الأمم\nالمتحدة"),  # a name never runs over a line break
        ("الأمم المتحدة", "الأمم، المتحدة"),
        ("بغداد", "بغدادي"),
    ],
)
def test_an_entry_does_not_match_other_words(entry, text):
    assert found([LexiconEntry(entry, O)], text) == []


def test_the_longest_entry_wins():
    entries = [LexiconEntry("الأمم", P), LexiconEntry("الأمم المتحدة", O), LexiconEntry("المتحدة", L)]
    assert found(entries, "الأمم المتحدة والأمم") == [("الأمم المتحدة", O), ("والأمم", P)]


def test_never_entries_match_too():
    assert found([LexiconEntry("ثاني", None)], "في اليوم الثاني") == [("الثاني", None)]


def test_entries_with_one_key_are_one_entry():
    lexicon = Lexicon([LexiconEntry("الموصل", L), LexiconEntry("موصل", O)])
    assert lexicon.entries == (LexiconEntry("موصل", O),)
    assert entry_key("بالموصل") == entry_key("المَوْصِل") == "موصل"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\u202eبغداد", "بغ\u200fداد", "ب" * 10_000, "بغداد\nالموصل", "...", "\u064e\u064f", "a\x00b"],
    ids=["empty", "spaces", "rlo", "rlm", "10k", "newline", "punctuation", "diacritics", "nul"],
)
def test_odd_entry_texts_are_one_line_errors(text):
    with pytest.raises(CorrectionError) as raised:
        entry_key(text)
    assert "\n" not in str(raised.value) and len(str(raised.value)) < 200


@given(st.text(max_size=40))
def test_any_text_matches_or_fails_cleanly(text):
    lexicon = Lexicon([LexiconEntry("الموصل", L), LexiconEntry("الأمم المتحدة", O), LexiconEntry("3500", F)])
    previous = 0
    for match in lexicon.find(text):
        assert previous <= match.start < match.end <= len(text)
        previous = match.end
