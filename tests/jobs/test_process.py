"""Tests for reader/jobs/process.py: results cross the pipe as tuples and come back equal."""

from __future__ import annotations

import os

from reader.document import Analysis, Entity, Mention, Source
from reader.entity_types import EntityType
from reader.io import load
from reader.jobs import AnalysisUpdate, Job, JobStopped, Loaded, LoadFailed
from reader.jobs.process import AnalysisProcess, flatten, unflatten
from reader.resources import resource_path

SAMPLE = resource_path("samples", "mosul-offensive.txt")
TEXT = "زار العبادي بغداد ثم الموصل"


def analyses() -> tuple[Analysis, Analysis]:
    """A partial analysis and the final one that repeats its mentions."""
    source = Source(TEXT)
    words = [("العبادي", EntityType.PERSON), ("بغداد", EntityType.PLACE), ("الموصل", EntityType.PLACE)]
    mentions = tuple(Mention(TEXT.index(w), TEXT.index(w) + len(w), t, w, f"{t.value}:{w}") for w, t in words)
    entities = tuple(Entity(m.entity, m.type, m.text, (m.text,), (i,)) for i, m in enumerate(mentions))
    return Analysis(source, mentions[:2], entities[:2], "test"), Analysis(source, mentions, entities, "test")


def test_a_flattened_analysis_rebuilds_equal() -> None:
    _partial, final = analyses()
    assert unflatten(final.source, flatten(final)) == final
    assert all(isinstance(item, tuple | str) for item in flatten(final))  # nothing but plain data


def test_unflatten_reuses_the_mentions_of_earlier_results() -> None:
    partial, final = analyses()
    known: dict = {}
    first = unflatten(partial.source, flatten(partial), known)
    second = unflatten(final.source, flatten(final), known)
    assert first == partial and second == final
    assert second.mentions[0] is first.mentions[0]  # rebuilt once


def test_the_child_reads_and_analyzes_with_the_offline_model(until, tmp_path) -> None:
    reports: list = []
    process = AnalysisProcess(reports.append)
    try:
        assert process.pid not in (None, os.getpid())
        process.submit(3, Job(path=str(tmp_path / "missing.txt")))
        until(lambda: reports)
        assert reports == [LoadFailed(3, f"cannot open '{tmp_path / 'missing.txt'}': no such file")]
        process.submit(4, Job(path=str(SAMPLE), stage="offline"))
        until(lambda: isinstance(reports[-1], AnalysisUpdate) and reports[-1].final)
        loaded = reports[1]
        assert isinstance(loaded, Loaded) and loaded.source == load(SAMPLE)
        final = reports[-1]
        assert final.generation == 4 and final.stage == "offline"
        assert final.analysis.source is loaded.source  # rebuilt on the parent's Source
        from reader.analysis.pipeline import analyze

        assert final.analysis == analyze(loaded.source)
    finally:
        process.close()
    assert not process.is_alive()


def test_the_child_stops_a_job_no_longer_wanted(until, tmp_path) -> None:
    long_article = tmp_path / "long.txt"
    # About 250,000 words: tens of seconds of work, so even on a loaded machine the cancel comes first.
    long_article.write_text("\n\n".join([SAMPLE.read_text(encoding="utf-8")] * 1000), encoding="utf-8")
    reports: list = []
    process = AnalysisProcess(reports.append)
    try:
        process.submit(1, Job(path=str(long_article)))
        until(lambda: any(isinstance(r, AnalysisUpdate) for r in reports))  # it reports progress
        process.cancel()
        until(lambda: isinstance(reports[-1], JobStopped))
        assert reports[-1] == JobStopped(1)
        assert not any(isinstance(r, AnalysisUpdate) and r.final for r in reports)
    finally:
        process.close()


def test_partial_results_travel_as_what_they_add_and_come_back_whole() -> None:
    """The child sends a partial result's new mentions only (and their entities); the parent's
    Rebuilder makes the whole Analysis again, equal to the one sent, reusing what it had."""
    from reader.analysis.pipeline import iter_analysis
    from reader.jobs.process import Rebuilder

    from .conftest import WordRecognizer

    source = Source("زار العبادي الموصل ثم بغداد. " * 60)
    steps = [s.analysis for s in iter_analysis(source, WordRecognizer(chunk_tokens=25))]
    rebuilder = Rebuilder(source)
    sent = 0
    for analysis in steps[:-1]:
        flat = flatten(analysis, sent)
        assert len(flat[0]) == len(analysis.mentions) - sent  # only what it adds
        before = list(rebuilder._mentions)
        assert rebuilder.rebuild(flat, sent) == analysis
        assert all(a is b for a, b in zip(before, rebuilder._mentions, strict=False))  # kept, not rebuilt
        sent = len(analysis.mentions)
    final = steps[-1]
    assert rebuilder.rebuild(flatten(final)) == final  # the final one whole


def test_a_big_result_crosses_in_pieces(monkeypatch) -> None:
    """Unpickling one message holds the GIL: no message carries more than PIECE mentions."""
    from reader.analysis.pipeline import analyze
    from reader.jobs import process

    from .conftest import WordRecognizer

    final = AnalysisUpdate(1, 1.0, analyze(Source(TEXT * 10), WordRecognizer()), True)
    mentions = final.analysis.mentions
    assert len(mentions) > 2 * 7
    pieces: list[tuple] = []
    monkeypatch.setattr(process, "PIECE", 7)

    class Pipe:
        def send(self, message: tuple) -> None:
            pieces.append(message)

    process._sender(Pipe())(final)
    sizes = [len(m[2]) for m in pieces if m[0] == "mentions"]
    assert max(sizes) == 7 and sum(sizes) == len(mentions) and pieces[-1][0] == "update"


def test_the_analysis_process_lets_the_math_library_start_no_threads(monkeypatch) -> None:
    """OpenBLAS would start a spinning thread per core when NumPy is imported, taking CPU from the
    window being built: one thread, unless the user chose otherwise."""
    from reader.jobs import process

    for name in process.MATH_THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    process._one_math_thread()
    assert [os.environ[name] for name in process.MATH_THREAD_VARIABLES] == ["1", "1", "3"]
