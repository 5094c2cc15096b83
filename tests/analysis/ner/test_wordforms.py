"""Normalized and clitic-free word forms (table-driven)."""

import pytest

from reader.analysis.ner.wordforms import article_stem, normalize_word, proclitic_candidates


@pytest.mark.parametrize(
    ("word", "normalized"),
    [
        ("الْمَوْصِل", "الموصل"),  # diacritics
        ("أربيل", "اربيل"),  # hamza on alef
        ("إسطنبول", "اسطنبول"),
        ("آشتون", "اشتون"),
        ("مصطفى", "مصطفي"),  # alef maksura
        ("القاهرة", "القاهره"),  # teh marbuta
        ("بغـــداد", "بغداد"),  # tatweel
        ("Mosul", "Mosul"),
    ],
)
def test_normalize_word(word, normalized):
    assert normalize_word(word) == normalized


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("الموصل", "موصل"),
        ("بالموصل", "موصل"),
        ("والموصل", "موصل"),
        ("فالموصل", "موصل"),
        ("وبالموصل", "موصل"),
        ("كالموصل", "موصل"),
        ("للموصل", "موصل"),  # ل + ال with the alef dropped
        ("وللموصل", "موصل"),
        ("بغداد", None),  # no article
        ("وزير", None),
        ("لله", None),  # too short to be ل + ال + stem
        ("ال", None),
    ],
)
def test_article_stem(word, stem):
    assert article_stem(normalize_word(word)) == stem


@pytest.mark.parametrize(
    ("word", "candidates"),
    [
        ("بالموصل", ("بالموصل", "الموصل", "موصل")),
        ("وبغداد", ("وبغداد", "بغداد", "غداد")),
        ("كركوك", ("كركوك", "ركوك")),
        ("وعد", ("وعد",)),  # a two-letter remainder is not tried
    ],
)
def test_proclitic_candidates(word, candidates):
    assert proclitic_candidates(normalize_word(word)) == candidates
