"""Tests for reader/ui/jobs/worker.py: the job runner's reports as Qt signals, in the UI thread."""

from __future__ import annotations

import threading

from reader.document import Source
from reader.resources import resource_path
from reader.ui.jobs.worker import AnalysisWorker, BackgroundTask

SAMPLE = resource_path("samples", "mosul-offensive.txt")


def test_reports_arrive_as_signals_in_the_ui_thread(qtbot, tmp_path) -> None:
    worker = AnalysisWorker(use_process=True)
    events: list[tuple] = []
    worker.load_failed.connect(lambda g, message: events.append(("load_failed", g, threading.get_ident())))
    worker.loaded.connect(lambda g, source: events.append(("loaded", g, threading.get_ident())))
    worker.progressed.connect(lambda u: events.append(("progress", u.generation, threading.get_ident(), u.final)))
    try:
        with qtbot.waitSignal(worker.load_failed, timeout=60_000):
            missing = worker.open(str(tmp_path / "missing.txt"))
        assert not worker.is_busy()
        generation = worker.open(str(SAMPLE), "utf-8")
        assert generation == missing + 1
        qtbot.waitUntil(lambda: events[-1][0] == "progress" and events[-1][3], timeout=60_000)
        assert events[1] == ("loaded", generation, threading.get_ident())
        assert {e[2] for e in events} == {threading.get_ident()}  # every slot ran in the UI thread
        assert worker.process_id is not None
    finally:
        worker.close()


def test_a_cancelled_job_reports_stopped(qtbot, gazetteer) -> None:
    worker = AnalysisWorker()
    slow = gazetteer(delay_s=0.1, chunk_tokens=30)
    updates: list = []
    worker.progressed.connect(updates.append)
    try:
        generation = worker.start(Source(SAMPLE.read_text(encoding="utf-8") * 3), lambda: slow)
        qtbot.waitUntil(lambda: bool(updates), timeout=30_000)
        with qtbot.waitSignal(worker.stopped, timeout=10_000) as stopped:
            worker.cancel()
        assert stopped.args == [generation] and not any(u.final for u in updates)
        assert worker.job_thread_id not in (None, threading.get_ident())
    finally:
        worker.close()


def test_a_background_task_reports_its_result_or_one_line(qtbot) -> None:
    task = BackgroundTask()
    with qtbot.waitSignal(task.finished, timeout=5_000) as finished:
        task.run(lambda a, b: a + b, 2, 3)
    assert finished.args == [5]

    def broken() -> None:
        raise OSError("disk\nfull")

    with qtbot.waitSignal(task.failed, timeout=5_000) as failed:
        task.run(broken)
    assert failed.args == ["disk full"]
    assert task.wait(1000) and not task.is_busy()
