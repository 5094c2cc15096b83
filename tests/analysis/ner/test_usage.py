"""Corpus-usage features (wordfreq): folding, bands, the cache, and what they say about names."""

import builtins
import math

import pytest

from reader.analysis.arabic import fold_letters
from reader.analysis.ner import usage, wordtable
from reader.analysis.ner.usage import ABSENT, WordUsage, band

# A tiny corpus: a common noun with its article and suffixed forms, a name without them.
TABLE = WordUsage.from_frequencies(
    {
        "كتاب": 1e-4,
        "الكتاب": 1e-4,
        "كتابه": 3e-5,
        "كتابها": 1e-5,
        "كارتر": 1e-5,
        "أحمد": 3e-4,
        "احمد": 1e-4,
    }
)


def test_spellings_that_fold_together_add_up():
    assert TABLE.log_frequency("احمد") == pytest.approx(math.log10(4e-4))
    assert TABLE.log_frequency("أحمد") == ABSENT  # lookups are by folded form


def test_a_common_noun_takes_the_article_and_suffixes_a_name_does_not():
    noun = TABLE.features("كتاب", "كتاب")
    name = TABLE.features("كارتر", "كارتر")
    assert noun == ["fq=4", "art=3", "sfx=3"]
    assert name == ["fq=3", "art=0", "sfx=0"]


def test_a_word_the_corpus_never_saw():
    assert TABLE.features("غوتيريش", "غوتيريش") == ["fq=0", "art=none"]


@pytest.mark.parametrize(("value", "expected"), [(-10, "0"), (-3.0, "1"), (-2.99, "1"), (0.5, "2"), (9, "3")])
def test_band_edges_are_lower_inclusive(value, expected):
    assert band(value, (-3.0, 0.5, 1.0)) == expected


def test_folding_matches_the_features_normalization_on_wordfreq_words():
    wordfreq = pytest.importorskip("wordfreq")
    words = list(wordfreq.get_frequency_dict("ar", "large"))[:50_000]
    assert all(w.translate(usage._FOLD) == fold_letters(w) for w in words)


def test_the_cache_is_written_once_and_read_back(tmp_path):
    pytest.importorskip("wordfreq")
    first = WordUsage.from_wordfreq(tmp_path)
    (cache,) = tmp_path.glob("word-usage-ar-wordfreq-*")
    second = WordUsage.from_wordfreq(tmp_path)
    assert len(first) == len(second) > 400_000
    assert second.features("كارتر", "كارتر") == first.features("كارتر", "كارتر")
    assert cache.stat().st_size > 1_000_000


def test_a_corrupt_cache_is_rebuilt(tmp_path):
    pytest.importorskip("wordfreq")
    WordUsage.from_wordfreq(tmp_path)
    (cache,) = tmp_path.glob("word-usage-*")
    cache.write_bytes(b"\x00garbage")
    assert len(WordUsage.from_wordfreq(tmp_path)) > 400_000
    assert cache.stat().st_size > 1_000_000  # written again


def test_a_cached_table_is_read_without_importing_wordfreq(tmp_path):
    """Importing wordfreq (and ftfy, langcodes) costs 0.15 s at every start: only a missing cache needs it."""
    import subprocess
    import sys

    pytest.importorskip("wordfreq")
    WordUsage.from_wordfreq(tmp_path)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reader.analysis.ner.usage import WordUsage\n"
        "assert len(WordUsage.from_wordfreq(Path(sys.argv[1]))) > 400_000\n"
        "print('wordfreq' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_an_unwritable_cache_folder_only_costs_time(tmp_path):
    pytest.importorskip("wordfreq")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    assert len(WordUsage.from_wordfreq(blocker / "cache")) > 400_000


def test_without_wordfreq_the_model_says_what_to_install(monkeypatch):
    real_import = builtins.__import__

    def no_wordfreq(name, *args, **kwargs):
        if name == "wordfreq":
            raise ImportError("no wordfreq")
        return real_import(name, *args, **kwargs)

    real_stamp = usage.installed_stamp

    def not_installed(module, *files):
        return None if module == "wordfreq" else real_stamp(module, *files)

    monkeypatch.setattr(builtins, "__import__", no_wordfreq)
    monkeypatch.setattr(usage, "installed_stamp", not_installed)
    assert WordUsage.from_wordfreq() is None
    usage.shared_word_usage.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="pip install wordfreq"):
            usage.shared_word_usage()
    finally:
        usage.shared_word_usage.cache_clear()


def test_the_cached_table_answers_as_the_dict_does_then_becomes_one(tmp_path, monkeypatch):
    """The cache holds a packed table (read in 30 ms instead of 0.35 s), looked up bucket by bucket,
    then, after enough look-ups, as one dict: the same answers either way."""
    pytest.importorskip("wordfreq")
    built = WordUsage.from_wordfreq(tmp_path)  # made from wordfreq: a dict
    monkeypatch.setattr(wordtable, "FULL_AFTER", 500)
    cached = WordUsage.from_wordfreq(tmp_path)  # read from the cache: a PackedTable
    assert isinstance(cached._log, usage.PackedTable) and len(cached) == len(built)
    words = ["كارتر", "الكتاب", "كتاب", "بغداد", "الموصل", "ليس-كلمة", "", "ي", "ﻻ"]
    words += list(built._log)[::1500]
    for word in words * 3:  # past the switch to a dict, too
        assert cached.log_frequency(word) == built.log_frequency(word), word
        assert cached.features(word, word) == built.features(word, word)
    assert cached._log._rows._full is not None
