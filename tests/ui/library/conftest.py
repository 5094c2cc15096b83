"""A small library for the library window's tests: generated articles, indexed once."""

from __future__ import annotations

import shutil

import pytest

from reader.library import Indexer
from reader.library.corpus import generate


@pytest.fixture(scope="session")
def library_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("library-articles")
    generate(folder, 16, seed=8, words=180)
    return folder


@pytest.fixture(scope="session")
def built_library(library_folder, tmp_path_factory):
    """The folder indexed: the library's path. Tests must not change it."""
    path = tmp_path_factory.mktemp("library-db") / "library.sqlite3"
    for _ in Indexer([str(library_folder)], path, jobs=1).run():
        pass
    return str(path)


@pytest.fixture
def library_window(qtbot, built_library):
    """A shown ``LibraryWindow`` on the built library, its lists loaded and the top entity shown."""
    from reader.ui.library.qt_library_window import LibraryWindow

    window = LibraryWindow(built_library)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.details_shown, timeout=30_000):
        window.show()
    qtbot.waitUntil(lambda: window.article_model.rowCount() > 0, timeout=10_000)
    yield window
    window.shut_down()


@pytest.fixture
def fresh_folder(library_folder, tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(library_folder, folder)
    return folder
