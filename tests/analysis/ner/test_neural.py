"""The neural tagger in numpy: same numbers as the torch network it was exported from."""

import numpy as np
import pytest
from toy_corpus import conll

from reader.analysis.ner.conll import parse_conll
from reader.analysis.ner.gazetteers import Gazetteer
from reader.analysis.ner.neural import (
    LABELS,
    NO_VECTOR,
    NeuralTagger,
    NeuralVocabulary,
    _batches,
    crf_features,
    word_characters,
)

# Invented sentences; some long, some one word, for the batching and the padding.
TEXT = conll(
    "قال الرئيس [سامر النجار]PERS في [حلب]LOC .",
    "زار وفد من شركة [الرافدين]ORG مدينة [بغداد]LOC أمس بعد رحلة طويلة من [الموصل]LOC .",
    "نعم",
)

GAZETTEER = Gazetteer.from_entries([("LOC", "حلب"), ("LOC", "بغداد"), ("PTITLE", "الرئيس"), ("ORG", "الأمم المتحدة")])


def tiny_vectors():
    from reader.analysis.ner.neural_training import WordVectors

    words = ["", "قال", "الرئيس", "حلب", "بغداد", "الموصل", "في"]
    rng = np.random.default_rng(3)
    raw = rng.standard_normal((len(words), 8)).astype(np.float32)
    raw[0] = 0
    scales = np.abs(raw).max(axis=1) / 127
    scales[0] = 1
    return WordVectors(words, np.round(raw / scales[:, None]).astype(np.int8), scales.astype(np.float32))


def train_tiny():
    from reader.analysis.ner.neural_training import NetworkSettings, train_network

    settings = NetworkSettings(hidden=5, char_dim=4, filters=6, feature_dim=3, epochs=2, batch=2)
    sentences = parse_conll(TEXT) * 3
    return train_network(sentences, GAZETTEER, tiny_vectors(), settings, dev=parse_conll(TEXT), log=lambda _: None)


@pytest.fixture(scope="module")
def trained():
    pytest.importorskip("torch")
    return train_tiny(), parse_conll(TEXT) * 3


def test_numpy_inference_equals_the_torch_network(trained):
    import torch

    from reader.analysis.ner import neural_training

    result, sentences = trained
    tagger, network = result.tagger, result.network
    extractor = neural_training.neural_extractor(GAZETTEER)
    encoded = [
        [tagger.vocabulary.encode(n, f) for n, f in extractor.neural_inputs([t for t, _ in s])] for s in sentences
    ]
    ours = tagger.probabilities(encoded)
    assert ours.shape == (sum(len(s) for s in sentences), len(LABELS))
    network.eval()
    with torch.no_grad():
        logits = network(*neural_training._tensors(encoded)[:5])
    theirs = torch.softmax(logits, dim=2).numpy()
    np.testing.assert_allclose(ours, np.concatenate([theirs[k, : len(s)] for k, s in enumerate(sentences)]), atol=1e-5)
    # The same sentences in the other order: other batches, same numbers.
    np.testing.assert_allclose(tagger.probabilities(encoded[::-1])[: len(sentences[-1])], ours[-len(sentences[-1]) :])


def test_the_same_seed_trains_the_same_network_bit_for_bit(trained):
    again = train_tiny()
    first, second = trained[0].network.state_dict(), again.network.state_dict()
    assert first.keys() == second.keys()
    for name, weights in first.items():
        assert weights.numpy().tobytes() == second[name].numpy().tobytes(), name
    assert again.curve == trained[0].curve


def test_learning_curve_has_one_point_per_epoch(trained):
    result, _ = trained
    assert [epoch for epoch, _ in result.curve] == [1, 2]
    assert all(0.0 <= f1 <= 1.0 for _, f1 in result.curve)


def test_saved_network_loads_with_the_same_outputs(trained, tmp_path):
    from reader.analysis.ner.neural_training import neural_extractor

    result, sentences = trained
    tagger = result.tagger
    path = tmp_path / "net.npz"
    tagger.save(path)
    loaded = NeuralTagger.load(path)
    assert loaded.vocabulary.words == tagger.vocabulary.words
    for word in [*tagger.vocabulary.words, "و" + tagger.vocabulary.words[-1], "مجهولة", ""]:
        assert loaded.vocabulary.vector_id(word) == tagger.vocabulary.vector_id(word)  # the packed table's answer
    extractor = neural_extractor(GAZETTEER)
    encoded = [
        [loaded.vocabulary.encode(n, f) for n, f in extractor.neural_inputs([t for t, _ in s])] for s in sentences
    ]
    np.testing.assert_allclose(tagger.probabilities(encoded), loaded.probabilities(encoded), atol=1e-6)


@pytest.mark.parametrize("content", [b"", b"not a zip file", None])
def test_a_damaged_network_file_is_a_value_error(tmp_path, content):
    path = tmp_path / "net.npz"
    if content is None:
        np.savez(path, words=np.zeros(3, dtype=np.uint8))  # a zip of arrays, not a network
    else:
        path.write_bytes(content)
    with pytest.raises(ValueError):
        NeuralTagger.load(path)


