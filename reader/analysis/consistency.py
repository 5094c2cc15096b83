"""Document-level consistency: a name found confidently once is found everywhere.

A recognizer tagging sentence by sentence misses a name where the context is
weak, even though the same article named it clearly elsewhere. This pass
takes the confident spans of the whole document, and tags every other
occurrence of the same name — including its clitic variants (الموصل →
بالموصل، والموصل، للموصل) — and, for people, the surname alone
(آشتون كارتر ... later كارتر).

Precision guards: only spans with ``score >= min_score`` teach; names are
compared in normalized form (``ner.wordforms``); a one-word name must be at
least three letters and must not be a common word (a word the training data
saw several times, mostly outside names — so على, normalized to علي, is
never propagated as the person علي); a name the document tagged with two
different types only propagates with the clearly dominant one.

    >>> # "الموصل" tagged once as a place → "بالموصل" later is a place too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from functools import lru_cache

from reader.analysis.ner.wordforms import article_stem, normalize_word, proclitic_candidates
from reader.analysis.recognizer import TokenizedText
from reader.analysis.tokens import index_of, token_offsets
from reader.document import Span
from reader.entity_types import EntityType

NAME_TYPES = (EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION)
#: Spans below this confidence do not teach (chosen on the dev split, docs/model.md).
MIN_SCORE = 0.8
#: A name's type must carry this share of the document's votes for it.
MIN_SHARE = 0.7
#: Confidence given to a propagated span (its evidence is indirect).
PROPAGATED_SCORE = 0.9
MIN_LETTERS = 3
#: Words that join a surname to the name before it: بن لادن، أبو مازن، عبد الله.
_PARTICLES = frozenset(normalize_word(w) for w in ["بن", "ابن", "بنت", "أبو", "أبي", "أبا", "أم", "آل", "عبد"])

Key = tuple[str, ...]


def propagate(
    doc: TokenizedText,
    spans: Sequence[Span],
    *,
    common_words: Collection[str] | None = None,
    min_score: float = MIN_SCORE,
) -> list[Span]:
    """``spans`` plus the other occurrences of their names in ``doc``, sorted by start.

    ``common_words`` are normalized words never propagated alone (default: the
    shipped model's common-word lexicon). Tokens already inside a span are left
    as they are; only untagged tokens gain new spans.
    """
    common = shipped_common_words() if common_words is None else common_words
    text = doc.text
    # Offsets arrays and one normalized word (a shared, cached string) per
    # token: a 6-million-token article must not cost a dict entry per token.
    starts, ends = token_offsets(doc.tokens)
    norms = [normalize_word(text[start:end]) for start, end in zip(starts, ends, strict=True)]

    votes: dict[Key, dict[EntityType, float]] = defaultdict(lambda: defaultdict(float))
    covered = bytearray(len(norms))
    for span in spans:
        first, last = index_of(starts, span.start), index_of(ends, span.end)
        if first is None or last is None:
            continue
        covered[first : last + 1] = b"\x01" * (last + 1 - first)
        if span.type not in NAME_TYPES or span.score < min_score:
            continue
        words = norms[first : last + 1]
        for key in _keys(words, span.type):
            if _usable(key, common):
                votes[key][span.type] += span.score

    names: dict[str, list[tuple[Key, EntityType, float]]] = defaultdict(list)
    for key, by_type in votes.items():
        entity_type, weight = max(by_type.items(), key=lambda kv: kv[1])
        if weight / sum(by_type.values()) >= MIN_SHARE:
            names[key[0]].append((key, entity_type, weight))
    for entries in names.values():
        entries.sort(key=lambda e: -len(e[0]))  # longest name first

    # A name never runs across a sentence boundary: a match ends in its first word's sentence.
    sentence_end = [len(norms)] * len(norms)
    for sentence in doc.sentences:
        sentence_end[sentence.first : sentence.last] = [sentence.last] * (sentence.last - sentence.first)
    found = list(spans)
    n = len(norms)
    i = 0
    while i < n:
        match = None if covered[i] else _match_at(i, norms, covered, names, sentence_end[i])
        if match is None:
            i += 1
            continue
        length, entity_type = match
        start, end = starts[i], ends[i + length - 1]
        found.append(Span(start, end, entity_type, score=PROPAGATED_SCORE))
        i += length
    found.sort(key=lambda s: (s.start, -s.end))
    return found


def _keys(words: Sequence[str], entity_type: EntityType) -> list[Key]:
    """The lookup keys a confident span teaches: its whole name, and a person's surname."""
    keys = [(_bare(words[0]), *words[1:])]
    if entity_type is EntityType.PERSON and len(words) >= 2:
        if len(words) >= 3 and words[-2] in _PARTICLES:
            keys.append((words[-2], words[-1]))
        elif words[-2] not in _PARTICLES:
            keys.append((_bare(words[-1]),))
    return keys


def _bare(word: str) -> str:
    """The word without its proclitics and article: بالموصل → موصل."""
    return article_stem(word) or word


def _usable(key: Key, common: Collection[str]) -> bool:
    if len(key) > 1:
        return True
    word = key[0]
    return len(word) >= MIN_LETTERS and word not in common and "ال" + word not in common


def _match_at(
    i: int,
    norms: Sequence[str],
    covered: bytearray,
    names: dict[str, list[tuple[Key, EntityType, float]]],
    end: int,
) -> tuple[int, EntityType] | None:
    """The longest known name starting at token ``i`` and ending before token ``end``
    (its first word may carry clitics)."""
    word = norms[i]
    stem = article_stem(word)
    candidates = (stem,) if stem is not None else proclitic_candidates(word)
    best: tuple[int, EntityType] | None = None
    for candidate in candidates:
        for key, entity_type, _ in names.get(candidate, ()):
            k = len(key)
            if best is not None and k <= best[0]:
                continue
            if i + k > end or any(covered[i : i + k]):
                continue
            if tuple(norms[i + 1 : i + k]) == key[1:]:
                best = (k, entity_type)
    return best


@lru_cache(maxsize=1)
def shipped_common_words() -> frozenset[str]:
    """Normalized words the shipped model's training data saw 2+ times, mostly outside names."""
    from reader.analysis.ner.crf import ModelError, OfflineRecognizer

    try:
        return OfflineRecognizer.load().common_words()
    except ModelError:  # no model: only the length guard applies
        return frozenset()
