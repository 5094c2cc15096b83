"""A folder of generated articles and its library, for the library's subcommands."""

from __future__ import annotations

import pytest

from library.helpers import generated_articles, indexed_library
from reader.corrections.store import read_user_data


@pytest.fixture(scope="session")
def folder(tmp_path_factory):
    return generated_articles(tmp_path_factory, 12, seed=3, words=200)


@pytest.fixture(scope="session")
def library(folder, tmp_path_factory):
    """The folder indexed with the user's (empty) data, as ``arabic-reader index`` does."""
    return indexed_library(tmp_path_factory, folder, read_user_data(warn=print))[0]
