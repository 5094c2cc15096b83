"""The Lexicon dialog: the reader's "always tag / never tag" entries, to filter, edit, delete, import and export.

A table of the entries (text, and what to do with it: a type, or never),
stored as they are edited (``UserStore``): double click a text to change
it, pick another type in its row, Delete removes the selected rows. The
filter matches as Find does (diacritics and letter variants ignored).
Import and Export read and write the CSV of ``arabic-reader lexicon``
(columns ``text,type``); a broken file is one line and imports nothing.
``changed`` tells the window to apply the lexicon again.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.analysis.textmatch import matches
from reader.corrections import CorrectionError, LexiconEntry, UserStore
from reader.corrections.lexicon_csv import read_lexicon_csv, render_lexicon_csv
from reader.entity_types import TYPE_ORDER, EntityType
from reader.errors import one_line
from reader.ui.actions import make_action
from reader.ui.corrections.controller import type_name


class LexiconDialog(QDialog):
    """The entries of ``store``'s lexicon. Signal ``changed()`` after every stored change."""

    changed = Signal()

    def __init__(self, store: UserStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Lexicon"))
        intro = QLabel(
            self.tr(
                "Names to always tag with a type, or never tag, in every article. "
                "Diacritics, letter variants and attached و ب ل ك ال are ignored.",
            ),
            self,
        )
        intro.setWordWrap(True)
        self.filter_field = QLineEdit(self)
        self.filter_field.setPlaceholderText(self.tr("Filter entries…"))
        self.filter_field.setClearButtonEnabled(True)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Text"), self.tr("Tag as")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().resizeSection(1, 150)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.import_button = QPushButton(self.tr("&Import CSV…"), self)
        self.export_button = QPushButton(self.tr("&Export CSV…"), self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.delete_button, self.import_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.filter_field)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.addAction(
            make_action(
                self,
                self.tr("Delete"),
                self.delete_selected,
                shortcut=QKeySequence.StandardKey.Delete,
            )
        )
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(self.import_dialog)
        self.export_button.clicked.connect(self.export_dialog)
        self.filter_field.textChanged.connect(self.apply_filter)
        self.table.itemChanged.connect(self._on_text_edited)
        self._entries: list[LexiconEntry] = []
        self.refresh()
        self.resize(520, 560)

    # -- contents ---------------------------------------------------------------------------

    def entries(self) -> list[LexiconEntry]:
        return list(self._entries)

    def refresh(self) -> None:
        """Show the stored entries again."""
        self._entries = self.store.lexicon_entries()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._entries))
        for row, entry in enumerate(self._entries):
            item = QTableWidgetItem(entry.text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 0, item)
            self.table.setCellWidget(row, 1, self._type_box(row, entry.type))
        self.table.blockSignals(False)
        self.apply_filter()

    def apply_filter(self) -> None:
        query = self.filter_field.text()
        for row, entry in enumerate(self._entries):
            self.table.setRowHidden(row, not matches((entry.text,), query))

    def _type_box(self, row: int, entity_type: EntityType | None) -> QComboBox:
        box = QComboBox(self.table)
        for t in TYPE_ORDER:
            box.addItem(type_name(t), t.value)
        box.addItem(self.tr("Never"), "")
        box.setCurrentIndex(TYPE_ORDER.index(entity_type) if entity_type is not None else len(TYPE_ORDER))
        box.currentIndexChanged.connect(lambda _i, r=row, b=box: self._on_type_chosen(r, b))
        return box

    # -- editing --------------------------------------------------------------------------

    def set_entry(self, row: int, new: LexiconEntry) -> bool:
        """Replace the entry of ``row`` with ``new`` (stored); False and one line if it cannot be."""
        old = self._entries[row]
        try:
            new_key = new.key
            clash = next((e for e in self._entries if e.key == new_key and e != old), None)
            if clash is not None:
                raise CorrectionError(self.tr("“{text}” is already in the lexicon").format(text=clash.text))
            self.store.replace_lexicon_entry(old, new)
        except (CorrectionError, OSError, sqlite3.Error) as error:
            self.show_status(one_line(error))
            self.refresh()
            return False
        self._entries[row] = new
        self.show_status("")
        self.changed.emit()
        return True

    def delete_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedIndexes()}, reverse=True)
        for row in rows:
            self.store.replace_lexicon_entry(self._entries[row], None)
        if rows:
            self.refresh()
            self.show_status(self.tr("Deleted %n entries.", "", len(rows)))
            self.changed.emit()

    def _on_text_edited(self, item: QTableWidgetItem) -> None:
        row = item.row()
        old = self._entries[row]
        if item.text().strip() != old.text:
            self.set_entry(row, LexiconEntry(item.text().strip(), old.type))

    def _on_type_chosen(self, row: int, box: QComboBox) -> None:
        value = box.currentData()
        old = self._entries[row]
        self.set_entry(row, LexiconEntry(old.text, EntityType(value) if value else None))

    # -- files ----------------------------------------------------------------------------

    def import_file(self, path: str) -> bool:
        """Add the entries of the CSV at ``path`` (all or none); False and one line if it is broken."""
        try:
            entries = read_lexicon_csv(path)
            count = self.store.import_lexicon(entries)
        except (CorrectionError, sqlite3.Error) as error:
            self.show_status(one_line(error))
            return False
        self.refresh()
        self.show_status(self.tr("Imported %n entries.", "", count))
        self.changed.emit()
        return True

    def export_file(self, path: str) -> bool:
        from reader.io import WriteError, write_atomic

        try:
            write_atomic(path, render_lexicon_csv(self._entries), encoding="utf-8-sig")
        except WriteError as error:
            self.show_status(one_line(error))
            return False
        self.show_status(self.tr("Exported %n entries.", "", len(self._entries)))
        return True

    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import Lexicon"),
            "",
            self.tr("CSV files (*.csv)"),
        )
        if path:
            self.import_file(path)

    def export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export Lexicon"),
            "lexicon.csv",
            self.tr("CSV files (*.csv)"),
        )
        if path:
            self.export_file(path)

    def show_status(self, text: str) -> None:
        self.status.setText(text)
