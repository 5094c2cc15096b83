"""An article's analysis as the library keeps it, and back to an ``Analysis``.

The library stores an article's mentions as rows: which entity (its stable
id, type and name in that article) and where. ``analysis_from_rows`` turns
such rows back into the ``Analysis`` they came from, so the user's lexicon
and corrections can be applied again, or an article exported, without
running the model. Figure values are not stored: a figure's id holds its
value (``figure:1500000``), which is all grouping needs.

When the user's data changed what the model found in an article, the rows
hold the adjusted analysis and the model's own is kept beside them,
packed (``pack_model``): about a kilobyte per such article.
"""

from __future__ import annotations

import json
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from reader.document import Analysis, Entity, Mention, Number, Source
from reader.entity_types import TYPE_ORDER, EntityType

#: One mention as stored: (entity id, entity type, entity name, start, end).
Row = tuple[str, str, str, int, int]


def rows_of(analysis: Analysis) -> list[Row]:
    """``analysis``'s mentions as rows, in text order."""
    names = {e.id: e.name for e in analysis.entities}
    return [(m.entity, m.type.value, names.get(m.entity, m.text), m.start, m.end) for m in analysis.mentions]


def pack_model(analysis: Analysis) -> bytes:
    """The model's mentions of an article, compact (``unpack_model`` reads them)."""
    index: dict[str, int] = {}
    entities: list[list[str]] = []
    mentions: list[list[int]] = []
    for key, kind, name, start, end in rows_of(analysis):
        if key not in index:
            index[key] = len(entities)
            entities.append([key, kind, name])
        mentions.append([index[key], start, end])
    data = json.dumps({"e": entities, "m": mentions}, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(data.encode("utf-8"), 6)


def unpack_model(data: bytes) -> list[Row]:
    packed = json.loads(zlib.decompress(data).decode("utf-8"))
    entities = packed["e"]
    return [(*entities[i], start, end) for i, start, end in packed["m"]]


def analysis_from_rows(source: Source, rows: Iterable[Row], recognizer: str = "") -> Analysis:
    """The Analysis of ``source`` whose mentions ``rows`` are (any order; every ``text[start:end]`` valid).

    Entities are ordered as the pipeline orders them (by type, then first
    mention); an entity's variants by frequency, then first appearance.
    """
    text = source.text
    ordered = sorted(rows, key=lambda row: row[3])
    mentions = tuple(
        Mention(start, end, EntityType(kind), text[start:end], key, figure_value(key) if kind == "figure" else None)
        for key, kind, _, start, end in ordered
    )
    names = {key: name for key, _, name, _, _ in ordered}
    members: dict[str, list[int]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        members[mention.entity].append(index)
    entities = [_entity(key, names[key], mentions, indices) for key, indices in members.items()]
    entities.sort(key=lambda e: (TYPE_ORDER.index(e.type), e.mentions[0]))
    return Analysis(source, mentions, tuple(entities), recognizer)


def _entity(key: str, name: str, mentions: Sequence[Mention], indices: list[int]) -> Entity:
    forms = Counter(mentions[i].text for i in indices)
    first: dict[str, int] = {}
    for i in indices:
        first.setdefault(mentions[i].text, i)
    variants = tuple(sorted(forms, key=lambda v: (-forms[v], first[v])))
    return Entity(key, mentions[indices[0]].type, name, variants, tuple(indices))


def figure_value(key: str) -> Number | None:
    """The value a figure's id names (``figure:1500000`` → 1500000), or None (``figure:بضع``).

    >>> figure_value("figure:1500000"), figure_value("figure:1.5"), figure_value("figure:بضع")
    (1500000, 1.5, None)
    """
    text = key.partition(":")[2]
    if not text or not text.isascii():
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None
