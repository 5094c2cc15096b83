"""Learning from corrections: the sentences it learns from, what it refuses, and a whole run on tiny data."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys

import pytest

from reader.analysis.grouping import group_entities
from reader.corrections import Mark, Unmark, UserStore
from reader.corrections.learn import LearnError, document_sentences, prepare
from reader.corrections.store import StoredDocument
from reader.document import Analysis, Source, Span
from reader.entity_types import EntityType

P, L, O = EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION

TEXT = "قال سامي نجار إن الوفد وصل إلى حلب.\nوأعلنت وكالة الأنباء أن 30 شخصا غادروا.\nوزار نجار مدينة حماة."


def fake_model(source: Source) -> Analysis:
    """A model that finds only سامي نجار (person) and حماة (as an organization: its mistake)."""
    spans = []
    for surface, kind in (("سامي نجار", P), ("حماة", O)):
        start = source.text.find(surface)
        if start >= 0:
            spans.append(Span(start, start + len(surface), kind))
    mentions, entities = group_entities(source.text, spans)
    return Analysis(source, mentions, entities)


def at(surface: str) -> tuple[int, int]:
    start = TEXT.index(surface)
    return start, start + len(surface)


def test_only_the_sentences_the_reader_touched_are_learned_as_corrected():
    document = StoredDocument("k", TEXT, None, None, (Mark(*at("حلب"), L),))
    (sentence,) = document_sentences(document, fake_model)
    assert sentence[:4] == [("قال", "O"), ("سامي", "B-PERS"), ("نجار", "I-PERS"), ("إن", "O")]
    assert ("حلب", "B-LOC") in sentence and sentence[-1] == (".", "O")


def test_an_unmarked_sentence_teaches_what_is_not_a_name():
    document = StoredDocument("k", TEXT, None, None, (Unmark(*at("حماة")),))
    (sentence,) = document_sentences(document, fake_model)
    assert sentence == [("وزار", "O"), ("نجار", "O"), ("مدينة", "O"), ("حماة", "O"), (".", "O")]


def test_figures_are_not_names():
    document = StoredDocument("k", TEXT, None, None, (Mark(*at("30"), EntityType.FIGURE),))
    (sentence,) = document_sentences(document, fake_model)
    assert {tag for _, tag in sentence} == {"O"}


def test_learning_needs_the_training_data_and_some_corrections(tmp_path):
    with UserStore.open(tmp_path / "c.sqlite3") as store:
        with pytest.raises(LearnError, match="training data"):
            prepare(store, tmp_path / "nowhere", fake_model)
        conll(tmp_path / "data", test=False)
        with pytest.raises(LearnError, match="no corrections"):
            prepare(store, tmp_path / "data", fake_model)
        store.add_correction(Source(TEXT), Mark(*at("حلب"), L))
        with pytest.raises(LearnError, match="too few corrected sentences"):
            prepare(store, tmp_path / "data", fake_model)


def test_without_a_test_file_some_of_the_readers_sentences_are_held_out(tmp_path):
    conll(tmp_path / "data", test=False)
    with UserStore.open(tmp_path / "c.sqlite3") as store:
        for n in range(12):
            source = Source(f"{n}\n{TEXT}")
            store.add_correction(source, Mark(*[x + len(f"{n}\n") for x in at("حلب")], L))
        data = prepare(store, tmp_path / "data", fake_model)
    assert len(data.held_out) == 2 and len(data.user) == 10 and "held out" in data.held_out_name


# -- a whole run, as the reader starts it --------------------------------------------------

PEOPLE = ["سامي نجار", "ليلى حداد", "كريم سعد", "هدى منصور"]
PLACES = ["حلب", "حماة", "طرطوس", "إدلب"]
GROUPS = ["اتحاد الكتاب", "نقابة المهندسين"]


def conll(folder, *, test: bool = True) -> None:
    """A small CoNLL corpus of our own sentences: [person] visited [place] with [group]."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for person, place, group in itertools.islice(itertools.cycle(zip(PEOPLE, PLACES, GROUPS * 2, strict=True)), 48):
        words = [("زار", "O")]
        words += [(w, ("B-" if i == 0 else "I-") + "PERS") for i, w in enumerate(person.split())]
        words += [(place, "B-LOC"), ("مع", "O")]
        words += [(w, ("B-" if i == 0 else "I-") + "ORG") for i, w in enumerate(group.split())]
        lines += [f"{w} {t}" for w, t in words] + [". O", ""]
    text = "\n".join(lines) + "\n"
    (folder / "ANERCorp_CamelLab_train.txt").write_text(text, encoding="utf-8")
    if test:
        (folder / "ANERCorp_CamelLab_test.txt").write_text(text, encoding="utf-8")


def test_learn_accept_and_reset_from_the_command_line(tmp_path):
    data, users = tmp_path / "anercorp", tmp_path / "user"
    conll(data)
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    env = dict(os.environ, ARABIC_READER_DATA=str(users))

    def cli(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "reader", *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)

    assert cli("learn", "--data", str(data), "--no").returncode == 1  # nothing to learn from yet
    assert cli("correct", str(article), "--mark", *map(str, at("حلب")), "place").returncode == 0
    learned = cli("learn", "--data", str(data), "--no")
    assert learned.returncode == 0, learned.stderr
    assert "current model  F1" in learned.stdout and "new model      F1" in learned.stdout
    assert "kept the current model" in learned.stdout
    assert "shipped model" in cli("learn", "--status").stdout
    assert cli("learn", "--accept").returncode == 0
    assert "your model" in cli("learn", "--status").stdout
    assert (users / "models" / "active" / "anercorp-crf.crfsuite").is_file()
    analyzed = cli("analyze", str(article), "--model", "offline")
    assert analyzed.returncode == 0 and json.loads(analyzed.stdout)["text"] == TEXT
    assert "back to the shipped model" in cli("learn", "--reset").stdout
    assert not (users / "models" / "active").exists()


def test_cancelling_changes_nothing(tmp_path, monkeypatch):
    from reader.corrections.learn import LearnProcess, remove_leftovers

    monkeypatch.setenv("ARABIC_READER_DATA", str(tmp_path / "user"))
    conll(tmp_path / "anercorp")
    with UserStore.open() as store:
        store.add_correction(Source(TEXT), Mark(*at("حلب"), L))
        path = store.path
    process = LearnProcess(path, tmp_path / "anercorp")
    process.start()
    report = process.poll(timeout=60)
    assert report is not None and report[0] == "progress"
    process.cancel()
    assert not process.running and process.poll() is None
    remove_leftovers()
    models = tmp_path / "user" / "models"
    assert not (models / "candidate").exists() and not list(models.glob("training-*"))
