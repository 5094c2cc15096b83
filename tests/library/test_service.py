"""Questions and indexing off the caller's process (reader/library/service.py)."""

from __future__ import annotations

import threading

import pytest

from reader.library import Library
from reader.library.service import NETWORK_SIZE, FlatList, IndexingRun, QuestionService


class Answers:
    def __init__(self) -> None:
        self.got: dict[str, object] = {}
        self.errors: list[tuple[str, str]] = []
        self.event = threading.Event()

    def answer(self, kind, number, answer) -> None:
        self.got[kind] = answer
        self.event.set()

    def error(self, kind, message) -> None:
        self.errors.append((kind, message))
        self.event.set()

    def wait_for(self, *kinds: str) -> None:
        for _ in range(600):
            if all(k in self.got for k in kinds) or self.errors:
                return
            self.event.wait(0.1)
            self.event.clear()


@pytest.mark.parametrize("use_process", [True, False])
def test_questions_are_answered_with_the_objects_they_stand_for(indexed, use_process):
    path, _ = indexed
    answers = Answers()
    service = QuestionService(str(path), answers.answer, answers.error, use_process=use_process)
    try:
        service.ask("entities", "entity_list")
        service.ask("articles", "article_list")
        answers.wait_for("entities", "articles")
        entities, keys = answers.got["entities"]
        with Library.open(path) as library:
            assert list(entities) == library.entities() and isinstance(entities, FlatList)
            assert len(keys) == len(entities)
            top = entities[0]
            service.ask("details", "entity_details", top.id)
            service.ask("companions", "entity_companions", top.id)
            answers.wait_for("details", "companions")
            details, companions = answers.got["details"], answers.got["companions"]
            assert details.entities == (top,) and details.found == library.find(top)
            assert companions.related == tuple(library.related(top, limit=NETWORK_SIZE)) and companions.key == top.id
            assert details.timelines == library.timelines(top)  # counted from the rows sent, not asked for
        assert answers.errors == []
    finally:
        service.close()


def test_questions_of_another_kind_are_sent_without_waiting_for_an_answer(indexed):
    """An entity's companions are on their way to the child while its details are answered,
    in the order asked: no round trip through the asker between the two."""
    path, _ = indexed
    answers = Answers()
    on_the_way: dict[str, set[str]] = {}

    def answer(kind, number, value) -> None:
        on_the_way[kind] = set(service._in_flight)
        answers.answer(kind, number, value)

    service = QuestionService(str(path), answer, answers.error)
    try:
        with Library.open(path) as library:
            top = library.entities(limit=1)[0]
        service.ask("details", "entity_details", top.id)
        service.ask("companions", "entity_companions", top.id)
        answers.wait_for("details", "companions")
        assert answers.errors == []
        assert on_the_way == {"details": {"companions"}, "companions": set()}
    finally:
        service.close()


def test_a_failing_question_is_one_line(tmp_path):
    answers = Answers()
    service = QuestionService(str(tmp_path / "l.sqlite3"), answers.answer, answers.error, use_process=False)
    try:
        service.ask("write", "write_entity_table", str(tmp_path / "table.xlsx"))
        answers.wait_for("write")
        assert answers.errors and answers.errors[0][0] == "write" and "use .csv or .json" in answers.errors[0][1]
    finally:
        service.close()
    with pytest.raises(ValueError, match="unknown question"):
        service.ask("x", "drop_tables")


@pytest.mark.parametrize("use_process", [True, False])
def test_an_indexing_run_reports_batches_and_its_summary(corpus, tmp_path, use_process):
    reports = []
    run = IndexingRun([str(corpus)], str(tmp_path / "l.sqlite3"), reports.append, jobs=1, use_process=use_process)
    assert run.wait(300)
    kinds = [kind for kind, _ in reports]
    assert kinds[-1] == "finished" and "changed" in kinds
    files = [event for kind, batch in reports if kind == "files" for event in batch]
    summary = reports[-1][1]
    assert len(files) == summary.analyzed == sum(1 for p in corpus.rglob("*") if p.is_file())
    assert not run.is_running()
