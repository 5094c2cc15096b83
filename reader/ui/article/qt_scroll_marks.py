"""A vertical scroll bar that marks where things are in the document.

The reading view marks the mentions of the selected entity (or type) so the
reader sees at a glance where in the article it is discussed. Marks are
fractions of the document height, drawn as short bars in the groove.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QScrollBar, QStyle, QStyleOptionSlider, QWidget


class MarkedScrollBar(QScrollBar):
    """``QScrollBar`` plus colored marks at fractions (0 = top, 1 = bottom)."""

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self._marks: list[float] = []
        self._color = QColor()

    def set_marks(self, fractions: Sequence[float], color: QColor) -> None:
        self._marks = sorted(min(1.0, max(0.0, f)) for f in fractions)
        self._color = QColor(color)
        self.update()

    def marks(self) -> list[float]:
        return list(self._marks)

    def groove_rect(self) -> QRect:
        """Where the marks are drawn: the groove, between any arrow buttons."""
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        return self.style().subControlRect(
            QStyle.ComplexControl.CC_ScrollBar, option, QStyle.SubControl.SC_ScrollBarGroove, self
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._marks or not self._color.isValid():
            return
        groove = self.groove_rect()
        painter = QPainter(self)
        color = QColor(self._color)
        color.setAlpha(220)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        last_y = -10
        for fraction in self._marks:
            y = groove.top() + round(fraction * max(groove.height() - 3, 1))
            if y - last_y < 2:  # marks closer than a pixel or two: draw once
                continue
            last_y = y
            painter.drawRect(QRect(groove.left() + 2, y, max(groove.width() - 4, 2), 3))
        painter.end()
