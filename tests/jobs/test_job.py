"""Tests for reader/jobs/job.py: the one protocol every analysis job follows."""

from __future__ import annotations

import itertools
import time

import pytest

import reader.jobs.job as job_module
from reader.document import Source
from reader.jobs import (
    AnalysisUpdate,
    Job,
    JobFailed,
    JobStopped,
    Loaded,
    LoadFailed,
    ends_job,
    highlight_spans,
)
from reader.jobs.job import run_job

TEXT = "زار العبادي الموصل ثم بغداد. " * 30


def run(job: Job, recognizer, wanted=lambda: True, generation: int = 5) -> list:
    reports: list = []
    run_job(job, generation, lambda: recognizer, wanted, reports.append)
    return reports


def test_an_analysis_reports_updates_then_one_final(words) -> None:
    reports = run(Job(Source(TEXT), stage="offline"), words())
    assert reports and all(isinstance(r, AnalysisUpdate) for r in reports)
    assert [r.final for r in reports] == [False] * (len(reports) - 1) + [True]
    assert all(r.generation == 5 and r.stage == "offline" for r in reports)
    final = reports[-1].analysis
    assert final.recognizer == "test words" and len(final.mentions) == 90
    assert [ends_job(r) for r in reports].count(True) == 1 and ends_job(reports[-1])


def test_partial_results_come_at_most_every_interval(words, monkeypatch) -> None:
    monkeypatch.setattr(job_module, "PARTIAL_INTERVAL_S", 0.05)
    times: list[float] = []
    updates: list[AnalysisUpdate] = []

    def report(update) -> None:
        times.append(time.monotonic())
        updates.append(update)

    run_job(Job(Source(TEXT)), 1, lambda: words(delay_s=0.01, chunk_tokens=8), lambda: True, report)
    partial = [t for t, u in zip(times, updates, strict=True) if not u.final]
    assert len(partial) >= 2  # ~30 chunks of 10 ms: several partial results
    assert all(b - a >= 0.05 for a, b in itertools.pairwise(partial))
    assert updates[-1].final


def test_an_open_job_reads_first(words, tmp_path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    reports = run(Job(path=str(article)), words())
    assert isinstance(reports[0], Loaded) and reports[0].source.text == TEXT
    assert reports[-1].final and reports[-1].analysis.source is reports[0].source


def test_an_open_job_decodes_with_the_encoding_asked(words, tmp_path) -> None:
    article = tmp_path / "cp1256.txt"
    article.write_bytes("وصل الوفد إلى بغداد.".encode("cp1256"))
    loaded = run(Job(path=str(article), encoding="mac-arabic"), words())[0]
    assert loaded.source.encoding == "mac-arabic"


def test_an_unreadable_file_is_one_line_and_ends_the_job(words, tmp_path) -> None:
    reports = run(Job(path=str(tmp_path / "missing.txt")), words())
    assert reports == [LoadFailed(5, f"cannot open '{tmp_path / 'missing.txt'}': no such file")]
    assert ends_job(reports[0])


def test_a_job_no_longer_wanted_does_nothing(words) -> None:
    assert run(Job(Source(TEXT)), words(), wanted=lambda: False) == [JobStopped(5)]


def test_a_job_stops_between_chunks(words) -> None:
    recognizer = words(chunk_tokens=8)
    chunks: list[int] = []
    original = recognizer.recognize
    recognizer.recognize = lambda doc: chunks.append(1) or original(doc)
    reports = run(Job(Source(TEXT)), recognizer, wanted=lambda: len(chunks) < 3)
    assert reports[-1] == JobStopped(5) and not any(getattr(r, "final", False) for r in reports)
    assert len(chunks) == 3  # no chunk after the one running


def test_a_failure_is_one_line_unless_the_job_was_stopped(words) -> None:
    assert run(Job(Source(TEXT)), words(fail="model\nbroken")) == [JobFailed(5, "model broken")]
    wanted = iter([True, False])  # stopped while the recognizer raised
    assert run(Job(Source(TEXT)), words(fail="late"), wanted=lambda: next(wanted, False)) == [JobStopped(5)]


def test_a_job_analyzes_a_source_or_a_path_not_both() -> None:
    with pytest.raises(ValueError):
        Job()
    with pytest.raises(ValueError):
        Job(Source(TEXT), path="x.txt")


def test_highlight_spans_are_the_mentions_spans(words) -> None:
    final = run(Job(Source(TEXT)), words())[-1].analysis
    assert highlight_spans(final.mentions) == {(m.start, m.end, m.type.value) for m in final.mentions}
