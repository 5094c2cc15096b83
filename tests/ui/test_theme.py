"""Tests for reader/ui/theme.py: palettes, following the system scheme, highlight colors."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from reader.entity_types import STYLES, TYPE_ORDER, EntityType
from reader.ui import theme
from reader.ui.theme import (
    ThemeFollower,
    apply_theme,
    dark_palette,
    highlight_colors,
    is_dark,
    light_palette,
    resolve_theme,
    swatch_icon,
)


@pytest.fixture
def app(qapp: QApplication):
    """The test app, put back in the light theme and the system scheme afterwards."""
    yield qapp
    apply_theme(qapp, "light")
    QGuiApplication.styleHints().unsetColorScheme()


@pytest.fixture
def make_follower(app: QApplication):
    """Builds ThemeFollowers and destroys them after the test, so none reacts in a later test."""
    made: list[ThemeFollower] = []

    def make(choice: str) -> ThemeFollower:
        made.append(ThemeFollower(app, choice))
        return made[-1]

    yield make
    for follower in made:
        follower.setParent(None)  # back to Python ownership: deleted with the last reference
    made.clear()


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two colors."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("make_palette", [light_palette, dark_palette])
def test_palette_text_is_readable_on_the_page_and_on_every_tint(make_palette) -> None:
    palette: QPalette = make_palette()
    text = palette.color(QPalette.ColorRole.Text)
    page = palette.color(QPalette.ColorRole.Base)
    dark = make_palette is dark_palette
    assert contrast(text, page) >= 7  # WCAG AAA for body text
    for entity_type in TYPE_ORDER:
        background, _ = highlight_colors(entity_type, dark)
        assert contrast(text, background) >= 7, entity_type


@pytest.mark.parametrize("entity_type", TYPE_ORDER)
def test_highlight_colors_come_from_the_one_style_table(entity_type: EntityType) -> None:
    style = STYLES[entity_type]
    assert highlight_colors(entity_type, dark=False) == (QColor(style.tint_light), QColor(style.color))
    assert highlight_colors(entity_type.value, dark=True) == (QColor(style.tint_dark), QColor(style.color))


@pytest.mark.parametrize("choice", ["light", "dark"])
def test_apply_theme_installs_the_palette_and_reports_it(app: QApplication, choice: str) -> None:
    dark = apply_theme(app, choice)
    assert dark is (choice == "dark")
    assert is_dark(app) is dark
    assert app.style().name().lower() == "fusion"
    expected = (dark_palette() if dark else light_palette()).color(QPalette.ColorRole.Base)
    assert app.palette().color(QPalette.ColorRole.Base) == expected


def test_apply_theme_rejects_an_unknown_theme(app: QApplication) -> None:
    with pytest.raises(ValueError, match="unknown theme"):
        apply_theme(app, "sepia")


@pytest.mark.parametrize(
    ("scheme", "expected"),
    [(Qt.ColorScheme.Dark, "dark"), (Qt.ColorScheme.Light, "light"), (Qt.ColorScheme.Unknown, "light")],
)
def test_system_theme_follows_the_desktop_scheme(
    monkeypatch: pytest.MonkeyPatch, scheme: Qt.ColorScheme, expected: str
) -> None:
    monkeypatch.setattr(theme, "system_prefers_dark", lambda: scheme == Qt.ColorScheme.Dark)
    assert resolve_theme("system") == expected
    assert resolve_theme("light") == "light"  # an explicit choice overrides the desktop
    assert resolve_theme("dark") == "dark"


def test_follower_reapplies_when_the_desktop_switches(app: QApplication, make_follower, monkeypatch, qtbot) -> None:
    desktop_dark = False
    monkeypatch.setattr(theme, "system_prefers_dark", lambda: desktop_dark)
    follower = make_follower("system")
    assert not is_dark(app)

    desktop_dark = True
    with qtbot.waitSignal(follower.changed) as signal:
        QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert signal.args == [True]
    assert is_dark(app)


def test_follower_keeps_an_explicit_choice_when_the_desktop_switches(
    app: QApplication, make_follower, monkeypatch, qtbot
) -> None:
    monkeypatch.setattr(theme, "system_prefers_dark", lambda: True)
    follower = make_follower("light")
    assert not is_dark(app)
    with qtbot.assertNotEmitted(follower.changed):
        QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not is_dark(app)
    follower.set_theme("system")
    assert is_dark(app)


def test_swatch_icon_is_painted_in_the_type_color(app: QApplication) -> None:
    image = swatch_icon(EntityType.PLACE, 16).pixmap(16, 16).toImage()
    center = image.pixelColor(image.width() // 2, image.height() // 2)
    assert center.name() == STYLES[EntityType.PLACE].color.lower()
    assert image.pixelColor(0, 0).alpha() == 0  # round, on a transparent square
