"""Tests for reader/jobs/runner.py: one job at a time, numbered, cancellable, stale reports dropped."""

from __future__ import annotations

import itertools
import os
import threading
import time

from reader.document import Source
from reader.jobs import AnalysisUpdate, Job, JobRunner, JobStopped, Loaded, highlight_spans
from reader.resources import resource_path

SAMPLE = resource_path("samples", "mosul-offensive.txt")
TEXT = "زار العبادي الموصل ثم بغداد. " * 40


def finals(reports: list) -> list[AnalysisUpdate]:
    return [r for r in reports if isinstance(r, AnalysisUpdate) and r.final]


def test_default_jobs_run_in_the_analysis_process(until) -> None:
    reports: list = []
    runner = JobRunner(reports.append)
    try:
        generation = runner.submit(Job(path=str(SAMPLE)))
        assert runner.is_busy()
        until(lambda: finals(reports), timeout_s=120)
        assert runner.process_id not in (None, os.getpid())
        assert isinstance(reports[0], Loaded) and reports[0].generation == generation
        final = finals(reports)[0]
        assert final.spans == highlight_spans(final.analysis.mentions) and final.spans  # added by the runner
        assert not runner.is_busy()
    finally:
        runner.close()
    assert runner.process_id is None


def test_jobs_with_a_recognizer_of_their_own_run_on_the_runners_thread(until, words) -> None:
    reports: list = []
    threads: set[int] = set()
    runner = JobRunner(lambda r: (threads.add(threading.get_ident()), reports.append(r)))
    try:
        generation = runner.submit(Job(Source(TEXT), stage="bert"), lambda: words())
        until(lambda: finals(reports))
        assert runner.process_id is None  # no child process was needed
        assert runner.job_thread_id not in (None, threading.get_ident())
        assert threads == {runner.job_thread_id}
        final = finals(reports)[0]
        assert (final.generation, final.stage, final.analysis.recognizer) == (generation, "bert", "test words")
        assert final.spans == highlight_spans(final.analysis.mentions)
    finally:
        runner.close()


def test_a_new_job_stops_the_running_one_and_its_reports_are_dropped(until, words) -> None:
    reports: list = []
    runner = JobRunner(reports.append, use_process=False)
    try:
        slow = words(delay_s=0.05, chunk_tokens=8)
        first = runner.submit(Job(Source(TEXT * 5)), lambda: slow)
        until(lambda: reports)  # the first job has started
        second = runner.submit(Job(Source("وصل الوفد إلى بغداد.")), lambda: words())
        assert second == first + 1
        until(lambda: finals(reports))
        after = reports[reports.index(next(r for r in reports if r.generation == second)) :]
        assert all(r.generation == second for r in after)  # nothing of the first job after the second began
        assert not any(isinstance(r, JobStopped) for r in reports)  # its stop was stale too
        assert [m.text for m in finals(reports)[0].analysis.mentions] == ["بغداد"]
        assert not runner.is_busy()
    finally:
        runner.close()


def test_cancel_ends_the_job_within_a_chunk(until, words) -> None:
    reports: list = []
    runner = JobRunner(reports.append, use_process=False)
    try:
        generation = runner.submit(Job(Source(TEXT * 5)), lambda: words(delay_s=0.05, chunk_tokens=8))
        until(lambda: reports)
        runner.cancel()
        until(lambda: not runner.is_busy(), timeout_s=5)
        assert reports[-1] == JobStopped(generation) and not finals(reports)
    finally:
        runner.close()


def test_without_a_child_process_the_default_job_runs_on_the_thread(until, monkeypatch) -> None:
    import reader.jobs.runner as runner_module

    def no_process(_on_report):
        raise OSError("no processes in this sandbox")

    monkeypatch.setattr(runner_module, "AnalysisProcess", no_process)
    reports: list = []
    runner = JobRunner(reports.append)
    try:
        runner.submit(Job(Source(TEXT)))
        until(lambda: finals(reports), timeout_s=120)
        assert runner.process_id is None and runner.job_thread_id is not None
    finally:
        runner.close()


def test_each_result_comes_with_what_it_changes_in_the_highlights(until, words) -> None:
    """The runner makes only the new mentions' highlights for a partial result, compares the final
    one with the update before it, and the whole set stays exact."""
    reports: list = []
    runner = JobRunner(reports.append, use_process=False)
    try:
        runner.submit(Job(Source(TEXT * 20)), lambda: words(delay_s=0.01, chunk_tokens=40))
        until(lambda: finals(reports))
    finally:
        runner.close()
    updates = [r for r in reports if isinstance(r, AnalysisUpdate)]
    assert len(updates) >= 3 and updates[0].changes is None  # the first one: nothing before it
    for update in updates:
        assert update.spans == highlight_spans(update.analysis.mentions)
    for before, after in itertools.pairwise(updates):
        added, removed = after.changes
        assert added == after.spans - before.spans and removed == before.spans - after.spans
        if not after.final:
            assert after.new_from == len(before.analysis.mentions) and not removed
    assert updates[-1].final and updates[-1].new_from == 0


def test_a_prestarted_process_runs_the_first_job_once(until) -> None:
    """``prestart`` (the app, before Qt is imported) sends the file's job; the runner takes the process
    over, does not send that job again, and gets its reports, those that came before it listened too."""
    from reader.jobs.process import prestart

    job = Job(path=str(SAMPLE), stage="offline")
    prestart(job)
    time.sleep(0.5)  # the child may well have read the file already
    reports: list = []
    runner = JobRunner(reports.append)
    try:
        assert runner.submit(job) == 1
        until(lambda: finals(reports), timeout_s=120)
        assert isinstance(reports[0], Loaded) and reports[0].generation == 1
        assert [type(r).__name__ for r in reports].count("Loaded") == 1  # read once
        assert finals(reports)[0].generation == 1
    finally:
        runner.close()


def test_a_prestarted_job_not_asked_for_is_dropped(until, tmp_path) -> None:
    from reader.jobs.process import prestart

    other = tmp_path / "other.txt"
    other.write_text(TEXT, encoding="utf-8")
    prestart(Job(path=str(SAMPLE), stage="offline"))
    reports: list = []
    runner = JobRunner(reports.append)
    try:
        generation = runner.submit(Job(path=str(other), stage="offline"))
        assert generation == 2  # past the prestarted job's number
        until(lambda: finals(reports), timeout_s=120)
        assert {r.generation for r in reports} == {2}
        assert reports[0].source.path.endswith("other.txt")
    finally:
        runner.close()


def test_forking_is_refused_once_qt_or_a_thread_is_there() -> None:
    """A prestarted process is forked only from the bare launcher: never a running Qt app, never with
    another thread (a lock it holds would stay held in the child), only on Linux."""
    import subprocess
    import sys

    code = (
        "import sys, threading, time\n"
        "from reader.jobs.process import fork_is_safe\n"
        "print(fork_is_safe())\n"
        "t = threading.Thread(target=time.sleep, args=(0.5,)); t.start(); print(fork_is_safe()); t.join()\n"
        "import PySide6.QtCore\n"
        "print(fork_is_safe())\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    expected = "True" if sys.platform.startswith("linux") else "False"
    assert result.stdout.split() == [expected, "False", "False"]
