"""The second pass: what the first pass said about the same word elsewhere in the document.

A name is often clear in one sentence (الرئيس الأمريكي جورج بوش) and opaque
in another (وقال بوش). The second CRF sees, besides the first pass's features,
the first pass's own tags: the token's tag and its neighbours' (``s0``,
``s-1``, ``s+1``), the entity types the first pass gave the same clitic-free
word at its *other* occurrences in the document (``sd=PERS`` ...), and
whether the word ended (``sd=SUR``) or began (``sd=GIVEN``) a multi-word person
name elsewhere (كارتر after آشتون كارتر).

To learn how far to trust first-pass tags, the second pass is trained on
tags the first pass produced for text it had *not* seen: each half of the
training data is tagged by a first-pass model trained on the other half.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from reader.analysis.ner.conll import bio_spans

_TYPES = ("PERS", "LOC", "ORG")
#: Every token gets its own and its neighbours' first-pass tags; more means evidence.
BASE_STACKED_FEATURES = 3


def stacked_features(keys: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]) -> list[list[list[str]]]:
    """Extra features for every token of a document.

    ``keys`` are the tokens' clitic-free forms (``FeatureExtractor.keys``),
    ``tags`` the first pass's BIO tags, both one list per sentence.
    """
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    surnames: Counter[str] = Counter()
    given: Counter[str] = Counter()
    # A repeated sentence counts once (see ``features.distinct_sentences``).
    seen: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    for sentence_keys, sentence_tags in zip(keys, tags, strict=True):
        copy = (tuple(sentence_keys), tuple(sentence_tags))
        if copy in seen:
            continue
        seen.add(copy)
        for key, tag in zip(sentence_keys, sentence_tags, strict=True):
            if tag != "O":
                by_type[key][tag[2:]] += 1
        for kind, first, last in bio_spans(sentence_tags):
            if kind == "PERS" and last - first > 1:
                surnames[sentence_keys[last - 1]] += 1
                given[sentence_keys[first]] += 1

    out: list[list[list[str]]] = []
    for sentence_keys, sentence_tags in zip(keys, tags, strict=True):
        last_of_span: set[int] = set()
        first_of_span: set[int] = set()
        if any(tag != "O" for tag in sentence_tags):
            for kind, first, last in bio_spans(sentence_tags):
                if kind == "PERS" and last - first > 1:
                    last_of_span.add(last - 1)
                    first_of_span.add(first)
        padded = ["edge", *sentence_tags, "edge"]
        feats_sentence: list[list[str]] = []
        for i, key in enumerate(sentence_keys):
            tag = padded[i + 1]
            feats = [_S0[tag], _BEFORE[padded[i]], _AFTER[padded[i + 2]]]
            counts = by_type.get(key)
            if counts:
                own_type = tag[2:]
                for kind in _TYPES:
                    if counts[kind] > (own_type == kind):
                        feats.append("sd=" + kind)
            if key in surnames and surnames[key] > (i in last_of_span):
                feats.append("sd=SUR")
            if key in given and given[key] > (i in first_of_span):
                feats.append("sd=GIVEN")
            feats_sentence.append(feats)
        out.append(feats_sentence)
    return out


class _Prefixed(dict):
    """``prefix + tag`` strings, built once per tag."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def __missing__(self, tag: str) -> str:
        self[tag] = value = self.prefix + tag
        return value


_S0, _BEFORE, _AFTER = _Prefixed("s0="), _Prefixed("s-1="), _Prefixed("s+1=")
