"""A keyword-in-context line painted with the mention highlighted in its type's colors.

The model gives ``(before, match, after)`` (``CONTEXT_ROLE``); the line is
laid out right to left as one paragraph (the article's words keep their
order in either UI language) and the mention is drawn as the reading view
draws it: a tint behind, a colored underline.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QTextCharFormat, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from reader.entity_types import EntityType
from reader.ui.library.library_models import CONTEXT_ROLE
from reader.ui.theme import highlight_colors, is_dark

#: Laid-out context lines kept (a few screens of rows).
LAYOUTS_KEPT = 400


class ContextDelegate(QStyledItemDelegate):
    """Paints ``CONTEXT_ROLE`` of its column; the type comes from ``entity_type()``."""

    def __init__(self, entity_type: Callable[[], EntityType], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entity_type = entity_type
        # Laid-out lines, by what they show: scrolling back repaints without laying out again.
        self._layouts: OrderedDict[tuple[object, ...], QTextLayout] = OrderedDict()

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        context = index.data(CONTEXT_ROLE)
        if not context:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget is not None else QApplication.style()
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect = option.rect.adjusted(4, 0, -4, 0)
        layout = self._layout(context, option, rect.width())
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setClipRect(rect)
        painter.setPen(option.palette.color(role))
        height = layout.boundingRect().height()
        # The mention in the middle of the cell, its context running off both sides (keyword in context).
        line = layout.lineAt(0)
        start = 1 + len(context[0])
        middle = (_x(line.cursorToX(start)) + _x(line.cursorToX(start + len(context[1])))) / 2
        layout.draw(painter, QPointF(rect.center().x() - middle, rect.top() + (rect.height() - height) / 2))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), max(hint.height(), option.fontMetrics.height() + 8))

    def _layout(self, context: tuple[str, str, str], option: QStyleOptionViewItem, width: int) -> QTextLayout:
        entity_type: EntityType = self.entity_type()
        dark = is_dark()
        key = (context, width, entity_type, dark, option.font.key())
        layout = self._layouts.get(key)
        if layout is None:
            layout = self._layouts[key] = self._laid_out(context, option.font, width, entity_type, dark)
            if len(self._layouts) > LAYOUTS_KEPT:
                self._layouts.popitem(last=False)
        else:
            self._layouts.move_to_end(key)
        return layout

    @staticmethod
    def _laid_out(
        context: tuple[str, str, str], font: QFont, width: int, entity_type: EntityType, dark: bool
    ) -> QTextLayout:
        # One line of text with one format range: the mention keeps its joining with a
        # clitic before it (بـ|الموصل), which separately drawn pieces would break.
        before, match, after = (part.replace("\n", " ") for part in context)
        text = "…" + before + match + after + "…"
        tint, line = highlight_colors(entity_type, dark)
        mark = QTextCharFormat()
        mark.setBackground(tint)
        mark.setFontUnderline(True)
        mark.setUnderlineColor(line)
        highlight = QTextLayout.FormatRange()
        highlight.start, highlight.length, highlight.format = 1 + len(before), len(match), mark
        layout = QTextLayout(text, font)
        text_option = QTextOption(Qt.AlignmentFlag.AlignRight)
        text_option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        text_option.setWrapMode(QTextOption.WrapMode.NoWrap)
        layout.setTextOption(text_option)
        layout.setFormats([highlight])
        layout.beginLayout()
        text_line = layout.createLine()
        text_line.setLineWidth(max(10, width, QFontMetrics(font).horizontalAdvance(text) + 10))
        layout.endLayout()
        return layout


def _x(cursor: object) -> float:
    """PySide returns ``cursorToX`` as (x, position); the stubs say float."""
    return float(cursor[0] if isinstance(cursor, tuple) else cursor)  # type: ignore[arg-type]
