"""A small generated library folder, shared by the library tests (generated once per session)."""

from __future__ import annotations

import pytest

from .helpers import generated_articles, indexed_library, private_copy


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """A folder of 24 generated articles."""
    return generated_articles(tmp_path_factory, 24, seed=5, words=250)


@pytest.fixture(scope="session")
def indexed(corpus, tmp_path_factory):
    """The corpus indexed once: (library path, summary). Tests must not change it."""
    return indexed_library(tmp_path_factory, corpus)


@pytest.fixture
def articles(corpus, tmp_path):
    """A private copy of the corpus a test may change."""
    return private_copy(corpus, tmp_path)
