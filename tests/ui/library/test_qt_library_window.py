"""The library window: lists, filtering, an entity's details, opening articles, background indexing."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.entity_types import EntityType
from reader.io import load
from reader.library import Library
from reader.ui.library.library_models import CONTEXT_ROLE, ITEM_ROLE, EntityTableModel, MentionTableModel
from reader.ui.library.qt_library_window import LibraryWindow


def test_lists_load_and_the_top_entity_is_shown(library_window, built_library):
    window = library_window
    with Library.open(built_library) as library:
        names = [e for e in library.entities() if e.type is not EntityType.FIGURE]
        assert window.article_model.rowCount() == library.count_articles()
    assert window.entity_model.rowCount() == len(names)  # names by default: no figures
    top = window.entity_model.item(window.entity_model.index(0, 0))
    assert top.id == names[0].id and window.selected == top.id
    details = window.details
    assert details is not None and details.entities[0].id == top.id
    assert window.mention_model.rowCount() == top.mentions
    assert next(n.entity.id for n in window.network.network.nodes) == top.id
    assert top.name in window.heading.text()


def test_filtering_folds_spelling_and_types_filter(qtbot, library_window):
    window = library_window
    window.entity_filter.setText("الامم المتحده")  # typed without hamza or ta marbuta

    def shown() -> list[str]:
        model = window.entity_model
        return [model.item(model.index(r, 0)).name for r in range(model.rowCount())]

    qtbot.waitUntil(lambda: shown() and all("الأمم المتحدة" in name for name in shown()), timeout=2000)
    window.entity_filter.clear()
    window.type_box.setCurrentIndex(window.type_box.findData("place"))
    places = sum(e.type is EntityType.PLACE for e in window.entity_model.items)
    qtbot.waitUntil(lambda: window.entity_model.rowCount() == places > 0, timeout=2000)
    rows = [window.entity_model.item(window.entity_model.index(r, 0)) for r in range(window.entity_model.rowCount())]
    assert {e.type for e in rows} == {EntityType.PLACE}


def test_sorting_by_mentions(library_window):
    window = library_window
    window.entity_table.sortByColumn(EntityTableModel.MENTIONS, Qt.SortOrder.DescendingOrder)
    mentions = [
        window.entity_model.item(window.entity_model.index(r, 0)).mentions
        for r in range(window.entity_model.rowCount())
    ]
    assert mentions == sorted(mentions, reverse=True)
    window.entity_table.sortByColumn(EntityTableModel.NAME, Qt.SortOrder.AscendingOrder)
    names = [
        window.entity_model.item(window.entity_model.index(r, 0)).name for r in range(window.entity_model.rowCount())
    ]
    assert names == sorted(names)


def test_each_mention_has_its_context_and_opens_the_article_there(qtbot, library_window):
    window = library_window
    model = window.mention_model
    assert model.rowCount() > 0
    for row in range(model.rowCount()):
        article, hit = model.index(row, 0).data(ITEM_ROLE)
        before, match, after = model.index(row, MentionTableModel.CONTEXT_COLUMN).data(CONTEXT_ROLE)
        assert match == hit.text and "\n" not in before + after
        assert load(article.path).text[hit.start : hit.end] == hit.text
    index = model.index(model.rowCount() - 1, MentionTableModel.CONTEXT_COLUMN)
    article, hit = index.data(ITEM_ROLE)
    with qtbot.waitSignal(window.open_article) as opened:
        window.mention_table.activated.emit(index)
    assert opened.args == [article.path, hit.start]


def test_activating_an_article_opens_it(qtbot, library_window):
    window = library_window
    index = window.article_model.index(0, 0)
    with qtbot.waitSignal(window.open_article) as opened:
        window.article_table.activated.emit(index)
    assert opened.args == [index.data(ITEM_ROLE).path, -1]


def test_clicking_a_node_of_the_network_goes_to_that_entity(qtbot, library_window):
    window = library_window
    companion = window.network.network.nodes[1].entity
    with qtbot.waitSignal(window.details_shown, timeout=10_000) as shown:
        window.network.click_node(companion.id)
    assert shown.args == [companion.id] and window.selected == companion.id
    selected = window.entity_table.currentIndex()
    assert window.entity_model.item(window.entity_model.index(selected.row(), 0)).id == companion.id
    assert companion.id in {n.entity.id for n in window.network.network.nodes}


def test_the_timeline_counts_mentions_of_dated_articles(library_window):
    window = library_window
    details = window.details
    for number, period in enumerate(("day", "week", "month")):
        window.period_box.setCurrentIndex(number)
        assert sum(n for _, n in window.timeline.counts) == sum(n for _, n in details.timelines[period])
    dated = sum(len(h.hits) for h in details.found if h.article.date_stated)
    assert sum(n for _, n in details.timelines["month"]) == dated


def test_indexing_in_the_background_fills_the_window(qtbot, fresh_folder, tmp_path):
    (fresh_folder / "broken.txt").write_bytes(b"\x00\x01\x02" * 50)
    window = LibraryWindow(str(tmp_path / "new.sqlite3"), jobs=1)
    qtbot.addWidget(window)
    window.show()
    assert window.entity_model.rowCount() == 0
    with qtbot.waitSignal(window.indexing.finished, timeout=120_000) as finished:
        assert window.index([str(fresh_folder)])
        assert not window.actions_by_key["add"].isEnabled() and window.actions_by_key["stop"].isEnabled()
    summary = finished.args[0]
    assert (summary.failed, summary.analyzed) == (1, 16)
    qtbot.waitUntil(lambda: window.article_model.rowCount() == 16, timeout=10_000)
    statuses = [e.status for e in window.log_model.events]
    assert statuses.count("analyzed") == 16 and statuses.count("failed") == 1
    failed = next(e for e in window.log_model.events if e.status == "failed")
    assert failed.reason == "it is a binary file, not text" or "binary" in failed.reason
    assert window.folders == [str(fresh_folder)]
    assert window.actions_by_key["update"].isEnabled() and not window.actions_by_key["stop"].isEnabled()
    window.shut_down()


def test_stop_ends_indexing_and_keeps_what_is_done(qtbot, fresh_folder, tmp_path, monkeypatch):
    monkeypatch.setattr("reader.library.indexer.BATCH_ARTICLES", 2)  # seen by a thread, not by a child process
    window = LibraryWindow(str(tmp_path / "new.sqlite3"), jobs=1, in_processes=False)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.indexing.finished, timeout=120_000) as finished:
        window.index([str(fresh_folder)])
        qtbot.waitUntil(lambda: len(window.log_model.events) >= 2, timeout=60_000)
        window.actions_by_key["stop"].trigger()
    summary = finished.args[0]
    assert summary.cancelled and 2 <= summary.analyzed < 16
    qtbot.waitUntil(lambda: window.article_model.rowCount() == summary.analyzed, timeout=10_000)
    window.shut_down()


def test_exports_from_the_window(qtbot, library_window, tmp_path):
    window = library_window
    with qtbot.waitSignal(window.questions.answered, timeout=30_000):
        window.export_table(str(tmp_path / "entities.csv"))
    assert (tmp_path / "entities.csv").read_bytes().startswith(b"\xef\xbb\xbfid,type,name")
    with qtbot.waitSignal(window.questions.answered, timeout=30_000):
        window.write_dossier(str(tmp_path / "dossier.html"))
    assert window.details.entities[0].name in (tmp_path / "dossier.html").read_text(encoding="utf-8")
    assert list((tmp_path / "dossier_articles").glob("*.html"))


def test_indexing_applies_the_users_lexicon_and_corrections(qtbot, fresh_folder, tmp_path, monkeypatch):
    from reader.corrections import Retype, UserStore
    from reader.entity_types import EntityType
    from reader.io import load

    monkeypatch.setenv("ARABIC_READER_DATA", str(tmp_path / "data"))
    with UserStore.open() as store:
        store.set_lexicon_entry("الأمم المتحدة", EntityType.PERSON)
    window = LibraryWindow(str(tmp_path / "new.sqlite3"), jobs=1)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.indexing.finished, timeout=120_000):
        window.index([str(fresh_folder)])
    qtbot.waitUntil(lambda: window.entity_model.rowCount() > 0, timeout=10_000)
    window.type_box.setCurrentIndex(1)  # all types
    named = [e for e in window.entity_model.items if e.name == "الأمم المتحدة"]
    assert [e.type for e in named] == [EntityType.PERSON]

    # A correction made in the reader since: indexing again applies it to that article only.
    article = next(p for p in sorted(fresh_folder.rglob("*")) if p.is_file() and "الأمم المتحدة" in load(str(p)).text)
    with UserStore.open() as store:
        store.add_correction(load(str(article)), Retype("person:امم متحده", EntityType.PLACE))
    with qtbot.waitSignal(window.indexing.finished, timeout=120_000) as finished:
        window.index([str(fresh_folder)])
    summary = finished.args[0]
    statuses = {e.path: e.status for e in window.log_model.events}
    assert (summary.analyzed, summary.updated, summary.unchanged) == (0, 1, 15)
    assert statuses[str(article)] == "updated"
    window.shut_down()


def test_a_damaged_corrections_database_is_a_warning_and_indexing_goes_on(qtbot, fresh_folder, tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    (data / "corrections.sqlite3").write_bytes(b"not a database" * 300)
    monkeypatch.setenv("ARABIC_READER_DATA", str(data))
    window = LibraryWindow(str(tmp_path / "new.sqlite3"), jobs=1)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.indexing.finished, timeout=120_000) as finished:
        window.index([str(fresh_folder)])
    assert finished.args[0].analyzed == 16
    warnings = [e for e in window.log_model.events if e.status == "warning"]
    assert len(warnings) == 1 and "corrections.sqlite3" in warnings[0].reason
    window.shut_down()
