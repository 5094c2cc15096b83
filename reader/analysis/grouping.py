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
listed twice; a type the user gave (lexicon, correction) outvotes the model.
Figures merge by numeric value (3500 and ٣٥٠٠ are one figure). Spans the
user put in an entity (a merge, a split) are *pinned* to its id.

An entity's id is its type and its key (``place:موصل``, ``figure:3500``):
never its position, so it names the same entity in every article and
survives edits elsewhere in the text.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from reader.analysis.arabic import base_form, normalize_form, strip_article
from reader.document import Entity, Mention, MentionSource, Number, Span, entity_id
from reader.entity_types import TYPE_ORDER, EntityType

Key = tuple[str, ...] | tuple[str, Number]

#: How much one span's type weighs in its group's vote, by who found it: the
#: user's word outweighs any number of the model's (precedence correction >
#: lexicon > model), so marking one رويترز as an organization makes the name
#: an organization wherever the model called it a person.
SOURCE_WEIGHT: dict[MentionSource, int] = {"model": 1, "lexicon": 10**6, "correction": 10**12}


@dataclass(slots=True)
class _Group:
    type: EntityType
    key: Key  # the key its mentions share (a surname joins the full name's group and key)
    members: list[int]  # indices into the span list, text order
    identity: str = ""  # the entity id; set for pinned groups, else derived from type and key


@dataclass(slots=True)
class KeyCache:
    """Keys of surfaces already seen, for callers that group the same text again and again.

    A surface's key depends on the document's other names (``known``, see
    ``base_form``), so the cache is emptied whenever they change. The
    corrections engine regroups an article after every edit; with the cache
    only the new surfaces are folded.
    """

    known: frozenset[str] = frozenset()
    keys: dict[tuple[str, bool, Number | None], tuple[str, Key]] = field(default_factory=dict)
    #: The mentions built last time, by their fields (same text: spans are disjoint, so none repeats).
    mentions: dict[tuple[int, int, EntityType, str, Number | None, str], Mention] = field(default_factory=dict)


def _base_words(surface: str, known: frozenset[str] | set[str]) -> list[str]:
    """The words of a name with the proclitics of its first word removed."""
    words = surface.split()
    if words:
        words[0] = base_form(words[0], known)
    return words


