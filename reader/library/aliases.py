"""Entities merged across the library, as grouping merges them within one article.

Within an article, grouping links a surname to the full name and gives a
name tagged with two types its majority type (``reader.analysis.grouping``).
Across articles the same two rules apply to the entities of the whole
library, more carefully, because a library is large:

- a name that kept a clitic because its article never named it bare
  (``organization:ومجلس امن``, where grouping could not tell و from the
  name's first letter) is the bare name when the library has it;
- a name seen with several types (``place:واشنطن`` in most articles,
  ``person:واشنطن`` in a few) counts as the type found in most articles;
- a person named by one word (``person:عبادي``, from an article that never
  gives the full name) is the full name ending in that word
  (``person:حيدر عبادي``) only when exactly one such full name is in the
  library: two people called العبادي stay apart.

    >>> library_aliases([(1, "person:حيدر عبادي", 40), (2, "person:عبادي", 3), (3, "place:عبادي", 1)])
    {3: 1, 2: 1}
    >>> library_aliases([(4, "organization:مجلس امن", 2), (5, "organization:ومجلس امن", 9)])
    {5: 4}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from reader.arabic import CONJUNCTIONS, PREPOSITIONS
from reader.entity_types import TYPE_ORDER, EntityType

#: A surname shorter than this is too common a word to stand for a person.
MIN_SURNAME = 3


def library_aliases(entities: Iterable[tuple[int, str, int]]) -> dict[int, int]:
    """``{alias: canonical}`` for the library's entities, given as ``(id, key, articles)``.

    Only entities in at least one article should be given. Canonical
    entities are never aliases themselves.
    """
    rows = list(entities)
    alias: dict[int, int] = {}
    order = {t.value: i for i, t in enumerate(TYPE_ORDER)}

    named = [(entity, *key.partition(":")[::2], articles) for entity, key, articles in rows]
    named = [
        (entity, kind, name, articles) for entity, kind, name, articles in named if kind != EntityType.FIGURE.value
    ]
    names = {name for _, _, name, _ in named}
    by_name: dict[str, list[tuple[int, str, bool, int]]] = defaultdict(list)
    for entity, kind, name, articles in named:
        bare = _without_clitic(name, names)
        by_name[bare].append((entity, kind, bare == name, articles))
    for same in by_name.values():
        if len(same) > 1:
            # The bare spelling first, then the type in most articles.
            winner = max(same, key=lambda e: (e[2], e[3], -order.get(e[1], len(order)), -e[0]))[0]
            alias.update((entity, winner) for entity, _, _, _ in same if entity != winner)

    people = [(entity, key.partition(":")[2].split()) for entity, key, _ in rows if key.startswith("person:")]
    people = [(entity, words) for entity, words in people if entity not in alias and words]
    by_last: dict[str, list[int]] = defaultdict(list)
    for entity, words in people:
        if len(words) > 1:
            by_last[words[-1]].append(entity)
    for entity, words in people:
        if len(words) == 1 and len(words[0]) >= MIN_SURNAME and len(by_last.get(words[0], ())) == 1:
            alias[entity] = by_last[words[0]][0]

    return {entity: _final(alias, target) for entity, target in alias.items()}


def _without_clitic(name: str, names: set[str]) -> str:
    """``name`` without a leading و/ف and preposition ب/ل/ك when what remains is a name of the library."""
    for cut in (2, 1):
        rest = name[cut:]
        if len(rest) >= MIN_SURNAME and _is_proclitic(name[:cut]) and rest in names:
            return rest
    return name


def _is_proclitic(prefix: str) -> bool:
    if len(prefix) == 1:
        return prefix in CONJUNCTIONS or prefix in PREPOSITIONS
    return prefix[0] in CONJUNCTIONS and prefix[1] in PREPOSITIONS


def _final(alias: dict[int, int], entity: int) -> int:
    seen = set()
    while entity in alias and entity not in seen:
        seen.add(entity)
        entity = alias[entity]
    return entity
