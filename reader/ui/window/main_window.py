"""The reader window: the reading area, the entity panel, the status bar, and what connects them.

Data flows one way: ``ArticleSession`` reads a file and analyzes it off the
UI thread (``reader.ui.jobs``); the window hands what it reports to the
reading area (``ReadingArea``: legend, text, Find bar), the entity panel
and the status bar, and turns what the reader does (their signals, the
menus' commands) into requests: open, stop, export, show or hide a type,
go to a mention.

The parts never see the window: the reading area and the panel report by
signal; the menus get ``MenuCommands`` (``menus.py``), the file actions
get the session, the cache and the reading position (``files.py``). This
module is where they are wired together, and where preferences (theme,
language, font, BERT) and errors (one line) are handled.
"""

from __future__ import annotations

import bisect
import gc
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QMenu, QMessageBox, QStackedWidget

if TYPE_CHECKING:
    from reader.corrections.store import UserStore

from reader.document import Analysis, Source
from reader.entity_types import EntityType
from reader.errors import one_line
from reader.jobs import RecognizerFactory, highlight_spans
from reader.ui.article.qt_reading_area import ReadingArea
from reader.ui.corrections.controller import CorrectionController
from reader.ui.entities.qt_entity_panel import EntityPanel
from reader.ui.jobs.article_session import OFFLINE, SECOND, ArticleSession
from reader.ui.jobs.bert_stage import BertStage
from reader.ui.jobs.worker import BackgroundTask
from reader.ui.settings import Cache, Preferences
from reader.ui.theme import ThemeFollower
from reader.ui.window.about import app_icon, app_name
from reader.ui.window.files import ArticleFiles
from reader.ui.window.menus import MenuCommands, WindowMenus
from reader.ui.window.qt_start_page import StartPage

if TYPE_CHECKING:
    from reader.ui.library.qt_library_window import LibraryWindow
from reader.ui.window.qt_status_bar import ReaderStatusBar, recognizer_label

# The panel is rebuilt from partial results at most this often (a rebuild resets the tree).
PANEL_REFRESH_S = 1.0


def _application() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication), "the window needs a QApplication"
    return app


