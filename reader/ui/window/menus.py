"""The reader window's actions, menu bar and toolbar (built again when the UI language changes).

Every action comes from ``make_action`` (ReText's idiom) and calls one of the
``MenuCommands`` it is given: the menus never see the window, only the
``QMainWindow`` they are installed in, the ``Preferences`` (which choices are
checked) and the ``Cache`` (recent files). The window tells them what
changed: ``set_enabled`` (what can run now), ``set_types_checked``,
``set_position`` ("3 / 12"), ``refresh_recent``, ``fill_font_menu``.

Texts are filed under the "MainWindow" translation context, where they were
before this module was split out of the window: lupdate reads the literal
``QCoreApplication.translate("MainWindow", …)`` calls, so each call must
spell the context out (an alias would hide it).

Keyboard: every action has a shortcut, except the entries of choice lists
(recent files, encodings, themes, languages, font families), which are
reached through their menus' mnemonics (Alt+V, T, …) and marked
``actions.MENU_ONLY``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QFont, QKeySequence, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QToolBar

from reader.entity_types import TYPE_ORDER, EntityType
from reader.ui.actions import make_action, menu_only
from reader.ui.article.qt_reading_view import FONT_CHOICES, best_arabic_font, installed_fonts
from reader.ui.corrections.controller import type_name
from reader.ui.i18n import available_languages, type_label
from reader.ui.settings import THEMES, Cache, Preferences
from reader.ui.window.qt_recent_menu import RecentFilesMenu

Command = Callable[[], object]


@dataclass(frozen=True, slots=True)
class MenuCommands:
    """What the entries do; the window fills this in (one line per command, nothing else)."""

    open: Command
    open_file: Callable[[str], object]  # File ▸ Open Recent
    reopen_with_encoding: Callable[[str], object]  # a codec name
    export: Command
    library: Command  # File ▸ Library: the library window
    stop: Command
    quit: Command
    copy: Command
    find: Command
    find_next: Command
    find_previous: Command
    filter_entities: Command
    next_mention: Command
    previous_mention: Command
    zoom_in: Command
    zoom_out: Command
    zoom_reset: Command
    choose_font: Command
    set_font_family: Callable[[str], object]  # "" = automatic
    set_use_bert: Callable[[bool], object]
    set_type_enabled: Callable[[EntityType, bool], object]
    set_theme: Callable[[str], object]
    set_language: Callable[[str], object]
    about: Command
    mark_selection: Callable[[EntityType], object]  # Edit ▸ Mark Selection As (keys 1–4)
    lexicon: Command
    improve_model: Command
    reset_model: Command


class WindowMenus:
    """Builds ``actions`` (by key), the menu bar and the toolbar of ``host``.

    ``panel_action`` is the entity panel's show/hide action (its dock's).
    """

    def __init__(
        self,
        host: QMainWindow,
        commands: MenuCommands,
        preferences: Preferences,
        cache: Cache,
        panel_action: QAction,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        self.host = host
        self.undo_stack = undo_stack  # the corrections' (Edit ▸ Undo / Redo)
        self.commands = commands
        self.preferences = preferences
        self.cache = cache
        self.panel_action = panel_action
        self.actions: dict[str, QAction] = {}
        self.type_actions: dict[EntityType, QAction] = {}
        #: Edit ▸ Mark Selection As: keys 1–4, meant for the reading view only
        #: (the window adds them to it: a 1 typed in the filter box stays a 1).
        self.mark_actions: dict[EntityType, QAction] = {}
        self.toolbar: QToolBar | None = None
        self.position_label: QLabel | None = None
        self.recent_menu: RecentFilesMenu | None = None
        self.encoding_menu: QMenu | None = None
        self.font_menu: QMenu | None = None
        self._enabled_types: frozenset[EntityType] = frozenset(TYPE_ORDER)
        self._position = (0, 0)

    def build(self) -> None:
        """(Re)build everything in the current UI language."""
        w = self.host
        for old in self.actions.values():
            w.removeAction(old)
            if old is not self.panel_action:
                old.deleteLater()
        w.menuBar().clear()
        if self.toolbar is not None:
            w.removeToolBar(self.toolbar)
            self.toolbar.deleteLater()
        self.actions = self._make_actions()
        self._make_menus()
        self._make_toolbar()

    def _make_actions(self) -> dict[str, QAction]:
        w, c = self.host, self.commands
        a: dict[str, QAction] = {}
        a["open"] = make_action(
            w,
            QCoreApplication.translate("MainWindow", "&Open…"),
            c.open,
            icon_name="fa6s.folder-open",
            theme_icon="document-open",
            shortcut=QKeySequence.StandardKey.Open,
        )
        a["export"] = make_action(
            w,
            QCoreApplication.translate("MainWindow", "&Export…"),
            c.export,
            icon_name="fa6s.file-export",
            theme_icon="document-save-as",
            shortcut="Ctrl+E",
            tip=QCoreApplication.translate("MainWindow", "Export the analysis as HTML, JSON or CSV"),
        )
        a["library"] = make_action(
            w,
            QCoreApplication.translate("MainWindow", "&Library…"),
            c.library,
            icon_name="fa6s.book",
            theme_icon="folder-documents",
            shortcut="Ctrl+L",
            tip=QCoreApplication.translate(
                "MainWindow", "Every article of your library, and who and what appears in them"
            ),
        )
        a["stop"] = make_action(
            w,
            QCoreApplication.translate("MainWindow", "&Stop Analysis"),
            c.stop,
            icon_name="fa6s.xmark",
            theme_icon="process-stop",
            shortcut="Esc",
            tip=QCoreApplication.translate("MainWindow", "Stop the analysis (results so far stay)"),
        )
        a["quit"] = make_action(
            w,
            QCoreApplication.translate("MainWindow", "&Quit"),
            c.quit,
            icon_name="fa6s.power-off",
            theme_icon="application-exit",
            shortcut=[QKeySequence.StandardKey.Quit, "Ctrl+Q"],
        )
        a["copy"] = make_action(
            w,
            QCoreApplication.translate("MainWindow", "&Copy"),
            c.copy,
            icon_name="fa6s.copy",
            theme_icon="edit-copy",
            shortcut=QKeySequence.StandardKey.Copy,
        )
        a["find"] = make_action(
            w,
            QCoreApplication.translate("MainWindow", "&Find…"),
            c.find,
            icon_name="fa6s.magnifying-glass",
            theme_icon="edit-find",
            shortcut=QKeySequence.StandardKey.Find,
        )
        a["find_next"] = make_action(
            w, QCoreApplication.translate("MainWindow", "Find &Next"), c.find_next, shortcut="F3"
        )
        a["find_previous"] = make_action(
            w, QCoreApplication.translate("MainWindow", "Find &Previous"), c.find_previous, shortcut="Shift+F3"
        )
        a["filter"] = make_action(
            w,
            QCoreApplication.translate("MainWindow", "Filter &Entities"),
            c.filter_entities,
            icon_name="fa6s.filter",
            shortcut="Ctrl+Shift+F",
        )
        a["next"] = make_action(
            w,
            QCoreApplication.translate("MainWindow", "&Next Mention"),
            c.next_mention,
            icon_name="fa6s.chevron-down",
            theme_icon="go-down",
            shortcut=["Ctrl+.", "F8"],
            tip=QCoreApplication.translate("MainWindow", "Next mention of the selected entity"),
        )
        a["previous"] = make_action(
            w,
            QCoreApplication.translate("MainWindow", "&Previous Mention"),
            c.previous_mention,
            icon_name="fa6s.chevron-up",
            theme_icon="go-up",
            shortcut=["Ctrl+,", "Shift+F8"],
            tip=QCoreApplication.translate("MainWindow", "Previous mention of the selected entity"),
        )
        a["zoom_in"] = make_action(
            w,
            QCoreApplication.translate("MainWindow", "Zoom &In"),
            c.zoom_in,
            icon_name="fa6s.magnifying-glass-plus",
            theme_icon="zoom-in",
            shortcut=[QKeySequence.StandardKey.ZoomIn, "Ctrl+="],
        )
        a["zoom_out"] = make_action(
            w,
            QCoreApplication.translate("MainWindow", "Zoom &Out"),
            c.zoom_out,
            icon_name="fa6s.magnifying-glass-minus",
            theme_icon="zoom-out",
            shortcut=QKeySequence.StandardKey.ZoomOut,
        )
        a["zoom_reset"] = make_action(
            w,
            QCoreApplication.translate("MainWindow", "&Actual Size"),
            c.zoom_reset,
            theme_icon="zoom-original",
            shortcut="Ctrl+0",
        )
        # Ctrl+D opens the font dialog in the word processors Arabic readers know.
        a["font"] = make_action(
            w,
            QCoreApplication.translate("MainWindow", "Other &Font…"),
            c.choose_font,
            icon_name="fa6s.font",
            theme_icon="preferences-desktop-font",
            shortcut="Ctrl+D",
            tip=QCoreApplication.translate("MainWindow", "Choose the reading font and size"),
        )
        a["bert"] = make_action(
            w,
            QCoreApplication.translate("MainWindow", "Also Use the &BERT Recognizer"),
            c.set_use_bert,
            checkable=True,
            checked=self.preferences.use_bert,
            shortcut="Ctrl+Shift+B",
            tip=QCoreApplication.translate(
                "MainWindow", "After the offline model, run camel-tools' BERT recognizer: slower, often more accurate"
            ),
        )
        a["panel"] = self.panel_action
        a["panel"].setText(QCoreApplication.translate("MainWindow", "&Entities Panel"))
        a["panel"].setShortcut(QKeySequence("F9"))
        a["about"] = make_action(
            w,
            QCoreApplication.translate("MainWindow", "&About Arabic Reader"),
            c.about,
            icon_name="fa6s.circle-info",
            theme_icon="help-about",
            shortcut="F1",
        )
        if self.undo_stack is not None:
            a["undo"] = self.undo_stack.createUndoAction(w, QCoreApplication.translate("MainWindow", "&Undo"))
            a["undo"].setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
            a["redo"] = self.undo_stack.createRedoAction(w, QCoreApplication.translate("MainWindow", "&Redo"))
            a["redo"].setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.mark_actions = {}
        for number, entity_type in enumerate(TYPE_ORDER, 1):
            action = make_action(
                w,
                type_name(entity_type),
                lambda t=entity_type: c.mark_selection(t),
                shortcut=str(number),
                tip=QCoreApplication.translate("MainWindow", "Mark the selected text as {type}").format(
                    type=type_name(entity_type)
                ),
            )
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.mark_actions[entity_type] = a[f"mark_{entity_type.value}"] = action
        a["lexicon"] = make_action(
            w,
            QCoreApplication.translate("MainWindow", "&Lexicon…"),
            c.lexicon,
            icon_name="fa6s.book",
            shortcut="Ctrl+Shift+L",
            tip=QCoreApplication.translate("MainWindow", "Names to always tag with a type, or never, in every article"),
        )
        a["improve_model"] = make_action(
            w,
            QCoreApplication.translate("MainWindow", "&Improve the Model with My Corrections…"),
            c.improve_model,
            shortcut="Ctrl+Shift+M",
            tip=QCoreApplication.translate(
                "MainWindow", "Retrain the offline model on its data and your corrected articles"
            ),
        )
        a["reset_model"] = make_action(
            w,
            QCoreApplication.translate("MainWindow", "&Reset to the Shipped Model"),
            c.reset_model,
            shortcut="Ctrl+Shift+R",
        )
        return a

    # --- what the window tells the menus

    def set_enabled(
        self,
        *,
        has_source: bool,
        has_file: bool,
        can_export: bool,
        can_stop: bool,
        has_mentions: bool,
        bert: tuple[bool, str],
        can_correct: bool = False,
    ) -> None:
        """Enable what can run now; ``bert``: (usable, why not) for the BERT toggle."""
        a = self.actions
        a["export"].setEnabled(can_export)
        a["find"].setEnabled(has_source)
        a["stop"].setEnabled(can_stop)
        usable, why_not = bert
        a["bert"].setEnabled(usable)
        if why_not:
            a["bert"].setToolTip(why_not)
        a["next"].setEnabled(has_mentions)
        a["previous"].setEnabled(has_mentions)
        for action in self.mark_actions.values():
            action.setEnabled(can_correct)  # once the analysis is final
        if self.encoding_menu is not None:
            self.encoding_menu.setEnabled(has_file)

    def set_types_checked(self, types: Iterable[EntityType]) -> None:
        """Check exactly ``types`` in View ▸ Highlight Types (without running their command)."""
        self._enabled_types = frozenset(types)
        for entity_type, action in self.type_actions.items():
            action.blockSignals(True)
            action.setChecked(entity_type in self._enabled_types)
            action.blockSignals(False)

    def set_position(self, position: int, count: int) -> None:
        """The toolbar's "3 / 12": the shown mention among the selected entity's (empty when none)."""
        self._position = (position, count)
        if self.position_label is not None:
            self.position_label.setText(f"{position} / {count}" if count else "")

    def refresh_recent(self) -> None:
        """File ▸ Open Recent again from the cache."""
        if self.recent_menu is not None:
            self.recent_menu.refresh()

    # --- building

    def _make_menus(self) -> None:
        w, a, c = self.host, self.actions, self.commands
        bar = w.menuBar()
        file_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&File"))
        file_menu.addAction(a["open"])
        self.recent_menu = RecentFilesMenu(self.cache, QCoreApplication.translate("MainWindow", "Open &Recent"), w)
        self.recent_menu.file_chosen.connect(c.open_file)
        file_menu.addMenu(self.recent_menu)
        self.encoding_menu = file_menu.addMenu(QCoreApplication.translate("MainWindow", "Reopen with E&ncoding"))
        self._fill_encoding_menu()
        file_menu.addAction(a["export"])
        file_menu.addSeparator()
        file_menu.addAction(a["library"])
        file_menu.addSeparator()
        file_menu.addAction(a["stop"])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])

        edit_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
        if "undo" in a:
            edit_menu.addAction(a["undo"])
            edit_menu.addAction(a["redo"])
            edit_menu.addSeparator()
        for key in ("copy", "find", "find_next", "find_previous", "filter"):
            edit_menu.addAction(a[key])
        edit_menu.addSeparator()
        mark_menu = edit_menu.addMenu(QCoreApplication.translate("MainWindow", "&Mark Selection As"))
        for action in self.mark_actions.values():
            mark_menu.addAction(action)
        edit_menu.addAction(a["lexicon"])

        view_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&View"))
        for key in ("zoom_in", "zoom_out", "zoom_reset"):
            view_menu.addAction(a[key])
        self.font_menu = view_menu.addMenu(QCoreApplication.translate("MainWindow", "Fo&nt"))
        self.fill_font_menu()
        view_menu.addSeparator()
        view_menu.addAction(a["panel"])
        types_menu = view_menu.addMenu(QCoreApplication.translate("MainWindow", "&Highlight Types"))
        self.type_actions = {}
        enabled = self._enabled_types
        for number, entity_type in enumerate(TYPE_ORDER, start=1):
            action = make_action(
                w,
                type_label(entity_type),
                lambda checked, t=entity_type: c.set_type_enabled(t, checked),
                checkable=True,
                checked=entity_type in enabled,
            )
            # The legend's buttons own Alt+N (one shortcut per key): the menu shows it as a hint.
            action.setText(f"{action.text()}\tAlt+{number}")
            self.type_actions[entity_type] = action
            types_menu.addAction(action)
        view_menu.addAction(a["bert"])
        view_menu.addSeparator()
        theme_labels = {
            "system": QCoreApplication.translate("MainWindow", "Follow &System"),
            "light": QCoreApplication.translate("MainWindow", "&Light"),
            "dark": QCoreApplication.translate("MainWindow", "&Dark"),
        }
        view_menu.addMenu(
            self._choice_menu(
                QCoreApplication.translate("MainWindow", "&Theme"),
                [(theme, theme_labels[theme]) for theme in THEMES],
                self.preferences.theme,
                c.set_theme,
            )
        )
        view_menu.addMenu(
            self._choice_menu(
                QCoreApplication.translate("MainWindow", "&Language"),
                [("system", QCoreApplication.translate("MainWindow", "Follow &System")), *available_languages()],
                self.preferences.language,
                c.set_language,
            )
        )

        go_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Go"))
        go_menu.addAction(a["next"])
        go_menu.addAction(a["previous"])
        tools_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Tools"))
        tools_menu.addAction(a["improve_model"])
        tools_menu.addAction(a["reset_model"])
        help_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
        help_menu.addAction(a["about"])

    def _choice_menu(
        self, title: str, choices: Iterable[tuple[str, str]], current: str, handler: Callable[[str], object]
    ) -> QMenu:
        """A submenu of exclusive, checkable choices; ``handler(key)`` runs on a new choice."""
        menu = QMenu(title, self.host)
        group = QActionGroup(menu)
        for key, label in choices:
            action = menu_only(
                make_action(
                    menu, label, lambda checked, k=key: checked and handler(k), checkable=True, checked=current == key
                )
            )
            group.addAction(action)
            menu.addAction(action)
        return menu

    def _fill_encoding_menu(self) -> None:
        from reader.io import SUPPORTED_ENCODINGS

        assert self.encoding_menu is not None
        for codec, label in SUPPORTED_ENCODINGS:
            action = make_action(self.encoding_menu, label, lambda c=codec: self.commands.reopen_with_encoding(c))
            self.encoding_menu.addAction(menu_only(action))

    def fill_font_menu(self) -> None:
        """The reading fonts installed here, each shown in itself; the chosen one checked."""
        menu, set_family = self.font_menu, self.commands.set_font_family
        assert menu is not None
        menu.clear()
        group = QActionGroup(menu)
        chosen = self.preferences.font_family
        families = [f for f in installed_fonts(FONT_CHOICES)]
        if chosen and chosen not in families:
            families.append(chosen)  # picked in the font dialog
        automatic = QCoreApplication.translate("MainWindow", "&Automatic ({family})").format(family=best_arabic_font())
        for family, label in [("", automatic), *((f, f) for f in families)]:
            action = menu_only(
                make_action(
                    menu,
                    label,
                    lambda checked, f=family: set_family(f) if checked else None,
                    checkable=True,
                    checked=family == chosen,
                )
            )
            if family:
                action.setFont(QFont(family))
            group.addAction(action)
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.actions["font"])

    def _make_toolbar(self) -> None:
        w, a = self.host, self.actions
        toolbar = QToolBar(QCoreApplication.translate("MainWindow", "Main"), w)
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        w.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        for key in ("open", "export"):
            toolbar.addAction(a[key])
        toolbar.addSeparator()
        toolbar.addAction(a["find"])
        toolbar.addSeparator()
        toolbar.addAction(a["previous"])
        self.position_label = QLabel(toolbar)
        self.position_label.setMinimumWidth(56)
        self.position_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.position_label.setToolTip(
            QCoreApplication.translate("MainWindow", "Mention shown / mentions of the selected entity")
        )
        toolbar.addWidget(self.position_label)
        self.set_position(*self._position)
        toolbar.addAction(a["next"])
        toolbar.addSeparator()
        for key in ("zoom_out", "zoom_in"):
            toolbar.addAction(a[key])
        toolbar.addSeparator()
        toolbar.addAction(a["panel"])
        self.toolbar = toolbar
