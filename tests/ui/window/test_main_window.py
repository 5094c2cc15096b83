"""Tests for reader/ui/window/main_window.py: the reader window opened on a sample article."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from reader.entity_types import EntityType


def test_highlights_match_the_mentions(merged, make_window, open_and_wait) -> None:
    window = make_window()
    open_and_wait(window)
    mentions = window.analysis.mentions
    assert len(mentions) > 20
    assert window.area.view.highlighted_spans() == merged(mentions)
    assert window.area.view.painter.painted_count() == len(mentions)


def test_window_title_status_and_legend(make_window, open_and_wait, sample, gazetteer) -> None:
    window = make_window()
    open_and_wait(window)
    assert window.windowTitle().startswith(sample.name)
    assert window.status.encoding_label.text() == "utf-8"
    assert "test gazetteer" in window.status.recognizer_label.text()
    counts = window.analysis.counts()
    assert window.area.legend.counts() == counts
    assert counts[EntityType.PLACE] >= 5 and counts[EntityType.FIGURE] >= 5


def test_clicking_an_entity_goes_to_its_first_mention(qtbot, make_window, open_and_wait) -> None:
    window = make_window()
    open_and_wait(window)
    entity = next(e for e in window.analysis.entities if e.name == "بغداد")
    index = window.panel.model.index_of_entity(entity.id)
    tree = window.panel.tree
    tree.scrollTo(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center())
    first = window.analysis.mentions[entity.mentions[0]]
    assert window.area.view.selection_offsets() == (first.start, first.end)
    assert window.area.view.textCursor().selectedText() == "بغداد"
    assert window.area.navigation.state() == (entity.id, 1, entity.count)
    assert window.menus.position_label.text() == f"1 / {entity.count}"
    assert len(window.area.view.marks.marks()) == entity.count


def test_next_and_previous_mentions_cycle_and_wrap(make_window, open_and_wait) -> None:
    window = make_window()
    open_and_wait(window)
    entity = max(window.analysis.entities, key=lambda e: e.count)
    assert entity.count >= 3
    window.area.navigation.select_entity(entity.id)
    starts = [window.analysis.mentions[i].start for i in entity.mentions]
    seen = []
    for _ in range(entity.count):
        window.area.navigation.next_mention()
        seen.append(window.area.view.selection_offsets()[0])
    assert seen == starts[1:] + starts[:1]  # wrapped back to the first
    window.area.navigation.previous_mention()
    assert window.area.view.selection_offsets()[0] == starts[-1]  # and backwards past the first
    assert window.menus.position_label.text() == f"{entity.count} / {entity.count}"


def test_keyboard_shortcuts_walk_the_mentions(qtbot, make_window, open_and_wait) -> None:
    window = make_window()
    open_and_wait(window)
    entity = max(window.analysis.entities, key=lambda e: e.count)
    window.area.navigation.select_entity(entity.id)
    window.area.view.setFocus()
    qtbot.keyClick(window.area.view, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert window.area.navigation.state()[1] == 2
    qtbot.keyClick(window.area.view, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert window.area.navigation.state()[1] == 1


def test_hiding_a_type_removes_its_highlights_and_panel_group(merged, make_window, open_and_wait) -> None:
    window = make_window()
    open_and_wait(window)
    assert EntityType.PLACE in window.panel.model.group_types()
    window.area.legend.buttons[EntityType.PLACE].click()
    window.area.view.painter.finish()
    spans = window.area.view.highlighted_spans()
    assert spans and all(t is not EntityType.PLACE for _s, _e, t in spans)
    shown = [m for m in window.analysis.mentions if m.type is not EntityType.PLACE]
    assert spans == merged(shown)
    assert EntityType.PLACE not in window.panel.model.group_types()
    assert EntityType.PLACE not in window.preferences.enabled_types  # remembered
    window.area.legend.buttons[EntityType.PLACE].click()
    window.area.view.painter.finish()
    assert window.area.view.highlighted_spans() == merged(window.analysis.mentions)
    assert EntityType.PLACE in window.panel.model.group_types()


def test_filter_ignores_clitics_and_diacritics(make_window, open_and_wait) -> None:
    window = make_window()
    open_and_wait(window)
    for query in ("بالموصل", "المَوْصِل", "موصل"):
        window.panel.filter_field.setText(query)
        window.panel.apply_filter()
        assert window.panel.visible_entity_names() == ["الموصل"], query
    window.panel.filter_field.setText("")
    window.panel.apply_filter()
    assert len(window.panel.visible_entity_names()) == len(window.analysis.entities)


def test_find_is_arabic_insensitive_and_wraps(make_window, open_and_wait) -> None:
    window = make_window()
    open_and_wait(window)
    window.area.finder.open_find()
    spans = window.area.finder.find("الموصل")
    text = window.source.text
    assert any(text[s - 1 : e] == "بالموصل" for s, e in spans)  # inside بالموصل too
    assert len(spans) == text.count("الموصل")
    window.area.find_bar.field.setText("الموصل")  # what typing would show
    window.area.find_bar.set_position(1, len(spans))
    for _ in range(len(spans)):
        window.area.finder.find_next()
    assert window.area.view.selection_offsets() == spans[0]  # wrapped
    assert window.area.find_bar.count_label.text() == f"1 / {len(spans)}"


def test_clicking_a_highlight_selects_its_entity(make_window, open_and_wait) -> None:
    window = make_window()
    open_and_wait(window)
    mention_index = next(i for i, m in enumerate(window.analysis.mentions) if m.text == "حيدر العبادي")
    window.area.navigation.go_to_mention(mention_index)
    entity_id = window.analysis.mentions[mention_index].entity
    assert window.panel.selected_entity_id() == entity_id
    tip = window.area.view.tooltip_text(window.analysis.mentions[mention_index])
    assert "حيدر العبادي" in tip and "People" in tip


def test_dropping_a_file_opens_it(qtbot, make_window, tmp_path) -> None:
    article = tmp_path / "dropped.txt"
    article.write_text("وصل الوفد إلى بغداد أمس.", encoding="utf-8")
    window = make_window()
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(article))])
    event = QDropEvent(
        QPoint(10, 10).toPointF(),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.ready, timeout=30_000):
        window.dropEvent(event)
    assert window.source.path == str(article.resolve()) or Path(window.source.path).name == "dropped.txt"
    assert [m.text for m in window.analysis.mentions] == ["بغداد"]


def test_recent_files_and_reading_position(qtbot, make_window, open_and_wait, sample, tmp_path) -> None:
    long_article = tmp_path / "long.txt"
    long_article.write_text("\n\n".join([sample.read_text(encoding="utf-8")] * 8), encoding="utf-8")
    window = make_window()
    open_and_wait(window, long_article)
    open_and_wait(window, sample)
    recent = window.cache.recent_files()
    assert [Path(p).name for p in recent[:2]] == ["mosul-offensive.txt", "long.txt"]
    assert [a.text() for a in window.menus.recent_menu.actions()][:2] == ["&1 mosul-offensive.txt", "&2 long.txt"]
    # Scroll into the long article, leave it, come back: the same place.
    open_and_wait(window, long_article)
    window.area.view.scroll_to_offset(len(long_article.read_text(encoding="utf-8")) // 2)
    place = window.area.view.first_visible_offset()
    assert place > 0
    open_and_wait(window, sample)
    window.menus.recent_menu.actions()[1].trigger()  # long.txt, from the menu
    qtbot.waitUntil(window.is_ready, timeout=30_000)
    qtbot.waitUntil(lambda: abs(window.area.view.first_visible_offset() - place) < 200, timeout=5_000)


def test_a_bad_file_shows_one_line_and_keeps_the_article(qtbot, make_window, open_and_wait, tmp_path) -> None:
    window = make_window()
    open_and_wait(window)
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    with qtbot.waitSignal(window.error_shown, timeout=10_000) as blocker:
        window.open_file(binary)
    message = blocker.args[0]
    assert message and "\n" not in message and "Traceback" not in message
    assert window.statusBar().currentMessage() == message
    assert window.source.path.endswith("mosul-offensive.txt")  # the article stays
    assert window.is_ready()  # and is still complete
    with qtbot.waitSignal(window.error_shown, timeout=10_000):
        window.open_file(tmp_path / "missing.txt")
    assert "missing.txt" in window.last_error


def test_the_start_page_until_an_article_is_shown(qtbot, make_window, monkeypatch, sample, tmp_path) -> None:
    """No blank page: at launch and after a failed first open, the start page offers Open, the recent
    files and dropping, and says why the file could not be opened."""
    window = make_window()
    assert window.pages.currentWidget() is window.start_page
    assert window.start_page.recent_list.isHidden()  # no recent files yet
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    with qtbot.waitSignal(window.error_shown, timeout=10_000):
        window.open_file(binary)
    assert window.pages.currentWidget() is window.start_page
    assert window.start_page.error_label.isVisible() and window.start_page.error_label.text() == window.last_error
    from reader.ui.window import qt_file_dialogs

    monkeypatch.setattr(qt_file_dialogs, "ask_article_path", lambda *args: str(sample))  # the reader picks it
    with qtbot.waitSignal(window.ready, timeout=30_000):
        window.start_page.open_button.click()
    assert window.pages.currentWidget() is window.area and not window.start_page.error_label.text()
    assert window.start_page.recent_paths() == [str(sample.resolve())]

    other = make_window()  # a new window lists the article, and a click on it opens it
    assert other.start_page.recent_paths() == [str(sample.resolve())]
    item = other.start_page.recent_list.item(0)
    with qtbot.waitSignal(other.ready, timeout=30_000):
        rect = other.start_page.recent_list.visualItemRect(item)
        qtbot.mouseClick(other.start_page.recent_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert other.pages.currentWidget() is other.area and other.source.path == str(sample.resolve())


def test_stale_results_are_dropped(qtbot, make_window, open_and_wait, sample, gazetteer, tmp_path) -> None:
    slow = gazetteer(delay_s=0.3, chunk_tokens=40)
    window = make_window(recognizer=slow)
    window.open_file(sample)  # slow: still running when the next file opens
    other = tmp_path / "other.txt"
    other.write_text("زار العبادي أربيل.", encoding="utf-8")
    slow.delay_s = 0.0
    open_and_wait(window, other)
    qtbot.wait(400)  # give any update of the first job time to arrive
    assert window.source.path.endswith("other.txt")
    assert [m.text for m in window.analysis.mentions] == ["العبادي", "أربيل"]


def test_long_analysis_runs_off_the_ui_thread_and_can_be_cancelled(
    qtbot, make_window, sample, gazetteer, tmp_path
) -> None:
    article = tmp_path / "long.txt"
    article.write_text("\n\n".join([sample.read_text(encoding="utf-8")] * 20), encoding="utf-8")
    window = make_window(recognizer=gazetteer(delay_s=0.2, chunk_tokens=60))
    updates = []
    window.session.worker.progressed.connect(updates.append)
    window.open_file(article)
    qtbot.waitUntil(lambda: len(updates) >= 1, timeout=30_000)
    assert window.session.worker.job_thread_id not in (None, threading.get_ident())
    qtbot.waitUntil(window.status.progress.isVisible, timeout=5_000)  # a long job shows its progress
    assert window.area.view.painter.painted_count() > 0  # partial results are shown already
    with qtbot.waitSignal(window.session.worker.stopped, timeout=10_000):
        window.status.cancel_button.click()
    assert not any(u.final for u in updates)
    assert not window.status.progress.isVisible()
    assert not window.is_ready()


def test_zoom_is_remembered(make_window) -> None:
    window = make_window()
    size = window.area.view.document().defaultFont().pointSizeF()
    window.menus.actions["zoom_in"].trigger()
    window.menus.actions["zoom_in"].trigger()
    assert window.area.view.document().defaultFont().pointSizeF() > size
    assert window.preferences.zoom == 2
    again = make_window()  # the next session starts at the same zoom
    assert again.area.view.zoom == 2 and again.area.view.document().defaultFont().pointSizeF() > size
    window.menus.actions["zoom_reset"].trigger()
    assert window.preferences.zoom == 0
    assert window.area.view.document().defaultFont().pointSizeF() == size


def test_opening_shows_progress_and_keeps_the_article_until_the_new_one_is_read(
    qtbot, make_window, open_and_wait, monkeypatch, tmp_path
) -> None:
    import time

    import reader.io
    from reader.io import load

    window = make_window()
    open_and_wait(window)
    other = tmp_path / "big-page.html"
    other.write_text(
        "<html><head><title>صفحة</title></head><body><p>وصل الوفد إلى بغداد.</p></body></html>", encoding="utf-8"
    )

    def slow_load(path, encoding=None):
        time.sleep(0.6)  # a page that takes a while to parse
        return load(path, encoding)

    monkeypatch.setattr(reader.io, "load", slow_load)
    window.open_file(other)
    assert window.statusBar().currentMessage() == "Opening big-page.html…"
    assert window.source.path.endswith("mosul-offensive.txt") and not window.is_ready()
    qtbot.waitUntil(window.status.progress.isVisible, timeout=5_000)  # a busy bar after a moment
    assert window.menus.actions["stop"].isEnabled()
    with qtbot.waitSignal(window.ready, timeout=30_000):
        pass
    assert window.windowTitle().startswith("صفحة")
    assert [m.text for m in window.analysis.mentions] == ["بغداد"]
    assert not window.status.progress.isVisible()


def test_reopen_with_another_encoding(qtbot, make_window, open_and_wait) -> None:
    from reader.resources import resource_path

    window = make_window()
    open_and_wait(window, resource_path("samples", "cairo-water-cp1256.txt"))
    assert window.source.encoding == "cp1256" and "القاهرة" in window.source.text
    assert window.menus.encoding_menu.isEnabled()
    mac = next(a for a in window.menus.encoding_menu.actions() if a.text() == "Arabic (Mac OS)")
    with qtbot.waitSignal(window.ready, timeout=30_000):
        mac.trigger()
    assert window.source.encoding == "mac-arabic" and "القاهرة" not in window.source.text
    assert window.status.encoding_label.text() == "mac-arabic"
    # An encoding the bytes are not valid in: one line, the article stays as it was.
    utf8 = next(a for a in window.menus.encoding_menu.actions() if a.text() == "Unicode (UTF-8)")
    with qtbot.waitSignal(window.error_shown, timeout=10_000) as error:
        utf8.trigger()
    assert "not valid UTF-8" in error.args[0] and "\n" not in error.args[0]
    assert window.source.encoding == "mac-arabic"


def test_export_writes_each_format(qtbot, make_window, open_and_wait, monkeypatch, tmp_path) -> None:
    import csv
    import json

    from PySide6.QtWidgets import QFileDialog

    window = make_window()
    open_and_wait(window)
    chosen = {}
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(chosen["path"]), chosen["filter"]))
    for name, filter_text in (("out.html", ""), ("out.json", ""), ("table", "CSV entity table (*.csv)")):
        chosen.update(path=tmp_path / name, filter=filter_text)
        with qtbot.waitSignal(window.files.exported, timeout=10_000) as written:
            window.menus.actions["export"].trigger()  # written on another thread
        assert written.args == [str(tmp_path / name) if "." in name else str(tmp_path / "table.csv")]
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert 'dir="rtl"' in html and "بغداد" in html
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert len(data["mentions"]) == len(window.analysis.mentions)
    rows = list(csv.reader((tmp_path / "table.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == len(window.analysis.entities) + 1  # the suffix of the chosen filter was added
    assert window.statusBar().currentMessage().startswith("Exported to")


def test_export_asks_before_replacing_a_file_named_by_the_added_suffix(
    qtbot, make_window, open_and_wait, monkeypatch, tmp_path
) -> None:
    """``report`` typed while ``report.html`` exists: Qt asked about ``report``, so the window asks about
    ``report.html`` before writing; No goes back to the dialog and leaves the file alone."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    existing = tmp_path / "report.html"
    existing.write_text("keep me", encoding="utf-8")
    window = make_window()
    open_and_wait(window)
    answers: list[QMessageBox.StandardButton] = []
    asked: list[str] = []
    typed = [str(tmp_path / "report")]

    def question(_parent, _title, text, *_args):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (typed.pop(0) if typed else "", ""))
    answers.append(QMessageBox.StandardButton.No)
    window.menus.actions["export"].trigger()  # No, then the dialog again: cancelled
    assert asked == ["report.html already exists.\nDo you want to replace it?"] and not typed
    assert existing.read_text(encoding="utf-8") == "keep me"

    typed.append(str(tmp_path / "report"))
    answers.append(QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(window.files.exported, timeout=10_000) as written:
        window.menus.actions["export"].trigger()
    assert written.args == [str(existing)] and len(asked) == 2
    assert 'dir="rtl"' in existing.read_text(encoding="utf-8")

    typed.append(str(tmp_path / "fresh"))  # a new name: nothing to ask
    with qtbot.waitSignal(window.files.exported, timeout=10_000) as written:
        window.menus.actions["export"].trigger()
    assert written.args == [str(tmp_path / "fresh.html")] and len(asked) == 2


def test_export_failure_shows_one_line(qtbot, make_window, open_and_wait, monkeypatch, tmp_path) -> None:
    from PySide6.QtWidgets import QFileDialog

    from reader.resources import resource_path

    page = tmp_path / "page.html"
    page.write_bytes(resource_path("samples", "mosul-reconstruction.html").read_bytes())
    window = make_window()
    open_and_wait(window, page)
    for target, expected in (
        (tmp_path / "missing-folder" / "out.html", "cannot write"),
        (tmp_path / "out.pdf", "unsupported format"),
        (page, "refusing to export over the source file"),
    ):
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, t=target: (str(t), ""))
        with qtbot.waitSignal(window.error_shown) as error:
            window.menus.actions["export"].trigger()
        assert expected in error.args[0] and "\n" not in error.args[0]
    assert page.read_bytes() == resource_path("samples", "mosul-reconstruction.html").read_bytes()


