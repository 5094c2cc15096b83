"""Hostile input to the cache folder: the tables the analysis keeps there (camel-tools' character
sets, the word usage, the packed word clusters and network words), damaged in every way a disk or a
person can damage them, change nothing in what the analysis finds and are made again."""

from __future__ import annotations

import os
import shutil
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


@pytest.mark.parametrize("how", ["truncated", "flipped", "empty", "garbage"])
def test_damaged_cache_tables_change_no_mention_and_are_made_again(how: str, tmp_path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    cache_home = tmp_path / "cache"
    shutil.copytree(Path(os.environ["XDG_CACHE_HOME"]), cache_home, symlinks=False)  # the session's, copied
    expected = analyze(article, cache_home)
    tables = sorted(p for p in (cache_home / "arabic-reader").iterdir() if p.suffix in (".bin", ".marshal"))
    kinds = {p.name.split("-")[0] for p in tables}
    assert {"camel", "word", "clusters", "network"} <= kinds, tables
    sizes = {}
    for table in tables:
        sizes[table.name] = table.stat().st_size
        table.write_bytes(damaged(table.read_bytes(), how))
    assert analyze(article, cache_home) == expected
    for table in tables:
        assert table.stat().st_size == sizes[table.name], f"{table.name} was not made again"
