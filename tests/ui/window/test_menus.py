"""Tests for reader/ui/window/menus.py: every action reachable by keyboard, the font menu, the language menu."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QApplication, QFontDialog

from reader.entity_types import EntityType
from reader.ui import i18n
from reader.ui.actions import MENU_ONLY
from reader.ui.article.qt_reading_view import FONT_CHOICES, installed_fonts
from reader.ui.entities.entity_model import ENTITY_ID_ROLE

#: The menus whose entries are choices from a list, reached through mnemonics by design.
CHOICE_MENUS = {"Open &Recent", "Reopen with E&ncoding", "&Theme", "&Language", "Fo&nt"}


SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "samples" / "mosul-offensive.txt"


def walk(actions, path=()) -> Iterator[tuple[tuple[str, ...], QAction]]:
    """(menu titles leading to it, action) for every action under ``actions``, submenus included."""
    for action in actions:
        if action.isSeparator():
            continue
        if action.menu() is not None:
            yield from walk(action.menu().actions(), (*path, action.text()))
        else:
            yield path, action


def shortcut_of(action: QAction) -> str:
    # The type toggles show the legend buttons' Alt+N after a tab: the buttons own the keys.
    return action.shortcut().toString() or action.text().partition("\t")[2]


def test_every_action_has_a_shortcut_or_is_a_choice_by_design(make_window) -> None:
    window = make_window()
    window.cache.add_recent_file(__file__)  # so Open Recent has entries
    window.menus.recent_menu.refresh()
    missing, choices = [], set()
    for path, action in walk(window.menuBar().actions()):
        if action.property(MENU_ONLY):
            choices.add(path[-1])
        elif not shortcut_of(action):
            missing.append(" ▸ ".join((*path, action.text())))
    assert missing == []
    assert choices == CHOICE_MENUS
    toolbar = [a for a in window.menus.toolbar.actions() if not a.isSeparator() and a.text()]
    assert toolbar and all(shortcut_of(a) for a in toolbar)


def test_no_two_actions_share_a_shortcut(make_window) -> None:
    window = make_window()
    seen: dict[str, str] = {}
    clashes = []
    for _path, action in walk(window.menuBar().actions()):
        for key in action.shortcuts():
            text = key.toString()
            if text in seen and seen[text] != action.text():
                clashes.append((text, seen[text], action.text()))
            seen[text] = action.text()
    legend_keys = {button.shortcut().toString() for button in window.area.legend.buttons.values()}
    assert clashes == [] and not legend_keys & set(seen)


def test_esc_closes_find_while_an_analysis_can_be_stopped(qtbot, make_window, sample, gazetteer) -> None:
    window = make_window(recognizer=gazetteer(delay_s=0.2, chunk_tokens=40))
    window.open_file(sample)
    qtbot.waitUntil(lambda: window.analysis is not None, timeout=30_000)
    assert window.menus.actions["stop"].isEnabled()
    window.area.finder.open_find()
    qtbot.keyClick(window.area.find_bar.field, Qt.Key.Key_Escape)
    assert not window.area.find_bar.isVisible()
    assert window.session.is_busy()  # Esc in the find field did not stop the analysis
    window.area.view.setFocus()
    with qtbot.waitSignal(window.session.stopped, timeout=10_000):
        qtbot.keyClick(window.area.view, Qt.Key.Key_Escape)  # elsewhere it does


def font_actions(window) -> dict[str, QAction]:
    return {a.text(): a for a in window.menus.font_menu.actions() if not a.isSeparator()}


def test_font_menu_offers_installed_fonts_and_remembers_the_choice(make_window) -> None:
    window = make_window()
    fonts = installed_fonts(FONT_CHOICES)
    if len(fonts) < 2:
        pytest.skip("fewer than two of the Arabic fonts are installed (fonts-noto-core)")
    actions = font_actions(window)
    automatic = next(text for text in actions if text.startswith("&Automatic"))
    assert actions[automatic].isChecked() and window.area.view.best_font() in automatic
    assert [t for t in actions if t in FONT_CHOICES] == fonts
    other = fonts[1]
    actions[other].trigger()
    assert window.area.view.font_family() == other and window.preferences.font_family == other
    assert window.area.view.document().defaultFont().family() == other
    assert font_actions(window)[other].isChecked()
    again = make_window()  # a new session starts in the chosen font
    assert again.area.view.font_family() == other
    font_actions(again)[automatic].trigger()
    assert again.preferences.font_family == "" and again.area.view.font_family() == again.area.view.best_font()


def test_other_font_uses_the_font_dialog(make_window, monkeypatch) -> None:
    window = make_window()
    chosen = QFont("DejaVu Sans")
    chosen.setPointSizeF(20)
    monkeypatch.setattr(QFontDialog, "getFont", lambda *args, **kwargs: (True, chosen))
    window.menus.actions["font"].trigger()
    assert window.preferences.font_family == "DejaVu Sans" and window.preferences.font_size == 20
    assert window.area.view.font_size() == 20
    assert font_actions(window)["DejaVu Sans"].isChecked()
    monkeypatch.setattr(QFontDialog, "getFont", lambda *args, **kwargs: (False, QFont("Amiri")))
    window.menus.actions["font"].trigger()  # cancelled: nothing changes
    assert window.preferences.font_family == "DejaVu Sans"


@pytest.mark.skipif(i18n.lrelease_command() is None, reason="Qt's lrelease is not installed")
def test_language_switches_at_runtime_and_is_remembered(qtbot, make_window, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(i18n, "default_cache_dir", lambda: tmp_path)  # compiled .qm out of the user's cache
    app = QApplication.instance()
    window = make_window()
    with qtbot.waitSignal(window.ready, timeout=30_000):
        window.open_file(SAMPLE)
    tree, model = window.panel.tree, window.panel.model
    place = model.index_of_entity(next(e.id for e in window.analysis.entities if e.name == "الموصل"))
    tree.collapse(model.index_of_group(window.analysis.entities[0].type))
    tree.expand(place)
    expanded = {t: tree.isExpanded(model.index_of_group(t)) for t in model.group_types()}
    try:
        arabic = next(a for _p, a in walk(window.menuBar().actions()) if a.text() == "العربية")
        arabic.trigger()
        qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() != "&File", timeout=5_000)
        assert next(a.text() for a in window.menuBar().actions()) == "&ملف"
        # The panel keeps its groups as they were, with labels in Arabic, and its sort box fits its text.
        assert {t: tree.isExpanded(model.index_of_group(t)) for t in model.group_types()} == expanded
        assert tree.isExpanded(model.index_of_entity(place.data(ENTITY_ID_ROLE)))
        assert model.index_of_group(EntityType.PLACE).data().startswith("أماكن")
        box = window.panel.sort_box
        qtbot.waitUntil(lambda: box.width() >= box.sizeHint().width(), timeout=5_000)
        longest = max(box.fontMetrics().horizontalAdvance(box.itemText(i)) for i in range(box.count()))
        assert box.width() > longest
        assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.preferences.language == "ar"
        assert window.menus.actions["open"].text() == "&فتح…"
        assert window.menus.actions["stop"] is window.status.cancel_button.defaultAction()
        english = next(a for _p, a in walk(window.menuBar().actions()) if a.text() == "English")
        english.trigger()
        qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "&File", timeout=5_000)
        assert window.preferences.language == "en"
    finally:
        i18n.install_translator(app, "en", cache_dir=tmp_path)
    assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight


def mnemonic_clashes(actions, where="menu bar") -> list[tuple[str, str, list[str]]]:
    """(menu, letter, entries) wherever two entries of one menu share their &-letter."""
    by_letter: dict[str, list[str]] = {}
    clashes = []
    for action in actions:
        if action.isSeparator():
            continue
        text = action.text().partition("\t")[0].replace("&&", "")
        at = text.find("&")
        if at >= 0 and at + 1 < len(text):
            by_letter.setdefault(text[at + 1].casefold(), []).append(text)
        if action.menu() is not None:
            clashes += mnemonic_clashes(action.menu().actions(), text)
    clashes += [(where, letter, texts) for letter, texts in by_letter.items() if len(texts) > 1]
    return clashes


def test_no_two_entries_of_a_menu_share_a_mnemonic(qtbot, make_window, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(i18n, "default_cache_dir", lambda: tmp_path)
    app = QApplication.instance()
    window = make_window()
    assert mnemonic_clashes(window.menuBar().actions()) == []
    try:
        i18n.install_translator(app, "ar", cache_dir=tmp_path)
        qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() != "&File", timeout=5_000)
        clashes = mnemonic_clashes(window.menuBar().actions())
        assert clashes == [], "\n".join(map(str, clashes))
    finally:
        i18n.install_translator(app, "en", cache_dir=tmp_path)
