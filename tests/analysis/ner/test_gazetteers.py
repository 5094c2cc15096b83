"""Gazetteer lookups with clitics, multi-word matching, storage, and the shipped lists."""

import pytest

from reader.analysis.ner.gazetteers import Gazetteer, _gentilics
from reader.analysis.ner.wordforms import normalize_word

GAZ = Gazetteer.from_entries(
    [
        ("LOC", "الموصل"),
        ("LOC", "رام الله"),
        ("ORG", "الأمم المتحدة"),
        ("ORG", "الأمم المتحدة للطفولة"),
        ("PTITLE", "الرئيس"),
    ]
)


def words(text: str) -> list[str]:
    return [normalize_word(w) for w in text.split()]


@pytest.mark.parametrize(
    ("word", "categories"),
    [
        ("الموصل", {"LOC"}),
        ("بالموصل", {"LOC"}),
        ("والموصل", {"LOC"}),
        ("للموصل", {"LOC"}),
        ("والرئيس", {"PTITLE"}),
        ("موصل", set()),  # the bare stem is not an entry
        ("بغداد", set()),
    ],
)
def test_categories_see_through_clitics(word, categories):
    assert GAZ.categories(normalize_word(word)) == categories


def test_match_multi_longest_match_with_a_clitic_on_the_first_word():
    marks = GAZ.match_multi(words("زار وفد من بالأمم المتحدة للطفولة رام الله"))
    assert marks == [None, None, None, "B-ORG", "I-ORG", "I-ORG", "B-LOC", "I-LOC"]


def test_match_multi_needs_the_whole_entry():
    assert GAZ.match_multi(words("رام وحده")) == [None, None]


def test_json_round_trip_keeps_every_entry():
    again = Gazetteer.from_json(GAZ.to_json())
    assert again.single == GAZ.single
    assert again.multi == GAZ.multi


@pytest.mark.parametrize(
    ("country", "adjective"),
    [("العراق", "العراقي"), ("إسبانيا", "الإسباني"), ("فرنسا", "الفرنسية"), ("مصر", "المصريين")],
)
def test_gentilics(country, adjective):
    assert adjective in _gentilics([country])


def test_shipped_lexicon_has_places_countries_and_recent_names():
    from reader.analysis.ner import OfflineRecognizer

    gazetteer = OfflineRecognizer.load().tagger.extractor.gazetteer
    for word, category in [
        ("الموصل", "LOC"),  # GeoNames
        ("العراق", "CTRY"),  # CLDR
        ("تلعفر", "LOC"),  # our short list of recent places
        ("داعش", "ORG"),
        ("الرئيس", "PTITLE"),
    ]:
        assert category in gazetteer.categories(normalize_word(word)), word
