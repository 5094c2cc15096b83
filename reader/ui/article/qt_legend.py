"""The legend: one toggle per entity type, with its color and mention count.

Unchecking a type hides its highlights and its group in the entity panel
(the window does both on ``toggled``). Keyboard: Alt+1 … Alt+4.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from reader.entity_types import TYPE_ORDER, EntityType
from reader.ui.i18n import type_label
from reader.ui.theme import swatch_icon, type_color


class Legend(QWidget):
    """Signal ``toggled(EntityType, bool)`` when the reader shows or hides a type."""

    toggled = Signal(object, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(6)
        self._title = QLabel(self)
        layout.addWidget(self._title)
        self.buttons: dict[EntityType, QToolButton] = {}
        self._counts: dict[EntityType, int] = dict.fromkeys(TYPE_ORDER, 0)
        for number, entity_type in enumerate(TYPE_ORDER, start=1):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setChecked(True)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setIcon(swatch_icon(entity_type, 14))
            button.setIconSize(QSize(14, 14))
            button.setShortcut(QKeySequence(f"Alt+{number}"))
            button.toggled.connect(lambda checked, t=entity_type: self.toggled.emit(t, checked))
            self.buttons[entity_type] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self._title.setText(self.tr("Show:"))
        for number, (entity_type, button) in enumerate(self.buttons.items(), start=1):
            button.setText(f"{type_label(entity_type)}  {self._counts[entity_type]}")
            state = self.tr("shown") if button.isChecked() else self.tr("hidden")
            button.setToolTip(
                self.tr("{label}: {count} mentions, {state} (Alt+{number})").format(
                    label=type_label(entity_type), count=self._counts[entity_type], state=state, number=number
                )
            )
            self._style(entity_type, button)

    def _style(self, entity_type: EntityType, button: QToolButton) -> None:
        # A hidden type's toggle is struck out and faded, so the state reads without color.
        font = button.font()
        font.setStrikeOut(not button.isChecked())
        button.setFont(font)
        color = type_color(entity_type).name()
        border = f"border-bottom: 2px solid {color};" if button.isChecked() else "border-bottom: 2px solid transparent;"
        button.setStyleSheet(f"QToolButton {{ {border} padding: 2px 6px; }}")

    def set_counts(self, counts: Mapping[EntityType, int]) -> None:
        self._counts = {t: counts.get(t, 0) for t in TYPE_ORDER}
        self.retranslate()

    def counts(self) -> dict[EntityType, int]:
        return dict(self._counts)

    def set_enabled_types(self, types: Iterable[EntityType]) -> None:
        """Check exactly ``types`` (without emitting ``toggled``)."""
        enabled = frozenset(types)
        for entity_type, button in self.buttons.items():
            button.blockSignals(True)
            button.setChecked(entity_type in enabled)
            button.blockSignals(False)
        self.retranslate()

    def enabled_types(self) -> frozenset[EntityType]:
        return frozenset(t for t, b in self.buttons.items() if b.isChecked())
