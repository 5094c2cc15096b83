"""A small generated library folder, shared by the library tests (generated once per session)."""

from __future__ import annotations

import shutil

import pytest

from reader.library.corpus import generate

from .helpers import index


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """A folder of 24 generated articles (text, Windows-1256, HTML, Markdown)."""
    folder = tmp_path_factory.mktemp("corpus")
    generate(folder, 24, seed=5, words=250)
    return folder


@pytest.fixture(scope="session")
def indexed(corpus, tmp_path_factory):
    """The corpus indexed once: (library path, summary). Tests must not change it."""
    library = tmp_path_factory.mktemp("indexed") / "library.sqlite3"
    summary, _ = index([corpus], library)
    return library, summary


@pytest.fixture
def articles(corpus, tmp_path):
    """A private copy of the corpus a test may change."""
    folder = tmp_path / "articles"
    shutil.copytree(corpus, folder)
    return folder
