"""Full-text search with Arabic folding (reader/library/search.py and Library.search)."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis.textmatch import fold
from reader.library import Library
from reader.library.search import contains, fts_query, locate, search_key

from .helpers import record, write

LETTERS = "بتثجحخدذرسشصضطظعغفقكلمنهوي"
DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"
TATWEEL = "\u0640"
# Spellings the folding makes equal: hamza forms of alef, alef maqsura and ya, ta marbuta and ha.
VARIANTS = {"ا": "اأإآ", "ي": "يى", "ه": "هة"}


@st.composite
def spelled(draw):
    """A word, and the same word as an article might print it (diacritics, tatweel, letter variants)."""
    plain = draw(st.text(alphabet=LETTERS + "اه", min_size=3, max_size=8))
    noisy = []
    for char in plain:
        noisy.append(draw(st.sampled_from(VARIANTS.get(char, char))))
        noisy.append(draw(st.text(alphabet=DIACRITICS + TATWEEL, max_size=2)))
    prefix = draw(st.sampled_from(["", "ال", "وال", "بال", "و"]))
    return plain, prefix + "".join(noisy)


@given(spelled(), st.text(alphabet="abc \n", max_size=20), st.text(alphabet="abc \n", max_size=20))
def test_a_word_is_found_however_it_is_spelled(word, before, after):
    plain, noisy = word
    text = f"{before} {noisy} {after}"
    start = len(before) + 1
    assert contains(text, search_key(plain))
    assert (start, start + len(noisy)) in locate(text, search_key(plain))


@given(st.text(max_size=60), st.text(min_size=1, max_size=8))
def test_hits_are_whole_words_of_the_text_that_fold_to_contain_the_query(text, query):
    key = search_key(query)
    for start, end in locate(text, key):
        assert 0 <= start < end <= len(text)
        assert key.replace(" ", "") in fold(text[start:end]).replace(" ", "") or " " in key


@settings(max_examples=25, deadline=None)
@given(spelled())
def test_the_library_finds_an_article_by_any_spelling_of_a_word(word):
    plain, noisy = word
    text = f"خبر عاجل\nقالت المصادر إن {noisy} وصل اليوم."
    with tempfile.TemporaryDirectory() as folder:
        library = Path(folder) / "l.sqlite3"
        write(library, record("/a.txt", text), record("/b.txt", "نص آخر لا علاقة له بشيء."))
        with Library.open(library) as opened:
            [hits] = opened.search(plain)
            start = text.index(noisy)
            assert hits.article.path == "/a.txt"
            assert (start, start + len(noisy), noisy) in {(h.start, h.end, h.text) for h in hits.hits}


@pytest.fixture
def library(tmp_path):
    path = tmp_path / "l.sqlite3"
    write(
        path,
        record("/un.txt", "دعت الأمم المتحدة إلى الهدوء.\nوقال متحدث باسم للأُمَم المتّحدة إن الوضع صعب."),
        record("/saudi.txt", "زار وفد من السعودية الرياض.\nوقال مسؤول سعودي إن السعوديين يرحبون."),
        record("/none.txt", "لا شيء هنا عن ذلك."),
    )
    with Library.open(path) as opened:
        yield opened


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("الامم المتحده", {"/un.txt": ["الأمم المتحدة", "للأُمَم المتّحدة"]}),
        ("للأمم", {"/un.txt": ["الأمم", "للأُمَم"]}),
        ("سعودي", {"/saudi.txt": ["السعودية", "سعودي", "السعوديين"]}),
        ("ذلك", {"/none.txt": ["ذلك"]}),
        ("بغداد", {}),
        ("لا", {}),  # under three letters: the trigram index cannot look it up
        ("", {}),
    ],
)
def test_search_examples(library, query, expected):
    assert {h.article.path: [x.text for x in h.hits] for h in library.search(query)} == expected


def test_a_rewritten_article_is_found_only_by_its_new_text(tmp_path):
    path = tmp_path / "l.sqlite3"
    write(path, record("/a.txt", "وصل الوفد إلى بغداد."))
    write(path, record("/a.txt", "وصل الوفد إلى دمشق."))
    with Library.open(path) as opened:
        assert opened.search("بغداد") == []
        assert [h.article.path for h in opened.search("دمشق")] == ["/a.txt"]
        assert opened.count_articles() == 1
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO article_search (article_search) VALUES ('integrity-check')")
    connection.close()


def test_queries_are_trigrams_that_all_must_be_there():
    assert fts_query("ab") is None
    assert fts_query("بغداد") == '"بغد" AND "داد" AND "غدا"'
    assert fts_query('a"bc') == '"""bc" AND "a""b"'
