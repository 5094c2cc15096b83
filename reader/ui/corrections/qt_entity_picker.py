"""Merge with…: a searchable list of the article's entities.

Typing filters as the entity panel does (``textmatch.matches``: diacritics,
letter variants and clitics ignored, any surface form counts); Enter or a
double click picks the entity under the cursor.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.analysis.textmatch import matches
from reader.document import Analysis
from reader.ui.i18n import type_label
from reader.ui.theme import type_color


class EntityPicker(QDialog):
    """Pick one entity of ``analysis`` other than ``excluded``; ``chosen()`` after ``exec``."""

    def __init__(self, parent: QWidget | None, analysis: Analysis, excluded: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Corrections", "Merge With"))
        self.filter_field = QLineEdit(self)
        self.filter_field.setPlaceholderText(QCoreApplication.translate("Corrections", "Type to find an entity…"))
        self.filter_field.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(QCoreApplication.translate("Corrections", "Merge"))
        buttons.accepted.connect(self._accept_current)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_field)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self._candidates = [e for e in analysis.entities if e.id not in set(excluded)]
        for entity in self._candidates:
            item = QListWidgetItem(f"{entity.name}  —  {type_label(entity.type)} ({entity.count})")
            item.setData(Qt.ItemDataRole.UserRole, entity.id)
            item.setForeground(type_color(entity.type))
            self.list.addItem(item)
        self.list.itemActivated.connect(lambda _item: self._accept_current())
        self.filter_field.textChanged.connect(self._filter)
        self.filter_field.returnPressed.connect(self._accept_current)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.resize(420, 480)

    def _filter(self, query: str) -> None:
        first = None
        for row, entity in enumerate(self._candidates):
            hidden = not matches((entity.name, *entity.variants), query)
            self.list.item(row).setHidden(hidden)
            if not hidden and first is None:
                first = row
        if first is not None:
            self.list.setCurrentRow(first)

    def _accept_current(self) -> None:
        item = self.list.currentItem()
        if item is not None and not item.isHidden():
            self.accept()

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        if self.result() != QDialog.DialogCode.Accepted or item is None or item.isHidden():
            return None
        value = item.data(Qt.ItemDataRole.UserRole)
        return value if isinstance(value, str) else None


def pick_entity(parent: QWidget, analysis: Analysis, excluded: Sequence[str]) -> str | None:
    """Show the picker; the chosen entity's id, or None."""
    picker = EntityPicker(parent, analysis, excluded)
    picker.exec()
    return picker.chosen()
