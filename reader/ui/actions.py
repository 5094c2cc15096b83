"""Every QAction comes from here: text, icon with fallback, shortcut, handler (ReText's idiom).

Callers pass text already translated (``self.tr("&Open…")``, or
``QCoreApplication.translate("MainWindow", "&Open…")`` outside a widget
class) so Qt's translation tools find each string in its own context.

    open_action = make_action(host, QCoreApplication.translate("MainWindow", "&Open…"), commands.open,
                              icon_name="fa6s.folder-open", theme_icon="document-open",
                              shortcut=QKeySequence.StandardKey.Open)

(``window/menus.py`` makes every action of the window this way.)
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QWidget

from reader.ui.icon_cache import IconCache

Shortcut = str | QKeySequence | QKeySequence.StandardKey

#: Dynamic property of actions that are one entry of a choice list (recent
#: files, encodings, themes, languages, fonts): reached through their menu's
#: mnemonics, deliberately without a shortcut of their own.
MENU_ONLY = "menuOnly"


def menu_only(action: QAction) -> QAction:
    """Mark ``action`` as a menu-only choice (see ``MENU_ONLY``) and return it."""
    action.setProperty(MENU_ONLY, True)
    return action


#: Dynamic property of actions and buttons whose icon ``set_icon`` drew:
#: "qtawesome name|theme name", to draw it again when the theme changes.
ICON_NAMES = "iconNames"


def icon(name: str, theme_name: str = "") -> QIcon:
    """A qtawesome icon (``"fa6s.folder-open"``), else the desktop theme's ``theme_name``, else none.

    qtawesome draws from bundled icon fonts, so icons look the same on every
    desktop; the fallback covers a broken or missing qtawesome. Its pictures
    are saved the first time and read from then on (``icon_cache``): a launch
    then never imports qtawesome.
    """
    cached = icon_cache().load(name)
    if cached is not None:
        return cached
    try:
        import qtawesome

        found: QIcon = qtawesome.icon(name)
    except Exception:
        return QIcon.fromTheme(theme_name) if theme_name else QIcon()
    icon_cache().store(name, found)
    return found


_ICON_CACHE: list[IconCache] = []


def icon_cache() -> IconCache:
    """The icons saved between runs (``icon_cache.IconCache``), in the app's cache folder."""
    if not _ICON_CACHE:
        from reader.ui.i18n import app_cache_dir

        _ICON_CACHE.append(IconCache(app_cache_dir() / "icons"))
    return _ICON_CACHE[0]


def set_icon(target: QAction | QAbstractButton, name: str, theme_name: str = "") -> None:
    """Give ``target`` the icon ``icon(name, theme_name)``, redrawn by ``refresh_icons`` on a theme change."""
    target.setIcon(icon(name, theme_name) if name else QIcon.fromTheme(theme_name))
    target.setProperty(ICON_NAMES, f"{name}|{theme_name}")


def refresh_icons(root: QObject) -> int:
    """Draw again every icon ``set_icon`` gave to ``root``'s actions and buttons; how many.

    qtawesome colors an icon with the palette's text color when it is made
    (and caches it): after a switch to the dark theme, icons made in the
    light one would stay dark on dark.
    """
    qtawesome = sys.modules.get("qtawesome")  # not imported when every icon came from the saved ones
    if qtawesome is not None:
        with contextlib.suppress(Exception):
            qtawesome.reset_cache()
    targets: list[QAction | QAbstractButton] = [*root.findChildren(QAction), *root.findChildren(QAbstractButton)]
    count = 0
    for target in targets:
        names = target.property(ICON_NAMES)
        if isinstance(names, str):
            name, _, theme_name = names.partition("|")
            set_icon(target, name, theme_name)
            count += 1
    return count


def make_action(
    parent: QWidget,
    text: str,
    handler: Callable[..., object] | None = None,
    *,
    icon_name: str = "",
    theme_icon: str = "",
    shortcut: Shortcut | Sequence[Shortcut] | None = None,
    tip: str = "",
    checkable: bool = False,
    checked: bool = False,
) -> QAction:
    """A QAction owned by ``parent`` that calls ``handler`` when triggered.

    ``shortcut`` may be a list: the first is shown in menus, all work. The
    status tip (and tooltip) is ``tip``, or the text without its ``&``, with
    the shortcut appended so toolbar buttons teach their keys.
    """
    action = QAction(text, parent)
    if icon_name or theme_icon:
        set_icon(action, icon_name, theme_icon)
    if shortcut is not None:
        keys = list(shortcut) if isinstance(shortcut, list | tuple) else [shortcut]
        sequences: list[QKeySequence] = []
        for key in keys:
            if isinstance(key, QKeySequence.StandardKey):
                sequences.extend(QKeySequence.keyBindings(key))
            elif isinstance(key, QKeySequence):
                sequences.append(key)
            else:
                sequences.append(QKeySequence(str(key)))
        unique = list(dict.fromkeys(s.toString() for s in sequences if not s.isEmpty()))
        action.setShortcuts([QKeySequence(s) for s in unique])
    if checkable:
        action.setCheckable(True)
        action.setChecked(checked)
    label = tip or text.replace("&", "")
    key_hint = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setStatusTip(label)
    action.setToolTip(f"{label} ({key_hint})" if key_hint else label)
    if handler is not None:
        if checkable:
            action.toggled.connect(handler)
        else:
            action.triggered.connect(lambda _checked=False: handler())
    return action
