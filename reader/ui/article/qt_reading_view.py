"""The reading view: the article right to left, with its mentions highlighted.

A read-only ``QPlainTextEdit`` holding ``Source.text`` (positions in the
document map to the text's code points through ``offsets.Utf16Index``). Two
things are laid out differently, never changing the text copied, searched or
exported (``shown_text.py``): bidi controls are drawn as labels (‹RLO›)
instead of being obeyed, and a paragraph longer than 3,000 characters is
shown in pieces. The document is made off the UI thread and filled in slices
(``qt_shown_document.py``): a 6 MB article never freezes the window. Why the
plain-text widget: it lays out only the paragraphs on screen, while
``QTextEdit`` lays out the whole document in steps that grow to 200,000
characters (measured: stalls of 0.3–0.7 s on a 100,000-word article).
The price is that it ignores ``QTextBlockFormat.lineHeight``, so line
spacing comes from the font: the preferred Naskh faces (``ARABIC_FONTS``)
have a line pitch of about 1.7 em, which Arabic marks need.

Layout: a centered column of at most ``COLUMN_EM`` ems (viewport margins
grow with the window instead of the lines), every paragraph right to left
whatever the UI language, the first installed font of ``ARABIC_FONTS``.

The view shows an Analysis and reports what the reader does; it never
computes entities. Highlights are painted by ``HighlightPainter``; the flash
after a jump and Find's matches are extra selections, which leave the
document untouched.
"""

from __future__ import annotations

import contextlib
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QHelpEvent,
    QMouseEvent,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from reader.document import Analysis, Mention, Source
from reader.entity_types import TYPE_ORDER, EntityType
from reader.invisible import CONTROLS, show_controls
from reader.jobs import HighlightSpan, SpanChanges
from reader.ui.article.offsets import Utf16Index
from reader.ui.article.qt_highlighter import HighlightPainter, highlighted_spans
from reader.ui.article.qt_scroll_marks import MarkedScrollBar
from reader.ui.article.qt_shown_document import ShownDocument
from reader.ui.i18n import type_label
from reader.ui.theme import is_dark, type_color

#: Preferred fonts, best first; the first one installed is used. Naskh faces
#: first: they are the book and newspaper style, with room for vowel marks.
ARABIC_FONTS = ("Noto Naskh Arabic", "Amiri", "Scheherazade New", "Noto Sans Arabic", "DejaVu Sans")
#: What View ▸ Font offers (those installed): the preferred fonts and a Kufi face.
FONT_CHOICES = ("Noto Naskh Arabic", "Amiri", "Scheherazade New", "Noto Sans Arabic", "Noto Kufi Arabic", "DejaVu Sans")
COLUMN_EM = 45
ZOOM_STEP = 1.1  # each Ctrl + multiplies the font size by this
ZOOM_RANGE = (-6, 12)
FLASH_STEPS = (150, 90, 40, 0)  # alpha of the flash over the jumped-to mention, every FLASH_MS
FLASH_MS = 160


def installed_fonts(families: Iterable[str]) -> list[str]:
    """Those of ``families`` installed here, in the same order."""
    installed = set(QFontDatabase.families())
    return [family for family in families if family in installed]


def best_arabic_font(preferred: str = "") -> str:
    """``preferred`` if installed, else the first of ``ARABIC_FONTS`` installed, else the default."""
    for family in installed_fonts(f for f in (preferred, *ARABIC_FONTS) if f):
        return family
    return QFont().defaultFamily()


