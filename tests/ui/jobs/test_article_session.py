"""Tests for reader/ui/jobs/article_session.py: reading and analyzing in the background, in stages."""

from __future__ import annotations

import threading
import time

import pytest

import reader.io
from reader.document import Span
from reader.entity_types import EntityType
from reader.io import load
from reader.ui.jobs.article_session import SECOND, ArticleSession


@pytest.fixture
def second_model(gazetteer):
    """``second_model(delay_s)``: a slower, "better" recognizer named "second model"
    that also finds the Popular Mobilization Forces (الحشد الشعبي)."""

    class SecondModel(gazetteer):
        name = "second model"

        def recognize(self, doc):
            spans = super().recognize(doc)
            if doc.tokens:
                start = doc.text.find("الحشد الشعبي", doc.tokens[0].start, doc.tokens[-1].end)
                if start >= 0:
                    spans.append(Span(start, start + len("الحشد الشعبي"), EntityType.ORGANIZATION))
            return spans

    return lambda delay_s=0.0: SecondModel(delay_s=delay_s, chunk_tokens=40)


@pytest.fixture
def make_session(qtbot, gazetteer):
    sessions: list[ArticleSession] = []

    def factory(first=None, second=None) -> ArticleSession:
        first = first or gazetteer()
        session = ArticleSession(
            recognizer_factory=lambda: first,
            second_stage=(lambda: lambda: second) if second is not None else (lambda: None),
        )
        sessions.append(session)
        return session

    yield factory
    for session in sessions:
        session.close()


def record(session: ArticleSession) -> list[tuple]:
    """Everything the session reports, in order."""
    events: list[tuple] = []
    session.opened.connect(lambda source: events.append(("opened", source.path)))
    session.open_failed.connect(lambda path, message: events.append(("open_failed", message)))
    session.analyzed.connect(lambda analysis, final: events.append(("analyzed", analysis.recognizer, final)))
    session.stage_started.connect(lambda stage: events.append(("stage", stage)))
    session.stopped.connect(lambda: events.append(("stopped",)))
    return events


def test_the_file_is_read_off_the_ui_thread(qtbot, make_session, monkeypatch, sample) -> None:
    readers = []

    def slow_load(path, encoding=None):
        readers.append(threading.get_ident())
        time.sleep(0.4)  # a big HTML page
        return load(path, encoding)

    monkeypatch.setattr(reader.io, "load", slow_load)
    session = make_session()
    events = record(session)
    started = time.perf_counter()
    session.open(sample)
    assert time.perf_counter() - started < 0.1  # open() returns at once
    assert session.source is None and session.opening_path == str(sample)
    qtbot.waitUntil(lambda: session.complete, timeout=30_000)
    assert readers and readers[0] != threading.get_ident()
    assert events[0] == ("opened", str(sample)) and events[-1] == ("analyzed", "test gazetteer", True)


def test_a_failed_open_keeps_the_article_and_resumes_its_analysis(
    qtbot, make_session, tmp_path, sample, gazetteer
) -> None:
    slow = gazetteer(delay_s=0.05, chunk_tokens=40)
    session = make_session(first=slow)
    session.open(sample)
    qtbot.waitUntil(lambda: session.source is not None and session.analysis is not None, timeout=30_000)
    assert not session.complete  # interrupted mid-analysis by the next open
    events = record(session)
    with qtbot.waitSignal(session.open_failed, timeout=10_000) as failed:
        session.open(tmp_path / "missing.txt")
    assert "missing.txt" in failed.args[1] and "\n" not in failed.args[1]
    assert session.source.path == str(sample)
    qtbot.waitUntil(lambda: session.complete, timeout=30_000)  # the sample's analysis started again
    assert ("analyzed", "test gazetteer", True) in events


def test_second_stage_replaces_the_offline_results_when_it_ends(qtbot, make_session, sample, second_model) -> None:
    second = second_model(delay_s=0.05)
    session = make_session(second=second)
    events = record(session)
    fractions: list[float] = []
    session.progressed.connect(fractions.append)
    session.open(sample)
    qtbot.waitUntil(lambda: session.complete, timeout=30_000)
    shown = [e for e in events if e[0] in ("analyzed", "stage")]
    offline_final = shown.index(("analyzed", "test gazetteer", True))
    assert shown[offline_final + 1] == ("stage", SECOND)
    # The second stage's partial results were kept back: the next results shown are its final ones.
    assert shown[offline_final + 2 :] == [("analyzed", "second model", True)]
    assert any(0 < f < 1 for f in fractions)  # progress was reported during the second stage
    organizations = [e.name for e in session.analysis.entities if e.type is EntityType.ORGANIZATION]
    assert "الحشد الشعبي" in organizations


def test_changes_are_handed_on_only_against_the_results_shown(
    qtbot, make_session, sample, gazetteer, second_model
) -> None:
    """A result's changes to the highlights are against the job's previous result: the window gets
    them when it showed that one, and the whole set after kept-back results (the second stage's)."""
    from reader.jobs import highlight_spans

    session = make_session(first=gazetteer(delay_s=0.06, chunk_tokens=40), second=second_model(0.06))
    handed: list[tuple[str, bool, object]] = []
    shown = frozenset()

    def on_analyzed(analysis, final) -> None:
        nonlocal shown
        changes = session.changes
        if changes is not None:  # what the view paints must be exactly the new result
            added, removed = changes
            assert (shown - removed) | added == highlight_spans(analysis.mentions)
        handed.append((analysis.recognizer, final, changes is not None))
        shown = session.spans

    session.analyzed.connect(on_analyzed)
    session.open(sample)
    qtbot.waitUntil(lambda: session.complete, timeout=30_000)
    offline = [h for h in handed if h[0] == "test gazetteer"]
    assert len(offline) > 2 and not offline[0][2] and all(h[2] for h in offline[1:])
    assert handed[-1] == ("second model", True, False)  # after its kept-back partial results: whole


def test_stopping_the_second_stage_keeps_the_offline_results(qtbot, make_session, sample, second_model) -> None:
    second = second_model(delay_s=0.3)
    session = make_session(second=second)
    session.open(sample)
    qtbot.waitUntil(lambda: session.stage == SECOND, timeout=30_000)
    offline = session.analysis
    assert offline.recognizer == "test gazetteer" and not session.complete
    with qtbot.waitSignal(session.stopped, timeout=10_000):
        assert session.cancel()
    assert session.analysis is offline and session.complete
    qtbot.wait(400)  # nothing of the stopped stage arrives later
    assert session.analysis is offline


def test_stale_reads_are_dropped(qtbot, make_session, tmp_path, monkeypatch) -> None:
    first = tmp_path / "first.txt"
    first.write_text("زار العبادي أربيل.", encoding="utf-8")
    second = tmp_path / "second.txt"
    second.write_text("وصل الوفد إلى بغداد.", encoding="utf-8")

    def slow_for_first(path, encoding=None):
        if str(path).endswith("first.txt"):
            time.sleep(0.3)
        return load(path, encoding)

    monkeypatch.setattr(reader.io, "load", slow_for_first)
    session = make_session()
    events = record(session)
    session.open(first)
    session.open(second)
    qtbot.waitUntil(lambda: session.complete, timeout=30_000)
    qtbot.wait(400)
    assert [e for e in events if e[0] == "opened"] == [("opened", str(second))]
    assert [m.text for m in session.analysis.mentions] == ["بغداد"]
