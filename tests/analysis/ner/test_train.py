"""Training and evaluation commands, end to end on a toy corpus written for this test."""

import pytest
from toy_corpus import conll

from reader.analysis.ner import OfflineRecognizer
from reader.analysis.ner import evaluate as evaluate_cli
from reader.analysis.ner import train as train_cli
from reader.analysis.ner.clusters import WordClusters
from reader.analysis.ner.conll import parse_conll
from reader.analysis.ner.evaluate import as_document, evaluate, spans_to_tags
from reader.analysis.ner.gazetteers import Gazetteer
from reader.analysis.ner.train import split_dev, train_crf

# Five invented sentences, repeated: enough for a CRF to learn something.
TOY = conll(
    "قال [سامر النجار]PERS في [حلب]LOC .",
    "زار [سامر النجار]PERS [شركة الرافدين]ORG في [بغداد]LOC .",
    "أعلنت [شركة الرافدين]ORG أرباحا .",
    "وصل [كريم الحداد]PERS إلى [حلب]LOC .",
    "قال [كريم]PERS إن [بغداد]LOC جميلة .",
)


# Clusters as the unlabeled news would give them: names with names, places with places.
TOY_CLUSTERS = WordClusters(
    (2, 4), {"سامر": (0, 0), "كريم": (0, 0), "النجار": (0, 1), "الحداد": (0, 1), "حلب": (1, 2), "بغداد": (1, 2)}
)


def write_clusters(folder):
    path = folder / "toy.clusters.txt"
    TOY_CLUSTERS.save(path)
    return path


def toy_sentences(copies: int = 8):
    return parse_conll(TOY) * copies


