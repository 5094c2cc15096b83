"""The hostile-input corpus through the window: every case of ``test_corpus.INPUT_CASES`` opened in it.

A file the command line refuses gives the window the same one-line reason
(never a traceback) and the start page stays, saying why. A readable one is
shown character for character where ``Utf16Index`` says (bidi controls as
labels, never obeyed), with exactly its mentions highlighted. One window,
with the real offline model in its analysis process, opens them all in turn,
as a reader might.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

import pytest

from reader.invisible import CONTROLS

from .test_corpus import INPUT_CASES, Case, prepare


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    """The reader window with the offline model (no theme or language installed on the app)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from reader.ui.settings import Cache, Preferences, open_settings
    from reader.ui.window.main_window import MainWindow

    settings = open_settings(str(tmp_path_factory.mktemp("settings") / "s.ini"))
    shown = MainWindow(Preferences(settings), Cache(settings), interactive=False, allow_bert=False)
    shown.resize(900, 600)
    shown.show()
    yield shown
    shown.close()
    shown.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def units(text: str) -> list[str]:
    data = text.encode("utf-16-le", "surrogatepass")
    return [data[i : i + 2].decode("utf-16-le", "surrogatepass") for i in range(0, len(data), 2)]


@pytest.mark.parametrize("case", [c for c in INPUT_CASES if not c.args], ids=lambda c: c.name)
def test_window(case: Case, window, tmp_path: Path, qtbot) -> None:
    path = prepare(case, tmp_path)
    if case.exit:
        before = window.source
        with qtbot.waitSignal(window.error_shown, timeout=60_000) as shown:
            window.open_file(path)
        line = shown.args[0]
        assert "\n" not in line and "Traceback" not in line
        assert re.fullmatch(re.escape(case.prefix.format(path=path)) + case.message, line), line
        assert window.source is before  # what was shown stays (the start page, at first)
        if before is None:
            assert window.pages.currentWidget() is window.start_page and window.start_page.error_label.text() == line
        return
    with qtbot.waitSignal(window.ready, timeout=300_000):
        window.open_file(path)
    view = window.area.view
    text = window.source.text
    document = units(window.area.view.document().toRawText())
    index = view.index
    for offset, char in enumerate(text):
        position = index.to_utf16(offset)
        expected = "\ufffc" if char in CONTROLS else "\u2029" if char == "\n" else char
        assert document[position : position + len(units(char))] == units(expected), offset
    assert len(document) == index.utf16_length
    highlighted = {(i, t) for start, end, t in view.highlighted_spans() for i in range(start, end)}
    assert highlighted == {(i, m.type) for m in window.analysis.mentions for i in range(m.start, m.end)}
    assert window.pages.currentWidget() is window.area
