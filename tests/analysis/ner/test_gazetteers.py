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


# --- the hand-written world-knowledge lists (resources/gazetteers) -----------


def test_every_list_file_feeds_a_category():
    from reader.analysis.ner.gazetteers import LIST_CATEGORIES, name_list_files
    from reader.resources import resource_path

    files = name_list_files()
    assert set(files.values()) == set(LIST_CATEGORIES.values())
    assert set(files) == set(resource_path("gazetteers").glob("*.txt"))


def test_list_entries_are_clean_arabic_names_without_duplicates():
    from reader.analysis.ner.gazetteers import name_list_files, read_name_list

    for path in name_list_files():
        names = read_name_list(path)
        assert len(names) > 300, path.name
        for name in names:
            assert all("\u0621" <= c <= "\u064a" or c == " " for c in name), (path.name, name)
        folded = [" ".join(normalize_word(w) for w in n.split()) for n in names]
        duplicates = {n for n in folded if folded.count(n) > 1}
        assert not duplicates, (path.name, sorted(duplicates)[:5])


def test_read_name_list_skips_comments_and_blank_lines(tmp_path):
    from reader.analysis.ner.gazetteers import read_name_list

    path = tmp_path / "people-test.txt"
    path.write_text("# header\n\nبان كي مون\n  توني   بلير  # a comment\n", encoding="utf-8")
    assert read_name_list(path) == ["بان كي مون", "توني بلير"]


def test_a_full_name_gives_its_first_name_and_surname():
    from reader.analysis.ner.gazetteers import FIRST_NAME, PERSON, SURNAME, build_gazetteer

    gazetteer = build_gazetteer(common_words={normalize_word("عبد")})
    assert gazetteer.match_multi(words("قال بان كي مون")) == [None, "B-PERS", "I-PERS", "I-PERS"]
    assert PERSON in {c for _, c in gazetteer.multi[normalize_word("بان")]}
    assert SURNAME in gazetteer.categories(normalize_word("وأولمرت"))
    assert FIRST_NAME in gazetteer.categories(normalize_word("إيهود"))
    # An everyday word of the training data is never a surname on its own.
    assert not gazetteer.categories(normalize_word("عبد")) & {FIRST_NAME, SURNAME}


def test_name_lists_can_be_left_out_for_the_ablation():
    from reader.analysis.ner.gazetteers import build_gazetteer

    assert normalize_word("الليكود") in build_gazetteer().single
    assert normalize_word("الليكود") not in build_gazetteer(name_lists=False).single
