"""Hostile input to the cache folder: the tables the analysis keeps there (camel-tools' character
sets, the word usage, the packed word clusters and network words, the parsed lexicon), damaged in every way a disk or a
person can damage them, change nothing in what the analysis finds and are made again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = "قال حيدر العبادي في بغداد إن القوات العراقية دخلت الموصل، وإن الأمم المتحدة أرسلت 3500 طن.\n"


def damaged(data: bytes, how: str) -> bytes:
    if how == "truncated":
        return data[: len(data) // 2]
    if how == "flipped":  # one byte in the middle: same size, same header
        middle = len(data) // 2
        return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]
    if how == "empty":
        return b""
    return b"\x00garbage" * 100


def analyze(article: Path, cache_home: Path) -> str:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    result = subprocess.run(
        [sys.executable, "-m", "reader", "analyze", str(article), "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout


DAMAGE = ("truncated", "flipped", "empty", "garbage")


@pytest.mark.parametrize("shift", [0, 2])
def test_damaged_cache_tables_change_no_mention_and_are_made_again(shift: int, tmp_path) -> None:
    """Each table gets another kind of damage in each run (every kind meets at least two tables)."""
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    cache_home = tmp_path / "cache"  # empty: every table is made by the first run
    expected = analyze(article, cache_home)
    tables = sorted((cache_home / "arabic-reader").iterdir())
    assert sorted({p.name.split("-")[0] for p in tables}) == ["camel", "clusters", "lexicon", "network", "word"], tables
    sizes = {}
    for k, table in enumerate(tables):
        sizes[table.name] = table.stat().st_size
        table.write_bytes(damaged(table.read_bytes(), DAMAGE[(k + shift) % len(DAMAGE)]))
    assert analyze(article, cache_home) == expected
    assert {p.name: p.stat().st_size for p in (cache_home / "arabic-reader").iterdir()} == sizes  # made again
