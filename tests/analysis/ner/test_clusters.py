"""Word clusters: the shipped table's storage format, lookups, and the training recipe on a toy corpus."""

import lzma
import os

import pytest

from reader.analysis.ner.clusters import PackedIds, WordClusters, tokenized_corpus, unlabeled_sentences

TABLE = WordClusters((2, 4), {"كارتر": (0, 1), "بوش": (0, 1), "الكتاب": (1, 3), "،": (1, 2)})


def test_save_and_load_round_trip(tmp_path):
    path = tmp_path / "c.clusters.txt"
    TABLE.save(path)
    assert WordClusters.load(path) == TABLE
    assert path.read_text(encoding="utf-8").startswith("#clusters 2 4\n")


def test_the_packed_table_in_the_cache_answers_as_the_text_does(tmp_path):
    """The analysis process reads the table packed, from the cache: the same answers, every word."""
    path, cache = tmp_path / "c.clusters.txt", tmp_path / "cache"
    TABLE.save(path)
    first = WordClusters.load(path, cache_dir=cache)
    (packed,) = cache.glob("clusters-*.bin")
    again = WordClusters.load(path, cache_dir=cache)
    assert isinstance(again.table, PackedIds) and again == TABLE == first
    for word in [*TABLE.table, "وكارتر", "مجهول", ""]:
        assert again.features(word) == TABLE.features(word)
    assert packed.stat().st_mtime_ns == next(cache.glob("clusters-*.bin")).stat().st_mtime_ns  # read, not rebuilt


def test_a_damaged_or_stale_packed_table_is_made_again(tmp_path):
    path, cache = tmp_path / "c.clusters.txt", tmp_path / "cache"
    TABLE.save(path)
    WordClusters.load(path, cache_dir=cache)
    (packed,) = cache.glob("clusters-*.bin")
    packed.write_bytes(packed.read_bytes()[:-5])
    assert WordClusters.load(path, cache_dir=cache) == TABLE
    changed = WordClusters((2, 4), {"كارتر": (1, 2)})
    changed.save(path)
    os.utime(path, ns=(1, 1))  # a retrained table: another size or time
    assert WordClusters.load(path, cache_dir=cache) == changed
    assert len(list(cache.glob("clusters-*.bin"))) == 1  # the old form was removed


def test_features_coarse_to_fine_and_a_conjunction_seen_through():
    assert TABLE.features("كارتر") == ["k1=0", "k2=1"]
    assert TABLE.features("وكارتر") == ["k1=0", "k2=1"]  # و + a known word
    assert TABLE.features("مجهول") == ["k=none"]


@pytest.mark.parametrize("content", ["", "no header\n", "#clusters 2 4\n0\tكلمة\n"])
def test_a_broken_table_is_a_value_error(tmp_path, content):
    path = tmp_path / "bad.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError):
        WordClusters.load(path)


def test_unlabeled_text_is_tokenized_and_folded_once(tmp_path):
    source = tmp_path / "news.txt.xz"
    with lzma.open(source, "wt", encoding="utf-8") as f:
        f.write("قالَ الرئيسُ: إنّ مدرسة\n\nوصل كارتر.\n")
    assert list(unlabeled_sentences(source))[1] == ["وصل", "كارتر", "."]
    cached = tokenized_corpus(source, tmp_path / "cache")
    lines = cached.read_text(encoding="utf-8").splitlines()
    assert lines[1] == "وصل كارتر ."
    assert "مدرسه" in lines[0]  # folded as the features fold words
    assert tokenized_corpus(source, tmp_path / "cache") == cached  # cached


def test_cluster_tree_on_toy_vectors(tmp_path):
    pytest.importorskip("gensim")
    pytest.importorskip("sklearn")
    import numpy as np
    from gensim.models import KeyedVectors

    from reader.analysis.ner.clusters import cluster_vectors

    kv = KeyedVectors(vector_size=2)
    words = [f"w{i}" for i in range(12)]
    rng = np.random.default_rng(0)
    centers = np.array([[1, 0], [0, 1], [-1, 0], [0, -1]], dtype=np.float32)
    kv.add_vectors(words, centers[np.arange(12) % 4] + rng.normal(0, 0.01, (12, 2)).astype(np.float32))
    path = tmp_path / "v.kv"
    kv.save(str(path))
    clusters = cluster_vectors(path, sizes=(2, 4))
    assert clusters.sizes == (2, 4)
    fine = {w: ids[1] for w, ids in clusters.table.items()}
    assert len(set(fine.values())) == 4
    assert fine["w0"] == fine["w4"] == fine["w8"]
    # A tree: one fine cluster, one coarse parent.
    parents = {ids[1]: ids[0] for ids in clusters.table.values()}
    assert all(parents[ids[1]] == ids[0] for ids in clusters.table.values())


def test_contexts_count_the_cue_words_before_each_word(tmp_path):
    from reader.analysis.ner.clusters import WordContexts

    sentences = [["قال", "الرييس", "كارتر"]] * 3 + [["وصل", "كارتر"]] * 2 + [["في", "الكتاب"]] * 9
    contexts = WordContexts.count(sentences, {"الرييس": "T", "قال": "V"})
    # كارتر: 3 of 5 after a title; الرئيس always after a reporting verb (but seen 3 times: too rare)
    assert contexts.features("كارتر") == ["xT3"]
    assert contexts.features("وكارتر") == ["xT3"]
    assert contexts.features("الرييس") == []
    assert contexts.features("الكتاب") == []  # no cue before it
    path = tmp_path / "m.contexts.txt"
    contexts.save(path)
    assert WordContexts.load(path) == contexts
    (tmp_path / "bad.txt").write_text("كارتر\txT3\n", encoding="utf-8")
    with pytest.raises(ValueError):
        WordContexts.load(tmp_path / "bad.txt")
