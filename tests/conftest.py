"""Fixtures for every test: the user's data folder is a fresh temporary one.

Tests (and the command lines they run) must never read or write the real
user's lexicon and corrections: ``ARABIC_READER_DATA`` points at a folder of
the session's own, set before any test runs.
"""

from __future__ import annotations

import os

import pytest


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
