"""The reading area: the legend, the article, the Find bar, and walking through mentions, as one widget.

``ReadingArea`` is the window's central widget. It is handed what to show
(``show_source``, then ``show_analysis`` as results arrive) and takes the
reader's commands (Find, Next Mention, zoom …), and it tells the window
what the reader did, by signal:

- ``types_toggled(frozenset)``: the legend shows exactly these types now;
- ``entity_selected(str)``: an entity became the selected one (clicked in
  the text, or adopted by Next Mention): the entity panel follows;
- ``position_changed(int, int)``: the shown mention's 1-based position among
  the selected entity's mentions (0: none shown yet) and their count;
- ``message(str)``: a hint for the status bar;
- ``zoom_changed(int)``: the reader zoomed (steps from the base size);
- ``painted()``: every highlight asked for is in the document;
- ``context_menu_requested(QPoint, int, int)``: a context menu over the
  selection (or the point's offset twice; -1 off the text), for the window
  to build (copy, and the corrections).

Inside, ``TextFinder`` runs Find over the text and ``MentionNavigation``
moves between mentions; nothing here reads files, computes entities or
knows about the window.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPoint, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from reader.document import Analysis, Source
from reader.entity_types import EntityType
from reader.jobs import HighlightSpan, SpanChanges
from reader.ui.article.mention_navigation import MentionNavigation
from reader.ui.article.qt_find_bar import FindBar, TextFinder
from reader.ui.article.qt_legend import Legend
from reader.ui.article.qt_reading_view import ReadingView


class ReadingArea(QWidget):
    """The legend above the article, the Find bar below it (hidden until Ctrl+F)."""

    types_toggled = Signal(object)  # frozenset[EntityType]
    entity_selected = Signal(str)
    position_changed = Signal(int, int)
    message = Signal(str)
    zoom_changed = Signal(int)
    painted = Signal()
    context_menu_requested = Signal(QPoint, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.legend = Legend(self)
        self.view = ReadingView(self)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.legend)
        column.addWidget(self.view, 1)
        column.addWidget(self.find_bar)
        self.finder = TextFinder(self.find_bar, self.view, self)
        self.navigation = MentionNavigation(self.view, self.legend.enabled_types, self)

        self.legend.toggled.connect(self._on_legend_toggled)
        self.navigation.entity_selected.connect(self.entity_selected)
        self.navigation.position_changed.connect(self.position_changed)
        self.navigation.message.connect(self.message)
        self.view.zoom_changed.connect(self.zoom_changed)
        self.view.highlights_painted.connect(self.painted)
        self.view.context_menu_requested.connect(self.context_menu_requested)

    # --- what to show

    def show_source(self, source: Source) -> None:
        """A new article: its text, no highlights, no selection, Find closed."""
        self.navigation.clear()
        self.finder.reset()
        self.view.set_source(source)
        self.legend.set_counts({})

    def show_analysis(
        self,
        analysis: Analysis,
        spans: frozenset[HighlightSpan],
        *,
        revalidate: bool = True,
        changes: SpanChanges | None = None,
    ) -> None:
        """Results for the article shown (a partial one may follow); ``spans``: their highlights.

        ``revalidate``: drop a selected entity the results no longer have
        (partial results may lack it only for a moment, so not every time).
        ``changes``: the highlights added and removed against the results
        shown (``AnalysisUpdate.changes``), when known.
        """
        self.view.set_analysis(analysis, spans, changes)
        self.legend.set_counts(analysis.counts())
        self.navigation.set_analysis(analysis, revalidate=revalidate)

    def set_enabled_types(self, types: Iterable[EntityType]) -> None:
        """Highlight only ``types`` (the legend follows without emitting ``types_toggled``)."""
        enabled = frozenset(types)
        self.legend.set_enabled_types(enabled)
        self.view.set_enabled_types(enabled)
        self.navigation.revalidate()

    def enabled_types(self) -> frozenset[EntityType]:
        return self.legend.enabled_types()

    def set_dark(self, dark: bool) -> None:
        """Retint the highlights for a dark or light page."""
        self.view.set_dark(dark)

    def set_font_preferences(self, family: str, size: float, zoom: int) -> None:
        """Font family ("" = the best Arabic font installed), base size in points, zoom steps."""
        self.view.set_font_preferences(family, size, zoom)

    def reading_font(self) -> tuple[str, float]:
        """The font family in use and its base size in points (before zoom)."""
        return self.view.font_family(), self.view.font_size()

    def retranslate(self) -> None:
        self.legend.retranslate()
        self.find_bar.retranslate()

    def is_painted(self) -> bool:
        """Whether the whole text and every highlight asked for are in the document."""
        return self.view.is_painted()

    def finish_painting(self) -> None:
        """Show the rest of the text and paint every highlight still pending now (screenshots, tests)."""
        self.view.finish_painting()

    # --- reading positions (what the window remembers per article)

    def first_visible_offset(self) -> int:
        return self.view.first_visible_offset()

    def scroll_to_offset(self, offset: int) -> None:
        self.view.scroll_to_offset(offset)

    # --- the reader's commands (menus, toolbar, the entity panel)

    def copy(self) -> None:
        self.view.copy()

    def open_find(self) -> None:
        self.finder.open_find()

    def find_next(self) -> None:
        self.finder.find_next()

    def find_previous(self) -> None:
        self.finder.find_previous()

    def select_entity(self, entity_id: str) -> None:
        """Select ``entity_id`` and go to its first mention."""
        self.navigation.select_entity(entity_id)

    def go_to_mention(self, mention_index: int) -> None:
        """Go to mention ``mention_index`` (of ``Analysis.mentions``) and select its entity."""
        self.navigation.go_to_mention(mention_index)

    def mark_type(self, entity_type: EntityType) -> None:
        """Mark every mention of ``entity_type`` beside the scroll bar."""
        self.navigation.mark_type(entity_type)

    def next_mention(self) -> None:
        self.navigation.next_mention()

    def previous_mention(self) -> None:
        self.navigation.previous_mention()

    def zoom_in(self) -> None:
        self.view.zoom_in()

    def zoom_out(self) -> None:
        self.view.zoom_out()

    def reset_zoom(self) -> None:
        self.view.reset_zoom()

    def _on_legend_toggled(self, _entity_type: EntityType, _shown: bool) -> None:
        enabled = self.legend.enabled_types()
        self.view.set_enabled_types(enabled)
        self.navigation.revalidate()
        self.types_toggled.emit(enabled)
