"""A killed indexer leaves a consistent library that the next run completes; readers work during a run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from reader.library import Library
from reader.library.corpus import generate

from .helpers import dump, index

# Runs the indexer with small batches, so that it commits often.
DRIVER = """
import sys
import reader.library.indexer as indexer
indexer.BATCH_ARTICLES = 3
for event in indexer.Indexer([sys.argv[1]], sys.argv[2], jobs=int(sys.argv[3])).run():
    pass
"""


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    folder = tmp_path_factory.mktemp("many")
    generate(folder, 120, seed=9, words=200)
    return folder


def start_indexer(folder, library, jobs: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(folder), str(library), str(jobs)],
        start_new_session=True,  # its own process group: the kill takes the workers too
        stderr=subprocess.PIPE,
    )


def articles_in(library) -> int:
    try:
        connection = sqlite3.connect(f"file:{library}?mode=ro", uri=True, timeout=5)
        try:
            return connection.execute("SELECT COUNT(*) FROM article").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:
        return 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_killed_run_leaves_a_consistent_library_and_the_next_run_completes_it(many, tmp_path, jobs):
    library = tmp_path / "l.sqlite3"
    total = sum(1 for p in many.rglob("*") if p.is_file())
    process = start_indexer(many, library, jobs)
    deadline = time.monotonic() + 120
    while articles_in(library) < 10 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGKILL)  # as a power cut would: no cleanup at all
    process.wait()
    committed = articles_in(library)
    assert 10 <= committed < total, "the run should have been killed half-way"

    connection = sqlite3.connect(library)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    connection.execute("INSERT INTO article_search (article_search) VALUES ('integrity-check')")
    connection.close()
    with Library.open(library) as opened:  # usable as it is: statistics caught up on opening
        opened.refresh_if_stale()
        assert opened.count_articles() == committed
        assert sum(e.mentions for e in opened.entities()) == sum(a.mentions for a in opened.articles())

    summary, _ = index([many], library)
    assert (summary.unchanged, summary.analyzed) == (committed, total - committed)
    clean = tmp_path / "clean.sqlite3"
    index([many], clean)
    assert dump(library) == dump(clean)


def test_readers_see_a_consistent_library_while_an_indexer_writes(many, tmp_path):
    library = tmp_path / "l.sqlite3"
    process = start_indexer(many, library, 1)
    while not library.exists() and process.poll() is None:
        time.sleep(0.01)
    time.sleep(0.2)  # let it create the schema
    checks = 0
    while process.poll() is None:
        with Library.open(library) as opened:
            connection = opened.connection
            connection.execute("BEGIN")  # one snapshot for all the questions below
            articles = opened.articles()
            per_article = dict(
                connection.execute("SELECT article, SUM(mentions) FROM article_entity GROUP BY article").fetchall()
            )
            for article in articles:
                assert per_article.get(article.id, 0) == article.mentions
            mentions = connection.execute("SELECT COUNT(*) FROM mention").fetchone()[0]
            assert mentions == sum(a.mentions for a in articles)
            if articles:
                opened.search("الذي")
                for entity in opened.entities(limit=3):
                    opened.find(entity)
                    opened.related(entity)
            connection.execute("COMMIT")
            checks += 1
    assert process.returncode == 0, process.stderr.read().decode() if process.stderr else ""
    assert checks > 3
    with Library.open(library) as opened:
        assert opened.count_articles() == sum(1 for p in many.rglob("*") if p.is_file())