def test_export_waits_for_the_analysis(make_window) -> None:
    window = make_window()
    assert not window.menus.actions["export"].isEnabled()
    window.files.export_dialog()
    assert window.last_error.startswith("Nothing to export yet")


def test_second_stage_in_the_window(merged, qtbot, make_window, sample, gazetteer) -> None:
    """Offline results first, the second stage's progress, then its results replace them."""

    class SecondModel(gazetteer):
        name = "second model"

    window = make_window(second_stage=lambda: lambda: SecondModel(delay_s=0.1, chunk_tokens=40))
    shown = []
    window.session.analyzed.connect(lambda analysis, final: shown.append((analysis.recognizer, final)))
    window.open_file(sample)
    qtbot.waitUntil(lambda: window.session.stage == "bert", timeout=30_000)
    assert window.analysis.recognizer == "test gazetteer"  # the offline results are shown
    assert "test gazetteer" in window.status.recognizer_label.text()
    assert "running BERT" in window.statusBar().currentMessage()
    assert window.menus.actions["export"].isEnabled()  # the offline results can be exported already
    assert not window.is_ready()
    qtbot.waitUntil(window.status.progress.isVisible, timeout=5_000)
    with qtbot.waitSignal(window.ready, timeout=30_000):
        pass
    assert shown[-1] == ("second model", True)
    assert shown.index(("test gazetteer", True)) == len(shown) - 2  # no partial second-stage result shown
    assert "second model" in window.status.recognizer_label.text()
    assert window.area.view.highlighted_spans() == merged(window.analysis.mentions)
    assert not window.status.progress.isVisible() and window.statusBar().currentMessage() == ""


