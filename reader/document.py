"""Plain data that flows through the app: Source → Analysis.

No Qt and no I/O here. Offsets are code-point indices into ``Source.text``,
half-open ``[start, end)``; ``Source.text`` is exactly what the reader sees
(the file's text with only the BOM removed and line endings unified).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

from reader.entity_types import TYPE_ORDER, EntityType

Number = int | float

#: Who decided a mention: the recognizers, the user's lexicon, or the user's own
#: correction in this document. Precedence, where they disagree: correction >
#: lexicon > model.
MentionSource = Literal["model", "lexicon", "correction"]
SOURCES: tuple[MentionSource, ...] = ("model", "lexicon", "correction")


@dataclass(frozen=True, slots=True)
class Source:
    """A loaded article.

    ``path`` is None for text that did not come from a file; ``encoding`` is the
    codec the bytes were decoded with (``"utf-8"``, ``"utf-16"``, ``"cp1256"``,
    ``"iso-8859-6"``, ``"utf-8-sig"`` ...); ``format`` is ``"text"``, ``"html"``
    or ``"markdown"``; ``title`` is the article's title when the file names one
    (an HTML ``<title>``/``<h1>``, a Markdown heading), else None.
    """

    text: str
    path: str | None = None
    encoding: str = "utf-8"
    format: str = "text"
    title: str | None = None

    @property
    def display_name(self) -> str:
        """A short name for window titles and exports."""
        if self.title:
            return self.title
        if self.path:
            from pathlib import PurePath

            return PurePath(self.path).name
        return ""


@dataclass(frozen=True, slots=True)
class Span:
    """What a recognizer found: a typed stretch of the text, before grouping.

    ``value`` is set for figures whose numeric value is known (خمسة آلاف → 5000).
    ``score`` is the recognizer's confidence in [0, 1] when it has one.
    ``source`` says who found it (``MentionSource``): recognizers leave it
    ``"model"``; the user's lexicon and corrections set theirs.
    """

    start: int
    end: int
    type: EntityType
    value: Number | None = None
    score: float = 1.0
    source: MentionSource = "model"


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in the text; ``source`` says who decided it (``MentionSource``)."""

    start: int
    end: int
    type: EntityType
    text: str
    entity: str  # Entity.id
    value: Number | None = None
    source: MentionSource = "model"

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "type": self.type.value,
            "text": self.text,
            "entity": self.entity,
            "value": self.value,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Entity:
    """Mentions merged into one thing: الموصل, بالموصل and والموصل are one place.

    ``name`` is the readable canonical name; ``variants`` are the distinct
    surface forms seen, most frequent first; ``mentions`` are indices into
    ``Analysis.mentions``, in text order.
    """

    id: str
    type: EntityType
    name: str
    variants: tuple[str, ...]
    mentions: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.mentions)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type.value,
            "name": self.name,
            "count": self.count,
            "variants": list(self.variants),
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the views and exports show for one Source.

    ``mentions`` are sorted by start and never overlap. ``entities`` are
    ordered by type (TYPE_ORDER) then first appearance. ``recognizer`` names
    the model that found people, places and organizations. ``check_analysis``
    says whether an Analysis keeps these promises.
    """

    source: Source
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    recognizer: str = ""
    notes: tuple[str, ...] = field(default=())  # one-line messages for the user
    _by_id: dict[str, Entity] = field(init=False, repr=False, compare=False, default_factory=dict)
    _counts: dict[EntityType, int] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {entity.id: entity for entity in self.entities})

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id (KeyError if none)."""
        return self._by_id[entity_id]

    def has_entity(self, entity_id: str) -> bool:
        return entity_id in self._by_id

    def entities_of(self, entity_type: EntityType) -> tuple[Entity, ...]:
        return tuple(e for e in self.entities if e.type is entity_type)

    def counts(self) -> dict[EntityType, int]:
        """Mention count per type, every type present (zero when absent); counted once."""
        if not self._counts:
            counts = dict.fromkeys(TYPE_ORDER, 0)
            for mention in self.mentions:
                counts[mention.type] += 1
            self._counts.update(counts)
        return dict(self._counts)

    def to_dict(self) -> dict[str, Any]:
        """The command-line JSON contract of GUIDE.md."""
        return {
            "source": self.source.path or "",
            "encoding": self.source.encoding,
            "text": self.source.text,
            "mentions": [m.to_dict() for m in self.mentions],
            "entities": [e.to_dict() for e in self.entities],
        }


# --- identities --------------------------------------------------------------


def document_key(text: str) -> str:
    """The identity of a document: the SHA-256 of its shown text (``Source.text``).

    Corrections and the library find an article by it, whatever its file is
    called or wherever it is opened from; a changed text is another document.

    >>> document_key("بغداد")[:12]
    'd7f5052ebe2c'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entity_id(entity_type: EntityType, key: str) -> str:
    """The stable id of an entity: its type and its normalized name.

    ``key`` is the name as grouping compares it (diacritics, letter variants,
    clitics and the article folded away), so the same entity has the same id
    in every article and after edits elsewhere in one:

    >>> entity_id(EntityType.PLACE, "موصل")
    'place:موصل'
    """
    return f"{entity_type.value}:{key}"


def anchor_id(entity_id: str) -> str:
    """A short id safe in HTML ``id``/``href`` and CSS selectors, stable for ``entity_id``.

    >>> anchor_id("place:موصل")
    'e-b15ec17deb'
    """
    return "e-" + hashlib.blake2s(entity_id.encode("utf-8"), digest_size=5).hexdigest()


# --- the contract ------------------------------------------------------------


class InvalidAnalysis(ValueError):
    """An Analysis breaks the contract of this module; ``str(error)`` is one line."""


def check_analysis(analysis: Analysis) -> None:
    """Raise InvalidAnalysis unless ``analysis`` keeps the promises views and exports rely on.

    Mentions are non-empty, inside the text, sorted and disjoint, and each
    one's ``text`` is the slice of the source text it covers; every mention
    names an entity of the analysis (when it has entities), and every
    ``Entity.mentions`` index exists. Example: mentions [4, 10) and [8, 12)
    overlap → InvalidAnalysis("mention 1 [8, 12) overlaps or precedes ...").
    """
    text = analysis.source.text
    previous_end = 0
    for index, mention in enumerate(analysis.mentions):
        where = f"mention {index} [{mention.start}, {mention.end})"
        if not 0 <= mention.start < mention.end <= len(text):
            raise InvalidAnalysis(f"{where} is empty or outside the text (length {len(text)})")
        if mention.start < previous_end:
            raise InvalidAnalysis(f"{where} overlaps or precedes the previous mention")
        if text[mention.start : mention.end] != mention.text:
            raise InvalidAnalysis(f"{where} says {mention.text!r} but the text there differs")
        if analysis.entities and not analysis.has_entity(mention.entity):
            raise InvalidAnalysis(f"{where} names entity {mention.entity!r}, which the analysis does not have")
        previous_end = mention.end
    for entity in analysis.entities:
        for index in entity.mentions:
            if not 0 <= index < len(analysis.mentions):
                raise InvalidAnalysis(
                    f"entity {entity.id!r} refers to mention {index}, "
                    f"but the analysis has {len(analysis.mentions)} mentions"
                )
