"""One file → what the library stores (reader/library/worker.py)."""

from __future__ import annotations

from reader.corrections import LexiconEntry, Retype, UserData
from reader.corrections.snapshot import EMPTY_LEXICON_DIGEST
from reader.document import Mention, document_key
from reader.entity_types import EntityType
from reader.library.schema import decompress_text
from reader.library.stored import unpack_model
from reader.library.worker import (
    AnalyzedArticle,
    FailedFile,
    Readjusted,
    StoredArticle,
    analyze_file,
    analyzer_name,
    readjust,
    sentence_cooccurrences,
)
from reader.resources import resource_path


def mention(start: int, kind: str, key: str) -> Mention:
    return Mention(start, start + 1, EntityType(kind), "x", f"{kind}:{key}")


def test_the_analyzer_named_before_loading_the_model_is_the_one_loaded():
    # The indexer names the analyzer without loading the model; the worker names the
    # loaded one. They must agree, or every run would analyze every article again.
    from reader.analysis.ner import OfflineRecognizer

    named = analyzer_name(user_data=False)
    assert named == analyzer_name(OfflineRecognizer.load())
    assert named.startswith("offline model (CRF + BiLSTM) ")


def test_cooccurrence_counts_shared_sentences_both_ways_without_figures():
    mentions = [
        mention(0, "person", "a"),
        mention(2, "place", "b"),
        mention(4, "figure", "3"),
        mention(10, "person", "a"),
        mention(12, "place", "b"),
        mention(14, "place", "b"),
        mention(20, "organization", "c"),
    ]
    rows = sentence_cooccurrences(mentions, [0, 10, 20])
    assert sorted(rows) == [("person:a", "place:b", 2), ("place:b", "person:a", 2)]


def test_an_article_file_becomes_rows():
    path = resource_path("samples", "mosul-reconstruction.html")
    result = analyze_file(str(path))
    assert isinstance(result, AnalyzedArticle)
    assert result.format == "html" and result.title_stated and result.title
    text = decompress_text(result.text)
    assert text.startswith(result.title.split()[0])
    rows = result.rows
    assert sum(rows.counts) == len(rows.mentions)
    assert {key for key, *_ in rows.mentions} == {key for key, *_ in rows.entities}
    # Without user data: the shipped model's output, said to be adjusted with nothing.
    assert rows.doc_key == document_key(text) and rows.lexicon == EMPTY_LEXICON_DIGEST
    assert rows.corrections == "" and rows.model is None


def test_a_bad_file_is_a_failure_never_an_exception(tmp_path):
    assert analyze_file(str(tmp_path / "gone.txt")) == FailedFile(str(tmp_path / "gone.txt"), "no such file")
    folder = analyze_file(str(tmp_path))
    assert isinstance(folder, FailedFile) and "folder" in folder.reason


def test_the_users_data_is_applied_and_the_models_mentions_kept(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("زار الوزير بغداد.", encoding="utf-8")
    key = document_key("زار الوزير بغداد.")
    data = UserData(
        [LexiconEntry("الوزير", EntityType.PERSON)], {key: [Retype("place:بغداد", EntityType.ORGANIZATION)]}
    )
    result = analyze_file(str(path), data)
    assert isinstance(result, AnalyzedArticle)
    rows = result.rows
    assert rows.mentions == (("person:وزير", 4, 10, "الوزير"), ("organization:بغداد", 11, 16, "بغداد"))
    assert rows.lexicon == data.lexicon_digest and rows.corrections == data.corrections_digest(key) != ""
    assert rows.model is not None and unpack_model(rows.model) == [("place:بغداد", "place", "بغداد", 11, 16)]

    # Applied again from what is stored, the model not run: the same rows; without the data, the model's.
    stored = StoredArticle(1, str(path), 3, "زار الوزير بغداد.", "model", tuple(unpack_model(rows.model)))
    again = readjust(stored, data)
    assert isinstance(again, Readjusted) and again.rows == rows
    bare = readjust(stored, UserData())
    assert isinstance(bare, Readjusted)
    assert bare.rows.mentions == (("place:بغداد", 11, 16, "بغداد"),) and bare.rows.model is None


def test_user_data_that_changes_nothing_keeps_no_copy_of_the_models_mentions(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("زار الوزير بغداد.", encoding="utf-8")
    data = UserData([LexiconEntry("الموصل", EntityType.PLACE)])
    result = analyze_file(str(path), data)
    assert isinstance(result, AnalyzedArticle) and result.rows.model is None
    assert result.rows.lexicon == data.lexicon_digest


def test_a_stored_article_that_no_longer_fits_its_text_fails_softly():
    stored = StoredArticle(1, "/x.txt", 1, "قصير", "model", (("place:x", "place", "x", 10, 20),))
    failed = readjust(stored, UserData())
    assert isinstance(failed, FailedFile) and failed.reason.startswith("internal error")
