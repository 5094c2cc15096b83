"""Table models of the library view: entities, articles, an entity's mentions, the indexing log.

The entity and article tables sort and filter themselves (no proxy model):
with 25,000 entities, a proxy calls Python once per row on every keystroke,
while a list comprehension over spellings folded beforehand (on the
questions thread) takes a few milliseconds. Filtering folds the typed text
as the Find bar does (``reader.analysis.textmatch``): الامم finds الأمم.

The mention table shows one row per mention, with a keyword-in-context line
made only when the row is painted (``text_of`` reads the article's stored
text; a few hundred are kept), so an entity in 3,000 articles is listed at once.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon

from reader.entity_types import TYPE_ORDER, EntityType
from reader.library import ArticleSummary, EntitySummary, FileIndexed, Hit, keyword_in_context
from reader.library.service import EntityDetails, FlatList
from reader.ui.i18n import type_label
from reader.ui.theme import swatch_icon, type_color

ModelIndex = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole

#: Custom roles: the row's object, and the (before, match, after) of a context line.
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
CONTEXT_ROLE = Qt.ItemDataRole.UserRole + 2
#: Characters of context each side of a mention.
CONTEXT = 45
#: Article texts kept for context lines.
TEXTS_KEPT = 256


@cache
def _swatch(entity_type: EntityType) -> QIcon:
    return swatch_icon(entity_type)  # drawn once per type, not for every row painted


def rtl(text: str) -> str:
    """``text`` embedded right to left when the UI is left to right (Arabic names keep their order)."""
    if QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft:
        return text
    return "\u202b" + text + "\u202c"


def folded_query(text: str) -> list[str]:
    """What a filter looks for: the typed text folded, and again without its proclitics (وبالموصل → موصل)."""
    from reader.analysis.arabic import base_form, strip_article
    from reader.analysis.textmatch import fold

    key = fold(" ".join(text.split()))
    if not key:
        return []
    words = key.split()
    bare = " ".join([strip_article(base_form(words[0])), *words[1:]])
    return sorted({key, bare} - {""})


class _SortedTable(QAbstractTableModel):
    """Rows of ``items`` (a ``FlatList``: flat rows, objects made when painted) shown through
    ``order``, a filtered, sorted list of indices."""

    columns: tuple[str, ...] = ()

    def __init__(self, kind: type, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items: FlatList = FlatList(kind, [])
        self.keys: list[str] = []  # folded haystack per item
        self.order: list[int] = []
        self._query: list[str] = []
        self._sort: tuple[int, bool] = (self.default_sort(), True)
        self._sort_keys: dict[int, list[Any]] = {}  # per column, one key per item

    def default_sort(self) -> int:
        return 0

    def set_items(self, items: FlatList, keys: Sequence[str]) -> None:
        self.beginResetModel()
        self.items, self.keys = items, list(keys)
        self._sort_keys = {}
        self._arrange()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        self._query = folded_query(text)
        self.beginResetModel()
        self._arrange()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        self._arrange()
        self.layoutChanged.emit()

    def kept(self, candidates: list[int]) -> list[int]:
        """``candidates`` (indices) that pass the filters besides the typed text."""
        return candidates

    def sort_keys(self, column: int) -> list[Any]:
        """One sort key per item for ``column``, read from the flat rows."""
        raise NotImplementedError

    def _arrange(self) -> None:
        # Tens of thousands of rows on every keystroke: comprehensions over the flat rows,
        # sort keys made once per column, no object made.
        column, descending = self._sort
        keys, query = self.keys, self._query
        if query:
            candidates = [i for i, key in enumerate(keys) if any(q in key for q in query)]
        else:
            candidates = list(range(len(self.items)))
        kept = self.kept(candidates)
        if column not in self._sort_keys:
            self._sort_keys[column] = self.sort_keys(column)
        kept.sort(key=self._sort_keys[column].__getitem__, reverse=descending)
        self.order = kept

    def item(self, index: ModelIndex) -> Any:
        return self.items[self.order[index.row()]] if index.isValid() else None

    def row_of(self, field: str, value: object) -> int:
        """The row showing the item whose ``field`` is ``value`` (-1 if none is shown)."""
        position, rows = self.items.field(field), self.items.rows
        return next((row for row, i in enumerate(self.order) if rows[i][position] == value), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return self.header(section)
        return None

    def header(self, section: int) -> str:
        raise NotImplementedError


class EntityTableModel(_SortedTable):
    """Name, type, articles, mentions, first and last date; filtered by type and by any spelling."""

    columns = ("name", "type", "articles", "mentions", "first", "last")
    NAME, TYPE, ARTICLES, MENTIONS, FIRST, LAST = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(EntitySummary, parent)
        self.types: frozenset[EntityType] = frozenset({EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION})

    def default_sort(self) -> int:
        return self.ARTICLES

    def set_types(self, types: frozenset[EntityType]) -> None:
        self.types = types
        self.beginResetModel()
        self._arrange()
        self.endResetModel()

    def kept(self, candidates: list[int]) -> list[int]:
        rows, position, types = self.items.rows, self.items.field("type"), self.types
        return [i for i in candidates if rows[i][position] in types]

    def sort_keys(self, column: int) -> list[Any]:
        f, rows = self.items.field, self.items.rows
        name, kind, articles, mentions = f("name"), f("type"), f("articles"), f("mentions")
        if column == self.NAME:
            return [r[name] for r in rows]
        if column == self.TYPE:
            return [(TYPE_ORDER.index(r[kind]), -r[articles]) for r in rows]
        if column == self.MENTIONS:
            return [(r[mentions], r[articles]) for r in rows]
        if column in (self.FIRST, self.LAST):
            date = f("first_date" if column == self.FIRST else "last_date")
            return [r[date] for r in rows]
        return [(r[articles], r[mentions]) for r in rows]

    def header(self, section: int) -> str:
        return [
            self.tr("Name"),
            self.tr("Type"),
            self.tr("Articles"),
            self.tr("Mentions"),
            self.tr("First"),
            self.tr("Last"),
        ][section]

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> object:
        entity: EntitySummary | None = self.item(index)
        if entity is None:
            return None
        column = index.column()
        if role == ITEM_ROLE:
            return entity
        if role == _DISPLAY:
            return [
                rtl(entity.name),
                type_label(entity.type),
                entity.articles,
                entity.mentions,
                entity.first_date,
                entity.last_date,
            ][column]
        if role == Qt.ItemDataRole.DecorationRole and column == self.NAME:
            return _swatch(entity.type)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME:
            return rtl(" · ".join(entity.variants))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ARTICLES, self.MENTIONS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ArticleTableModel(_SortedTable):
    """Title, date (the file's date in italics when the article states none), words, mentions per type."""

    columns = ("title", "date", "words", "people", "places", "organizations", "figures")
    TITLE, DATE, WORDS = range(3)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(ArticleSummary, parent)

    def default_sort(self) -> int:
        return self.DATE

    def sort_keys(self, column: int) -> list[Any]:
        value, path = self.items.field(self.columns[column]), self.items.field("path")
        return [(r[value], r[path]) for r in self.items.rows]

    def header(self, section: int) -> str:
        if section >= 3:
            return type_label(TYPE_ORDER[section - 3])
        return [self.tr("Title"), self.tr("Date"), self.tr("Words")][section]

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> object:
        article: ArticleSummary | None = self.item(index)
        if article is None:
            return None
        column = index.column()
        if role == ITEM_ROLE:
            return article
        if role == _DISPLAY:
            counts = (article.people, article.places, article.organizations, article.figures)
            return [rtl(article.title), article.date, article.words, *counts][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.DATE and not article.date_stated:
                return self.tr("The article states no date: this is its file's date.")
            return article.path
        if role == Qt.ItemDataRole.FontRole and column == self.DATE and not article.date_stated:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column >= 3:
            return QColor(type_color(TYPE_ORDER[column - 3]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.WORDS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class MentionTableModel(QAbstractTableModel):
    """One row per mention of the selected entity: date, article, and the mention in context."""

    DATE, ARTICLE, CONTEXT_COLUMN = range(3)

    def __init__(self, text_of: Callable[[int], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text_of = text_of
        self.articles: FlatList = FlatList(ArticleSummary, [])
        self.rows: list[tuple[int, int, int, str]] = []  # (article index, start, end, text)
        self.type: EntityType = EntityType.PERSON
        self._texts: OrderedDict[int, str] = OrderedDict()

    def set_details(self, details: EntityDetails | None) -> None:
        self.beginResetModel()
        if details is None:
            self.articles, self.rows = FlatList(ArticleSummary, []), []
        else:
            self.articles, self.rows = FlatList(ArticleSummary, details.articles), details.hits
            self.type = details.entities[0].type
        self.endResetModel()

    def forget_texts(self) -> None:
        """The library changed: article texts are read again when next shown."""
        self._texts.clear()

    def row_item(self, row: int) -> tuple[ArticleSummary, Hit]:
        number, start, end, text = self.rows[row]
        return self.articles[number], Hit(start, end, text)

    def context(self, row: int) -> tuple[str, str, str]:
        number, start, end, mention = self.rows[row]
        article = self.articles[number]
        text = self._texts.get(article.id)
        if text is None:
            try:
                text = self.text_of(article.id)
            except KeyError:  # the article left the library since
                text = ""
            self._texts[article.id] = text
            if len(self._texts) > TEXTS_KEPT:
                self._texts.popitem(last=False)
        else:
            self._texts.move_to_end(article.id)
        if text[start:end] != mention:
            return "", mention, ""
        return keyword_in_context(text, start, end, CONTEXT)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return [self.tr("Date"), self.tr("Article"), self.tr("Mention in context")][section]
        return None

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> object:
        if not index.isValid():
            return None
        article, hit = self.row_item(index.row())
        column = index.column()
        if role == ITEM_ROLE:
            return article, hit
        if role == CONTEXT_ROLE and column == self.CONTEXT_COLUMN:
            return self.context(index.row())
        if role == _DISPLAY:
            if column == self.DATE:
                return article.date
            if column == self.ARTICLE:
                return rtl(article.title)
            return rtl("".join(self.context(index.row())).replace("\n", " "))
        if role == Qt.ItemDataRole.ToolTipRole:
            return article.path
        return None


class IndexLogModel(QAbstractTableModel):
    """What indexing did with each file: analyzed, updated (the user's data applied again), unchanged,
    failed (with the reason), removed; and a run's warnings (no file)."""

    STATUS, FILE, REASON = range(3)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.events: list[FileIndexed] = []

    def clear(self) -> None:
        self.beginResetModel()
        self.events = []
        self.endResetModel()

    def add(self, events: Sequence[FileIndexed]) -> None:
        if not events:
            return
        first = len(self.events)
        self.beginInsertRows(QModelIndex(), first, first + len(events) - 1)
        self.events.extend(events)
        self.endInsertRows()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.events)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return [self.tr("Status"), self.tr("File"), self.tr("Reason")][section]
        return None

    def status_label(self, status: str) -> str:
        return {
            "analyzed": self.tr("analyzed"),
            "updated": self.tr("updated"),
            "unchanged": self.tr("unchanged"),
            "warning": self.tr("warning"),
            "failed": self.tr("failed"),
            "removed": self.tr("removed"),
        }.get(status, status)

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> object:
        if not index.isValid():
            return None
        event = self.events[index.row()]
        if role == _DISPLAY:
            return [self.status_label(event.status), event.path, event.reason][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and event.status in ("failed", "warning"):
            return QColor("#D55E00")  # Okabe–Ito vermillion: not one of the entity colors
        if role == ITEM_ROLE:
            return event
        return None
