"""camel-tools' NER labels (B-PERS, I-LOC, ...) per word → typed Spans.

camel-tools' model tags each word with B-X (first word of a name), I-X
(inside it) or O, X one of PERS, LOC, ORG, MISC. PERS, LOC and ORG map to our
person, place and organization; MISC (nationalities, events, ...) has no type
here and is dropped.

    قال  محمد    بن     سلمان  في  الرياض
    O    B-PERS  I-PERS I-PERS  O   B-LOC    →  person "محمد بن سلمان", place "الرياض"

A label of ``None`` marks a word the model never saw (it has no wordpiece,
like a stray shadda ``ّ``): it is transparent, so a name around it stays one
span, and it never starts or ends one.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.analysis.tokens import Token
from reader.document import Span
from reader.entity_types import EntityType

#: Label kind (the part after "B-"/"I-") → our type. PER and PERSON are the
#: spellings other CoNLL-style models use for the same thing.
KIND_TYPES: dict[str, EntityType] = {
    "PERS": EntityType.PERSON,
    "PER": EntityType.PERSON,
    "PERSON": EntityType.PERSON,
    "LOC": EntityType.PLACE,
    "ORG": EntityType.ORGANIZATION,
}

# Prefixes that begin a name (B, and S/U for single-word names in BIOES/BILOU)
# and those that continue one (I, and E/L for the last word).
_BEGIN = frozenset({"B", "S", "U"})
_INSIDE = frozenset({"I", "E", "L"})


def split_label(label: str) -> tuple[str, str]:
    """``"B-PERS"`` → ``("B", "PERS")``; ``"O"`` and unknown shapes → ``("O", "")``."""
    prefix, dash, kind = label.partition("-")
    prefix = prefix.upper()
    if not dash or not kind or prefix not in _BEGIN | _INSIDE:
        return "O", ""
    return prefix, kind.upper()


def spans_from_labels(
    tokens: Sequence[Token],
    labels: Sequence[str | None],
    scores: Sequence[float] | None = None,
) -> list[Span]:
    """Spans for one sentence: ``labels[i]`` is the label of ``tokens[i]``.

    An I-X that does not follow X starts a new name (as conlleval reads it);
    MISC and other kinds end the current name and are not returned. A span's
    score is the mean of its words' scores.
    """
    if len(labels) != len(tokens):
        raise ValueError(f"{len(labels)} labels for {len(tokens)} tokens")
    spans: list[Span] = []
    kind = ""  # kind of the open name, "" when none
    first = last = 0  # token indices of the open name's first and last word
    total = 0.0
    count = 0

    def close() -> None:
        entity_type = KIND_TYPES.get(kind)
        if entity_type is not None:
            spans.append(Span(tokens[first].start, tokens[last].end, entity_type, score=total / count))

    for i, label in enumerate(labels):
        if label is None:
            continue  # unseen word: neither breaks nor extends a name
        prefix, word_kind = split_label(label)
        score = 1.0 if scores is None else float(scores[i])
        if prefix in _INSIDE and kind and word_kind == kind:
            last, total, count = i, total + score, count + 1
            continue
        if kind:
            close()
        kind = word_kind
        first = last = i
        total, count = score, 1
    if kind:
        close()
    return spans