def _word_keys(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(strip_article(normalize_form(w)) for w in words)


def name_key(words: Sequence[str], known: frozenset[str] | set[str] = frozenset()) -> tuple[str, ...]:
    """The grouping key of a name given as words: clitics of the first word, the
    article and spelling variants folded away (the lexicon matches by it).

    >>> name_key(["وبالموصل"]), name_key(["للأمم", "المتحدة"])
    (('موصل',), ('امم', 'متحده'))
    """
    return _word_keys(_base_words(" ".join(words), known))


def span_keys(
    text: str, spans: Sequence[Span], cache: KeyCache | None = None, surfaces: Sequence[str] | None = None
) -> tuple[list[str], list[Key]]:
    """The base form (proclitics removed) and grouping key of each span's surface.

    ``surfaces`` are the spans' texts when the caller has them. News repeats
    names, so the work is done once per distinct surface.
    """
    if surfaces is None:
        surfaces = [text[s.start : s.end] for s in spans]
    figure = EntityType.FIGURE
    names = {surface for surface, span in zip(surfaces, spans, strict=True) if span.type is not figure}
    # Normalized first words of all names: lets وبغداد reduce to بغداد only
    # when بغداد itself occurs, so وليد is never cut to ليد.
    known = frozenset(normalize_form(words[0]) for surface in names if (words := surface.split()))
    cache = cache if cache is not None else KeyCache()
    if cache.known != known:
        cache.known, cache.keys = known, {}
    found = cache.keys
    bases: list[str] = []
    keys: list[Key] = []
    for surface, span in zip(surfaces, spans, strict=True):
        lookup = (surface, span.type is figure, span.value)
        entry = found.get(lookup)
        if entry is None:
            if span.type is figure:
                key: Key = (
                    ("figure", span.value) if span.value is not None else ("figure-text", normalize_form(surface))
                )
                entry = (surface, key)
            else:
                words = _base_words(surface, known)
                entry = (" ".join(words), _word_keys(words))
            found[lookup] = entry
        bases.append(entry[0])
        keys.append(entry[1])
    return bases, keys


def group_entities(
    text: str,
    spans: Sequence[Span],
    *,
    pinned: Mapping[int, str] | None = None,
    cache: KeyCache | None = None,
) -> tuple[tuple[Mention, ...], tuple[Entity, ...]]:
    """Group sorted, non-overlapping ``spans`` of ``text`` into mentions and entities.

    Returns mentions in text order and entities ordered by type, then first
    appearance; entity ids are ``entity_id(type, key)`` (``"place:موصل"``).
    ``pinned`` maps span indices to the entity id the user decided they
    belong to (a merge, a split): pinned spans form that entity, whatever
    their keys, of the type the id names, and unpinned spans whose own id is
    the same join it. Each mention keeps its span's ``source``.
    """
    surfaces = [text[s.start : s.end] for s in spans]
    groups, bases = _groups(text, spans, pinned or {}, cache, surfaces)
    ordered = sorted(groups, key=lambda g: (TYPE_ORDER.index(g.type), g.members[0]))
    entity_of: dict[int, str] = {}
    type_of: dict[int, EntityType] = {}
    entities: list[Entity] = []
    for group in ordered:
        for i in group.members:
            entity_of[i] = group.identity
            type_of[i] = group.type
        entities.append(_make_entity(group.identity, group, bases, surfaces))

    if cache is None:
        mentions = tuple(
            Mention(s.start, s.end, type_of[i], surfaces[i], entity_of[i], s.value, s.source)
            for i, s in enumerate(spans)
        )
    else:  # most mentions are as they were the last time: reuse them (a Mention costs more than a look-up)
        previous = cache.mentions
        built: dict[tuple[int, int, EntityType, str, Number | None, str], Mention] = {}
        for i, s in enumerate(spans):
            fields = (s.start, s.end, type_of[i], entity_of[i], s.value, s.source)
            mention = previous.get(fields)
            if mention is None:
                mention = Mention(s.start, s.end, type_of[i], surfaces[i], entity_of[i], s.value, s.source)
            built[fields] = mention
        cache.mentions = built
        mentions = tuple(built.values())
    # Entity.mentions index Analysis.mentions; spans are already in text order.
    return mentions, tuple(entities)


def entity_members(
    text: str,
    spans: Sequence[Span],
    *,
    pinned: Mapping[int, str] | None = None,
    cache: KeyCache | None = None,
) -> dict[str, tuple[EntityType, list[int]]]:
    """What ``group_entities`` would make of ``spans``, without building it: entity id → (type, span indices).

    For callers that need to know which spans an entity has, many times
    (the corrections engine, before each correction that names an entity).
    """
    groups, _ = _groups(text, spans, pinned or {}, cache)
    return {g.identity: (g.type, g.members) for g in groups}


def _groups(
    text: str,
    spans: Sequence[Span],
    pinned: Mapping[int, str],
    cache: KeyCache | None,
    surfaces: Sequence[str] | None = None,
) -> tuple[list[_Group], list[str]]:
    """The groups of ``spans`` with their ids, and the base form of each span."""
    bases, keys = span_keys(text, spans, cache, surfaces)
    free = [i for i in range(len(spans)) if i not in pinned] if pinned else range(len(spans))
    groups = _group_by_key(spans, keys, free)
    _link_surnames(groups)
    for group in groups:
        group.identity = entity_id(group.type, key_name(group.key))
    if pinned:
        groups = _join_pinned(groups, spans, keys, pinned)
    return groups, bases


def _join_pinned(
    groups: list[_Group], spans: Sequence[Span], keys: Sequence[Key], pinned: Mapping[int, str]
) -> list[_Group]:
    """``groups`` with the pinned spans added: one group per pinned id, absorbing the free group of that id."""
    by_id: dict[str, _Group] = {}
    for i in sorted(pinned):
        identity = pinned[i]
        group = by_id.get(identity)
        if group is None:
            group = by_id[identity] = _Group(entity_type_of(identity, spans[i].type), keys[i], [], identity)
        group.members.append(i)
    out: list[_Group] = []
    for group in groups:
        target = by_id.get(group.identity)
        if target is None:
            out.append(group)
        else:
            target.members = sorted(target.members + group.members)
    return out + list(by_id.values())


def entity_type_of(identity: str, default: EntityType) -> EntityType:
    """The type an entity id names (``place:موصل`` → place), or ``default`` if it names none."""
    try:
        return EntityType(identity.partition(":")[0])
    except ValueError:
        return default


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


def folded_name(name: str) -> str:
    """The key grouping gives ``name`` read on its own, as in an entity id (so a typed name finds its entity).

    >>> folded_name("بالموصل"), folded_name("الأمم المتحدة")
    ('موصل', 'امم متحده')
    """
    return key_name(name_key(name.split()))


def _group_by_key(spans: Sequence[Span], keys: Sequence[Key], indices: Sequence[int]) -> list[_Group]:
    """One group per key among ``indices``; a name's type is the majority of its
    mentions' types, each weighted by its source (``SOURCE_WEIGHT``)."""
    by_key: dict[Key, list[int]] = defaultdict(list)
    for i in indices:
        by_key[keys[i]].append(i)
    groups = []
    for key, members in by_key.items():
        kinds = {(spans[i].type, spans[i].source) for i in members}
        if len(kinds) == 1:  # the common case: one type, one source
            groups.append(_Group(spans[members[0]].type, key, members))
            continue
        votes: Counter[EntityType] = Counter()
        for i in members:
            votes[spans[i].type] += SOURCE_WEIGHT[spans[i].source]
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
    # Counted once per member in text order: dicts keep first-seen order, which breaks ties.
    forms: dict[str, int] = {}
    variants: dict[str, int] = {}
    for i in group.members:
        forms[bases[i]] = forms.get(bases[i], 0) + 1
        variants[surfaces[i]] = variants.get(surfaces[i], 0) + 1
    order = {form: n for n, form in enumerate(forms)}
    name = max(forms, key=lambda f: (len(f.split()), forms[f], -order[f]))
    ranked = sorted(variants, key=lambda v: -variants[v])  # stable: ties stay in first-seen order
    return Entity(identity, group.type, name, tuple(ranked), tuple(group.members))