class MainWindow(QMainWindow):
    """The reader window. ``open_file(path)`` is the way in; ``ready`` fires when a
    document's analysis is final and its highlights are painted.

    ``recognizer_factory`` replaces the offline model (tests); ``second_stage``
    replaces the BERT policy: it returns the factory of a second, slower
    recognizer to run after the first, or None; ``open_store`` replaces the
    reader's corrections database (tests). ``library_path`` is the
    library the Library window shows (default: the data folder's).
    """

    ready = Signal()  # the current document is fully analyzed and painted
    error_shown = Signal(str)  # a one-line message was shown to the user

    def __init__(
        self,
        preferences: Preferences,
        cache: Cache,
        *,
        recognizer_factory: RecognizerFactory | None = None,
        second_stage: Callable[[], RecognizerFactory | None] | None = None,
        theme_follower: ThemeFollower | None = None,
        allow_bert: bool = True,
        interactive: bool = True,
        open_store: Callable[[], UserStore] | None = None,
        library_path: str | None = None,
    ) -> None:
        super().__init__()
        self.preferences = preferences
        self.cache = cache
        self._theme_follower = theme_follower
        # The second stage: camel-tools' BERT when asked for and installed, unless replaced (tests).
        self._bert: BertStage | None = None
        if second_stage is None:
            self._bert = second_stage = BertStage(preferences, allow_bert)
        self._interactive = interactive  # False: no message boxes (screenshots, tests)
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self._ready_sent = False  # ready was emitted for the article shown
        self._panel_refreshed = 0.0
        self._bert_tip: str | None = None  # the recognizer label's tooltip, made once
        self._stage_message = ""
        self.last_error = ""
        self.library_path = library_path  # None: the data folder's library.sqlite3
        self.library_window: LibraryWindow | None = None  # made when first asked for
        self._go_to_offset = -1  # open_at: where to go once the article's analysis arrives

        # The parts, each knowing nothing of the others.
        self.area = ReadingArea(self)
        self.start_page = StartPage(app_icon(), self)  # until an article is shown
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(self.area)
        self.setCentralWidget(self.pages)
        self.panel = EntityPanel(self)
        self.dock = QDockWidget(self)
        self.dock.setObjectName("entities")
        self.dock.setWidget(self.panel)
        self.dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self._place_dock()
        self.status = ReaderStatusBar(self)
        self.setStatusBar(self.status)
        self.session = ArticleSession(self, recognizer_factory=recognizer_factory, second_stage=second_stage)
        self.corrections = CorrectionController(self, open_store=open_store)
        self._corrections_task = BackgroundTask(self)
        self._corrections_task.finished.connect(self._on_corrections_built)
        self._corrections_task.failed.connect(self.show_error)
        self.last_menu: QMenu | None = None  # the last context menu (tests look at it)
        self.files = ArticleFiles(self.session, cache, self.area, self)
        self.menus = WindowMenus(
            self,
            self._menu_commands(),
            preferences,
            cache,
            self.dock.toggleViewAction(),
            self.corrections.undo_stack,
        )

        # What each part reports, and where it goes.
        s = self.session
        s.opening.connect(self._on_opening)
        s.opened.connect(self._on_opened)
        s.open_failed.connect(self._on_open_failed)
        s.analyzed.connect(self._on_analyzed)
        s.progressed.connect(self.status.set_fraction)
        s.stage_started.connect(self._on_stage_started)
        s.failed.connect(self._on_failed)
        s.stopped.connect(self._on_stopped)
        area, panel = self.area, self.panel
        area.types_toggled.connect(self._apply_enabled)
        area.entity_selected.connect(panel.select_entity)
        area.position_changed.connect(self.menus.set_position)
        area.message.connect(lambda text: self.status.showMessage(text, 4000))
        area.zoom_changed.connect(lambda steps: setattr(self.preferences, "zoom", steps))
        area.painted.connect(self._maybe_ready)
        panel.entity_activated.connect(area.select_entity)
        panel.mention_activated.connect(area.go_to_mention)
        panel.type_activated.connect(area.mark_type)
        panel.sort_changed.connect(lambda key: setattr(self.preferences, "panel_sort", key))
        area.context_menu_requested.connect(self.show_text_menu)
        panel.context_menu_requested.connect(self.show_entity_menu)
        self.corrections.changed.connect(self._on_corrected)
        self.corrections.message.connect(lambda text: self.status.showMessage(text, 8000))
        self.files.error.connect(self.show_error)
        self.files.message.connect(self.status.showMessage)
        self.files.recent_changed.connect(self.menus.refresh_recent)
        self.files.recent_changed.connect(lambda: self.start_page.set_recent(cache.recent_files()))
        self.start_page.open_requested.connect(self.files.open_dialog)
        self.start_page.file_chosen.connect(self.open_file)
        self.start_page.set_recent(cache.recent_files())
        if theme_follower is not None:
            theme_follower.changed.connect(self._on_theme_changed)

        prefs = self.preferences
        area.set_font_preferences(prefs.font_family, prefs.font_size, prefs.zoom)
        enabled = prefs.enabled_types
        area.set_enabled_types(enabled)
        panel.set_enabled_types(enabled)
        panel.set_sort(prefs.panel_sort)
        self.menus.set_types_checked(enabled)
        self.resize(1200, 800)
        if cache.window_geometry is not None:
            self.restoreGeometry(cache.window_geometry)
        if cache.window_state is not None:
            self.restoreState(cache.window_state)
        self._build_menus()
        self.retranslate()
        self._update_actions()
        # Once the window is up: start the analysis process and load the model,
        # so the first article is not kept waiting for them.
        QTimer.singleShot(0, self.session.warm_up)

    def _menu_commands(self) -> MenuCommands:
        area, files = self.area, self.files
        return MenuCommands(
            open=files.open_dialog,
            open_file=self.open_file,
            reopen_with_encoding=files.reopen_with_encoding,
            export=files.export_dialog,
            library=self.show_library,
            stop=self.cancel_analysis,
            quit=self.close,
            copy=area.copy,
            find=area.open_find,
            find_next=area.find_next,
            find_previous=area.find_previous,
            filter_entities=self.focus_filter,
            next_mention=area.next_mention,
            previous_mention=area.previous_mention,
            zoom_in=area.zoom_in,
            zoom_out=area.zoom_out,
            zoom_reset=area.reset_zoom,
            choose_font=self.choose_font,
            set_font_family=self.set_font_family,
            set_use_bert=self.set_use_bert,
            set_type_enabled=self.set_type_enabled,
            set_theme=self.set_theme,
            set_language=self.set_language,
            about=self.show_about,
            mark_selection=self.mark_selection,
            lexicon=self.show_lexicon,
            improve_model=self.improve_model,
            reset_model=self.reset_model,
        )

    # ------------------------------------------------------------------ layout and language

    def _place_dock(self) -> None:
        # The panel sits on the reading side: the article is Arabic, read from
        # the right, in either UI language. (Qt does not mirror dock areas in a
        # right-to-left UI: the right area is on the right in both.)
        self.removeDockWidget(self.dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.show()
        self.resizeDocks([self.dock], [340], Qt.Orientation.Horizontal)

    def _build_menus(self) -> None:
        self.menus.build()
        self.status.set_stop_action(self.menus.actions["stop"])
        for action in self.menus.mark_actions.values():
            self.area.view.addAction(action)  # keys 1–4 act where the text is

    def retranslate(self) -> None:
        """Set every text in the UI language (called again on a language change)."""
        self.dock.setWindowTitle(self.tr("Entities"))
        self.area.retranslate()
        self.panel.retranslate()
        self.start_page.retranslate()
        self._update_title()
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:
        # Posted, so it comes after __init__: everything it touches exists.
        if event.type() == QEvent.Type.LanguageChange:
            self._build_menus()
            self.retranslate()
            self._update_actions()
            self._place_dock()
        super().changeEvent(event)

    # ------------------------------------------------------------------ files

    @property
    def source(self) -> Source | None:
        return self.session.source

    @property
    def analysis(self) -> Analysis | None:
        return self.session.analysis

    def open_file(self, path: str | Path, encoding: str | None = None) -> bool:
        """Start opening ``path`` (read in the background; ``encoding`` forces a codec);
        False if there is nothing to open.

        A file that cannot be read gives one line (``error_shown``) and the
        article shown stays.
        """
        if not str(path):
            return False
        self.session.open(path, encoding)
        return True

    def open_at(self, path: str | Path, offset: int) -> bool:
        """Open ``path`` and go to the mention starting at code point ``offset`` (-1: where
        the reader left it): the library's "open this article at this mention"."""
        self._go_to_offset = offset
        return self.open_file(path)

    def show_library(self) -> LibraryWindow:
        """The library window (made the first time), shown and raised."""
        if self.library_window is None:
            from reader.ui.library.qt_library_window import LibraryWindow

            self.library_window = LibraryWindow(self.library_path, self)
            self.library_window.setWindowFlag(Qt.WindowType.Window)
            self.library_window.open_article.connect(self._open_from_library)
        self.library_window.show()
        self.library_window.raise_()
        self.library_window.activateWindow()
        return self.library_window

    def _open_from_library(self, path: str, offset: int) -> None:
        self.open_at(path, offset)
        self.raise_()
        self.activateWindow()

    def set_source(self, source: Source) -> None:
        """Show ``source`` (text not from a file, or already loaded) and analyze it."""
        self.session.show(source)

    def _on_opening(self, path: str) -> None:
        self.last_error = ""
        self.status.show_opening(Path(path).name)
        self._update_actions()

    def _on_opened(self, source: Source) -> None:
        """A new article: show its text; results follow."""
        self.files.leaving()
        self._ready_sent = False
        self.corrections.clear()
        QTimer.singleShot(0, self, self.corrections.warm_up)  # after the paint that shows the text
        self.area.show_source(source)
        if self._go_to_offset >= 0:
            self.area.scroll_to_offset(self._go_to_offset)
        self.pages.setCurrentWidget(self.area)
        self.start_page.show_error("")
        self.panel.set_analysis(None)
        self.last_error = ""
        self.status.clearMessage()
        self._update_title()
        self._update_status()
        self._update_actions()
        self.files.shown(source)

    def _on_open_failed(self, path: str, message: str) -> None:
        self.status.hide_progress()
        self.show_error(message)
        self.files.failed(path)
        if self.source is None:  # nothing shown before: the start page says why, and offers the way in
            self.start_page.show_error(self.last_error)
        self._update_actions()
        self._maybe_ready()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_file(files[0])

    # ------------------------------------------------------------------ analysis

    def cancel_analysis(self) -> None:
        """Stop reading or analyzing; what was found so far stays shown."""
        opening, stage = self.session.opening_path is not None, self.session.stage
        if self.session.cancel():
            if opening:
                message = self.tr("Opening cancelled.")
            elif stage == SECOND:
                message = self.tr("BERT stopped: the offline model's results stay.")
            else:
                message = self.tr("Analysis cancelled: showing the part analyzed so far.")
            self.status.showMessage(message, 8000)
        self.status.hide_progress()

    def _on_stage_started(self, stage: str) -> None:
        self.status.start_progress()
        if stage != OFFLINE:
            self._stage_message = self.tr("Offline results shown; running BERT in the background…")
            self.status.showMessage(self._stage_message)
        self._update_actions()

    def _on_analyzed(self, analysis: Analysis, final: bool) -> None:
        now = time.monotonic()
        refresh = final or now - self._panel_refreshed >= PANEL_REFRESH_S
        if final:  # the reader's lexicon and corrections, applied off the UI thread (long articles)
            self.corrections.expect(analysis)
            self._corrections_task.run(self.corrections.build_session, analysis)
        self.area.show_analysis(analysis, self.session.spans, revalidate=refresh, changes=self.session.changes)
        if final and self._go_to_offset >= 0:
            self._go_to_mention_at(analysis, self._go_to_offset)
        if refresh:
            self._panel_refreshed = now
            self.panel.set_analysis(analysis)
        if self.session.complete:
            self._end_stage_message()
            self.status.hide_progress()
        self._update_status()
        self._update_actions()
        self._maybe_ready()
        # The results just shown live until the next ones replace them (and are
        # freed then by reference counting: they hold no cycles). Out of the
        # garbage collector's sight, a full collection walks only what is new:
        # with 150,000 mentions held, one took 150-290 ms, with the GIL held, a
        # stall of the window (measured; gc.freeze itself costs nothing).
        gc.freeze()

    def _on_corrections_built(self, session: object) -> None:
        from reader.corrections.session import DocumentSession

        if isinstance(session, DocumentSession) and self.corrections.adopt(session):
            self._update_actions()
            self._maybe_ready()

    def _on_corrected(self, analysis: Analysis) -> None:
        """A correction, an undo, a lexicon change: show the result (only changed highlights are repainted)."""
        if analysis is self.session.analysis:
            return  # an article nobody corrected: the model's analysis is shown already
        spans = highlight_spans(analysis.mentions)
        self.session.show_corrected(analysis, spans)
        self.area.show_analysis(analysis, spans)
        self.panel.set_analysis(analysis)
        self._update_status()

    def _go_to_mention_at(self, analysis: Analysis, offset: int) -> None:
        """Select the mention starting at ``offset``, or the first after it (the file may have changed)."""
        self._go_to_offset = -1
        starts = [m.start for m in analysis.mentions]
        index = bisect.bisect_left(starts, offset)
        if index < len(starts):
            self.area.go_to_mention(index)

    def _on_failed(self, message: str) -> None:
        self.status.hide_progress()
        self.show_error(self.tr("Analysis failed: {message}").format(message=message))
        self._update_actions()
        self._maybe_ready()

    def _on_stopped(self) -> None:
        self._end_stage_message()
        self.status.hide_progress()
        self._update_actions()
        self._maybe_ready()

    def _end_stage_message(self) -> None:
        if self._stage_message and self.status.currentMessage() == self._stage_message:
            self.status.clearMessage()
        self._stage_message = ""

    def _maybe_ready(self) -> None:
        if self.is_ready() and not self._ready_sent:
            self._ready_sent = True
            self.ready.emit()

    def is_ready(self) -> bool:
        """Whether the current document is fully analyzed and painted (and no other is being opened)."""
        s = self.session
        return (
            s.complete
            and s.opening_path is None
            and s.source is not None
            and self.corrections.settled
            and self.area.is_painted()
        )

    def bert_usable(self) -> tuple[bool, str]:
        """Whether the second stage can run here, and one line saying why not."""
        return self._bert.usable() if self._bert is not None else (True, "")

    def set_use_bert(self, use: bool) -> None:
        """Run camel-tools' BERT after the offline model (persisted); on the article shown, now."""
        self.preferences.use_bert = use
        if use and self.session.run_second_stage():
            self._ready_sent = False  # ready again once its results are painted

    # ------------------------------------------------------------------ types and the panel

    def set_type_enabled(self, entity_type: EntityType, enabled: bool) -> None:
        """Show or hide one type's highlights and panel group (persisted)."""
        types = set(self.area.enabled_types())
        types.add(entity_type) if enabled else types.discard(entity_type)
        self.area.set_enabled_types(types)
        self._apply_enabled(frozenset(types))

    def _apply_enabled(self, types: frozenset[EntityType]) -> None:
        """The reading area shows ``types`` now: the panel and the menu follow; remembered."""
        self.preferences.enabled_types = types
        self.panel.set_enabled_types(types)
        self.menus.set_types_checked(types)

    def focus_filter(self) -> None:
        self.dock.show()
        self.panel.focus_filter()

    # ------------------------------------------------------------------ corrections

    def mark_selection(self, entity_type: EntityType) -> None:
        """Keys 1–4: mark the selected text as ``entity_type``."""
        span = self.corrections.trimmed(*self.area.view.selection_offsets())
        if self.corrections.analysis is None:
            self.status.showMessage(self.tr("Wait for the analysis to finish before correcting it."), 4000)
        elif span is None:
            self.status.showMessage(self.tr("Select the text to mark first."), 4000)
        else:
            # Shown now; the regrouping (the rest of the name's mentions, the panel) follows.
            self.area.view.preview_highlight(*span, f"{entity_type.value}:correction")
            QTimer.singleShot(0, lambda: self.corrections.mark(*span, entity_type))

    def show_text_menu(self, where: QPoint, start: int, end: int) -> None:
        """The context menu over the text: copy, and the corrections."""
        from reader.ui.corrections.qt_correction_menu import text_menu
        from reader.ui.corrections.qt_entity_picker import pick_entity

        menu = text_menu(
            self,
            self.corrections,
            start,
            end,
            mark_actions=self.menus.mark_actions,
            copy_action=self.menus.actions["copy"],
            pick_entity=pick_entity,
        )
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(where)
        self.last_menu = menu

    def show_entity_menu(self, where: QPoint, entity_ids: list[str]) -> None:
        """The context menu over the entities selected in the panel."""
        from reader.ui.corrections.qt_correction_menu import entity_menu
        from reader.ui.corrections.qt_entity_picker import pick_entity

        menu = entity_menu(self, self.corrections, entity_ids, pick_entity=pick_entity)
        if menu.isEmpty():
            menu.deleteLater()
            return
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(where)
        self.last_menu = menu

    def show_lexicon(self) -> None:
        """The Lexicon dialog; the article shown follows its changes."""
        from reader.ui.corrections.qt_lexicon_dialog import LexiconDialog

        store = self.corrections.store()
        if store is None:
            return
        dialog = LexiconDialog(store, self)
        dialog.changed.connect(self.corrections.reload_lexicon)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.lexicon_dialog = dialog

    def improve_model(self) -> None:
        """Retrain the offline model with the reader's corrections, in the background."""
        from reader.ui.corrections.qt_learn_dialog import LearnDialog

        store = self.corrections.store()
        if store is None:
            return
        dialog = LearnDialog(store, self)
        dialog.switched.connect(self._model_switched)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        dialog.start()
        self.learn_dialog = dialog

    def reset_model(self) -> None:
        """Go back to the model that ships with the app."""
        from reader.corrections.learn import LearnError, reset

        try:
            had = reset()
        except LearnError as error:
            self.show_error(str(error))
            return
        if had:
            self._model_switched()
            self.status.showMessage(self.tr("Back to the shipped model."), 8000)
        else:
            self.status.showMessage(self.tr("The shipped model is already in use."), 8000)

    def _model_switched(self) -> None:
        self._ready_sent = False
        self.session.reload_model()

    # ------------------------------------------------------------------ preferences

    def set_theme(self, theme: str) -> None:
        """Light, dark or the system's, now (persisted)."""
        self.preferences.theme = theme
        if self._theme_follower is not None:
            self._theme_follower.set_theme(theme)
        else:
            from reader.ui.theme import apply_theme

            self._on_theme_changed(apply_theme(_application(), theme))

    def _on_theme_changed(self, dark: bool) -> None:
        """The palette changed: highlight tints, and icons drawn in the new text color."""
        from reader.ui.actions import refresh_icons

        self.area.set_dark(dark)
        refresh_icons(self)

    def set_language(self, language: str) -> None:
        """The UI language, now (persisted): menus and labels are rebuilt on LanguageChange."""
        from reader.ui.i18n import install_translator

        self.preferences.language = language
        install_translator(_application(), language)

    def set_font_family(self, family: str) -> None:
        """The reading font ("" = the best Arabic font installed), persisted."""
        self.preferences.font_family = family
        self.area.set_font_preferences(family, self.preferences.font_size, self.preferences.zoom)
        self.menus.fill_font_menu()

    def choose_font(self) -> None:
        """Any installed font and its size, from Qt's font dialog."""
        from PySide6.QtGui import QFont
        from PySide6.QtWidgets import QFontDialog

        family, size = self.area.reading_font()
        current = QFont(family)
        current.setPointSizeF(size)
        accepted, font = QFontDialog.getFont(current, self, self.tr("Reading Font"))
        if accepted:
            self.preferences.font_size = font.pointSizeF() if font.pointSizeF() > 0 else self.preferences.font_size
            self.set_font_family(font.family())

    def show_about(self) -> None:
        from reader.ui.window.about import show_about

        name = recognizer_label(self.analysis.recognizer) if self.analysis is not None else None
        show_about(self, name, self.preferences.bert_model_dir or None)

    # ------------------------------------------------------------------ status

    def show_error(self, message: str) -> None:
        """One line in the status bar, and a message box when someone is watching."""
        line = one_line(message) or self.tr("Unknown error")
        self.last_error = line
        self.status.showMessage(line)
        self.error_shown.emit(line)
        if self._interactive:
            box = QMessageBox(QMessageBox.Icon.Warning, app_name(), line, QMessageBox.StandardButton.Ok, self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()  # not exec(): never block the event loop

    def _update_title(self) -> None:
        name = self.source.display_name if self.source is not None else ""
        self.setWindowTitle(f"{name} — {app_name()}" if name else app_name())

    def _update_status(self) -> None:
        if self.analysis is not None and self._bert_tip is None:
            from reader.ui.window.about import bert_status

            try:
                self._bert_tip = bert_status(self.preferences.bert_model_dir or None)
            except Exception:
                self._bert_tip = ""
        self.status.show_document(self.source, self.analysis, self._bert_tip or "")

    def _update_actions(self) -> None:
        s = self.session
        has_source = s.source is not None
        self.menus.set_enabled(
            has_source=has_source,
            has_file=s.source is not None and bool(s.source.path),
            can_export=has_source and s.offline_done,
            can_stop=s.is_busy() or s.opening_path is not None,
            has_mentions=s.analysis is not None and bool(s.analysis.mentions),
            bert=self.bert_usable(),
            can_correct=self.corrections.analysis is not None,
        )

    # ------------------------------------------------------------------ closing

    def closeEvent(self, event: QCloseEvent) -> None:
        self.files.close()
        self.cache.window_geometry = self.saveGeometry()
        self.cache.window_state = self.saveState()
        self.session.close()  # a job ends within one chunk; its signals must not outlive us
        self._corrections_task.wait(5000)
        self.corrections.close()
        if self.library_window is not None:
            self.library_window.shut_down()  # indexing stops at the next file; what is done is kept
        super().closeEvent(event)
