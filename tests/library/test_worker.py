"""One file → what the library stores (reader/library/worker.py)."""

from __future__ import annotations

from reader.document import Analysis, Mention, Source
from reader.entity_types import EntityType
from reader.library.schema import decompress_text
from reader.library.worker import AnalyzedArticle, FailedFile, analyze_file, sentence_cooccurrences
from reader.resources import resource_path


def mention(start: int, kind: str, key: str) -> Mention:
    return Mention(start, start + 1, EntityType(kind), "x", f"{kind}:{key}")


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
    assert decompress_text(result.text).startswith(result.title.split()[0])
    assert sum(result.counts) == len(result.mentions)
    assert {key for key, *_ in result.mentions} == {key for key, *_ in result.entities}


def test_a_bad_file_is_a_failure_never_an_exception(tmp_path):
    assert analyze_file(str(tmp_path / "gone.txt")) == FailedFile(str(tmp_path / "gone.txt"), "no such file")
    folder = analyze_file(str(tmp_path))
    assert isinstance(folder, FailedFile) and "folder" in folder.reason


def test_the_user_data_step_is_applied_and_checked(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("زار الوزير بغداد.", encoding="utf-8")

    def mark_minister(analysis: Analysis) -> Analysis:
        m = Mention(4, 10, EntityType.PERSON, "الوزير", "person:وزير")
        from reader.document import Entity

        return Analysis(analysis.source, (m,), (Entity(m.entity, m.type, m.text, (m.text,), (0,)),))

    result = analyze_file(str(path), mark_minister, "v1")
    assert isinstance(result, AnalyzedArticle)
    assert result.mentions == (("person:وزير", 4, 10, "الوزير"),) and result.analyzer.endswith("user data v1")

    def broken(analysis: Analysis) -> Analysis:
        return Analysis(Source("x"), (Mention(5, 9, EntityType.PLACE, "nope", "place:x"),))

    failed = analyze_file(str(path), broken, "v2")
    assert isinstance(failed, FailedFile) and failed.reason.startswith("internal error: InvalidAnalysis")
