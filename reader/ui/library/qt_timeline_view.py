"""When an entity is mentioned: bars of its mentions per day, week or month.

Only articles that state their date count (a file's modification date says
when it was saved, not when it was news). Drawn with QPainter: one bar per
period from the first to the last, empty periods included, so gaps show.
"""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from reader.entity_types import EntityType
from reader.ui.theme import is_dark, type_color


def fill_periods(counts: list[tuple[str, int]], period: str) -> list[tuple[str, int]]:
    """``counts`` with the empty periods between the first and the last added (as 0).

    >>> fill_periods([("2016-01", 2), ("2016-03", 1)], "month")
    [('2016-01', 2), ('2016-02', 0), ('2016-03', 1)]
    """
    if not counts:
        return []
    known = dict(counts)
    labels = [counts[0][0]]
    while labels[-1] != counts[-1][0] and len(labels) < 5000:
        labels.append(_next(labels[-1], period))
    return [(label, known.get(label, 0)) for label in labels]


def _next(label: str, period: str) -> str:
    if period == "day":
        return (dt.date.fromisoformat(label) + dt.timedelta(days=1)).isoformat()
    if period == "week":
        year, week = label.split("-W")
        monday = dt.date.fromisocalendar(int(year), int(week), 1) + dt.timedelta(weeks=1)
        iso = monday.isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}"
    year_number, month_number = (int(x) for x in label.split("-"))
    return f"{year_number + month_number // 12}-{month_number % 12 + 1:02d}"


class TimelineView(QWidget):
    """Bars of mentions per period; ``set_counts`` gives them, ``message`` shows when there are none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: list[tuple[str, int]] = []
        self.entity_type = EntityType.PERSON
        self.message = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_counts(self, counts: list[tuple[str, int]], period: str, entity_type: EntityType) -> None:
        self.counts = fill_periods(counts, period)
        self.entity_type = entity_type
        self.update()

    def set_message(self, message: str) -> None:
        self.message = message
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 240)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = QColor("#e6e4df" if is_dark() else "#1d1d1b")
        metrics = QFontMetrics(self.font())
        if not self.counts:
            painter.setPen(ink)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.message)
            return
        margin = metrics.height()
        axis = self.height() - 2 * margin
        left = metrics.horizontalAdvance("0000") + margin
        width = max(1.0, self.width() - left - margin)
        top = max(n for _, n in self.counts)
        step = width / len(self.counts)
        color = type_color(self.entity_type)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        # Time runs left to right in both UI languages, as on a calendar's axis.
        for number, (_label, n) in enumerate(self.counts):
            if n:
                height = (axis - margin) * n / top
                painter.drawRect(QRectF(left + number * step + step * 0.1, axis - height, max(1.0, step * 0.8), height))
        painter.setPen(QPen(ink, 1))
        painter.drawLine(int(left), int(axis), int(left + width), int(axis))
        painter.drawText(
            QRectF(0, margin - metrics.ascent() / 2, left - 4, metrics.height()), Qt.AlignmentFlag.AlignRight, str(top)
        )
        # Period labels under the axis, as many as fit without touching.
        label_width = metrics.horizontalAdvance(self.counts[0][0]) + metrics.horizontalAdvance("  ")
        every = max(1, math.ceil(label_width / step))
        for number in range(0, len(self.counts), every):
            x = left + number * step + step / 2
            painter.drawLine(int(x), int(axis), int(x), int(axis + 3))
            painter.drawText(
                QRectF(x - label_width / 2, axis + 4, label_width, margin * 1.5),
                Qt.AlignmentFlag.AlignHCenter,
                self.counts[number][0],
            )
        painter.end()
