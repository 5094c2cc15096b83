"""The reader window: the article, its legend, the entity panel, and what connects them.

Data flows one way: a file becomes a ``Source`` (``reader.io.load``), the
``AnalysisWorker`` turns it into ``Analysis`` updates off the UI thread, and
the window hands each update to the reading view, the legend and the panel.
Every job carries the window's generation number (one per opened document);
an update from an older generation is dropped, never painted over a newer
document.

The widgets live in their own modules (``qt_reading_view``, ``qt_entity_panel``,
``qt_legend``, ``qt_find_bar``); menus and the toolbar in ``_build_actions``;
this module wires them and keeps the reader's place (the selected entity and
which of its mentions is shown, "3 / 12").
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.document import Analysis, Source
from reader.entity_types import TYPE_ORDER, EntityType
from reader.ui.about import app_icon, app_name
from reader.ui.actions import make_action
from reader.ui.qt_entity_panel import EntityPanel
from reader.ui.qt_find_bar import FindBar
from reader.ui.qt_legend import Legend
from reader.ui.qt_reading_view import ReadingView
from reader.ui.settings import Cache, Preferences
from reader.ui.theme import type_color
from reader.ui.worker import AnalysisUpdate, AnalysisWorker, RecognizerFactory

#: Show the progress bar only for jobs that take longer than this (short articles never flicker it).
PROGRESS_DELAY_MS = 400
#: The panel is rebuilt from partial results at most this often (a rebuild resets the tree).
PANEL_REFRESH_S = 1.0
OPEN_FILTER_SUFFIXES = "*.txt *.text *.html *.htm *.xhtml *.md *.markdown"


class MainWindow(QMainWindow):
    """The reader window. ``open_file(path)`` is the way in; ``ready`` fires when a
    document's analysis is final and its highlights are painted."""

    ready = Signal()  # the current document is fully analyzed and painted
    error_shown = Signal(str)  # a one-line message was shown to the user

    def __init__(
        self,
        preferences: Preferences,
        cache: Cache,
        *,
        recognizer_factory: RecognizerFactory | None = None,
        theme_follower=None,
        allow_bert: bool = True,
        interactive: bool = True,
    ) -> None:
        super().__init__()
        self.preferences = preferences
        self.cache = cache
        self._recognizer_factory = recognizer_factory
        self._theme_follower = theme_follower
        self._allow_bert = allow_bert
        self._interactive = interactive  # False: no message boxes (screenshots)
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)

        self._source: Source | None = None
        self._analysis: Analysis | None = None
        self._generation = 0
        self._final = False  # the last stage of the current document's analysis has reported
        self._ready_sent = False
        self._panel_refreshed = 0.0
        self._nav_entity: str | None = None
        self._nav_position = -1  # index into the entity's mentions
        self._folded = None  # textmatch.FoldedText of the current text, made on the first Find
        self._find_spans: list[tuple[int, int]] = []
        self._find_index = -1
        self.last_error = ""

        # Widgets
        self.view = ReadingView(self)
        self.legend = Legend(self)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.legend)
        column.addWidget(self.view, 1)
        column.addWidget(self.find_bar)
        self.setCentralWidget(central)

        self.panel = EntityPanel(self)
        self.dock = QDockWidget(self)
        self.dock.setObjectName("entities")
        self.dock.setWidget(self.panel)
        self.dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self._place_dock()

        # The default recognizer runs in a child process (no GIL shared with the UI).
        self.worker = AnalysisWorker(self, use_process=recognizer_factory is None)
        self.worker.progressed.connect(self._on_update)
        self.worker.failed.connect(self._on_failed)
        self.worker.stopped.connect(self._on_stopped)

        self._build_status_bar()
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(PROGRESS_DELAY_MS)
        self._progress_timer.timeout.connect(self._show_progress)
        self._build_actions()

        # Wiring
        self.legend.toggled.connect(self._on_type_toggled)
        self.panel.entity_activated.connect(self.select_entity)
        self.panel.mention_activated.connect(self.go_to_mention)
        self.panel.type_activated.connect(self._mark_type)
        self.panel.sort_changed.connect(self._on_sort_changed)
        self.view.mention_clicked.connect(lambda i: self.go_to_mention(i, scroll=False))
        self.view.zoom_changed.connect(self._on_zoom_changed)
        self.view.highlights_painted.connect(self._maybe_ready)
        self.find_bar.query_changed.connect(self._on_find_query)
        self.find_bar.next_requested.connect(self.find_next)
        self.find_bar.previous_requested.connect(self.find_previous)
        self.find_bar.closed.connect(self._on_find_closed)
        if theme_follower is not None:
            theme_follower.changed.connect(self.view.set_dark)

        # Saved preferences
        prefs = self.preferences
        self.view.set_font_preferences(prefs.font_family, prefs.font_size, prefs.zoom)
        enabled = prefs.enabled_types
        self.legend.set_enabled_types(enabled)
        self.view.set_enabled_types(enabled)
        self.panel.set_enabled_types(enabled)
        self.panel.set_sort(prefs.panel_sort)
        self.resize(1200, 800)
        if cache.window_geometry is not None:
            self.restoreGeometry(cache.window_geometry)
        if cache.window_state is not None:
            self.restoreState(cache.window_state)
        self.retranslate()

    # ------------------------------------------------------------------ layout

    def _place_dock(self) -> None:
        # The panel sits on the reading side: the article is Arabic, read from
        # the right, in either UI language. (Qt does not mirror dock areas in a
        # right-to-left UI: the right area is on the right in both.)
        self.removeDockWidget(self.dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.show()
        self.resizeDocks([self.dock], [340], Qt.Orientation.Horizontal)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.recognizer_label = QLabel(self)
        self.encoding_label = QLabel(self)
        self.counts_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(True)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setAutoRaise(True)
        self.cancel_button.clicked.connect(self.cancel_analysis)
        for widget in (self.counts_label, self.encoding_label, self.recognizer_label, self.progress, self.cancel_button):
            bar.addPermanentWidget(widget)
        self.progress.hide()
        self.cancel_button.hide()

    def _build_actions(self) -> None:
        """Menus and toolbar, built again when the UI language changes."""
        for old in getattr(self, "_actions", {}).values():
            self.removeAction(old)
            old.deleteLater()
        self.menuBar().clear()
        if hasattr(self, "toolbar"):
            self.removeToolBar(self.toolbar)
            self.toolbar.deleteLater()
        a: dict[str, QAction] = {}
        a["open"] = make_action(self, self.tr("&Open…"), self.open_dialog, icon_name="fa6s.folder-open",
                                theme_icon="document-open", shortcut=QKeySequence.StandardKey.Open)
        a["export"] = make_action(self, self.tr("&Export…"), self.export_dialog, icon_name="fa6s.file-export",
                                  theme_icon="document-save-as", shortcut="Ctrl+E",
                                  tip=self.tr("Export the analysis as HTML, JSON or CSV"))
        a["quit"] = make_action(self, self.tr("&Quit"), self.close, icon_name="fa6s.power-off",
                                theme_icon="application-exit", shortcut=[QKeySequence.StandardKey.Quit, "Ctrl+Q"])
        a["copy"] = make_action(self, self.tr("&Copy"), self.view.copy, icon_name="fa6s.copy",
                                theme_icon="edit-copy", shortcut=QKeySequence.StandardKey.Copy)
        a["find"] = make_action(self, self.tr("&Find…"), self.open_find, icon_name="fa6s.magnifying-glass",
                                theme_icon="edit-find", shortcut=QKeySequence.StandardKey.Find)
        a["find_next"] = make_action(self, self.tr("Find &Next"), self.find_next, shortcut="F3")
        a["find_previous"] = make_action(self, self.tr("Find &Previous"), self.find_previous, shortcut="Shift+F3")
        a["filter"] = make_action(self, self.tr("&Filter Entities"), self.focus_filter, icon_name="fa6s.filter",
                                  shortcut="Ctrl+Shift+F")
        a["next"] = make_action(self, self.tr("&Next Mention"), self.next_mention, icon_name="fa6s.chevron-down",
                                theme_icon="go-down", shortcut=["Ctrl+.", "F8"],
                                tip=self.tr("Next mention of the selected entity"))
        a["previous"] = make_action(self, self.tr("&Previous Mention"), self.previous_mention,
                                    icon_name="fa6s.chevron-up", theme_icon="go-up", shortcut=["Ctrl+,", "Shift+F8"],
                                    tip=self.tr("Previous mention of the selected entity"))
        a["zoom_in"] = make_action(self, self.tr("Zoom &In"), self.view.zoom_in, icon_name="fa6s.magnifying-glass-plus",
                                   theme_icon="zoom-in", shortcut=[QKeySequence.StandardKey.ZoomIn, "Ctrl+="])
        a["zoom_out"] = make_action(self, self.tr("Zoom &Out"), self.view.zoom_out,
                                    icon_name="fa6s.magnifying-glass-minus", theme_icon="zoom-out",
                                    shortcut=QKeySequence.StandardKey.ZoomOut)
        a["zoom_reset"] = make_action(self, self.tr("&Actual Size"), self.view.reset_zoom, theme_icon="zoom-original",
                                      shortcut="Ctrl+0")
        a["panel"] = self.dock.toggleViewAction()
        a["panel"].setText(self.tr("&Entities Panel"))
        a["panel"].setShortcut(QKeySequence("F9"))
        a["about"] = make_action(self, self.tr("&About Arabic Reader"), self.show_about, icon_name="fa6s.circle-info",
                                 theme_icon="help-about", shortcut="F1")
        self._actions = a

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(a["open"])
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.encoding_menu = file_menu.addMenu(self.tr("Reopen with E&ncoding"))
        self._fill_encoding_menu()
        file_menu.addAction(a["export"])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        for key in ("copy", "find", "find_next", "find_previous", "filter"):
            edit_menu.addAction(a[key])
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for key in ("zoom_in", "zoom_out", "zoom_reset"):
            view_menu.addAction(a[key])
        view_menu.addSeparator()
        view_menu.addAction(a["panel"])
        self.types_menu = view_menu.addMenu(self.tr("Highlight &Types"))
        self._type_actions: dict[EntityType, QAction] = {}
        enabled = self.legend.enabled_types()
        for number, entity_type in enumerate(TYPE_ORDER, start=1):
            action = make_action(self, self.legend.buttons[entity_type].text().split("  ")[0],
                                 lambda checked, t=entity_type: self.set_type_enabled(t, checked),
                                 checkable=True, checked=entity_type in enabled, shortcut=f"Alt+{number}")
            action.setShortcut(QKeySequence())  # the legend's buttons own Alt+N; shown here as a hint
            action.setText(f"{action.text()}\tAlt+{number}")
            self._type_actions[entity_type] = action
            self.types_menu.addAction(action)
        view_menu.addMenu(self._theme_menu())
        view_menu.addMenu(self._language_menu())
        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        go_menu.addAction(a["next"])
        go_menu.addAction(a["previous"])
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(a["about"])
        self._fill_recent_menu()

        self.toolbar = QToolBar(self.tr("Main"), self)
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        for key in ("open", "export"):
            self.toolbar.addAction(a[key])
        self.toolbar.addSeparator()
        self.toolbar.addAction(a["find"])
        self.toolbar.addSeparator()
        self.toolbar.addAction(a["previous"])
        self.position_label = QLabel(self.toolbar)
        self.position_label.setMinimumWidth(56)
        self.position_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.toolbar.addWidget(self.position_label)
        self.toolbar.addAction(a["next"])
        self.toolbar.addSeparator()
        for key in ("zoom_out", "zoom_in"):
            self.toolbar.addAction(a[key])
        self.toolbar.addSeparator()
        self.toolbar.addAction(a["panel"])
        self._update_actions()
        self._update_position_label()

    def _theme_menu(self) -> QMenu:
        menu = QMenu(self.tr("&Theme"), self)
        group = QActionGroup(menu)
        labels = {"system": self.tr("Follow &System"), "light": self.tr("&Light"), "dark": self.tr("&Dark")}
        for key, label in labels.items():
            action = make_action(menu, label, lambda checked, k=key: checked and self.set_theme(k),
                                 checkable=True, checked=self.preferences.theme == key)
            group.addAction(action)
            menu.addAction(action)
        return menu

    def _language_menu(self) -> QMenu:
        from reader.ui.i18n import available_languages

        menu = QMenu(self.tr("&Language"), self)
        group = QActionGroup(menu)
        choices = [("system", self.tr("Follow &System")), *available_languages()]
        for key, label in choices:
            action = make_action(menu, label, lambda checked, k=key: checked and self.set_language(k),
                                 checkable=True, checked=self.preferences.language == key)
            group.addAction(action)
            menu.addAction(action)
        return menu

    def _fill_encoding_menu(self) -> None:
        from reader.io import SUPPORTED_ENCODINGS

        self.encoding_menu.clear()
        for codec, label in SUPPORTED_ENCODINGS:
            self.encoding_menu.addAction(
                make_action(self.encoding_menu, label, lambda c=codec: self.reopen_with_encoding(c))
            )

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.cache.recent_files()
        for number, path in enumerate(files, start=1):
            text = f"&{number} {Path(path).name}" if number < 10 else Path(path).name
            action = make_action(self.recent_menu, text, lambda p=path: self.open_file(p), tip=path)
            self.recent_menu.addAction(action)
        if files:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(make_action(self.recent_menu, self.tr("&Clear List"), self._clear_recent))
        self.recent_menu.setEnabled(bool(files))

    def _clear_recent(self) -> None:
        self.cache.clear_recent_files()
        self._fill_recent_menu()

    def retranslate(self) -> None:
        """Set every text in the UI language (called again on a language change)."""
        self.dock.setWindowTitle(self.tr("Entities"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the analysis (results so far stay)"))
        self.legend.retranslate()
        self.find_bar.retranslate()
        self.panel.retranslate()
        self._update_title()
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_actions"):
            self._build_actions()
            self.retranslate()
            self._place_dock()
            self.panel.model.set_analysis(self._analysis)  # group labels
        super().changeEvent(event)

    # ------------------------------------------------------------------ files

    def open_dialog(self) -> None:
        start = str(Path(self._source.path).parent) if self._source and self._source.path else ""
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Open Article"), start,
            self.tr("Articles ({suffixes});;All files (*)").format(suffixes=OPEN_FILTER_SUFFIXES),
        )
        if path:
            self.open_file(path)

    def open_file(self, path: str | Path, encoding: str | None = None) -> bool:
        """Load ``path`` and start analyzing it; on failure show one line and keep the current article."""
        from reader.io import LoadError, load

        try:
            source = load(path, encoding)
        except LoadError as error:
            self.show_error(str(error))
            if not Path(path).exists():
                self.cache.remove_recent_file(path)
                self._fill_recent_menu()
            return False
        except Exception as error:  # noqa: BLE001 - whatever the loader misses: one line, no traceback
            self.show_error(self.tr("Cannot open {name}: {reason}").format(name=Path(path).name, reason=error))
            return False
        self.set_source(source)
        if source.path:
            self.cache.add_recent_file(source.path)
            self._fill_recent_menu()
        return True

    def reopen_with_encoding(self, codec: str) -> None:
        if self._source is None or not self._source.path:
            self.show_error(self.tr("No file is open."))
            return
        self.open_file(self._source.path, codec)

    def set_source(self, source: Source) -> None:
        """Show ``source`` and analyze it in the background (also used for text not from a file)."""
        self._remember_position()
        self._generation += 1
        self._source = source
        self._analysis = None
        self._final = False
        self._ready_sent = False
        self._folded = None
        self._clear_navigation()
        self.find_bar.close_bar() if self.find_bar.isVisible() else None
        self.view.set_source(source)
        self.panel.set_analysis(None)
        self.legend.set_counts({})
        self.last_error = ""
        self.statusBar().clearMessage()
        self._update_title()
        self._update_status()
        self._update_actions()
        if source.path:
            position = self.cache.scroll_position(source.path)
            if position:
                # After the first layout pass, so the line's position is known.
                QTimer.singleShot(0, lambda g=self._generation, p=position: self._restore_position(g, p))
        self._start_job(self._recognizer_factory, "offline")

    def _restore_position(self, generation: int, position: int) -> None:
        if generation == self._generation and self._source is not None:
            self.view.scroll_to_offset(min(position, len(self._source.text)))

    def _remember_position(self) -> None:
        if self._source is not None and self._source.path:
            self.cache.set_scroll_position(self._source.path, self.view.first_visible_offset())

    @property
    def source(self) -> Source | None:
        return self._source

    @property
    def analysis(self) -> Analysis | None:
        return self._analysis

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_file(files[0])

    def export_dialog(self) -> None:
        if self._analysis is None or not self._final:
            self.show_error(self.tr("Nothing to export yet: the analysis is not finished."))
            return
        from reader.export import FORMATS, ExportError, export

        filters = ";;".join(f"{self.tr(description)} (*{suffix})" for suffix, description in FORMATS.items())
        stem = Path(self._source.path).stem if self._source and self._source.path else "analysis"
        start = str(Path(self._source.path).with_name(stem + ".html")) if self._source and self._source.path else stem
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export Analysis"), start, filters)
        if not path:
            return
        if not Path(path).suffix:
            path += chosen[chosen.rfind("(*") + 2 : -1] if "(*" in chosen else ".html"
        try:
            export(self._analysis, path)
        except ExportError as error:
            self.show_error(str(error))
            return
        self.statusBar().showMessage(self.tr("Exported to {path}").format(path=path), 5000)

    # ------------------------------------------------------------------ analysis

    def _start_job(self, factory: RecognizerFactory | None, stage: str) -> None:
        assert self._source is not None
        self._job_started = time.monotonic()
        self.progress.setValue(0)
        self._progress_timer.start()
        self.worker.start(self._source, self._generation, factory, stage)

    def cancel_analysis(self) -> None:
        """Stop the running analysis; what was found so far stays shown."""
        if self.worker.is_busy():
            self.worker.cancel()
            self.statusBar().showMessage(self.tr("Analysis cancelled: showing the part analyzed so far."), 8000)
        self._hide_progress()

    def _on_update(self, update: AnalysisUpdate) -> None:
        if update.generation != self._generation:
            return  # a result for a document no longer shown
        self._analysis = update.analysis
        self.view.set_analysis(update.analysis)
        self.legend.set_counts(update.analysis.counts())
        self.progress.setValue(round(update.fraction * 100))
        now = time.monotonic()
        if update.final or now - self._panel_refreshed >= PANEL_REFRESH_S:
            self._panel_refreshed = now
            self.panel.set_analysis(update.analysis)
            self._revalidate_navigation()
        if update.final:
            if update.stage == "offline" and self._bert_wanted():
                self._start_job(self._bert_factory(), "bert")
                self.statusBar().showMessage(self.tr("Offline results shown; running BERT in the background…"))
            else:
                self._final = True
                self._hide_progress()
        self._folded = None
        self._update_status()
        self._update_actions()
        self._maybe_ready()

    def _on_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._hide_progress()
        self._final = True
        self.show_error(self.tr("Analysis failed: {message}").format(message=message))
        self._maybe_ready()

    def _on_stopped(self, generation: int) -> None:
        if generation == self._generation:
            self._hide_progress()

    def _show_progress(self) -> None:
        if self.worker.is_busy():
            self.progress.show()
            self.cancel_button.show()

    def _hide_progress(self) -> None:
        self._progress_timer.stop()
        self.progress.hide()
        self.cancel_button.hide()

    def _maybe_ready(self) -> None:
        if self._final and not self._ready_sent and self.view.painter.is_idle():
            self._ready_sent = True
            self.ready.emit()

    def is_ready(self) -> bool:
        """Whether the current document is fully analyzed and painted."""
        return self._ready_sent

    def _bert_wanted(self) -> bool:
        if not (self._allow_bert and self.preferences.use_bert):
            return False
        try:
            from reader.analysis.bert import bert_available

            return bert_available(self.preferences.bert_model_dir or None)[0]
        except Exception:  # noqa: BLE001 - an optional recognizer never blocks reading
            return False

    def _bert_factory(self) -> RecognizerFactory:
        model_dir = self.preferences.bert_model_dir or None

        def load_bert():
            from reader.analysis.bert import find_bert_model

            return find_bert_model(model_dir)

        return load_bert

    # ------------------------------------------------------------------ types, panel, navigation

    def set_type_enabled(self, entity_type: EntityType, enabled: bool) -> None:
        """Show or hide one type's highlights and panel group (persisted)."""
        types = set(self.legend.enabled_types())
        types.add(entity_type) if enabled else types.discard(entity_type)
        self.legend.set_enabled_types(types)
        self._apply_enabled(frozenset(types))

    def _on_type_toggled(self, _entity_type: EntityType, _checked: bool) -> None:
        self._apply_enabled(self.legend.enabled_types())

    def _apply_enabled(self, types: frozenset[EntityType]) -> None:
        self.preferences.enabled_types = types
        self.view.set_enabled_types(types)
        self.panel.set_enabled_types(types)
        for entity_type, action in getattr(self, "_type_actions", {}).items():
            action.blockSignals(True)
            action.setChecked(entity_type in types)
            action.blockSignals(False)
        self._revalidate_navigation()

    def _on_sort_changed(self, key: str) -> None:
        self.preferences.panel_sort = key

    def select_entity(self, entity_id: str, jump: bool = True) -> None:
        """Make ``entity_id`` the one Next/Previous walk through; go to its first mention."""
        if self._analysis is None:
            return
        try:
            entity = self._analysis.entity(entity_id)
        except KeyError:
            return
        self._nav_entity = entity_id
        self._nav_position = 0 if jump else -1
        self.panel.select_entity(entity_id)
        self._mark_entity(entity_id)
        if jump and entity.mentions:
            self._show_mention(entity.mentions[0])
        self._update_position_label()

    def go_to_mention(self, mention_index: int, scroll: bool = True) -> None:
        """Select mention ``mention_index`` (of ``Analysis.mentions``) and its entity."""
        if self._analysis is None or not 0 <= mention_index < len(self._analysis.mentions):
            return
        mention = self._analysis.mentions[mention_index]
        try:
            entity = self._analysis.entity(mention.entity)
        except KeyError:
            return
        self._nav_entity = entity.id
        self._nav_position = entity.mentions.index(mention_index) if mention_index in entity.mentions else 0
        self.panel.select_entity(entity.id)
        self._mark_entity(entity.id)
        if scroll:
            self._show_mention(mention_index)
        self._update_position_label()

    def next_mention(self) -> None:
        self._step_mention(+1)

    def previous_mention(self) -> None:
        self._step_mention(-1)

    def _step_mention(self, step: int) -> None:
        if self._analysis is None:
            return
        if self._nav_entity is None and not self._adopt_entity_at_cursor():
            self.statusBar().showMessage(self.tr("Select an entity in the panel first."), 4000)
            return
        entity = self._analysis.entity(self._nav_entity)  # type: ignore[arg-type]
        count = entity.count
        if not count:
            return
        if self._nav_position < 0:
            self._nav_position = 0 if step > 0 else count - 1
        else:
            self._nav_position = (self._nav_position + step) % count  # wraps around
        self._show_mention(entity.mentions[self._nav_position])
        self._update_position_label()

    def _adopt_entity_at_cursor(self) -> bool:
        """With nothing selected, Next/Previous follow the mention at (or after) the cursor."""
        assert self._analysis is not None
        start, _end = self.view.selection_offsets()
        enabled = self.legend.enabled_types()
        for i, mention in enumerate(self._analysis.mentions):
            if mention.end > start and mention.type in enabled:
                self._nav_entity = mention.entity
                self._nav_position = -1
                self._mark_entity(mention.entity)
                self.panel.select_entity(mention.entity)
                return True
        return False

    def _show_mention(self, mention_index: int) -> None:
        assert self._analysis is not None
        mention = self._analysis.mentions[mention_index]
        self.view.go_to(mention.start, mention.end, type_color(mention.type))

    def navigation(self) -> tuple[str | None, int, int]:
        """(selected entity id, 1-based position of the shown mention or 0, its mention count)."""
        if self._analysis is None or self._nav_entity is None:
            return None, 0, 0
        count = self._analysis.entity(self._nav_entity).count
        return self._nav_entity, self._nav_position + 1 if self._nav_position >= 0 else 0, count

    def _update_position_label(self) -> None:
        if not hasattr(self, "position_label"):
            return
        _entity, position, count = self.navigation()
        self.position_label.setText(f"{position} / {count}" if count else "")
        self.position_label.setToolTip(self.tr("Mention shown / mentions of the selected entity"))
        for key in ("next", "previous"):
            self._actions[key].setEnabled(self._analysis is not None and bool(self._analysis.mentions))

    def _clear_navigation(self) -> None:
        self._nav_entity = None
        self._nav_position = -1
        self.view.marks.set_marks([], type_color(EntityType.PERSON))
        self._update_position_label()

    def _revalidate_navigation(self) -> None:
        """After new results or a toggle, drop a selection that no longer exists or is hidden."""
        if self._nav_entity is None or self._analysis is None:
            return
        try:
            entity = self._analysis.entity(self._nav_entity)
        except KeyError:
            self._clear_navigation()
            return
        if entity.type not in self.legend.enabled_types():
            self._clear_navigation()
            return
        self._nav_position = min(self._nav_position, entity.count - 1)
        self._mark_entity(entity.id)
        self._update_position_label()

    def _mark_entity(self, entity_id: str) -> None:
        assert self._analysis is not None
        entity = self._analysis.entity(entity_id)
        spans = [(self._analysis.mentions[i].start, self._analysis.mentions[i].end) for i in entity.mentions]
        self.view.set_marks(spans, type_color(entity.type))

    def _mark_type(self, entity_type: EntityType) -> None:
        if self._analysis is None:
            return
        spans = [(m.start, m.end) for m in self._analysis.mentions if m.type is entity_type]
        self.view.set_marks(spans, type_color(entity_type))

    def focus_filter(self) -> None:
        self.dock.show()
        self.panel.filter_field.setFocus()
        self.panel.filter_field.selectAll()

    # ------------------------------------------------------------------ find

    def open_find(self) -> None:
        cursor = self.view.textCursor()
        selected = cursor.selectedText() if cursor.hasSelection() and "\u2029" not in cursor.selectedText() else ""
        self.find_bar.open_bar(selected)
        if selected:
            self.find_bar.flush()

    def find(self, query: str) -> list[tuple[int, int]]:
        """Show Find's matches of ``query`` and go to the first one after the cursor."""
        if self._source is None:
            return []
        if self._folded is None or self._folded.text is not self._source.text:
            from reader.analysis.textmatch import FoldedText  # camel-tools is slow to import: on first use

            self._folded = FoldedText(self._source.text)
        self._find_spans = self._folded.find_all(query)
        start, _end = self.view.selection_offsets()
        self._find_index = next((i for i, (s, _e) in enumerate(self._find_spans) if s >= start), 0)
        if not self._find_spans:
            self._find_index = -1
        self.view.set_find_matches(self._find_spans, self._find_index)
        self.find_bar.set_position(self._find_index + 1, len(self._find_spans))
        return self._find_spans

    def _on_find_query(self, query: str) -> None:
        self.find(query)

    def find_next(self) -> None:
        self._step_find(+1)

    def find_previous(self) -> None:
        self._step_find(-1)

    def _step_find(self, step: int) -> None:
        if not self.find_bar.isVisible():
            self.open_find()
            return
        self.find_bar.flush()
        if not self._find_spans:
            return
        self._find_index = (self._find_index + step) % len(self._find_spans)
        self.view.set_find_matches(self._find_spans, self._find_index)
        self.find_bar.set_position(self._find_index + 1, len(self._find_spans))

    def _on_find_closed(self) -> None:
        self._find_spans = []
        self._find_index = -1
        self.view.set_find_matches([])
        self.view.setFocus()

    # ------------------------------------------------------------------ preferences

    def _on_zoom_changed(self, steps: int) -> None:
        self.preferences.zoom = steps

    def set_theme(self, theme: str) -> None:
        self.preferences.theme = theme
        if self._theme_follower is not None:
            self._theme_follower.set_theme(theme)
        else:
            from reader.ui.theme import apply_theme

            self.view.set_dark(apply_theme(QApplication.instance(), theme))

    def set_language(self, language: str) -> None:
        from reader.ui.i18n import install_translator

        self.preferences.language = language
        install_translator(QApplication.instance(), language)  # LanguageChange rebuilds the menus

    def show_about(self) -> None:
        from reader.ui.about import show_about

        name = self._analysis.recognizer if self._analysis is not None else None
        show_about(self, name, self.preferences.bert_model_dir or None)

    # ------------------------------------------------------------------ status

    def show_error(self, message: str) -> None:
        """One line in the status bar, and a message box when someone is watching."""
        line = " ".join(str(message).split()) or self.tr("Unknown error")
        self.last_error = line
        self.statusBar().showMessage(line)
        self.error_shown.emit(line)
        if self._interactive:
            box = QMessageBox(QMessageBox.Icon.Warning, app_name(), line, QMessageBox.StandardButton.Ok, self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()  # not exec(): never block the event loop

    def _update_title(self) -> None:
        name = self._source.display_name if self._source is not None else ""
        self.setWindowTitle(f"{name} — {app_name()}" if name else app_name())

    def _update_status(self) -> None:
        if self._source is None:
            self.encoding_label.setText("")
            self.counts_label.setText("")
            self.recognizer_label.setText("")
            return
        self.encoding_label.setText(self._source.encoding)
        self.encoding_label.setToolTip(self.tr("Text encoding (File ▸ Reopen with Encoding to change)"))
        if self._analysis is None:
            self.recognizer_label.setText(self.tr("Analyzing…"))
            self.counts_label.setText("")
            return
        recognizer = self._analysis.recognizer or self.tr("offline model")
        self.recognizer_label.setText(self.tr("Recognizer: {name}").format(name=recognizer))
        self.recognizer_label.setToolTip(self._recognizer_tooltip())
        self.counts_label.setText(
            self.tr("{mentions} mentions · {entities} entities").format(
                mentions=len(self._analysis.mentions), entities=len(self._analysis.entities)
            )
        )

    def _recognizer_tooltip(self) -> str:
        try:
            from reader.ui.about import bert_status

            return bert_status(self.preferences.bert_model_dir or None)
        except Exception:  # noqa: BLE001
            return ""

    def _update_actions(self) -> None:
        if not hasattr(self, "_actions"):
            return
        has_source = self._source is not None
        self._actions["export"].setEnabled(has_source and self._final)
        self._actions["find"].setEnabled(has_source)
        self.encoding_menu.setEnabled(bool(has_source and self._source and self._source.path))

    # ------------------------------------------------------------------ closing

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._remember_position()
        self.cache.window_geometry = self.saveGeometry()
        self.cache.window_state = self.saveState()
        self.worker.close()  # a job ends within one chunk; its signals must not outlive us
        super().closeEvent(event)
