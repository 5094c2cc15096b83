"""Correcting in the window: keys 1–4, the context menus, the entity panel, undo and redo, the lexicon."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import QMenu

from reader.corrections import Mark, Unmark, UserStore
from reader.document import check_analysis, document_key
from reader.entity_types import EntityType

P, L, O = EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION


@pytest.fixture
def window(make_window, open_and_wait):
    window = make_window()
    open_and_wait(window)
    yield window
    menu = getattr(window, "last_menu", None)
    if menu is not None and shiboken6.isValid(menu):
        menu.close()  # a popup left open would grab the next test's input


def store_of(window) -> UserStore:
    store = window.corrections.store()
    assert store is not None
    return store


def stored(window) -> list:
    return store_of(window).corrections(document_key(window.source.text))


def select(window, start: int, end: int) -> None:
    view = window.area.view
    s16, e16 = view.index.span_to_utf16(start, end)
    cursor = QTextCursor(view.document())
    cursor.setPosition(s16)
    cursor.setPosition(e16, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.setFocus()


def find(window, text: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = window.source.text.index(text, at + 1)
    return at, at + len(text)


def mention(window, start: int, end: int):
    return next((m for m in window.analysis.mentions if (m.start, m.end) == (start, end)), None)


def wait_painted(qtbot, window) -> None:
    qtbot.waitUntil(window.area.view.painter.is_idle, timeout=5000)


def action_named(menu: QMenu, text: str) -> QAction:
    """The action whose text (without mnemonic or shortcut) is ``text``, searching submenus."""
    for action in menu.actions():
        if action.menu() is not None:
            found = _maybe(action.menu(), text)
            if found is not None:
                return found
        if action.text().replace("&", "").split("\t")[0] == text:
            return action
    raise AssertionError(f"no {text!r} in {[a.text() for a in menu.actions()]}")


def _maybe(menu: QMenu, text: str) -> QAction | None:
    try:
        return action_named(menu, text)
    except AssertionError:
        return None


def test_key_marks_the_selection_and_shows_it_as_corrected(qtbot, window) -> None:
    start, end = find(window, "القوات العراقية")
    select(window, start, end)
    qtbot.keyClick(window.area.view, Qt.Key.Key_3)  # 3: organization
    # Painted at once (before the regrouping, which follows on the next turn of the event loop).
    assert (start, end, "organization:correction") in window.area.view.painter._painted
    qtbot.waitUntil(lambda: mention(window, start, end) is not None)
    wait_painted(qtbot, window)
    marked = mention(window, start, end)
    assert marked is not None and (marked.type, marked.source) == (O, "correction")
    assert (start, end, O) in window.area.view.highlighted_spans()
    assert stored(window) == [Mark(start, end, O)]
    assert "corrected by you" in window.area.view.tooltip_text(marked)
    check_analysis(window.analysis)


def test_the_keys_show_in_the_menu_and_act_only_in_the_text(qtbot, window) -> None:
    person = window.menus.mark_actions[P]
    assert person.shortcut() == QKeySequence("1")
    window.panel.filter_field.setFocus()
    qtbot.keyClick(window.panel.filter_field, Qt.Key.Key_1)
    assert window.panel.filter_field.text() == "1" and stored(window) == []


def test_undo_and_redo_with_the_keyboard_are_stored(qtbot, window) -> None:
    start, end = find(window, "القوات العراقية")
    select(window, start, end)
    qtbot.keyClick(window.area.view, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: mention(window, start, end) is not None)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert mention(window, start, end) is None and stored(window) == []
    assert window.menus.actions["redo"].isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert mention(window, start, end) is not None and stored(window) == [Mark(start, end, O)]
    wait_painted(qtbot, window)
    assert (start, end, O) in window.area.view.highlighted_spans()


def test_the_context_menu_over_a_highlight_removes_it(qtbot, window) -> None:
    start, end = find(window, "تلعفر")
    assert mention(window, start, end) is not None
    window.show_text_menu(QPoint(10, 10), start + 1, start + 1)
    menu = window.last_menu
    for text in ("Change Type", "Not an Entity Anywhere", "Rename…", "Merge With…", "Split Off"):
        action_named(menu, text)
    action_named(menu, "Remove Highlight").trigger()
    menu.close()
    assert mention(window, start, end) is None
    assert stored(window) == [Unmark(start, end)]


def test_the_context_menu_over_a_selection_offers_the_types_with_their_keys(window) -> None:
    start, end = find(window, "القوات العراقية")
    window.show_text_menu(QPoint(10, 10), start, end)
    menu = window.last_menu
    assert action_named(menu, "Organization").shortcut() == QKeySequence("3")
    action_named(menu, "Copy")
    menu.close()


def test_retype_from_the_highlight_changes_every_mention(window) -> None:
    start, _end = find(window, "الموصل")
    window.show_text_menu(QPoint(10, 10), start, start)
    menu = window.last_menu
    action_named(menu, "Organization").trigger()  # Change Type ▸ Organization
    menu.close()
    mosul = window.analysis.entity("organization:موصل")
    assert mosul.count >= 3 and not window.analysis.has_entity("place:موصل")


def test_never_tag_goes_to_the_lexicon_and_applies_everywhere(qtbot, window) -> None:
    start, _end = find(window, "تلعفر")
    window.show_text_menu(QPoint(10, 10), start, start)
    menu = window.last_menu
    action_named(menu, "Not an Entity Anywhere").trigger()
    menu.close()
    assert all(m.text != "تلعفر" for m in window.analysis.mentions)
    assert [e.text for e in store_of(window).lexicon_entries()] == ["تلعفر"]
    window.corrections.undo_stack.undo()
    assert store_of(window).lexicon_entries() == []
    assert any(m.text == "تلعفر" for m in window.analysis.mentions)


def test_rename_and_merge_from_the_highlight(qtbot, window, monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("مدينة الموصل", True))
    start, _ = find(window, "الموصل")
    window.show_text_menu(QPoint(10, 10), start, start)
    action_named(window.last_menu, "Rename…").trigger()
    assert window.analysis.entity("place:موصل").name == "مدينة الموصل"
    assert "مدينة الموصل" in window.panel.visible_entity_names()

    monkeypatch.setattr("reader.ui.corrections.qt_entity_picker.pick_entity", lambda *args: "place:موصل")
    start, _ = find(window, "أربيل")
    window.show_text_menu(QPoint(10, 10), start, start)
    action_named(window.last_menu, "Merge With…").trigger()
    assert not window.analysis.has_entity("place:اربيل")
    assert "أربيل" in window.analysis.entity("place:موصل").variants


def select_entities(window, *ids: str) -> None:
    tree = window.panel.tree
    selection = tree.selectionModel()
    selection.clear()
    for entity_id in ids:
        index = window.panel.model.index_of_entity(entity_id)
        assert index.isValid(), entity_id
        selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)


def test_the_panel_merges_and_retypes_several(window) -> None:
    select_entities(window, "place:بغداد", "place:اربيل")
    assert window.panel.selected_entity_ids() == ["place:بغداد", "place:اربيل"] or set(
        window.panel.selected_entity_ids()
    ) == {"place:بغداد", "place:اربيل"}
    window.show_entity_menu(QPoint(10, 10), window.panel.selected_entity_ids())
    menu = window.last_menu
    action_named(menu, "Organization").trigger()  # Change Type ▸ Organization, both
    menu.close()
    assert window.analysis.has_entity("organization:بغداد") and window.analysis.has_entity("organization:اربيل")
    window.show_entity_menu(QPoint(10, 10), ["organization:بغداد", "organization:اربيل"])
    merge_into = next(a for a in window.last_menu.actions() if a.menu() is not None and "Merge" in a.text())
    merge_into.menu().actions()[0].trigger()
    assert len([e for e in window.analysis.entities if e.id in ("organization:بغداد", "organization:اربيل")]) == 1
    # One undo step per request: two undos bring both places back.
    window.corrections.undo_stack.undo()
    window.corrections.undo_stack.undo()
    assert window.analysis.has_entity("place:بغداد") and window.analysis.has_entity("place:اربيل")


def test_corrections_are_there_when_the_article_is_opened_again(qtbot, make_window, open_and_wait, tmp_path) -> None:
    first = make_window()
    open_and_wait(first)
    start, end = find(first, "القوات العراقية")
    first.corrections.mark(start, end, O)
    second = make_window()
    open_and_wait(second)
    assert mention(second, start, end) is not None
    assert mention(second, start, end).source == "correction"
    assert not second.corrections.undo_stack.canUndo()  # the history lasts until the article is closed


def test_export_writes_the_corrected_analysis(qtbot, window, tmp_path) -> None:
    import json

    start, end = find(window, "القوات العراقية")
    window.corrections.mark(start, end, O)
    out = tmp_path / "out.json"
    with qtbot.waitSignal(window.files.exported, timeout=10_000):
        window.files.export_to(out)
    sources = {(m["start"], m["end"]): m["source"] for m in json.loads(out.read_text(encoding="utf-8"))["mentions"]}
    assert sources[(start, end)] == "correction"


def test_the_window_starts_without_the_matching_code() -> None:
    """camel-tools takes seconds to import: the corrections load it on first use, not at start."""
    import subprocess
    import sys

    code = "import sys, reader.ui.window.main_window; sys.exit(1 if 'camel_tools' in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code], timeout=120).returncode == 0
