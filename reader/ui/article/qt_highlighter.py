"""Paints mention highlights into a QTextDocument as character formats, a batch at a time.

Highlights are real character formats (a light tint background and an
underline in the type's full color), not custom painting: Qt 6 shapes a run
of Arabic across format boundaries, so a highlight that covers part of a
word (الموصل inside بالموصل) keeps the letters joined.

Applying a format to 20,000 mentions of a 100,000-word article takes about
half a second, so ``HighlightPainter`` never does it in one go: ``show``
computes what must change (highlights to add, highlights to remove) and a
zero-delay timer applies it in slices of a few milliseconds, nearest to what
the reader is looking at first. The event loop runs between slices. ``idle``
is emitted when the document shows exactly what was asked.

Formats are *merged*, painting and clearing alike (clearing sets "no
background, no underline, no type"), so the labels of bidi controls
(``qt_control_labels.py``) keep their object format under a highlight.

The document may still be filling (``qt_shown_document.py``): a highlight
beyond the text already in it waits, and ``document_grew`` paints it when
its text arrives; the painter is idle only when nothing waits.

Two measured costs shape the code:

- The change is worked out with set differences (in C), not a Python loop
  over every mention: a partial result of a long article repeats thousands
  of mentions already painted, and comparing them one by one took 20–50 ms
  of the UI thread per result.
- Each slice is one edit block, and Qt reports an edit block as one changed
  range from its first to its last position; the plain-text layout then
  throws away the layout of every paragraph in that range. A slice that
  wrapped from the end of the article back to its start cleared the
  paragraphs on screen too, and re-shaping them took 30–40 ms at the next
  paint. So an edit block never jumps backwards: it is closed and a new one
  opened.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat

from reader.entity_types import EntityType
from reader.jobs import HighlightSpan
from reader.ui.article.disposal import Disposal
from reader.ui.article.offsets import Utf16Index
from reader.ui.theme import highlight_colors

#: Character-format property holding the mention's type value ("place" ...).
TYPE_PROPERTY = QTextFormat.Property.UserProperty + 1

#: Milliseconds of formatting per slice: well under the 100 ms stall budget,
#: leaving the rest of each frame to input and painting.
SLICE_MS = 8

Span = tuple[int, int, EntityType]  # code-point start, end, type


#: The underline of a mention by who decided it: the reader's own marks are
#: dashed, their lexicon's dotted (the same color: a subtle difference).
UNDERLINES = {
    "model": QTextCharFormat.UnderlineStyle.SingleUnderline,
    "correction": QTextCharFormat.UnderlineStyle.DashUnderline,
    "lexicon": QTextCharFormat.UnderlineStyle.DotLine,
}


def highlight_format(entity_type: EntityType, dark: bool, source: str = "model") -> QTextCharFormat:
    """The character format of a highlighted mention of ``entity_type`` (``source``: who decided it)."""
    background, underline = highlight_colors(entity_type, dark)
    fmt = QTextCharFormat()
    fmt.setBackground(background)
    fmt.setUnderlineStyle(UNDERLINES.get(source, UNDERLINES["model"]))
    fmt.setUnderlineColor(underline)
    fmt.setProperty(TYPE_PROPERTY, entity_type.value)
    return fmt


def _formats(dark: bool) -> dict[str, QTextCharFormat]:
    """Format by highlight style (``reader.jobs.HighlightSpan``): "place", "place:correction" …"""
    formats = {}
    for t in EntityType:
        for source in UNDERLINES:
            style = t.value if source == "model" else f"{t.value}:{source}"
            formats[style] = highlight_format(t, dark, source)
    return formats


def plain_format() -> QTextCharFormat:
    """What clearing a highlight merges in: no background, no underline, no type."""
    fmt = QTextCharFormat()
    fmt.setBackground(QBrush(Qt.BrushStyle.NoBrush))
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.NoUnderline)
    fmt.setProperty(TYPE_PROPERTY, "")
    return fmt


class HighlightPainter(QObject):
    """Keeps a document's highlights equal to a set of mentions, incrementally."""

    idle = Signal()  # every requested highlight is painted (and every removed one cleared)

    def __init__(
        self,
        document: QTextDocument,
        visible_offset: Callable[[], int] = lambda: 0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._visible_offset = visible_offset  # code point the reader is looking at
        self._index = Utf16Index("")
        self._dark = False
        self._formats = _formats(False)
        self._plain = plain_format()
        self._complete = True  # the document holds all its text
        self._deferred = False  # a highlight waits for its text to be in the document
        self._grew = False  # the document grew since the queue was made
        self._painted: set[HighlightSpan] = set()
        self._wanted: set[HighlightSpan] = set()
        self._queue: list[tuple[int, int, str, bool]] = []  # start, end, type value, paint (False: clear)
        self._next = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._paint_slice)
        self.disposal = Disposal(self)

    # --- what to show

    def reset(self, document: QTextDocument, index: Utf16Index, *, complete: bool = True) -> None:
        """Paint into ``document`` from now on (a new text, nothing painted in it yet).

        ``complete``: whether the document holds all its text already (else
        ``document_grew`` says when more arrives, and when it is complete).
        """
        self._document = document
        self._index = index
        self._complete = complete
        self._deferred = False
        if self._painted or self._wanted or self._queue:
            # Let go of a long article's highlights a slice at a time (disposal.py).
            self.disposal.later(self._painted, self._wanted, self._queue)
        self._painted, self._wanted = set(), set()
        self._queue = []
        self._next = 0
        self._timer.stop()

    def document_grew(self, index: Utf16Index, complete: bool) -> None:
        """More text is in the document (``index`` maps it): paint the highlights that waited for it."""
        self._index = index
        self._complete = complete
        self._grew = True
        if self._deferred and not self._timer.isActive() and self._next >= len(self._queue):
            self._schedule()

    def show(self, spans: frozenset[HighlightSpan], enabled: Iterable[EntityType]) -> None:
        """Highlight exactly those of ``spans`` (``reader.jobs.highlight_spans``) of the ``enabled`` types.

        Others are cleared. A partial result repeats most of the previous one:
        only the difference is painted.
        """
        values = {EntityType(t).value for t in enabled}
        if len(values) == len(EntityType):
            self._wanted = set(spans)
        else:
            self._wanted = {span for span in spans if span[2].partition(":")[0] in values}
        self._schedule()

    def change(
        self, added: frozenset[HighlightSpan], removed: frozenset[HighlightSpan], enabled: Iterable[EntityType]
    ) -> None:
        """Highlight ``added`` too and no longer ``removed`` (of the ``enabled`` types): what a new
        result changes (``AnalysisUpdate.changes``). Only the changes are looked at, so a long
        article's results cost what they change, not what they hold."""
        values = {EntityType(t).value for t in enabled}
        every = len(values) == len(EntityType)
        new = set(added) if every else {span for span in added if span[2].partition(":")[0] in values}
        gone = removed & self._wanted
        self._wanted -= gone
        self._wanted |= new
        ops = sorted((s, e, t, False) for s, e, t in gone & self._painted)
        ops += sorted((s, e, t, True) for s, e, t in new - self._painted)
        if self._next < len(self._queue):
            self._queue.extend(ops)  # after what is being painted (clearing first: see _schedule)
        elif ops:
            self._queue, self._next = ops, 0
            self._timer.start()
        elif self.is_idle():
            self.idle.emit()

    def set_dark(self, dark: bool) -> None:
        """Switch tints for a dark or light page: every highlight is repainted."""
        if dark == self._dark:
            return
        self._dark = dark
        self._formats = _formats(dark)
        self._painted = set()  # repaint all: applying a format over an old one replaces it
        self._schedule()

    def is_idle(self) -> bool:
        return not self._timer.isActive() and self._next >= len(self._queue) and not self._deferred

    def painted_count(self) -> int:
        return len(self._painted)

    def finish(self) -> None:
        """Paint everything pending now, as far as the document holds the text (tests, screenshots)."""
        if self.is_idle():
            return
        self._schedule()  # what is left, worked out afresh
        if not self._queue:
            return  # idle already said
        self._timer.stop()
        self._apply(len(self._queue), deadline=None)
        self._queue = []
        self._next = 0
        if not self._deferred:
            self.idle.emit()

    # --- painting

    def _schedule(self) -> None:
        clear = sorted((s, e, t, False) for s, e, t in self._painted - self._wanted)
        paint = sorted((s, e, t, True) for s, e, t in self._wanted - self._painted)
        # Clearing first keeps a cleared span from wiping a new neighbour's format;
        # within each, the reader's screen first, then the rest of the article.
        offset = self._visible_offset() if clear or paint else 0
        self._queue = _rotate(clear, offset) + _rotate(paint, offset)
        self._next = 0
        self._deferred = self._grew = False
        if self._queue:
            self._timer.start()
        else:
            self.idle.emit()

    def _paint_slice(self) -> None:
        self._apply(len(self._queue), deadline=time.perf_counter() + SLICE_MS / 1000)
        self._after_slice()

    def _after_slice(self) -> None:
        if self._next < len(self._queue):
            self._timer.start()
        else:
            self._queue = []
            self._next = 0
            if self._deferred and self._grew:
                self._schedule()  # text arrived while this queue ran: what waited can be painted now
            elif not self._deferred:
                self.idle.emit()

    def _apply(self, stop: int, deadline: float | None) -> None:
        cursor = QTextCursor(self._document)
        span_to_utf16 = self._index.span_to_utf16
        limit = self._document.characterCount() - 1
        cursor.beginEditBlock()  # one layout update per slice, not per mention
        previous = -1
        try:
            while self._next < stop:
                start, end, entity_type, paint = self._queue[self._next]
                self._next += 1
                if ((start, end, entity_type) in self._wanted) != paint:
                    continue  # asked for again, or no longer, since it was queued (see change)
                if start < previous:  # a jump back (see the module docstring): a new edit block
                    cursor.endEditBlock()
                    cursor.beginEditBlock()
                previous = start
                s16, e16 = span_to_utf16(start, end)
                if e16 > limit and not self._complete:
                    self._deferred = True  # its text is not in the document yet
                    continue
                e16 = min(e16, limit)
                if s16 >= e16:
                    continue
                cursor.setPosition(s16)
                cursor.setPosition(e16, QTextCursor.MoveMode.KeepAnchor)
                if paint:
                    cursor.mergeCharFormat(self._formats[entity_type])
                    self._painted.add((start, end, entity_type))
                else:
                    cursor.mergeCharFormat(self._plain)
                    self._painted.discard((start, end, entity_type))
                if deadline is not None and self._next % 8 == 0 and time.perf_counter() > deadline:
                    break
        finally:
            cursor.endEditBlock()


def _rotate(ops: Sequence[tuple[int, int, str, bool]], offset: int) -> list[tuple[int, int, str, bool]]:
    """``ops`` (in text order) rotated to start at the first one ending after ``offset``."""
    cut = next((i for i, op in enumerate(ops) if op[1] >= offset), len(ops))
    return list(ops[cut:]) + list(ops[:cut])


def highlighted_spans(document: QTextDocument, index: Utf16Index) -> list[Span]:
    """The highlights actually in ``document``: maximal runs carrying a type, code-point offsets.

    Adjacent runs of one type merge, so two touching mentions of one type read
    as one span. Used by tests and by nothing that needs speed.
    """
    spans: list[Span] = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            value = fragment.charFormat().property(TYPE_PROPERTY)
            if value:
                start = index.to_code_point(fragment.position())
                end = index.to_code_point(fragment.position() + fragment.length())
                entity_type = EntityType(value)
                if spans and spans[-1][1] == start and spans[-1][2] is entity_type:
                    spans[-1] = (spans[-1][0], end, entity_type)
                else:
                    spans.append((start, end, entity_type))
            it += 1
        block = block.next()
    return spans
