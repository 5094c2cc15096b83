"""A small library for the library window's tests: generated articles, indexed once."""

from __future__ import annotations

import pytest

from library.helpers import generated_articles, indexed_library, private_copy


@pytest.fixture(scope="session")
def library_folder(tmp_path_factory):
    return generated_articles(tmp_path_factory, 16, seed=8, words=180)


@pytest.fixture(scope="session")
def built_library(library_folder, tmp_path_factory):
    """The folder indexed: the library's path. Tests must not change it."""
    return str(indexed_library(tmp_path_factory, library_folder)[0])


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
    return private_copy(library_folder, tmp_path)
