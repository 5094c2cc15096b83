"""Tests for reader/ui/article/disposal.py: a long article let go of a slice at a time."""

from __future__ import annotations

import weakref

from PySide6.QtGui import QTextDocument

from reader.ui.article import disposal as disposal_module
from reader.ui.article.disposal import Disposal


class Item:
    """An object whose freeing can be watched."""


def test_items_are_let_go_of_over_several_turns(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(disposal_module, "SLICE", 10)
    trash = Disposal()
    items = [Item() for _ in range(35)]
    watched = [weakref.ref(i) for i in items]
    trash.later(tuple(items), {Item()})
    del items
    assert all(w() is not None for w in watched)  # kept: nothing freed in the caller's turn
    assert trash.pending() == 36
    qtbot.waitUntil(lambda: trash.pending() == 0, timeout=5_000)
    assert all(w() is None for w in watched)


def test_a_retired_document_is_emptied_then_deleted(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(disposal_module, "DOCUMENT_SLICE", 1_000)
    trash = Disposal()
    document = QTextDocument()
    document.setPlainText("بغداد الموصل\n" * 500)
    lengths: list[int] = []
    document.contentsChanged.connect(lambda: lengths.append(document.characterCount()))
    deleted = []
    document.destroyed.connect(lambda: deleted.append(True))
    trash.document(document)
    qtbot.waitUntil(lambda: bool(deleted), timeout=5_000)
    assert len(lengths) >= 6 and lengths == sorted(lengths, reverse=True)  # emptied in slices, from the end
