"""Imported name lists: folding, the everyday-word filter, merging with provenance, reading by source."""

import pytest

from reader.analysis.ner.gazetteers import read_name_list
from reader.analysis.ner.namesources import CommonWords, fold_entry, import_entries, write_lists
from reader.analysis.ner.usage import WordUsage

# A tiny corpus: common nouns take the article and suffixes, names do not.
USAGE = WordUsage.from_frequencies(
    {
        "في": 1e-2,
        "كتاب": 1e-4,
        "الكتاب": 1e-4,
        "كتابه": 3e-5,
        "مدرسة": 1e-4,
        "المدرسة": 1e-4,
        "مدرستها": 1e-5,
        "كارتر": 1e-5,
        "القاهرة": 1e-4,
    }
)
COMMON = CommonWords(USAGE)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("جيمي كارتر", "جيمي كارتر"),
        ("إيلات", "ايلات"),
        ("تالمست (البلدية)", "تالمست"),  # a qualifier is dropped
        ("مقاطعة أدير، كنتاكي", "مقاطعه ادير"),
        ("سكسونيا-أنهالت", None),  # cannot match a token sequence
        ("دانشگاه تهران", None),  # Persian letters
        ("50 سنت", None),
        ("ب كارتر", None),  # a one-letter word is noise
    ],
)
def test_fold_entry(raw, folded):
    assert fold_entry(raw) == folded


@pytest.mark.parametrize(
    ("word", "common"),
    [("في", True), ("كتاب", True), ("الكتاب", True), ("مدرسه", True), ("كارتر", False), ("القاهره", False)],
)
def test_everyday_words_are_told_from_names(word, common):
    assert COMMON(word) is common


def test_import_filters_merges_and_keeps_every_source(tmp_path):
    sources = {
        "nerar": [("people", "جيمي كارتر"), ("places", "كتاب"), ("places", "القاهرة"), ("people", "بان كي مون")],
        "wikidata": [("people", "جيمي كارتر"), ("first", "جيمي"), ("first", "محمد علي")],
    }
    own = {"people": {"بان كي مون"}}
    imported = import_entries(sources, COMMON, own)
    assert imported["people"] == {"جيمي كارتر": ["nerar", "wikidata"]}  # بان كي مون is ours already
    assert imported["places"] == {"القاهره": ["nerar"]}  # كتاب is a word
    assert imported["first"] == {"جيمي": ["wikidata"]}  # a one-word list takes no two-word name
    write_lists(imported, tmp_path)
    path = tmp_path / "people-imported.txt"
    assert read_name_list(path) == ["جيمي كارتر"]
    assert read_name_list(path, sources=["wikidata"]) == ["جيمي كارتر"]
    assert read_name_list(path, sources=["arwikicats"]) == []


def test_reading_by_source_keeps_entries_without_provenance(tmp_path):
    path = tmp_path / "places-test.txt"
    path.write_text("# header\nبغداد\nالقاهرة  # nerar\nدمشق  # nerar,arwikicats\n", encoding="utf-8")
    assert read_name_list(path) == ["بغداد", "القاهرة", "دمشق"]
    assert read_name_list(path, sources=["arwikicats"]) == ["بغداد", "دمشق"]
    assert read_name_list(path, sources=[]) == ["بغداد"]


def test_import_command_writes_only_the_chosen_sources(tmp_path, capsys):
    pytest.importorskip("arabic_name_romanizer")
    from reader.analysis.ner import namesources

    assert namesources.main(["--sources", "wikidata", "--out", str(tmp_path)]) == 0
    written = sorted(p.name for p in tmp_path.glob("*-imported.txt"))
    assert written == ["first-names-imported.txt", "people-imported.txt", "surnames-imported.txt"]
    people = read_name_list(tmp_path / "people-imported.txt")
    assert len(people) > 10_000
    assert all(fold_entry(n) == n for n in people[:500])  # stored folded
    with pytest.raises(SystemExit):
        namesources.main(["--sources", "nowhere", "--out", str(tmp_path)])
