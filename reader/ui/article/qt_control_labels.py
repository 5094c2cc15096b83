"""Bidi controls drawn as small labels in the reading view (‹RLO›), never obeyed.

The document holds U+FFFC (the object replacement character) where the text
has a control (``shown_text.py``); its character format names the control
(``control_format``), and ``ControlLabels``, registered with the document's
layout, draws the control's abbreviation in a thin rounded box, in a muted
red, the way editors flag the characters behind "Trojan Source" tricks.
U+FFFC is a neutral character, so the label takes the direction of its
neighbours and reorders nothing. A highlight over a label keeps it: the
painter merges its formats (``qt_highlighter.py``).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPyTextObject,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
)

from reader.invisible import Control
from reader.ui.theme import is_dark

#: The object type of a control's label in the document.
CONTROL_OBJECT = int(QTextFormat.ObjectTypes.UserObject) + 1
#: Character-format property holding the control's abbreviation ("RLO").
CONTROL_PROPERTY = int(QTextFormat.Property.UserProperty) + 2
LABEL_SCALE = 0.55  # of the reading font's size
LABEL_COLORS = ("#B3261E", "#FF8A80")  # on a light page, on a dark one


def control_format(control: Control) -> QTextCharFormat:
    """The format of the U+FFFC standing for ``control``: drawn as its label (merged, never set)."""
    fmt = QTextCharFormat()
    fmt.setObjectType(CONTROL_OBJECT)
    fmt.setProperty(CONTROL_PROPERTY, control.abbreviation)
    return fmt


class ControlLabels(QPyTextObject):
    """Draws the labels of one document; ``install`` registers it with the document's layout."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        document.documentLayout().registerHandler(CONTROL_OBJECT, self)

    @staticmethod
    def install(document: QTextDocument) -> ControlLabels:
        return ControlLabels(document)

    def _font(self, document: QTextDocument) -> QFont:
        font = QFont(document.defaultFont())
        font.setPointSizeF(max(6.0, font.pointSizeF() * LABEL_SCALE))
        font.setBold(True)
        return font

    def intrinsicSize(self, doc: QTextDocument, posInDocument: int, format: QTextFormat) -> QSizeF:
        metrics = QFontMetricsF(self._font(doc))
        label = str(format.property(CONTROL_PROPERTY) or "?")
        # About as high as the reading font's letters: the label sits on the baseline like a word.
        height = QFontMetricsF(doc.defaultFont()).ascent() * 0.7
        return QSizeF(metrics.horizontalAdvance(label) + 8, max(height, metrics.height()))

    def drawObject(
        self,
        painter: QPainter,
        rect: QRectF | QRect,
        doc: QTextDocument,
        posInDocument: int,
        format: QTextFormat,
    ) -> None:
        label = str(format.property(CONTROL_PROPERTY) or "?")
        rect = QRectF(rect)
        color = QColor(LABEL_COLORS[1] if is_dark() else LABEL_COLORS[0])
        painter.save()
        background = format.background()
        if background.style() != Qt.BrushStyle.NoBrush:  # under a highlight
            painter.fillRect(rect, background)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(color)
        painter.drawRoundedRect(rect.adjusted(1.5, 0.5, -1.5, -0.5), 3, 3)
        painter.setFont(self._font(doc))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        painter.restore()
