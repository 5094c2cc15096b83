"""Entity grouping: merge mentions of the same thing into one Entity.

Mentions are merged when their keys match. A key ignores what Arabic spelling
and grammar add around a name:

- proclitics: و/ف (and), ب/ل/ك (prepositions), لل (ل + ال): بالموصل، والموصل،
  للموصل → الموصل;
- the definite article: الموصل ≈ موصل;
- diacritics, tatweel, alef/hamza forms, alef maqsura/ya, ta marbuta/ha.

A person named by surname alone is linked to the full name seen in the same
article (كارتر → آشتون كارتر; العاكوب → نوفل العاكوب). A key tagged with
different types in one article takes its majority type, so one name is never
listed twice. Figures merge by numeric value (3500 and ٣٥٠٠ are one figure).

An entity's id is its type and its key (``place:موصل``, ``figure:3500``):
never its position, so it names the same entity in every article and
survives edits elsewhere in the text.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from reader.analysis.arabic import base_form, normalize_form, strip_article
from reader.document import Entity, Mention, Number, Span, entity_id
from reader.entity_types import TYPE_ORDER, EntityType

Key = tuple[str, ...] | tuple[str, Number]


@dataclass(slots=True)
class _Group:
    type: EntityType
    key: Key  # the key its mentions share (a surname joins the full name's group and key)
    members: list[int]  # indices into the span list, text order


def _base_words(surface: str, known: set[str]) -> list[str]:
    """The words of a name with the proclitics of its first word removed."""
    words = surface.split()
    if words:
        words[0] = base_form(words[0], known)
    return words


def _word_keys(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(strip_article(normalize_form(w)) for w in words)


def group_entities(text: str, spans: Sequence[Span]) -> tuple[tuple[Mention, ...], tuple[Entity, ...]]:
    """Group sorted, non-overlapping ``spans`` of ``text`` into mentions and entities.

    Returns mentions in text order and entities ordered by type, then first
    appearance; entity ids are ``entity_id(type, key)`` (``"place:موصل"``).
    """
    surfaces = [text[s.start : s.end] for s in spans]
    # Normalized first words of all names: lets وبغداد reduce to بغداد only
    # when بغداد itself occurs, so وليد is never cut to ليد.
    known = {
        normalize_form(surface.split()[0])
        for span, surface in zip(spans, surfaces, strict=True)
        if span.type is not EntityType.FIGURE and surface.split()
    }

    bases: list[str] = []
    keys: list[Key] = []
    for span, surface in zip(spans, surfaces, strict=True):
        if span.type is EntityType.FIGURE:
            bases.append(surface)
            keys.append(("figure", span.value) if span.value is not None else ("figure-text", normalize_form(surface)))
        else:
            words = _base_words(surface, known)
            bases.append(" ".join(words))
            keys.append(_word_keys(words))

    groups = _group_by_key(spans, keys)
    _link_surnames(groups)

    ordered = sorted(groups, key=lambda g: (TYPE_ORDER.index(g.type), g.members[0]))
    entity_of: dict[int, str] = {}
    type_of: dict[int, EntityType] = {}
    entities: list[Entity] = []
    for group in ordered:
        identity = entity_id(group.type, key_name(group.key))
        for i in group.members:
            entity_of[i] = identity
            type_of[i] = group.type
        entities.append(_make_entity(identity, group, bases, surfaces))

    mentions = tuple(
        Mention(s.start, s.end, type_of[i], surfaces[i], entity_of[i], s.value) for i, s in enumerate(spans)
    )
    # Entity.mentions index Analysis.mentions; spans are already in text order.
    return mentions, tuple(entities)


def key_name(key: Key) -> str:
    """The key as the text of an id: the folded words of a name, or a figure's value.

    >>> key_name(("امم", "متحده"))
    'امم متحده'
    >>> key_name(("figure", 1500000.0)), key_name(("figure", 1.5))
    ('1500000', '1.5')
    """
    if key[:1] == ("figure",):
        value = key[1]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value)
    if key[:1] == ("figure-text",):
        return str(key[1])
    return " ".join(str(word) for word in key)


def _group_by_key(spans: Sequence[Span], keys: Sequence[Key]) -> list[_Group]:
    """One group per key; a name's type is the majority of its mentions' types."""
    by_key: dict[Key, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        by_key[key].append(i)
    groups = []
    for key, members in by_key.items():
        votes = Counter(spans[i].type for i in members)
        best = max(votes.values())
        # Ties go to the type seen first.
        winner = next(spans[i].type for i in members if votes[spans[i].type] == best)
        groups.append(_Group(winner, key, members))
    return groups


def _link_surnames(groups: list[_Group]) -> None:
    """Merge person groups named by one word into the full name containing it.

    The last word of a full name (the surname) wins over a first name; when
    several full names share that word, the most mentioned one wins.
    """
    # A name's key is its words (only a figure's key holds a number).
    people = [(g, tuple(str(w) for w in g.key)) for g in groups if g.type is EntityType.PERSON]
    full = [(g, words) for g, words in people if len(words) > 1]
    if not full:
        return
    by_last: dict[str, list[_Group]] = defaultdict(list)
    by_any: dict[str, list[_Group]] = defaultdict(list)
    for g, words in full:
        by_last[words[-1]].append(g)
        for w in set(words[:-1]):
            by_any[w].append(g)
    merged: set[int] = set()
    for g, words in people:
        if len(words) != 1 or len(words[0]) < 3:
            continue
        candidates = by_last.get(words[0]) or by_any.get(words[0])
        if not candidates:
            continue
        target = max(candidates, key=lambda c: (len(c.members), -c.members[0]))
        target.members = sorted(target.members + g.members)
        merged.add(id(g))
    groups[:] = [g for g in groups if id(g) not in merged]


def _make_entity(identity: str, group: _Group, bases: Sequence[str], surfaces: Sequence[str]) -> Entity:
    """Name an entity by its most frequent base form among its longest ones.

    Longest first so a person is named by the full name, not the surname;
    ties go to the form seen first.
    """
    forms = Counter(bases[i] for i in group.members)
    first_seen: dict[str, int] = {}
    for i in group.members:
        first_seen.setdefault(bases[i], i)
    name = max(forms, key=lambda f: (len(f.split()), forms[f], -first_seen[f]))
    variants = Counter(surfaces[i] for i in group.members)
    order: dict[str, int] = {}
    for i in group.members:
        order.setdefault(surfaces[i], i)
    ranked = sorted(variants, key=lambda v: (-variants[v], order[v]))
    return Entity(identity, group.type, name, tuple(ranked), tuple(group.members))
