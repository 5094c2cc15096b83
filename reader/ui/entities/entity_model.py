"""The entity panel's tree: type groups → entities → mentions, as a QAbstractItemModel.

An adapter over a plain ``Analysis`` (napari's ``_qt/containers`` idea): the
model never computes entities, it arranges what the analysis found.

    أماكن (12)                      ← a group: one per shown type that has entities
        الموصل            7         ← an entity and its mention count
            … مدينة الموصل، بعد …   ← a mention with its context

Groups follow ``TYPE_ORDER``; entities are sorted by count, name or first
appearance; the filter keeps entities whose name or a variant matches
(``textmatch.matches``: diacritics, letter variants and clitics ignored).
Mentions are made on demand from the text when a row is expanded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon

from reader.document import Analysis, Entity
from reader.entity_types import TYPE_ORDER, EntityType
from reader.invisible import show_controls
from reader.ui.i18n import type_label
from reader.ui.settings import PANEL_SORTS
from reader.ui.theme import swatch_icon, type_color

SNIPPET_CONTEXT = 28  # characters of context on each side of a mention

# Custom roles: what a row stands for.
ENTITY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MENTION_ROLE = Qt.ItemDataRole.UserRole + 2  # index into Analysis.mentions
TYPE_ROLE = Qt.ItemDataRole.UserRole + 3  # EntityType of a group row
KIND_ROLE = Qt.ItemDataRole.UserRole + 4  # "group", "entity" or "mention"

# internalId encodes a row's parent: 0 for groups, 1 + group row for entities,
# _MENTION_BASE + flat entity number for mentions.
_MENTION_BASE = 16

# The roles ``data`` answers. The view asks each cell for a dozen roles on
# every paint and size pass (background, check state, size hint …): asking
# in Python for roles that are never set cost about half of a 20 ms panel
# repaint, so those get None before any other work.
_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        ENTITY_ID_ROLE,
        MENTION_ROLE,
        TYPE_ROLE,
        KIND_ROLE,
    )
)

ModelIndex = QModelIndex | QPersistentModelIndex


def _rtl(text: str) -> str:
    """``text`` embedded right to left when the UI is left to right.

    The item delegate lays text out in the view's direction; in the English
    UI "1,5 مليون" would read "مليون 1,5". An RLE…PDF embedding keeps the
    Arabic order without changing what is shown.
    """
    if QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft:
        return text
    return "\u202b" + text + "\u202c"


@cache
def _swatch(entity_type: EntityType) -> QIcon:
    return swatch_icon(entity_type)  # drawn once per type, not on every repaint


@cache
def _bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def _matcher() -> Callable[[tuple[str, ...], str], bool]:
    # Imported on first use: camel-tools builds its character sets at import
    # (seconds), which must not delay the window's first paint.
    from reader.analysis.textmatch import matches

    return matches


@dataclass(slots=True)
class _Group:
    type: EntityType
    entities: list[Entity]
    total: int  # entities of this type before filtering


class EntityTreeModel(QAbstractItemModel):
    """Two columns: the name (or snippet) and the mention count."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._analysis: Analysis | None = None
        self._enabled: frozenset[EntityType] = frozenset(TYPE_ORDER)
        self._filter = ""
        self._sort = "count"
        self._groups: list[_Group] = []
        self._flat: list[tuple[int, int]] = []  # flat entity number → (group row, entity row)
        self._flat_of: dict[str, int] = {}  # entity id → flat entity number
        self._cells: dict[tuple[int, int, int], dict[int, object]] = {}  # (internal id, row, column) → role → value

    # --- inputs

    def set_analysis(self, analysis: Analysis | None) -> None:
        self._analysis = analysis
        self._rebuild()

    def set_enabled_types(self, types: Iterable[EntityType]) -> None:
        self._enabled = frozenset(types)
        self._rebuild()

    def set_filter(self, text: str) -> None:
        self._filter = text.strip()
        self._rebuild()

    def set_sort(self, key: str) -> None:
        if key not in PANEL_SORTS:
            raise ValueError(f"unknown sort {key!r}: expected one of {', '.join(PANEL_SORTS)}")
        self._sort = key
        self._rebuild()

    @property
    def sort_key(self) -> str:
        return self._sort

    def retranslate(self) -> None:
        """The UI language (and direction) changed: every label is made again, nothing collapses.

        A layout change, not a reset: the view keeps what is expanded and selected.
        """
        self.layoutAboutToBeChanged.emit()
        self._cells = {}
        self.layoutChanged.emit()

    def _rebuild(self) -> None:
        self.beginResetModel()
        self._groups = []
        self._cells = {}
        matches = _matcher() if self._filter else None

        analysis = self._analysis
        if analysis is not None:
            for entity_type in TYPE_ORDER:
                if entity_type not in self._enabled:
                    continue
                every = analysis.entities_of(entity_type)
                if not every:
                    continue
                kept = [e for e in every if matches is None or matches((e.name, *e.variants), self._filter)]
                if kept:
                    self._groups.append(_Group(entity_type, self._sorted(kept), len(every)))
        self._flat = [(g, r) for g, group in enumerate(self._groups) for r in range(len(group.entities))]
        self._flat_of = {self._groups[g].entities[r].id: n for n, (g, r) in enumerate(self._flat)}
        self.endResetModel()

    def _sorted(self, entities: list[Entity]) -> list[Entity]:
        first = {e.id: e.mentions[0] if e.mentions else 0 for e in entities}
        if self._sort == "count":
            return sorted(entities, key=lambda e: (-e.count, first[e.id]))
        if self._sort == "name":
            return sorted(entities, key=lambda e: (e.name, first[e.id]))
        return sorted(entities, key=lambda e: first[e.id])

    # --- look-ups for the panel

    def group_types(self) -> list[EntityType]:
        """The types shown, in order (a hidden or empty type has no group)."""
        return [g.type for g in self._groups]

    def index_of_entity(self, entity_id: str) -> QModelIndex:
        n = self._flat_of.get(entity_id)
        if n is None:
            return QModelIndex()
        g, r = self._flat[n]
        return self.createIndex(r, 0, 1 + g)

    def index_of_group(self, entity_type: EntityType) -> QModelIndex:
        for g, group in enumerate(self._groups):
            if group.type is entity_type:
                return self.createIndex(g, 0, 0)
        return QModelIndex()

    def entity_at(self, index: ModelIndex) -> Entity | None:
        kind = self._kind(index)
        if kind == "entity":
            return self._groups[index.internalId() - 1].entities[index.row()]
        if kind == "mention":
            g, r = self._flat[index.internalId() - _MENTION_BASE]
            return self._groups[g].entities[r]
        return None

    # --- QAbstractItemModel

    def _kind(self, index: ModelIndex) -> str:
        if not index.isValid():
            return ""
        internal = index.internalId()
        if internal == 0:
            return "group"
        return "entity" if internal < _MENTION_BASE else "mention"

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        kind = self._kind(parent)
        if kind == "":
            return self.createIndex(row, column, 0)
        if kind == "group":
            return self.createIndex(row, column, 1 + parent.row())
        if kind == "entity":
            n = self._flat_of[self._groups[parent.internalId() - 1].entities[parent.row()].id]
            return self.createIndex(row, column, _MENTION_BASE + n)
        return QModelIndex()

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        kind = self._kind(index)
        if kind == "entity":
            return self.createIndex(index.internalId() - 1, 0, 0)
        if kind == "mention":
            g, r = self._flat[index.internalId() - _MENTION_BASE]
            return self.createIndex(r, 0, 1 + g)
        return QModelIndex()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        if parent.column() > 0:
            return 0
        kind = self._kind(parent)
        if kind == "":
            return len(self._groups)
        if kind == "group":
            return len(self._groups[parent.row()].entities)
        if kind == "entity":
            entity = self.entity_at(parent)
            return entity.count if entity is not None else 0
        return 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 2

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in _ROLES or not index.isValid():
            return None
        # Every role of a cell is worked out once per rebuild: the view asks
        # again on each repaint, and a Python look-up per role is what costs.
        key = (index.internalId(), index.row(), index.column())
        cell = self._cells.get(key)
        if cell is None:
            cell = self._cells[key] = {r: self._data(index, r) for r in _ROLES}
        return cell[int(role)]

    def _data(self, index: ModelIndex, role: int) -> object:
        kind = self._kind(index)
        if kind == "group":
            return self._group_data(self._groups[index.row()], index.column(), role)
        entity = self.entity_at(index)
        assert entity is not None
        if kind == "entity":
            return self._entity_data(entity, index.column(), role)
        return self._mention_data(entity, entity.mentions[index.row()], index.column(), role)

    def _group_data(self, group: _Group, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return type_label(group.type)
            return str(sum(e.count for e in group.entities))
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return _swatch(group.type)
        if role == Qt.ItemDataRole.FontRole:
            return _bold_font()
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("%n entities", "", len(group.entities))
        if role == TYPE_ROLE:
            return group.type
        if role == KIND_ROLE:
            return "group"
        return self._alignment(column, role)

    def _entity_data(self, entity: Entity, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return _rtl(show_controls(entity.name)) if column == 0 else str(entity.count)
        if role == Qt.ItemDataRole.ToolTipRole:
            variants = show_controls("، ".join(entity.variants))
            return self.tr("%n mentions", "", entity.count) + (f"\n{variants}" if variants else "")
        if role == ENTITY_ID_ROLE:
            return entity.id
        if role == TYPE_ROLE:
            return entity.type
        if role == KIND_ROLE:
            return "entity"
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QColor(type_color(entity.type))
        return self._alignment(column, role)

    def _mention_data(self, entity: Entity, mention_index: int, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return _rtl(self.snippet(mention_index)) if column == 0 else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.snippet(mention_index, context=120)
        if role == MENTION_ROLE:
            return mention_index
        if role == ENTITY_ID_ROLE:
            return entity.id
        if role == TYPE_ROLE:
            return entity.type
        if role == KIND_ROLE:
            return "mention"
        return None

    @staticmethod
    def _alignment(column: int, role: int) -> object:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignTrailing)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Entity") if section == 0 else self.tr("Mentions")
        return None

    def snippet(self, mention_index: int, context: int = SNIPPET_CONTEXT) -> str:
        """The mention with some words around it, on one line: «… مدينة الموصل، بعد …»."""
        assert self._analysis is not None
        text = self._analysis.source.text
        mention = self._analysis.mentions[mention_index]
        start = max(0, mention.start - context)
        end = min(len(text), mention.end + context)
        # Cut at word boundaries so no word is shown half.
        if start > 0:
            space = text.find(" ", start, mention.start)
            start = space + 1 if space != -1 else start
        if end < len(text):
            space = text.rfind(" ", mention.end, end)
            end = space if space != -1 else end
        body = show_controls(" ".join(text[start:end].split()))  # a bidi control as ‹RLO›, never obeyed
        return ("… " if start > 0 else "") + body + (" …" if end < len(text) else "")
