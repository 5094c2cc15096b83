"""Selecting an entity and walking through its mentions, the text and the scroll-bar marks in step.

``MentionNavigation`` drives the reading view (jump and flash, scroll-bar
marks) with the Qt-free ``navigation.MentionNavigator``, which decides where
each step goes, and says what changed: ``entity_selected(id)`` (the entity
panel follows) and ``position_changed(position, count)`` (the toolbar's
"3 / 12"). The rules:

- clicking an entity goes to its first mention; clicking a mention row or
  a highlight selects that mention;
- Next/Previous walk the selected entity's mentions and wrap around; with
  nothing selected they follow the mention at the cursor;
- a type's header marks the whole type beside the scroll bar.

Texts are filed under the "MainWindow" context.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal

from reader.document import Analysis
from reader.entity_types import EntityType
from reader.ui.article.navigation import MentionNavigator
from reader.ui.article.qt_reading_view import ReadingView
from reader.ui.theme import type_color


class MentionNavigation(QObject):
    """Signals: ``entity_selected(str)`` (the selected entity, chosen here or
    from the text), ``position_changed(int, int)`` (1-based position of the
    shown mention or 0, and the selected entity's mention count; 0, 0 when
    nothing is selected), ``message(str)`` (a hint for the status bar)."""

    entity_selected = Signal(str)
    position_changed = Signal(int, int)
    message = Signal(str)

    def __init__(
        self,
        view: ReadingView,
        enabled_types: Callable[[], frozenset[EntityType]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.enabled_types = enabled_types
        self.model = MentionNavigator()
        view.mention_clicked.connect(lambda i: self.go_to_mention(i, scroll=False))

    @property
    def analysis(self) -> Analysis | None:
        return self.model.analysis

    def set_analysis(self, analysis: Analysis | None, revalidate: bool = True) -> None:
        """Follow new results; with ``revalidate``, drop a selection they no longer have."""
        self.model.set_analysis(analysis)
        if revalidate:
            self.revalidate()

    def clear(self) -> None:
        self.model.clear()
        self.view.marks.set_marks([], type_color(EntityType.PERSON))
        self._report_position()

    def revalidate(self) -> None:
        """After new results or a type hidden: keep the selection only if it still exists and shows."""
        if self.model.entity_id is None:
            return
        if self.model.revalidate(self.enabled_types()):
            self._mark_selected()
            self._report_position()
        else:
            self.clear()

    def state(self) -> tuple[str | None, int, int]:
        """(selected entity id, 1-based position of the shown mention or 0, its mention count)."""
        return self.model.state()

    # --- the reader's requests

    def select_entity(self, entity_id: str, jump: bool = True) -> None:
        """Make ``entity_id`` the one Next/Previous walk through; with ``jump``, go to its first mention."""
        first = self.model.select(entity_id, jump)
        if self.model.entity_id != entity_id:
            return
        self.entity_selected.emit(entity_id)
        self._mark_selected()
        if first is not None:
            self._show(first)
        self._report_position()

    def go_to_mention(self, mention_index: int, scroll: bool = True) -> None:
        """Select mention ``mention_index`` (of ``Analysis.mentions``) and its entity."""
        entity_id = self.model.select_mention(mention_index)
        if entity_id is None:
            return
        self.entity_selected.emit(entity_id)
        self._mark_selected()
        if scroll:
            self._show(mention_index)
        self._report_position()

    def next_mention(self) -> None:
        self._step(+1)

    def previous_mention(self) -> None:
        self._step(-1)

    def mark_type(self, entity_type: EntityType) -> None:
        """Mark every mention of ``entity_type`` beside the scroll bar."""
        if self.analysis is not None:
            spans = [(m.start, m.end) for m in self.analysis.mentions if m.type is entity_type]
            self.view.set_marks(spans, type_color(entity_type))

    # --- internals

    def _step(self, step: int) -> None:
        if self.analysis is None:
            return
        if self.model.entity() is None:
            entity_id = self.model.adopt_at(self.view.selection_offsets()[0], self.enabled_types())
            if entity_id is None:
                self.message.emit(QCoreApplication.translate("MainWindow", "Select an entity in the panel first."))
                return
            self.entity_selected.emit(entity_id)
            self._mark_selected()
        mention = self.model.step(step)
        if mention is not None:
            self._show(mention)
        self._report_position()

    def _show(self, mention_index: int) -> None:
        assert self.analysis is not None
        mention = self.analysis.mentions[mention_index]
        self.view.go_to(mention.start, mention.end, type_color(mention.type))

    def _mark_selected(self) -> None:
        entity = self.model.entity()
        if entity is not None:
            self.view.set_marks(self.model.spans(), type_color(entity.type))

    def _report_position(self) -> None:
        _entity, position, count = self.model.state()
        self.position_changed.emit(position, count)
