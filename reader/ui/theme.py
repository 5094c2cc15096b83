"""Light and dark themes, following the desktop unless the user chose one.

The theme is one of ``"system"``, ``"light"``, ``"dark"`` (``Preferences.theme``).
``apply_theme`` resolves it (``"system"`` reads the desktop's color scheme,
Qt 6.5+) and installs the Fusion style with one of two palettes. Fusion,
because native styles (windowsvista, macOS) ignore application palettes, and
the highlight tints below are tuned against exactly these two page colors.
``ThemeFollower`` re-applies the theme when the desktop switches between
light and dark while the preference is ``"system"``.

Highlight colors come from ``reader.entity_types.STYLES``: a light tint as the
background (``tint_light`` on a light page, ``tint_dark`` on a dark one) and the
full Okabe–Ito color for the underline, so text stays readable in both.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from reader.entity_types import EntityType, style
from reader.ui.settings import THEMES

# (window, base, alternate base, text, disabled text, button, highlight, link)
_LIGHT: Final = ("#EFEFF1", "#FFFFFF", "#F5F5F7", "#1D1D1F", "#9A9AA0", "#E6E6EA", "#2F6FB3", "#1D5FA8")
_DARK: Final = ("#2B2B2E", "#1E1E20", "#252528", "#E8E8EA", "#76767C", "#36363A", "#3D7CC4", "#7DB3EC")


def _palette(colors: tuple[str, ...], dark: bool) -> QPalette:
    window, base, alt_base, text, disabled, button, highlight, link = (QColor(c) for c in colors)
    role = QPalette.ColorRole
    group = QPalette.ColorGroup
    palette = QPalette()
    for r, color in (
        (role.Window, window),
        (role.WindowText, text),
        (role.Base, base),
        (role.AlternateBase, alt_base),
        (role.Text, text),
        (role.Button, button),
        (role.ButtonText, text),
        (role.BrightText, QColor("#FF5555")),
        (role.ToolTipBase, base),
        (role.ToolTipText, text),
        (role.PlaceholderText, disabled),
        (role.Highlight, highlight),
        (role.HighlightedText, QColor("#FFFFFF")),
        (role.Link, link),
        (role.LinkVisited, link.darker(120) if not dark else link.lighter(120)),
        (role.Light, button.lighter(130)),
        (role.Midlight, button.lighter(115)),
        (role.Mid, button.darker(130)),
        (role.Dark, button.darker(160)),
        (role.Shadow, QColor("#000000")),
    ):
        palette.setColor(r, color)
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, r, disabled)
    return palette


def light_palette() -> QPalette:
    """The light theme: a white page on a soft gray window."""
    return _palette(_LIGHT, dark=False)


def dark_palette() -> QPalette:
    """The dark theme: a near-black page, light gray text (not pure white: less glare)."""
    return _palette(_DARK, dark=True)


def system_prefers_dark() -> bool:
    """Whether the desktop asks for dark colors (False when it does not say)."""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def resolve_theme(theme: str) -> str:
    """``"light"`` or ``"dark"``: what ``theme`` means right now."""
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}: expected one of {', '.join(THEMES)}")
    if theme == "system":
        return "dark" if system_prefers_dark() else "light"
    return theme


def apply_theme(app: QApplication, theme: str) -> bool:
    """Install ``theme`` ("system", "light" or "dark") on ``app``; return True when dark.

    Widgets that paint their own colors (the reading view's highlights)
    should re-read ``highlight_colors(..., is_dark(app))`` afterwards.
    """
    hints = QGuiApplication.styleHints()
    # Qt 6.8+ lets the app override the scheme, which also themes native
    # title bars and dialogs; "system" must drop the override before reading.
    if theme == "system" and hasattr(hints, "unsetColorScheme"):
        hints.unsetColorScheme()
    dark = resolve_theme(theme) == "dark"
    if theme != "system" and hasattr(hints, "setColorScheme"):
        hints.setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(dark_palette() if dark else light_palette())
    return dark


def is_dark(app: QGuiApplication | None = None) -> bool:
    """Whether ``app`` (default: the running app) currently shows a dark page.

    Read from the palette itself, so it is right whoever installed it.
    """
    palette = (app or QGuiApplication.instance()).palette()  # type: ignore[union-attr]
    return bool(palette.color(QPalette.ColorRole.Base).lightness() < 128)


def highlight_colors(entity_type: EntityType | str, dark: bool) -> tuple[QColor, QColor]:
    """(background tint, underline color) for a mention of ``entity_type``.

    >>> background, underline = highlight_colors("place", dark=False)
    >>> background.name(), underline.name()
    ('#d3f0e6', '#009e73')
    """
    type_style = style(entity_type)
    return QColor(type_style.tint_dark if dark else type_style.tint_light), QColor(type_style.color)


def type_color(entity_type: EntityType | str) -> QColor:
    """The full color of ``entity_type``: legend swatches, scroll-bar marks."""
    return QColor(style(entity_type).color)


def swatch_icon(entity_type: EntityType | str, size: int = 12) -> QIcon:
    """A round swatch of the type's color, for legend toggles and panel group headers."""
    pixmap = QPixmap(size * 2, size * 2)  # drawn at 2x so it stays crisp on HiDPI screens
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(type_color(entity_type))
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    painter.end()
    return QIcon(pixmap)


class ThemeFollower(QObject):
    """Keeps ``app`` in the preferred theme, following the desktop when that is "system".

    ``changed(dark)`` is emitted whenever the applied theme may have changed,
    so views can repaint their highlights.
    """

    changed = Signal(bool)

    def __init__(self, app: QApplication, theme: str = "system") -> None:
        super().__init__(app)
        self._app = app
        self._theme = theme
        self._applying = False
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)
        self.set_theme(theme)

    @property
    def theme(self) -> str:
        return self._theme

    def set_theme(self, theme: str) -> bool:
        """Apply ``theme`` ("system", "light" or "dark"); return True when dark."""
        resolve_theme(theme)  # validate before changing anything
        self._theme = theme
        self._applying = True  # setColorScheme below re-emits colorSchemeChanged
        try:
            dark = apply_theme(self._app, theme)
        finally:
            self._applying = False
        self.changed.emit(dark)
        return dark

    def _on_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._theme == "system" and not self._applying:
            self.set_theme("system")
