"""The generated benchmark articles (reader/library/corpus.py)."""

from __future__ import annotations

from reader.io import load
from reader.library.corpus import generate


def test_the_same_seed_writes_the_same_articles(tmp_path):
    one = generate(tmp_path / "one", 6, seed=4, words=120)
    two = generate(tmp_path / "two", 6, seed=4, words=120)
    assert [p.read_bytes() for p in one.files] == [p.read_bytes() for p in two.files]
    assert one.bytes == sum(len(p.read_bytes()) for p in one.files)
    assert 6 * 120 <= one.words <= 6 * 250


def test_every_article_loads(tmp_path):
    corpus = generate(tmp_path, 40, seed=1, words=100)
    for path in corpus.files:
        assert load(path).text.strip()
    assert {p.suffix for p in corpus.files} == {".txt", ".html", ".md"}
