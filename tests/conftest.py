"""Fixtures for every test: the user's data and cache folders are fresh temporary ones.

Tests (and the command lines they run) must never read or write the real
user's lexicon and corrections: ``ARABIC_READER_DATA`` points at a folder of
the session's own, set before any test runs. The cache folder
(``XDG_CACHE_HOME``) is the session's too, so the tables made from the
models tests train do not pile up in the user's; it starts with links to the
user's tables of installed packages (camel-tools' character sets, the word
usage), which take seconds to build.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.analysis.cache import default_cache_dir

#: The user's cached tables a test session links to instead of building them again.
SHARED_TABLES = ("camel-charsets-v2-*", "word-usage-ar-wordfreq-*-packed.bin")


@pytest.fixture(scope="session", autouse=True)
def _private_data_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("user-data")
    previous = os.environ.get("ARABIC_READER_DATA")
    os.environ["ARABIC_READER_DATA"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("ARABIC_READER_DATA", None)
    else:
        os.environ["ARABIC_READER_DATA"] = previous


@pytest.fixture(scope="session", autouse=True)
def _private_cache_folder(tmp_path_factory):
    user_cache = default_cache_dir()
    root = tmp_path_factory.mktemp("cache")
    folder = root / user_cache.name
    folder.mkdir()
    for pattern in SHARED_TABLES:
        for table in user_cache.glob(pattern):
            (folder / table.name).symlink_to(table)
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(root)
    yield Path(folder)
    if previous is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = previous
