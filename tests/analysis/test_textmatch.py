"""Tests for reader/analysis/textmatch.py: Arabic-insensitive search with original offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.analysis.textmatch import FoldedText, find_all, fold, matches

FIND_CASES = [
    # (text, query, expected matched substrings)
    ("قاتلوا بالموصل", "الموصل", ["الموصل"]),  # a proclitic in the text does not hide the word
    ("في المَوْصِلِ اليوم", "الموصل", ["المَوْصِلِ"]),  # diacritics ignored, kept in the match
    ("الموصـــل", "الموصل", ["الموصـــل"]),  # tatweel ignored
    ("إلى أربيل", "الى اربيل", ["إلى أربيل"]),  # hamza on alef, alef maqsura
    ("مستشفى المدينة", "مستشفي المدينه", ["مستشفى المدينة"]),  # alef maqsura / ya, ta marbuta / ha
    ("آلاف", "الاف", ["آلاف"]),  # alef madda
    ("Mosul and MOSUL", "mosul", ["Mosul", "MOSUL"]),  # Latin case
    ("بغداد", "الموصل", []),
    ("بغداد", "", []),
    ("بغداد", "َ", []),  # a query of diacritics only
]


@pytest.mark.parametrize(("text", "query", "expected"), FIND_CASES)
def test_find_all(text: str, query: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in find_all(text, query)] == expected


MATCH_CASES = [
    # (entity name and variants, filter typed, kept?)
    (("الموصل", "بالموصل"), "الموصل", True),
    (("الموصل",), "بالموصل", True),  # the typed proclitic is stripped
    (("الموصل",), "وبالموصل", True),
    (("الموصل",), "موصل", True),
    (("الموصل",), "المَوْصِل", True),
    (("الأمم المتحدة",), "الامم المتحده", True),
    (("بغداد",), "الموصل", False),
    (("بغداد",), "", True),  # an empty filter hides nothing
]


@pytest.mark.parametrize(("names", "query", "kept"), MATCH_CASES)
def test_matches(names: tuple[str, ...], query: str, kept: bool) -> None:
    assert matches(names, query) is kept


WORDS = st.sampled_from(["الموصل", "بغداد", "قال", "ثلاثة", "مدرسة", "إلى", "٣٥٠٠"])
MARKS = st.sampled_from(["", "َ", "ُ", "ِ", "ّ", "ْ", "ـ", "ًّ"])


@given(st.lists(st.tuples(WORDS, st.lists(MARKS, max_size=3)), min_size=1, max_size=12), WORDS)
def test_diacritics_never_change_what_is_found(words, query) -> None:
    plain = " ".join(w for w, _m in words)
    # Decorate every letter of every word with marks: the same words must be found.
    decorated = " ".join("".join(ch + "".join(marks) for ch in w) for w, marks in words)
    found_plain = [plain[s:e] for s, e in find_all(plain, query)]
    found_decorated = [decorated[s:e] for s, e in find_all(decorated, query)]
    assert [fold(x) for x in found_decorated] == [fold(x) for x in found_plain]
    for s, e in FoldedText(decorated).find_all(query):
        assert fold(decorated[s:e]) == fold(query)


def test_the_dropped_characters_class_is_exactly_the_dropped_set() -> None:
    from reader.analysis.textmatch import _DROPPED, _DROPPED_RUN

    codes = {ord(c) for c in _DROPPED}
    neighbours = {c + d for c in codes for d in (-1, 1)} - codes
    for code in codes:
        assert _DROPPED_RUN.fullmatch(chr(code)), hex(code)
    for code in neighbours | set(range(0x0600, 0x0700)) - codes:
        assert not _DROPPED_RUN.fullmatch(chr(code)), hex(code)


def test_a_text_without_dropped_characters_maps_offsets_one_to_one() -> None:
    folded = FoldedText("قال وزير الخارجية في بغداد")
    assert folded.find_all("بغداد") == [(21, 26)]
    assert FoldedText("قال الوزيـــر في بغداد").find_all("بغداد") == [(17, 22)]