@pytest.fixture(scope="module")
def toy_model(tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "toy.crfsuite"
    gazetteer = Gazetteer.from_entries([("LOC", "حلب"), ("PTITLE", "الرئيس")])
    train_crf(toy_sentences(), gazetteer, path, params={"max_iterations": 30}, clusters=TOY_CLUSTERS)
    return path


def test_split_dev_takes_the_last_tenth():
    sentences = [[("x", "O")]] * 20
    train, dev = split_dev(sentences)
    assert (len(train), len(dev)) == (18, 2)


def test_as_document_lays_tokens_out_exactly():
    sentences = parse_conll("قال O\nسامر B-PERS\n\nفي O\nحلب B-LOC\n")
    doc = as_document(sentences)
    assert doc.text == "قال سامر\nفي حلب"
    assert [doc.text[t.start : t.end] for t in doc.tokens] == ["قال", "سامر", "في", "حلب"]
    assert [(s.first, s.last) for s in doc.sentences] == [(0, 2), (2, 4)]


def test_toy_model_learns_its_training_data(toy_model):
    recognizer = OfflineRecognizer.load(toy_model)
    scores = evaluate(recognizer, toy_sentences(1))
    assert scores.micro.f1 > 0.9


def test_spans_to_tags_round_trips_gold(toy_model):
    sentences = toy_sentences(1)
    doc = as_document(sentences)
    recognizer = OfflineRecognizer.load(toy_model)
    tags = spans_to_tags(doc, recognizer.recognize(doc))
    assert [len(t) for t in tags] == [len(s) for s in sentences]


def test_evaluate_command_prints_a_table(toy_model, tmp_path, capsys):
    conll = tmp_path / "toy.conll"
    conll.write_text(TOY, encoding="utf-8")
    assert evaluate_cli.main([str(conll), "--model", str(toy_model)]) == 0
    out = capsys.readouterr().out
    for row in ("PERS", "LOC", "ORG", "micro"):
        assert row in out


@pytest.mark.parametrize("content", [None, "just-one-field\n"])
def test_evaluate_command_reports_bad_input_in_one_line(tmp_path, capsys, content):
    conll = tmp_path / "bad.conll"
    if content is not None:
        conll.write_text(content, encoding="utf-8")
    assert evaluate_cli.main([str(conll)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("cannot evaluate:") and err.count("\n") == 1


def test_train_command_without_data_says_so(tmp_path, capsys):
    assert train_cli.main(["--data", str(tmp_path), "--out", str(tmp_path / "m.crfsuite")]) == 1
    assert "not found" in capsys.readouterr().err


def _toy_gazetteer(common=(), **lists):
    return Gazetteer.from_entries([("LOC", "حلب")])


def test_cross_validation_prints_one_line_per_fold(tmp_path, capsys, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    (data / train_cli.TRAIN_FILE).write_text(TOY * 4, encoding="utf-8")
    monkeypatch.setattr(train_cli, "build_gazetteer", _toy_gazetteer)
    argv = [
        "--data",
        str(data),
        "--cv",
        "2",
        "--single-pass",
        "--c1",
        "0.01",
        "--clusters",
        str(write_clusters(tmp_path)),
    ]
    assert train_cli.main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["fold 0/2", "fold 1/2"]
    assert all("with consistency pass" in line and "PERS" in line for line in lines)
    assert train_cli.main([*argv, "--folds", "1"]) == 0
    assert capsys.readouterr().out.startswith("fold 1/2:")
    with pytest.raises(SystemExit):
        train_cli.main([*argv, "--folds", "2"])  # no such fold


def test_train_command_end_to_end(tmp_path, capsys, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    (data / train_cli.TRAIN_FILE).write_text(TOY * 4, encoding="utf-8")
    # A small gazetteer keeps the test fast; the real one is built from packages.
    monkeypatch.setattr(train_cli, "build_gazetteer", _toy_gazetteer)
    out = tmp_path / "model" / "toy.crfsuite"
    argv = ["--data", str(data), "--out", str(out), "--c1", "0.01", "--clusters", str(write_clusters(tmp_path))]
    assert train_cli.main(argv) == 0
    printed = capsys.readouterr().out
    assert "dev scores" in printed and "micro" in printed
    assert out.is_file() and out.with_suffix(".lexicon.json").is_file()
    assert WordClusters.load(out.with_suffix(".clusters.txt")) == TOY_CLUSTERS  # shipped beside the model
    assert not list(out.parent.glob("*.dev.*"))  # the dev model is cleaned up
    recognizer = OfflineRecognizer.load(out)
    assert recognizer.recognize(as_document(toy_sentences(1)))


def test_train_command_with_a_missing_cluster_table_says_so(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    (data / train_cli.TRAIN_FILE).write_text(TOY, encoding="utf-8")
    argv = ["--data", str(data), "--out", str(tmp_path / "m.crfsuite"), "--clusters", str(tmp_path / "none.txt")]
    assert train_cli.main([*argv, "--features", "clusters"]) == 1
    assert capsys.readouterr().err.startswith("cannot read the word clusters")


def test_wojood_sentences_join_training_and_the_dev_score(tmp_path, capsys, monkeypatch):
    data = tmp_path / "anercorp"
    data.mkdir()
    (data / train_cli.TRAIN_FILE).write_text(TOY * 4, encoding="utf-8")
    wojood = tmp_path / "wojood-sample"
    wojood.mkdir()
    nested = "زار O\nسامر B-PERS\nمدينة B-GPE\nحلب I-GPE\n"
    (wojood / "test.txt").write_text(nested, encoding="utf-8")
    (wojood / "train.txt").write_text(nested * 3, encoding="utf-8")
    monkeypatch.setattr(train_cli, "build_gazetteer", _toy_gazetteer)
    argv = ["--data", str(data), "--cv", "2", "--folds", "0", "--single-pass", "--c1", "0.01"]
    argv += ["--clusters", str(write_clusters(tmp_path)), "--extra-train", str(wojood / "train.txt")]
    assert train_cli.main(argv) == 0
    assert "Wojood test" in capsys.readouterr().out
