"""The reader's place in an article: the selected entity and which of its mentions is shown.

Qt-free, so the rules are tested without a window. The window asks these
objects where to go and tells the reading view to go there.

``MentionNavigator`` walks one entity's mentions: after selecting العبادي
(mentioned at 12, 140 and 903), ``step(+1)`` gives the mention at 140, then
903, then wraps to 12; ``state()`` is what the toolbar shows ("2 / 3").

``MatchCursor`` does the same for Find's matches, starting at the first match
at or after the reader's cursor.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reader.document import Analysis, Entity
from reader.entity_types import EntityType

Spans = list[tuple[int, int]]


class MentionNavigator:
    """The selected entity and the position of the shown mention among its mentions.

    Every method that moves returns the index (into ``Analysis.mentions``) of
    the mention to show, or None when there is nothing to show.
    """

    def __init__(self) -> None:
        self.analysis: Analysis | None = None
        self.entity_id: str | None = None
        self.position = -1  # index into the entity's mentions; -1: selected, none shown yet
        self._anchor = 0  # with position -1: the step forward goes here, the step back just before

    def set_analysis(self, analysis: Analysis | None) -> None:
        """Follow a new (or fuller) analysis; call ``revalidate`` after it."""
        self.analysis = analysis

    def clear(self) -> None:
        self.entity_id = None
        self.position = -1
        self._anchor = 0

    def entity(self) -> Entity | None:
        """The selected entity, if it still exists."""
        if self.analysis is None or self.entity_id is None:
            return None
        try:
            return self.analysis.entity(self.entity_id)
        except KeyError:
            return None

    def select(self, entity_id: str, jump: bool = True) -> int | None:
        """Select ``entity_id``; with ``jump``, its first mention is the one to show."""
        if self.analysis is None:
            return None
        try:
            entity = self.analysis.entity(entity_id)
        except KeyError:
            return None
        self.entity_id = entity_id
        self.position = 0 if jump and entity.mentions else -1
        self._anchor = 0
        return entity.mentions[0] if self.position == 0 else None

    def select_mention(self, mention_index: int) -> str | None:
        """Select the entity of mention ``mention_index`` at that mention; return the entity id."""
        if self.analysis is None or not 0 <= mention_index < len(self.analysis.mentions):
            return None
        mention = self.analysis.mentions[mention_index]
        try:
            entity = self.analysis.entity(mention.entity)
        except KeyError:
            return None
        self.entity_id = entity.id
        self.position = entity.mentions.index(mention_index) if mention_index in entity.mentions else 0
        return entity.id

    def adopt_at(self, offset: int, enabled: Iterable[EntityType]) -> str | None:
        """With nothing selected: select the entity of the first shown mention ending after ``offset``.

        The next step forward shows that mention; a step back, the entity's
        mention before it.
        """
        if self.analysis is None:
            return None
        types = frozenset(enabled)
        for index, mention in enumerate(self.analysis.mentions):
            if mention.end > offset and mention.type in types:
                self.entity_id = mention.entity
                entity = self.entity()
                self.position = -1
                self._anchor = entity.mentions.index(index) if entity and index in entity.mentions else 0
                return mention.entity
        return None

    def step(self, step: int) -> int | None:
        """Move ``step`` mentions (wrapping around); the mention to show."""
        entity = self.entity()
        if entity is None or not entity.count:
            return None
        if self.position < 0:
            self.position = (self._anchor if step > 0 else self._anchor - 1) % entity.count
        else:
            self.position = (self.position + step) % entity.count
        return entity.mentions[self.position]

    def revalidate(self, enabled: Iterable[EntityType]) -> bool:
        """After new results or a type hidden: drop a selection that is gone or hidden.

        Returns whether something is still selected.
        """
        entity = self.entity()
        if entity is None or entity.type not in frozenset(enabled):
            self.clear()
            return False
        self.position = min(self.position, entity.count - 1)
        return True

    def state(self) -> tuple[str | None, int, int]:
        """(selected entity id, 1-based position of the shown mention or 0, its mention count)."""
        entity = self.entity()
        if entity is None:
            return None, 0, 0
        return entity.id, self.position + 1 if self.position >= 0 else 0, entity.count

    def spans(self) -> Spans:
        """Where the selected entity's mentions are (code points), for the scroll-bar marks."""
        entity = self.entity()
        if entity is None or self.analysis is None:
            return []
        mentions = self.analysis.mentions
        return [(mentions[i].start, mentions[i].end) for i in entity.mentions]


class MatchCursor:
    """Find's matches and the current one; ``step`` wraps around."""

    def __init__(self) -> None:
        self.spans: Spans = []
        self.index = -1

    def set_matches(self, spans: Sequence[tuple[int, int]], cursor_offset: int) -> int:
        """New matches; the current one is the first at or after ``cursor_offset`` (else the first)."""
        self.spans = list(spans)
        self.index = next((i for i, (s, _e) in enumerate(self.spans) if s >= cursor_offset), 0)
        if not self.spans:
            self.index = -1
        return self.index

    def step(self, step: int) -> int:
        if self.spans:
            self.index = (self.index + step) % len(self.spans)
        return self.index

    def clear(self) -> None:
        self.spans = []
        self.index = -1

    def position(self) -> tuple[int, int]:
        """(1-based current match, number of matches)."""
        return self.index + 1, len(self.spans)
