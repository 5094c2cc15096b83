"""The menus and the file actions work from what they are given: a QMainWindow to sit in,
commands, stores; never the reader window itself (reader/ui/window/menus.py, files.py)."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtWidgets import QDockWidget, QMainWindow

from reader.document import Source
from reader.entity_types import EntityType
from reader.ui.jobs.article_session import ArticleSession
from reader.ui.settings import Cache, Preferences
from reader.ui.window.files import ArticleFiles
from reader.ui.window.menus import MenuCommands, WindowMenus


def recording_commands(calls: list[tuple]) -> MenuCommands:
    def recorder(name: str):
        return lambda *args: calls.append((name, *args))

    return MenuCommands(**{f.name: recorder(f.name) for f in fields(MenuCommands)})


def test_menus_run_the_commands_they_are_given(qtbot, settings) -> None:
    host = QMainWindow()
    qtbot.addWidget(host)
    dock = QDockWidget(host)
    calls: list[tuple] = []
    menus = WindowMenus(
        host, recording_commands(calls), Preferences(settings), Cache(settings), dock.toggleViewAction()
    )
    menus.build()
    for key, command in [
        ("open", "open"),
        ("export", "export"),
        ("stop", "stop"),
        ("find", "find"),
        ("next", "next_mention"),
        ("zoom_reset", "zoom_reset"),
        ("about", "about"),
    ]:
        menus.actions[key].trigger()
        assert calls[-1] == (command,)
    menus.actions["bert"].trigger()
    assert calls[-1] == ("set_use_bert", True)
    menus.type_actions[EntityType.FIGURE].trigger()
    assert calls[-1] == ("set_type_enabled", EntityType.FIGURE, False)
    menus.set_types_checked({EntityType.PERSON})  # told: no command runs
    assert not menus.type_actions[EntityType.PLACE].isChecked() and calls[-1][0] == "set_type_enabled"
    menus.encoding_menu.actions()[0].trigger()
    assert calls[-1][0] == "reopen_with_encoding"
    menus.set_position(3, 12)
    menus.build()  # a language change rebuilds everything: the position survives
    assert menus.position_label.text() == "3 / 12"
    menus.set_enabled(
        has_source=False,
        has_file=False,
        can_export=False,
        can_stop=False,
        has_mentions=False,
        bert=(False, "not installed"),
    )
    assert not menus.actions["export"].isEnabled() and menus.actions["bert"].toolTip() == "not installed"


class Position:
    def __init__(self) -> None:
        self.offset = 0

    def first_visible_offset(self) -> int:
        return self.offset

    def scroll_to_offset(self, offset: int) -> None:
        self.offset = offset


def test_files_remember_positions_and_recent_files_through_the_cache(qtbot, settings, tmp_path) -> None:
    host = QMainWindow()
    qtbot.addWidget(host)
    article = tmp_path / "article.txt"
    article.write_text("نص", encoding="utf-8")
    session, cache, position = ArticleSession(host), Cache(settings), Position()
    files = ArticleFiles(session, cache, position, host)
    changes: list[str] = []
    files.recent_changed.connect(lambda: changes.append("recent"))
    files.shown(Source("نص", path=str(article)))
    position.offset = 1
    files.leaving()
    assert cache.recent_files() == [str(article.resolve())] and changes == ["recent"]
    assert cache.scroll_position(article) == 1
    with qtbot.waitSignal(files.error) as error:
        files.export_dialog()  # nothing analyzed yet
    assert error.args == ["Nothing to export yet: the analysis is not finished."]
    article.unlink()
    files.failed(str(article))  # gone: it leaves Open Recent
    assert cache.recent_files() == [] and changes == ["recent", "recent"]
    session.close()
