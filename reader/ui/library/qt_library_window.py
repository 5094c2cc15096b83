"""The library window: every article and entity of the library, beside the reader.

On the left, tabs: the entity index (type filter, sort by any column,
filter-as-you-type in any spelling), the articles (title, date, counts;
sort, filter) and the indexing log (per-file status). On the right, the
entity selected: every mention with a keyword-in-context line, the network
of the entities sharing its sentences (click a node to go to it), and a
timeline of its mentions per day, week or month.

Indexing runs in the background (``LibraryIndexing``) with a progress bar
and Stop; lists reload as results are committed. Every question to the
database runs on the questions thread (``LibraryQuestions``); the UI
thread only reads one article's stored text for the context lines it
paints. Activating an article or a mention emits ``open_article(path,
offset)``: the reader window opens it there (-1: where the reader left it).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import cast

from PySide6.QtCore import QEvent, QModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reader.entity_types import TYPE_ORDER, EntityType
from reader.library import EntitySummary, FileIndexed, IndexSummary, Library
from reader.library.network import Network
from reader.library.queries import PERIODS
from reader.library.service import EntityCompanions, EntityDetails, FlatList
from reader.ui.actions import make_action
from reader.ui.i18n import type_label
from reader.ui.library.library_models import (
    ITEM_ROLE,
    ArticleTableModel,
    EntityTableModel,
    IndexLogModel,
    MentionTableModel,
    rtl,
)
from reader.ui.library.library_session import LibraryIndexing, LibraryQuestions
from reader.ui.library.qt_context_delegate import ContextDelegate
from reader.ui.library.qt_network_view import NetworkView
from reader.ui.library.qt_timeline_view import TimelineView

FILTER_DEBOUNCE_MS = 150
#: While indexing, the lists reload at most this often.
RELOAD_INTERVAL_S = 3.0
#: The entity index shows names (not figures) until asked otherwise.
NAMES = frozenset({EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION})


class LibraryWindow(QMainWindow):
    """Signals: ``open_article(path, offset)``; ``details_shown(str)`` (an entity's mentions, network
    and timeline are shown); ``lists_loaded`` (the entity list arrived)."""

    open_article = Signal(str, int)
    details_shown = Signal(str)
    lists_loaded = Signal()

    def __init__(
        self,
        library: str | None = None,
        parent: QWidget | None = None,
        *,
        jobs: int | None = None,
        in_processes: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("library")
        self.library_path = library
        # In child processes: indexing and questions never hold the UI's interpreter lock
        # (False: threads, for tests that change the indexer's settings in this process).
        self.indexing = LibraryIndexing(library, self, jobs=jobs, use_process=in_processes)
        self.questions = LibraryQuestions(library, self, use_process=in_processes)
        self._reader: Library | None = None  # the UI thread's own connection, for context lines
        self.folders: list[str] = []
        self.selected: str | None = None  # the entity shown on the right
        self.details: EntityDetails | None = None
        self.companions: EntityCompanions | None = None
        self._asked_at = 0.0
        self.answer_ms: list[float] = []  # selection → its mentions and timeline shown (benchmark)
        self.companions_ms: list[float] = []  # selection → everything shown, its network too
        self._last_reload = 0.0
        self._reload_pending = False
        self.error = ""

        # Left: entities, articles, indexing log.
        self.entity_model = EntityTableModel(self)
        self.entity_filter = QLineEdit(self)
        self.entity_filter.setClearButtonEnabled(True)
        self.type_box = QComboBox(self)
        self.entity_table = self._table(self.entity_model)
        self.entity_table.sortByColumn(EntityTableModel.ARTICLES, Qt.SortOrder.DescendingOrder)
        self.article_model = ArticleTableModel(self)
        self.article_filter = QLineEdit(self)
        self.article_filter.setClearButtonEnabled(True)
        self.article_table = self._table(self.article_model)
        self.article_table.sortByColumn(ArticleTableModel.DATE, Qt.SortOrder.DescendingOrder)
        self.log_model = IndexLogModel(self)
        self.log_table = self._table(self.log_model, sortable=False)
        self.left = QTabWidget(self)
        self.left.addTab(self._with_bar(self.entity_table, self.entity_filter, self.type_box), "")
        self.left.addTab(self._with_bar(self.article_table, self.article_filter), "")
        self.left.addTab(self.log_table, "")

        # Right: the selected entity.
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.heading.setMargin(6)
        self.mention_model = MentionTableModel(self._article_text, self)
        self.mention_table = self._table(self.mention_model, sortable=False)
        self.mention_table.setItemDelegateForColumn(
            MentionTableModel.CONTEXT_COLUMN, ContextDelegate(lambda: self.mention_model.type, self.mention_table)
        )
        self.network = NetworkView(self)
        self.period_box = QComboBox(self)
        self.timeline = TimelineView(self)
        timeline_page = QWidget(self)
        timeline_layout = QVBoxLayout(timeline_page)
        timeline_row = QHBoxLayout()
        timeline_row.addWidget(self.period_box)
        timeline_row.addStretch(1)
        timeline_layout.addLayout(timeline_row)
        timeline_layout.addWidget(self.timeline, 1)
        self.right_tabs = QTabWidget(self)
        self.right_tabs.addTab(self.mention_table, "")
        self.right_tabs.addTab(self.network, "")
        self.right_tabs.addTab(timeline_page, "")
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.right_tabs, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([610, 690])
        self.setCentralWidget(self.splitter)

        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("library-toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(self.toolbar)
        self.actions_by_key: dict[str, QAction] = {}

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DEBOUNCE_MS)
        self._filter_timer.timeout.connect(self._apply_filters)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.timeout.connect(self.reload)

        self.entity_filter.textChanged.connect(lambda _text: self._filter_timer.start())
        self.article_filter.textChanged.connect(lambda _text: self._filter_timer.start())
        self.type_box.currentIndexChanged.connect(self._apply_type)
        self.period_box.currentIndexChanged.connect(self._show_timeline)
        self.entity_table.selectionModel().currentRowChanged.connect(self._on_entity_row)
        self.entity_table.activated.connect(self._on_entity_row)
        self.article_table.activated.connect(self._on_article_activated)
        self.mention_table.activated.connect(self._on_mention_activated)
        self.network.entity_clicked.connect(self.select_entity)
        self.indexing.files_indexed.connect(self._on_files_indexed)
        self.indexing.changed.connect(self._on_changed)
        self.indexing.finished.connect(self._on_finished)
        self.indexing.failed.connect(self._show_error)
        self.indexing.warning.connect(self._show_warning)
        self.questions.answered.connect(self._on_answered)
        self.questions.failed.connect(lambda _kind, message: self._show_error(message))

        self._set_column_widths()
        self.resize(1300, 820)
        self.retranslate()
        self.reload()

    # ------------------------------------------------------------------ building

    def _table(self, model: object, *, sortable: bool = True) -> QTableView:
        table = QTableView(self)
        table.setModel(model)  # type: ignore[arg-type]
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSortingEnabled(sortable)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.setWordWrap(False)
        table.setShowGrid(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        return table

    def _set_column_widths(self) -> None:
        """Widths from the font, once: Qt's resize-to-contents reads a thousand rows of every column
        (seconds for the entity index of a large library)."""
        metrics = self.fontMetrics()
        digits = metrics.horizontalAdvance("000000") + 16
        count = metrics.horizontalAdvance("00000") + 12
        date = metrics.horizontalAdvance("0000-00-00") + 16
        for table, widths in (
            (self.entity_table, [190, 100, digits, digits, date, date]),
            (self.article_table, [230, date + 6, digits, count, count, count, count]),
            (self.mention_table, [date, 220, 300]),  # the context stretches over the rest
            (self.log_table, [110, 420, 320]),
        ):
            for column, width in enumerate(widths):
                table.setColumnWidth(column, width)
        for table in (self.mention_table, self.log_table):
            table.horizontalHeader().setStretchLastSection(True)

    def _with_bar(self, table: QTableView, *bar: QWidget) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        for widget in bar:
            row.addWidget(widget, 1 if isinstance(widget, QLineEdit) else 0)
        layout.addLayout(row)
        layout.addWidget(table, 1)
        return page

    def _make_actions(self) -> None:
        self.toolbar.clear()
        for action in self.actions_by_key.values():
            self.removeAction(action)
        a = {
            "add": make_action(
                self,
                self.tr("&Add Folder…"),
                self.add_folder_dialog,
                icon_name="fa6s.folder-plus",
                theme_icon="folder-new",
                shortcut=QKeySequence.StandardKey.Open,
            ),
            "update": make_action(
                self,
                self.tr("&Update"),
                self.update_library,
                icon_name="fa6s.rotate",
                theme_icon="view-refresh",
                shortcut=QKeySequence.StandardKey.Refresh,
            ),
            "stop": make_action(
                self,
                self.tr("&Stop"),
                self.indexing.cancel,
                icon_name="fa6s.stop",
                theme_icon="process-stop",
                shortcut="Esc",
            ),
            "export": make_action(
                self,
                self.tr("&Export Entity Table…"),
                self.export_table_dialog,
                icon_name="fa6s.table",
                theme_icon="document-save-as",
                shortcut="Ctrl+E",
            ),
            "dossier": make_action(
                self,
                self.tr("&Dossier of This Entity…"),
                self.dossier_dialog,
                icon_name="fa6s.file-lines",
                theme_icon="document-export",
                shortcut="Ctrl+D",
            ),
            "find": make_action(
                self, self.tr("&Filter Entities"), self.focus_filter, shortcut=QKeySequence.StandardKey.Find
            ),
        }
        for key in ("add", "update", "stop", "export", "dossier"):
            self.toolbar.addAction(a[key])
        self.addAction(a["find"])
        self.actions_by_key = a
        self._update_actions()

    def retranslate(self) -> None:
        """Every text in the UI language (called again on a language change)."""
        self.setWindowTitle(self.tr("Library — Arabic Reader"))
        self.toolbar.setWindowTitle(self.tr("Library"))
        self.left.setTabText(0, self.tr("Entities"))
        self.left.setTabText(1, self.tr("Articles"))
        self.left.setTabText(2, self.tr("Indexing"))
        self.right_tabs.setTabText(0, self.tr("Mentions"))
        self.right_tabs.setTabText(1, self.tr("Network"))
        self.right_tabs.setTabText(2, self.tr("Timeline"))
        self.entity_filter.setPlaceholderText(self.tr("Filter entities (any spelling)…"))
        self.article_filter.setPlaceholderText(self.tr("Filter articles by title…"))
        with QSignalBlocker(self.type_box):
            current = max(0, self.type_box.currentIndex())
            self.type_box.clear()
            self.type_box.addItem(self.tr("Names"), "names")
            self.type_box.addItem(self.tr("All types"), "all")
            for entity_type in TYPE_ORDER:
                self.type_box.addItem(type_label(entity_type), entity_type.value)
            self.type_box.setCurrentIndex(current)
        with QSignalBlocker(self.period_box):
            current = self.period_box.currentIndex()
            self.period_box.clear()
            for label in (self.tr("Per day"), self.tr("Per week"), self.tr("Per month")):
                self.period_box.addItem(label)
            self.period_box.setCurrentIndex(2 if current < 0 else current)
        self.timeline.set_message(self.tr("None of the articles naming it states its date."))
        self._make_actions()
        self._show_heading()
        for model in (self.entity_model, self.article_model, self.mention_model, self.log_model):
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, model.columnCount() - 1))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ lists

    def reload(self) -> None:
        """Ask again for the entity and article lists (answers arrive on ``_on_answered``)."""
        self._last_reload = time.monotonic()
        self._reload_pending = False
        self.questions.ask("entities", "entity_list")
        self.questions.ask("articles", "article_list")
        if self.selected is not None:
            self._ask_details(self.selected)

    def _apply_filters(self) -> None:
        self.entity_model.set_filter(self.entity_filter.text())
        self.article_model.set_filter(self.article_filter.text())
        self._keep_selection()

    def _apply_type(self) -> None:
        chosen = self.type_box.currentData()
        if chosen == "all":
            self.entity_model.set_types(frozenset(TYPE_ORDER))
        elif chosen in {t.value for t in TYPE_ORDER}:
            self.entity_model.set_types(frozenset({EntityType(chosen)}))
        else:
            self.entity_model.set_types(NAMES)
        self._keep_selection()

    def focus_filter(self) -> None:
        self.left.setCurrentIndex(0)
        self.entity_filter.setFocus()
        self.entity_filter.selectAll()

    def _keep_selection(self) -> None:
        if self.selected is None:
            return
        row = self.entity_model.row_of("id", self.selected)
        if row >= 0:
            with QSignalBlocker(self.entity_table.selectionModel()):
                self.entity_table.selectRow(row)

    def _on_answered(self, kind: str, _number: int, answer: object) -> None:
        if kind == "entities":
            entities, keys = cast(tuple[FlatList, list[str]], answer)
            self.entity_model.set_items(entities, keys)
            self._keep_selection()
            self._show_counts()
            if self.selected is None and self.entity_model.rowCount() and not self.indexing.is_running():
                self.select_entity(self.entity_model.item(self.entity_model.index(0, 0)).id)
            self.lists_loaded.emit()
        elif kind == "articles":
            articles, titles, folders = cast(tuple[FlatList, list[str], list[str]], answer)
            self.article_model.set_items(articles, titles)
            self.folders = folders
            self._show_counts()
            self._update_actions()
        elif kind == "details":
            self._show_details(cast(EntityDetails | None, answer))
        elif kind == "companions":
            self._show_companions(cast(EntityCompanions | None, answer))
        elif kind == "write":
            self.statusBar().showMessage(self.tr("Written: {path}").format(path=answer), 8000)

    def _show_counts(self) -> None:
        if self.indexing.is_running():
            return
        self.statusBar().showMessage(
            self.tr("{articles} articles, {entities} entities").format(
                articles=len(self.article_model.items), entities=len(self.entity_model.items)
            )
        )

    # ------------------------------------------------------------------ the selected entity

    def select_entity(self, key: str) -> None:
        """Show the entity with stable id ``key`` (select its row when it is listed)."""
        row = self.entity_model.row_of("id", key)
        if row < 0 and (self.entity_filter.text() or self.type_box.currentIndex() != 1):
            self.entity_filter.clear()
            self.type_box.setCurrentIndex(1)  # all types
            self._apply_filters()
            row = self.entity_model.row_of("id", key)
        if row >= 0:
            with QSignalBlocker(self.entity_table.selectionModel()):
                self.entity_table.selectRow(row)
            self.entity_table.scrollTo(self.entity_model.index(row, 0))
        self._ask_details(key)

    def _on_entity_row(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        entity = current.data(ITEM_ROLE) if current.isValid() else None
        if isinstance(entity, EntitySummary) and entity.id != self.selected:
            self._ask_details(entity.id)

    def _ask_details(self, key: str) -> None:
        # Two answers, the small one first: with whom (the network: a few ms to work out
        # and to send), then where and when (every mention: up to 5,000 rows).
        self.selected = key
        self._asked_at = time.perf_counter()
        self.questions.ask("companions", "entity_companions", key)
        self.questions.ask("details", "entity_details", key)

    def _show_details(self, details: EntityDetails | None) -> None:
        if details is None:  # the entity left the library
            self.selected, self.details, self.companions = None, None, None
            self.mention_model.set_details(None)
            self.network.set_network(Network((), ()))
            self._show_heading()
            return
        self.details = details
        self.mention_model.forget_texts()
        self.mention_model.set_details(details)
        self._show_heading()
        self._show_timeline()
        self._update_actions()
        self.answer_ms.append((time.perf_counter() - self._asked_at) * 1000)
        self._maybe_shown()

    def _show_companions(self, companions: EntityCompanions | None) -> None:
        if companions is None or companions.key != self.selected:
            return
        self.companions = companions
        self.network.set_network(companions.network)
        self._maybe_shown()

    def _maybe_shown(self) -> None:
        """``details_shown`` once both answers about the selected entity are in (the timeline came with
        the details, the network with the companions)."""
        details, companions = self.details, self.companions
        if details is not None and companions is not None and details.entities[0].id == companions.key == self.selected:
            self.companions_ms.append((time.perf_counter() - self._asked_at) * 1000)
            self.details_shown.emit(self.selected)

    def _show_heading(self) -> None:
        if self.details is None:
            self.heading.setText(self.tr("Select an entity to see every article and sentence naming it."))
            return
        self.heading.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        entity = self.details.entities[0]
        others = [v for v in entity.variants if v != entity.name]
        lines = [
            f"<b style='font-size:large'>{_html(rtl(entity.name))}</b> · {_html(type_label(entity.type))}",
            _html(
                self.tr("{articles} articles, {mentions} mentions, from {first} to {last}").format(
                    articles=entity.articles,
                    mentions=entity.mentions,
                    first=_isolated(entity.first_date),  # a date keeps its order in an Arabic sentence
                    last=_isolated(entity.last_date),
                )
            ),
        ]
        if others:
            lines.append(_html(self.tr("Also written: {forms}").format(forms=rtl("، ".join(others[:8])))))
        direction = "rtl" if self.layoutDirection() == Qt.LayoutDirection.RightToLeft else "ltr"
        self.heading.setText(f'<div dir="{direction}">' + "<br>".join(lines) + "</div>")

    def _show_timeline(self) -> None:
        if self.details is None:
            return
        period = PERIODS[max(0, self.period_box.currentIndex())]
        self.timeline.set_counts(self.details.timelines.get(period, []), period, self.details.entities[0].type)

    def _on_article_activated(self, index: QModelIndex) -> None:
        article = index.data(ITEM_ROLE)
        if article is not None:
            self.open_article.emit(article.path, -1)

    def _on_mention_activated(self, index: QModelIndex) -> None:
        item = index.data(ITEM_ROLE)
        if item is not None:
            article, hit = item
            self.open_article.emit(article.path, hit.start)

    def _article_text(self, article: int) -> str:
        if self._reader is None:
            self._reader = Library.open(self.library_path, create=True)
        return self._reader.article_text(article)

    # ------------------------------------------------------------------ indexing

    def add_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a Folder of Articles"))
        if folder:
            self.index([folder])

    def update_library(self) -> None:
        """Index the library's folders again: new and changed articles are analyzed, vanished ones removed."""
        if self.folders:
            self.index(self.folders)
        else:
            self.add_folder_dialog()

    def index(self, paths: list[str]) -> bool:
        """Index ``paths`` in the background; False when a run is already going."""
        if not self.indexing.start(paths):
            return False
        self.log_model.clear()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.statusBar().showMessage(self.tr("Indexing…"))
        self._update_actions()
        return True

    def _on_files_indexed(self, events: list) -> None:  # type: ignore[type-arg]
        self.log_model.add(events)
        last = events[-1]
        if last.total:
            self.progress.setRange(0, last.total)
            self.progress.setValue(last.done)
        counts = {status: 0 for status in ("analyzed", "unchanged", "failed")}
        for event in self.log_model.events:
            status = "analyzed" if event.status == "updated" else event.status  # as the summary counts it
            if status in counts:
                counts[status] += 1
        self.statusBar().showMessage(
            self.tr("Indexing: {done} of {total} files ({analyzed} analyzed, {failed} failed)").format(
                done=last.done, total=last.total, analyzed=counts["analyzed"], failed=counts["failed"]
            )
        )

    def _on_changed(self, stats_fresh: bool) -> None:
        if not stats_fresh:
            return
        wait = RELOAD_INTERVAL_S - (time.monotonic() - self._last_reload)
        if wait <= 0:
            self.reload()
        elif not self._reload_timer.isActive():
            self._reload_timer.start(int(wait * 1000))

    def _on_finished(self, summary: IndexSummary) -> None:
        self.progress.hide()
        line = summary.line() + (" — " + self.tr("stopped") if summary.cancelled else "")
        self.statusBar().showMessage(line)
        self._reload_timer.stop()
        self.reload()
        self._update_actions()

    # ------------------------------------------------------------------ exports

    def export_table_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export Entity Table"), "entities.csv", self.tr("CSV table (*.csv);;JSON (*.json)")
        )
        if path:
            self.export_table(path)

    def export_table(self, path: str) -> None:
        """Write the entity table to ``path`` (.csv or .json), off the UI thread."""
        self.questions.ask("write", "write_entity_table", path)

    def dossier_dialog(self) -> None:
        if self.details is None:
            return
        name = Path(self.details.entities[0].id.replace(":", "-")).name + ".html"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Write a Dossier"), name, self.tr("Web page (*.html)"))
        if path:
            self.write_dossier(path)

    def write_dossier(self, path: str) -> None:
        """Write the shown entity's dossier to ``path`` (and its articles' exports beside it)."""
        if self.details is not None:
            self.questions.ask("write", "write_entity_dossier", self.details.entities[0].id, path)

    # ------------------------------------------------------------------ state

    def _update_actions(self) -> None:
        running = self.indexing.is_running()
        a = self.actions_by_key
        if not a:
            return
        a["add"].setEnabled(not running)
        a["update"].setEnabled(not running)
        a["stop"].setEnabled(running)
        a["dossier"].setEnabled(self.details is not None)

    def _show_warning(self, message: str) -> None:
        """A one-line warning from indexing (it goes on): in the indexing log and the status bar."""
        self.log_model.add([FileIndexed("", "warning", message)])
        self.statusBar().showMessage(message, 10000)

    def _show_error(self, message: str) -> None:
        self.error = message
        self.statusBar().showMessage(message)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shut_down()
        super().closeEvent(event)

    def shut_down(self) -> None:
        """Stop indexing (what is done is kept) and the questions thread."""
        self.indexing.close()
        self.questions.close()
        if self._reader is not None:
            self._reader.close()
            self._reader = None


def _isolated(text: str) -> str:
    """``text`` as a left-to-right island (U+2066 … U+2069): 2016-01-01 stays 2016-01-01 in Arabic."""
    return "\u2066" + text + "\u2069"


def _html(text: str) -> str:
    from html import escape

    return escape(text)