def test_stopping_the_second_stage_keeps_the_offline_results(merged, qtbot, make_window, sample, gazetteer) -> None:
    class SecondModel(gazetteer):
        name = "second model"

    window = make_window(second_stage=lambda: lambda: SecondModel(delay_s=0.3, chunk_tokens=40))
    window.open_file(sample)
    qtbot.waitUntil(lambda: window.session.stage == "bert", timeout=30_000)
    offline = window.analysis
    qtbot.waitUntil(window.status.cancel_button.isVisible, timeout=5_000)
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.status.cancel_button.click()
    assert window.analysis is offline and window.is_ready()
    assert window.area.view.highlighted_spans() == merged(offline.mentions)
    assert not window.status.progress.isVisible()
    qtbot.wait(700)  # a late result of the stopped stage must not replace them
    assert window.analysis is offline


def menu_action(window, *texts: str):
    """The action reached through the menu bar by ``texts`` ("&View", "&Theme", "&Dark")."""
    actions = window.menuBar().actions()
    for text in texts:
        action = next(a for a in actions if a.text() == text)
        actions = action.menu().actions() if action.menu() else []
    return action


def test_theme_switches_at_runtime_and_is_remembered(merged, qtbot, make_window, open_and_wait) -> None:
    from reader.ui.theme import is_dark

    window = make_window()
    open_and_wait(window)
    try:
        menu_action(window, "&View", "&Theme", "&Dark").trigger()
        assert is_dark() and window.preferences.theme == "dark"
        assert window.area.view.painter._dark  # the highlights take the dark tints
        window.area.view.painter.finish()
        assert window.area.view.highlighted_spans() == merged(window.analysis.mentions)  # repainted, none lost
        assert icon_lightness(window.menus.actions["open"].icon()) > 160  # light on dark, at once
        assert icon_lightness(window.area.find_bar.next_button.icon()) > 160
    finally:
        menu_action(window, "&View", "&Theme", "&Light").trigger()
    assert not is_dark() and window.preferences.theme == "light"
    assert icon_lightness(window.menus.actions["open"].icon()) < 96  # dark on light again


