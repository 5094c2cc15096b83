"""The Lexicon dialog: list, filter, edit, delete, import and export."""

from __future__ import annotations

import pytest

from reader.corrections import LexiconEntry, UserStore
from reader.entity_types import EntityType
from reader.ui.corrections.qt_lexicon_dialog import LexiconDialog

P, L, O = EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION


@pytest.fixture
def store(tmp_path):
    with UserStore.open(tmp_path / "c.sqlite3") as opened:
        opened.set_lexicon_entry("رويترز", O)
        opened.set_lexicon_entry("ثاني", None)
        opened.set_lexicon_entry("الموصل", L)
        yield opened


@pytest.fixture
def dialog(qtbot, store):
    dialog = LexiconDialog(store)
    qtbot.addWidget(dialog)
    return dialog


def shown_texts(dialog) -> list[str]:
    return [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount()) if not dialog.table.isRowHidden(r)]


def test_it_lists_every_entry_with_its_type(dialog) -> None:
    assert shown_texts(dialog) == ["رويترز", "ثاني", "الموصل"]
    kinds = [dialog.table.cellWidget(r, 1).currentData() for r in range(3)]
    assert kinds == ["organization", "", "place"]


def test_the_filter_ignores_diacritics_and_clitics(dialog) -> None:
    dialog.filter_field.setText("المَوْصِل")
    assert shown_texts(dialog) == ["الموصل"]
    dialog.filter_field.setText("")
    assert len(shown_texts(dialog)) == 3


def test_editing_a_type_or_a_text_is_stored(qtbot, dialog, store) -> None:
    with qtbot.waitSignal(dialog.changed):
        dialog.table.cellWidget(0, 1).setCurrentIndex(0)  # رويترز → person
    with qtbot.waitSignal(dialog.changed):
        dialog.table.item(2, 0).setText("نينوى")
    expected = {LexiconEntry("رويترز", P), LexiconEntry("ثاني", None), LexiconEntry("نينوى", L)}
    assert set(store.lexicon_entries()) == expected
    assert shown_texts(dialog) == ["رويترز", "ثاني", "نينوى"]  # edited in place


@pytest.mark.parametrize("text", ["", "\u202eبغداد", "رويترز"])
def test_a_bad_edit_is_one_line_and_changes_nothing(dialog, store, text) -> None:
    before = store.lexicon_entries()
    dialog.table.item(2, 0).setText(text)
    assert store.lexicon_entries() == before
    assert dialog.status.text() and "\n" not in dialog.status.text()
    assert shown_texts(dialog) == ["رويترز", "ثاني", "الموصل"]


def test_delete_removes_the_selected_rows(qtbot, dialog, store) -> None:
    model = dialog.table.model()
    dialog.table.selectionModel().select(model.index(1, 0), dialog.table.selectionModel().SelectionFlag.Select)
    with qtbot.waitSignal(dialog.changed):
        dialog.delete_selected()
    assert [e.text for e in store.lexicon_entries()] == ["رويترز", "الموصل"]


def test_export_then_import_round_trips(dialog, store, tmp_path) -> None:
    path = tmp_path / "lexicon.csv"
    assert dialog.export_file(str(path))
    for entry in store.lexicon_entries():
        store.remove_lexicon_entry(entry.text)
    dialog.refresh()
    assert shown_texts(dialog) == []
    assert dialog.import_file(str(path))
    assert shown_texts(dialog) == ["رويترز", "ثاني", "الموصل"]


def test_a_broken_import_is_one_line_and_imports_nothing(dialog, store, tmp_path) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(b"text,type\n\xff\xfe\x00\x01")
    assert not dialog.import_file(str(path))
    assert "binary" in dialog.status.text() and len(store.lexicon_entries()) == 3
