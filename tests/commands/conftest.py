"""A folder of generated articles and its library, for the library's subcommands."""

from __future__ import annotations

import pytest

from reader.cli import main
from reader.library.corpus import generate


@pytest.fixture(scope="session")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    generate(folder, 12, seed=3, words=200)
    return folder


@pytest.fixture(scope="session")
def library(folder, tmp_path_factory):
    path = tmp_path_factory.mktemp("library") / "library.sqlite3"
    assert main(["index", str(folder), "--library", str(path), "--jobs", "1"]) == 0
    return path
