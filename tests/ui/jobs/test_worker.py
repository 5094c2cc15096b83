"""Tests for reader/ui/jobs/worker.py and analysis_process.py: analysis off the UI thread, in a child process."""

from __future__ import annotations

import os

import pytest

from reader.analysis.pipeline import analyze
from reader.io import load
from reader.resources import resource_path
from reader.ui.analysis_process import flatten, unflatten
from reader.ui.jobs.worker import AnalysisWorker

SAMPLE = resource_path("samples", "mosul-offensive.txt")
needs_model = pytest.mark.skipif(
    not resource_path("models", "anercorp-crf.crfsuite").is_file(), reason="the offline model is not built"
)


@needs_model
def test_flattened_analysis_rebuilds_equal() -> None:
    analysis = analyze(load(SAMPLE))
    assert unflatten(analysis.source, flatten(analysis)) == analysis


@needs_model
def test_the_process_worker_analyzes_in_another_process(qtbot) -> None:
    worker = AnalysisWorker(use_process=True)
    source = load(SAMPLE)
    finals = []
    worker.progressed.connect(lambda update: update.final and finals.append(update))
    try:
        worker.start(source, generation=7)
        qtbot.waitUntil(lambda: bool(finals), timeout=60_000)
        assert worker.process_id not in (None, os.getpid())
        update = finals[0]
        assert update.generation == 7 and update.analysis.source is source
        assert update.analysis == analyze(source)
        assert not worker.is_busy()
    finally:
        worker.close()
    assert worker.process_id is None


@needs_model
def test_the_process_worker_can_be_cancelled(qtbot, tmp_path) -> None:
    long_article = tmp_path / "long.txt"
    long_article.write_text("\n\n".join([SAMPLE.read_text(encoding="utf-8")] * 400), encoding="utf-8")
    worker = AnalysisWorker(use_process=True)
    updates = []
    worker.progressed.connect(updates.append)
    try:
        worker.start(load(long_article), generation=1)
        qtbot.waitUntil(lambda: bool(updates), timeout=60_000)  # it has started and reports progress
        with qtbot.waitSignal(worker.stopped, timeout=30_000) as stopped:
            worker.cancel()
        assert stopped.args == [1]
        assert not any(u.final for u in updates)
        assert not worker.is_busy()
    finally:
        worker.close()


def test_the_process_worker_reads_the_file_in_the_child(qtbot, tmp_path) -> None:
    """open(): the file is read in the child process, then analyzed; a bad file is one line."""
    worker = AnalysisWorker(use_process=True)
    loaded, failed = [], []
    worker.loaded.connect(lambda generation, source: loaded.append((generation, source)))
    worker.load_failed.connect(lambda generation, message: failed.append((generation, message)))
    try:
        with qtbot.waitSignal(worker.load_failed, timeout=60_000):
            worker.open(str(tmp_path / "missing.txt"), None, generation=3)
        assert failed == [(3, f"cannot open '{tmp_path / 'missing.txt'}': no such file")]
        assert not worker.is_busy()
        with qtbot.waitSignal(worker.loaded, timeout=60_000):
            worker.open(str(SAMPLE), "utf-8", generation=4)
        generation, source = loaded[0]
        assert generation == 4 and source == load(SAMPLE)
        assert worker.process_id not in (None, os.getpid())
    finally:
        worker.close()


def test_unflatten_reuses_the_mentions_of_earlier_results() -> None:
    from reader.document import Analysis, Entity, Mention, Source
    from reader.entity_types import EntityType
    from reader.ui.analysis_process import flat_spans

    text = "زار العبادي بغداد ثم الموصل"
    source = Source(text)
    words = [("العبادي", EntityType.PERSON), ("بغداد", EntityType.PLACE), ("الموصل", EntityType.PLACE)]
    mentions = tuple(Mention(text.index(w), text.index(w) + len(w), t, w, f"e{i}") for i, (w, t) in enumerate(words))
    entities = tuple(Entity(m.entity, m.type, m.text, (m.text,), (i,)) for i, m in enumerate(mentions))
    partial = Analysis(source, mentions[:2], entities[:2], "test")
    final = Analysis(source, mentions, entities, "test")
    known: dict = {}
    first = unflatten(source, flatten(partial), known)
    second = unflatten(source, flatten(final), known)
    assert first == partial and second == final
    assert second.mentions[0] is first.mentions[0]  # rebuilt once
    assert flat_spans(flatten(final)) == {(m.start, m.end, m.type.value) for m in mentions}