class ReadingView(QPlainTextEdit):
    """Read-only article view.

    Signals: ``zoom_changed(int)`` (zoom steps), ``mention_clicked(int)`` (index
    into ``Analysis.mentions``), ``highlights_painted()`` (every highlight asked
    for is in the document), ``context_menu_requested(QPoint, int, int)`` (the
    reader asked for a context menu at a global position, over the selection
    ``[start, end)`` or, with nothing selected, the point's offset twice).
    """

    zoom_changed = Signal(int)
    mention_clicked = Signal(int)
    highlights_painted = Signal()
    context_menu_requested = Signal(QPoint, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setBackgroundVisible(False)
        self.setBackgroundRole(QPalette.ColorRole.Base)  # the margins around the column, too
        self.setAutoFillBackground(True)
        self.setAcceptDrops(False)  # the window opens dropped files
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # the article is Arabic in any UI language
        # Mouse selection only: with keyboard selection Qt draws a caret even in a
        # read-only view; without it the arrow and page keys scroll, as in a reader.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.marks = MarkedScrollBar(Qt.Orientation.Vertical, self)
        self.setVerticalScrollBar(self.marks)
        self.shown = ShownDocument(self._new_document, self)
        self.shown.prepared.connect(self._on_prepared)
        self.shown.grown.connect(self._on_grown)
        self.shown.completed.connect(self._on_grown)
        self.setDocument(self.shown.document)
        self._pending_go: tuple[str, int, int] | None = None  # a scroll or jump waiting for its text
        self._source: Source | None = None
        self._index = Utf16Index("")
        self._analysis: Analysis | None = None
        self._spans: frozenset[HighlightSpan] = frozenset()
        self._enabled: frozenset[EntityType] = frozenset(TYPE_ORDER)
        self._family = best_arabic_font()
        self._base_size = 16.0
        self._zoom = 0
        self._find_spans: list[tuple[int, int]] = []
        self._find_current = -1
        self._flash: tuple[int, int] | None = None
        self._flash_step = len(FLASH_STEPS)
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(self._flash_tick)

        self.painter = HighlightPainter(self.document(), self.first_visible_offset, self)
        self.painter.idle.connect(self._maybe_painted)
        self.painter.set_dark(is_dark())
        self._apply_font()

    # --- content

    @property
    def source(self) -> Source | None:
        return self._source

    @property
    def index(self) -> Utf16Index:
        return self._index

    def set_source(self, source: Source | None) -> None:
        """Show ``source``'s text (no highlights until ``set_analysis``)."""
        if self._analysis is not None:  # a long article's mentions are let go of a slice at a time
            self.painter.disposal.later(self._analysis.mentions, self._analysis.entities, self._spans)
        self._source = source
        self._analysis = None
        self._find_spans = []
        self._find_current = -1
        self._flash = None
        self._pending_go = None
        self._index = Utf16Index("")
        document = self.shown.show(source.text if source is not None else "")
        old = self.document()
        self.setDocument(document)
        self.painter.disposal.document(old)  # emptied a slice at a time, then deleted
        self.painter.reset(document, self._index, complete=False)
        self._apply_font()
        self._rewrap()
        self.marks.set_marks([], QColor())
        self.setExtraSelections([])
        self.shown.start()  # a short text is in the document now; a long one arrives in slices

    def _on_prepared(self) -> None:
        self._index = self.shown.index

    def _on_grown(self) -> None:
        self.painter.document_grew(self._index, self.shown.is_complete())
        if self._pending_go is not None:
            kind, start, end = self._pending_go
            if self.shown.is_complete() or self._index.to_utf16(end) <= self.shown.units:
                self._pending_go = None
                self.scroll_to_offset(start) if kind == "scroll" else self.go_to(start, end)
        self._maybe_painted()

    def _maybe_painted(self) -> None:
        if self.is_painted():
            self.highlights_painted.emit()

    def is_painted(self) -> bool:
        """Whether the whole text and every highlight asked for are in the document."""
        return self.shown.is_complete() and self.painter.is_idle()

    def finish_painting(self) -> None:
        """Fill the document and paint every pending highlight now (screenshots, tests)."""
        self.shown.finish()
        self._index = self.shown.index
        self.painter.document_grew(self._index, True)
        self.painter.finish()
        self._on_grown()

    def _waits_for_text(self, kind: str, start: int, end: int) -> bool:
        """Whether ``[start, end)`` is not in the document yet: then do ``kind`` when it is."""
        if self.shown.is_complete() or (self._index.to_utf16(end) <= self.shown.units and self.shown.shown):
            return False
        self._pending_go = (kind, start, end)
        return True

    def set_analysis(
        self,
        analysis: Analysis | None,
        spans: frozenset[HighlightSpan],
        changes: SpanChanges | None = None,
    ) -> None:
        """Show ``analysis``'s mentions (a partial one may be followed by a fuller one).

        ``spans``: its highlights, ``reader.jobs.highlight_spans(analysis.mentions)``,
        made off the UI thread where the results arrived. ``changes``: the
        highlights added and removed against the analysis shown now
        (``AnalysisUpdate.changes``): only those are looked at, so a long
        article's results cost what they change, not what they hold.
        """
        self._analysis = analysis
        self._spans = spans
        if changes is not None:
            self.painter.change(*changes, self._enabled)
        else:
            self.painter.show(self._spans, self._enabled)

    @property
    def analysis(self) -> Analysis | None:
        return self._analysis

    def preview_highlight(self, start: int, end: int, style: str) -> None:
        """Show a highlight at once, before the analysis that has it (a correction being made) arrives.

        ``style`` as in ``reader.jobs.HighlightSpan`` ("place:correction").
        Highlights it overlaps are cleared; the next ``set_analysis`` decides.
        Regrouping a long article takes longer than the 100 ms in which the
        reader expects to see what they marked: this paints it now.
        """
        kept = {span for span in self._spans if span[1] <= start or span[0] >= end}
        kept.add((start, end, style))
        self._spans = frozenset(kept)
        self.painter.show(self._spans, self._enabled)
        self.painter.finish()
        self.viewport().repaint()

    def set_enabled_types(self, types: Iterable[EntityType]) -> None:
        """Highlight only mentions of ``types``."""
        self._enabled = frozenset(types)
        if self._analysis is not None:
            self.painter.show(self._spans, self._enabled)

    def set_dark(self, dark: bool) -> None:
        """Retint the highlights for a dark or light page."""
        self.painter.set_dark(dark)

    def highlighted_spans(self) -> list[tuple[int, int, EntityType]]:
        """What is highlighted in the document now (code points), for tests and checks."""
        return highlighted_spans(self.document(), self._index)

    def mention_at(self, offset: int) -> int | None:
        """Index of the mention covering code point ``offset``, if any (shown or hidden)."""
        if self._analysis is None:
            return None
        i = bisect_right(self._analysis.mentions, offset, key=_start) - 1
        if i >= 0 and offset < self._analysis.mentions[i].end:
            return i
        return None

    def _new_document(self) -> QTextDocument:
        """An empty document set up for an Arabic article: right to left, no undo."""
        document = QTextDocument(self)
        document.setDocumentLayout(QPlainTextDocumentLayout(document))
        document.setUndoRedoEnabled(False)  # read-only: undo would only cost memory
        document.setDocumentMargin(24)
        option = QTextOption(document.defaultTextOption())
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        document.setDefaultTextOption(option)
        return document

    # --- font and zoom

    def set_font_preferences(self, family: str, size: float, zoom: int) -> None:
        """Font family ("" = best installed), base size in points and zoom steps."""
        self._family = best_arabic_font(family)
        self._base_size = size if size > 0 else 16.0
        self._zoom = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], zoom))
        self._apply_font()

    @property
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        steps = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], steps))
        if steps != self._zoom:
            offset = self.first_visible_offset()
            self._zoom = steps
            self._apply_font()
            self.scroll_to_offset(offset)
            self.zoom_changed.emit(steps)

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom + 1)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom - 1)

    def reset_zoom(self) -> None:
        self.set_zoom(0)

    def font_family(self) -> str:
        return self._family

    def font_size(self) -> float:
        """The base size in points, before zoom."""
        return self._base_size

    @staticmethod
    def best_font() -> str:
        """The font used when the reader has not chosen one."""
        return best_arabic_font()

    def _font(self) -> QFont:
        font = QFont(self._family)
        font.setPointSizeF(self._base_size * ZOOM_STEP**self._zoom)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # smoother Arabic curves
        return font

    def _apply_font(self) -> None:
        font = self._font()
        self.setFont(font)  # QPlainTextEdit lays its document out in the widget's font,
        self.document().setDefaultFont(font)  # but a document set later keeps its own
        self._update_column()

    def _update_column(self) -> None:
        # A centered column at most COLUMN_EM wide: the side margins grow
        # with the window instead of the lines.
        em = _em_width(self.font())
        bar = self.verticalScrollBar().sizeHint().width()
        width = self.width() - bar
        margin = max(0, int((width - COLUMN_EM * em) / 2))
        if self.viewportMargins().left() != margin:
            self.setViewportMargins(margin, 0, margin, 0)
            self._rewrap()

    def _rewrap(self) -> None:
        """Wrap the lines to the viewport's width now.

        QPlainTextEdit keeps the wrapping width its document had when the
        column's margins or the document changed: the lines stayed wider than
        the viewport, a horizontal scroll bar appeared, and the start of every
        right-to-left line was hidden past the right edge. Switching the wrap
        mode off and on makes it wrap again (a resize event does not).
        """
        top = self.firstVisibleBlock()
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.verticalScrollBar().setValue(top.firstLineNumber() if top.isValid() else 0)  # the same place

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_column()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_in() if event.angleDelta().y() > 0 else self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    # --- positions and scrolling

    def offset_at(self, point: QPoint, exact: bool = True) -> int | None:
        """Code point under viewport ``point``; with ``exact``, None unless a character is there."""
        cursor = self.cursorForPosition(point)
        position = cursor.position()
        if exact:
            block = cursor.block()
            layout = block.layout()
            top_left = self.blockBoundingGeometry(block).translated(self.contentOffset()).topLeft()
            line = layout.lineForTextPosition(position - block.position()) if layout is not None else None
            if line is None or not line.isValid():
                return None
            rect = line.naturalTextRect().translated(top_left)
            if not rect.contains(QPointF(point)):
                return None
        return self._index.to_code_point(position)

    def first_visible_offset(self) -> int:
        """Code point at the top of the viewport: what a reading position is stored as.

        At the top of the article it is 0 without asking the layout: asked as the
        first highlights are queued, right after the text was set, the hit test
        laid the whole article out once more than painting needs (20–70 ms of a
        cold launch before the first highlight).
        """
        if self.verticalScrollBar().value() == 0:
            return 0
        cursor = self.cursorForPosition(QPoint(self.viewport().width() // 2, 2))
        return self._index.to_code_point(cursor.position())

    def _line_number(self, offset: int) -> int:
        """The visual line holding code point ``offset`` (the vertical scroll bar counts lines)."""
        position = min(self._index.to_utf16(offset), self.document().characterCount() - 1)
        block = self.document().findBlock(position)
        layout = block.layout()
        within = 0
        if layout is not None and layout.lineCount():
            line = layout.lineForTextPosition(position - block.position())
            within = line.lineNumber() if line.isValid() else 0
        return block.firstLineNumber() + within

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so the line holding code point ``offset`` is at the top (once its text is shown)."""
        if not self._waits_for_text("scroll", offset, offset):
            self.verticalScrollBar().setValue(self._line_number(offset))

    def go_to(self, start: int, end: int, flash_color: QColor | None = None) -> None:
        """Select ``[start, end)`` (code points), center it and flash it briefly (once its text is shown)."""
        if self._waits_for_text("go", start, end):
            return
        s16, e16 = self._index.span_to_utf16(start, end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(s16)
        cursor.setPosition(e16, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()
        self._flash = (start, end)
        self._flash_color = flash_color or self.palette().highlight().color()
        self._flash_step = 0
        self._flash_timer.start()
        self._update_extra_selections()

    def selection_offsets(self) -> tuple[int, int]:
        """The selected span (or the cursor position twice), in code points."""
        cursor = self.textCursor()
        return self._index.to_code_point(cursor.selectionStart()), self._index.to_code_point(cursor.selectionEnd())

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copy the source text of the selection: controls themselves, not their labels, and no inserted breaks."""
        data = QMimeData()
        start, end = self.selection_offsets()
        data.setText(self._source.text[start:end] if self._source is not None else "")
        return data

    # --- Find matches and the flash: extra selections, never document formats

    def set_find_matches(self, spans: Sequence[tuple[int, int]], current: int = -1) -> None:
        """Outline Find's matches; ``current`` (an index into ``spans``) is selected and centered."""
        self._find_spans = list(spans)
        self._find_current = current
        if 0 <= current < len(spans):
            start, end = spans[current]
            self.go_to(start, end)
        else:
            self._update_extra_selections()

    def _flash_tick(self) -> None:
        self._flash_step += 1
        if self._flash_step >= len(FLASH_STEPS):
            self._flash_timer.stop()
            self._flash = None
        self._update_extra_selections()

    def _update_extra_selections(self) -> None:
        selections = []
        # Find's matches: a yellow outline of each (capped: thousands of extra
        # selections are repainted on every scroll).
        match_format = QTextCharFormat()
        match_format.setBackground(QColor(255, 214, 10, 110))
        for start, end in self._find_spans[:2000]:
            selections.append(self._selection(start, end, match_format))
        if self._flash is not None and self._flash_step < len(FLASH_STEPS):
            color = QColor(self._flash_color)
            color.setAlpha(FLASH_STEPS[self._flash_step])
            flash_format = QTextCharFormat()
            flash_format.setBackground(color)
            selections.append(self._selection(*self._flash, flash_format))
        self.setExtraSelections(selections)

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        s16, e16 = self._index.span_to_utf16(start, end)
        cursor.setPosition(s16)
        cursor.setPosition(e16, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    # --- scroll-bar marks

    def set_marks(self, spans: Sequence[tuple[int, int]], color: QColor) -> None:
        """Mark where ``spans`` are beside the scroll bar, as fractions of the article's lines."""
        lines = max(self.document().lineCount(), 1)
        self.marks.set_marks([self._line_number(start) / lines for start, _end in spans], color)

    # --- hover and click

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._show_tooltip(event)
            return True
        return super().viewportEvent(event)

    def _show_tooltip(self, event: QHelpEvent) -> None:
        offset = self.offset_at(event.pos())
        text = self._source.text if self._source is not None else ""
        control = CONTROLS.get(text[offset]) if offset is not None and offset < len(text) else None
        if control is not None:
            tip = self.tr("{description}: a control character, shown and not obeyed").format(
                description=control.description
            )
            QToolTip.showText(event.globalPos(), tip, self.viewport())
            return
        i = self.mention_at(offset) if offset is not None else None
        if i is None or self._analysis is None or self._analysis.mentions[i].type not in self._enabled:
            QToolTip.hideText()
            return
        QToolTip.showText(event.globalPos(), self.tooltip_text(self._analysis.mentions[i]), self.viewport())

    def tooltip_text(self, mention: Mention) -> str:
        """ "Place: الموصل" — the mention's type and its entity's canonical name, and
        "corrected by you" or "from your lexicon" when the reader decided it."""
        name = mention.text
        if self._analysis is not None:
            with contextlib.suppress(KeyError):
                name = self._analysis.entity(mention.entity).name
        color = type_color(mention.type).name()
        label = type_label(mention.type)
        text = f'<span style="color:{color}">■</span> <b>{_escape(label)}</b>: <span dir="rtl">{_escape(show_controls(name))}</span>'
        origin = {"correction": self.tr("corrected by you"), "lexicon": self.tr("from your lexicon")}
        if mention.source in origin:
            text += f"<br><i>{_escape(origin[mention.source])}</i>"
        return text

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Ask for a context menu (the window builds it: copy, and the corrections)."""
        start, end = self.selection_offsets()
        if start == end:
            offset = self.offset_at(self.viewport().mapFromGlobal(event.globalPos()))
            start = end = offset if offset is not None else -1
        self.context_menu_requested.emit(event.globalPos(), start, end)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            offset = self.offset_at(event.position().toPoint())
            i = self.mention_at(offset) if offset is not None else None
            if i is not None and self._analysis is not None and self._analysis.mentions[i].type in self._enabled:
                self.mention_clicked.emit(i)


_EM_WIDTHS: dict[str, float] = {}


def _start(mention: Mention) -> int:
    return mention.start


def _em_width(font: QFont) -> float:
    """Width of an em in ``font`` (cached by the font's key: resizing asks often)."""
    key = font.key()
    if key not in _EM_WIDTHS:
        _EM_WIDTHS[key] = QFontMetricsF(font).horizontalAdvance("M")
    return _EM_WIDTHS[key]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
