"""Cross-fitted network features: every training sentence labeled by a network that never saw it."""

import pytest
from test_neural import tiny_vectors  # this folder is on sys.path (pytest, no __init__)
from test_train import TOY, _toy_gazetteer, write_clusters

from reader.analysis.ner import CrfTagger, ModelError, OfflineRecognizer
from reader.analysis.ner import train as train_cli
from reader.analysis.ner.conll import parse_conll
from reader.analysis.ner.crossfit import CrossFitting, HeldOutFeatures, fold_split, part
from reader.analysis.ner.evaluate import as_document
from reader.analysis.ner.model import neural_path


def numbered(n: int, tag: str = "O"):
    return [[(f"{tag}{k}", "O")] for k in range(n)]


def test_parts_and_folds_cover_the_data_once():
    sentences, extra = numbered(10, "a"), numbered(4, "w")
    assert [s for g in range(3) for s in part(sentences, g, 3)] == sentences
    held, training = fold_split(sentences, extra, 3, 1)
    assert held == sentences[3:6]
    # The other parts of the train file first, then the extra sentences but the held-out part's.
    assert training == [*sentences[:3], *sentences[6:], *extra[:1], *extra[2:]]


def test_units_leave_out_what_the_fold_holds_out(tmp_path):
    sentences, extra = numbered(9, "a"), numbered(6, "w")
    fitting = CrossFitting(sentences, extra, 3, _toy_gazetteer, tmp_path, tmp_path, None, frozenset())  # type: ignore[arg-type]
    for f in range(3):
        training = fitting.training(f)
        assert not set(map(str, fitting.unit(f))) & set(map(str, training))
        assert len(training) + len(fitting.unit(f)) == 15
    with pytest.raises(ValueError):
        CrossFitting(sentences, extra, 2, _toy_gazetteer, tmp_path, tmp_path, None, frozenset())  # type: ignore[arg-type]


def test_held_out_features_are_looked_up_by_sentence():
    source = HeldOutFeatures({("سامر", "قال"): {0: ["nn=B-PERS"]}})
    assert source.features([["سامر", "قال"]], [], []) == [{0: ["nn=B-PERS"]}]
    with pytest.raises(KeyError):
        source.features([["غير", "موجود"]], [], [])


@pytest.fixture()
def neural_setup(tmp_path, monkeypatch):
    pytest.importorskip("torch")
    from reader.analysis.ner import neural_training

    data = tmp_path / "data"
    data.mkdir()
    (data / train_cli.TRAIN_FILE).write_text(TOY * 3, encoding="utf-8")
    unlabeled = tmp_path / "news.txt"
    unlabeled.write_text("قال سامر في حلب\n", encoding="utf-8")
    # No gensim here: tiny vectors stand in for the word2vec table.
    monkeypatch.setattr(train_cli, "build_gazetteer", _toy_gazetteer)
    monkeypatch.setattr(train_cli, "tokenized_corpus", lambda path, cache: path)
    monkeypatch.setattr(train_cli, "word_vectors", lambda corpus, cache: tmp_path / "toy.kv")
    monkeypatch.setattr(neural_training, "_vectors", lambda path: tiny_vectors())
    features = ",".join(sorted(train_cli.DEFAULT_OPTIONS | {"neural"}))
    argv = ["--data", str(data), "--single-pass", "--c1", "0.01", "--features", features]
    argv += ["--unlabeled", str(unlabeled), "--cache", str(tmp_path / "cache"), "--epochs", "1", "--hidden", "4"]
    argv += ["--clusters", str(write_clusters(tmp_path))]
    return argv, tmp_path


def test_cross_validation_with_network_features(neural_setup, capsys):
    argv, tmp_path = neural_setup
    assert train_cli.main([*argv, "--cv", "3", "--folds", "0"]) == 0
    out = capsys.readouterr().out
    assert "fold 0/3:" in out and "network on third" in out and "network on rest 0" in out
    cached = sorted((tmp_path / "cache" / "networks").glob("network-*.npz"))
    assert len(cached) == 3  # units 1 and 2 alone, and both together
    assert train_cli.main([*argv, "--cv", "3", "--folds", "0"]) == 0  # again: from the cache
    assert "epoch 1" not in capsys.readouterr().out
    with pytest.raises(SystemExit):
        train_cli.main([*argv, "--cv", "2"])


def test_final_model_ships_its_network(neural_setup, capsys):
    argv, tmp_path = neural_setup
    out = tmp_path / "model" / "toy.crfsuite"
    assert train_cli.main([*argv, "--out", str(out)]) == 0
    assert "not cross-fitted" in capsys.readouterr().out
    assert neural_path(out.with_suffix(".lexicon.json")).is_file()
    recognizer = OfflineRecognizer.load(out)
    assert recognizer.recognize(as_document(parse_conll(TOY)))
    neural_path(out.with_suffix(".lexicon.json")).unlink()
    with pytest.raises(ModelError, match="neural"):
        CrfTagger.load(out)  # a model trained with the network cannot run without it
