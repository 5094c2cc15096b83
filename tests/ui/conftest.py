"""Shared fixtures for the Qt tests: offscreen platform, an INI settings store under tmp_path."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import: no display in CI

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture
def settings(tmp_path) -> QSettings:
    """A fresh INI settings store in the test's own folder (never the user's)."""
    from reader.ui.settings import open_settings

    return open_settings(str(tmp_path / "settings.ini"))


# --- The reader window (napari's make_napari_viewer idea): windows built for a
# test are closed and deleted after it, and the test fails if a top-level
# widget it created outlives its window.

from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

from reader.document import Span  # noqa: E402
from reader.entity_types import EntityType  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "mosul-offensive.txt"

#: A fixed recognizer for the window tests: they test the window, not the
#: model, so they must not change when the model is retrained.
GAZETTEER: dict[str, EntityType] = {
    "حيدر العبادي": EntityType.PERSON,
    "العبادي": EntityType.PERSON,
    "آشتون كارتر": EntityType.PERSON,
    "كارتر": EntityType.PERSON,
    "الموصل": EntityType.PLACE,
    "بغداد": EntityType.PLACE,
    "أربيل": EntityType.PLACE,
    "العراق": EntityType.PLACE,
    "تلعفر": EntityType.PLACE,
    "داعش": EntityType.ORGANIZATION,
    "الأمم المتحدة": EntityType.ORGANIZATION,
}


class GazetteerRecognizer:
    """Tags the words of ``GAZETTEER``; a proclitic before one is left out of
    the span (بالموصل → الموصل), so partial-word highlights are exercised."""

    name = "test gazetteer"

    def __init__(self, delay_s: float = 0.0, chunk_tokens: int | None = None) -> None:
        self.delay_s = delay_s  # per chunk: makes long documents slow on purpose
        if chunk_tokens is not None:
            self.chunk_tokens = chunk_tokens

    def recognize(self, doc) -> list[Span]:
        import time

        from reader.analysis.arabic import base_form

        if self.delay_s:
            time.sleep(self.delay_s)
        tokens = list(doc.tokens)
        spans: list[Span] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if i + 1 < len(tokens):
                pair = doc.text[token.start : tokens[i + 1].end]
                if pair in GAZETTEER:
                    spans.append(Span(token.start, tokens[i + 1].end, GAZETTEER[pair]))
                    i += 2
                    continue
            base = token.text if token.text in GAZETTEER else base_form(token.text)
            if base in GAZETTEER and token.text.endswith(base):
                spans.append(Span(token.end - len(base), token.end, GAZETTEER[base]))
            i += 1
        return spans


@pytest.fixture
def make_window(qtbot, settings, tmp_path) -> Iterator[Callable[..., object]]:
    """``make_window(recognizer=None, **kwargs)`` → a shown ``MainWindow`` using the test settings."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from reader.corrections import UserStore
    from reader.ui.settings import Cache, Preferences
    from reader.ui.window.main_window import MainWindow

    before = {id(w) for w in QApplication.topLevelWidgets()}
    windows: list[MainWindow] = []

    def factory(recognizer=None, **kwargs) -> MainWindow:
        recognizer = recognizer or GazetteerRecognizer()
        kwargs.setdefault("interactive", False)
        kwargs.setdefault("allow_bert", False)
        # The reader's corrections: a database of the test's own.
        kwargs.setdefault("open_store", lambda: UserStore.open(tmp_path / "corrections.sqlite3"))
        window = MainWindow(Preferences(settings), Cache(settings), recognizer_factory=lambda: recognizer, **kwargs)
        window.resize(1200, 800)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield factory

    for window in windows:
        window.close()
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    leaked = [
        w
        for w in QApplication.topLevelWidgets()
        if id(w) not in before and w.isVisible() and not w.objectName().startswith("qt_")
    ]
    assert not leaked, f"widgets outlived their window: {leaked}"


@pytest.fixture
def sample() -> Path:
    """The sample article every window test opens."""
    return SAMPLE


@pytest.fixture
def gazetteer() -> Callable[..., GazetteerRecognizer]:
    """``gazetteer(delay_s=0, chunk_tokens=None)``: a recognizer, slow on request."""
    return GazetteerRecognizer


@pytest.fixture
def open_and_wait(qtbot) -> Callable[..., None]:
    """``open_and_wait(window, path=SAMPLE)``: open and wait until analyzed and painted."""

    def open_file(window, path: Path | str = SAMPLE, timeout_ms: int = 30_000) -> None:
        with qtbot.waitSignal(window.ready, timeout=timeout_ms):
            assert window.open_file(path), window.last_error

    return open_file


def _merged(mentions) -> list[tuple[int, int, EntityType]]:
    """Mention spans as the document holds them: touching spans of one type read as one."""
    spans: list[tuple[int, int, EntityType]] = []
    for m in mentions:
        if spans and spans[-1][1] == m.start and spans[-1][2] is m.type:
            spans[-1] = (spans[-1][0], m.end, m.type)
        else:
            spans.append((m.start, m.end, m.type))
    return spans


@pytest.fixture
def merged():
    """``merged(mentions)``: the highlight spans a view should show for ``mentions``."""
    return _merged