def icon_lightness(icon) -> int:
    """The mean lightness of an icon's opaque pixels."""
    image = icon.pixmap(24, 24).toImage()
    values = [
        image.pixelColor(x, y).lightness()
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 200
    ]
    assert values, "an empty icon"
    return sum(values) // len(values)


def test_reading_position_survives_a_restart(qtbot, make_window, open_and_wait, sample, tmp_path) -> None:
    long_article = tmp_path / "long.txt"
    long_article.write_text("\n\n".join([sample.read_text(encoding="utf-8")] * 8), encoding="utf-8")
    window = make_window()
    open_and_wait(window, long_article)
    window.area.view.scroll_to_offset(len(window.source.text) * 2 // 3)
    place = window.area.view.first_visible_offset()
    window.close()  # the cache is written on close
    again = make_window()
    open_and_wait(again, long_article)
    qtbot.waitUntil(lambda: abs(again.area.view.first_visible_offset() - place) < 200, timeout=5_000)


def test_bert_can_be_switched_on_for_the_article_shown(
    qtbot, make_window, open_and_wait, monkeypatch, gazetteer
) -> None:
    import reader.analysis.bert as bert

    class FakeBert(gazetteer):
        name = "camel-tools BERT (fake)"

    monkeypatch.setattr(bert, "bert_available", lambda model_dir=None: (True, "installed"))
    monkeypatch.setattr(bert, "find_bert_model", lambda model_dir=None: FakeBert(delay_s=0.05, chunk_tokens=60))
    window = make_window(allow_bert=True)
    open_and_wait(window)
    action = window.menus.actions["bert"]
    assert action.isEnabled() and not action.isChecked()
    assert window.analysis.recognizer == "test gazetteer"
    with qtbot.waitSignal(window.ready, timeout=30_000):
        action.trigger()  # runs now, on the article shown
    assert window.preferences.use_bert
    assert window.analysis.recognizer == "camel-tools BERT (fake)"
    assert "BERT (fake)" in window.status.recognizer_label.text()


def test_bert_toggle_is_disabled_and_says_why_when_not_installed(make_window, monkeypatch) -> None:
    import reader.analysis.bert as bert

    monkeypatch.setattr(bert, "bert_available", lambda model_dir=None: (False, "run camel_data -i ner-arabert"))
    window = make_window(allow_bert=True)
    action = window.menus.actions["bert"]
    assert not action.isEnabled() and "camel_data" in action.toolTip()
    assert window.session._second_stage() is None


def test_stopping_an_open_keeps_the_article(qtbot, make_window, open_and_wait, monkeypatch, tmp_path) -> None:
    import time

    import reader.io
    from reader.io import load

    window = make_window()
    open_and_wait(window)
    other = tmp_path / "slow.txt"
    other.write_text("وصل الوفد إلى بغداد.", encoding="utf-8")

    def slow_load(path, encoding=None):
        time.sleep(0.5)
        return load(path, encoding)

    monkeypatch.setattr(reader.io, "load", slow_load)
    window.open_file(other)
    with qtbot.waitSignal(window.session.stopped, timeout=10_000):
        window.menus.actions["stop"].trigger()
    assert window.statusBar().currentMessage() == "Opening cancelled."
    assert window.source.path.endswith("mosul-offensive.txt") and window.is_ready()
    qtbot.wait(300)  # the file read in the meantime is not shown
    assert window.source.path.endswith("mosul-offensive.txt")
    assert not window.menus.actions["stop"].isEnabled()


def test_the_library_opens_an_article_at_a_mention(qtbot, make_window, sample, tmp_path) -> None:
    from reader.library import Indexer

    library = tmp_path / "library.sqlite3"
    for _ in Indexer([str(sample)], library, jobs=1).run():
        pass
    window = make_window(library_path=str(library))
    window.menus.actions["library"].trigger()
    shown = window.library_window
    assert shown is not None and shown.isVisible()
    text = sample.read_text(encoding="utf-8")
    offset = text.index(" الموصل", 200) + 1  # a mention of the place further down
    with qtbot.waitSignal(window.ready, timeout=30_000):
        shown.open_article.emit(str(sample), offset)
    mention = next(i for i, m in enumerate(window.analysis.mentions) if m.start >= offset)
    assert window.area.view.selection_offsets() == (
        window.analysis.mentions[mention].start,
        window.analysis.mentions[mention].end,
    )
    assert window.analysis.mentions[mention].start == offset
    assert window.area.view.textCursor().selectedText() == "الموصل"
    shown.close()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_lines_wrap_inside_the_column_so_no_line_start_is_hidden(make_window, open_and_wait, qtbot, language) -> None:
    """Right-to-left lines start at the right edge: wrapped wider than the viewport (the width from
    before the column's margins), the start of every line was hidden past it."""
    window = make_window()
    window.set_language(language)
    view = window.area.view
    for size in [(1400, 900), (900, 700), (1800, 1000)]:
        window.resize(*size)
        open_and_wait(window)  # the sample again: a new document each time
        qtbot.wait(20)
        assert view.document().size().width() <= view.viewport().width(), size
        assert view.horizontalScrollBar().maximum() == 0, size
        assert view.verticalScrollBar().value() == 0, size  # still at the title
    view.zoom_in()  # another font: other margins
    qtbot.wait(20)
    assert view.horizontalScrollBar().maximum() == 0
