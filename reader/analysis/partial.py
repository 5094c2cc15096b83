"""Partial results of a long analysis, built chunk by chunk in linear time.

While an article is analyzed, the reader sees what was found so far. Each
chunk's spans are resolved and grouped on their own (``pipeline._assemble``)
and ``PartialAnalysis.add`` appends them: the mentions found before never
change, so a partial result only ever *adds* mentions after the previous
one's (the window sends and paints only those). Entities with the same id
(``place:موصل``) merge across chunks.

Regrouping everything found so far after every chunk, as the pipeline once
did, made a long article quadratic: at 1,000,000 words the partial results
cost several times the analysis itself. Grouping across chunks (a surname
linked to a full name seen in another chunk) and document-wide consistency
happen once, in the final result, which may differ from the last partial.
"""

from __future__ import annotations

from reader.document import Analysis, Entity, Mention, Source
from reader.entity_types import TYPE_ORDER, EntityType


class PartialAnalysis:
    """The mentions and entities found in the chunks added so far."""

    def __init__(self, source: Source, recognizer: str) -> None:
        self._source = source
        self._recognizer = recognizer
        self._mentions: list[Mention] = []
        self._entities: dict[str, Entity] = {}
        self._order: dict[EntityType, list[str]] = {t: [] for t in TYPE_ORDER}  # ids by first appearance

    def add(self, chunk: Analysis) -> Analysis:
        """Append ``chunk`` (the next chunk's mentions, grouped alone) and return everything so far.

        Costs the chunk's size plus a copy of the mention list (in C).
        """
        offset = len(self._mentions)
        self._mentions.extend(chunk.mentions)
        for entity in chunk.entities:
            indices = tuple(i + offset for i in entity.mentions)
            known = self._entities.get(entity.id)
            if known is None:
                self._entities[entity.id] = Entity(entity.id, entity.type, entity.name, entity.variants, indices)
                self._order[entity.type].append(entity.id)
            else:
                seen = set(known.variants)
                variants = known.variants + tuple(v for v in entity.variants if v not in seen)
                self._entities[entity.id] = Entity(known.id, known.type, known.name, variants, known.mentions + indices)
        entities = tuple(self._entities[i] for t in TYPE_ORDER for i in self._order[t])
        return Analysis(self._source, tuple(self._mentions), entities, self._recognizer)
