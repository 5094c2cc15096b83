"""The entity panel: who and what the article mentions, grouped by type.

A filter box (Arabic-insensitive), a sort choice, and a tree over
``EntityTreeModel``. Clicking (or pressing Enter on) an entity or a mention
asks the window to go there; the panel itself never touches the text.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.document import Analysis
from reader.entity_types import EntityType
from reader.ui.entities.entity_model import (
    ENTITY_ID_ROLE,
    KIND_ROLE,
    MENTION_ROLE,
    TYPE_ROLE,
    EntityTreeModel,
)
from reader.ui.settings import PANEL_SORTS

FILTER_DEBOUNCE_MS = 150


class EntityPanel(QWidget):
    """Signals: ``entity_activated(str)`` (an entity id), ``mention_activated(int)``
    (an index into ``Analysis.mentions``), ``type_activated(EntityType)`` (a group header),
    ``context_menu_requested(QPoint, list)`` (a context menu at a global position over
    the selected entities' ids, for the window to build: the corrections)."""

    entity_activated = Signal(str)
    mention_activated = Signal(int)
    type_activated = Signal(object)
    sort_changed = Signal(str)
    context_menu_requested = Signal(QPoint, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EntityTreeModel(self)
        self.filter_field = QLineEdit(self)
        self.filter_field.setClearButtonEnabled(True)
        self.sort_box = QComboBox(self)
        # As wide as its longest choice in the language shown (by default it
        # keeps the width of the first language: "حسب عدد المو…").
        self.sort_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)  # thousands of rows stay fast
        # Several entities at once (Ctrl/Shift+click): merge them, retype them.
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._on_context_menu)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The count column is as wide as the largest count (set_analysis), not
        # ResizeToContents: that measured every row again on each refresh.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.hide()
        self.tree.clicked.connect(self._activate)
        self.tree.activated.connect(self._activate)  # Enter, double click

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter_field, 1)
        top.addWidget(self.sort_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(FILTER_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.filter_field.textChanged.connect(lambda _text: self._debounce.start())
        self.sort_box.currentIndexChanged.connect(self._on_sort)
        self.retranslate()

    def retranslate(self) -> None:
        # Short: the panel may be 300 px wide; the tooltip says how matching works.
        self.filter_field.setPlaceholderText(self.tr("Filter entities…"))
        self.filter_field.setToolTip(
            self.tr("Filter entities by name (Ctrl+Shift+F); diacritics and letter variants are ignored")
        )
        current = self.sort_box.currentIndex()
        self.sort_box.blockSignals(True)
        self.sort_box.clear()
        labels = {"count": self.tr("By mentions"), "name": self.tr("By name"), "first": self.tr("In text order")}
        for key in PANEL_SORTS:
            self.sort_box.addItem(labels[key], key)
        self.sort_box.setCurrentIndex(max(current, PANEL_SORTS.index(self.model.sort_key)))
        self.sort_box.blockSignals(False)
        self.sort_box.setToolTip(self.tr("Sort entities"))
        self.model.retranslate()  # group labels, names' direction

    # --- inputs from the window

    def set_analysis(self, analysis: Analysis | None) -> None:
        """Show ``analysis``'s entities, keeping what was expanded and selected."""
        expanded = self._expanded_ids()
        selected = self.selected_entity_id()
        self.model.set_analysis(analysis)
        self._fit_count_column(len(analysis.mentions) if analysis is not None else 0)
        self._restore(expanded, selected)

    def set_enabled_types(self, types: Iterable[EntityType]) -> None:
        expanded, selected = self._expanded_ids(), self.selected_entity_id()
        self.model.set_enabled_types(types)
        self._restore(expanded, selected)

    def set_sort(self, key: str) -> None:
        self.sort_box.setCurrentIndex(PANEL_SORTS.index(key))

    def apply_filter(self) -> None:
        """Filter now (the box waits for a pause in typing)."""
        self._debounce.stop()
        expanded, selected = self._expanded_ids(), self.selected_entity_id()
        self.model.set_filter(self.filter_field.text())
        self._restore(expanded, selected)
        if self.filter_field.text().strip():
            self.tree.expandToDepth(0)

    def focus_filter(self) -> None:
        """Put the keyboard in the filter box, its text selected (Ctrl+Shift+F)."""
        self.filter_field.setFocus()
        self.filter_field.selectAll()

    def select_entity(self, entity_id: str) -> None:
        """Select ``entity_id``'s row without activating it."""
        index = self.model.index_of_entity(entity_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def selected_entity_id(self) -> str | None:
        value = self.tree.currentIndex().data(ENTITY_ID_ROLE)
        return value if isinstance(value, str) else None

    def selected_entity_ids(self) -> list[str]:
        """The ids of every selected entity row (mention rows count as their entity), in tree order."""
        ids: list[str] = []
        for index in sorted(self.tree.selectionModel().selectedRows(0), key=_tree_order):
            value = index.data(ENTITY_ID_ROLE)
            if isinstance(value, str) and value not in ids:
                ids.append(value)
        return ids

    def _on_context_menu(self, point: QPoint) -> None:
        index = self.tree.indexAt(point)
        if index.isValid() and not self.tree.selectionModel().isSelected(index):
            self.tree.setCurrentIndex(index)  # a right click on an unselected row selects it
        ids = self.selected_entity_ids()
        if ids:
            self.context_menu_requested.emit(self.tree.viewport().mapToGlobal(point), ids)

    def visible_entity_names(self) -> list[str]:
        """Names of the entities the tree shows now (every group), in order."""
        names: list[str] = []
        for g in range(self.model.rowCount()):
            group = self.model.index(g, 0)
            names.extend(
                self.model.index(r, 0, group).data().strip("\u202b\u202c") for r in range(self.model.rowCount(group))
            )
        return names

    # --- internals

    def _fit_count_column(self, largest: int) -> None:
        """Room for ``largest`` (a group's total is at most the mention count) and some padding."""
        digits = "8" * max(2, len(str(largest)))
        width = self.tree.fontMetrics().horizontalAdvance(digits) + 16
        if self.tree.header().sectionSize(1) != width:
            self.tree.header().resizeSection(1, width)

    def _activate(self, index: QModelIndex) -> None:
        index = index.siblingAtColumn(0)
        kind = index.data(KIND_ROLE)
        if kind == "mention":
            self.mention_activated.emit(index.data(MENTION_ROLE))
        elif kind == "entity":
            self.entity_activated.emit(index.data(ENTITY_ID_ROLE))
        elif kind == "group":
            self.type_activated.emit(index.data(TYPE_ROLE))

    def _on_sort(self, row: int) -> None:
        key = self.sort_box.itemData(row)
        if key in PANEL_SORTS and key != self.model.sort_key:
            expanded, selected = self._expanded_ids(), self.selected_entity_id()
            self.model.set_sort(key)
            self._restore(expanded, selected)
            self.sort_changed.emit(key)

    def _expanded_ids(self) -> tuple[set[EntityType], set[str]]:
        groups: set[EntityType] = set()
        entities: set[str] = set()
        for g in range(self.model.rowCount()):
            group = self.model.index(g, 0)
            if self.tree.isExpanded(group):
                groups.add(group.data(TYPE_ROLE))
                for r in range(self.model.rowCount(group)):
                    entity = self.model.index(r, 0, group)
                    if self.tree.isExpanded(entity):
                        entities.add(entity.data(ENTITY_ID_ROLE))
        return groups, entities

    def _restore(self, expanded: tuple[set[EntityType], set[str]], selected: str | None) -> None:
        groups, entities = expanded
        first_time = not groups and not entities
        for entity_type in self.model.group_types():
            if first_time or entity_type in groups:  # groups start open
                self.tree.expand(self.model.index_of_group(entity_type))
        for entity_id in entities:
            index = self.model.index_of_entity(entity_id)
            if index.isValid():
                self.tree.expand(index)
        if selected:
            index = self.model.index_of_entity(selected)
            if index.isValid():
                self.tree.setCurrentIndex(index)


def _tree_order(index: QModelIndex) -> tuple[int, ...]:
    """Rows from the top of the tree down to ``index``: sorts indexes as the tree shows them."""
    path: list[int] = []
    while index.isValid():
        path.append(index.row())
        index = index.parent()
    return tuple(reversed(path))