def test_empty_sentences_get_empty_probabilities(trained):
    result, _ = trained
    assert result.tagger.probabilities([[], []]).shape == (0, len(LABELS))


def test_vocabulary_finds_a_vector_without_the_conjunction():
    vocabulary = NeuralVocabulary(["", "بغداد"], ["", "", "", "", "ب"], ["", "sh=ar", NO_VECTOR])
    vector, chars, features = vocabulary.encode("وبغداد", ["sh=ar"])
    assert vector == 1 and features == (1,)
    assert chars[0] == 2 and chars[-1] == 3 and 4 in chars  # start, end marks; ب known, the rest unknown
    assert vocabulary.encode("مجهول", ["sh=ar", "unknown=x"])[2] == (1, 2)  # no vector: says so


def test_long_words_keep_their_beginning_and_end():
    word = "ا" * 10 + "ب" * 10
    assert word_characters(word) == "ا" * 7 + "ب" * 7


def test_batches_cover_every_nonempty_sentence_once():
    lengths = [5, 0, 80, 6, 7, 81, 1, 300]
    batches = _batches(lengths)
    flat = sorted(k for b in batches for k in b)
    assert flat == [0, 2, 3, 4, 5, 6, 7]
    for batch in batches:
        assert max(lengths[k] for k in batch) <= 1.3 * min(lengths[k] for k in batch) + 2


def test_crf_features_name_the_label_its_confidence_and_the_neighbours():
    p = np.zeros((3, len(LABELS)), dtype=np.float32)
    p[0, 0] = 1.0  # sure O: nothing
    p[1, LABELS.index("B-PERS")] = 0.95
    p[1, 0] = 0.05
    p[2, 0] = 0.7  # O, unsure: the likeliest name label
    p[2, LABELS.index("B-ORG")] = 0.3
    sure = np.zeros((2, len(LABELS)), dtype=np.float32)
    sure[:, 0] = 1.0
    first, second = crf_features(np.concatenate([p, sure]), [3, 2])
    assert first == {0: ["n+1=B-PERS"], 1: ["nn=B-PERS", "nb=B-PERS2"], 2: ["n-1=B-PERS", "nw=B-ORG"]}
    assert second == {}  # sure O everywhere: no feature
    assert crf_features(np.zeros((0, len(LABELS))), [0]) == [{}]


def test_the_same_sentence_gets_the_same_numbers_whatever_came_before(trained):
    from reader.analysis.ner.neural_training import neural_extractor

    result, sentences = trained
    tagger = result.tagger
    extractor = neural_extractor(GAZETTEER)
    encoded = [
        [tagger.vocabulary.encode(n, f) for n, f in extractor.neural_inputs([t for t, _ in s])] for s in sentences
    ]
    first = tagger.probabilities(encoded[:1])
    tagger.probabilities(encoded[::-1])  # other words, other batches
    assert np.array_equal(tagger.probabilities(encoded[:1]), first)


def test_long_inputs_go_in_groups_and_long_sentences_in_pieces(trained, monkeypatch):
    from reader.analysis.ner import neural
    from reader.analysis.ner.neural_training import neural_extractor

    result, sentences = trained
    tagger = result.tagger
    extractor = neural_extractor(GAZETTEER)
    encoded = [
        [tagger.vocabulary.encode(n, f) for n, f in extractor.neural_inputs([t for t, _ in s])] for s in sentences
    ]
    whole = tagger.probabilities(encoded)
    monkeypatch.setattr(neural, "_GROUP_TOKENS", 10)  # a few sentences a group
    np.testing.assert_allclose(tagger.probabilities(encoded), whole, atol=1e-6)
    monkeypatch.setattr(neural, "_LONGEST", 4)  # and no piece longer than 4 tokens
    pieces = tagger.probabilities(encoded)
    assert pieces.shape == whole.shape
    np.testing.assert_allclose(pieces.sum(axis=1), 1.0, rtol=1e-5)
    # A sentence of at most 4 tokens reads as before.
    short = next(k for k, s in enumerate(encoded) if 0 < len(s) <= 4)
    at = sum(len(s) for s in encoded[:short])
    np.testing.assert_allclose(pieces[at : at + len(encoded[short])], whole[at : at + len(encoded[short])], atol=1e-6)


def test_learning_rate_is_constant_then_falls_linearly_over_the_last_epochs():
    from reader.analysis.ner.neural_training import NetworkSettings

    constant = NetworkSettings(epochs=4, learning_rate=1.0)
    assert [constant.rate(e) for e in range(1, 5)] == [1.0] * 4
    decaying = NetworkSettings(epochs=6, learning_rate=1.0, decay=3)
    assert [decaying.rate(e) for e in range(1, 7)] == pytest.approx([1.0, 1.0, 1.0, 0.75, 0.5, 0.25])


def test_a_decaying_schedule_is_another_network_in_the_cache(tmp_path):
    from reader.analysis.ner.neural_training import NetworkSettings, network_key

    vectors = tmp_path / "vectors.kv"
    sentences = parse_conll(TEXT)

    def key(settings: NetworkSettings) -> str:
        return network_key(sentences, GAZETTEER, vectors, settings)

    assert key(NetworkSettings(decay=5)) != key(NetworkSettings())
